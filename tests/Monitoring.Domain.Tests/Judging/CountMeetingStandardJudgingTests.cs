using Monitoring.Domain.Judging;

namespace Monitoring.Domain.Tests.Judging;

public class CountMeetingStandardJudgingTests
{
    // 000: "Đến cuối năm 2020, có 15/22 xã khu vực biên giới được công nhận đạt chuẩn nông thôn mới";
    // "phấn đấu tất cả các xã đạt chuẩn nông thôn mới".
    private static TargetBuilder NewRuralCommunes() => TargetBuilder.Count(22, 22, "xã").WithBaseline(15m, 2020);

    [Fact]
    public void Three_more_communes_in_two_years_reaches_all_22_by_2025_and_is_on_track()
    {
        var judgement = NewRuralCommunes().Reported("2022", 18m).JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.OnTrack);
        judgement.Rule.ShouldBe(JudgingRules.CountMeetingStandard);
        judgement.Observed.ShouldBe(18m);
        judgement.Achievement.ShouldBe(81.8m);
        judgement.Forecast.ShouldNotBeNull();
        judgement.Forecast.Method.ShouldBe(ForecastMethods.LinearTrend);
        judgement.Forecast.Value.ShouldBe(22m); // 18 + 1,5 × 3 = 22,5, capped at the 22 communes there are
        judgement.Explanation.ShouldContain("18/22 xã");
        judgement.Explanation.ShouldContain("1,5");
    }

    [Fact]
    public void One_more_commune_in_three_years_is_at_risk()
    {
        var judgement = NewRuralCommunes().Reported("2023", 16m).JudgedOn("2024-03-01");

        judgement.Status.ShouldBe(TargetStatus.AtRisk);
        judgement.Forecast!.Value.ShouldBe(16m); // 16 + 2/3 × 2 = 16,67 communes, 16 whole ones
    }

    [Fact]
    public void All_communes_meeting_the_standard_is_achieved()
    {
        var judgement = NewRuralCommunes().Reported("2024", 22m).JudgedOn("2025-03-01");

        judgement.Status.ShouldBe(TargetStatus.AchievedOrExceeded);
        judgement.Achievement.ShouldBe(100m);
    }

    [Fact]
    public void Short_of_the_count_after_the_target_year_is_off_track()
    {
        var judgement = NewRuralCommunes().Reported("2025", 20m).JudgedOn("2026-03-01");

        judgement.Status.ShouldBe(TargetStatus.OffTrack);
    }

    [Fact]
    public void Without_a_value_the_count_is_the_number_of_units_listed_and_the_others_are_named()
    {
        var communes = Enumerable.Range(1, 22).Select(i => $"Xã {i:00}").ToArray();
        var judgement = NewRuralCommunes().WithStandardUnits(communes)
            .Reported("2022", null, items: communes[..18])
            .JudgedOn("2023-03-01");

        judgement.Observed.ShouldBe(18m);
        judgement.Explanation.ShouldContain("Xã 19, Xã 20, Xã 21, Xã 22");
    }

    [Fact]
    public void A_single_count_without_a_baseline_cannot_be_forecast_and_is_at_risk()
    {
        var judgement = TargetBuilder.Count(22, 22, "xã").Reported("2022", 18m).JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.AtRisk);
        judgement.Forecast.ShouldBeNull();
    }

    // 000: "thêm 01 huyện đạt chuẩn nông thôn mới".
    [Fact]
    public void Without_a_baseline_the_trend_runs_from_the_earliest_count()
    {
        var judgement = TargetBuilder.Count(4, 9, "huyện").Reported("2021", 2m).Reported("2023", 3m).JudgedOn("2024-03-01");

        judgement.Status.ShouldBe(TargetStatus.OnTrack); // +0,5 a year: 4 in 2025
        judgement.Forecast!.Value.ShouldBe(4m);
    }

    [Fact]
    public void No_count_reported_means_no_data()
    {
        NewRuralCommunes().JudgedOn("2021-06-01").Status.ShouldBe(TargetStatus.NoData);
    }
}
