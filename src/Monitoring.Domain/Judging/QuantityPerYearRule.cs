using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Judging;

/// <summary>
/// "Hằng năm, hỗ trợ việc làm cho hơn 6.150 lao động", and any flow a year is set a goal for (GRDP, vốn đầu tư toàn xã hội
/// of a year): each year is judged on its own against the yearly goal; a year known only by a part of it (6 tháng, a
/// quarter, months) is set against the same part of the goal — "6 tháng đạt 48,7% kế hoạch năm", against the 50% the half
/// year is due — never against the whole year's goal as if it were the year's level. The latest year decides the status.
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
        var ofYear = Progress.Achievement(latest.Value, yearlyGoal, lowerIsBetter: false) ?? 0;
        var reached = latest.Complete
            ? $"{latest.Text} đạt {Amount(latest.Value)}, {(latest.Met ? "đạt" : "không đạt")} mục tiêu {goalText}"
            : $"{latest.Text} đạt {Amount(latest.Value)}, bằng {Wording.Percent(ofYear)} mục tiêu năm ({Amount(yearlyGoal)}), "
              + $"{(latest.Met ? "đạt" : "chưa đạt")} tiến độ {latest.Months}/12 tháng ({Amount(Progress.Round(latest.Goal))})";
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

        // A part of the year says little about the year unless carried forward to the year's end.
        var wholeYear = latest.Complete ? 0 : Progress.Round(latest.Value * 12 / latest.Months);
        var forecast = latest.Complete
            ? null
            : new Forecast(wholeYear, latest.Year, ForecastMethods.ProRata,
                Wording.Sentences($"giữ nhịp độ {latest.Text}, cả năm {latest.Year} ước đạt {Amount(wholeYear)}"));

        return new TargetJudgement(status, latest.Value, achievement, forecast, JudgingRules.QuantityPerYear,
            Wording.Sentences(reached, forecast?.Explanation, misses, missingFinalYear));

        string Amount(decimal value) => Wording.Amount(value, target.UnitOfMeasure);
    }

    /// <param name="Months">The months of the year the figures cover: 12 for a whole year.</param>
    /// <param name="Goal">The part of the yearly goal due for those months.</param>
    private sealed record YearResult(int Year, decimal Value, decimal Goal, int Months, bool Met, string Text)
    {
        public bool Complete => Months == 12;

        public static IReadOnlyList<YearResult> From(IReadOnlyList<Figure> figures, decimal yearlyGoal, bool lowerIsBetter)
        {
            var results = new List<YearResult>();
            foreach (var year in figures.Where(f => f.Value is not null && f.Period.Kind != PeriodKind.Span).GroupBy(f => f.Period.FirstYear).OrderBy(g => g.Key))
            {
                var parts = Parts(year.ToList());
                var months = parts.Sum(f => MonthsOf(f.Period).Count);
                var value = parts.Sum(f => f.Value!.Value);
                var text = parts.Count == 1 ? parts[0].Period.ToVietnamese()
                    : parts.All(f => f.Period.Kind == PeriodKind.HalfYear) ? $"năm {year.Key} (cộng hai kỳ 6 tháng)"
                    : months == 12 ? $"năm {year.Key} (cộng {parts.Count} kỳ báo cáo trong năm)"
                    : $"{months} tháng năm {year.Key} (cộng {parts.Count} kỳ báo cáo)";
                var goal = yearlyGoal * months / 12;
                results.Add(new YearResult(year.Key, value, goal, months, lowerIsBetter ? value <= goal : value >= goal, text));
            }
            return results;
        }

        /// <summary>
        /// The figures that add up to what is known of the year without counting a month twice: the year's own figure,
        /// else its half-years, then the quarters and months outside them.
        /// </summary>
        private static List<Figure> Parts(List<Figure> figures)
        {
            if (figures.FirstOrDefault(f => f.Period.Kind == PeriodKind.Year) is { } whole) return [whole];
            var covered = new HashSet<int>();
            var parts = new List<Figure>();
            foreach (var part in figures.OrderBy(f => Finer(f.Period.Kind)).ThenBy(f => f.Period))
            {
                var months = MonthsOf(part.Period);
                if (months.Any(covered.Contains)) continue;
                parts.Add(part);
                covered.UnionWith(months);
            }
            return [.. parts.OrderBy(f => f.Period)];
        }

        private static int Finer(PeriodKind kind) => kind switch
        {
            PeriodKind.HalfYear => 0,
            PeriodKind.Quarter => 1,
            _ => 2,
        };

        private static IReadOnlyList<int> MonthsOf(ReportingPeriod period) =>
            period.Kind == PeriodKind.Year ? Enumerable.Range(1, 12).ToList()
                : Enumerable.Range(period.Start.Month, period.End.Month - period.Start.Month + 1).ToList();
    }
}
