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

    /// <summary>
    /// The last year a figure restates the starting point rather than shows progress: the baseline's year, else the year
    /// before the period starts (the period a baseline is measured on).
    /// </summary>
    public int StartingYear => Target.Baseline?.Year ?? Target.PeriodStartYear - 1;

    /// <summary>
    /// Whether a figure shows progress: it is about a period after the starting point. "Đến cuối năm 2020, có 15/22 xã"
    /// reported for 2020 repeats the 2020 baseline; it says where the period starts, not how far it has come.
    /// </summary>
    public bool IsProgress(Figure figure) => figure.Period.End.Year > StartingYear;

    /// <summary>The figures about periods after the starting point (<see cref="IsProgress"/>).</summary>
    public IReadOnlyList<Figure> ProgressFigures => Figures.Where(IsProgress).ToList();

    /// <summary>
    /// The baseline in words, "15/22 xã năm 2020 (số liệu gốc; tăng 11 xã so với năm 2015)", or null without one.
    /// <paramref name="amount"/> writes a value in the target's unit.
    /// </summary>
    public string? BaselineText(Func<decimal, string> amount)
    {
        if (Target.Baseline is not { } baseline) return null;
        var since = baseline.Since is { } change
            ? $"; {(change.Change >= 0 ? "tăng" : "giảm")} {Wording.Amount(Math.Abs(change.Change), Target.UnitOfMeasure)} so với năm {change.Year}"
            : "";
        return $"{amount(baseline.Value)} năm {baseline.Year} (số liệu gốc{since})";
    }

    /// <summary>"thêm 01 huyện so với năm 2020 (1/3 huyện)" for a goal the text set relative to the baseline, else null.</summary>
    public string? OverBaselineText(Func<decimal, string> amount) =>
        Target.Goal.OverBaseline is { } over && Target.Baseline is { } baseline
            ? $"{(Target.Direction == Direction.Decrease ? "giảm" : "thêm")} {Wording.Amount(over, Target.UnitOfMeasure)} so với năm {baseline.Year} ({amount(baseline.Value)})"
            : null;

    public TargetJudgement NoData(string rule, string explanation) =>
        new(TargetStatus.NoData, null, null, null, rule, Wording.Sentences(explanation));

    public TargetJudgement NoGoal(string rule) =>
        NoData(rule, Target.GoalSetBy is { Length: > 0 } document
            ? $"giá trị mục tiêu do {document} quy định chưa được nhập nên chưa thể đánh giá"
            : "chỉ tiêu chưa có giá trị mục tiêu nên chưa thể đánh giá");
}
