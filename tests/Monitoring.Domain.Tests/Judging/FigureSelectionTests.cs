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
            .Reported("2023-H2", 1_000m, FigureStage.Estimate, asOf: "2023-07-01");

        target.JudgedOn("2023-06-30").Observed.ShouldBe(6_400m);
        target.JudgedOn("2023-07-01").Observed.ShouldBe(1_000m);
    }

    [Fact]
    public void Figures_dated_after_today_are_ignored_even_when_their_period_has_begun()
    {
        // What a figure is about (its period and date) is judged against the day asked about, not when it was recorded.
        var target = JobsSupported()
            .Reported("2022", 6_400m)
            .Reported("2023", 6_900m, FigureStage.Estimate, asOf: "2023-11-30");

        target.JudgedOn("2023-06-30").Observed.ShouldBe(6_400m);
        target.JudgedOn("2023-11-29").Observed.ShouldBe(6_400m);
        target.JudgedOn("2023-11-30").Observed.ShouldBe(6_900m);
    }

    [Fact]
    public void A_submitted_figure_not_yet_approved_does_not_count_unless_asked_for()
    {
        var target = JobsSupported()
            .Reported("2022", 6_400m)
            .Submitted("2023", 5_000m);

        target.JudgedOn("2024-03-01").Observed.ShouldBe(6_400m);
        target.JudgedOn("2024-03-01", includeSubmitted: true).Observed.ShouldBe(5_000m);
        target.Build().EffectiveFigures().Select(f => f.Value).ShouldBe([6_400m]);
        target.Build().EffectiveFigures(includeSubmitted: true).Select(f => f.Approval).ShouldBe([FigureApproval.Approved, FigureApproval.Submitted]);
    }

    [Fact]
    public void Only_submitted_figures_is_no_data_for_approved_judging()
    {
        var target = JobsSupported().Submitted("2022", 6_400m);

        target.JudgedOn("2023-03-01").Status.ShouldBe(TargetStatus.NoData);
        target.JudgedOn("2023-03-01", includeSubmitted: true).Status.ShouldBe(TargetStatus.OnTrack);
    }

    [Fact]
    public void A_pending_revision_of_an_approved_figure_leaves_the_approved_one_counting_until_it_is_approved()
    {
        var official = Guid.NewGuid();
        var revision = Guid.NewGuid();
        var pending = JobsSupported()
            .Reported("2022", 6_400m, figureId: official)
            .RevisionSubmitted(official, 6_000m, FigureStage.Official, revisionId: revision);

        pending.JudgedOn("2023-03-01").Observed.ShouldBe(6_400m);
        pending.JudgedOn("2023-03-01", includeSubmitted: true).Observed.ShouldBe(6_000m);

        var approved = pending.Approved(revision);

        approved.JudgedOn("2023-03-01").Observed.ShouldBe(6_000m);
        approved.Build().LatestFigures.Select(f => f.FigureId).ShouldBe([revision]); // the revised approved figure is gone
        approved.Build().EffectiveFigures(includeSubmitted: true).Select(f => f.FigureId).ShouldBe([revision]);
    }

    [Fact]
    public void A_returned_figure_never_counts()
    {
        var returned = Guid.NewGuid();
        var target = JobsSupported()
            .Reported("2022", 6_400m)
            .Submitted("2023", 5_000m, figureId: returned)
            .Returned(returned);

        target.JudgedOn("2024-03-01").Observed.ShouldBe(6_400m);
        target.JudgedOn("2024-03-01", includeSubmitted: true).Observed.ShouldBe(6_400m);
        target.Build().LatestFigures.ShouldNotContain(f => f.FigureId == returned);
    }

    [Fact]
    public void A_returned_revision_leaves_the_approved_figure_counting()
    {
        var official = Guid.NewGuid();
        var revision = Guid.NewGuid();
        var target = JobsSupported()
            .Reported("2022", 6_400m, figureId: official)
            .RevisionSubmitted(official, 6_000m, FigureStage.Official, revisionId: revision)
            .Returned(revision);

        target.JudgedOn("2023-03-01").Observed.ShouldBe(6_400m);
        target.JudgedOn("2023-03-01", includeSubmitted: true).Observed.ShouldBe(6_400m);
    }

    [Fact]
    public void Only_future_figures_means_no_data()
    {
        var judgement = TargetBuilder.Growth(11, 12).Reported("2024", 15m).JudgedOn("2023-12-31");

        judgement.Status.ShouldBe(TargetStatus.NoData);
    }
}
