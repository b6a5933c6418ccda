using Monitoring.Domain.Reporting;

namespace Monitoring.Domain.Tests.Decisions;

/// <summary>Given the reporting calendar (cut-off on the 14th, due so many working days after it) → when a period is due → then the day.</summary>
public class DueDateTests
{
    /// <summary>Tết Bính Ngọ 2026 (nghỉ 14/2 – 22/2/2026: the working days 16/2 – 20/2) and 30/4 – 1/5/2026.</summary>
    private static readonly ReportingCalendar WithTet2026 = new(14, ReportingCalendar.DefaultDueWorkingDays,
        [.. Enumerable.Range(16, 5).Select(d => new DateOnly(2026, 2, d)), On.Day("2026-04-30"), On.Day("2026-05-01")]);

    [Fact]
    public void A_half_year_report_is_due_five_working_days_after_the_14_June_cut_off()
    {
        // 14/6/2023 is a Wednesday: Thu 15, Fri 16, (weekend), Mon 19, Tue 20, Wed 21.
        ReportingCalendar.Default.DueDate(On.Period("2023-H1")).ShouldBe(On.Day("2023-06-21"));
        ReportingCalendar.Default.DataOf(On.Period("2023")).ShouldBe(new DataWindow(On.Day("2022-12-15"), On.Day("2023-12-14")));
    }

    [Fact]
    public void The_days_of_a_public_holiday_are_skipped_like_a_weekend()
    {
        // February 2026's data end on Saturday 14/2; Tết takes the whole next week: Mon 23, Tue 24, Wed 25 are the 3 working days.
        ReportingCalendar.Default.DueDate(On.Period("2026-02")).ShouldBe(On.Day("2026-02-18"));
        WithTet2026.DueDate(On.Period("2026-02")).ShouldBe(On.Day("2026-02-25"));
        // April 2026's data end on Tuesday 14/4: Wed 15, Thu 16, Fri 17 — the holidays at the month's end do not touch it.
        WithTet2026.DueDate(On.Period("2026-04")).ShouldBe(On.Day("2026-04-17"));
        WithTet2026.WorkingDaysBetween(On.Day("2026-02-14"), On.Day("2026-02-25")).ShouldBe(3);
        WithTet2026.IsWorkingDay(On.Day("2026-04-30")).ShouldBeFalse();
    }

    [Fact]
    public void The_configured_kinds_are_what_a_resolution_may_be_reported_on_and_a_span_is_never_one()
    {
        var halfYearsOnly = new ReportingCalendar(14, ReportingCalendar.DefaultDueWorkingDays, [], [PeriodKind.Year, PeriodKind.HalfYear]);
        halfYearsOnly.Kinds.ShouldBe([PeriodKind.HalfYear, PeriodKind.Year]);
        halfYearsOnly.Runs(PeriodKind.Month).ShouldBeFalse();
        ReportingCalendar.Default.Kinds.ShouldBe(ReportingCalendar.AllKinds, ignoreOrder: true);
        Should.Throw<ArgumentOutOfRangeException>(() => new ReportingCalendar(14, ReportingCalendar.DefaultDueWorkingDays, [], [PeriodKind.Span]));
    }
}
