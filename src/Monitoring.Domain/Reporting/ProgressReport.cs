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

    private static ProgressReport From(ReportSubmitted e) => new()
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

    /// <summary>The events of a report's stream, each with its case in <see cref="Evolve"/>; Marten's projection takes exactly these.</summary>
    public static readonly IReadOnlyList<Type> EventTypes = [typeof(ReportSubmitted)];

    /// <summary>
    /// The one place a report evolves: the state after <paramref name="event"/>, given the state before it (null before the
    /// stream starts). Marten's projection runs it, and so do the as-of reader, reviews, the import and the decision tests.
    /// </summary>
    public static ProgressReport? Evolve(ProgressReport? state, object @event) => (state, @event) switch
    {
        (null, ReportSubmitted e) => From(e),
        _ => state,
    };
}
