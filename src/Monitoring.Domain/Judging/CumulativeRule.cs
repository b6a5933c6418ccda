using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Judging;

/// <summary>
/// "Tổng vốn đầu tư thu hút đạt trên 160.000 tỷ đồng (bình quân 32.000 tỷ đồng/năm)": the running total of
/// non-overlapping figures against the share of the goal due for the years those figures cover.
/// </summary>
internal static class CumulativeRule
{
    /// <summary>At or above this share of the pro-rata amount a shortfall is still recoverable (at risk), below it off track.</summary>
    private const decimal RecoverableShare = 0.8m;

    public static TargetJudgement Judge(JudgingContext context)
    {
        var target = context.Target;
        if ((target.Goal.Minimum ?? target.Goal.Maximum) is not { } goal) return context.NoGoal(JudgingRules.Cumulative);
        var goalText = $"{Amount(goal)} {context.PeriodText}";

        var parts = NonOverlapping(context.FiguresInPeriod);
        if (parts.Count == 0)
            return context.NoData(JudgingRules.Cumulative, $"chưa có số liệu để cộng dồn so với mục tiêu {goalText}");

        var total = parts.Sum(f => f.Value!.Value);
        var yearsCovered = parts.Sum(f => f.Period.Kind == PeriodKind.HalfYear ? 0.5m : f.Period.Years);
        var periodYears = context.PeriodYears;
        var share = Progress.Round(goal * Math.Min(yearsCovered, periodYears) / periodYears);
        var achievement = Progress.Achievement(total, goal, lowerIsBetter: false);

        var status = total >= goal ? TargetStatus.AchievedOrExceeded
            : context.TargetYearIsOver ? TargetStatus.OffTrack
            : total >= share ? TargetStatus.OnTrack
            : total >= share * RecoverableShare ? TargetStatus.AtRisk
            : TargetStatus.OffTrack;

        var last = parts[^1].Period;
        var span = parts.Count == 1 ? last.ToVietnamese()
            : $"từ năm {parts[0].Period.FirstYear} đến hết {(last.Kind == PeriodKind.Span ? $"năm {last.LastYear}" : last.ToVietnamese())}";
        var reached = $"lũy kế {span} đạt {Amount(total)}, bằng {Wording.Percent(achievement ?? 0)} mục tiêu {goalText}";
        var pace = status == TargetStatus.AchievedOrExceeded || context.TargetYearIsOver
            ? null
            : $"tiến độ theo thời gian ({Wording.Number(yearsCovered)}/{periodYears} năm) cần {Amount(share)}";

        var yearlyAverage = total / yearsCovered;
        var forecast = context.TargetYearIsOver || yearsCovered >= periodYears
            ? null
            : new Forecast(Progress.Round(yearlyAverage * periodYears), target.TargetYear, ForecastMethods.LinearTrend,
                Wording.Sentences($"theo bình quân {Amount(Progress.Round(yearlyAverage))}/năm, dự báo cả {context.PeriodText} đạt "
                    + Amount(Progress.Round(yearlyAverage * periodYears))));

        return new TargetJudgement(status, total, achievement, forecast, JudgingRules.Cumulative,
            Wording.Sentences(pace is null ? reached : $"{reached}; {pace}", forecast?.Explanation));

        string Amount(decimal value) => Wording.Amount(value, target.UnitOfMeasure);
    }

    /// <summary>
    /// Year figures; half-year figures only for years with no year figure; a span figure (a total for its years) in place
    /// of the figures inside it when it covers a year they leave out, the latest spans first.
    /// </summary>
    private static List<Figure> NonOverlapping(IReadOnlyList<Figure> figures)
    {
        var withValue = figures.Where(f => f.Value is not null).ToList();
        var yearly = withValue.Where(f => f.Period.Kind == PeriodKind.Year).ToList();
        var yearsWithFigure = yearly.Select(f => f.Period.FirstYear).ToHashSet();
        var parts = yearly
            .Concat(withValue.Where(f => f.Period.Kind == PeriodKind.HalfYear && !yearsWithFigure.Contains(f.Period.FirstYear)))
            .ToList();

        foreach (var span in withValue.Where(f => f.Period.Kind == PeriodKind.Span).Reverse())
        {
            bool Inside(Figure f) => f.Period.FirstYear >= span.Period.FirstYear && f.Period.LastYear <= span.Period.LastYear;
            bool Overlaps(Figure f) => f.Period.FirstYear <= span.Period.LastYear && f.Period.LastYear >= span.Period.FirstYear;
            var addsYears = Enumerable.Range(span.Period.FirstYear, span.Period.Years).Any(y => !yearsWithFigure.Contains(y));
            if (!addsYears || parts.Any(f => Overlaps(f) && !Inside(f))) continue;
            parts.RemoveAll(Inside);
            parts.Add(span);
            foreach (var year in Enumerable.Range(span.Period.FirstYear, span.Period.Years)) yearsWithFigure.Add(year);
        }
        return [.. parts.OrderBy(f => f.Period)];
    }
}
