using Monitoring.Domain.Judging;
using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Tests.Judging;

public class QuantityPerYearJudgingTests
{
    // 000: "hàng năm, hỗ trợ việc làm cho hơn 6.150 lao động".
    private static TargetBuilder JobsSupported() => TargetBuilder.PerYear(6_150m, "lao động");

    [Fact]
    public void Every_year_so_far_meeting_the_yearly_goal_is_on_track()
    {
        var judgement = JobsSupported().Reported("2021", 6_300m).Reported("2022", 6_400m).JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.OnTrack);
        judgement.Rule.ShouldBe(JudgingRules.QuantityPerYear);
        judgement.Observed.ShouldBe(6_400m);
        judgement.Achievement.ShouldBe(104.1m);
        judgement.Explanation.ShouldContain("6.400 lao động");
        judgement.Explanation.ShouldContain("6.150 lao động");
    }

    [Fact]
    public void The_latest_year_missing_the_goal_is_at_risk()
    {
        var judgement = JobsSupported().Reported("2021", 6_300m).Reported("2022", 6_000m).JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.AtRisk);
        judgement.Observed.ShouldBe(6_000m);
    }

    [Fact]
    public void An_earlier_missed_year_is_named_while_the_latest_year_decides()
    {
        var judgement = JobsSupported().Reported("2021", 5_900m).Reported("2022", 6_400m).JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.OnTrack);
        judgement.Explanation.ShouldContain("các năm chưa đạt: 2021", Case.Insensitive);
    }

    [Fact]
    public void A_first_half_year_is_set_against_half_the_yearly_goal_and_carried_to_the_year()
    {
        var judgement = JobsSupported().Reported("2022", 6_400m).Reported("2023-H1", 3_200m, FigureStage.Estimate).JudgedOn("2023-07-15");

        judgement.Status.ShouldBe(TargetStatus.OnTrack);
        judgement.Observed.ShouldBe(3_200m);
        judgement.Achievement.ShouldBe(104.1m); // 3.200 of 3.075
        judgement.Forecast.ShouldNotBeNull();
        judgement.Forecast.Method.ShouldBe(ForecastMethods.ProRata);
        judgement.Forecast.Value.ShouldBe(6_400m);
        judgement.Forecast.Year.ShouldBe(2023);
    }

    [Fact]
    public void A_first_half_year_below_half_the_goal_is_at_risk()
    {
        var judgement = JobsSupported().Reported("2023-H1", 3_000m).JudgedOn("2023-07-15");

        judgement.Status.ShouldBe(TargetStatus.AtRisk);
    }

    [Fact]
    public void The_target_year_met_is_achieved()
    {
        var judgement = JobsSupported().Reported("2024", 6_200m).Reported("2025", 6_500m).JudgedOn("2026-01-15");

        judgement.Status.ShouldBe(TargetStatus.AchievedOrExceeded);
    }

    [Fact]
    public void The_target_year_missed_is_off_track()
    {
        var judgement = JobsSupported().Reported("2024", 6_200m).Reported("2025", 6_000m).JudgedOn("2026-01-15");

        judgement.Status.ShouldBe(TargetStatus.OffTrack);
    }

    // 000: "trong đó, có ít nhất 285 lao động đi làm việc ở nước ngoài theo hợp đồng": the nested target is judged alike.
    [Fact]
    public void The_nested_sub_target_is_judged_on_its_own_goal()
    {
        var judgement = TargetBuilder.PerYear(285m, "lao động").Reported("2022", 250m).JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.AtRisk);
        judgement.Explanation.ShouldContain("285 lao động");
    }

    [Fact]
    public void No_yearly_figure_means_no_data()
    {
        JobsSupported().JudgedOn("2021-05-01").Status.ShouldBe(TargetStatus.NoData);
    }
}
