using System.Collections.Immutable;

namespace Monitoring.Domain.Reporting;

/// <summary>The narrative part of a report, under the headings of a báo cáo.</summary>
public sealed record Narrative(
    string? Results = null,
    string? Limitations = null,
    string? ObjectiveCauses = null,
    string? SubjectiveCauses = null,
    string? Proposals = null);

/// <summary>
/// A unit's submission for a period. Its figures and task updates are appended to the target and task streams in the
/// same transaction; this stream records the submission itself (who, when, for which period, what it carried).
/// </summary>
public sealed record ReportSubmitted(
    Guid ReportId,
    Guid UnitId,
    ReportingPeriod Period,
    Narrative Narrative,
    IReadOnlyList<Guid> FigureIds,
    IReadOnlyList<Guid> TargetIds,
    IReadOnlyList<Guid> TaskIds,
    IReadOnlyList<string> EvidenceReferences,
    string SubmittedBy,
    DateTimeOffset SubmittedAt);

public sealed record ProgressReport
{
    public Guid Id { get; init; }
    public int Version { get; init; }
    public Guid UnitId { get; init; }
    public ReportingPeriod Period { get; init; } = ReportingPeriod.Year(2000);
    public Narrative Narrative { get; init; } = new();
    public ImmutableList<Guid> FigureIds { get; init; } = [];
    public ImmutableList<Guid> TargetIds { get; init; } = [];
    public ImmutableList<Guid> TaskIds { get; init; } = [];
    public ImmutableList<string> EvidenceReferences { get; init; } = [];
    public string SubmittedBy { get; init; } = "";
    public DateTimeOffset SubmittedAt { get; init; }

    public static ProgressReport Create(ReportSubmitted e) => new()
    {
        Id = e.ReportId,
        UnitId = e.UnitId,
        Period = e.Period,
        Narrative = e.Narrative,
        FigureIds = [.. e.FigureIds],
        TargetIds = [.. e.TargetIds],
        TaskIds = [.. e.TaskIds],
        EvidenceReferences = [.. e.EvidenceReferences],
        SubmittedBy = e.SubmittedBy,
        SubmittedAt = e.SubmittedAt,
    };

    public static ProgressReport? Fold(ProgressReport? state, object @event) => (state, @event) switch
    {
        (null, ReportSubmitted e) => Create(e),
        _ => state,
    };
}
