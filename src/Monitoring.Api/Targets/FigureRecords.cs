using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Marten.Patching;
using Monitoring.Domain.Targets;

namespace Monitoring.Api.Targets;

/// <summary>
/// Every figure ever recorded for a target, revised ones included, one document each: what timelines and revision
/// chains read, so that a target's own state need not carry its whole history and an append costs the same whatever
/// the history.
/// </summary>
public sealed record FigureRecord(Guid Id, Guid TargetId, Figure Figure);

/// <summary>Keeps <see cref="FigureRecord"/>s in the same transaction as the events (inline).</summary>
public sealed partial class FigureRecordProjection : EventProjection
{
    public FigureRecordProjection() => Name = nameof(FigureRecord);

    public override async ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        switch (e.Data)
        {
            case ProgressReported reported:
                operations.Store(new FigureRecord(reported.FigureId, reported.TargetId, FigureFrom.Report(reported)));
                break;
            case FigureRevised revision:
                // The decision refused a revision of an unknown or already revised figure, so the revised one is here.
                var revised = await operations.LoadAsync<FigureRecord>(revision.RevisesFigureId, cancellation)
                              ?? await FromStreamAsync(operations, e, revision.RevisesFigureId, cancellation)
                              ?? throw new InvalidOperationException($"Figure {revision.RevisesFigureId} revised by {revision.FigureId} has no record");
                // A patch, not a store of the loaded copy: approvals are patches too, and that copy may not have them yet.
                operations.Patch<FigureRecord>(revision.RevisesFigureId).Set(r => r.Figure.RevisedBy, revision.FigureId);
                operations.Store(new FigureRecord(revision.FigureId, revision.TargetId, FigureFrom.Revision(revised.Figure, revision)!));
                break;
            case FiguresApproved approved:
                await MarkAsync(operations, approved.FigureIds, FigureApproval.Approved, cancellation);
                break;
            case FiguresReturned returned:
                await MarkAsync(operations, returned.FigureIds, FigureApproval.Returned, cancellation);
                break;
        }
    }
}

public sealed partial class FigureRecordProjection
{
    /// <summary>
    /// A rebuild applies a page of events before it writes any record, so the figure a revision replaces may have been
    /// reported in the same page and not be stored yet: it is then read from the target's events before the revision.
    /// </summary>
    private static async Task<FigureRecord?> FromStreamAsync(IDocumentOperations operations, IEvent revision, Guid figureId, CancellationToken ct)
    {
        if (operations is not IQuerySession session || revision.Sequence <= 0) return null;
        var before = (await session.Events.FetchStreamAsync(revision.StreamId, token: ct)).Where(x => x.Sequence < revision.Sequence).Select(x => x.Data);
        return FigureFrom.History(before).FirstOrDefault(f => f.FigureId == figureId) is { } figure
            ? new FigureRecord(figureId, revision.StreamId, figure)
            : null;
    }

    /// <summary>
    /// A patch, not a load and store: the figures may have been reported in the same transaction (an import reports and
    /// approves at once), and a patch runs after their records are written, where a load would not find them yet.
    /// </summary>
    private static Task MarkAsync(IDocumentOperations operations, IReadOnlyList<Guid> figureIds, FigureApproval approval, CancellationToken ct)
    {
        foreach (var id in figureIds)
            operations.Patch<FigureRecord>(id).Set(r => r.Figure.Approval, approval);
        return Task.CompletedTask;
    }
}

/// <summary>A target's figures as recorded up to a moment: revision chains as they stood then.</summary>
public static class FigureHistory
{
    public static async Task<IReadOnlyList<Figure>> OfAsync(IQuerySession session, Guid targetId, DateTimeOffset? until, CancellationToken ct)
    {
        var query = session.Query<FigureRecord>().Where(r => r.TargetId == targetId);
        if (until is { } instant) query = query.Where(r => r.Figure.RecordedAt <= instant);
        var records = await query.ToListAsync(ct);
        var known = records.Select(r => r.Figure.FigureId).ToHashSet();
        // A revision recorded after the moment did not exist then: the figure it revised was still current.
        var figures = records.Select(r => r.Figure.RevisedBy is { } by && !known.Contains(by) ? r.Figure with { RevisedBy = null } : r.Figure).ToList();
        if (until is not { } then) return figures;

        // Nor had an approval or return recorded after it happened: each figure's approval as the events up to then made it.
        var stream = await session.Events.FetchStreamAsync(targetId, timestamp: then, token: ct);
        var approval = new Dictionary<Guid, FigureApproval>();
        foreach (var decision in stream.Select(e => e.Data))
            switch (decision)
            {
                case FiguresApproved a: a.FigureIds.ToList().ForEach(id => approval[id] = FigureApproval.Approved); break;
                case FiguresReturned r: r.FigureIds.ToList().ForEach(id => approval[id] = FigureApproval.Returned); break;
            }
        return figures.Select(f => f with { Approval = approval.GetValueOrDefault(f.FigureId, FigureApproval.Submitted) }).ToList();
    }
}
