using System.Text.Json;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Targets;

public class TargetEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<(Guid Resolution, Guid Target, Guid Unit)> TargetAsync(string number)
    {
        var unit = await app.RegisterUnitAsync($"U-{Guid.NewGuid():N}"[..20]);
        var resolution = await app.PostAsync("/api/resolutions", new
        {
            number, kind = "Resolution", issuingBody = "Tỉnh ủy", issueDate = "2021-09-01", periodStartYear = 2021, periodEndYear = 2025,
            title = "Nghị quyết về phát triển công nghiệp giai đoạn 2021 - 2025, tầm nhìn đến năm 2030", orientationYear = 2030,
        }, 201);
        var resolutionId = resolution.GetProperty("id").GetGuid();
        var target = await app.PostAsync("/api/targets", new
        {
            resolutionId,
            target = new
            {
                field = "Kinh tế", statement = "Giá trị sản xuất công nghiệp năm 2025 đạt trên 213.000 tỷ đồng", shape = "LevelAtLeast",
                minimum = 213000, unitOfMeasure = "tỷ đồng", targetYear = 2025,
                footnotes = new[] { "Không bao gồm nhóm sản phẩm: xi măng, thức ăn chăn nuôi, chế biến đá" },
            },
        }, 201);
        return (resolutionId, target.GetProperty("id").GetGuid(), unit);
    }

    private Task<JsonElement> ReportAsync(Guid unit, Guid target, string period, decimal value, string stage) =>
        app.PostAsync("/api/reports", new { unitId = unit, period, figures = new[] { new { targetId = target, value, stage } } }, 201);

    [Fact]
    public async Task Defines_a_target_keeping_its_statement_and_footnotes_verbatim()
    {
        var (resolution, target, _) = await TargetAsync("05-NQ/TU");
        var status = await app.GetAsync($"/api/targets/{target}");
        status.GetProperty("resolutionId").GetGuid().ShouldBe(resolution);
        status.GetProperty("statement").GetString().ShouldBe("Giá trị sản xuất công nghiệp năm 2025 đạt trên 213.000 tỷ đồng");
        status.GetProperty("footnotes")[0].GetString().ShouldBe("Không bao gồm nhóm sản phẩm: xi măng, thức ăn chăn nuôi, chế biến đá");
        status.GetProperty("goal").GetProperty("minimum").GetDecimal().ShouldBe(213000m);
    }

    [Fact]
    public async Task Defining_a_target_for_an_unknown_resolution_is_404_and_appends_nothing() =>
        await app.RefusedAsync(() => app.PostAsync("/api/targets", new
        {
            resolutionId = Guid.NewGuid(),
            target = new { field = "Kinh tế", statement = "x", shape = "LevelAtLeast", minimum = 1, unitOfMeasure = "%", targetYear = 2025 },
        }, 404));

    [Fact]
    public async Task Assigns_units_records_a_baseline_and_adjusts_by_decision_keeping_the_original()
    {
        var (_, target, unit) = await TargetAsync("06-NQ/TU");
        var assigned = await app.PostAsync($"/api/targets/{target}/assignment", new { leadUnitId = unit, version = 1 }, 200);
        assigned.GetProperty("version").GetInt64().ShouldBe(2);

        await app.PostAsync($"/api/targets/{target}/baseline", new { value = 118000, year = 2020, source = "Niên giám thống kê 2020" }, 200,
            s => s.WithRequestHeader("If-Match", "\"2\""));
        await app.PostAsync($"/api/targets/{target}/adjustments", new
        {
            minimum = 200000, decisionNumber = "125-QĐ/TU", decisionDate = "2023-07-01", reason = "Điều chỉnh theo kết luận giữa nhiệm kỳ",
        }, 200);

        var status = await app.GetAsync($"/api/targets/{target}");
        status.GetProperty("leadUnitId").GetGuid().ShouldBe(unit);
        status.GetProperty("baseline").GetProperty("value").GetDecimal().ShouldBe(118000m);
        status.GetProperty("goal").GetProperty("minimum").GetDecimal().ShouldBe(200000m);
        status.GetProperty("originalGoal").GetProperty("minimum").GetDecimal().ShouldBe(213000m);
        status.GetProperty("adjustments")[0].GetProperty("decisionNumber").GetString().ShouldBe("125-QĐ/TU");
        (await app.EventTypesAsync(target)).ShouldBe(["target_defined", "target_assigned", "baseline_recorded", "target_adjusted"]);
    }

    [Fact]
    public async Task Stale_versions_are_409_whether_in_the_body_or_in_If_Match_and_append_nothing()
    {
        var (_, target, unit) = await TargetAsync("07-NQ/TU");
        await app.RefusedAsync(() => app.PostAsync($"/api/targets/{target}/assignment", new { leadUnitId = unit, version = 7 }, 409));
        await app.RefusedAsync(() => app.PostAsync($"/api/targets/{target}/assignment", new { leadUnitId = unit }, 409,
            s => s.WithRequestHeader("If-Match", "\"9\"")));
        var problem = await app.RefusedAsync(() => app.PostAsync($"/api/targets/{target}/assignment", new { leadUnitId = unit, version = 1 }, 400,
            s => s.WithRequestHeader("If-Match", "\"2\"")));
        problem.ErrorFields().ShouldBe(["version"]);
    }

    [Fact]
    public async Task Writes_to_an_unknown_target_are_404_and_append_nothing()
    {
        var unit = await app.RegisterUnitAsync("LONELY");
        var missing = Guid.NewGuid();
        await app.RefusedAsync(() => app.PostAsync($"/api/targets/{missing}/assignment", new { leadUnitId = unit }, 404));
        await app.RefusedAsync(() => app.PostAsync($"/api/targets/{missing}/baseline", new { value = 1, year = 2020 }, 404));
        await app.RefusedAsync(() => app.PostAsync($"/api/targets/{missing}/adjustments", new { minimum = 1, decisionNumber = "1-QĐ", decisionDate = "2023-01-01" }, 404));
        await app.RefusedAsync(() => app.PostAsync($"/api/targets/{missing}/figures/{Guid.NewGuid()}/revisions", new { value = 1, stage = "Official", reason = "x" }, 404));
        await app.GetAsync($"/api/targets/{missing}", 404);
        await app.GetAsync($"/api/targets/{missing}/timeline", 404);
    }

    [Fact]
    public async Task An_adjustment_without_a_decision_number_is_refused_naming_the_field_in_Vietnamese_when_asked()
    {
        var (_, target, _) = await TargetAsync("08-NQ/TU");
        var problem = await app.RefusedAsync(() => app.PostAsync($"/api/targets/{target}/adjustments", new { minimum = 200000, decisionDate = "2023-07-01" }, 400,
            s => s.WithRequestHeader("Accept-Language", "vi")));
        problem.ErrorFields().ShouldBe(["decisionNumber"]);
        problem.GetProperty("title").GetString().ShouldBe("Yêu cầu không hợp lệ");
    }

    [Fact]
    public async Task Revisions_need_a_reason_replace_the_figure_they_correct_and_the_timeline_shows_the_chain()
    {
        var (_, target, unit) = await TargetAsync("15-NQ/TU");
        var report = await ReportAsync(unit, target, "2022", 150000, "Estimate");
        var figure = report.GetProperty("figures")[0].GetProperty("figureId").GetGuid();

        var noReason = await app.RefusedAsync(() => app.PostAsync($"/api/targets/{target}/figures/{figure}/revisions", new { value = 152000, stage = "Preliminary" }, 400));
        noReason.ErrorFields().ShouldBe(["reason"]);

        var revised = await app.PostAsync($"/api/targets/{target}/figures/{figure}/revisions",
            new { value = 152300, stage = "Official", reason = "Số liệu chính thức của Cục Thống kê" }, 201);
        var revision = revised.GetProperty("figureId").GetGuid();

        await app.RefusedAsync(() => app.PostAsync($"/api/targets/{target}/figures/{figure}/revisions",
            new { value = 153000, stage = "Official", reason = "again" }, 409));
        await app.RefusedAsync(() => app.PostAsync($"/api/targets/{target}/figures/{revision}/revisions",
            new { value = 153000, stage = "Estimate", reason = "back to estimate" }, 400));

        var timeline = await app.GetAsync($"/api/targets/{target}/timeline");
        var entries = timeline.GetProperty("figures").EnumerateArray().ToList();
        entries.Count.ShouldBe(2);
        entries[0].GetProperty("figure").GetProperty("revisedBy").GetGuid().ShouldBe(revision);
        entries[0].GetProperty("counts").GetBoolean().ShouldBeFalse();
        entries[1].GetProperty("figure").GetProperty("revises").GetGuid().ShouldBe(figure);
        entries[1].GetProperty("figure").GetProperty("revisionReason").GetString().ShouldBe("Số liệu chính thức của Cục Thống kê");
        entries[1].GetProperty("revisionDepth").GetInt32().ShouldBe(1);

        // Until the secretariat approves the report, the correction waits; then it is the figure that counts.
        (await app.GetAsync($"/api/targets/{target}")).GetProperty("latestOfficial").ValueKind.ShouldBe(JsonValueKind.Null);
        (await app.ApproveSubmittedAsync(unit)).ShouldBe(1);
        var status = await app.GetAsync($"/api/targets/{target}");
        status.GetProperty("latestOfficial").GetProperty("value").GetDecimal().ShouldBe(152300m);
        status.GetProperty("latestEstimate").ValueKind.ShouldBe(JsonValueKind.Null);
        (await app.EventTypesAsync(target)).ShouldBe(["target_defined", "progress_reported", "figure_revised", "figures_approved"]);
    }

    [Fact]
    public async Task Status_shows_the_latest_figure_per_stage_the_judgement_and_who_reported_last()
    {
        var (_, target, unit) = await TargetAsync("16-NQ/TU");
        await app.PostAsync($"/api/targets/{target}/baseline", new { value = 118000, year = 2020 }, 200);
        await ReportAsync(unit, target, "2022", 160000, "Official");
        await ReportAsync(unit, target, "2023-H1", 90000, "Estimate");
        // Judging reads approved figures: the secretariat approves both periods' submissions.
        (await app.ApproveSubmittedAsync(unit)).ShouldBe(2);

        var status = await app.GetAsync($"/api/targets/{target}");
        status.GetProperty("latestOfficial").GetProperty("period").GetString().ShouldBe("2022");
        status.GetProperty("latestEstimate").GetProperty("period").GetString().ShouldBe("2023-H1");
        var judgement = status.GetProperty("judgement");
        judgement.GetProperty("status").GetString().ShouldNotBe("NoData");
        judgement.GetProperty("statusText").GetString().ShouldNotBeNullOrWhiteSpace();
        judgement.GetProperty("explanation").GetString().ShouldNotBeNullOrWhiteSpace();
        status.GetProperty("lastReported").GetProperty("unitId").GetGuid().ShouldBe(unit);
    }
    [Fact]
    public async Task The_target_list_reads_the_same_data_cut_as_one_target_status()
    {
        var (resolution, target, unit) = await TargetAsync("88-NQ/TU");
        await app.PostAsync($"/api/targets/{target}/assignment", new { leadUnitId = unit, version = 1 }, 200);
        await app.PostAsync("/api/reports", new { unitId = unit, period = "2022", figures = new[] { new { targetId = target, value = 190000, stage = "Official", asOf = "2022-12-20" } } }, 201);
        await ReportAsync(unit, target, "2023-H1", 101000, "Estimate");
        await app.ApproveSubmittedAsync(unit);

        JsonElement Only(JsonElement page) => page.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == target);
        var now = Only(await app.GetAsync($"/api/targets?resolutionId={resolution}"));
        now.GetProperty("latest").GetProperty("period").GetString().ShouldBe("2023-H1");
        var endOf2022 = Only(await app.GetAsync($"/api/targets?resolutionId={resolution}&cutOff=2022-12-31"));
        endOf2022.GetProperty("latest").GetProperty("period").GetString().ShouldBe("2022");
        endOf2022.GetProperty("judgement").GetProperty("judgedOn").GetString().ShouldBe("2022-12-31");
        // As for one target: the same cut gives the same status.
        var one = await app.GetAsync($"/api/targets/{target}?cutOff=2022-12-31");
        endOf2022.GetProperty("judgement").GetProperty("status").GetString().ShouldBe(one.GetProperty("judgement").GetProperty("status").GetString());

        var problem = await app.GetAsync($"/api/targets?resolutionId={resolution}&cutOff=31/12/2022", 400);
        problem.ErrorFields().ShouldContain("cutOff");
        (await app.GetAsync($"/api/targets?knownAt=2023-01-01&asOf=2023-01-01", 400)).ErrorFields().ShouldContain("knownAt");
    }
}
