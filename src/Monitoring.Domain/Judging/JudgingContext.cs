using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Judging;

/// <summary>What every rule works from: the target, the clock, and the figures that count as of that clock.</summary>
internal sealed record JudgingContext(Target Target, DateOnly Today, IReadOnlyList<Figure> Figures)
{
    // What a figure is about (its period and date) is judged against the day asked about; when it was recorded is the
    // caller's choice of state (live or "known at"). Approved figures count, submitted ones only when asked for.
    public static JudgingContext For(Target target, DateOnly today, bool includeSubmitted = false) =>
        new(target, today, target.EffectiveFiguresAbout(today, includeSubmitted));

    public bool TargetYearIsOver => Today > new DateOnly(Math.Clamp(Target.TargetYear, 1, 9999), 12, 31);

    /// <summary>Years from the start of the period to the target year, both included.</summary>
    public int PeriodYears => Math.Max(1, Target.TargetYear - Target.PeriodStartYear + 1);

    public string PeriodText => Wording.YearRange(Target.PeriodStartYear, Target.TargetYear);

    /// <summary>Figures for periods inside PeriodStartYear..TargetYear: a baseline-year figure is not part of the period's record.</summary>
    public IReadOnlyList<Figure> FiguresInPeriod =>
        Figures.Where(f => f.Period.FirstYear >= Target.PeriodStartYear && f.Period.LastYear <= Target.TargetYear).ToList();

    public TargetJudgement NoData(string rule, string explanation) =>
        new(TargetStatus.NoData, null, null, null, rule, Wording.Sentences(explanation));

    public TargetJudgement NoGoal(string rule) =>
        NoData(rule, Target.GoalSetBy is { Length: > 0 } document
            ? $"giá trị mục tiêu do {document} quy định chưa được nhập nên chưa thể đánh giá"
            : "chỉ tiêu chưa có giá trị mục tiêu nên chưa thể đánh giá");
}
