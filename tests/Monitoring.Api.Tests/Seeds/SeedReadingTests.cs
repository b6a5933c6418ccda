using System.Text.Json;
using System.Text.RegularExpressions;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Domain.Reporting;

namespace Monitoring.Api.Tests.Seeds;

/// <summary>
/// Issue 17, seed corrections: the seeds imported at first start mean what their texts say. Each test quotes the sentence;
/// the general rules behind them are tested in the domain (SeedReadingJudgingTests, SeedReadingPlausibilityTests).
/// </summary>
public class SeedReadingTests(SeedImportTests.Seeded app) : IClassFixture<SeedImportTests.Seeded>
{
    private const string Border = "KL-DT-XI-BIENGIOI-2021-2025";
    private const string Industry = "NQ-HNA-PTCN-2021-2025";
    private const string FirstHalf = "KL-QNG-6T-2023";
    private const string MidTerm = "KL-HNGNK-2023";

    private async Task<JsonElement> TargetAsync(string number, string code)
    {
        var page = await app.GetAsync($"/api/resolutions?search={Uri.EscapeDataString(number)}");
        var resolution = page.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("number").GetString() == number).GetProperty("id").GetGuid();
        return (await app.GetAsync($"/api/targets?resolutionId={resolution}&pageSize=500")).GetProperty("items").EnumerateArray()
            .Single(t => t.GetProperty("code").GetString() == code);
    }

    private static string Source(string prefix) =>
        File.ReadAllText(Directory.GetFiles(SeedImportTests.SourceFolder, $"{prefix}_*.txt").Single());

    private static string Explanation(JsonElement target) => target.GetProperty("judgement").GetProperty("explanation").GetString()!;

    private static string Status(JsonElement target) => target.GetProperty("judgement").GetProperty("status").GetString()!;

    /// <summary>A one-target document for the import, to show what the import refuses.</summary>
    private static object Document(string number, object target) => new
    {
        units = new[] { new { code = "T17-UBND", name = "Ban cán sự đảng UBND tỉnh", kind = "ProvincialPeoplesCommitteeParty" } },
        resolution = new
        {
            number, kind = "Resolution", issuingBody = "Tỉnh ủy", issueDate = "2021-09-01", periodStartYear = 2021, periodEndYear = 2025,
            title = "Nghị quyết thử cách đọc chỉ tiêu",
        },
        targets = new[] { target },
    };

    // ---- 002 CN-11

    [Fact]
    public async Task CN_11_100_percent_of_the_clusters_with_central_wastewater_treatment_is_a_share_of_at_least_100_percent()
    {
        // 002: "Phân đầu 100% các cụm công nghiệp có hệ thống xử lý nước thải tập trung."
        var clusters = await TargetAsync(Industry, "CN-11");
        Source("002").ShouldContain(clusters.GetProperty("statement").GetString()!);
        clusters.GetProperty("shape").GetString().ShouldBe("LevelAtLeast");
        clusters.GetProperty("unitOfMeasure").GetString().ShouldBe("%");
        clusters.GetProperty("goal").GetProperty("minimum").GetDecimal().ShouldBe(100m);
        clusters.GetProperty("goal").GetProperty("total").ValueKind.ShouldBe(JsonValueKind.Null);
        Explanation(clusters).ShouldContain("năm 2025 đạt 100%");

        // Not a count compared with 100: a count of units meeting a standard in % is refused, whatever its total.
        var refused = await app.RefusedAsync(() => app.PostAsync("/api/resolutions/import", Document("T17-CN-11", new
        {
            code = "CN-11", field = "Môi trường", statement = "Phân đầu 100% các cụm công nghiệp có hệ thống xử lý nước thải tập trung.",
            shape = "CountMeetingStandard", minimum = "100", total = 100, unitOfMeasure = "%", targetYear = 2025,
        }), 400));
        refused.ErrorFields().ShouldBe(["targets[0].unitOfMeasure"]);
        refused.GetProperty("errors").GetProperty("targets[0].unitOfMeasure")[0].GetString()!.ShouldContain("LevelAtLeast");
    }

    // ---- 000 VH-05

    [Fact]
    public async Task VH_05_fifteen_of_22_communes_in_2020_is_the_baseline_and_with_no_later_count_the_target_has_no_data()
    {
        // 000: "Đến cuối năm 2020, có 15/22 xã khu vực biên giới được công nhận đạt chuẩn nông thôn mới (tăng 11 xã so với năm
        // 2015)"; "phần đầu tất cả các xã đạt chuẩn nông thôn mới".
        var communes = await TargetAsync(Border, "VH-05");
        communes.GetProperty("latestOfficial").GetProperty("period").GetString().ShouldBe("2020"); // the figure is still there

        Status(communes).ShouldBe("NoData"); // not "khó đạt": a figure that only repeats the baseline is not progress
        communes.GetProperty("judgement").GetProperty("statusText").GetString().ShouldBe("chưa có số liệu");
        Explanation(communes).ShouldContain("15/22 xã năm 2020 (số liệu gốc; tăng 11 xã so với năm 2015)");
        Explanation(communes).ShouldNotContain("chưa có số liệu gốc");
    }

    [Fact]
    public async Task Eleven_more_communes_than_in_2015_reaches_the_baseline_as_its_change_since_2015()
    {
        // 000: "(tăng 11 xã so với năm 2015)", printed as a change, not as the 2015 count.
        var since = (await TargetAsync(Border, "VH-05")).GetProperty("baseline").GetProperty("since");
        since.GetProperty("change").GetDecimal().ShouldBe(11m);
        since.GetProperty("year").GetInt32().ShouldBe(2015);
        Source("000").ShouldContain("tăng 11 xã so với năm 2015");
    }

    // ---- 000 VH-06

    [Fact]
    public async Task VH_06_one_more_district_is_the_baseline_plus_one_with_the_baseline_given()
    {
        // 000: "thêm 01 huyện đạt chuẩn nông thôn mới"; baseline: "thị xã Hồng Ngự ... hoàn thành nhiệm vụ xây dựng nông thôn mới".
        var districts = await TargetAsync(Border, "VH-06");
        var goal = districts.GetProperty("goal");
        goal.GetProperty("overBaseline").GetDecimal().ShouldBe(1m);
        goal.GetProperty("minimum").GetDecimal().ShouldBe(2m);
        goal.GetProperty("total").GetInt32().ShouldBe(3);
        districts.GetProperty("baseline").GetProperty("value").GetDecimal().ShouldBe(1m);
        districts.GetProperty("baseline").GetProperty("year").GetInt32().ShouldBe(2020);
        Status(districts).ShouldBe("NoData");
        Explanation(districts).ShouldContain("năm 2025 có 2/3 huyện (thêm 1 huyện so với năm 2020 (1/3 huyện))");
    }

    [Fact]
    public async Task A_goal_over_the_baseline_needs_the_baseline_and_a_minimum_given_with_it_must_be_their_sum()
    {
        var withoutBaseline = await app.RefusedAsync(() => app.PostAsync("/api/resolutions/import", Document("T17-VH-06-A", new
        {
            code = "VH-06", field = "Văn hoá - xã hội", statement = "thêm 01 huyện đạt chuẩn nông thôn mới", shape = "CountMeetingStandard",
            goalOverBaseline = "01", total = 3, unitOfMeasure = "huyện", targetYear = 2025,
        }), 400));
        withoutBaseline.ErrorFields().ShouldBe(["targets[0].baseline.value"]);

        var wrongSum = await app.RefusedAsync(() => app.PostAsync("/api/resolutions/import", Document("T17-VH-06-B", new
        {
            code = "VH-06", field = "Văn hoá - xã hội", statement = "thêm 01 huyện đạt chuẩn nông thôn mới", shape = "CountMeetingStandard",
            goalOverBaseline = "01", minimum = "1", total = 3, unitOfMeasure = "huyện", targetYear = 2025, baseline = new { value = "1", year = 2020 },
        }), 400));
        wrongSum.ErrorFields().ShouldBe(["targets[0].minimum"]);
    }

    // ---- 000 "02 cửa khẩu quốc tế"

    [Fact]
    public async Task Two_international_border_gates_are_a_count_of_two_with_their_names_under_the_infrastructure_milestone()
    {
        // 000: "Hoàn thành cơ bản hạ tầng ... các cửa khẩu, nhất là 02 cửa khẩu quốc tế theo quy hoạch"; III.3: "02 cửa khẩu
        // quốc tế Dinh Bà, Thường Phước".
        var gates = await TargetAsync(Border, "HT-01.1");
        var milestone = await TargetAsync(Border, "HT-01");
        Source("000").ShouldContain(gates.GetProperty("statement").GetString()!);
        gates.GetProperty("statement").GetString()!.ShouldContain("02 cửa khẩu quốc tế");
        gates.GetProperty("shape").GetString().ShouldBe("CountMeetingStandard");
        gates.GetProperty("goal").GetProperty("minimum").GetDecimal().ShouldBe(2m);
        gates.GetProperty("goal").GetProperty("total").GetInt32().ShouldBe(2);
        gates.GetProperty("parentTargetId").GetGuid().ShouldBe(milestone.GetProperty("id").GetGuid());
        var target = await app.GetAsync($"/api/targets/{gates.GetProperty("id").GetGuid()}");
        Explanation(target).ShouldContain("2/2 cửa khẩu quốc tế");
        Source("000").ShouldContain("02 cửa khẩu quốc tế Dinh Bà, Thường Phước");
    }

    // ---- 003 KT-01 and KT-04

    [Theory]
    // 003: "tổng sản phẩm trên địa bàn tỉnh (GRDP) ước tính đạt 29.240,3 tỷ đồng" (the goal of 2023 is an example: KL 1492-KL/TU is not printed).
    [InlineData("KT-01", 56_000, "29.240,3 tỷ đồng, bằng 52,2% mục tiêu năm (56.000 tỷ đồng), đạt tiến độ 6/12 tháng (28.000 tỷ đồng)", "OnTrack")]
    // 003: "tổng vốn đầu tư toàn xã hội ước đạt 17.644 tỷ đồng".
    [InlineData("KT-04", 40_000, "17.644 tỷ đồng, bằng 44,1% mục tiêu năm (40.000 tỷ đồng), chưa đạt tiến độ 6/12 tháng (20.000 tỷ đồng)", "AtRisk")]
    public async Task First_half_flows_are_compared_with_the_years_goal_as_six_months_of_it(string code, int yearGoal, string explained, string status)
    {
        var flow = await TargetAsync(FirstHalf, code);
        flow.GetProperty("shape").GetString().ShouldBe("QuantityPerYear");
        flow.GetProperty("latestEstimate").GetProperty("period").GetString().ShouldBe("2023-H1");
        Status(flow).ShouldBe("NoData"); // until the secretariat records the goal KL 1492-KL/TU sets

        var id = flow.GetProperty("id").GetGuid();
        await app.PostAsync($"/api/targets/{id}/adjustments", new
        {
            minimum = yearGoal, decisionNumber = $"1492-KL/TU ({code})", decisionDate = "2022-12-05",
            reason = "Chỉ tiêu năm 2023 theo Kết luận số 1492-KL/TU ngày 05/12/2022 (giá trị ví dụ trong kiểm thử)",
        }, 200);
        var judged = await app.GetAsync($"/api/targets/{id}");
        Status(judged).ShouldBe(status);
        Explanation(judged).ShouldContain($"6 tháng đầu năm 2023 đạt {explained}");
    }

    // ---- 004

    [Fact]
    public async Task Economic_growth_of_7_36_percent_is_a_figure_of_a_target_whose_goal_the_congress_resolution_sets()
    {
        // 004: "một số chỉ tiêu kinh tế - xã hội đạt và tiệm cận chỉ tiêu Nghị quyết Đại hội đề ra; tăng trưởng kinh tế bình
        // quân 3 năm 2021 - 2023 đạt 7,36%".
        var growth = await TargetAsync(MidTerm, "KT-02");
        growth.GetProperty("shape").GetString().ShouldBe("GrowthRate");
        growth.GetProperty("unitOfMeasure").GetString().ShouldBe("%/năm");
        growth.GetProperty("goalSetBy").GetString()!.ShouldContain("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI");
        var figure = growth.GetProperty("latestEstimate");
        figure.GetProperty("period").GetString().ShouldBe("2021-2023");
        figure.GetProperty("value").GetDecimal().ShouldBe(7.36m);
        figure.GetProperty("note").GetString()!.ShouldContain("tăng trưởng kinh tế bình quân 3 năm 2021 - 2023 đạt 7,36%");
        Status(growth).ShouldBe("NoData");
        Explanation(growth).ShouldContain("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI");
    }

    [Fact]
    public void Every_seed_figure_follows_the_stage_rule_of_the_seeds_README()
    {
        // seeds/README.md: Estimate where the text says ước, and where the period had not ended on the figure's asOf day.
        File.ReadAllText(Path.Combine(SeedImportTests.SeedFolder, "README.md"))
            .ShouldContain("where the\n  period the figure is about had not ended on its `asOf` day");
        var checkedFigures = 0;
        foreach (var file in Directory.GetFiles(SeedImportTests.SeedFolder, "0*.json"))
        {
            var root = JsonDocument.Parse(File.ReadAllText(file)).RootElement;
            var contentAsOf = root.GetProperty("source").TryGetProperty("contentAsOf", out var c) ? c.GetString()
                : root.GetProperty("resolution").GetProperty("issueDate").GetString();
            foreach (var report in root.TryGetProperty("reports", out var reports) ? reports.EnumerateArray() : default)
            {
                var period = ReportingPeriod.Parse(report.GetProperty("period").GetString()!);
                foreach (var figure in report.TryGetProperty("figures", out var figures) ? figures.EnumerateArray() : default)
                {
                    var asOf = DateOnly.Parse(figure.TryGetProperty("asOf", out var a) ? a.GetString()! : contentAsOf!);
                    var stage = figure.GetProperty("stage").GetString();
                    if (asOf < period.End) stage.ShouldBe("Estimate", $"{Path.GetFileName(file)} {figure.GetProperty("target")} {period}");
                    checkedFigures++;
                }
            }
        }
        checkedFigures.ShouldBeGreaterThan(5);
    }

    [Theory]
    // 004: "tốc độ tăng bình quân 3 năm 2021 - 2023 đạt 15,4%/năm" — said on 28/6/2023, with 2023 half over: an estimate.
    [InlineData(MidTerm, "KT-01", "Estimate")]
    [InlineData(MidTerm, "KT-02", "Estimate")]
    // 003: "GRDP ước tính đạt 29.240,3 tỷ đồng, tăng 2,65%; chấp thuận chủ trương đầu tư 01 dự án FDI; tổng vốn đầu tư toàn xã hội ước đạt 17.644 tỷ đồng, tăng 10,5%".
    [InlineData(FirstHalf, "KT-01", "Estimate")]
    [InlineData(FirstHalf, "KT-03", "Official")]
    [InlineData(FirstHalf, "KT-05", "Estimate")]
    public async Task Stages_are_the_rules(string number, string code, string stage)
    {
        var target = await TargetAsync(number, code);
        target.GetProperty("latest").GetProperty("stage").GetString().ShouldBe(stage);
    }

    // ---- 002 CN-TQ-01

    [Fact]
    public async Task CN_TQ_01_a_place_among_the_leading_provinces_is_a_rank_and_a_smaller_rank_is_better()
    {
        // 002: "Phần đầu nằm trong nhóm các tỉnh dẫn đầu vùng đồng bằng Bắc bộ về phát triển công nghiệp".
        var rank = await TargetAsync(Industry, "CN-TQ-01");
        rank.GetProperty("unitOfMeasure").GetString().ShouldBe("thứ hạng");
        rank.GetProperty("direction").GetString().ShouldBe("Decrease");

        // The rule is general: a rank without a direction goes down, and a rank going up is refused.
        await app.PostAsync("/api/resolutions/import", Document("T17-RANK-A", new
        {
            code = "PCI", field = "Kinh tế", statement = "Nâng thứ hạng chỉ số PCI", shape = "RelativeToReference", unitOfMeasure = "thứ hạng",
            targetYear = 2025, referenceSeries = "Thứ hạng PCI năm trước",
        }), 201);
        (await TargetAsync("T17-RANK-A", "PCI")).GetProperty("direction").GetString().ShouldBe("Decrease");
        var refused = await app.RefusedAsync(() => app.PostAsync("/api/resolutions/import", Document("T17-RANK-B", new
        {
            code = "PCI", field = "Kinh tế", statement = "Nâng thứ hạng chỉ số PCI", shape = "RelativeToReference", direction = "Increase",
            unitOfMeasure = "thứ hạng", targetYear = 2025, referenceSeries = "Thứ hạng PCI năm trước",
        }), 400));
        refused.ErrorFields().ShouldBe(["targets[0].direction"]);
    }

    // ---- 003's note

    [Fact]
    public void The_note_of_003_no_longer_contradicts_itself()
    {
        // 003 has five targets whose goal KL 1492-KL/TU sets, with first-half figures; its note must say so, once.
        var root = JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(SeedImportTests.SeedFolder, "003-*.json").Single())).RootElement;
        var note = root.GetProperty("source").GetProperty("note").GetString()!;
        root.GetProperty("targets").GetArrayLength().ShouldBe(5);
        root.GetProperty("reports")[0].GetProperty("figures").GetArrayLength().ShouldBe(5);
        note.ShouldNotContain("Targets: none");
        note.ShouldNotContain("No figures");
        note.ShouldNotContain("cannot be figures against a target");
        note.ShouldNotContain("because there are no targets");
        Regex.Matches(note, @"Targets:").Count.ShouldBe(1);
        note.ShouldContain("goalSetBy");
        note.ShouldContain("QuantityPerYear");
    }
}
