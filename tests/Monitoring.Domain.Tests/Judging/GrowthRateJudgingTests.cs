using Monitoring.Domain.Judging;

namespace Monitoring.Domain.Tests.Judging;

public class GrowthRateJudgingTests
{
    // 004: "Thu ngân sách ... tốc độ tăng bình quân 3 năm 2021 - 2023 đạt 15,4%/năm (NQ 11 - 12%/năm)".
    // 000: "Thu ngân sách trên địa bàn tăng 10 - 12%/năm".
    [Theory]
    [InlineData(11, 12)]
    [InlineData(10, 12)]
    public void Budget_revenue_growing_15_4_percent_a_year_exceeds_the_resolution_range(int minimum, int maximum)
    {
        var judgement = TargetBuilder.Growth(minimum, maximum)
            .Reported("2021-2023", 15.4m, Targets.FigureStage.Estimate, asOf: "2023-06-30") // the mid-term estimate, as of 30/6/2023
            .JudgedOn("2023-06-30");

        judgement.Status.ShouldBe(TargetStatus.AchievedOrExceeded);
        judgement.Observed.ShouldBe(15.4m);
        judgement.Achievement.ShouldBe(Math.Round(15.4m / minimum * 100, 1));
        judgement.Rule.ShouldBe(JudgingRules.GrowthRate);
        judgement.Explanation.ShouldContain("15,4%/năm");
        judgement.Explanation.ShouldContain($"vượt mục tiêu {minimum} - {maximum}%/năm");
    }

    // 004: "tăng trưởng kinh tế bình quân 3 năm 2021 - 2023 đạt 7,36%", against a resolution of 7,5 - 8%/năm.
    [Fact]
    public void Economic_growth_of_7_36_percent_against_7_5_to_8_is_at_risk_and_shows_the_growth_still_needed()
    {
        var judgement = TargetBuilder.Growth(7.5m, 8m)
            .Reported("2021-2023", 7.36m, Targets.FigureStage.Estimate, asOf: "2023-06-30")
            .JudgedOn("2023-06-30");

        judgement.Status.ShouldBe(TargetStatus.AtRisk);
        judgement.Observed.ShouldBe(7.36m);
        judgement.Forecast.ShouldNotBeNull();
        judgement.Forecast.Method.ShouldBe(ForecastMethods.RequiredVsObservedGrowth);
        judgement.Forecast.Year.ShouldBe(2025);
        // (1,075^5 / 1,0736^3)^(1/2) - 1: what 2024 and 2025 must each grow for the 2021-2025 average to reach 7,5%.
        judgement.Forecast.Value.ShouldBe(7.71m);
        judgement.Explanation.ShouldContain("7,36%/năm");
        judgement.Explanation.ShouldContain("các năm 2024 - 2025 cần tăng 7,71%/năm");
    }

    [Fact]
    public void Growth_far_below_what_the_remaining_years_need_is_off_track()
    {
        var judgement = TargetBuilder.Growth(7.5m, 8m)
            .Reported("2021", 3.0m)
            .Reported("2022", 2.5m)
            .JudgedOn("2023-03-01");

        // Observed ~2,75%/năm against ~10,79%/năm needed in 2023-2025: a ratio well under one half.
        judgement.Status.ShouldBe(TargetStatus.OffTrack);
        judgement.Forecast!.Value.ShouldBe(10.79m);
    }

    [Fact]
    public void Average_between_the_bounds_before_the_end_is_on_track()
    {
        var judgement = TargetBuilder.Growth(11, 12)
            .Reported("2021", 12.0m)
            .Reported("2022", 11.0m)
            .JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.OnTrack);
        judgement.Observed.ShouldBe(11.5m); // √(1,12 × 1,11) - 1
    }

    [Fact]
    public void Average_at_least_the_minimum_once_the_target_year_is_over_is_achieved()
    {
        var judgement = TargetBuilder.Growth(11, 12)
            .Reported("2021", 11.5m).Reported("2022", 11.5m).Reported("2023", 11.5m).Reported("2024", 11.5m).Reported("2025", 11.5m)
            .JudgedOn("2026-03-01");

        judgement.Status.ShouldBe(TargetStatus.AchievedOrExceeded);
        judgement.Forecast.ShouldBeNull();
    }

    [Fact]
    public void Average_below_the_minimum_once_the_target_year_is_over_is_off_track()
    {
        var judgement = TargetBuilder.Growth(7.5m, 8m)
            .Reported("2021-2025", 7.2m)
            .JudgedOn("2026-03-01");

        judgement.Status.ShouldBe(TargetStatus.OffTrack);
        judgement.Forecast.ShouldBeNull();
    }

    [Fact]
    public void Yearly_rates_are_averaged_compound_not_arithmetically()
    {
        var judgement = TargetBuilder.Growth(12.6m) // 002: "tăng trưởng bình quân 12,6%/năm"
            .Reported("2021", 10m)
            .Reported("2022", 21m)
            .JudgedOn("2023-03-01");

        judgement.Observed.ShouldBe(15.37m); // √(1,10 × 1,21) - 1, not (10 + 21) / 2
        judgement.Status.ShouldBe(TargetStatus.AchievedOrExceeded);
    }

    [Fact]
    public void A_span_average_covering_more_years_than_the_yearly_figures_is_the_one_judged()
    {
        var judgement = TargetBuilder.Growth(11, 12)
            .Reported("2021", 20m)
            .Reported("2022", 18m)
            .Reported("2021-2023", 15.4m, asOf: "2023-06-30")
            .JudgedOn("2023-06-30");

        judgement.Observed.ShouldBe(15.4m);
        judgement.Explanation.ShouldContain("giai đoạn 2021 - 2023");
    }

    [Fact]
    public void Yearly_figures_after_a_span_compound_with_it()
    {
        var judgement = TargetBuilder.Growth(7.5m, 8m)
            .Reported("2021-2023", 7.36m)
            .Reported("2024", 8m)
            .JudgedOn("2025-03-01");

        judgement.Observed.ShouldBe(7.52m); // (1,0736^3 × 1,08)^(1/4) - 1
        judgement.Status.ShouldBe(TargetStatus.OnTrack);
    }

    [Fact]
    public void A_half_year_rate_stands_in_for_a_year_not_yet_reported()
    {
        // 003: "tổng sản phẩm trên địa bàn tỉnh (GRDP) ước tính ... tăng 2,65%" for the first six months of 2023.
        var judgement = TargetBuilder.Growth(7.5m, 8m)
            .Reported("2021", 8m)
            .Reported("2022", 7m)
            .Reported("2023-H1", 2.65m, Targets.FigureStage.Estimate)
            .JudgedOn("2023-07-15");

        judgement.Observed.ShouldBe(5.86m); // (1,08 × 1,07 × 1,0265)^(1/3) - 1
        judgement.Status.ShouldBe(TargetStatus.AtRisk);
        judgement.Explanation.ShouldContain("6 tháng đầu năm 2023");
    }

    [Fact]
    public void No_growth_figure_means_no_data()
    {
        var judgement = TargetBuilder.Growth(11, 12).JudgedOn("2022-01-15");

        judgement.Status.ShouldBe(TargetStatus.NoData);
        judgement.Observed.ShouldBeNull();
        judgement.Explanation.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void A_growth_rate_for_the_baseline_year_is_not_part_of_the_period_average()
    {
        var judgement = TargetBuilder.Growth(11, 12)
            .Reported("2020", 2m)
            .Reported("2021", 11.5m)
            .JudgedOn("2022-03-01");

        judgement.Observed.ShouldBe(11.5m);
    }
}
