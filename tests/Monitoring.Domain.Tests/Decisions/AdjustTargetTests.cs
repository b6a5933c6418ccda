using Monitoring.Domain.Common;
using Monitoring.Domain.Targets;
using static Monitoring.Domain.Tests.Decisions.Seeds;

namespace Monitoring.Domain.Tests.Decisions;

/// <summary>Given a budget-revenue stream → when the committee adjusts the target → then TargetAdjusted or a rejection.</summary>
public class AdjustTargetTests
{
    private static readonly TargetGoal Raised = new(Minimum: 11m, Maximum: 12m); // 004: "NQ 11 - 12%/năm"
    private static readonly DateTimeOffset AdjustedAt = On.At("2023-07-20", 15);

    private static Decision Adjust(Target target, TargetGoal goal, int year, string decisionNumber = "45-NQ/TU",
        string decisionDate = "2023-07-14") =>
        target.Adjust(goal, year, decisionNumber, On.Day(decisionDate), "Đánh giá giữa nhiệm kỳ: thu ngân sách đạt 15,4%/năm",
            "van-phong-tinh-uy", AdjustedAt);

    [Fact]
    public void Raising_the_goal_records_the_previous_goal_and_year()
    {
        var target = Given.Target(BudgetRevenue.Defined(), BudgetRevenue.Assigned());

        var decision = Adjust(target, Raised, 2025);

        decision.ShouldProduce(new TargetAdjusted(
            BudgetRevenue.Id, Raised, 2025, PreviousGoal: new TargetGoal(10m, 12m), PreviousTargetYear: 2025,
            "45-NQ/TU", On.Day("2023-07-14"), "Đánh giá giữa nhiệm kỳ: thu ngân sách đạt 15,4%/năm", "van-phong-tinh-uy",
            AdjustedAt));
    }

    [Fact]
    public void Moving_only_the_target_year_is_an_adjustment()
    {
        var target = Given.Target(BudgetRevenue.Defined());

        var decision = Adjust(target, BudgetRevenue.Goal, 2026);

        decision.ShouldProduce(new TargetAdjusted(
            BudgetRevenue.Id, new TargetGoal(10m, 12m), 2026, new TargetGoal(10m, 12m), 2025, "45-NQ/TU", On.Day("2023-07-14"),
            "Đánh giá giữa nhiệm kỳ: thu ngân sách đạt 15,4%/năm", "van-phong-tinh-uy", AdjustedAt));
    }

    [Fact]
    public void A_second_adjustment_records_the_first_adjustment_as_its_previous_goal()
    {
        var target = Given.Target(
            BudgetRevenue.Defined(),
            BudgetRevenue.Adjusted(Raised, 2025, BudgetRevenue.Goal, 2025, "45-NQ/TU", "2023-07-14"));

        var decision = Adjust(target, new TargetGoal(12m, 13m), 2025, "61-NQ/TU", "2024-07-12");

        var adjusted = decision.Events.ShouldHaveSingleItem().ShouldBeOfType<TargetAdjusted>();
        adjusted.Goal.ShouldBe(new TargetGoal(12m, 13m));
        adjusted.PreviousGoal.ShouldBe(Raised);
        adjusted.PreviousTargetYear.ShouldBe(2025);
        adjusted.DecisionNumber.ShouldBe("61-NQ/TU");
    }

    [Fact]
    public void Folding_the_adjustment_changes_the_goal_and_keeps_the_original()
    {
        var target = Given.Target(BudgetRevenue.Defined());
        var decision = Adjust(target, Raised, 2025);

        var after = Given.Target([BudgetRevenue.Defined(), .. decision.Events]);

        after.Goal.ShouldBe(Raised);
        after.OriginalGoal.ShouldBe(BudgetRevenue.Goal);
        after.Adjustments.ShouldHaveSingleItem().DecisionNumber.ShouldBe("45-NQ/TU");
    }

    [Fact]
    public void An_adjustment_that_changes_nothing_is_invalid()
    {
        var target = Given.Target(BudgetRevenue.Defined());

        var decision = Adjust(target, new TargetGoal(10m, 12m), 2025);

        decision.ShouldBeRejected(RejectionKind.Invalid, "goal");
    }

    [Fact]
    public void Adjusting_back_to_the_goal_already_in_force_after_an_adjustment_changes_nothing()
    {
        var target = Given.Target(
            BudgetRevenue.Defined(),
            BudgetRevenue.Adjusted(Raised, 2025, BudgetRevenue.Goal, 2025, "45-NQ/TU", "2023-07-14"));

        var decision = Adjust(target, Raised, 2025, "61-NQ/TU");

        decision.ShouldBeRejected(RejectionKind.Invalid, "goal");
    }

    [Fact]
    public void The_same_decision_number_twice_is_a_conflict()
    {
        var target = Given.Target(
            BudgetRevenue.Defined(),
            BudgetRevenue.Adjusted(Raised, 2025, BudgetRevenue.Goal, 2025, "45-NQ/TU", "2023-07-14"));

        var decision = Adjust(target, new TargetGoal(12m, 13m), 2025, "45-NQ/TU");

        decision.ShouldBeRejected(RejectionKind.Conflict, "decisionNumber").English.ShouldContain("45-NQ/TU");
    }

    [Fact]
    public void Resending_the_same_decision_is_reported_as_a_duplicate_decision()
    {
        var target = Given.Target(
            BudgetRevenue.Defined(),
            BudgetRevenue.Adjusted(Raised, 2025, BudgetRevenue.Goal, 2025, "45-NQ/TU", "2023-07-14"));

        var decision = Adjust(target, Raised, 2025, "45-NQ/TU");

        decision.ShouldBeRejected(RejectionKind.Conflict, "decisionNumber");
    }

    [Fact]
    public void An_adjustment_that_would_put_the_minimum_above_the_maximum_is_invalid()
    {
        var target = Given.Target(BudgetRevenue.Defined());

        Adjust(target, new TargetGoal(Minimum: 13m, Maximum: 12m), 2025).ShouldBeRejected(RejectionKind.Invalid, "minimum");
    }

    [Fact]
    public void An_adjustment_to_a_year_before_the_period_is_invalid()
    {
        var target = Given.Target(BudgetRevenue.Defined());

        Adjust(target, Raised, 2019).ShouldBeRejected(RejectionKind.Invalid, "targetYear");
    }

    [Fact]
    public void The_target_on_a_day_leaves_out_adjustments_decided_after_it()
    {
        var lowered = new TargetGoal(Minimum: 9m, Maximum: 12m);
        object[] stream =
        [
            BudgetRevenue.Defined(),
            BudgetRevenue.Adjusted(Raised, 2025, BudgetRevenue.Goal, 2025, "45-NQ/TU", "2023-07-14"),
            BudgetRevenue.Adjusted(lowered, 2026, Raised, 2025, "60-NQ/TU", "2024-03-01"),
        ];
        Target On(string day) => Given.Target([.. stream.Where(e => Target.IsAboutOnOrBefore(e, Decisions.On.Day(day)))]);

        On("2023-06-30").Goal.ShouldBe(BudgetRevenue.Goal);
        On("2023-06-30").Adjustments.ShouldBeEmpty();
        On("2023-12-31").Goal.ShouldBe(Raised);
        On("2023-12-31").Adjustments.Select(a => a.DecisionNumber).ShouldBe(["45-NQ/TU"]);
        On("2024-03-01").Goal.ShouldBe(lowered);
        On("2024-03-01").TargetYear.ShouldBe(2026);
    }
}
