using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;
using static Monitoring.Domain.Tests.Decisions.Seeds;

namespace Monitoring.Domain.Tests.Decisions;

/// <summary>
/// Given seed 000 (Kết luận khu vực biên giới, 2021 – 2025: the budget-revenue target of Sở Tài chính with Cục Thuế, the
/// Mộc Rá border-gate task of Sở Công Thương with Bộ đội Biên phòng), the calendar and the units' submissions → when the
/// obligations are worked out on a day → then who owes which report on what, by when, and how it stands.
/// </summary>
public class ObligationsTests
{
    private static readonly ReportingCalendar Calendar = ReportingCalendar.Default;
    private static readonly DateOnly MidJuly2023 = On.Day("2023-07-15");

    private static Resolution Resolution(IReadOnlyList<PeriodKind>? kinds = null) => Monitoring.Domain.Resolutions.Resolution.Evolve(null,
        new ResolutionDefined(ResolutionId, "000-KL/TU", ResolutionKind.Conclusion, "Ban Chấp hành Đảng bộ tỉnh", "XI", On.Day("2021-03-10"),
            2021, 2025, null, "Kết luận về phát triển kinh tế - xã hội khu vực biên giới", ["kinh tế", "kết cấu hạ tầng"], "van-phong-tinh-uy",
            On.At("2021-03-10"), kinds))!;

    private static Target Budget() => Given.Target(BudgetRevenue.Defined(), BudgetRevenue.Assigned());

    private static ResolutionTask MocRa(params object[] more) => Given.Task([MocRaBorderGate.Defined(), .. more]);

    /// <summary>A target added mid-2023 (after the 2023-H1 cut-off of 14/6) and assigned to Cục Thuế on 20/6/2023.</summary>
    private static readonly Guid LateTarget = Guid.Parse("7a000000-0000-0000-0000-000000000002");
    private static readonly Guid NewUnit = Guid.Parse("5e000000-0000-0000-0000-0000000000c1");

    private static Target AddedAfterCutOff() => Given.Target(
        BudgetRevenue.Defined() with { TargetId = LateTarget, Code = "KT-02", Statement = "Kim ngạch xuất nhập khẩu qua biên giới tăng 8%/năm", DefinedAt = On.At("2023-06-20") },
        new TargetAssigned(LateTarget, TaxDepartment, [NewUnit], "van-phong-tinh-uy", On.At("2023-06-20")));

    private static Submission Submitted(Guid unit, string period, string at, params object[] more)
    {
        var id = Submission.IdFor(unit, ResolutionId, On.Period(period));
        object[] events = [new SubmissionSubmitted(id, unit, ResolutionId, On.Period(period), Guid.NewGuid(), [], [], "bao-cao", On.At(at)), .. more];
        return events.Aggregate((Submission?)null, Submission.Evolve)!;
    }

    private static Submission Draft(Guid unit, string period, string at)
    {
        var content = new DraftContent([], [], null, []);
        return Submission.Evolve(null, new SubmissionDraftSaved(Submission.IdFor(unit, ResolutionId, On.Period(period)), unit, ResolutionId,
            On.Period(period), content, "bao-cao", On.At(at)))!;
    }

    private static IReadOnlyList<Obligation> Owed(DateOnly today, ReportingPeriod? period = null, IEnumerable<Submission>? submissions = null,
        Resolution? resolution = null, IEnumerable<Target>? targets = null, IEnumerable<ResolutionTask>? tasks = null) =>
        Obligations.Of(resolution ?? Resolution(), targets ?? [Budget()], tasks ?? [MocRa()], submissions ?? [], Calendar, today, period);

    [Fact]
    public void Every_assigned_unit_owes_each_half_year_and_year_whose_data_window_has_begun()
    {
        var owed = Owed(MidJuly2023);

        owed.Select(o => o.Period.ToString()).Distinct().ShouldBe(["2021-H1", "2021", "2022-H1", "2022", "2023-H1", "2023"]);
        owed.Where(o => o.Period == On.Period("2023-H1")).Select(o => o.UnitId)
            .ShouldBe([FinanceDepartment, TaxDepartment, IndustryAndTrade, BorderGuard], ignoreOrder: true);
        var finance = owed.Single(o => o.Period == On.Period("2023-H1") && o.UnitId == FinanceDepartment);
        finance.TargetIds.ShouldBe([BudgetRevenue.Id]);
        finance.TaskIds.ShouldBeEmpty();
        finance.Data.ShouldBe(new DataWindow(On.Day("2022-12-15"), On.Day("2023-06-14")));
        finance.DueDate.ShouldBe(On.Day("2023-06-21"));
        finance.State.ShouldBe(SubmissionState.NotStarted);
        finance.Timeliness.ShouldBe(Timeliness.Missing);
        finance.DaysLeft.ShouldBe(-24); // calendar days: 21/6 to 15/7
        owed.Single(o => o.Period == On.Period("2023-H1") && o.UnitId == BorderGuard).TaskIds.ShouldBe([MocRaBorderGate.Id]);
        var year = owed.Single(o => o.Period == On.Period("2023") && o.UnitId == FinanceDepartment);
        year.Timeliness.ShouldBe(Timeliness.NotYetDue);
        year.DueDate.ShouldBe(On.Day("2023-12-21"));
        year.DaysLeft.ShouldBe(159);
    }

    [Fact]
    public void An_assignment_made_after_a_periods_cut_off_creates_no_obligation_for_it_but_for_the_next()
    {
        var owed = Owed(MidJuly2023, targets: [Budget(), AddedAfterCutOff()]);

        owed.Single(o => o.Period == On.Period("2023-H1") && o.UnitId == TaxDepartment).TargetIds.ShouldBe([BudgetRevenue.Id]);
        owed.ShouldNotContain(o => o.UnitId == NewUnit && o.Period == On.Period("2023-H1"));
        owed.Single(o => o.Period == On.Period("2023") && o.UnitId == TaxDepartment).TargetIds.ShouldBe([BudgetRevenue.Id, LateTarget], ignoreOrder: true);
        owed.Single(o => o.Period == On.Period("2023") && o.UnitId == NewUnit).TargetIds.ShouldBe([LateTarget]);
    }

    [Fact]
    public void An_assignment_made_on_the_cut_off_day_counts_for_that_period()
    {
        var onCutOff = Given.Target(BudgetRevenue.Defined(), BudgetRevenue.Assigned() with { EffectiveOn = On.Day("2023-06-14") });
        // A reassignment keeps each unit's first day: to see the effect, the target is assigned only on 14/6/2023.
        var owed = Owed(MidJuly2023, On.Period("2023-H1"), targets: [onCutOff], tasks: []);
        owed.Select(o => o.UnitId).ShouldBe([FinanceDepartment, TaxDepartment], ignoreOrder: true);
        Owed(MidJuly2023, On.Period("2022"), targets: [onCutOff], tasks: []).ShouldBeEmpty();
    }

    [Fact]
    public void A_task_completed_before_a_periods_data_begin_is_not_owed_in_it()
    {
        var done = MocRa(MocRaBorderGate.Completed("2022-11-15", "2022-11-20"));

        Owed(MidJuly2023, On.Period("2023-H1"), tasks: [done]).ShouldNotContain(o => o.UnitId == IndustryAndTrade);
        Owed(MidJuly2023, On.Period("2022"), tasks: [done]).Single(o => o.UnitId == IndustryAndTrade).TaskIds.ShouldBe([MocRaBorderGate.Id]);
    }

    [Fact]
    public void Each_obligation_carries_its_submissions_state_and_whether_it_came_in_on_time()
    {
        var submissions = new[]
        {
            Submitted(FinanceDepartment, "2023-H1", "2023-06-21"), // the due date itself: on time
            Submitted(TaxDepartment, "2023-H1", "2023-06-22"),     // a day late
            Draft(IndustryAndTrade, "2023-H1", "2023-06-19"),      // saved, never sent
        };

        var owed = Owed(MidJuly2023, On.Period("2023-H1"), submissions).ToDictionary(o => o.UnitId);

        owed[FinanceDepartment].State.ShouldBe(SubmissionState.Submitted);
        owed[FinanceDepartment].Timeliness.ShouldBe(Timeliness.OnTime);
        owed[TaxDepartment].Timeliness.ShouldBe(Timeliness.Late);
        owed[TaxDepartment].FirstSubmittedAt.ShouldBe(On.At("2023-06-22"));
        owed[IndustryAndTrade].State.ShouldBe(SubmissionState.Draft);
        owed[IndustryAndTrade].Timeliness.ShouldBe(Timeliness.Missing);
        owed[BorderGuard].State.ShouldBe(SubmissionState.NotStarted);
    }

    [Fact]
    public void A_submission_late_in_the_evening_of_the_due_date_in_Vietnam_is_on_time()
    {
        // 23:30 on 21/6 in Vietnam is 16:30 UTC the same day; 00:30 on 22/6 in Vietnam is still 21/6 in UTC, and late.
        Obligations.TimelinessOf(new DateTimeOffset(2023, 6, 21, 23, 30, 0, On.Vietnam), On.Day("2023-06-21"), MidJuly2023).ShouldBe(Timeliness.OnTime);
        Obligations.TimelinessOf(new DateTimeOffset(2023, 6, 21, 17, 30, 0, TimeSpan.Zero), On.Day("2023-06-21"), MidJuly2023).ShouldBe(Timeliness.Late);
        Obligations.TimelinessOf(null, On.Day("2023-06-21"), On.Day("2023-06-21")).ShouldBe(Timeliness.NotYetDue);
        Obligations.TimelinessOf(null, On.Day("2023-06-21"), On.Day("2023-06-22")).ShouldBe(Timeliness.Missing);
    }

    [Fact]
    public void A_resolution_expects_nothing_for_a_period_outside_its_years_or_of_a_kind_it_is_not_reported_on()
    {
        Owed(On.Day("2026-07-15"), On.Period("2026-H1")).ShouldBeEmpty();
        Owed(MidJuly2023, On.Period("2022-H2")).ShouldBeEmpty(); // the second half is covered by the annual report
        Owed(MidJuly2023, On.Period("2023-Q2")).ShouldBeEmpty();
    }

    [Fact]
    public void A_resolution_reported_on_quarters_only_owes_quarterly_reports()
    {
        var owed = Owed(MidJuly2023, resolution: Resolution([PeriodKind.Quarter]));

        owed.Select(o => o.Period.ToString()).Distinct().Last().ShouldBe("2023-Q3"); // its data began on 15/6/2023
        owed.ShouldAllBe(o => o.Period.Kind == PeriodKind.Quarter);
        owed.Single(o => o.Period == On.Period("2023-Q2") && o.UnitId == FinanceDepartment).DueDate.ShouldBe(On.Day("2023-06-21"));
    }

    [Fact]
    public void Completeness_counts_expected_submitted_on_time_late_missing_approved_and_returned_with_rates()
    {
        var submissions = new[]
        {
            Submitted(FinanceDepartment, "2023-H1", "2023-06-20",
                new SubmissionApproved(Submission.IdFor(FinanceDepartment, ResolutionId, On.Period("2023-H1")), FinanceDepartment, ResolutionId,
                    On.Period("2023-H1"), [], null, "van-phong-tinh-uy", On.At("2023-06-25"))),
            Submitted(TaxDepartment, "2023-H1", "2023-06-30",
                new SubmissionReturned(Submission.IdFor(TaxDepartment, ResolutionId, On.Period("2023-H1")), TaxDepartment, ResolutionId,
                    On.Period("2023-H1"), [], "Thiếu số liệu thu nội địa", [], "van-phong-tinh-uy", On.At("2023-07-03"))),
        };

        var completeness = PeriodCompleteness.Of(On.Period("2023-H1"), Owed(MidJuly2023, On.Period("2023-H1"), submissions).ToList());

        completeness.Total.ShouldBe(new CompletenessCounts(Expected: 4, Submitted: 2, OnTime: 1, Late: 1, Missing: 2, NotYetDue: 0, Draft: 0,
            AwaitingApproval: 0, Approved: 1, Returned: 1));
        completeness.Total.ReportingRate.ShouldBe(50.0m);
        completeness.Total.OnTimeRate.ShouldBe(25.0m);
        completeness.ByResolution[ResolutionId].Expected.ShouldBe(4);
        completeness.ByUnit[FinanceDepartment].OnTime.ShouldBe(1);
        completeness.Late.Select(o => o.UnitId).ShouldBe([TaxDepartment]);
        completeness.Missing.Select(o => o.UnitId).ShouldBe([IndustryAndTrade, BorderGuard], ignoreOrder: true);
        CompletenessCounts.None.ReportingRate.ShouldBeNull();
    }

    [Fact]
    public void Without_a_period_completeness_reads_the_latest_half_year_or_year_whose_due_date_has_passed()
    {
        PeriodCompleteness.LatestDue(Calendar, On.Day("2023-07-15")).ShouldBe(On.Period("2023-H1"));
        PeriodCompleteness.LatestDue(Calendar, On.Day("2023-06-21")).ShouldBe(On.Period("2022"));
        PeriodCompleteness.LatestDue(Calendar, On.Day("2023-06-22")).ShouldBe(On.Period("2023-H1"));
        PeriodCompleteness.LatestDue(Calendar, On.Day("2024-01-05")).ShouldBe(On.Period("2023"));
    }
}
