using Monitoring.Domain.Judging;
using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Tests.Judging;

public class MilestoneJudgingTests
{
    private const string Approved = "Phê duyệt chủ trương nâng cấp";
    private const string Built = "Hoàn thành xây dựng hạ tầng cửa khẩu";
    private const string Protocol = "Bổ sung vào Nghị định thư vận tải đường bộ";

    // 000: "Hoàn thành việc nâng cấp cửa khẩu quốc tế Thường Phước thành cửa khẩu quốc tế đường bộ; cặp cửa khẩu
    // Thường Phước (Đồng Tháp) - KohRoKa (Prây-veng) được bổ sung vào Nghị định thư vận tải đường bộ" (steps and dates illustrative).
    private static TargetBuilder ThuongPhuocUpgrade() => TargetBuilder.Milestone(2025,
        new MilestoneStep(Approved, new DateOnly(2022, 12, 31)),
        new MilestoneStep(Built, new DateOnly(2024, 12, 31)),
        new MilestoneStep(Protocol, new DateOnly(2025, 9, 30)));

    [Fact]
    public void Some_steps_done_and_none_overdue_is_on_track()
    {
        var judgement = ThuongPhuocUpgrade().Reported("2023-H1", 0m, items: [Approved]).JudgedOn("2023-07-01");

        judgement.Status.ShouldBe(TargetStatus.OnTrack);
        judgement.Rule.ShouldBe(JudgingRules.Milestone);
        judgement.Observed.ShouldBe(1m);
        judgement.Achievement.ShouldBe(33.3m);
        judgement.Explanation.ShouldContain("1/3 bước");
        judgement.Explanation.ShouldContain("31/12/2024");
    }

    [Fact]
    public void A_step_past_its_due_date_and_not_done_is_at_risk()
    {
        var judgement = ThuongPhuocUpgrade().Reported("2024", 0m, items: [Approved]).JudgedOn("2025-03-01");

        judgement.Status.ShouldBe(TargetStatus.AtRisk);
        judgement.Explanation.ShouldContain(Built);
        judgement.Explanation.ShouldContain("quá hạn");
    }

    [Fact]
    public void An_overdue_step_after_the_target_year_is_off_track()
    {
        var judgement = ThuongPhuocUpgrade().Reported("2025", 0m, items: [Approved, Built]).JudgedOn("2026-01-15");

        judgement.Status.ShouldBe(TargetStatus.OffTrack);
    }

    [Fact]
    public void All_steps_done_is_achieved()
    {
        var judgement = ThuongPhuocUpgrade().Reported("2025", null, items: [Approved, Built, Protocol], asOf: "2025-09-30").JudgedOn("2025-10-01");

        judgement.Status.ShouldBe(TargetStatus.AchievedOrExceeded);
        judgement.Achievement.ShouldBe(100m);
    }

    [Fact]
    public void A_value_of_one_means_the_milestone_is_done()
    {
        // 000: "hoàn chỉnh hồ sơ nâng cấp cửa khẩu chính Mộc Rá trình Thủ tướng Chính phủ".
        var judgement = TargetBuilder.Milestone(2025).Reported("2023", 1m).JudgedOn("2024-01-10");

        judgement.Status.ShouldBe(TargetStatus.AchievedOrExceeded);
    }

    [Fact]
    public void Not_done_after_the_target_year_is_off_track_even_without_dated_steps()
    {
        var judgement = TargetBuilder.Milestone(2025).Reported("2025", 0m).JudgedOn("2026-01-15");

        judgement.Status.ShouldBe(TargetStatus.OffTrack);
    }

    [Fact]
    public void No_report_and_nothing_overdue_means_no_data()
    {
        ThuongPhuocUpgrade().JudgedOn("2022-06-01").Status.ShouldBe(TargetStatus.NoData);
    }

    [Fact]
    public void No_report_but_a_step_overdue_is_at_risk()
    {
        var judgement = ThuongPhuocUpgrade().JudgedOn("2023-02-01");

        judgement.Status.ShouldBe(TargetStatus.AtRisk);
        judgement.Explanation.ShouldContain("31/12/2022");
    }
}
