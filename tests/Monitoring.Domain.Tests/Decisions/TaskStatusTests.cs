using Monitoring.Domain.Tasks;
using static Monitoring.Domain.Tests.Decisions.Seeds;

namespace Monitoring.Domain.Tests.Decisions;

/// <summary>Given the Mộc Rá task's history → on a day the test chooses → its status. Deadline 2023-12-31.</summary>
public class TaskStatusTests
{
    private static TaskProgressStatus StatusOf(string today, params object[] history) =>
        Given.Task([MocRaBorderGate.Defined(), .. history]).StatusOn(On.Day(today));

    [Fact]
    public void A_task_nobody_has_reported_on_is_not_started()
    {
        StatusOf("2022-03-01").ShouldBe(TaskProgressStatus.NotStarted);
    }

    [Fact]
    public void A_reported_task_before_its_deadline_is_in_progress()
    {
        StatusOf("2023-08-01", MocRaBorderGate.Progress("2023-H1", 70, "2023-07-10")).ShouldBe(TaskProgressStatus.InProgress);
    }

    [Fact]
    public void A_report_of_zero_percent_still_counts_as_started()
    {
        StatusOf("2023-08-01", MocRaBorderGate.Progress("2023-H1", 0, "2023-07-10", "Đang khảo sát"))
            .ShouldBe(TaskProgressStatus.InProgress);
    }

    [Fact]
    public void On_the_deadline_day_the_task_is_not_yet_overdue()
    {
        StatusOf("2023-12-31", MocRaBorderGate.Progress("2023-H1", 70, "2023-07-10")).ShouldBe(TaskProgressStatus.InProgress);
    }

    [Fact]
    public void The_day_after_the_deadline_an_unfinished_task_is_overdue()
    {
        StatusOf("2024-01-01", MocRaBorderGate.Progress("2023-H1", 70, "2023-07-10")).ShouldBe(TaskProgressStatus.Overdue);
        StatusOf("2024-01-01").ShouldBe(TaskProgressStatus.Overdue);
    }

    [Fact]
    public void A_task_without_a_deadline_is_never_overdue()
    {
        Given.Task(MocRaBorderGate.Defined(withoutDeadline: true)).StatusOn(On.Day("2030-01-01"))
            .ShouldBe(TaskProgressStatus.NotStarted);
    }

    [Theory]
    [InlineData("2023-11-15")]
    [InlineData("2023-12-31")]
    public void Completed_by_the_deadline_is_done_on_time(string completedOn)
    {
        StatusOf("2024-06-01", MocRaBorderGate.Completed(completedOn, "2024-01-05")).ShouldBe(TaskProgressStatus.DoneOnTime);
    }

    [Fact]
    public void Completed_after_the_deadline_is_done_late()
    {
        StatusOf("2024-06-01", MocRaBorderGate.Completed("2024-02-20", "2024-02-21")).ShouldBe(TaskProgressStatus.DoneLate);
    }

    [Fact]
    public void Completed_within_an_extended_deadline_is_done_on_time()
    {
        StatusOf("2024-06-01",
                MocRaBorderGate.Extended("2024-06-30", MocRaBorderGate.Deadline, "2023-12-20"),
                MocRaBorderGate.Completed("2024-02-20", "2024-02-21"))
            .ShouldBe(TaskProgressStatus.DoneOnTime);
    }

    [Fact]
    public void An_extended_deadline_lifts_the_overdue_status()
    {
        var history = new object[] { MocRaBorderGate.Progress("2023-H2", 80, "2024-01-10") };
        StatusOf("2024-01-15", history).ShouldBe(TaskProgressStatus.Overdue);
        StatusOf("2024-01-15", [.. history, MocRaBorderGate.Extended("2024-06-30", MocRaBorderGate.Deadline, "2024-01-12")])
            .ShouldBe(TaskProgressStatus.InProgress);
    }

    [Fact]
    public void A_completed_task_without_a_deadline_is_done_on_time()
    {
        Given.Task(MocRaBorderGate.Defined(withoutDeadline: true), MocRaBorderGate.Completed("2026-01-10", "2026-01-11"))
            .StatusOn(On.Day("2026-02-01")).ShouldBe(TaskProgressStatus.DoneOnTime);
    }

    [Fact]
    public void Suspension_wins_over_the_clock()
    {
        StatusOf("2024-03-01", MocRaBorderGate.Progress("2023-H1", 70, "2023-07-10"), MocRaBorderGate.Suspended("2023-09-01"))
            .ShouldBe(TaskProgressStatus.Suspended);
    }

    [Fact]
    public void A_reopened_task_goes_back_to_the_clock()
    {
        var history = new object[]
        {
            MocRaBorderGate.Progress("2023-H1", 70, "2023-07-10"), MocRaBorderGate.Suspended("2023-09-01"), MocRaBorderGate.Reopened("2023-10-01"),
        };
        StatusOf("2023-10-15", history).ShouldBe(TaskProgressStatus.InProgress);
        StatusOf("2024-01-15", history).ShouldBe(TaskProgressStatus.Overdue);
    }

    [Fact]
    public void A_reopened_completed_task_is_back_in_progress_and_overdue_after_the_deadline()
    {
        var history = new object[] { MocRaBorderGate.Completed("2023-11-15", "2023-11-16"), MocRaBorderGate.Reopened("2023-12-01") };
        StatusOf("2023-12-10", history).ShouldBe(TaskProgressStatus.InProgress);
        StatusOf("2024-01-02", history).ShouldBe(TaskProgressStatus.Overdue);
    }

    [Fact]
    public void Statuses_read_in_Vietnamese()
    {
        TaskProgressStatus.DoneLate.ToVietnamese().ShouldBe("hoàn thành trễ hạn");
        TaskProgressStatus.Overdue.ToVietnamese().ShouldBe("quá hạn");
        TaskProgressStatus.Suspended.ToVietnamese().ShouldBe("tạm dừng");
    }

    [Fact]
    public void Folding_only_what_is_about_a_day_gives_the_task_as_it_stood_then_whenever_it_was_recorded()
    {
        // All recorded in 2024; the progress is about 2023-H1, the completion about 15/11/2023.
        object[] history =
        [
            MocRaBorderGate.Defined(), MocRaBorderGate.Progress("2023-H1", 70, "2024-01-10"), MocRaBorderGate.Progress("2023-H2", 100, "2024-01-10"),
            MocRaBorderGate.Completed("2023-11-15", "2024-01-10"), MocRaBorderGate.Extended("2024-06-30", MocRaBorderGate.Deadline, "2024-01-12"),
        ];
        ResolutionTask On(string day) => Given.Task([.. history.Where(e => ResolutionTask.IsAboutOnOrBefore(e, Decisions.On.Day(day)))]);

        On("2023-06-30").StatusOn(Decisions.On.Day("2023-06-30")).ShouldBe(TaskProgressStatus.InProgress);
        On("2023-06-30").PercentDone.ShouldBe(70);
        On("2023-11-30").StatusOn(Decisions.On.Day("2023-11-30")).ShouldBe(TaskProgressStatus.DoneOnTime);
        On("2023-11-30").Deadline.ShouldBe(MocRaBorderGate.Deadline);
        On("2024-01-12").Deadline.ShouldBe(Decisions.On.Day("2024-06-30"));
    }
}
