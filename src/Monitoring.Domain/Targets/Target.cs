using System.Text.Json.Serialization;
using System.Collections.Immutable;
using Monitoring.Domain.Common;
using Monitoring.Domain.Reporting;

namespace Monitoring.Domain.Targets;

// ---- Events of a target's stream ----

public sealed record TargetDefined(
    Guid TargetId,
    Guid ResolutionId,
    string? Code,
    string Field,
    string Statement,
    TargetShape Shape,
    Direction Direction,
    TargetGoal Goal,
    string UnitOfMeasure,
    int TargetYear,
    int PeriodStartYear,
    Baseline? Baseline,
    IReadOnlyList<string> Footnotes,
    Guid? ParentTargetId,
    IReadOnlyList<string> StandardUnits,
    IReadOnlyList<MilestoneStep> Steps,
    string? ReferenceSeries,
    string DefinedBy,
    DateTimeOffset DefinedAt,
    string? GoalSetBy = null);

public sealed record TargetAssigned(Guid TargetId, Guid LeadUnitId, IReadOnlyList<Guid> CooperatingUnitIds, string AssignedBy, DateTimeOffset AssignedAt);

public sealed record BaselineRecorded(Guid TargetId, Baseline Baseline, Baseline? Previous, string? Reason, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>One figure of a progress report, for one target and period.</summary>
public sealed record ProgressReported(
    Guid TargetId,
    Guid FigureId,
    Guid ReportId,
    Guid UnitId,
    ReportingPeriod Period,
    decimal? Value,
    FigureStage Stage,
    DateOnly AsOf,
    string? Source,
    string? Note,
    IReadOnlyList<string> Items,
    decimal? ReferenceValue,
    string ReportedBy,
    DateTimeOffset ReportedAt);

/// <summary>A correction of an earlier figure: a new figure that names the one it replaces and why.</summary>
public sealed record FigureRevised(
    Guid TargetId,
    Guid FigureId,
    Guid RevisesFigureId,
    Guid UnitId,
    decimal? Value,
    FigureStage Stage,
    DateOnly AsOf,
    decimal? PreviousValue,
    FigureStage PreviousStage,
    string Reason,
    string? Source,
    IReadOnlyList<string> Items,
    decimal? ReferenceValue,
    string RevisedBy,
    DateTimeOffset RevisedAt,
    ReportingPeriod? Period = null,
    Guid? ReportId = null,
    string? Note = null);

/// <summary>The committee's decision changing what a target commits to; the original stays in the history.</summary>
public sealed record TargetAdjusted(
    Guid TargetId,
    TargetGoal Goal,
    int TargetYear,
    TargetGoal PreviousGoal,
    int PreviousTargetYear,
    string DecisionNumber,
    DateOnly DecisionDate,
    string? Reason,
    string AdjustedBy,
    DateTimeOffset AdjustedAt);

// ---- The aggregate ----

public sealed record Figure(
    Guid FigureId,
    ReportingPeriod Period,
    decimal? Value,
    FigureStage Stage,
    DateOnly AsOf,
    Guid UnitId,
    Guid? ReportId,
    string? Source,
    string? Note,
    IReadOnlyList<string> Items,
    decimal? ReferenceValue,
    Guid? Revises,
    string? RevisionReason,
    string RecordedBy,
    DateTimeOffset RecordedAt)
{
    /// <summary>Set when a later revision replaces this figure.</summary>
    public Guid? RevisedBy { get; init; }
}

public sealed record Adjustment(TargetGoal Goal, int TargetYear, TargetGoal PreviousGoal, int PreviousTargetYear,
    string DecisionNumber, DateOnly DecisionDate, string? Reason, string AdjustedBy, DateTimeOffset AdjustedAt);

public sealed record Target
{
    public Guid Id { get; init; }
    public int Version { get; init; }
    public Guid ResolutionId { get; init; }
    public string? Code { get; init; }
    public string Field { get; init; } = "";
    public string Statement { get; init; } = "";
    public TargetShape Shape { get; init; }
    public Direction Direction { get; init; }
    public TargetGoal Goal { get; init; } = new();
    public TargetGoal OriginalGoal { get; init; } = new();
    public string UnitOfMeasure { get; init; } = "";
    public int TargetYear { get; init; }
    public int PeriodStartYear { get; init; }
    public Baseline? Baseline { get; init; }
    public ImmutableList<string> Footnotes { get; init; } = [];
    public Guid? ParentTargetId { get; init; }
    public ImmutableList<string> StandardUnits { get; init; } = [];
    public ImmutableList<MilestoneStep> Steps { get; init; } = [];
    public string? ReferenceSeries { get; init; }
    /// <summary>The document that sets the goal when the defining text only cites it ("theo KL số 1492-KL/TU").</summary>
    public string? GoalSetBy { get; init; }
    public Guid? LeadUnitId { get; init; }
    public ImmutableList<Guid> CooperatingUnitIds { get; init; } = [];
    /// <summary>
    /// What judging needs, not the history: per period and stage the latest figure not replaced by a revision. Every
    /// figure ever recorded is kept in its own record (figure records), so the cost of an append does not grow with history.
    /// </summary>
    public ImmutableList<Figure> LatestFigures { get; init; } = [];
    public int FigureCount { get; init; }
    public int RevisionCount { get; init; }
    /// <summary>The figure recorded last (who reported last, and when).</summary>
    public Figure? LastRecorded { get; init; }
    public ImmutableList<Adjustment> Adjustments { get; init; } = [];
    public DateTimeOffset DefinedAt { get; init; }

    public bool IsAssignedTo(Guid unitId) => LeadUnitId == unitId || CooperatingUnitIds.Contains(unitId);

    [JsonIgnore] public IEnumerable<Guid> AssignedUnitIds => LeadUnitId is { } lead ? CooperatingUnitIds.Prepend(lead) : CooperatingUnitIds;

    /// <summary>Per period, the figure that counts: the highest stage wins, then the latest recorded.</summary>
    public IReadOnlyList<Figure> EffectiveFigures() => EffectiveOf(LatestFigures);

    /// <summary>Of these figures, those not replaced by a revision, and per period the one that counts.</summary>
    public static IReadOnlyList<Figure> EffectiveOf(IEnumerable<Figure> figures) =>
        figures.Where(f => f.RevisedBy is null)
            .GroupBy(f => f.Period)
            .Select(g => g.OrderByDescending(f => f.Stage).ThenByDescending(f => f.RecordedAt).First())
            .OrderBy(f => f.Period)
            .ToList();

    private static Target From(TargetDefined e) => new()
    {
        Id = e.TargetId,
        ResolutionId = e.ResolutionId,
        Code = e.Code,
        Field = e.Field,
        Statement = e.Statement,
        Shape = e.Shape,
        Direction = e.Direction,
        Goal = e.Goal,
        OriginalGoal = e.Goal,
        UnitOfMeasure = e.UnitOfMeasure,
        TargetYear = e.TargetYear,
        PeriodStartYear = e.PeriodStartYear,
        Baseline = e.Baseline,
        Footnotes = [.. e.Footnotes],
        ParentTargetId = e.ParentTargetId,
        StandardUnits = [.. e.StandardUnits],
        Steps = [.. e.Steps],
        ReferenceSeries = e.ReferenceSeries,
        GoalSetBy = e.GoalSetBy,
        DefinedAt = e.DefinedAt,
    };

    private Target With(TargetAssigned e) => this with { LeadUnitId = e.LeadUnitId, CooperatingUnitIds = [.. e.CooperatingUnitIds] };

    private Target With(BaselineRecorded e) => this with { Baseline = e.Baseline };

    private Target With(ProgressReported e) => Recorded(FigureFrom.Report(e)) with { FigureCount = FigureCount + 1 };

    private Target With(FigureRevised e)
    {
        var revised = LatestFigures.FirstOrDefault(f => f.FigureId == e.RevisesFigureId);
        var revision = FigureFrom.Revision(revised, e);
        var state = revised is null ? this : this with { LatestFigures = LatestFigures.Remove(revised) };
        // A revision recorded before revisions named their period, of a figure a later one had already replaced, changes no slot.
        return (revision is null ? state : state.Recorded(revision)) with { FigureCount = FigureCount + 1, RevisionCount = RevisionCount + 1 };
    }

    /// <summary>
    /// The figure takes its period and stage's place unless one recorded later holds it: the latest recorded for a period
    /// and stage is the one that counts, whatever the order of the stream (a historical document may be entered late).
    /// </summary>
    private Target Recorded(Figure figure)
    {
        var holder = LatestFigures.FirstOrDefault(f => f.Period == figure.Period && f.Stage == figure.Stage);
        var latest = LastRecorded is null || figure.RecordedAt >= LastRecorded.RecordedAt ? figure : LastRecorded;
        if (holder is not null && holder.RecordedAt > figure.RecordedAt) return this with { LastRecorded = latest };
        return this with
        {
            LatestFigures = (holder is null ? LatestFigures : LatestFigures.Remove(holder)).Add(figure),
            LastRecorded = latest,
        };
    }

    private Target With(TargetAdjusted e) => this with
    {
        Goal = e.Goal,
        TargetYear = e.TargetYear,
        Adjustments = Adjustments.Add(new Adjustment(e.Goal, e.TargetYear, e.PreviousGoal, e.PreviousTargetYear,
            e.DecisionNumber, e.DecisionDate, e.Reason, e.AdjustedBy, e.AdjustedAt)),
    };

    // ---- Decisions ----

    /// <param name="figure">The figure to revise, as its record holds it (null when the target has no such figure).</param>
    public Decision ReviseFigure(Figure? figure, Guid figureId, Guid revisionId, Guid unitId, decimal? value, FigureStage stage, DateOnly asOf,
        string reason, string? source, IReadOnlyList<string> items, decimal? referenceValue, string by, DateTimeOffset at)
    {
        if (figure is null || figure.FigureId != figureId)
            return Decision.Reject(RejectionKind.NotFound, "figureId", $"Target {Id} has no figure {figureId}.",
                $"Chỉ tiêu không có số liệu mã {figureId}.");
        if (figure.RevisedBy is { } later)
            return Decision.Reject(RejectionKind.Conflict, "figureId", $"Figure {figureId} was already revised by {later}; revise the latest one.",
                $"Số liệu {figureId} đã được điều chỉnh bởi {later}; hãy điều chỉnh số liệu mới nhất.");
        if (stage < figure.Stage)
            return Decision.Reject(RejectionKind.Invalid, "stage",
                $"A {figure.Stage} figure cannot be revised back to {stage}.",
                $"Số liệu đã ở mức {figure.Stage} không thể điều chỉnh lùi về {stage}.");
        if (value == figure.Value && stage == figure.Stage && asOf == figure.AsOf && items.SequenceEqual(figure.Items)
            && referenceValue == figure.ReferenceValue && (source is null || source == figure.Source))
            return Decision.Reject(RejectionKind.Invalid, "value", "The revision changes nothing.", "Điều chỉnh không làm thay đổi gì.");
        return Decision.Accept(new FigureRevised(Id, revisionId, figureId, unitId, value, stage, asOf, figure.Value, figure.Stage,
            reason, source ?? figure.Source, items, referenceValue, by, at, figure.Period, figure.ReportId, figure.Note));
    }

    public Decision Adjust(TargetGoal goal, int targetYear, string decisionNumber, DateOnly decisionDate, string? reason, string by, DateTimeOffset at)
    {
        if (Adjustments.Any(a => a.DecisionNumber == decisionNumber))
            return Decision.Reject(RejectionKind.Conflict, "decisionNumber", $"Decision {decisionNumber} was already recorded for this target.",
                $"Quyết định {decisionNumber} đã được ghi nhận cho chỉ tiêu này.");
        if (goal == Goal && targetYear == TargetYear)
            return Decision.Reject(RejectionKind.Invalid, "goal", "The adjustment changes nothing.", "Điều chỉnh không làm thay đổi chỉ tiêu.");
        if (goal.Minimum > goal.Maximum)
            return Decision.Reject(RejectionKind.Invalid, "minimum", $"The minimum ({goal.Minimum}) would be above the maximum ({goal.Maximum}).",
                $"Giá trị tối thiểu ({goal.Minimum}) sẽ lớn hơn giá trị tối đa ({goal.Maximum}).");
        if (targetYear < PeriodStartYear)
            return Decision.Reject(RejectionKind.Invalid, "targetYear", $"The target year is before the period starts ({PeriodStartYear}).",
                $"Năm mục tiêu trước năm bắt đầu giai đoạn ({PeriodStartYear}).");
        return Decision.Accept(new TargetAdjusted(Id, goal, targetYear, Goal, TargetYear, decisionNumber, decisionDate, reason, by, at));
    }

    /// <summary>The events of a target's stream, each with its case in <see cref="Evolve"/>; Marten's projection takes exactly these.</summary>
    public static readonly IReadOnlyList<Type> EventTypes =
        [typeof(TargetDefined), typeof(TargetAssigned), typeof(BaselineRecorded), typeof(ProgressReported), typeof(FigureRevised),
        typeof(TargetAdjusted)];

    /// <summary>
    /// The one place a target evolves: the state after <paramref name="event"/>, given the state before it (null before the
    /// stream starts). Marten's projection runs it, and so do the as-of reader, reviews, the import and the decision tests.
    /// </summary>
    public static Target? Evolve(Target? state, object @event) => (state, @event) switch
    {
        (null, TargetDefined e) => From(e),
        (null, _) => null,
        (_, TargetAssigned e) => state.With(e),
        (_, BaselineRecorded e) => state.With(e),
        (_, ProgressReported e) => state.With(e),
        (_, FigureRevised e) => state.With(e),
        (_, TargetAdjusted e) => state.With(e),
        _ => state,
    };
}
