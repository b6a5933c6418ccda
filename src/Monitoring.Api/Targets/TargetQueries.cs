using Monitoring.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Judging;
using Monitoring.Domain.Targets;
using Wolverine.Http;

namespace Monitoring.Api.Targets;

/// <param name="IsCurrent">No later revision replaces it (a revision waiting for approval included).</param>
/// <param name="Counts">Judging counts it (approved figures only).</param>
/// <param name="CountsWithSubmitted">Judging counts it when asked to include figures waiting for approval.</param>
public sealed record TimelineEntry(FigureView Figure, bool IsCurrent, bool Counts, int RevisionDepth, bool CountsWithSubmitted);

public sealed record TargetTimeline(Guid TargetId, string Statement, string UnitOfMeasure, IReadOnlyList<TimelineEntry> Figures,
    IReadOnlyList<Adjustment> Adjustments);

public static class TargetQueries
{
    [Authorize(Policy = Policies.Read)]
    [WolverineGet("/api/targets", OperationId = "ListTargets"), Tags("Targets"),
     EndpointSummary("List targets with their status; filter by resolution, field, unit, shape or status; cutOff, knownAt and includeSubmitted as for one target's status")]
    [ProducesResponseType<Page<TargetStatusView>>(200)]
    public static async Task<IResult> List(IQuerySession session, HttpContext context, TimeProvider clock, Guid? resolutionId, string? field, Guid? unitId,
        TargetShape? shape, TargetStatus? status, string? cutOff, string? knownAt, string? asOf, bool? includeSubmitted, int? page, int? pageSize,
        CancellationToken ct)
    {
        if (Paging.Check(page, pageSize) is { } problem) return problem;
        var (listing, refused) = await TargetListing.ReadAsync(session, context, clock, resolutionId, field, unitId, shape, status, cutOff, knownAt, asOf,
            includeSubmitted, ct);
        return refused ?? Results.Ok(Paging.Of(listing!.Items.Select(i => i.View), page, pageSize));
    }

    [Authorize(Policy = Policies.Read)]
    [WolverineGet("/api/targets/{id}", OperationId = "GetTargetStatus"), Tags("Targets"),
     EndpointSummary("A target's status: latest figures by stage, achievement, forecast and status, from approved figures unless includeSubmitted")]
    [ProducesResponseType<TargetStatusView>(200)]
    public static async Task<IResult> Status(Guid id, string? cutOff, string? knownAt, string? asOf, bool? includeSubmitted, IQuerySession session,
        TimeProvider clock, HttpContext context, CancellationToken ct)
    {
        if (!DataCut.TryParse(cutOff, knownAt, asOf, includeSubmitted, clock.Today(), out var cut, out var problem)) return problem!;
        var target = await TargetReading.AboutAsync(session, id, cut, clock.Today(), ct);
        if (target is null) return Problems.NotFound("Target", id);
        if (!context.Caller().MayActFor(target.IsAssignedTo)) return Problems.NotYourUnit("Target", id);
        if (cut.KnownAt is null) ExpectedVersion.WriteETag(context, target.Version);
        return Results.Ok(TargetStatusView.From(target, cut.CutOff, cut.IncludeSubmitted, cut.Basis(clock.GetUtcNow())));
    }

    [Authorize(Policy = Policies.Read)]
    [WolverineGet("/api/targets/{id}/timeline", OperationId = "GetTargetTimeline"), Tags("Targets"), EndpointSummary("Every figure of a target in order, with revision chains and each figure's approval state")]
    [ProducesResponseType<TargetTimeline>(200)]
    public static async Task<IResult> Timeline(Guid id, string? asOf, IQuerySession session, HttpContext context, CancellationToken ct)
    {
        if (!AsOf.TryParse(asOf, out var when, out var problem)) return problem!;
        var target = await TargetReading.AsOfAsync(session, id, when, ct);
        if (target is null) return Problems.NotFound("Target", id);
        if (!context.Caller().MayActFor(target.IsAssignedTo)) return Problems.NotYourUnit("Target", id);

        var figures = await FigureHistory.OfAsync(session, id, when?.Instant, ct);
        // What counts is the target's own choice (an approved figure keeps counting while its revision waits for approval).
        var counting = target.EffectiveFigures().Select(f => f.FigureId).ToHashSet();
        var countingWithSubmitted = target.EffectiveFigures(includeSubmitted: true).Select(f => f.FigureId).ToHashSet();
        var byId = figures.ToDictionary(f => f.FigureId);
        int Depth(Figure f) => f.Revises is { } previous && byId.TryGetValue(previous, out var p) ? Depth(p) + 1 : 0;
        // Figures recorded in the same instant keep one order (their ids), not the order their records happen to be stored in.
        var entries = figures
            .OrderBy(f => f.Period).ThenBy(f => f.RecordedAt).ThenBy(f => f.FigureId)
            .Select(f => new TimelineEntry(FigureView.From(f), f.RevisedBy is null, counting.Contains(f.FigureId), Depth(f),
                countingWithSubmitted.Contains(f.FigureId)))
            .ToList();
        return Results.Ok(new TargetTimeline(target.Id, target.Statement, target.UnitOfMeasure, entries, target.Adjustments));
    }

}

/// <summary>A target as the list reads it (as it stood on the cut-off, recorded by knownAt) and its status view.</summary>
public sealed record ListedTarget(Target Target, TargetStatusView View);

/// <param name="UnitId">The unit filter applied: the one asked for, or a reporter's own unit.</param>
public sealed record TargetListing(DataCut Cut, DataBasis Basis, Guid? UnitId, IReadOnlyList<ListedTarget> Items)
{
    /// <summary>
    /// What GET /api/targets lists, and its checks: the data cut (cutOff, knownAt or its older name asOf, includeSubmitted),
    /// a reporter's own unit only, then the filters. Every reading of the targets list (JSON, the spreadsheet) goes through here.
    /// </summary>
    public static async Task<(TargetListing? Listing, IResult? Problem)> ReadAsync(IQuerySession session, HttpContext context, TimeProvider clock,
        Guid? resolutionId, string? field, Guid? unitId, TargetShape? shape, TargetStatus? status, string? cutOff, string? knownAt, string? asOf,
        bool? includeSubmitted, CancellationToken ct)
    {
        if (!DataCut.TryParse(cutOff, knownAt, asOf, includeSubmitted, clock.Today(), out var cut, out var badCut)) return (null, badCut);
        if (ReadScope.ForUnit(context.Caller(), ref unitId) is { } forbidden) return (null, forbidden);
        var query = session.Query<Target>().AsQueryable();
        if (resolutionId is not null) query = query.Where(t => t.ResolutionId == resolutionId);
        if (!string.IsNullOrWhiteSpace(field)) query = query.Where(t => t.Field == field);
        if (shape is not null) query = query.Where(t => t.Shape == shape);
        var targets = await query.ToListAsync(ct);
        // As the overview reads them: recorded by knownAt, about the cut-off day or before.
        if (cut.KnownAt is not null || cut.CutOff < clock.Today())
            targets = await AsOfState.FoldAsync<Target>(session, targets.Select(t => t.Id), cut.KnownAt?.Instant ?? DateTimeOffset.MaxValue,
                (state, e) => Target.IsAboutOnOrBefore(e, cut.CutOff) ? Target.Evolve(state, e) : state, ct);

        var basis = cut.Basis(clock.GetUtcNow());
        var unit = unitId;
        var items = targets
            .Where(t => unit is null || t.IsAssignedTo(unit.Value))
            .OrderBy(t => t.ResolutionId).ThenBy(t => t.Code ?? "").ThenBy(t => t.DefinedAt).ThenBy(t => t.Id)
            .Select(t => new ListedTarget(t, TargetStatusView.From(t, cut.CutOff, cut.IncludeSubmitted, basis)))
            .Where(x => status is null || x.View.Judgement.Status == status)
            .ToList();
        return (new TargetListing(cut, basis, unitId, items), null);
    }
}
