using Monitoring.Domain.Common;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Tests.Common;

public class PlausibilityTests
{
    private static readonly ResolutionSpan Term2021To2025 = new(2021, 2025);
    private static readonly DateOnly Today = new(2023, 7, 15);

    [Theory]
    [InlineData(TargetShape.LevelAtMost, "%", -5, false)]                 // 000: tỷ lệ hộ nghèo dưới 3,0% — a rate of −5 % is a typo
    [InlineData(TargetShape.LevelAtMost, "%", 1e15, false)]
    [InlineData(TargetShape.LevelAtMost, "%", 2.65, true)]
    [InlineData(TargetShape.LevelAtLeast, "%", 100, true)]                // 002: 100% các cụm công nghiệp
    [InlineData(TargetShape.LevelAtLeast, "%", 100.5, false)]
    [InlineData(TargetShape.GrowthRate, "%/năm", -3.2, true)]             // a growth rate may be negative
    [InlineData(TargetShape.GrowthRate, "%/năm", -100, false)]
    [InlineData(TargetShape.GrowthRate, "%/năm", 15.4, true)]             // 004: 15,4%/năm
    [InlineData(TargetShape.GrowthRate, "%", 2.65, true)]                 // 003 writes its growth rate in plain %
    [InlineData(TargetShape.QuantityPerYear, "lao động", 6150, true)]     // 000: hơn 6.150 lao động
    [InlineData(TargetShape.QuantityPerYear, "lao động", -1, false)]
    [InlineData(TargetShape.LevelAtLeast, "tỷ đồng", 29240.3, true)]      // 003: 29.240,3 tỷ đồng
    [InlineData(TargetShape.CountMeetingStandard, "xã", 15, true)]        // 000: 15/22 xã
    public void Values_are_what_the_unit_of_measure_allows(TargetShape shape, string unit, double value, bool plausible) =>
        (Plausibility.Value(shape, unit, (decimal)value, "value") is null).ShouldBe(plausible);

    [Fact]
    public void A_refusal_names_the_field_and_says_why_in_Vietnamese()
    {
        var rejection = Plausibility.Value(TargetShape.LevelAtMost, "%", -5m, "figures[0].value")!;
        rejection.Field.ShouldBe("figures[0].value");
        rejection.Vietnamese.ShouldContain("Tỷ lệ (%) phải từ 0 đến 100");
        rejection.Vietnamese.ShouldContain("-5");
    }

    [Theory]
    [InlineData("2023-H1", true)]
    [InlineData("2021-2023", true)]       // 004: bình quân 2021 - 2023
    [InlineData("2020", true)]            // 000: 15/22 xã đến cuối năm 2020, the baseline year
    [InlineData("2020-H2", true)]
    [InlineData("2016-2020", true)]       // 002: 17,53%/năm giai đoạn 2016 - 2020, the previous term
    [InlineData("2019", false)]
    [InlineData("2026", false)]
    [InlineData("2024-2026", false)]
    public void Figures_are_about_the_resolutions_period_or_the_one_just_before(string period, bool plausible) =>
        (Plausibility.Period(ReportingPeriod.Parse(period), Term2021To2025, "period") is null).ShouldBe(plausible);

    [Fact]
    public void The_period_just_before_is_explained_as_the_baseline() =>
        Plausibility.Period(ReportingPeriod.Parse("2019"), Term2021To2025, "period")!.Vietnamese.ShouldContain("mức nền");

    [Theory]
    [InlineData("2023-07-15", true)]
    [InlineData("2023-07-16", false)]     // tomorrow in Vietnam
    [InlineData("2011-01-01", true)]      // ten years before 2021
    [InlineData("2010-12-31", false)]
    public void Dates_of_what_happened_are_not_in_the_future_nor_decades_early(string date, bool plausible) =>
        (Plausibility.PastDate(DateOnly.Parse(date), Today, Term2021To2025, "asOf") is null).ShouldBe(plausible);

    [Theory]
    [InlineData("2026-12-31", null, true)]    // the period plus one year
    [InlineData("2027-01-01", null, false)]
    [InlineData("2031-06-30", "2030-12-31", true)]   // 004: the text itself set 2030 for the re-arrangement
    [InlineData("2019-12-31", null, false)]
    public void Deadline_extensions_stay_within_the_period_and_its_margin(string deadline, string? committed, bool plausible) =>
        (Plausibility.Deadline(DateOnly.Parse(deadline), Term2021To2025, 1, "newDeadline", committed is null ? null : DateOnly.Parse(committed)) is null)
            .ShouldBe(plausible);

    [Fact]
    public void An_orientation_year_extends_what_a_deadline_may_reach() =>
        Plausibility.Deadline(new DateOnly(2031, 12, 31), new ResolutionSpan(2021, 2025, 2030), 1, "newDeadline").ShouldBeNull();

    [Fact]
    public void A_target_belongs_to_one_of_its_resolutions_fields_however_the_accents_are_composed()
    {
        string[] fields = ["Kinh tế", "Văn hoá - xã hội"];
        Plausibility.Field("kinh tế", fields, "field").ShouldBeNull();
        Plausibility.Field("Văn hoá - xã hội".Normalize(System.Text.NormalizationForm.FormD), fields, "field").ShouldBeNull();
        Plausibility.Field("Quốc phòng", fields, "target.field")!.Vietnamese.ShouldContain("Kinh tế; Văn hoá - xã hội");
        Plausibility.Field("Bất kỳ", [], "field").ShouldBeNull();
    }

    [Fact]
    public void A_report_is_checked_whole_and_names_each_field()
    {
        var problems = ReportPlausibility.Check(ReportingPeriod.Parse("2026"),
            [new FigureFacts(TargetShape.LevelAtMost, "%", Term2021To2025, -5m, null, new DateOnly(2024, 1, 1))],
            [new TaskUpdateFacts(Term2021To2025, new DateOnly(2000, 1, 1))], Today);
        problems.Select(p => p.Field).ShouldBe(["period", "figures[0].value", "figures[0].asOf", "taskUpdates[0].completedOn"]);
    }
}
