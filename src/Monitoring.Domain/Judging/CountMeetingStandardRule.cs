using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Judging;

/// <summary>
/// "Tất cả các xã đạt chuẩn nông thôn mới" (15/22 in 2020): k units of n meet the standard; short of the goal, a straight
/// line from the baseline count to the latest count says whether the goal is reached by the target year.
/// </summary>
internal static class CountMeetingStandardRule
{
    public static TargetJudgement Judge(JudgingContext context)
    {
        var target = context.Target;
        var total = target.Goal.Total ?? (target.StandardUnits.Count > 0 ? target.StandardUnits.Count : null);
        if ((target.Goal.Minimum ?? total) is not { } goal) return context.NoGoal(JudgingRules.CountMeetingStandard);
        var goalText = $"năm {target.TargetYear} có {CountText(goal)}"
            + (context.OverBaselineText(CountText) is { } over ? $" ({over})" : "");

        // A count about the baseline's year restates where the period starts: progress is counted after it.
        var latest = context.ProgressFigures.LastOrDefault(Counts);
        if (latest is null)
            return context.NoData(JudgingRules.CountMeetingStandard, context.BaselineText(CountText) is { } baselineText
                ? $"{baselineText}; chưa có số liệu sau năm {context.StartingYear} để so với mục tiêu {goalText}"
                : $"chưa có số liệu để so với mục tiêu {goalText}");

        var count = CountOf(latest);
        var achievement = Progress.Achievement(count, goal, lowerIsBetter: false);
        var reached = $"{latest.Period.ToVietnamese()} có {CountText(count)} đạt chuẩn";
        var missing = target.StandardUnits.Count > 0 && latest.Items.Count > 0
            ? target.StandardUnits.Where(u => !latest.Items.Contains(u, StringComparer.OrdinalIgnoreCase)).ToList()
            : [];
        var notYet = missing.Count > 0 ? $"chưa đạt chuẩn: {string.Join(", ", missing)}" : null;

        if (count >= goal)
            return Judgement(TargetStatus.AchievedOrExceeded, null, $"{reached}, đạt mục tiêu {goalText}");
        if (context.TargetYearIsOver)
            return Judgement(TargetStatus.OffTrack, null, $"{reached}, không đạt mục tiêu {goalText}");

        var latestTime = Progress.TimeOf(latest.Period);
        if (StartingPoint(context, latestTime) is not (var start, var startTime, var startText))
            return Judgement(TargetStatus.AtRisk, null,
                $"{reached}, chưa đạt mục tiêu {goalText}; chưa có {(target.Baseline is null ? "số liệu gốc hay " : "")}số liệu kỳ trước để dự báo");

        // Units are whole: a forecast of 21,7 communes is 21 communes, and never more than all of them
        // (rounded first so that 1/3 × 3 = 0,999… still counts as one).
        var perYear = (count - start) / (latestTime - startTime);
        var projected = Math.Floor(Math.Round(count + perYear * Math.Max(0, target.TargetYear - latestTime), 6));
        if (total is { } n) projected = Math.Min(projected, n);
        var reaches = projected >= goal;
        var forecast = new Forecast(projected, target.TargetYear, ForecastMethods.LinearTrend, Wording.Sentences(
            $"theo xu hướng từ {Units(start)} ({startText}) đến {Units(count)} ({latest.Period.ToVietnamese()}), "
            + $"bình quân thêm {Units(Progress.Round(perYear))}/năm, dự báo năm {target.TargetYear} có {CountText(projected)} đạt chuẩn, "
            + (reaches ? "đạt mục tiêu" : "chưa đạt mục tiêu")));
        return Judgement(reaches ? TargetStatus.OnTrack : TargetStatus.AtRisk, forecast, $"{reached}, chưa đạt mục tiêu {goalText}");

        TargetJudgement Judgement(TargetStatus status, Forecast? forecast, string sentence) =>
            new(status, count, achievement, forecast, JudgingRules.CountMeetingStandard,
                Wording.Sentences(sentence, forecast?.Explanation, notYet));

        string Units(decimal k) => Wording.Amount(k, target.UnitOfMeasure);

        string CountText(decimal k) => total is { } n ? $"{Wording.Number(k)}/{Wording.Number(n)} {target.UnitOfMeasure}".TrimEnd() : Units(k);
    }

    /// <summary>The baseline count, else the earliest count reported before the latest one.</summary>
    private static (decimal Count, decimal Time, string Text)? StartingPoint(JudgingContext context, decimal latestTime)
    {
        if (context.Target.Baseline is { } baseline && baseline.Year < latestTime)
            return (baseline.Value, baseline.Year, $"năm {baseline.Year}, số liệu gốc");
        var first = context.Figures.First(Counts);
        return Progress.TimeOf(first.Period) < latestTime
            ? (CountOf(first), Progress.TimeOf(first.Period), first.Period.ToVietnamese())
            : null;
    }

    private static bool Counts(Figure figure) => figure.Value is not null || figure.Items.Count > 0;

    private static decimal CountOf(Figure figure) => figure.Value ?? figure.Items.Count;
}
