using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Audit;

/// <summary>"What did we know on 30 September 2023?" The clock starts on 15 July 2023 and only moves forward.</summary>
public class AsOfTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Status_timeline_and_overview_answer_with_what_was_known_then()
    {
        var unit = await app.RegisterUnitAsync("ASOF-UBND");
        var resolution = await app.PostAsync("/api/resolutions", new
        {
            number = "ASOF-01", kind = "Resolution", issuingBody = "Tỉnh ủy", issueDate = "2021-09-01", periodStartYear = 2021, periodEndYear = 2025,
            title = "Nghị quyết thử as-of",
            targets = new[] { new { code = "CN-02", field = "Kinh tế", statement = "Giá trị sản xuất công nghiệp năm 2025 đạt trên 213.000 tỷ đồng", shape = "LevelAtLeast", minimum = 213000, unitOfMeasure = "tỷ đồng", targetYear = 2025, leadUnitId = unit, baselineValue = 118000, baselineYear = 2020 } },
        }, 201);
        var resolutionId = resolution.GetProperty("id").GetGuid();
        var target = resolution.GetProperty("targetIds")[0].GetGuid();

        // July 2023: the first half's estimate.
        var report = await app.PostAsync("/api/reports", new { unitId = unit, period = "2023-H1", figures = new[] { new { targetId = target, value = 96000, stage = "Estimate" } } }, 201);
        var figure = report.GetProperty("figures")[0].GetProperty("figureId").GetGuid();
        // The secretariat approves it in July: from then on it counts, and the unit's first half is locked.
        await app.ApproveAsync(unit, resolutionId, "2023-H1");

        // December 2023: the estimate is revised (under a lock exception, then approved again), and the committee lowers the target.
        app.Clock.SetUtcNow(new DateTimeOffset(2023, 12, 10, 3, 0, 0, TimeSpan.Zero));
        var submission = ApiScenarios.SubmissionId(unit, resolutionId, "2023-H1");
        await app.PostAsync($"/api/submissions/{submission}/lock-exceptions", new { reason = "Cục Thống kê công bố số sơ bộ", expiresAt = "2023-12-20T17:00:00+07:00" }, 200);
        await app.PostAsync($"/api/targets/{target}/figures/{figure}/revisions", new { value = 98500, stage = "Preliminary", reason = "Số liệu sơ bộ của Cục Thống kê" }, 201);
        await app.ApproveAsync(unit, resolutionId, "2023-H1");
        await app.PostAsync($"/api/targets/{target}/adjustments", new { minimum = 200000, decisionNumber = "310-QĐ/TU", decisionDate = "2023-12-08" }, 200);
        await app.PostAsync($"/api/targets/{target}/baseline", new { value = 121500, year = 2020, reason = "Niên giám thống kê đính chính" }, 200);
        var other = await app.RegisterUnitAsync("ASOF-SO-CT");
        await app.PostAsync($"/api/targets/{target}/assignment", new { leadUnitId = other }, 200);

        var september = await app.GetAsync($"/api/targets/{target}?asOf=2023-09-30");
        september.GetProperty("latest").GetProperty("value").GetDecimal().ShouldBe(96000m);
        september.GetProperty("latest").GetProperty("stage").GetString().ShouldBe("Estimate");
        september.GetProperty("goal").GetProperty("minimum").GetDecimal().ShouldBe(213000m);
        september.GetProperty("adjustments").GetArrayLength().ShouldBe(0);
        september.GetProperty("judgement").GetProperty("judgedOn").GetString().ShouldBe("2023-09-30");
        september.GetProperty("baseline").GetProperty("value").GetDecimal().ShouldBe(118000m);
        september.GetProperty("leadUnitId").GetGuid().ShouldBe(unit);

        var now = await app.GetAsync($"/api/targets/{target}");
        now.GetProperty("latest").GetProperty("value").GetDecimal().ShouldBe(98500m);
        now.GetProperty("goal").GetProperty("minimum").GetDecimal().ShouldBe(200000m);
        now.GetProperty("baseline").GetProperty("value").GetDecimal().ShouldBe(121500m);
        now.GetProperty("leadUnitId").GetGuid().ShouldBe(other);

        var timelineThen = await app.GetAsync($"/api/targets/{target}/timeline?asOf=2023-09-30T12:00:00%2B07:00");
        timelineThen.GetProperty("figures").GetArrayLength().ShouldBe(1);
        timelineThen.GetProperty("figures")[0].GetProperty("isCurrent").GetBoolean().ShouldBeTrue();
        (await app.GetAsync($"/api/targets/{target}/timeline")).GetProperty("figures").GetArrayLength().ShouldBe(2);

        var overviewThen = await app.GetAsync($"/api/resolutions/{resolutionId}/overview?asOf=2023-09-30");
        overviewThen.GetProperty("asOf").GetString().ShouldBe("2023-09-30");
        overviewThen.GetProperty("targetCount").GetInt32().ShouldBe(1);

        await app.GetAsync($"/api/targets/{target}?asOf=2023-07-01", 404);
        await app.GetAsync($"/api/resolutions/{resolutionId}/overview?asOf=2023-07-01", 404);
        (await app.GetAsync($"/api/targets/{target}?asOf=hôm-qua", 400)).ErrorFields().ShouldBe(["asOf"]);
    }
}
