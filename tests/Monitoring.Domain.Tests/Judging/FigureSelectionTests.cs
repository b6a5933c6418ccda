using Monitoring.Domain.Judging;
using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Tests.Judging;

/// <summary>Which figures a judgement uses: the effective one per period, and only periods begun by the clock.</summary>
public class FigureSelectionTests
{
    private static TargetBuilder JobsSupported() => TargetBuilder.PerYear(6_150m, "lao động");

    [Fact]
    public void An_official_figure_wins_over_a_later_estimate_for_the_same_period()
    {
        var judgement = JobsSupported()
            .Reported("2022", 6_400m, FigureStage.Official)
            .Reported("2022", 5_000m, FigureStage.Estimate)
            .JudgedOn("2023-03-01");

        judgement.Observed.ShouldBe(6_400m);
        judgement.Status.ShouldBe(TargetStatus.OnTrack);
    }

    [Fact]
    public void Among_figures_of_the_same_stage_the_latest_recorded_counts()
    {
        var judgement = JobsSupported()
            .Reported("2022", 6_400m, FigureStage.Estimate)
            .Reported("2022", 6_100m, FigureStage.Estimate)
            .JudgedOn("2023-03-01");

        judgement.Observed.ShouldBe(6_100m);
    }

    [Fact]
    public void A_revision_replaces_the_figure_it_revises()
    {
        var estimate = Guid.NewGuid();
        var judgement = JobsSupported()
            .Reported("2022", 6_400m, FigureStage.Estimate, figureId: estimate)
            .Revised(estimate, 6_000m, FigureStage.Official)
            .JudgedOn("2023-03-01");

        judgement.Observed.ShouldBe(6_000m);
        judgement.Status.ShouldBe(TargetStatus.AtRisk);
    }

    [Fact]
    public void A_revision_replaces_even_an_official_figure()
    {
        // 004's 15,4% first as the estimate of the mid-term conference, then corrected by the statistics office.
        var official = Guid.NewGuid();
        var judgement = TargetBuilder.Growth(11, 12)
            .Reported("2021-2023", 15.4m, FigureStage.Official, figureId: official)
            .Revised(official, 10.8m, FigureStage.Official, "Cục Thống kê điều chỉnh số liệu năm 2023")
            .JudgedOn("2024-03-01");

        judgement.Observed.ShouldBe(10.8m);
        judgement.Status.ShouldNotBe(TargetStatus.AchievedOrExceeded);
    }

    [Fact]
    public void Figures_for_periods_that_start_after_today_are_ignored()
    {
        var target = JobsSupported()
            .Reported("2022", 6_400m)
            .Reported("2023-H2", 1_000m, FigureStage.Estimate);

        target.JudgedOn("2023-06-30").Observed.ShouldBe(6_400m);
        target.JudgedOn("2023-07-01").Observed.ShouldBe(1_000m);
    }

    [Fact]
    public void Only_future_figures_means_no_data()
    {
        var judgement = TargetBuilder.Growth(11, 12).Reported("2024", 15m).JudgedOn("2023-12-31");

        judgement.Status.ShouldBe(TargetStatus.NoData);
    }
}
