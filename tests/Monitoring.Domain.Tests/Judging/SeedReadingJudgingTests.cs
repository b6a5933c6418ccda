using Monitoring.Domain.Common;
using Monitoring.Domain.Judging;
using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Tests.Judging;

/// <summary>
/// Issue 17, seed corrections: each test says what the text says and judges it with the general rule it needs, on the
/// seeds' own numbers.
/// </summary>
public class SeedReadingJudgingTests
{
    // ---- 000 VH-05: "Đến cuối năm 2020, có 15/22 xã khu vực biên giới được công nhận đạt chuẩn nông thôn mới (tăng 11 xã
    // so với năm 2015)"; "phần đầu tất cả các xã đạt chuẩn nông thôn mới".

    private static TargetBuilder AllCommunes() =>
        TargetBuilder.Count(22, 22, "xã").WithBaseline(15m, 2020, new BaselineChange(11m, 2015));

    [Fact]
    public void Fifteen_of_22_communes_at_the_end_of_2020_only_repeats_the_2020_baseline_and_is_no_data_not_at_risk()
    {
        // The seed reports "15/22 xã ... đến cuối năm 2020" both as the baseline and as a 2020 figure.
        var judgement = AllCommunes().Reported("2020", 15m).JudgedOn("2023-06-30");

        judgement.Status.ShouldBe(TargetStatus.NoData);
        judgement.Status.ToVietnamese().ShouldBe("chưa có số liệu");
        judgement.Explanation.ShouldContain("15/22 xã năm 2020 (số liệu gốc; tăng 11 xã so với năm 2015)");
        judgement.Explanation.ShouldContain("chưa có số liệu sau năm 2020");
        judgement.Explanation.ShouldContain("22/22 xã");
        // There is a baseline, and the explanation does not say otherwise.
        judgement.Explanation.ShouldNotContain("chưa có số liệu gốc");
    }

    [Fact]
    public void A_count_target_with_a_baseline_and_no_figure_at_all_is_no_data_and_names_its_baseline()
    {
        var judgement = AllCommunes().JudgedOn("2023-06-30");

        judgement.Status.ShouldBe(TargetStatus.NoData);
        judgement.Explanation.ShouldContain("15/22 xã năm 2020 (số liệu gốc");
    }

    [Fact]
    public void The_first_count_after_the_baseline_is_judged_on_the_trend_from_the_baseline()
    {
        var judgement = AllCommunes().Reported("2020", 15m).Reported("2022", 18m).JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.OnTrack); // +1,5 xã a year: all 22 by 2025
        judgement.Explanation.ShouldContain("từ 15 xã (năm 2020, số liệu gốc) đến 18 xã");
    }

    [Fact]
    public void Without_a_baseline_a_figure_about_the_year_before_the_period_is_the_starting_point_not_progress()
    {
        var onlyBefore = TargetBuilder.Count(22, 22, "xã").Reported("2020", 15m).JudgedOn("2023-03-01");
        onlyBefore.Status.ShouldBe(TargetStatus.NoData);

        var after = TargetBuilder.Count(22, 22, "xã").Reported("2020", 15m).Reported("2022", 18m).JudgedOn("2023-03-01");
        after.Status.ShouldBe(TargetStatus.OnTrack);
        after.Explanation.ShouldContain("từ 15 xã (năm 2020) đến 18 xã");
    }

    [Fact]
    public void A_level_reported_for_its_baseline_year_is_not_progress_either()
    {
        // The same rule for every level: "Có 95% dân cư tham gia bảo hiểm y tế" with a 2020 baseline restated for 2020.
        var judgement = TargetBuilder.AtLeast(95m, "%").WithBaseline(90m, 2020).Reported("2020", 90m).JudgedOn("2023-03-01");

        judgement.Status.ShouldBe(TargetStatus.NoData);
        judgement.Explanation.ShouldContain("90% năm 2020 (số liệu gốc)");
        judgement.Explanation.ShouldNotContain("chưa có số liệu gốc");
    }

    // ---- 000 VH-06: "thêm 01 huyện đạt chuẩn nông thôn mới"; baseline: "thị xã Hồng Ngự ... hoàn thành nhiệm vụ xây dựng
    // nông thôn mới" (1 of the 3 border districts, end of 2020).

    private static TargetBuilder OneMoreDistrict() => TargetBuilder.Count(0, 3, "huyện").WithBaseline(1m, 2020).OverBaseline(1m);

    [Fact]
    public void One_more_district_is_the_baseline_plus_one_with_the_baseline_given()
    {
        var target = OneMoreDistrict().Build();
        target.Goal.ShouldBe(new TargetGoal(Minimum: 2m, Total: 3, OverBaseline: 1m));

        var judgement = OneMoreDistrict().Reported("2022", 2m).JudgedOn("2023-06-30");
        judgement.Status.ShouldBe(TargetStatus.AchievedOrExceeded);
        judgement.Explanation.ShouldContain("năm 2025 có 2/3 huyện (thêm 1 huyện so với năm 2020 (1/3 huyện))");
    }

    [Fact]
    public void One_district_still_in_2022_is_no_progress_over_the_baseline_and_at_risk()
    {
        var judgement = OneMoreDistrict().Reported("2022", 1m).JudgedOn("2023-06-30");

        judgement.Status.ShouldBe(TargetStatus.AtRisk);
        judgement.Forecast!.Value.ShouldBe(1m);
        judgement.Explanation.ShouldContain("thêm 1 huyện so với năm 2020");
    }

    [Fact]
    public void No_district_figure_after_the_baseline_is_no_data()
    {
        var judgement = OneMoreDistrict().JudgedOn("2023-06-30");

        judgement.Status.ShouldBe(TargetStatus.NoData);
        judgement.Explanation.ShouldContain("1/3 huyện năm 2020 (số liệu gốc)");
    }

    [Fact]
    public void A_goal_over_the_baseline_moves_with_a_baseline_recorded_again_and_an_absolute_goal_does_not()
    {
        var builder = OneMoreDistrict();
        var target = builder.Build();
        var corrected = Target.Evolve(target, new BaselineRecorded(target.Id, new Baseline(2m, 2020), target.Baseline, "Rà soát lại",
            "van-phong", DateTimeOffset.UnixEpoch))!;
        corrected.Goal.Minimum.ShouldBe(3m);
        corrected.Goal.OverBaseline.ShouldBe(1m);

        var absolute = TargetBuilder.Count(22, 22, "xã").WithBaseline(15m, 2020).Build();
        Target.Evolve(absolute, new BaselineRecorded(absolute.Id, new Baseline(16m, 2020), absolute.Baseline, "Rà soát lại",
            "van-phong", DateTimeOffset.UnixEpoch))!.Goal.Minimum.ShouldBe(22m);
    }

    [Fact]
    public void A_goal_below_the_baseline_for_a_target_going_down_is_the_baseline_minus_the_amount()
    {
        // "giảm thêm 1,5 điểm %": a level to get below, set relative to its baseline.
        var goal = TargetGoal.Over(new Baseline(4.5m, 2020), 1.5m, Direction.Decrease);
        goal.ShouldBe(new TargetGoal(Maximum: 3.0m, OverBaseline: 1.5m));
    }

    // ---- 003 KT-01 and KT-04: "tổng sản phẩm trên địa bàn tỉnh (GRDP) ước tính đạt 29.240,3 tỷ đồng"; "tổng vốn đầu tư
    // toàn xã hội ước đạt 17.644 tỷ đồng" — flows of the first six months of 2023, against goals of the whole year 2023
    // (set by KL 1492-KL/TU, not printed; the goals below are examples).

    [Fact]
    public void First_half_GRDP_is_compared_with_half_the_years_goal_as_six_months_of_a_flow_not_as_the_years_level()
    {
        var grdp = TargetBuilder.PerYear(56_000m, "tỷ đồng", from: 2023, to: 2023)
            .Reported("2023-H1", 29_240.3m, FigureStage.Estimate)
            .JudgedOn("2023-07-15");

        grdp.Status.ShouldBe(TargetStatus.OnTrack); // 29.240,3 ≥ 28.000, the half of the year's 56.000 due by 30/6
        grdp.Explanation.ShouldContain("6 tháng đầu năm 2023 đạt 29.240,3 tỷ đồng, bằng 52,2% mục tiêu năm (56.000 tỷ đồng)");
        grdp.Explanation.ShouldContain("đạt tiến độ 6/12 tháng (28.000 tỷ đồng)");
        grdp.Forecast!.Method.ShouldBe(ForecastMethods.ProRata);
        grdp.Forecast.Value.ShouldBe(58_480.6m);

        // Read as the level of 2023, the same figure would be far from the whole year's 56.000.
        var asLevel = TargetBuilder.AtLeast(56_000m, "tỷ đồng", from: 2023, to: 2023)
            .Reported("2023-H1", 29_240.3m, FigureStage.Estimate).JudgedOn("2023-07-15");
        asLevel.Status.ShouldBe(TargetStatus.AtRisk);
    }

    [Fact]
    public void First_half_investment_below_the_half_year_share_is_at_risk_and_says_what_share_of_the_year_it_is()
    {
        var investment = TargetBuilder.PerYear(40_000m, "tỷ đồng", from: 2023, to: 2023)
            .Reported("2023-H1", 17_644m, FigureStage.Estimate)
            .JudgedOn("2023-07-15");

        investment.Status.ShouldBe(TargetStatus.AtRisk);
        investment.Explanation.ShouldContain("bằng 44,1% mục tiêu năm (40.000 tỷ đồng), chưa đạt tiến độ 6/12 tháng (20.000 tỷ đồng)");
    }

    [Fact]
    public void A_quarter_or_months_of_a_flow_are_set_against_the_same_share_of_the_year()
    {
        var quarter = TargetBuilder.PerYear(6_150m, "lao động").Reported("2023-Q1", 1_600m).JudgedOn("2023-04-20");
        quarter.Status.ShouldBe(TargetStatus.OnTrack); // 1.600 ≥ 1.537,5
        quarter.Explanation.ShouldContain("tiến độ 3/12 tháng");

        // The first half and the third quarter: nine months, the first quarter inside the half counted once.
        var nine = TargetBuilder.PerYear(6_150m, "lao động")
            .Reported("2023-Q1", 1_600m).Reported("2023-H1", 3_100m).Reported("2023-Q3", 1_500m).JudgedOn("2023-10-20");
        nine.Observed.ShouldBe(4_600m);
        nine.Explanation.ShouldContain("9 tháng năm 2023");
        nine.Status.ShouldBe(TargetStatus.AtRisk); // 4.600 < 4.612,5
    }

    // ---- 004: "tốc độ tăng bình quân 3 năm 2021 - 2023 đạt 15,4%/năm (NQ 11 - 12%/năm)".

    private static TargetBuilder BudgetRevenue() =>
        TargetBuilder.Growth(11, 12).Reported("2021-2023", 15.4m, FigureStage.Estimate, asOf: "2023-06-28");

    [Fact]
    public void At_mid_term_the_2021_2023_average_exceeds_the_goal_as_the_conclusion_says_and_names_its_years()
    {
        var judgement = BudgetRevenue().JudgedOn("2023-06-30");

        judgement.Status.ShouldBe(TargetStatus.AchievedOrExceeded);
        judgement.Explanation.ShouldContain("giai đoạn 2021 - 2023");
    }

    [Fact]
    public void After_the_term_a_2021_2023_average_is_not_reported_as_achieved_for_the_whole_term()
    {
        var judgement = BudgetRevenue().JudgedOn("2026-03-01");

        judgement.Status.ShouldNotBe(TargetStatus.AchievedOrExceeded);
        judgement.Status.ShouldBe(TargetStatus.NoData);
        judgement.Observed.ShouldBe(15.4m);
        judgement.Explanation.ShouldContain("tăng bình quân 15,4%/năm giai đoạn 2021 - 2023 (3/5 năm của giai đoạn 2021 - 2025)");
        judgement.Explanation.ShouldContain("chưa có số liệu các năm 2024, 2025 nên chưa đánh giá được mục tiêu cả giai đoạn 2021 - 2025");
    }

    [Fact]
    public void After_the_term_with_every_year_reported_the_term_is_judged()
    {
        var judgement = BudgetRevenue().Reported("2024", 12m).Reported("2025", 12m).JudgedOn("2026-03-01");

        judgement.Status.ShouldBe(TargetStatus.AchievedOrExceeded);
        judgement.Explanation.ShouldContain("giai đoạn 2021 - 2025");
    }

    [Fact]
    public void After_the_term_a_half_year_does_not_stand_for_the_final_year()
    {
        var judgement = BudgetRevenue().Reported("2024", 12m).Reported("2025-H1", 12m).JudgedOn("2026-03-01");

        judgement.Status.ShouldBe(TargetStatus.NoData);
        judgement.Explanation.ShouldContain("chưa có số liệu năm 2025");
    }

    // ---- 002 CN-TQ-01: "Phần đầu nằm trong nhóm các tỉnh dẫn đầu vùng đồng bằng Bắc bộ về phát triển công nghiệp": a rank.

    private static TargetBuilder LeadingGroup() =>
        TargetBuilder.Relative("nhóm các tỉnh dẫn đầu vùng đồng bằng Bắc bộ", Plausibility.DefaultDirection(TargetShape.RelativeToReference, "thứ hạng"),
            "thứ hạng");

    [Fact]
    public void A_rank_is_better_when_smaller_third_place_is_inside_a_leading_group_of_five()
    {
        var judgement = LeadingGroup().Reported("2023", 3m, reference: 5m).JudgedOn("2024-03-01");

        judgement.Status.ShouldBe(TargetStatus.AchievedOrExceeded);
        judgement.Explanation.ShouldContain("năm 2023 xếp thứ 3, đứng trên nhóm các tỉnh dẫn đầu vùng đồng bằng Bắc bộ (thứ 5)", Case.Insensitive);
    }

    [Fact]
    public void A_rank_behind_the_leading_group_is_at_risk()
    {
        var judgement = LeadingGroup().Reported("2023", 7m, reference: 5m).JudgedOn("2024-03-01");

        judgement.Status.ShouldBe(TargetStatus.AtRisk);
        judgement.Explanation.ShouldContain("đứng sau");
    }
}
