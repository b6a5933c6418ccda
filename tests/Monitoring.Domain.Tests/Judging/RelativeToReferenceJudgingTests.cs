using Monitoring.Domain.Judging;
using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Tests.Judging;

public class RelativeToReferenceJudgingTests
{
    // 000: "các chỉ tiêu về giáo dục và đào tạo đạt mức bình quân của Tỉnh".
    private static TargetBuilder EducationAtProvinceAverage() =>
        TargetBuilder.Relative("mức bình quân của Tỉnh", Direction.Increase, "%");

    // 001: "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) tăng trưởng mạnh": a rank, lower is better.
    private static TargetBuilder PciRank() => TargetBuilder.Relative("thứ hạng PCI năm trước", Direction.Decrease);

    [Fact]
    public void At_or_above_the_province_average_is_achieved()
    {
        var judgement = EducationAtProvinceAverage().Reported("2022", 92.5m, reference: 90.1m).JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.AchievedOrExceeded);
        judgement.Rule.ShouldBe(JudgingRules.RelativeToReference);
        judgement.Observed.ShouldBe(92.5m);
        judgement.Achievement.ShouldBe(102.7m);
        judgement.Explanation.ShouldContain("92,5%");
        judgement.Explanation.ShouldContain("mức bình quân của Tỉnh (90,1%)");
    }

    [Fact]
    public void Below_the_province_average_is_at_risk()
    {
        var judgement = EducationAtProvinceAverage().Reported("2022", 88m, reference: 90.1m).JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.AtRisk);
    }

    [Fact]
    public void Below_the_province_average_after_the_target_year_is_off_track()
    {
        var judgement = EducationAtProvinceAverage().Reported("2025", 88m, reference: 90.1m).JudgedOn("2026-03-01");

        judgement.Status.ShouldBe(TargetStatus.OffTrack);
    }

    [Fact]
    public void A_rank_better_than_the_reference_is_achieved()
    {
        var judgement = PciRank().Reported("2022", 12m, reference: 15m).JudgedOn("2023-05-01");

        judgement.Status.ShouldBe(TargetStatus.AchievedOrExceeded);
        judgement.Achievement.ShouldBe(125m); // 15 / 12
    }

    [Fact]
    public void A_rank_worse_than_the_reference_is_at_risk()
    {
        var judgement = PciRank().Reported("2022", 18m, reference: 15m).JudgedOn("2023-05-01");

        judgement.Status.ShouldBe(TargetStatus.AtRisk);
    }

    [Fact]
    public void A_figure_without_a_reference_value_is_no_data_and_says_so()
    {
        var judgement = EducationAtProvinceAverage().Reported("2022", 92.5m).JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.NoData);
        judgement.Explanation.ShouldContain("mức bình quân của Tỉnh");
    }

    [Fact]
    public void No_figure_means_no_data()
    {
        PciRank().JudgedOn("2022-01-01").Status.ShouldBe(TargetStatus.NoData);
    }
}
