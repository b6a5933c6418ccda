using Monitoring.Domain.Common;
using Monitoring.Domain.Tasks;
using static Monitoring.Domain.Tests.Decisions.Seeds;

namespace Monitoring.Domain.Tests.Decisions;

/// <summary>Given the Mộc Rá border-gate task → when it is completed, suspended, reopened or extended → then events or a rejection.</summary>
public class ResolutionTaskDecisionTests
{
    private const string Note = "Đã trình Thủ tướng Chính phủ hồ sơ nâng cấp cửa khẩu Mộc Rá";
    private static readonly DateTimeOffset Now = On.At("2023-11-20");

    private static object[] Started() =>
    [
        MocRaBorderGate.Defined(),
        MocRaBorderGate.Progress("2022-H2", 30, "2023-01-10", "Đã lập hồ sơ, lấy ý kiến các bộ, ngành"),
        MocRaBorderGate.Progress("2023-H1", 70, "2023-07-10"),
    ];

    // ---- Complete ----

    [Fact]
    public void Completing_an_active_task_records_the_completion()
    {
        var task = Given.Task(Started());

        var decision = task.Complete(On.Day("2023-11-15"), Note, IndustryAndTrade, "so-cong-thuong", Now);

        decision.ShouldProduce(new TaskCompleted(MocRaBorderGate.Id, On.Day("2023-11-15"), Note, IndustryAndTrade, "so-cong-thuong", Now));
    }

    [Fact]
    public void Completing_a_completed_task_is_a_conflict()
    {
        var task = Given.Task([.. Started(), MocRaBorderGate.Completed("2023-11-15", "2023-11-16")]);

        var decision = task.Complete(On.Day("2023-11-30"), Note, IndustryAndTrade, "so-cong-thuong", Now);

        decision.ShouldBeRejected(RejectionKind.Conflict, "completedOn").English.ShouldContain("2023-11-15");
    }

    [Fact]
    public void Completing_a_suspended_task_is_a_conflict()
    {
        var task = Given.Task([.. Started(), MocRaBorderGate.Suspended("2023-09-01")]);

        var decision = task.Complete(On.Day("2023-11-15"), Note, IndustryAndTrade, "so-cong-thuong", Now);

        decision.ShouldBeRejected(RejectionKind.Conflict, "completedOn");
    }

    // ---- Suspend ----

    [Fact]
    public void Suspending_an_active_task_records_the_reason()
    {
        var task = Given.Task(Started());

        var decision = task.Suspend("Chờ ý kiến của Bộ Ngoại giao", "van-phong-tinh-uy", Now);

        decision.ShouldProduce(new TaskSuspended(MocRaBorderGate.Id, "Chờ ý kiến của Bộ Ngoại giao", "van-phong-tinh-uy", Now));
    }

    [Fact]
    public void Suspending_twice_is_a_conflict()
    {
        var task = Given.Task([.. Started(), MocRaBorderGate.Suspended("2023-09-01")]);

        var decision = task.Suspend("Chờ ý kiến của Bộ Ngoại giao", "van-phong-tinh-uy", Now);

        decision.ShouldBeRejected(RejectionKind.Conflict, "reason");
    }

    [Fact]
    public void Suspending_a_completed_task_is_a_conflict()
    {
        var task = Given.Task([.. Started(), MocRaBorderGate.Completed("2023-11-15", "2023-11-16")]);

        var decision = task.Suspend("Chờ ý kiến của Bộ Ngoại giao", "van-phong-tinh-uy", Now);

        decision.ShouldBeRejected(RejectionKind.Conflict, "reason");
    }

    // ---- Reopen ----

    [Fact]
    public void Reopening_a_suspended_task_is_accepted()
    {
        var task = Given.Task([.. Started(), MocRaBorderGate.Suspended("2023-09-01")]);

        var decision = task.Reopen("Bộ Ngoại giao đã có ý kiến", "van-phong-tinh-uy", Now);

        decision.ShouldProduce(new TaskReopened(MocRaBorderGate.Id, "Bộ Ngoại giao đã có ý kiến", "van-phong-tinh-uy", Now));
    }

    [Fact]
    public void Reopening_a_completed_task_is_accepted_and_clears_the_completion()
    {
        object[] history = [.. Started(), MocRaBorderGate.Completed("2023-11-15", "2023-11-16")];

        var decision = Given.Task(history).Reopen("Hồ sơ bị trả lại để bổ sung", "van-phong-tinh-uy", Now);

        decision.ShouldProduce(new TaskReopened(MocRaBorderGate.Id, "Hồ sơ bị trả lại để bổ sung", "van-phong-tinh-uy", Now));
        var after = Given.Task([.. history, .. decision.Events]);
        after.IsDone.ShouldBeFalse();
        after.CompletedOn.ShouldBeNull();
        after.PercentDone.ShouldBe(Given.Task(Started()).PercentDone, "back to the progress reported before the completion");
        after.PercentDone.ShouldBeLessThan(100);
    }

    [Fact]
    public void Reopening_an_active_task_is_a_conflict()
    {
        var task = Given.Task(Started());

        var decision = task.Reopen("Không có lý do", "van-phong-tinh-uy", Now);

        decision.ShouldBeRejected(RejectionKind.Conflict, "reason");
    }

    [Fact]
    public void Reopening_a_reopened_task_is_a_conflict()
    {
        var task = Given.Task([.. Started(), MocRaBorderGate.Suspended("2023-09-01"), MocRaBorderGate.Reopened("2023-10-01")]);

        var decision = task.Reopen("Không có lý do", "van-phong-tinh-uy", Now);

        decision.ShouldBeRejected(RejectionKind.Conflict, "reason");
    }

    // ---- ExtendDeadline ----

    [Fact]
    public void Extending_the_deadline_records_the_previous_one()
    {
        var task = Given.Task(Started());

        var decision = task.ExtendDeadline(On.Day("2024-06-30"), "Bổ sung hồ sơ theo ý kiến các bộ, ngành", "112-KL/TU",
            "van-phong-tinh-uy", Now);

        decision.ShouldProduce(new TaskDeadlineExtended(MocRaBorderGate.Id, On.Day("2024-06-30"), PreviousDeadline: On.Day("2023-12-31"),
            "Bổ sung hồ sơ theo ý kiến các bộ, ngành", "112-KL/TU", "van-phong-tinh-uy", Now));
    }

    [Fact]
    public void A_second_extension_records_the_first_extension_as_the_previous_deadline()
    {
        var task = Given.Task([.. Started(), MocRaBorderGate.Extended("2024-06-30", MocRaBorderGate.Deadline, "2023-11-01")]);

        var decision = task.ExtendDeadline(On.Day("2024-12-31"), "Chờ Bộ Quốc phòng thống nhất", null, "van-phong-tinh-uy", Now);

        decision.ShouldProduce(new TaskDeadlineExtended(MocRaBorderGate.Id, On.Day("2024-12-31"), On.Day("2024-06-30"),
            "Chờ Bộ Quốc phòng thống nhất", null, "van-phong-tinh-uy", Now));
        var after = Given.Task([.. Started(), MocRaBorderGate.Extended("2024-06-30", MocRaBorderGate.Deadline, "2023-11-01"), .. decision.Events]);
        after.Deadline.ShouldBe(On.Day("2024-12-31"));
        after.OriginalDeadline.ShouldBe(On.Day("2023-12-31"));
    }

    [Fact]
    public void Giving_a_deadline_to_a_task_without_one_records_no_previous_deadline()
    {
        var task = Given.Task(MocRaBorderGate.Defined(withoutDeadline: true));

        var decision = task.ExtendDeadline(On.Day("2024-06-30"), "Ấn định thời hạn", null, "van-phong-tinh-uy", Now);

        decision.ShouldProduce(new TaskDeadlineExtended(MocRaBorderGate.Id, On.Day("2024-06-30"), null, "Ấn định thời hạn", null,
            "van-phong-tinh-uy", Now));
    }

    [Theory]
    [InlineData("2023-06-30")]
    [InlineData("2023-12-31")] // the same day is no extension either
    public void Extending_to_an_earlier_date_is_invalid(string newDeadline)
    {
        var task = Given.Task(Started());

        var decision = task.ExtendDeadline(On.Day(newDeadline), "Rút ngắn", null, "van-phong-tinh-uy", Now);

        decision.ShouldBeRejected(RejectionKind.Invalid, "newDeadline").English.ShouldContain("2023-12-31");
    }

    [Fact]
    public void Extending_the_deadline_of_a_completed_task_is_a_conflict()
    {
        var task = Given.Task([.. Started(), MocRaBorderGate.Completed("2023-11-15", "2023-11-16")]);

        var decision = task.ExtendDeadline(On.Day("2024-06-30"), "Gia hạn", null, "van-phong-tinh-uy", Now);

        decision.ShouldBeRejected(RejectionKind.Conflict, "newDeadline");
    }
}
