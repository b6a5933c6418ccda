using Monitoring.Domain.Targets;
using static Monitoring.Domain.Tests.Decisions.Seeds;

namespace Monitoring.Domain.Tests.Decisions;

/// <summary>Given the figures reported for budget revenue → which one counts per period.</summary>
public class EffectiveFiguresTests
{
    private static readonly Guid A = Guid.Parse("f3000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("f3000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = Guid.Parse("f3000000-0000-0000-0000-00000000000c");
    private static readonly Guid R = Guid.Parse("f3000000-0000-0000-0000-0000000000ff");

    private static IEnumerable<Guid> Effective(params object[] reports) =>
        Given.Target([BudgetRevenue.Defined(), .. reports]).EffectiveFigures().Select(f => f.FigureId);

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
        var figures = Given.Target(
            BudgetRevenue.Defined(),
            BudgetRevenue.Reported(C, "2021-2023", 15.4m, FigureStage.Estimate, "2023-06-30", "2023-07-10"),
            BudgetRevenue.Reported(B, "2022", 16.2m, FigureStage.Official, "2022-12-31", "2023-03-10"),
            BudgetRevenue.Reported(A, "2023-H1", 8.1m, FigureStage.Estimate, "2023-06-30", "2023-07-05"),
            BudgetRevenue.Reported(R, "2023-H2", 9.0m, FigureStage.Estimate, "2023-12-31", "2024-01-05")).EffectiveFigures();

        figures.Select(f => f.Period.ToString()).ShouldBe(["2022", "2023-H1", "2023-H2", "2021-2023"]); // the span ends with 2023-H2, and is longer
        figures.Select(f => f.Value).ShouldBe([16.2m, 8.1m, 9.0m, 15.4m]);
    }
}
