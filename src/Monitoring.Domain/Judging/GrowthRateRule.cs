using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Judging;

/// <summary>
/// "Thu ngân sách tăng 10 - 12%/năm": figures are annual growth rates in %. The average so far (compound) is judged
/// against the lower bound; below it, the growth the remaining years need is set against the growth observed (Open SDG).
/// </summary>
internal static class GrowthRateRule
{
    public static TargetJudgement Judge(JudgingContext context)
    {
        var target = context.Target;
        if ((target.Goal.Minimum ?? target.Goal.Maximum) is not { } minimum)
            return context.NoGoal(JudgingRules.GrowthRate);
        var upper = Math.Max(target.Goal.Maximum ?? minimum, minimum);
        var goalText = upper == minimum ? $"{Wording.Number(minimum)}%/năm" : $"{Wording.Number(minimum)} - {Wording.Number(upper)}%/năm";

        if (AverageGrowth.From(context.FiguresInPeriod) is not { } average)
            return context.NoData(JudgingRules.GrowthRate, $"chưa có số liệu tốc độ tăng trưởng {context.PeriodText}");

        var observed = average.Rate;
        var achievement = Progress.Achievement(observed, minimum, lowerIsBetter: false);
        var reached = $"tăng bình quân {Wording.Number(observed)}%/năm {average.Basis}";
        var forecast = context.TargetYearIsOver ? null : RequiredGrowth(context, average, minimum);

        // Once the period is over, its goal is an average over all its years: an average of some of them ("bình quân 3 năm
        // 2021 - 2023") says how those years went, not whether the period reached its goal.
        var missing = Enumerable.Range(target.PeriodStartYear, context.PeriodYears).Where(y => !average.Covers(y)).ToList();
        if (context.TargetYearIsOver && missing.Count > 0)
        {
            var comparison = observed > minimum ? "cao hơn" : observed == minimum ? "bằng" : "thấp hơn";
            return new TargetJudgement(TargetStatus.NoData, observed, achievement, null, JudgingRules.GrowthRate, Wording.Sentences(
                $"{reached} ({average.YearsCovered.Count}/{context.PeriodYears} năm của {context.PeriodText}), {comparison} mức tối thiểu {Wording.Number(minimum)}%/năm của mục tiêu {goalText}",
                $"chưa có số liệu {(missing.Count == 1 ? "năm" : "các năm")} {Wording.Years(missing)} nên chưa đánh giá được mục tiêu cả {context.PeriodText}"));
        }

        if (observed >= upper)
        {
            var verb = observed > upper ? "vượt" : "đạt";
            return Judgement(TargetStatus.AchievedOrExceeded, $"{reached}, {verb} mục tiêu {goalText}");
        }
        if (observed >= minimum)
        {
            return context.TargetYearIsOver
                ? Judgement(TargetStatus.AchievedOrExceeded, $"{reached}, đạt mục tiêu {goalText}")
                : Judgement(TargetStatus.OnTrack, $"{reached}, đạt mức tối thiểu của mục tiêu {goalText}");
        }

        var below = $"{reached}, thấp hơn mức tối thiểu {Wording.Number(minimum)}%/năm của mục tiêu {goalText}";
        if (forecast is null)
            return Judgement(TargetStatus.OffTrack, $"{below}; {context.PeriodText} không còn năm nào để bù đắp");
        return forecast.Value > 0
            ? Judgement(Progress.ByProgressRatio(observed / forecast.Value), below)
            : Judgement(TargetStatus.AtRisk, below);

        TargetJudgement Judgement(TargetStatus status, string sentence) =>
            new(status, observed, achievement, forecast, JudgingRules.GrowthRate, Wording.Sentences(sentence, forecast?.Explanation));
    }

    /// <summary>
    /// The annual growth the years not yet covered need for the whole period to average the minimum:
    /// (1 + needed)^remaining = (1 + minimum)^periodYears / Π(1 + observed). Null when no year remains.
    /// </summary>
    private static Forecast? RequiredGrowth(JudgingContext context, AverageGrowth average, decimal minimum)
    {
        var periodYears = Math.Max(context.PeriodYears, average.Years);
        var remaining = periodYears - average.Years;
        if (remaining <= 0) return null;

        var needed = Math.Pow(Math.Pow(1 + (double)minimum / 100, periodYears) / average.GrowthFactor, 1.0 / remaining) - 1;
        var value = Progress.Round(Progress.ToDecimal(needed * 100));
        var targetYear = context.Target.TargetYear;
        var years = average.LastYear + remaining == targetYear
            ? (remaining == 1 ? $"năm {targetYear}" : $"các năm {average.LastYear + 1} - {targetYear}")
            : $"{remaining} năm còn lại";
        var wording = value >= 0 ? $"cần tăng {Wording.Number(value)}%/năm" : $"có thể giảm tới {Wording.Number(-value)}%/năm";
        var comparison = value > 0 && average.Rate < minimum
            ? $" (tốc độ đã đạt bằng {Wording.Number(Progress.Round(average.Rate / value * 100, 1))}% mức cần thiết)"
            : "";
        return new Forecast(value, targetYear, ForecastMethods.RequiredVsObservedGrowth,
            Wording.Sentences($"để bình quân {context.PeriodText} đạt {Wording.Number(minimum)}%/năm, {years} {wording}{comparison}"));
    }

    /// <param name="GrowthFactor">Π(1 + r/100) over the years covered.</param>
    private sealed record AverageGrowth(decimal Rate, double GrowthFactor, int Years, int LastYear, string Basis, IReadOnlyList<int> YearsCovered)
    {
        public bool Covers(int year) => YearsCovered.Contains(year);

        /// <summary>
        /// Yearly rates compound; a half-year rate stands in for a year with no yearly figure; the latest span
        /// (an average over several years) replaces the yearly figures it covers when it covers a year they do not.
        /// </summary>
        public static AverageGrowth? From(IReadOnlyList<Figure> figures)
        {
            var withValue = figures.Where(f => f.Value is not null).ToList();
            var yearly = withValue.Where(f => f.Period.Kind == PeriodKind.Year).ToDictionary(f => f.Period.FirstYear);
            var byYear = new SortedDictionary<int, Figure>(yearly);
            foreach (var half in withValue.Where(f => f.Period.Kind == PeriodKind.HalfYear && !yearly.ContainsKey(f.Period.FirstYear)))
                byYear[half.Period.FirstYear] = half; // in period order, so a second half replaces the first

            var parts = byYear.Values.ToList();
            var span = withValue.LastOrDefault(f => f.Period.Kind == PeriodKind.Span);
            if (span is not null && Enumerable.Range(span.Period.FirstYear, span.Period.Years).Any(y => !yearly.ContainsKey(y)))
                parts = [.. parts.Where(f => f.Period.LastYear < span.Period.FirstYear || f.Period.FirstYear > span.Period.LastYear).Append(span)
                    .OrderBy(f => f.Period.FirstYear)];
            if (parts.Count == 0) return null;

            var years = parts.Sum(f => f.Period.Years);
            var factor = parts.Aggregate(1.0, (product, f) => product * Math.Pow(1 + (double)f.Value!.Value / 100, f.Period.Years));
            var rate = parts.Count == 1
                ? parts[0].Value!.Value
                : Progress.Round(Progress.ToDecimal((Math.Pow(factor, 1.0 / years) - 1) * 100));

            var first = parts[0].Period.FirstYear;
            var last = parts[^1].Period.LastYear;
            var basis = parts.Count == 1 ? parts[0].Period.ToVietnamese() : Wording.YearRange(first, last);
            var halves = parts.Where(f => f.Period.Kind == PeriodKind.HalfYear).Select(f => f.Period.ToVietnamese()).ToList();
            if (halves.Count > 0 && parts.Count > 1)
                basis += $" (tính cả số liệu {string.Join(", ", halves)})";
            // A half-year stands in for its year in the average, but does not make the year known.
            var covered = parts.Where(f => f.Period.Kind != PeriodKind.HalfYear)
                .SelectMany(f => Enumerable.Range(f.Period.FirstYear, f.Period.Years)).Distinct().Order().ToList();
            return new AverageGrowth(rate, factor, years, last, basis, covered);
        }
    }
}
