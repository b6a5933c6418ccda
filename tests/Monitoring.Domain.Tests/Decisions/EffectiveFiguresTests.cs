using Monitoring.Domain.Targets;
using static Monitoring.Domain.Tests.Decisions.Seeds;

namespace Monitoring.Domain.Tests.Decisions;

/// <summary>
/// Given the figures reported for budget revenue and approved by the secretariat → which one counts per period; and what
/// approval changes: submitted figures count only when asked for, returned ones never, a pending revision leaves the
/// approved figure counting until it is approved itself.
/// </summary>
public class EffectiveFiguresTests
{
    private static readonly Guid A = Guid.Parse("f3000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("f3000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = Guid.Parse("f3000000-0000-0000-0000-00000000000c");
    private static readonly Guid R = Guid.Parse("f3000000-0000-0000-0000-0000000000ff");

    /// <summary>The figures that count once every report given was approved.</summary>
    private static IEnumerable<Guid> Effective(params object[] reports) =>
        Given.Target([BudgetRevenue.Defined(), .. Given.Approved(reports)]).EffectiveFigures().Select(f => f.FigureId);

    private static IEnumerable<Guid> Counted(object[] stream, bool includeSubmitted = false) =>
        Given.Target([BudgetRevenue.Defined(), .. stream]).EffectiveFigures(includeSubmitted).Select(f => f.FigureId);

    private static FiguresApproved Approves(params object[] stream) => Given.Approval([BudgetRevenue.Defined(), .. stream.SkipLast(1)], stream[^1]);

    private static FiguresReturned Returns(Guid figure, string period) =>
        new(BudgetRevenue.Id, Monitoring.Domain.Reporting.Submission.IdFor(FinanceDepartment, ResolutionId, On.Period(period)), FinanceDepartment,
            On.Period(period), [figure], "Số liệu chưa khớp với báo cáo quyết toán", "van-phong-tinh-uy", On.At("2024-03-20"));

    private static FigureRevised Revises(Guid figure, decimal value, FigureStage stage, decimal previous, FigureStage previousStage,
        string at) =>
        new(BudgetRevenue.Id, R, figure, TaxDepartment, value, stage, On.Day("2023-12-31"), previous, previousStage,
            "Cục Thống kê điều chỉnh", null, [], null, "cuc-thue", On.At(at));

    [Fact]
    public void No_figures_no_effective_figures()
    {
        Effective().ShouldBeEmpty();
    }

    [Fact]
    public void An_official_figure_wins_over_a_later_estimate()
    {
        Effective(
                BudgetRevenue.Reported(A, "2022", 16.2m, FigureStage.Official, "2022-12-31", "2023-03-10"),
                BudgetRevenue.Reported(B, "2022", 14.0m, FigureStage.Estimate, "2022-12-31", "2023-04-01"))
            .ShouldBe([A]);
    }

    [Fact]
    public void A_preliminary_figure_wins_over_a_later_estimate_and_loses_to_an_earlier_official_one()
    {
        Effective(
                BudgetRevenue.Reported(A, "2022", 16.2m, FigureStage.Preliminary, "2022-12-31", "2023-01-10"),
                BudgetRevenue.Reported(B, "2022", 14.0m, FigureStage.Estimate, "2022-12-31", "2023-02-01"))
            .ShouldBe([A]);
        Effective(
                BudgetRevenue.Reported(C, "2022", 16.0m, FigureStage.Official, "2022-12-31", "2022-12-30"),
                BudgetRevenue.Reported(A, "2022", 16.2m, FigureStage.Preliminary, "2022-12-31", "2023-01-10"))
            .ShouldBe([C]);
    }

    [Fact]
    public void Among_figures_of_the_same_stage_the_latest_recorded_wins_whatever_the_order_of_the_stream()
    {
        Effective(
                BudgetRevenue.Reported(B, "2023-H1", 8.4m, FigureStage.Estimate, "2023-06-30", "2023-07-20"),
                BudgetRevenue.Reported(A, "2023-H1", 8.1m, FigureStage.Estimate, "2023-06-30", "2023-07-05"))
            .ShouldBe([B]);
    }

    [Fact]
    public void A_revised_figure_no_longer_counts_its_revision_does()
    {
        Effective(
                BudgetRevenue.Reported(A, "2021-2023", 15.4m, FigureStage.Official, "2023-06-30", "2023-07-10"),
                Revises(A, 14.8m, FigureStage.Official, 15.4m, FigureStage.Official, "2024-03-05"))
            .ShouldBe([R]);
    }

    [Fact]
    public void A_revised_official_figure_does_not_hand_the_period_to_an_estimate_reported_later()
    {
        Effective(
                BudgetRevenue.Reported(A, "2023", 9.5m, FigureStage.Official, "2023-12-31", "2024-03-01"),
                BudgetRevenue.Reported(B, "2023", 11.0m, FigureStage.Estimate, "2023-12-31", "2024-03-02"),
                Revises(A, 9.8m, FigureStage.Official, 9.5m, FigureStage.Official, "2024-03-05"))
            .ShouldBe([R]);
    }

    [Fact]
    public void Revising_an_estimate_that_an_official_figure_already_beats_changes_nothing_effective()
    {
        Effective(
                BudgetRevenue.Reported(A, "2023", 11.0m, FigureStage.Estimate, "2023-12-31", "2023-12-20"),
                BudgetRevenue.Reported(B, "2023", 9.5m, FigureStage.Official, "2023-12-31", "2024-03-01"),
                Revises(A, 10.2m, FigureStage.Estimate, 11.0m, FigureStage.Estimate, "2024-03-05"))
            .ShouldBe([B]);
    }

    [Fact]
    public void One_figure_per_period_ordered_by_period()
    {
        var figures = Given.Target([
            BudgetRevenue.Defined(),
            .. Given.Approved(
                BudgetRevenue.Reported(C, "2021-2023", 15.4m, FigureStage.Estimate, "2023-06-30", "2023-07-10"),
                BudgetRevenue.Reported(B, "2022", 16.2m, FigureStage.Official, "2022-12-31", "2023-03-10"),
                BudgetRevenue.Reported(A, "2023-H1", 8.1m, FigureStage.Estimate, "2023-06-30", "2023-07-05"),
                BudgetRevenue.Reported(R, "2023-H2", 9.0m, FigureStage.Estimate, "2023-12-31", "2024-01-05"))]).EffectiveFigures();

        figures.Select(f => f.Period.ToString()).ShouldBe(["2022", "2023-H1", "2023-H2", "2021-2023"]); // the span ends with 2023-H2, and is longer
        figures.Select(f => f.Value).ShouldBe([16.2m, 8.1m, 9.0m, 15.4m]);
    }

    [Fact]
    public void A_submitted_figure_not_yet_approved_does_not_count_by_default_and_counts_when_asked_for()
    {
        object[] stream =
        [
            .. Given.Approved(BudgetRevenue.Reported(A, "2022", 16.2m, FigureStage.Official, "2022-12-31", "2023-03-10")),
            BudgetRevenue.Reported(B, "2023", 9.5m, FigureStage.Estimate, "2023-12-31", "2024-01-10"),
        ];

        Counted(stream).ShouldBe([A]);
        Counted(stream, includeSubmitted: true).ShouldBe([A, B]);
        Given.Target([BudgetRevenue.Defined(), .. stream]).EffectiveFigures(includeSubmitted: true).Single(f => f.FigureId == B)
            .Approval.ShouldBe(FigureApproval.Submitted);
    }

    [Fact]
    public void A_submitted_figure_does_not_replace_an_approved_one_of_the_same_period_until_it_is_approved()
    {
        var official = BudgetRevenue.Reported(B, "2023", 9.5m, FigureStage.Official, "2023-12-31", "2024-03-01");
        object[] stream =
        [
            .. Given.Approved(BudgetRevenue.Reported(A, "2023", 9.8m, FigureStage.Estimate, "2023-12-31", "2024-01-10")),
            official,
        ];

        Counted(stream).ShouldBe([A]);
        Counted(stream, includeSubmitted: true).ShouldBe([B]);
        Counted([.. stream, Approves([.. stream])]).ShouldBe([B]);
    }

    [Fact]
    public void A_pending_revision_of_an_approved_figure_leaves_the_approved_one_counting_until_the_revision_is_approved()
    {
        var revision = Revises(A, 14.8m, FigureStage.Official, 15.4m, FigureStage.Official, "2024-03-05");
        object[] pending =
        [
            .. Given.Approved(BudgetRevenue.Reported(A, "2021-2023", 15.4m, FigureStage.Official, "2023-06-30", "2023-07-10")),
            revision,
        ];

        Counted(pending).ShouldBe([A]);
        Counted(pending, includeSubmitted: true).ShouldBe([R]);

        var approved = Given.Target([BudgetRevenue.Defined(), .. pending, Approves([.. pending])]);

        approved.EffectiveFigures().Select(f => f.FigureId).ShouldBe([R]);
        approved.EffectiveFigures().Single().Approval.ShouldBe(FigureApproval.Approved);
    }

    [Fact]
    public void Approving_a_revision_removes_the_approved_figure_it_revised()
    {
        object[] stream =
        [
            .. Given.Approved(BudgetRevenue.Reported(A, "2021-2023", 15.4m, FigureStage.Official, "2023-06-30", "2023-07-10")),
            Revises(A, 14.8m, FigureStage.Official, 15.4m, FigureStage.Official, "2024-03-05"),
        ];
        Given.Target([BudgetRevenue.Defined(), .. stream]).LatestFigures.Select(f => f.FigureId).ShouldBe([A, R], ignoreOrder: true);

        var approved = Given.Target([BudgetRevenue.Defined(), .. stream, Approves([.. stream])]);

        approved.LatestFigures.Select(f => (f.FigureId, f.Approval)).ShouldBe([(R, FigureApproval.Approved)]);
        approved.EffectiveFigures(includeSubmitted: true).Select(f => f.FigureId).ShouldBe([R]);
    }

    [Fact]
    public void A_returned_figure_never_counts()
    {
        object[] stream =
        [
            .. Given.Approved(BudgetRevenue.Reported(A, "2022", 16.2m, FigureStage.Official, "2022-12-31", "2023-03-10")),
            BudgetRevenue.Reported(B, "2023", 9.5m, FigureStage.Official, "2023-12-31", "2024-03-01"),
            Returns(B, "2023"),
        ];

        Counted(stream).ShouldBe([A]);
        Counted(stream, includeSubmitted: true).ShouldBe([A]);
        FigureFromHistory(stream, B).Approval.ShouldBe(FigureApproval.Returned);
    }

    [Fact]
    public void A_returned_revision_leaves_the_approved_figure_counting_even_with_submitted_figures()
    {
        object[] stream =
        [
            .. Given.Approved(BudgetRevenue.Reported(A, "2021-2023", 15.4m, FigureStage.Official, "2023-06-30", "2023-07-10")),
            Revises(A, 14.8m, FigureStage.Official, 15.4m, FigureStage.Official, "2024-03-05"),
            Returns(R, "2021-2023"),
        ];

        Counted(stream).ShouldBe([A]);
        Counted(stream, includeSubmitted: true).ShouldBe([A]);
    }

    [Fact]
    public void A_correction_dated_after_the_day_asked_about_leaves_the_figure_current_then()
    {
        object[] stream = Given.Approved(
            BudgetRevenue.Reported(A, "2021-2023", 15.4m, FigureStage.Official, "2023-06-30", "2023-07-10"),
            Revises(A, 14.8m, FigureStage.Official, 15.4m, FigureStage.Official, "2024-03-05")); // dated 2023-12-31
        IEnumerable<Guid> On(string day) =>
            Given.Target([BudgetRevenue.Defined(), .. stream.Where(e => Target.IsAboutOnOrBefore(e, Decisions.On.Day(day)))])
                .EffectiveFigures().Select(f => f.FigureId);

        On("2023-06-29").ShouldBeEmpty();
        On("2023-06-30").ShouldBe([A]);
        On("2023-12-31").ShouldBe([R]);
    }

    private static Figure FigureFromHistory(object[] stream, Guid id) =>
        FigureFrom.History([BudgetRevenue.Defined(), .. stream]).Single(f => f.FigureId == id);
}
