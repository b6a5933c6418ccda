using System.Text.Json.Serialization;
using System.Collections.Immutable;
using Monitoring.Domain.Common;
using Monitoring.Domain.Explanations;
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

/// <param name="EffectiveOn">The day the assignment took effect (an imported resolution's: its issue date); by default the day it was recorded, Vietnam time.</param>
public sealed record TargetAssigned(Guid TargetId, Guid LeadUnitId, IReadOnlyList<Guid> CooperatingUnitIds, string AssignedBy, DateTimeOffset AssignedAt,
    DateOnly? EffectiveOn = null);

/// <summary>The secretariat approved these figures of a unit's submission: from now on judging counts them.</summary>
public sealed record FiguresApproved(Guid TargetId, Guid SubmissionId, Guid UnitId, ReportingPeriod Period, IReadOnlyList<Guid> FigureIds,
    string ApprovedBy, DateTimeOffset ApprovedAt);

/// <summary>The secretariat returned these figures with the submission: they stay in the history and never count.</summary>
public sealed record FiguresReturned(Guid TargetId, Guid SubmissionId, Guid UnitId, ReportingPeriod Period, IReadOnlyList<Guid> FigureIds,
    string Reason, string ReturnedBy, DateTimeOffset ReturnedAt);

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

[JsonConverter(typeof(NamedEnumConverter<FigureApproval>))]
public enum FigureApproval { Submitted, Approved, Returned }

/// <summary>Since when a unit has been assigned (obligations start with the first period whose data cut-off is on or after it).</summary>
public sealed record UnitAssignment(Guid UnitId, DateOnly Since);

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
    /// <summary>Submitted figures wait for the secretariat; judging counts approved ones unless asked to include submitted ones.</summary>
    public FigureApproval Approval { get; init; }

    /// <summary>About a period begun and a date reached by <paramref name="day"/> (the cut-off of what the data are about).</summary>
    public bool IsAboutOnOrBefore(DateOnly day) => Period.Start <= day && AsOf <= day;
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
    public ImmutableList<UnitAssignment> Assignments { get; init; } = [];
    /// <summary>
    /// What judging needs, not the history: per period and stage the latest approved figure and the latest one waiting
    /// for approval, neither replaced by a revision. Every
    /// figure ever recorded is kept in its own record (figure records), so the cost of an append does not grow with history.
    /// </summary>
    public ImmutableList<Figure> LatestFigures { get; init; } = [];
    public int FigureCount { get; init; }
    public int RevisionCount { get; init; }
    /// <summary>The figure recorded last (who reported last, and when).</summary>
    public Figure? LastRecorded { get; init; }
    public ImmutableList<Adjustment> Adjustments { get; init; } = [];
    public DateTimeOffset DefinedAt { get; init; }
    /// <summary>The explanation requests on this target (their state only; the texts are in the requests' read model).</summary>
    public ImmutableList<ExplanationRequest> Explanations { get; init; } = [];

    public bool IsAssignedTo(Guid unitId) => LeadUnitId == unitId || CooperatingUnitIds.Contains(unitId);

    [JsonIgnore] public IEnumerable<Guid> AssignedUnitIds => LeadUnitId is { } lead ? CooperatingUnitIds.Prepend(lead) : CooperatingUnitIds;

    /// <summary>
    /// Per period, the figure that counts: the highest stage wins, then the latest recorded. Approved figures only, unless
    /// <paramref name="includeSubmitted"/> also admits those waiting for approval (a pending revision then replaces the approved figure it revises).
    /// </summary>
    public IReadOnlyList<Figure> EffectiveFigures(bool includeSubmitted = false) => EffectiveOf(LatestFigures, includeSubmitted);

    /// <summary>The figures that count, of those about periods and dates up to <paramref name="day"/>: what judging reads.</summary>
    public IReadOnlyList<Figure> EffectiveFiguresAbout(DateOnly day, bool includeSubmitted = false) =>
        EffectiveFigures(includeSubmitted).Where(f => f.IsAboutOnOrBefore(day)).ToList();

    /// <summary>Of these figures, those approved (or also submitted) and not replaced by a revision, and per period the one that counts.</summary>
    public static IReadOnlyList<Figure> EffectiveOf(IEnumerable<Figure> figures, bool includeSubmitted = false) =>
        CountingOf(figures, includeSubmitted)
            .GroupBy(f => f.Period)
            .Select(g => g.OrderByDescending(f => f.Stage).ThenByDescending(f => f.RecordedAt).First())
            .OrderBy(f => f.Period)
            .ToList();

    /// <summary>Per period and stage, the latest figure that counts: approved (or also submitted), not replaced by a revision.</summary>
    public IReadOnlyList<Figure> CountingFigures(bool includeSubmitted = false) => CountingOf(LatestFigures, includeSubmitted);

    private static List<Figure> CountingOf(IEnumerable<Figure> figures, bool includeSubmitted)
    {
        var candidates = figures.Where(f => f.RevisedBy is null && Counts(f, includeSubmitted)).ToList();
        var replaced = candidates.Select(f => f.Revises).OfType<Guid>().ToHashSet();
        return candidates.Where(f => !replaced.Contains(f.FigureId)).ToList();
    }

    private static bool Counts(Figure f, bool includeSubmitted) =>
        f.Approval == FigureApproval.Approved || includeSubmitted && f.Approval == FigureApproval.Submitted;

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

    private Target With(TargetAssigned e)
    {
        var since = e.EffectiveOn ?? VietnamTime.DateOf(e.AssignedAt);
        var units = e.CooperatingUnitIds.Prepend(e.LeadUnitId).Distinct();
        return this with
        {
            LeadUnitId = e.LeadUnitId,
            CooperatingUnitIds = [.. e.CooperatingUnitIds],
            Assignments = [.. units.Select(u => Assignments.FirstOrDefault(a => a.UnitId == u) ?? new UnitAssignment(u, since))],
        };
    }

    /// <summary>A goal the text set relative to the baseline ("thêm 01 huyện") moves with it; an absolute goal stays.</summary>
    private Target With(BaselineRecorded e) => this with
    {
        Baseline = e.Baseline,
        Goal = Goal.From(e.Baseline, Direction),
        OriginalGoal = OriginalGoal.From(e.Baseline, Direction),
    };

    private Target With(ProgressReported e) => Recorded(FigureFrom.Report(e)) with { FigureCount = FigureCount + 1 };

    private Target With(FigureRevised e)
    {
        var revised = LatestFigures.FirstOrDefault(f => f.FigureId == e.RevisesFigureId);
        var revision = FigureFrom.Revision(revised, e);
        // An approved figure keeps counting for approved data until its revision is approved in turn.
        var state = revised is null || revised.Approval == FigureApproval.Approved ? this : this with { LatestFigures = LatestFigures.Remove(revised) };
        // A revision recorded before revisions named their period, of a figure a later one had already replaced, changes no slot.
        return (revision is null ? state : state.Recorded(revision)) with { FigureCount = FigureCount + 1, RevisionCount = RevisionCount + 1 };
    }

    /// <summary>
    /// The figure takes its period and stage's place unless one recorded later holds it: the latest recorded for a period
    /// and stage is the one that counts, whatever the order of the stream (a historical document may be entered late).
    /// </summary>
    private Target Recorded(Figure figure)
    {
        var holder = LatestFigures.FirstOrDefault(f => f.Period == figure.Period && f.Stage == figure.Stage && f.Approval == figure.Approval);
        var latest = LastRecorded is null || figure.RecordedAt >= LastRecorded.RecordedAt ? figure : LastRecorded;
        if (holder is not null && holder.RecordedAt > figure.RecordedAt) return this with { LastRecorded = latest };
        return this with
        {
            LatestFigures = (holder is null ? LatestFigures : LatestFigures.Remove(holder)).Add(figure),
            LastRecorded = latest,
        };
    }

    private Target With(FiguresApproved e)
    {
        var figures = LatestFigures;
        foreach (var approved in LatestFigures.Where(f => f.Approval == FigureApproval.Submitted && e.FigureIds.Contains(f.FigureId)))
        {
            var now = approved with { Approval = FigureApproval.Approved };
            var superseded = figures.Where(f => f.Approval == FigureApproval.Approved &&
                (f.FigureId == approved.Revises || f.Period == approved.Period && f.Stage == approved.Stage && f.RecordedAt <= approved.RecordedAt)).ToList();
            figures = figures.RemoveRange(superseded).Replace(approved, now);
        }
        return this with { LatestFigures = figures };
    }

    private Target With(FiguresReturned e) =>
        this with { LatestFigures = LatestFigures.RemoveAll(f => f.Approval == FigureApproval.Submitted && e.FigureIds.Contains(f.FigureId)) };

    private Target With(TargetAdjusted e) => this with
    {
        Goal = e.Goal,
        TargetYear = e.TargetYear,
        Adjustments = Adjustments.Add(new Adjustment(e.Goal, e.TargetYear, e.PreviousGoal, e.PreviousTargetYear,
            e.DecisionNumber, e.DecisionDate, e.Reason, e.AdjustedBy, e.AdjustedAt)),
    };

    /// <summary>
    /// Whether a target event is about <paramref name="day"/> or before: a figure (reported or revised) by its period and
    /// date, an adjustment by the day it was decided; the rest always. Folding only these gives the target as it stood on
    /// that day, whenever the later events were recorded: a correction dated after the day does not replace the figure
    /// that was current then, and a goal lowered after it does not apply to it.
    /// </summary>
    public static bool IsAboutOnOrBefore(object e, DateOnly day) => e switch
    {
        ProgressReported r => r.Period.Start <= day && r.AsOf <= day,
        FigureRevised r => r.AsOf <= day && (r.Period is null || r.Period.Start <= day),
        TargetAdjusted a => a.DecisionDate <= day,
        _ => true,
    };

    // ---- Decisions ----

    /// <param name="figure">The figure to revise, as its record holds it (null when the target has no such figure).</param>
    public Decision ReviseFigure(Figure? figure, Guid figureId, Guid revisionId, Guid unitId, decimal? value, FigureStage stage, DateOnly asOf,
        string reason, string? source, IReadOnlyList<string> items, decimal? referenceValue, string by, DateTimeOffset at)
    {
        if (figure is null || figure.FigureId != figureId)
            return Decision.Reject(RejectionKind.NotFound, "figureId", $"Target {Id} has no figure {figureId}.",
                $"Chỉ tiêu không có số liệu mã {figureId}.");
        if (figure.Approval == FigureApproval.Returned)
            return Decision.Reject(RejectionKind.Conflict, "figureId",
                $"Figure {figureId} was returned with its report; correct it in a new draft or report and submit again.",
                $"Số liệu {figureId} đã bị trả lại cùng báo cáo; hãy sửa trong bản nháp hoặc báo cáo mới rồi nộp lại.");
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
        typeof(TargetAdjusted), typeof(FiguresApproved), typeof(FiguresReturned),
        .. ExplanationRequests.EventTypes];

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
        (_, FiguresApproved e) => state.With(e),
        (_, FiguresReturned e) => state.With(e),
        (_, ExplanationRequested or ExplanationGiven or ExplanationAccepted or FollowUpAsked) =>
            state with { Explanations = ExplanationRequests.Evolve(state.Explanations, @event) },
        _ => state,
    };
}
