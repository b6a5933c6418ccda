using System.Diagnostics;
using JasperFx.CommandLine;
using JasperFx.Events.Projections;
using Marten;

namespace Monitoring.Api.Infrastructure;

/// <summary>
/// Rebuilds every projection from the events (issue 19, case 4): each projected document is thrown away and folded again
/// from the event store by Marten's projection daemon (inline projections rebuild the same way as async ones). The hash
/// chain is a subscription, not a projection, and is never replayed: its links are facts, kept once.
/// Each province's record is rebuilt in its own database; <see cref="RebuildCommand"/> runs it.
/// </summary>
public static class ProjectionRebuild
{
    public const string CommandName = "rebuild";

    public static IReadOnlyList<string> ProjectionNames(IDocumentStore store) =>
        store.Options.Events.Projections().Select(p => p.Name).ToList();

    public static async Task<IReadOnlyList<(string Projection, TimeSpan Took)>> RebuildAllAsync(IDocumentStore store, string province, CancellationToken ct)
    {
        using var daemon = await store.BuildProjectionDaemonAsync(province);
        var took = new List<(string, TimeSpan)>();
        foreach (var name in ProjectionNames(store))
        {
            var watch = Stopwatch.StartNew();
            await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(10), ct);
            took.Add((name, watch.Elapsed));
        }
        var checkpoints = Stopwatch.StartNew();
        await RebuildTargetCheckpointsAsync(store, province, ct);
        took.Add((nameof(Targets.TargetCheckpoint), checkpoints.Elapsed));
        return took;
    }

    /// <summary>
    /// The targets' state checkpoints are a side effect of the live projection, which a rebuild does not raise: they are
    /// stored again here, one at each multiple of <see cref="TargetProjection.CheckpointEvery"/> events. (Live, one is stored
    /// at the end of the transaction that passed the multiple; with one event per transaction that is the same version.)
    /// </summary>
    public static async Task RebuildTargetCheckpointsAsync(IDocumentStore store, string province, CancellationToken ct)
    {
        await using var session = store.LightweightSession(province);
        var every = TargetProjection.CheckpointEvery;
        var targets = await session.Query<Domain.Targets.Target>().Where(t => t.Version >= every).Select(t => new { t.Id, t.Version }).ToListAsync(ct);
        foreach (var target in targets)
            for (var version = every; version <= target.Version; version += every)
                if (await session.Events.AggregateStreamAsync<Domain.Targets.Target>(target.Id, version: version, token: ct) is { } state)
                    session.Store(Targets.TargetCheckpoint.Of(state));
        await session.SaveChangesAsync(ct);
    }
}

internal sealed class RebuildInput
{
    [Description("Rebuild this province only (default: every province)"), FlagAlias("province", true)]
    public string? ProvinceFlag { get; set; }
}

/// <summary><c>Monitoring.Api rebuild [--province CODE]</c>, with the service stopped (README, "Rebuilding the projections").</summary>
[Description("Fold every projection again from the events, per province", Name = ProjectionRebuild.CommandName)]
internal sealed class RebuildCommand(IDocumentStore store, Provinces.ProvinceRegistry registry, Provinces.ProvinceStartup startup)
    : JasperFxAsyncCommand<RebuildInput>
{
    public override async Task<bool> Execute(RebuildInput input)
    {
        await startup.PrepareAllAsync(CancellationToken.None);
        var provinces = (await registry.AllAsync(CancellationToken.None)).Select(p => p.Code)
            .Where(c => input.ProvinceFlag is null || c == input.ProvinceFlag).ToList();
        if (provinces.Count == 0)
        {
            await Console.Error.WriteLineAsync($"Province '{input.ProvinceFlag}' is not served here.");
            return false;
        }
        var all = Stopwatch.StartNew();
        foreach (var province in provinces)
            foreach (var (projection, took) in await ProjectionRebuild.RebuildAllAsync(store, province, CancellationToken.None))
                Console.WriteLine($"{province}: {projection}: rebuilt in {took.TotalSeconds:0.00} s");
        Console.WriteLine($"All projections rebuilt from the events ({string.Join(", ", provinces)}) in {all.Elapsed.TotalSeconds:0.00} s.");
        return true;
    }
}
