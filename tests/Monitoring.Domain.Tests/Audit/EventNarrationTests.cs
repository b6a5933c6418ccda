using Monitoring.Domain.Audit;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;

namespace Monitoring.Domain.Tests.Audit;

public class EventNarrationTests
{
    private static readonly DateTimeOffset At = new(2023, 12, 10, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_revision_says_what_the_figure_was_and_became_with_Vietnamese_numbers_and_stages()
    {
        var revised = new FigureRevised(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 29240.3m, FigureStage.Official,
            new DateOnly(2023, 12, 31), 29180.5m, FigureStage.Estimate, "Số liệu chính thức của Cục Thống kê", null, [], null, "can.bo", At);

        var description = EventNarration.Describe(revised);

        description.Summary.ShouldBe("Điều chỉnh số liệu từ 29.180,5 (ước tính) thành 29.240,3 (chính thức)");
        description.Reason.ShouldBe("Số liệu chính thức của Cục Thống kê");
        description.Before.ShouldBe("29.180,5 (ước tính)");
        description.After.ShouldBe("29.240,3 (chính thức)");
    }

    [Fact]
    public void An_adjustment_names_the_decision_and_the_goal_before_and_after()
    {
        var adjusted = new TargetAdjusted(Guid.NewGuid(), new TargetGoal(11, 12), 2025, new TargetGoal(10, 12), 2025, "45-NQ/TU",
            new DateOnly(2023, 7, 14), "Sơ kết giữa nhiệm kỳ", "van.phong", At);

        var description = EventNarration.Describe(adjusted);

        description.Summary.ShouldBe("Điều chỉnh chỉ tiêu theo 45-NQ/TU ngày 14/07/2023");
        description.Reason.ShouldBe("45-NQ/TU: Sơ kết giữa nhiệm kỳ");
        description.Before.ShouldBe("10 – 12, năm 2025");
        description.After.ShouldBe("11 – 12, năm 2025");
    }

    [Fact]
    public void A_figure_names_its_period_and_stage_the_Vietnamese_way()
    {
        var reported = new ProgressReported(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), ReportingPeriod.HalfYear(2023, 1),
            6150m, FigureStage.Preliminary, new DateOnly(2023, 6, 30), null, null, [], null, "can.bo", At);

        EventNarration.Describe(reported).Summary.ShouldBe("Báo cáo số liệu 6 tháng đầu năm 2023 (sơ bộ): 6.150");
    }

    [Fact]
    public void A_deadline_extension_keeps_the_old_deadline()
    {
        var extended = new TaskDeadlineExtended(Guid.NewGuid(), new DateOnly(2024, 6, 30), new DateOnly(2023, 12, 31), "Chờ ý kiến Bộ", "88-TB/TU", "van.phong", At);

        var description = EventNarration.Describe(extended);

        description.Before.ShouldBe("31/12/2023");
        description.After.ShouldBe("30/06/2024");
        description.Reason.ShouldBe("88-TB/TU: Chờ ý kiến Bộ");
    }

    [Fact]
    public void The_reporting_cycle_is_told_step_by_step_with_its_reasons_and_the_expiry_in_Vietnam_time()
    {
        var (id, unit, resolution, period) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), ReportingPeriod.Parse("2023-H1"));
        var figure = new FigureRef(Guid.NewGuid(), Guid.NewGuid());
        var draft = new DraftContent([new DraftFigure(figure.TargetId, 15.4m, FigureStage.Estimate)], [new DraftTaskUpdate(Guid.NewGuid(), 60)], null, []);

        EventNarration.Describe(new SubmissionDraftSaved(id, unit, resolution, period, draft, "can.bo", At)).Summary
            .ShouldBe("Lưu bản nháp báo cáo 6 tháng đầu năm 2023: 1 số liệu, 1 nhiệm vụ");
        EventNarration.Describe(new SubmissionSubmitted(id, unit, resolution, period, Guid.NewGuid(), [figure], [], "can.bo", At)).Summary
            .ShouldBe("Nộp báo cáo 6 tháng đầu năm 2023 để phê duyệt: 1 số liệu, 0 nhiệm vụ");
        var approved = EventNarration.Describe(new SubmissionApproved(id, unit, resolution, period, [figure], "Thống nhất", "van.phong", At));
        approved.Summary.ShouldBe("Phê duyệt báo cáo 6 tháng đầu năm 2023 (1 số liệu); số liệu kỳ này được khoá");
        approved.Reason.ShouldBe("Thống nhất");
        var returned = EventNarration.Describe(new SubmissionReturned(id, unit, resolution, period, [figure], "Thiếu xác nhận của Cục Thống kê",
            [new ReturnComment(figure.TargetId, null, figure.FigureId, "Ghi rõ nguồn")], "van.phong", At));
        returned.Summary.ShouldBe("Trả lại báo cáo 6 tháng đầu năm 2023 để hoàn chỉnh (1 số liệu, 1 ý kiến)");
        returned.Reason.ShouldBe("Thiếu xác nhận của Cục Thống kê. Ý kiến: Ghi rõ nguồn");
        var granted = EventNarration.Describe(new LockExceptionGranted(id, unit, resolution, period, "Số chính thức",
            new DateTimeOffset(2023, 7, 20, 10, 0, 0, TimeSpan.Zero), "van.phong", At));
        granted.Summary.ShouldBe("Cho phép mở khoá số liệu báo cáo 6 tháng đầu năm 2023 đến 20/07/2023 17:00");
        granted.Reason.ShouldBe("Số chính thức");
        var reopened = EventNarration.Describe(new SubmissionReopened(id, unit, resolution, period, figure, "Số chính thức", "can.bo", At));
        reopened.Summary.ShouldBe("Điều chỉnh số liệu trong thời hạn mở khoá: báo cáo 6 tháng đầu năm 2023 chờ phê duyệt lại");
        reopened.Reason.ShouldBe("Số chính thức");
        EventNarration.Describe(new FiguresApproved(figure.TargetId, id, unit, period, [figure.FigureId], "van.phong", At)).Summary
            .ShouldBe("Phê duyệt 1 số liệu 6 tháng đầu năm 2023 của chỉ tiêu");
        var figuresReturned = EventNarration.Describe(new FiguresReturned(figure.TargetId, id, unit, period, [figure.FigureId], "Thiếu nguồn", "van.phong", At));
        figuresReturned.Summary.ShouldBe("Trả lại 1 số liệu 6 tháng đầu năm 2023 của chỉ tiêu");
        figuresReturned.Reason.ShouldBe("Thiếu nguồn");
    }
}
