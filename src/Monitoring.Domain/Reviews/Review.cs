using System.Text.Json.Serialization;
using Monitoring.Domain.Audit;
using Monitoring.Domain.Common;
using Monitoring.Domain.Explanations;
using Monitoring.Domain.Judging;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;
using Monitoring.Domain.Units;

namespace Monitoring.Domain.Reviews;

[JsonConverter(typeof(Monitoring.Domain.Common.NamedEnumConverter<ReviewKind>))]
public enum ReviewKind { MidTerm, Final }

/// <summary>Where a figure of the review comes from: the figure and the stored event that recorded it.</summary>
public sealed record FigureSource(Guid FigureId, Guid EventId, long Sequence);

/// <param name="Approval">Approved, or Submitted (waiting for approval: only in a review asked to include such figures).</param>
/// <param name="ApprovalNote">"(chưa phê duyệt)" for a figure not yet approved, null for an approved one.</param>
public sealed record ReviewFigure(decimal? Value, string ValueText, FigureStage Stage, string StageText, string Period, string PeriodText,
    FigureSource Source, FigureApproval Approval = FigureApproval.Approved, string? ApprovalNote = null, DateOnly? AsOf = null);

public sealed record ReviewTarget(
    Guid TargetId, string? Code, string Field, string Statement, string UnitOfMeasure, Baseline? Baseline, TargetGoal Goal, string GoalText,
    int TargetYear, IReadOnlyList<string> AdjustedBy, ReviewFigure? Latest, decimal? Achievement, Forecast? Forecast, TargetStatus Status,
    string StatusText, string Explanation);

public sealed record ReviewTask(Guid TaskId, string? Code, string Group, string Statement, TaskProgressStatus Status, string StatusText,
    DateOnly? Deadline, DateOnly? CompletedOn, int PercentDone);

public sealed record ReviewTasks(int Done, int InProgress, int Overdue, int NotStarted, int Suspended, IReadOnlyList<ReviewTask> Items);

/// <param name="ApprovalNote">"(chưa phê duyệt)" when the report it comes from waits for approval.</param>
public sealed record NarrativePassage(string Unit, string Period, string Text, string? ApprovalNote = null);

public sealed record ReviewNarratives(IReadOnlyList<NarrativePassage> Results, IReadOnlyList<NarrativePassage> Limitations,
    IReadOnlyList<NarrativePassage> ObjectiveCauses, IReadOnlyList<NarrativePassage> SubjectiveCauses, IReadOnlyList<NarrativePassage> Proposals);

public sealed record UnitRef(Guid UnitId, string Code, string Name);

public sealed record ReviewExplanationAnswer(string Unit, string Text, IReadOnlyList<string> EvidenceReferences, DateOnly GivenOn);

/// <summary>One question of an explanation request (the first, or a follow-up) and the answers it got.</summary>
public sealed record ReviewExplanationQuestion(string Question, DateOnly DueDate, DateOnly AskedOn, IReadOnlyList<ReviewExplanationAnswer> Answers);

/// <summary>An explanation request as the review lists it: who was asked what, what they answered, whether it was accepted.</summary>
/// <param name="Subject">"chỉ tiêu KT-01 (Thu ngân sách …)", "nhiệm vụ …", "báo cáo 6 tháng đầu năm 2023 của …".</param>
/// <param name="Overdue">Still waiting for an answer past its due date, as known when the review was made.</param>
public sealed record ReviewExplanation(Guid RequestId, ExplanationSubjectKind SubjectKind, Guid SubjectId, string Subject, IReadOnlyList<string> Units,
    DateOnly RequestedOn, IReadOnlyList<ReviewExplanationQuestion> Questions, ExplanationState State, string StateText, bool Overdue,
    string? AcceptanceComment);

/// <summary>
/// Everything a mid-term or final review says: about the term up to <see cref="CutOff"/> (figures for periods begun and
/// dated by then), from what had been recorded by <see cref="KnownAt"/>, approved figures only unless
/// <see cref="IncludeSubmitted"/>; <see cref="DataBasis"/> says so in Vietnamese, as the document's header does.
/// </summary>
public sealed record ReviewContent(
    Guid ResolutionId, string Number, string Title, string IssuingBody, ResolutionKind ResolutionKind, ReviewKind Kind, DateOnly CutOff,
    IReadOnlyList<ReviewTarget> Targets, ReviewTasks Tasks, ReviewNarratives Narratives, IReadOnlyList<UnitRef> UnitsNotReported,
    DateTimeOffset? KnownAt = null, bool IncludeSubmitted = false, string? DataBasis = null, IReadOnlyList<ReviewExplanation>? Explanations = null);

/// <summary>A report's narrative as the review reads it, and whether the report was approved.</summary>
public sealed record ReportForReview(ProgressReport Report, bool Approved);

/// <summary>A target as it stood at the cut-off, with where each of its figures came from.</summary>
public sealed record TargetAtCutOff(Target Target, IReadOnlyDictionary<Guid, FigureSource> Sources);

public static class ReviewCompiler
{
    public const string NotApproved = "(chưa phê duyệt)";

    /// <param name="knownAt">What had been recorded by then (null: when the review was made).</param>
    /// <param name="includeSubmitted">Also count figures (and narratives) waiting for approval, marked "(chưa phê duyệt)".</param>
    public static ReviewContent Compile(Resolution resolution, ReviewKind kind, DateOnly cutOff, DateTimeOffset? knownAt, bool includeSubmitted,
        IReadOnlyList<TargetAtCutOff> targets, IReadOnlyList<ResolutionTask> tasks, IReadOnlyList<ReportForReview> reports,
        IReadOnlyDictionary<Guid, Unit> units, string? dataBasis = null, IReadOnlyList<ReviewExplanation>? explanations = null)
    {
        var reviewTargets = targets
            .OrderBy(t => resolution.Fields.IndexOf(t.Target.Field) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(t => t.Target.Code ?? "", StringComparer.Ordinal).ThenBy(t => t.Target.DefinedAt)
            .Select(t => ReviewTargetOf(t, cutOff, includeSubmitted)).ToList();

        var reviewTasks = tasks.OrderBy(t => t.Group, StringComparer.Ordinal).ThenBy(t => t.Code ?? "", StringComparer.Ordinal).ThenBy(t => t.DefinedAt)
            .Select(t =>
            {
                var status = t.StatusOn(cutOff);
                return new ReviewTask(t.Id, t.Code, t.Group, t.Statement, status, status.ToVietnamese(), t.Deadline, t.CompletedOn, t.PercentDone);
            }).ToList();
        int Count(params TaskProgressStatus[] statuses) => reviewTasks.Count(t => statuses.Contains(t.Status));

        string UnitName(Guid id) => units.TryGetValue(id, out var u) ? u.Name : id.ToString();
        var ordered = reports.Where(r => r.Approved || includeSubmitted)
            .OrderBy(r => r.Report.Period).ThenBy(r => UnitName(r.Report.UnitId), StringComparer.Ordinal).ThenBy(r => r.Report.SubmittedAt).ToList();
        IReadOnlyList<NarrativePassage> Passages(Func<Narrative, string?> heading) => ordered
            .Where(r => !string.IsNullOrWhiteSpace(heading(r.Report.Narrative)))
            .Select(r => new NarrativePassage(UnitName(r.Report.UnitId), r.Report.Period.ToVietnamese(), heading(r.Report.Narrative)!.Trim(),
                r.Approved ? null : NotApproved))
            .ToList();

        var assigned = targets.SelectMany(t => t.Target.AssignedUnitIds).Concat(tasks.SelectMany(t => t.AssignedUnitIds)).Distinct();
        // A unit that sent its report has reported, approved or not.
        var reported = reports.Select(r => r.Report.UnitId).ToHashSet();
        var silent = assigned.Where(id => !reported.Contains(id) && units.ContainsKey(id))
            .Select(id => new UnitRef(id, units[id].Code, units[id].Name)).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();

        return new ReviewContent(resolution.Id, resolution.Number, resolution.Title, resolution.IssuingBody, resolution.Kind, kind, cutOff,
            reviewTargets,
            new ReviewTasks(Count(TaskProgressStatus.DoneOnTime, TaskProgressStatus.DoneLate), Count(TaskProgressStatus.InProgress),
                Count(TaskProgressStatus.Overdue), Count(TaskProgressStatus.NotStarted), Count(TaskProgressStatus.Suspended), reviewTasks),
            new ReviewNarratives(Passages(n => n.Results), Passages(n => n.Limitations), Passages(n => n.ObjectiveCauses),
                Passages(n => n.SubjectiveCauses), Passages(n => n.Proposals)),
            silent, knownAt, includeSubmitted, dataBasis, explanations ?? []);
    }

    private static ReviewTarget ReviewTargetOf(TargetAtCutOff at, DateOnly cutOff, bool includeSubmitted)
    {
        var t = at.Target;
        var judgement = TargetJudge.Judge(t, cutOff, includeSubmitted);
        // The figure judging would see last: about a period begun and a date reached by the cut-off.
        var latest = t.EffectiveFiguresAbout(cutOff, includeSubmitted).LastOrDefault();
        var figure = latest is null || !at.Sources.TryGetValue(latest.FigureId, out var source)
            ? null
            : new ReviewFigure(latest.Value, latest.Value is { } v ? VietnameseNumber.AsWritten(v) : string.Join(", ", latest.Items),
                latest.Stage, EventNarration.Stage(latest.Stage), latest.Period.ToString(), latest.Period.ToVietnamese(), source,
                latest.Approval, latest.Approval == FigureApproval.Approved ? null : NotApproved, latest.AsOf);
        return new ReviewTarget(t.Id, t.Code, t.Field, t.Statement, t.UnitOfMeasure, t.Baseline, t.Goal, GoalText(t), t.TargetYear,
            t.Adjustments.Select(a => $"{a.DecisionNumber} ngày {a.DecisionDate:dd/MM/yyyy}").ToList(), figure, judgement.Achievement,
            judgement.Forecast, judgement.Status, judgement.Status.ToVietnamese(), judgement.Explanation);
    }

    /// <summary>The commitment as a reader of the report expects it: "10 – 12", "≥ 6.150", "≤ 3,0", "22/22".</summary>
    public static string GoalText(Target t)
    {
        string N(decimal v) => VietnameseNumber.AsWritten(v);
        return (t.Goal.Minimum, t.Goal.Maximum, t.Goal.Total) switch
        {
            ({ } min, { } max, _) when min == max => N(min),
            ({ } min, { } max, _) => $"{N(min)} – {N(max)}",
            ({ } min, null, { } total) => $"{N(min)}/{total}",
            ({ } min, null, null) => $"≥ {N(min)}",
            (null, { } max, _) => $"≤ {N(max)}",
            _ => t.GoalSetBy is { } by ? $"theo {by}" : t.Shape == TargetShape.Milestone ? "hoàn thành" : t.ReferenceSeries ?? "",
        };
    }
}
