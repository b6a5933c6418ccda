using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Judging;

/// <summary>Judges a target's progress from its effective figures, as of a date; one rule per shape.</summary>
public static class TargetJudge
{
    /// <param name="includeSubmitted">Also count figures submitted and not yet approved (approved ones only by default).</param>
    public static TargetJudgement Judge(Target target, DateOnly today, bool includeSubmitted = false)
    {
        ArgumentNullException.ThrowIfNull(target);
        var context = JudgingContext.For(target, today, includeSubmitted);
        return target.Shape switch
        {
            TargetShape.GrowthRate => GrowthRateRule.Judge(context),
            TargetShape.LevelAtLeast or TargetShape.LevelAtMost => LevelRule.Judge(context),
            TargetShape.QuantityPerYear => QuantityPerYearRule.Judge(context),
            TargetShape.Cumulative => CumulativeRule.Judge(context),
            TargetShape.CountMeetingStandard => CountMeetingStandardRule.Judge(context),
            TargetShape.Milestone => MilestoneRule.Judge(context),
            TargetShape.RelativeToReference => RelativeToReferenceRule.Judge(context),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target.Shape, "Unknown target shape"),
        };
    }
}
