using Monitoring.Domain.Common;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;

namespace Monitoring.Domain.Tests.Decisions;

/// <summary>Given the target and task a report is about, when the report is recorded, then these events, in this order.</summary>
public class ReportRecordingTests
{
    private static readonly ResolutionSpan Term = new(2021, 2025);
    private static readonly DateTimeOffset At = On.At("2023-07-10");
    private static readonly DateOnly Today = On.Day("2023-07-10");

    private static ReportContent Report(string period) =>
        new(Seeds.FinanceDepartment, On.Period(period), new Narrative(Results: "Thu ngân sách 6 tháng đạt 52% dự toán"), ["Báo cáo số 120/BC-STC"]);

    [Fact]
    public void A_report_appends_one_figure_per_target_its_task_progress_and_completion_and_itself()
    {
        var target = Given.Target(Seeds.BudgetRevenue.Defined(), Seeds.BudgetRevenue.Assigned());
        var task = Given.Task(Seeds.MocRaBorderGate.Defined());

        var (recorded, rejections) = ReportRecording.Record(Report("2023-H1"),
            [new ReportedFigure(target, Term, 11.2m, FigureStage.Estimate, On.Day("2023-06-30"), "Cục Thống kê")],
            [new ReportedTaskUpdate(task, Term, 100, Completed: true, CompletedOn: On.Day("2023-06-20"), Note: "Đã trình hồ sơ")],
            "so-tai-chinh", At, Today);

        rejections.ShouldBeEmpty();
        recorded!.Appends.Select(a => a.Event.GetType()).ShouldBe([typeof(ProgressReported), typeof(TaskProgressReported), typeof(TaskCompleted)]);
        var figure = recorded.Appends[0].Event.ShouldBeOfType<ProgressReported>();
        (figure.TargetId, figure.Value, figure.Stage, figure.Period, figure.AsOf, figure.ReportId, figure.UnitId)
            .ShouldBe((target.Id, 11.2m, FigureStage.Estimate, On.Period("2023-H1"), On.Day("2023-06-30"), recorded.ReportId, Seeds.FinanceDepartment));
        recorded.Appends[2].StreamId.ShouldBe(task.Id);
        recorded.Submitted.FigureIds.ShouldBe([figure.FigureId]);
        recorded.Submitted.TaskIds.ShouldBe([task.Id]);
        recorded.Figures.ShouldBe([(target.Id, figure.FigureId)]);
    }

    [Fact]
    public void A_figure_without_its_as_of_date_is_as_of_today()
    {
        var target = Given.Target(Seeds.BudgetRevenue.Defined());
        var (recorded, _) = ReportRecording.Record(Report("2023-H1"), [new ReportedFigure(target, Term, 11.2m, FigureStage.Estimate)], [], "so-tai-chinh", At, Today);
        recorded!.Appends.Single().Event.ShouldBeOfType<ProgressReported>().AsOf.ShouldBe(Today);
    }

    [Fact]
    public void Completing_a_task_already_done_is_refused_naming_the_update_and_nothing_is_recorded()
    {
        var task = Given.Task(Seeds.MocRaBorderGate.Defined(), Seeds.MocRaBorderGate.Completed("2023-05-01", "2023-05-02"));
        var (recorded, rejections) = ReportRecording.Record(Report("2023-H1"), [],
            [new ReportedTaskUpdate(task, Term, 100, Completed: true, CompletedOn: On.Day("2023-06-20"))], "so-cong-thuong", At, Today);
        recorded.ShouldBeNull();
        rejections.Single().Field.ShouldStartWith("taskUpdates[0].");
    }

    [Fact]
    public void An_implausible_report_is_refused_whole_with_every_field_named()
    {
        var target = Given.Target(Seeds.BudgetRevenue.Defined());
        var (recorded, rejections) = ReportRecording.Record(Report("2027"),
            [new ReportedFigure(target, Term, -100m, FigureStage.Official, On.Day("2023-08-01"))], [], "so-tai-chinh", At, Today);
        recorded.ShouldBeNull();
        rejections.Select(r => r.Field).ShouldBe(["period", "figures[0].value", "figures[0].asOf"]);
    }
}
