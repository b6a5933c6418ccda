using Monitoring.Domain.Reporting;

namespace Monitoring.Domain.Tests.Decisions;

public class ReportingPeriodTests
{
    [Theory]
    [InlineData("2023-H1", PeriodKind.HalfYear, 2023, 2023, 1)]
    [InlineData("2023-H2", PeriodKind.HalfYear, 2023, 2023, 2)]
    [InlineData("2023", PeriodKind.Year, 2023, 2023, 0)]
    [InlineData("2021-2023", PeriodKind.Span, 2021, 2023, 0)]
    [InlineData("2023-Q3", PeriodKind.Quarter, 2023, 2023, 0)]
    [InlineData("2023-07", PeriodKind.Month, 2023, 2023, 0)]
    public void Parses_every_kind_and_formats_it_back(string text, PeriodKind kind, int first, int last, int half)
    {
        var period = ReportingPeriod.Parse(text);

        period.Kind.ShouldBe(kind);
        period.FirstYear.ShouldBe(first);
        period.LastYear.ShouldBe(last);
        period.Half.ShouldBe(half);
        period.ToString().ShouldBe(text);
    }

    [Theory]
    [InlineData(" 2023-h1 ", "2023-H1")]
    [InlineData("2021-2025", "2021-2025")]
    public void Parsing_tolerates_case_and_surrounding_spaces(string text, string formatted)
    {
        ReportingPeriod.TryParse(text, out var period).ShouldBeTrue();
        period.ToString().ShouldBe(formatted);
    }

    [Theory]
    [InlineData("2023-H3")]
    [InlineData("2023-H0")]
    [InlineData("2023-2021")]
    [InlineData("2023-2023")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("23")]
    [InlineData("2023-Q5")]
    [InlineData("2023-Q0")]
    [InlineData("2023-13")]
    [InlineData("2023-00")]
    [InlineData("2023-7")]
    [InlineData("1800")]
    public void Rejects_what_is_not_a_period(string? text)
    {
        ReportingPeriod.TryParse(text, out var period).ShouldBeFalse();
        period.ShouldBeNull();
        if (text is not null) Should.Throw<FormatException>(() => ReportingPeriod.Parse(text));
    }

    [Theory]
    [InlineData("2023-H1", "2023-01-01", "2023-06-30", 1)]
    [InlineData("2023-H2", "2023-07-01", "2023-12-31", 1)]
    [InlineData("2023", "2023-01-01", "2023-12-31", 1)]
    [InlineData("2021-2023", "2021-01-01", "2023-12-31", 3)]
    [InlineData("2023-Q1", "2023-01-01", "2023-03-31", 1)]
    [InlineData("2024-Q4", "2024-10-01", "2024-12-31", 1)]
    [InlineData("2024-02", "2024-02-01", "2024-02-29", 1)]
    [InlineData("2023-12", "2023-12-01", "2023-12-31", 1)]
    public void Start_and_end_dates(string text, string start, string end, int years)
    {
        var period = ReportingPeriod.Parse(text);

        period.Start.ShouldBe(On.Day(start));
        period.End.ShouldBe(On.Day(end));
        period.Years.ShouldBe(years);
        period.Contains(On.Day(start)).ShouldBeTrue();
        period.Contains(On.Day(end)).ShouldBeTrue();
        period.Contains(On.Day(end).AddDays(1)).ShouldBeFalse();
        period.Contains(On.Day(start).AddDays(-1)).ShouldBeFalse();
    }

    [Fact]
    public void Ordered_by_end_date_then_the_shorter_period_first()
    {
        var shuffled = new[] { "2021-2023", "2023", "2022", "2023-H2", "2021-2025", "2023-H1", "2022-H2" }.Select(ReportingPeriod.Parse);

        shuffled.Order().Select(p => p.ToString())
            .ShouldBe(["2022-H2", "2022", "2023-H1", "2023-H2", "2023", "2021-2023", "2021-2025"]);
    }

    [Fact]
    public void Compares_consistently_with_equality()
    {
        var a = ReportingPeriod.Parse("2023-H1");
        var b = ReportingPeriod.HalfYear(2023, 1);

        b.ShouldBe(a);
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.CompareTo(b).ShouldBe(0);
        a.CompareTo(null).ShouldBeGreaterThan(0);
        ReportingPeriod.Year(2023).ShouldNotBe(ReportingPeriod.HalfYear(2023, 2));
    }

    [Theory]
    [InlineData("2023-H1", "6 tháng đầu năm 2023")]
    [InlineData("2023-H2", "6 tháng cuối năm 2023")]
    [InlineData("2023", "năm 2023")]
    [InlineData("2021-2023", "giai đoạn 2021 - 2023")]
    [InlineData("2023-Q3", "quý III năm 2023")]
    [InlineData("2023-07", "tháng 7 năm 2023")]
    public void Reads_in_Vietnamese(string text, string vietnamese)
    {
        ReportingPeriod.Parse(text).ToVietnamese().ShouldBe(vietnamese);
    }

    [Theory]
    [InlineData("2023-01-01", "2023-H1")]
    [InlineData("2023-06-30", "2023-H1")]
    [InlineData("2023-07-01", "2023-H2")]
    [InlineData("2023-12-31", "2023-H2")]
    public void The_half_year_holding_a_date(string date, string half)
    {
        ReportingPeriod.HalfYearContaining(On.Day(date)).ToString().ShouldBe(half);
    }

    [Fact]
    public void The_previous_half_year_crosses_the_year()
    {
        ReportingPeriod.Parse("2024-H1").PreviousHalfYear().ShouldBe(ReportingPeriod.Parse("2023-H2"));
        ReportingPeriod.Parse("2023-H2").PreviousHalfYear().ShouldBe(ReportingPeriod.Parse("2023-H1"));
        Should.Throw<InvalidOperationException>(() => ReportingPeriod.Parse("2023").PreviousHalfYear());
    }

    [Fact]
    public void Factories_refuse_impossible_periods()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ReportingPeriod.HalfYear(2023, 3));
        Should.Throw<ArgumentOutOfRangeException>(() => ReportingPeriod.Span(2023, 2021));
        Should.Throw<ArgumentOutOfRangeException>(() => ReportingPeriod.Span(2023, 2023));
        Should.Throw<ArgumentOutOfRangeException>(() => ReportingPeriod.Quarter(2023, 5));
        Should.Throw<ArgumentOutOfRangeException>(() => ReportingPeriod.Month(2023, 13));
    }
}
