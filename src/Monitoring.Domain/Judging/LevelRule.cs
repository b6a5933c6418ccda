using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Judging;

/// <summary>
/// "95% dân cư tham gia bảo hiểm y tế" (at least) and "tỷ lệ hộ nghèo giảm còn dưới 3,0%" (at most): the latest value
/// against the goal; when not yet met, a forecast to the target year from the trend since the baseline, and the observed
/// rate of change set against the rate still needed (Open SDG).
/// </summary>
internal static class LevelRule
{
    public static TargetJudgement Judge(JudgingContext context)
    {
        var target = context.Target;
        var atMost = target.Shape == TargetShape.LevelAtMost;
        var rule = atMost ? JudgingRules.LevelAtMost : JudgingRules.LevelAtLeast;
        var goal = atMost ? target.Goal.Maximum ?? target.Goal.Minimum : target.Goal.Minimum ?? target.Goal.Maximum;
        if (goal is not { } goalValue) return context.NoGoal(rule);

        // Earlier figures may start the trend, but only a figure after the starting point (the baseline's year) is progress.
        var points = context.Figures.Where(f => f.Value is not null).ToList();
        if (points.LastOrDefault(context.IsProgress) is not { } latest)
            return context.NoData(rule, context.BaselineText(Amount) is { } baselineText
                ? $"{baselineText}; chưa có số liệu sau năm {context.StartingYear} để so với mục tiêu {GoalText()}"
                : $"chưa có số liệu để so với mục tiêu {GoalText()}");

        var value = latest.Value!.Value;
        var achievement = Progress.Achievement(value, goalValue, lowerIsBetter: atMost);
        var level = atMost ? "còn" : "đạt";
        var reached = $"{latest.Period.ToVietnamese()} {level} {Amount(value)}";

        if (atMost ? value <= goalValue : value >= goalValue)
            return Judgement(TargetStatus.AchievedOrExceeded, null, $"{reached}, đạt mục tiêu {GoalText()}");
        if (context.TargetYearIsOver)
            return Judgement(TargetStatus.OffTrack, null, $"{reached}, không đạt mục tiêu {GoalText()}");

        // A figure for the target year itself that misses leaves no time to catch up, even before the year is out.
        var remaining = target.TargetYear - Progress.TimeOf(latest.Period);
        if (remaining <= 0)
            return Judgement(TargetStatus.OffTrack, null, $"{reached}, không đạt mục tiêu {GoalText()}");
        if (Trend.From(context, points, goalValue) is not { } trend)
            return Judgement(TargetStatus.AtRisk, null,
                $"{reached}, chưa đạt mục tiêu {GoalText()}; chưa có {(target.Baseline is null ? "số liệu gốc hay " : "")}số liệu kỳ trước để dự báo xu hướng");

        var forecastValue = Progress.Round(trend.Project(remaining));
        var forecastMeets = atMost ? forecastValue <= goalValue : forecastValue >= goalValue;
        var status = forecastMeets ? TargetStatus.OnTrack : Progress.ByProgressRatio(trend.ProgressRatio(goalValue, remaining));
        var verdict = forecastMeets ? "đạt mục tiêu" : "chưa đạt mục tiêu";
        var forecast = new Forecast(forecastValue, target.TargetYear, trend.Method,
            Wording.Sentences($"{trend.Describe(Amount, latest.Period.ToVietnamese())}, dự báo năm {target.TargetYear} {level} {Amount(forecastValue)}, {verdict}"));
        return Judgement(status, forecast, $"{reached}, chưa đạt mục tiêu {GoalText()}");

        TargetJudgement Judgement(TargetStatus status, Forecast? forecast, string sentence) =>
            new(status, value, achievement, forecast, rule, Wording.Sentences(sentence, forecast?.Explanation));

        string Amount(decimal amount) => Wording.Amount(amount, target.UnitOfMeasure);

        string GoalText() => (atMost
            ? $"năm {target.TargetYear} không quá {Amount(goalValue)}"
            : $"năm {target.TargetYear} đạt {Amount(goalValue)}")
            + (context.OverBaselineText(Amount) is { } over ? $" ({over})" : "");
    }

    /// <summary>
    /// The movement from a starting point (the baseline, else the earliest figure) to the latest figure:
    /// <see cref="Rate"/> is the compound annual rate as a fraction, or the change per year for a linear trend.
    /// </summary>
    private sealed record Trend(string Method, decimal Start, string StartText, decimal Latest, double Rate)
    {
        private bool Compound => Method == ForecastMethods.CompoundAnnualGrowth;

        public static Trend? From(JudgingContext context, IReadOnlyList<Figure> points, decimal goal)
        {
            var latest = points[^1];
            var value = latest.Value!.Value;
            var latestTime = Progress.TimeOf(latest.Period);
            var baseline = context.Target.Baseline;
            if (baseline is not null && baseline.Year < latestTime)
            {
                var elapsed = latestTime - baseline.Year;
                // Compound growth needs positive values throughout; otherwise the straight line is the honest trend.
                return baseline.Value > 0 && value > 0 && goal > 0
                    ? new Trend(ForecastMethods.CompoundAnnualGrowth, baseline.Value, $"năm {baseline.Year}, số liệu gốc", value,
                        Math.Pow((double)(value / baseline.Value), 1 / (double)elapsed) - 1)
                    : new Trend(ForecastMethods.LinearTrend, baseline.Value, $"năm {baseline.Year}, số liệu gốc", value,
                        (double)((value - baseline.Value) / elapsed));
            }
            var earliest = points[0];
            var earliestTime = Progress.TimeOf(earliest.Period);
            return earliestTime < latestTime
                ? new Trend(ForecastMethods.LinearTrend, earliest.Value!.Value, earliest.Period.ToVietnamese(), value,
                    (double)((value - earliest.Value!.Value) / (latestTime - earliestTime)))
                : null;
        }

        public decimal Project(decimal remaining) => Compound
            ? Progress.ToDecimal((double)Latest * Math.Pow(1 + Rate, (double)remaining))
            : Latest + Progress.ToDecimal(Rate) * remaining;

        /// <summary>Observed rate over the rate still needed; the goal is not met, so the needed rate is not zero.</summary>
        public decimal ProgressRatio(decimal goal, decimal remaining)
        {
            var needed = Compound
                ? Math.Pow((double)(goal / Latest), 1 / (double)remaining) - 1
                : (double)((goal - Latest) / remaining);
            return Progress.ToDecimal(Rate / needed);
        }

        public string Describe(Func<decimal, string> amount, string latestText)
        {
            var change = Compound ? Progress.Round(Progress.ToDecimal(Rate * 100)) : 0;
            var path = $"từ {amount(Start)} ({StartText}) đến {amount(Latest)} ({latestText})";
            return Compound
                ? $"theo tốc độ {(change >= 0 ? "tăng" : "giảm")} bình quân {Wording.Number(Math.Abs(change))}%/năm {path}"
                : $"theo xu hướng tuyến tính {path}";
        }
    }
}
