using System.Text.Json;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Api.Tests.Reporting;

namespace Monitoring.Api.Tests.Resolutions;

public class ResolutionEndpointTests(ResolutionEndpointTests.World app) : IClassFixture<ResolutionEndpointTests.World>
{
    /// <summary>The clock starts on 1 June 2023, before the 2023-H1 data cut-off (14/6), so resolutions defined here owe that report.</summary>
    public sealed class World : AppFixture
    {
        protected override DateTimeOffset StartsAt => new(2023, 6, 1, 2, 0, 0, TimeSpan.Zero);
    }

    private async Task<(Guid Resolution, Guid[] Targets, Guid[] Tasks, Guid Lead, Guid Coop)> DefineAsync(string number)
    {
        var lead = await app.RegisterUnitAsync($"HU-HN-{number.GetHashCode():x}");
        var coop = await app.RegisterUnitAsync($"SO-TC-{number.GetHashCode():x}");
        var body = await app.PostAsync("/api/resolutions", SeedData.BorderConclusion(number, lead, coop), 201);
        return (body.GetProperty("id").GetGuid(),
            body.GetProperty("targetIds").EnumerateArray().Select(e => e.GetGuid()).ToArray(),
            body.GetProperty("taskIds").EnumerateArray().Select(e => e.GetGuid()).ToArray(), lead, coop);
    }

    [Fact]
    public async Task Defines_a_resolution_with_its_targets_and_tasks_in_one_request()
    {
        var (id, targets, tasks, lead, _) = await DefineAsync("27-KL/TU");
        targets.Length.ShouldBe(3);
        tasks.Length.ShouldBe(2);

        var resolution = await app.GetAsync($"/api/resolutions/{id}");
        resolution.GetProperty("number").GetString().ShouldBe("27-KL/TU");
        resolution.GetProperty("kind").GetString().ShouldBe("Conclusion");
        resolution.GetProperty("title").GetString()!.ShouldContain("khu vực biên giới tỉnh Đồng Tháp");

        (await app.EventTypesAsync(id)).ShouldBe(["resolution_defined"]);
        (await app.EventTypesAsync(targets[0])).ShouldBe(["target_defined", "target_assigned"]);
        (await app.EventTypesAsync(tasks[0])).ShouldBe(["task_defined"]);

        var listed = await app.GetAsync($"/api/targets?resolutionId={id}");
        listed.GetProperty("totalItems").GetInt32().ShouldBe(3);
        var poverty = listed.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "XH-01");
        poverty.GetProperty("direction").GetString().ShouldBe("Decrease");
        poverty.GetProperty("baseline").GetProperty("value").GetDecimal().ShouldBe(5.2m);
        poverty.GetProperty("judgement").GetProperty("status").GetString().ShouldBe("NoData");

        var mine = await app.GetAsync($"/api/targets?unitId={lead}");
        mine.GetProperty("totalItems").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task A_second_resolution_with_the_same_number_is_a_conflict_and_appends_nothing()
    {
        await DefineAsync("09-NQ/TU");
        var lead = await app.RegisterUnitAsync("DUP-LEAD");
        var coop = await app.RegisterUnitAsync("DUP-COOP");
        var problem = await app.RefusedAsync(() => app.PostAsync("/api/resolutions", SeedData.BorderConclusion("09-NQ/TU", lead, coop), 409));
        problem.GetProperty("status").GetInt32().ShouldBe(409);
    }

    [Fact]
    public async Task An_invalid_target_inside_the_resolution_is_named_by_its_path_and_nothing_is_appended()
    {
        var problem = await app.RefusedAsync(() => app.PostAsync("/api/resolutions", new
        {
            number = "10-NQ/TU", kind = "Resolution", issuingBody = "Tỉnh ủy", issueDate = "2021-09-01", periodStartYear = 2021,
            periodEndYear = 2025, title = "Nghị quyết về phát triển công nghiệp",
            targets = new object[] { new { field = "Kinh tế", statement = "Giá trị sản xuất công nghiệp tăng bình quân 12,6%/năm", shape = "GrowthRate", unitOfMeasure = "%/năm", targetYear = 2025 } },
        }, 400));
        problem.ErrorFields().ShouldContain("targets[0].minimum");
    }

    [Fact]
    public async Task Unknown_lead_unit_is_404_and_nothing_is_appended()
    {
        var known = await app.RegisterUnitAsync("KNOWN-COOP");
        var stranger = Guid.NewGuid();
        var problem = await app.RefusedAsync(() => app.PostAsync("/api/resolutions", SeedData.BorderConclusion("11-KL/TU", stranger, known), 404));
        problem.GetProperty("detail").GetString()!.ShouldContain(stranger.ToString());
    }

    [Fact]
    public async Task A_unit_named_both_lead_and_co_operating_is_refused_naming_the_field()
    {
        var unit = await app.RegisterUnitAsync("BOTH-ROLES");
        var problem = await app.RefusedAsync(() => app.PostAsync("/api/resolutions", SeedData.BorderConclusion("17-KL/TU", unit, unit), 400));
        problem.ErrorFields().ShouldBe(["targets[0].cooperatingUnitIds"]);
    }

    [Fact]
    public async Task Unknown_resolution_is_404() => await app.GetAsync($"/api/resolutions/{Guid.NewGuid()}", 404);

    [Fact]
    public async Task Lists_with_filters_and_paging_and_refuses_a_bad_page()
    {
        await DefineAsync("12-KL/TU");
        await DefineAsync("13-KL/TU");
        var page = await app.GetAsync("/api/resolutions?kind=Conclusion&year=2023&page=1&pageSize=1");
        page.GetProperty("items").GetArrayLength().ShouldBe(1);
        page.GetProperty("totalItems").GetInt32().ShouldBeGreaterThanOrEqualTo(2);
        (await app.GetAsync("/api/resolutions?year=2031")).GetProperty("totalItems").GetInt32().ShouldBe(0);

        var problem = await app.GetAsync("/api/resolutions?page=0", 400);
        problem.ErrorFields().ShouldBe(["page"]);
    }

    [Fact]
    public async Task Overview_counts_targets_by_status_per_field_tasks_by_status_and_the_units_late_for_the_period()
    {
        var (id, targets, _, lead, coop) = await DefineAsync("14-KL/TU");
        // 2023-H1 reports were due 21 June (data to 14/6, five working days); the lead reports the budget's 2021–2023 average
        // (004: 15,4%/năm) on time, the other unit never.
        app.Clock.SetUtcNow(new DateTimeOffset(2023, 6, 20, 2, 0, 0, TimeSpan.Zero));
        await app.PostAsync("/api/reports", new
        {
            unitId = lead, period = "2021-2023",
            figures = new[] { new { targetId = targets[0], value = 15.4, stage = "Estimate" } },
        }, 201);
        await app.ApproveAsync(lead, id, "2021-2023");
        // A report of narrative only names its resolution: it submits the lead's 2023-H1 report on it.
        var narrative = await app.PostAsync("/api/reports",
            new { unitId = lead, resolutionId = id, period = "2023-H1", narrative = new { results = "Thu ngân sách vượt dự toán" } }, 201);
        narrative.GetProperty("submissionIds").EnumerateArray().Single().GetGuid().ShouldBe(ApiScenarios.SubmissionId(lead, id, "2023-H1"));
        // Naming a resolution the unit has nothing of, or one that does not exist, is refused and appends nothing.
        await app.RefusedAsync(() => app.PostAsync("/api/reports",
            new { unitId = lead, resolutionId = Guid.NewGuid(), period = "2023-H1", narrative = new { results = "x" } }, 404));
        app.Clock.SetUtcNow(new DateTimeOffset(2023, 7, 20, 2, 0, 0, TimeSpan.Zero));

        var overview = await app.GetAsync($"/api/resolutions/{id}/overview");
        overview.GetProperty("targetCount").GetInt32().ShouldBe(3);
        overview.GetProperty("currentPeriod").GetString().ShouldBe("2023-H1");
        var economy = overview.GetProperty("targetsByField").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "Kinh tế");
        economy.GetProperty("byStatus").GetProperty("AchievedOrExceeded").GetInt32().ShouldBe(1);
        overview.GetProperty("tasksByStatus").GetProperty("Overdue").GetInt32().ShouldBe(1);
        overview.GetProperty("tasksByStatus").GetProperty("NotStarted").GetInt32().ShouldBe(1);
        var late = overview.GetProperty("unitsLate").EnumerateArray().Select(u => u.GetProperty("unitId").GetGuid()).ToList();
        late.ShouldBe([coop]);
        overview.GetProperty("reporting").GetProperty("onTime").GetInt32().ShouldBe(1);
        overview.GetProperty("dueDate").GetString().ShouldBe("2023-06-21");
    }
}
