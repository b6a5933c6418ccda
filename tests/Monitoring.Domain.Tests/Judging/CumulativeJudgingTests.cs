using Monitoring.Domain.Judging;
using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Tests.Judging;

public class CumulativeJudgingTests
{
    // 002: "Tổng vốn đầu tư thu hút đạt trên 160.000 tỷ đồng (bình quân 32.000 tỷ đồng/năm)", 2021-2025.
    private static TargetBuilder InvestmentAttracted() => TargetBuilder.Cumulative(160_000m, "tỷ đồng");

    [Fact]
    public void Running_total_at_or_above_the_pro_rata_share_is_on_track()
    {
        var judgement = InvestmentAttracted().Reported("2021", 30_000m).Reported("2022", 35_000m).JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.OnTrack); // 65.000 against 2/5 of 160.000 = 64.000
        judgement.Rule.ShouldBe(JudgingRules.Cumulative);
        judgement.Observed.ShouldBe(65_000m);
        judgement.Achievement.ShouldBe(40.6m);
        judgement.Forecast.ShouldNotBeNull();
        judgement.Forecast.Method.ShouldBe(ForecastMethods.LinearTrend);
        judgement.Forecast.Value.ShouldBe(162_500m);
        judgement.Forecast.Year.ShouldBe(2025);
        judgement.Explanation.ShouldContain("65.000 tỷ đồng");
        judgement.Explanation.ShouldContain("64.000 tỷ đồng");
    }

    [Fact]
    public void Running_total_within_80_percent_of_the_share_is_at_risk()
    {
        var judgement = InvestmentAttracted().Reported("2021", 30_000m).Reported("2022", 25_000m).JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.AtRisk); // 55.000 >= 0,8 × 64.000
    }

    [Fact]
    public void Running_total_below_80_percent_of_the_share_is_off_track()
    {
        var judgement = InvestmentAttracted().Reported("2021", 20_000m).Reported("2022", 25_000m).JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.OffTrack); // 45.000 < 51.200
    }

    [Fact]
    public void A_half_year_counts_for_half_a_year_of_the_share()
    {
        // 003: "tổng vốn đầu tư toàn xã hội ước đạt 17.644 tỷ đồng" in the first six months of 2023.
        var judgement = InvestmentAttracted()
            .Reported("2021", 30_000m).Reported("2022", 35_000m).Reported("2023-H1", 17_644m, FigureStage.Estimate)
            .JudgedOn("2023-07-15");

        judgement.Observed.ShouldBe(82_644m);
        judgement.Status.ShouldBe(TargetStatus.OnTrack); // share for 2,5 years: 80.000
        judgement.Explanation.ShouldContain("6 tháng đầu năm 2023");
    }

    [Fact]
    public void A_half_year_is_not_added_to_the_year_that_contains_it()
    {
        var judgement = InvestmentAttracted()
            .Reported("2023-H1", 17_644m, FigureStage.Estimate).Reported("2023", 33_000m)
            .JudgedOn("2024-03-01");

        judgement.Observed.ShouldBe(33_000m);
    }

    [Fact]
    public void A_span_total_replaces_the_years_inside_it_when_it_covers_more()
    {
        var judgement = InvestmentAttracted()
            .Reported("2021", 30_000m).Reported("2022", 35_000m).Reported("2021-2023", 100_000m)
            .JudgedOn("2024-03-01");

        judgement.Observed.ShouldBe(100_000m);
        judgement.Status.ShouldBe(TargetStatus.OnTrack); // share for 3 years: 96.000
    }

    [Fact]
    public void Reaching_the_period_total_is_achieved()
    {
        var judgement = InvestmentAttracted()
            .Reported("2021", 33_000m).Reported("2022", 33_000m).Reported("2023", 33_000m).Reported("2024", 33_000m).Reported("2025", 33_000m)
            .JudgedOn("2026-03-01");

        judgement.Status.ShouldBe(TargetStatus.AchievedOrExceeded);
        judgement.Observed.ShouldBe(165_000m);
    }

    [Fact]
    public void Short_of_the_total_after_the_target_year_is_off_track()
    {
        var judgement = InvestmentAttracted()
            .Reported("2021", 30_000m).Reported("2022", 30_000m).Reported("2023", 30_000m).Reported("2024", 30_000m).Reported("2025", 30_000m)
            .JudgedOn("2026-03-01");

        judgement.Status.ShouldBe(TargetStatus.OffTrack);
        judgement.Forecast.ShouldBeNull();
    }

    [Fact]
    public void No_figure_in_the_period_means_no_data()
    {
        InvestmentAttracted().Reported("2020", 28_000m).JudgedOn("2021-03-01").Status.ShouldBe(TargetStatus.NoData);
    }
}
