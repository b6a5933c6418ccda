using Monitoring.Domain.Judging;
using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Tests.Judging;

public class LevelJudgingTests
{
    // 000: "tỷ lệ hộ nghèo giảm còn dưới 3,0%", with an illustrative baseline of 5,2% in 2020.
    private static TargetBuilder PovertyRate() => TargetBuilder.AtMost(3.0m, "%").WithBaseline(5.2m, 2020);

    [Fact]
    public void Poverty_rate_falling_fast_enough_is_on_track_with_a_compound_forecast()
    {
        var judgement = PovertyRate().Reported("2021", 4.5m).Reported("2022", 4.0m).JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.OnTrack);
        judgement.Rule.ShouldBe(JudgingRules.LevelAtMost);
        judgement.Observed.ShouldBe(4.0m);
        judgement.Achievement.ShouldBe(75m); // 3,0 / 4,0
        judgement.Forecast.ShouldNotBeNull();
        judgement.Forecast.Method.ShouldBe(ForecastMethods.CompoundAnnualGrowth);
        judgement.Forecast.Year.ShouldBe(2025);
        judgement.Forecast.Value.ShouldBe(2.7m); // 4,0 × (4,0 / 5,2)^(3/2)
        judgement.Explanation.ShouldContain("4,0%");
        judgement.Explanation.ShouldContain("không quá 3,0%");
        judgement.Explanation.ShouldContain("giảm bình quân 12,29%/năm");
    }

    [Fact]
    public void Poverty_rate_falling_at_most_of_the_needed_pace_is_at_risk()
    {
        // Falling 9,06%/năm since 2020 while 11,31%/năm is needed to 2025: ratio ≈ 0,8.
        var judgement = PovertyRate().Reported("2022", 4.3m).JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.AtRisk);
        judgement.Forecast!.Value.ShouldBe(3.23m);
    }

    [Fact]
    public void Poverty_rate_barely_falling_is_off_track()
    {
        var judgement = PovertyRate().Reported("2022", 4.8m).JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.OffTrack);
    }

    [Fact]
    public void Poverty_rate_rising_is_off_track()
    {
        var judgement = PovertyRate().Reported("2022", 5.5m).JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.OffTrack);
    }

    [Fact]
    public void Poverty_rate_already_at_or_below_the_goal_is_achieved()
    {
        var judgement = PovertyRate().Reported("2024", 2.8m).JudgedOn("2025-03-01");

        judgement.Status.ShouldBe(TargetStatus.AchievedOrExceeded);
        judgement.Explanation.ShouldContain("2,8%");
    }

    [Fact]
    public void Level_not_met_after_the_target_year_is_off_track()
    {
        var judgement = PovertyRate().Reported("2025", 3.2m).JudgedOn("2026-02-01");

        judgement.Status.ShouldBe(TargetStatus.OffTrack);
        judgement.Forecast.ShouldBeNull();
    }

    // 002: "giá trị sản xuất công nghiệp năm 2025 đạt trên 213.000 tỷ đồng" (baseline illustrative).
    [Fact]
    public void Industrial_output_growing_towards_213_000_billion_is_on_track()
    {
        var judgement = TargetBuilder.AtLeast(213_000m, "tỷ đồng")
            .WithBaseline(118_000m, 2020)
            .Reported("2022", 150_000m)
            .JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.OnTrack);
        judgement.Rule.ShouldBe(JudgingRules.LevelAtLeast);
        judgement.Forecast!.Value.ShouldBeGreaterThan(213_000m);
        judgement.Explanation.ShouldContain("150.000 tỷ đồng");
        judgement.Explanation.ShouldContain("213.000 tỷ đồng");
    }

    // 000: "Có 95% dân cư tham gia bảo hiểm y tế".
    [Fact]
    public void Health_insurance_coverage_reaching_95_percent_is_achieved()
    {
        var judgement = TargetBuilder.AtLeast(95m, "%").WithBaseline(88m, 2020).Reported("2023", 95.2m).JudgedOn("2024-03-01");

        judgement.Status.ShouldBe(TargetStatus.AchievedOrExceeded);
        judgement.Achievement.ShouldBe(100.2m);
    }

    [Fact]
    public void Without_a_baseline_the_trend_is_the_line_through_the_earliest_and_latest_figures()
    {
        // +1 point a year from 90% (2021) to 92% (2023): 94% in 2025, short of 95%; 1 of the 1,5 needed a year.
        var judgement = TargetBuilder.AtLeast(95m, "%").Reported("2021", 90m).Reported("2022", 90.5m).Reported("2023", 92m).JudgedOn("2024-03-01");

        judgement.Status.ShouldBe(TargetStatus.AtRisk);
        judgement.Forecast!.Method.ShouldBe(ForecastMethods.LinearTrend);
        judgement.Forecast.Value.ShouldBe(94m);
    }

    [Fact]
    public void A_single_figure_without_a_baseline_cannot_be_forecast_and_is_at_risk()
    {
        var judgement = TargetBuilder.AtLeast(95m, "%").Reported("2022", 91m).JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.AtRisk);
        judgement.Forecast.ShouldBeNull();
        judgement.Explanation.ShouldContain("dự báo");
    }

    [Fact]
    public void A_first_half_year_figure_counts_half_a_year_after_the_baseline()
    {
        // 88% at the end of 2020 to 91% mid-2022 is 1,5 years of change, so the trend is steeper than over two years.
        var judgement = TargetBuilder.AtLeast(95m, "%").WithBaseline(88m, 2020).Reported("2022-H1", 91m).JudgedOn("2022-08-01");

        judgement.Status.ShouldBe(TargetStatus.OnTrack);
        judgement.Forecast!.Value.ShouldBe(Math.Round((decimal)(91 * Math.Pow(91.0 / 88, 3.5 / 1.5)), 2));
    }

    [Fact]
    public void No_level_figure_means_no_data()
    {
        PovertyRate().JudgedOn("2022-01-01").Status.ShouldBe(TargetStatus.NoData);
    }
}
