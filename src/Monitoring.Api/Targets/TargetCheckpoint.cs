using Marten;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Targets;

namespace Monitoring.Api.Targets;

/// <summary>
/// A target's state as it stood at one version of its stream, stored aside by the projection every
/// <see cref="Infrastructure.TargetProjection.CheckpointEvery"/> events, so that "what did we know then" folds the few
/// events after the nearest checkpoint instead of the whole history. Checkpoints only save work: without one the stream
/// is folded from its start, to the same state.
/// </summary>
public sealed record TargetCheckpoint(string Id, Guid TargetId, int Version, Target State)
{
    public static TargetCheckpoint Of(Target target) => new($"{target.Id:N}:{target.Version}", target.Id, target.Version, target);
}

// Not on TargetQueries: Wolverine runs an endpoint class's Load/LoadAsync methods as middleware.
public static class TargetReading
{
    /// <summary>
    /// The target as the events recorded up to <paramref name="cut"/>'s known-at moment made it, reading only what is about
    /// its cut-off day or before (<see cref="Target.IsAboutOnOrBefore"/>). A cut-off on or after the known-at day (or today,
    /// when that is earlier: the default) leaves nothing out (nothing recorded is dated after the day it was recorded), and reads from the stored
    /// state or the nearest checkpoint; an earlier cut-off folds the stream.
    /// </summary>
    public static async Task<Target?> AboutAsync(IQuerySession session, Guid id, DataCut cut, DateOnly today, CancellationToken ct)
    {
        // Nothing is recorded about a day after the day it is recorded, so nothing recorded by now is about a day after today.
        var lastRecordedDay = cut.KnownAt is { Day: var known } && known < today ? known : today;
        if (cut.CutOff >= lastRecordedDay) return await AsOfAsync(session, id, cut.KnownAt, ct);
        var events = await session.Events.FetchStreamAsync(id, timestamp: cut.KnownAt?.Instant, token: ct);
        if (events.Count == 0) return null;
        var target = events.Where(e => Target.IsAboutOnOrBefore(e.Data, cut.CutOff)).Aggregate((Target?)null, (state, e) => Target.Evolve(state, e.Data));
        return target is null ? null : target with { Version = (int)events[^1].Version };
    }

    /// <summary>The target as it stands, or as the events recorded up to <paramref name="asOf"/> made it.</summary>
    public static async Task<Target?> AsOfAsync(IQuerySession session, Guid id, AsOf? asOf, CancellationToken ct)
    {
        if (asOf is null) return await session.LoadAsync<Target>(id, ct);

        // The stream's version at that moment, read from the event table's index.
        var versions = await session.QueryAsync<long>(
            $"select coalesce(max(version), 0) from {Infrastructure.MartenSetup.Schema}.mt_events where stream_id = ? and timestamp <= ?", ct, id, asOf.Instant);
        var version = versions.Single();
        if (version == 0) return null;
        var checkpoint = await session.Query<TargetCheckpoint>()
            .Where(c => c.TargetId == id && c.Version <= version)
            .OrderByDescending(c => c.Version)
            .FirstOrDefaultAsync(ct);
        if (checkpoint is null) return await session.Events.AggregateStreamAsync<Target>(id, version: version, token: ct);

        var after = await session.Events.FetchStreamAsync(id, version: version, fromVersion: checkpoint.Version + 1, token: ct);
        var state = after.Aggregate(checkpoint.State, (target, e) => Target.Evolve(target, e.Data)!);
        return state with { Version = (int)version };
    }
}
