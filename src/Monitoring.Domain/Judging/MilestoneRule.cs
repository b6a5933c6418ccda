using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Judging;

/// <summary>
/// "Hoàn thành nâng cấp cửa khẩu quốc tế Thường Phước": done or not. The latest figure lists the steps completed
/// (Items) or says the whole is done (Value ≥ 1); a step past its due date and not done puts the target at risk.
/// </summary>
internal static class MilestoneRule
{
    public static TargetJudgement Judge(JudgingContext context)
    {
        var target = context.Target;
        var steps = target.Steps;
        var latest = context.Figures.LastOrDefault();
        var completed = latest?.Items.ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        var stepsDone = steps.Count(s => completed.Contains(s.Name));
        var done = latest?.Value >= 1 || (steps.Count > 0 && stepsDone == steps.Count);
        var overdue = done ? [] : steps.Where(s => s.Due < context.Today && !completed.Contains(s.Name)).ToList();
        var nextStep = steps.Where(s => !completed.Contains(s.Name)).OrderBy(s => s.Due ?? DateOnly.MaxValue).FirstOrDefault();

        decimal? observed = latest is null ? null : steps.Count > 0 ? stepsDone : latest.Value;
        decimal? achievement = done ? 100 : latest is not null && steps.Count > 0 ? Progress.Round((decimal)stepsDone / steps.Count * 100, 1) : null;
        var doneNames = string.Join(", ", steps.Where(s => completed.Contains(s.Name)).Select(s => s.Name));
        var progress = latest is null ? null
            : steps.Count == 0 ? $"{latest.Period.ToVietnamese()}: chưa hoàn thành"
            : $"{latest.Period.ToVietnamese()}: đã hoàn thành {stepsDone}/{steps.Count} bước" + (stepsDone > 0 ? $" ({doneNames})" : "");
        var late = overdue.Count > 0
            ? "quá hạn chưa hoàn thành: " + string.Join(", ", overdue.Select(s => $"{s.Name} (hạn {Wording.Date(s.Due!.Value)})"))
            : null;
        var deadline = $"hạn hoàn thành năm {target.TargetYear}";

        if (done)
            return Judgement(TargetStatus.AchievedOrExceeded, $"{latest!.Period.ToVietnamese()}: đã hoàn thành");
        if (overdue.Count > 0)
            return Judgement(context.TargetYearIsOver ? TargetStatus.OffTrack : TargetStatus.AtRisk, progress, late);
        if (latest is null)
            return context.NoData(JudgingRules.Milestone, $"chưa có báo cáo tiến độ; {deadline}");
        if (context.TargetYearIsOver)
            return Judgement(TargetStatus.OffTrack, progress, $"đã quá {deadline}");
        return Judgement(TargetStatus.OnTrack, progress, nextStep is null ? deadline
            : $"bước tiếp theo: {nextStep.Name}" + (nextStep.Due is { } due ? $" (hạn {Wording.Date(due)})" : ""));

        TargetJudgement Judgement(TargetStatus status, params string?[] sentences) =>
            new(status, observed, achievement, null, JudgingRules.Milestone, Wording.Sentences(sentences));
    }
}
