using System.Text.Json;
using JasperFx.Events;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Audit;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;
using Monitoring.Domain.Units;

namespace Monitoring.Api.Audit;

/// <summary>One fact of the history: who, from which unit, when, what (type and a Vietnamese sentence), why, and before/after.</summary>
public sealed record AuditEntry(
    long Sequence, Guid EventId, Guid StreamId, long Version, DateTimeOffset Timestamp, string EventType,
    string? User, Guid? UnitId, string Summary, string? Reason, string? Before, string? After, string? CorrelationId)
{
    public static AuditEntry From(IEvent e)
    {
        var description = EventNarration.Describe(e.Data);
        var reasonHeader = Header(e, EventMetadata.ReasonHeader);
        return new AuditEntry(e.Sequence, e.Id, e.StreamId, e.Version, e.Timestamp, e.EventTypeName, e.UserName, UnitOf(e),
            description.Summary, description.Reason ?? reasonHeader, description.Before, description.After, e.CorrelationId);
    }

    /// <summary>The unit the fact concerns: the unit a reporter acted for, else the unit named in the event.</summary>
    private static Guid? UnitOf(IEvent e) =>
        Guid.TryParse(Header(e, EventMetadata.UnitHeader), out var fromHeader)
            ? fromHeader
            : e.Data switch
            {
                ProgressReported x => x.UnitId,
                FigureRevised x => x.UnitId,
                TaskProgressReported x => x.UnitId,
                TaskCompleted x => x.UnitId,
                ReportSubmitted x => x.UnitId,
                UnitRegistered x => x.UnitId,
                FiguresApproved x => x.UnitId,
                FiguresReturned x => x.UnitId,
                SubmissionDraftSaved x => x.UnitId,
                SubmissionSubmitted x => x.UnitId,
                SubmissionApproved x => x.UnitId,
                SubmissionReturned x => x.UnitId,
                LockExceptionGranted x => x.UnitId,
                SubmissionReopened x => x.UnitId,
                Domain.Explanations.ExplanationGiven x => x.UnitId,
                Domain.Explanations.ExplanationRequested { UnitIds.Count: > 0 } x => x.UnitIds[0],
                _ => null,
            };

    private static string? Header(IEvent e, string name) =>
        e.Headers is { } headers && headers.TryGetValue(name, out var value) && value is not null
            ? value is JsonElement json ? json.ToString() : value.ToString()
            : null;
}

/// <summary>One page of the feed, oldest first.</summary>
/// <param name="NextCursor">Pass as <c>after</c> for the next page; null on the last page.</param>
/// <param name="TotalEntries">Entries matching the filters, on every page.</param>
/// <param name="EntriesBefore">Matching entries before this page (at or before the cursor it was asked with).</param>
/// <param name="PreviousCursor">Pass as <c>after</c> for the page before this one; null when that is the first page (ask without <c>after</c>) or there is none.</param>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? NextCursor, long TotalEntries = 0, long EntriesBefore = 0, long? PreviousCursor = null);
