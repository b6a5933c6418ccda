using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Judging;

/// <summary>
/// "Hằng năm, hỗ trợ việc làm cho hơn 6.150 lao động": each year is judged on its own against the yearly goal; a year
/// known only by a half-year figure is set against half the goal. The latest year decides the status.
/// </summary>
internal static class QuantityPerYearRule
{
    public static TargetJudgement Judge(JudgingContext context)
    {
        var target = context.Target;
        var lowerIsBetter = target.Direction == Direction.Decrease;
        var goal = lowerIsBetter ? target.Goal.Maximum ?? target.Goal.Minimum : target.Goal.Minimum ?? target.Goal.Maximum;
        if (goal is not { } yearlyGoal) return context.NoGoal(JudgingRules.QuantityPerYear);
        var goalText = $"hằng năm {(lowerIsBetter ? "không quá " : "")}{Amount(yearlyGoal)}";

        var years = YearResult.From(context.FiguresInPeriod, yearlyGoal, lowerIsBetter);
        if (years.Count == 0)
            return context.NoData(JudgingRules.QuantityPerYear, $"chưa có số liệu năm nào {context.PeriodText} để so với mục tiêu {goalText}");

        var latest = years[^1];
        var achievement = Progress.Achievement(latest.Value, latest.Goal, lowerIsBetter);
        var reached = latest.Complete
            ? $"{latest.Text} đạt {Amount(latest.Value)}, {(latest.Met ? "đạt" : "không đạt")} mục tiêu {goalText}"
            : $"{latest.Text} đạt {Amount(latest.Value)}, {(latest.Met ? "đạt" : "chưa đạt")} một nửa mục tiêu năm ({Amount(yearlyGoal)})";
        var earlierMisses = years.Where(y => y != latest && !y.Met).Select(y => y.Year).ToList();
        var misses = earlierMisses.Count > 0 ? $"các năm chưa đạt: {Wording.Years(earlierMisses)}" : null;
        var finalYearKnown = latest.Complete && latest.Year == target.TargetYear;
        var missingFinalYear = context.TargetYearIsOver && !finalYearKnown ? $"chưa có số liệu cả năm {target.TargetYear}" : null;

        var status = (finalYearKnown || context.TargetYearIsOver, latest.Met) switch
        {
            (true, false) => TargetStatus.OffTrack,
            (false, false) => TargetStatus.AtRisk,
            _ when finalYearKnown => TargetStatus.AchievedOrExceeded,
            _ => TargetStatus.OnTrack,
        };

        // A half-year says little about the year unless carried forward to the year's end.
        var forecast = latest.Complete
            ? null
            : new Forecast(latest.Value * 2, latest.Year, ForecastMethods.ProRata,
                Wording.Sentences($"giữ nhịp độ {latest.Text}, cả năm {latest.Year} ước đạt {Amount(latest.Value * 2)}"));

        return new TargetJudgement(status, latest.Value, achievement, forecast, JudgingRules.QuantityPerYear,
            Wording.Sentences(reached, forecast?.Explanation, misses, missingFinalYear));

        string Amount(decimal value) => Wording.Amount(value, target.UnitOfMeasure);
    }

    private sealed record YearResult(int Year, decimal Value, decimal Goal, bool Complete, bool Met, string Text)
    {
        public static IReadOnlyList<YearResult> From(IReadOnlyList<Figure> figures, decimal yearlyGoal, bool lowerIsBetter)
        {
            var results = new List<YearResult>();
            foreach (var year in figures.Where(f => f.Value is not null && f.Period.Kind != PeriodKind.Span).GroupBy(f => f.Period.FirstYear).OrderBy(g => g.Key))
            {
                var whole = year.FirstOrDefault(f => f.Period.Kind == PeriodKind.Year);
                var halves = year.Where(f => f.Period.Kind == PeriodKind.HalfYear).ToList();
                var (value, complete, text) = whole is not null ? (whole.Value!.Value, true, whole.Period.ToVietnamese())
                    : halves.Count == 2 ? (halves.Sum(f => f.Value!.Value), true, $"năm {year.Key} (cộng hai kỳ 6 tháng)")
                    : (halves[0].Value!.Value, false, halves[0].Period.ToVietnamese());
                var goal = complete ? yearlyGoal : yearlyGoal / 2;
                results.Add(new YearResult(year.Key, value, goal, complete, lowerIsBetter ? value <= goal : value >= goal, text));
            }
            return results;
        }
    }
}
