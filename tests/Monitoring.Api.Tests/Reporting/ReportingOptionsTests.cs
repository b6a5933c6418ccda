using Microsoft.Extensions.Configuration;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Reporting;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Domain.Reporting;

namespace Monitoring.Api.Tests.Reporting;

/// <summary>The section <c>Reporting</c> as shipped and as an operator may get it wrong.</summary>
public class ReportingOptionsTests
{
    private static ReportingCalendar Shipped() =>
        (new ConfigurationBuilder().AddJsonFile(Path.Combine(SolutionPaths.Root, "src", "Monitoring.Api", "appsettings.json")).Build()
            .GetSection(ReportingOptions.Section).Get<ReportingOptions>() ?? throw new ShouldAssertException("no Reporting section")).ToCalendar();

    [Fact]
    public void The_shipped_calendar_has_the_regimes_defaults_and_Vietnams_public_holidays()
    {
        var calendar = Shipped();
        calendar.CutOffDay.ShouldBe(14);
        calendar.Kinds.ShouldBe([PeriodKind.HalfYear, PeriodKind.Year, PeriodKind.Quarter, PeriodKind.Month]);
        calendar.DueWorkingDays(PeriodKind.HalfYear).ShouldBe(5);
        calendar.DueWorkingDays(PeriodKind.Month).ShouldBe(3);
        // Tết Giáp Thìn 2024 (8/2 – 14/2), Giỗ Tổ 18/4/2024, 30/4 and 1/5, Quốc khánh 2/9 and 3/9/2024, Tết Ất Tỵ 2025.
        string[] holidays = ["2024-02-08", "2024-02-12", "2024-02-14", "2024-04-18", "2024-04-30", "2024-05-01", "2024-09-02", "2024-09-03", "2025-01-01", "2025-01-27", "2025-01-31"];
        holidays.ShouldAllBe(day => !calendar.IsWorkingDay(DateOnly.Parse(day)));
        calendar.IsWorkingDay(DateOnly.Parse("2024-02-15")).ShouldBeTrue();
        calendar.DueDate(ReportingPeriod.Parse("2024-H1")).ShouldBe(DateOnly.Parse("2024-06-21"));
    }

    [Fact]
    public void Ranges_expand_and_a_kind_left_out_keeps_its_default()
    {
        var calendar = new ReportingOptions
        {
            CutOffDay = 15, DueWorkingDays = new() { ["halfyear"] = 10 }, Kinds = ["HalfYear", "Year"], Holidays = ["2024-02-08..2024-02-10", "2024-04-30"],
        }.ToCalendar();
        calendar.Holidays.Count.ShouldBe(4);
        calendar.DueWorkingDays(PeriodKind.HalfYear).ShouldBe(10);
        calendar.DueWorkingDays(PeriodKind.Year).ShouldBe(5);
        calendar.Runs(PeriodKind.Quarter).ShouldBeFalse();
        calendar.DataOf(ReportingPeriod.Parse("2024")).ShouldBe(new DataWindow(DateOnly.Parse("2023-12-16"), DateOnly.Parse("2024-12-15")));
    }

    [Theory]
    [InlineData("CutOffDay", "Reporting:CutOffDay")]
    [InlineData("Kind", "Reporting:Kinds:1")]
    [InlineData("SpanKind", "Reporting:Kinds:0")]
    [InlineData("DueKind", "Reporting:DueWorkingDays:Week")]
    [InlineData("DueDays", "Reporting:DueWorkingDays:Year")]
    [InlineData("Holiday", "Reporting:Holidays:1")]
    [InlineData("Range", "Reporting:Holidays:0")]
    public void A_setting_that_cannot_be_read_stops_the_start_naming_it(string wrong, string setting)
    {
        var options = wrong switch
        {
            "CutOffDay" => new ReportingOptions { CutOffDay = 31 },
            "Kind" => new ReportingOptions { Kinds = ["Year", "Week"] },
            "SpanKind" => new ReportingOptions { Kinds = ["Span"] },
            "DueKind" => new ReportingOptions { DueWorkingDays = new() { ["Week"] = 2 } },
            "DueDays" => new ReportingOptions { DueWorkingDays = new() { ["Year"] = -1 } },
            "Holiday" => new ReportingOptions { Holidays = ["2024-04-30", "30/04/2024"] },
            _ => new ReportingOptions { Holidays = ["2024-02-14..2024-02-08"] },
        };
        Should.Throw<StartupConfigurationException>(options.ToCalendar).Message.ShouldStartWith(setting);
    }
}
