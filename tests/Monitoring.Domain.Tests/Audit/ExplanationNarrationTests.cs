using Monitoring.Domain.Audit;
using Monitoring.Domain.Explanations;

namespace Monitoring.Domain.Tests.Audit;

public class ExplanationNarrationTests
{
    private static readonly DateTimeOffset At = new(2023, 7, 20, 3, 0, 0, TimeSpan.Zero);
    private static readonly Guid Request = Guid.NewGuid();

    [Fact]
    public void Each_step_of_an_explanation_request_reads_as_a_Vietnamese_sentence()
    {
        EventNarration.Describe(new ExplanationRequested(Request, ExplanationSubjectKind.Target, Guid.NewGuid(), Guid.NewGuid(), [Guid.NewGuid(), Guid.NewGuid()],
                "Vì sao thu ngân sách đạt thấp?", new DateOnly(2023, 7, 31), "van.phong", true, At)).Summary
            .ShouldBe("Văn phòng Tỉnh ủy, thay mặt Ban Thường vụ, yêu cầu 2 đơn vị giải trình về chỉ tiêu, hạn 31/07/2023: Vì sao thu ngân sách đạt thấp?");
        EventNarration.Describe(new ExplanationRequested(Request, ExplanationSubjectKind.Task, Guid.NewGuid(), Guid.NewGuid(), [Guid.NewGuid()],
                "Vì sao chậm?", new DateOnly(2023, 7, 31), "ban.thuong.vu", false, At)).Summary
            .ShouldBe("Ban Thường vụ yêu cầu đơn vị giải trình về nhiệm vụ, hạn 31/07/2023: Vì sao chậm?");
        EventNarration.Describe(new ExplanationGiven(Request, Guid.NewGuid(), "Doanh nghiệp gặp khó khăn", ["Báo cáo 45/BC-STC"], "so.tai.chinh", At)).Summary
            .ShouldBe("Đơn vị giải trình: Doanh nghiệp gặp khó khăn (tài liệu kèm theo: Báo cáo 45/BC-STC)");
        var accepted = EventNarration.Describe(new ExplanationAccepted(Request, "Thống nhất", "ban.thuong.vu", At));
        accepted.Summary.ShouldBe("Chấp nhận nội dung giải trình");
        accepted.Reason.ShouldBe("Thống nhất");
        EventNarration.Describe(new FollowUpAsked(Request, "Nêu rõ giải pháp", new DateOnly(2023, 8, 15), "ban.thuong.vu", At)).Summary
            .ShouldBe("Yêu cầu giải trình thêm, hạn 15/08/2023: Nêu rõ giải pháp");
    }
}
