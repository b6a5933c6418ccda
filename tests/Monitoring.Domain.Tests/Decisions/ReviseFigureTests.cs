using Monitoring.Domain.Common;
using Monitoring.Domain.Targets;
using static Monitoring.Domain.Tests.Decisions.Seeds;

namespace Monitoring.Domain.Tests.Decisions;

/// <summary>Given a budget-revenue stream → when a unit revises a figure → then FigureRevised or a rejection.</summary>
public class ReviseFigureTests
{
    private static readonly Guid Estimate2023 = Guid.Parse("f1000000-0000-0000-0000-000000002023");
    private static readonly Guid Official2022 = Guid.Parse("f1000000-0000-0000-0000-000000002022");
    private static readonly Guid Revision = Guid.Parse("f2000000-0000-0000-0000-000000000001");
    private static readonly DateTimeOffset RevisedAt = On.At("2024-03-05");

    // 004's mid-term figure: "tốc độ tăng bình quân 3 năm 2021 - 2023 đạt 15,4%/năm", first as an estimate.
    private static object[] History() =>
    [
        BudgetRevenue.Defined(),
        BudgetRevenue.Assigned(),
        .. Given.Approved(
            BudgetRevenue.Reported(Official2022, "2022", 16.2m, FigureStage.Official, "2022-12-31", "2023-03-10", "Cục Thống kê"),
            BudgetRevenue.Reported(Estimate2023, "2021-2023", 15.4m, FigureStage.Estimate, "2023-06-30", "2023-07-10", "Báo cáo giữa nhiệm kỳ")),
    ];

    private static Decision Revise(TargetStream stream, Guid figureId, decimal? value, FigureStage stage, string asOf = "2023-12-31",
        string[]? items = null, decimal? reference = null, Guid? revisionId = null, string? source = "Niên giám thống kê 2023") =>
        stream.Target.ReviseFigure(stream.Figure(figureId), figureId, revisionId ?? Revision, TaxDepartment, value, stage, On.Day(asOf),
            "Cục Thống kê công bố số liệu chính thức năm 2023", source, items ?? [], reference,
            "cuc-thue", RevisedAt);

    [Fact]
    public void Revising_an_estimate_into_the_official_figure_records_the_previous_value_and_stage()
    {
        var target = Given.Stream(History());

        var decision = Revise(target, Estimate2023, 14.8m, FigureStage.Official);

        decision.ShouldProduce(new FigureRevised(
            BudgetRevenue.Id, Revision, Estimate2023, TaxDepartment, 14.8m, FigureStage.Official, On.Day("2023-12-31"),
            PreviousValue: 15.4m, PreviousStage: FigureStage.Estimate,
            "Cục Thống kê công bố số liệu chính thức năm 2023", "Niên giám thống kê 2023", [], null, "cuc-thue", RevisedAt,
            On.Period("2021-2023"), target.Figure(Estimate2023)!.ReportId));
    }

    [Fact]
    public void The_revision_keeps_the_period_and_replaces_the_figure_once_folded()
    {
        var history = History();
        var decision = Revise(Given.Stream(history), Estimate2023, 14.8m, FigureStage.Official);

        var pending = Given.Stream([.. history, .. decision.Events]);
        // Until the secretariat approves the revision, the approved estimate keeps counting beside it.
        pending.Target.LatestFigures.Select(f => f.FigureId).ShouldBe([Official2022, Estimate2023, Revision], ignoreOrder: true);
        pending.Target.EffectiveFigures().Select(f => f.FigureId).ShouldBe([Official2022, Estimate2023]);
        pending.Target.EffectiveFigures(includeSubmitted: true).Select(f => f.FigureId).ShouldBe([Official2022, Revision]);

        var after = Given.Stream([.. history, .. decision.Events, Given.Approval([.. history, .. decision.Events], decision.Events.Single())]);

        after.Figures.Count.ShouldBe(3);
        after.Figures.Single(f => f.FigureId == Estimate2023).RevisedBy.ShouldBe(Revision);
        var revision = after.Figures.Single(f => f.FigureId == Revision);
        revision.Approval.ShouldBe(FigureApproval.Approved);
        after.Target.FigureCount.ShouldBe(3);
        after.Target.RevisionCount.ShouldBe(1);
        after.Target.LatestFigures.Select(f => f.FigureId).ShouldBe([Official2022, Revision], ignoreOrder: true);
        revision.Period.ShouldBe(On.Period("2021-2023"));
        revision.Revises.ShouldBe(Estimate2023);
        revision.RevisionReason.ShouldBe("Cục Thống kê công bố số liệu chính thức năm 2023");
        after.Target.EffectiveFigures().Select(f => f.FigureId).ShouldBe([Official2022, Revision]);
    }

    [Fact]
    public void The_items_of_a_revision_are_carried_on_the_event()
    {
        var target = Given.Stream(History());

        var decision = Revise(target, Estimate2023, 15.4m, FigureStage.Estimate, items: ["thu nội địa", "thu xuất nhập khẩu"]);

        // A fresh array: the event must carry the same items, not merely the same list instance.
        decision.ShouldProduce(new FigureRevised(
            BudgetRevenue.Id, Revision, Estimate2023, TaxDepartment, 15.4m, FigureStage.Estimate, On.Day("2023-12-31"),
            15.4m, FigureStage.Estimate, "Cục Thống kê công bố số liệu chính thức năm 2023", "Niên giám thống kê 2023",
            new[] { "thu nội địa", "thu xuất nhập khẩu" }, null, "cuc-thue", RevisedAt, On.Period("2021-2023"), target.Figure(Estimate2023)!.ReportId));
    }

    [Fact]
    public void An_official_figure_can_be_corrected_at_the_same_stage()
    {
        var target = Given.Stream(History());

        var decision = Revise(target, Official2022, 15.9m, FigureStage.Official, asOf: "2022-12-31");

        decision.ShouldProduce(new FigureRevised(
            BudgetRevenue.Id, Revision, Official2022, TaxDepartment, 15.9m, FigureStage.Official, On.Day("2022-12-31"),
            16.2m, FigureStage.Official, "Cục Thống kê công bố số liệu chính thức năm 2023", "Niên giám thống kê 2023", [], null,
            "cuc-thue", RevisedAt, On.Period("2022"), target.Figure(Official2022)!.ReportId));
    }

    [Fact]
    public void Only_the_reporting_date_changing_is_still_a_revision()
    {
        var target = Given.Stream(History());

        var decision = Revise(target, Estimate2023, 15.4m, FigureStage.Estimate, asOf: "2023-09-30");

        decision.IsAccepted.ShouldBeTrue();
        decision.Events.ShouldHaveSingleItem().ShouldBeOfType<FigureRevised>().AsOf.ShouldBe(On.Day("2023-09-30"));
    }

    [Fact]
    public void The_latest_revision_can_itself_be_revised_and_records_its_value_as_the_previous_one()
    {
        var firstRevision = Guid.NewGuid();
        var target = Given.Stream([
            .. History(),
            Revise(Given.Stream(History()), Estimate2023, 15.0m, FigureStage.Preliminary, revisionId: firstRevision).Events.Single(),
        ]);

        var decision = Revise(target, firstRevision, 14.8m, FigureStage.Official);

        var revised = decision.Events.ShouldHaveSingleItem().ShouldBeOfType<FigureRevised>();
        revised.RevisesFigureId.ShouldBe(firstRevision);
        revised.PreviousValue.ShouldBe(15.0m);
        revised.PreviousStage.ShouldBe(FigureStage.Preliminary);
    }

    [Fact]
    public void Revising_a_figure_the_target_does_not_have_is_not_found()
    {
        var target = Given.Stream(History());

        var decision = Revise(target, Guid.NewGuid(), 14.8m, FigureStage.Official);

        decision.ShouldBeRejected(RejectionKind.NotFound, "figureId");
    }

    [Fact]
    public void Revising_a_figure_already_revised_is_a_conflict_naming_the_later_one()
    {
        var earlier = Guid.NewGuid();
        var target = Given.Stream([
            .. History(),
            new FigureRevised(BudgetRevenue.Id, earlier, Estimate2023, TaxDepartment, 15.0m, FigureStage.Preliminary,
                On.Day("2023-12-31"), 15.4m, FigureStage.Estimate, "Số liệu sơ bộ", null, [], null, "cuc-thue", On.At("2024-01-20")),
        ]);

        var decision = Revise(target, Estimate2023, 14.8m, FigureStage.Official);

        var rejection = decision.ShouldBeRejected(RejectionKind.Conflict, "figureId");
        rejection.English.ShouldContain(earlier.ToString());
    }

    [Theory]
    [InlineData(FigureStage.Estimate)]
    [InlineData(FigureStage.Preliminary)]
    public void An_official_figure_cannot_go_back_to_a_lower_stage(FigureStage lower)
    {
        var target = Given.Stream(History());

        var decision = Revise(target, Official2022, 15.9m, lower, asOf: "2022-12-31");

        decision.ShouldBeRejected(RejectionKind.Invalid, "stage");
    }

    [Fact]
    public void A_revision_that_changes_nothing_is_invalid()
    {
        var target = Given.Stream(History());

        var decision = Revise(target, Estimate2023, 15.4m, FigureStage.Estimate, asOf: "2023-06-30", source: null);

        decision.ShouldBeRejected(RejectionKind.Invalid, "value");
    }

    [Fact]
    public void A_revision_that_only_corrects_the_source_is_accepted()
    {
        var target = Given.Stream(History());

        var decision = Revise(target, Estimate2023, 15.4m, FigureStage.Estimate, asOf: "2023-06-30", source: "Báo cáo số 45/BC-STC");

        decision.IsAccepted.ShouldBeTrue();
        ((FigureRevised)decision.Events[0]).Source.ShouldBe("Báo cáo số 45/BC-STC");
    }

    [Fact]
    public void A_revision_with_equal_items_in_a_different_list_still_changes_nothing()
    {
        var figure = Guid.NewGuid();
        var target = Given.Stream(
            BudgetRevenue.Defined(),
            BudgetRevenue.Reported(figure, "2023-H1", 8.1m, FigureStage.Preliminary, "2023-06-30", "2023-07-10",
                items: ["thu nội địa"]));

        var decision = Revise(target, figure, 8.1m, FigureStage.Preliminary, asOf: "2023-06-30", items: ["thu nội địa"], source: null);

        decision.ShouldBeRejected(RejectionKind.Invalid, "value");
    }
}
