using System.Text.Json;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Hardening;

/// <summary>Rules a clerk knows, refused with 400 naming the field, in Vietnamese when asked, and nothing appended.</summary>
public class PlausibilityTests(PlausibilityTests.World world) : IClassFixture<PlausibilityTests.World>
{
    public sealed class World : SampleWorld
    {
        public Guid PovertyRate;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            PovertyRate = (await this.PostAsync("/api/targets", new
            {
                resolutionId = Resolution,
                target = new { field = "Kinh tế", statement = "tỷ lệ hộ nghèo giảm còn dưới 3,0%", shape = "LevelAtMost", maximum = 3.0, unitOfMeasure = "%", targetYear = 2025, leadUnitId = UnitA },
            }, 201)).GetProperty("id").GetGuid();
        }
    }

    private async Task<JsonElement> Refused(string url, object body, string field, string? token = null, string contains = "")
    {
        var problem = await world.RefusedAsync(() => world.PostAsync(url, body, 400, s => s.WithRequestHeader("Accept-Language", "vi"), token));
        problem.ErrorFields().ShouldContain(field, problem.ToString());
        problem.GetProperty("errors").GetProperty(field)[0].GetString()!.ShouldContain(contains);
        return problem;
    }

    [Fact]
    public async Task A_share_outside_0_to_100_is_refused_but_a_negative_growth_rate_is_recorded()
    {
        await Refused("/api/reports", new { period = "2023-H1", figures = new[] { new { targetId = world.PovertyRate, value = -5m, stage = "Estimate" } } },
            "figures[0].value", world.ReporterA, "Tỷ lệ (%) phải từ 0 đến 100");
        await Refused("/api/reports", new { period = "2023-H1", figures = new[] { new { targetId = world.PovertyRate, value = 1e15m, stage = "Estimate" } } },
            "figures[0].value", world.ReporterA);
        await world.PostAsync("/api/reports", new { period = "2022", figures = new[] { new { targetId = world.Target, value = -3.2m, stage = "Official" } } }, 201, token: world.ReporterA);
    }

    [Fact]
    public async Task A_period_outside_the_resolution_is_refused_saying_the_one_just_before_is_for_baselines()
    {
        await Refused("/api/reports", new { period = "2019", figures = new[] { new { targetId = world.Target, value = 9m, stage = "Official" } } },
            "period", world.ReporterA, "mức nền");
        await Refused("/api/reports", new { period = "2026-H1", figures = new[] { new { targetId = world.Target, value = 9m, stage = "Estimate" } } },
            "period", world.ReporterA);
        await world.PostAsync("/api/reports", new { period = "2020", figures = new[] { new { targetId = world.Target, value = 9.1m, stage = "Official" } } }, 201, token: world.ReporterA);
    }

    [Fact]
    public async Task Dates_of_what_happened_may_not_be_later_than_today_in_Vietnam_or_decades_early()
    {
        // The test clock stands at 2023-07-15 09:00 in Vietnam.
        await Refused("/api/reports", new { period = "2023-H1", figures = new[] { new { targetId = world.Target, value = 11m, stage = "Estimate", asOf = "2023-07-16" } } },
            "figures[0].asOf", world.ReporterA, "sau ngày hôm nay");
        await Refused($"/api/tasks/{world.Task}/completion", new { completedOn = "2023-07-16" }, "completedOn");
        await Refused($"/api/tasks/{world.Task}/completion", new { completedOn = "2005-03-01" }, "completedOn", contains: "kiểm tra lại năm");
        await Refused($"/api/targets/{world.Target}/adjustments", new { minimum = 11, decisionNumber = "9-QĐ/TU", decisionDate = "2023-08-01" }, "decisionDate");
        await Refused($"/api/targets/{world.Target}/figures/{world.Figure}/revisions", new { value = 13, stage = "Preliminary", reason = "Số sơ bộ", asOf = "2024-01-01" }, "asOf");
        await Refused("/api/reports", new { period = "2023-H1", taskUpdates = new[] { new { taskId = world.Task, percentDone = 100, completed = true, completedOn = "2030-01-01" } } },
            "taskUpdates[0].completedOn", world.ReporterA);
    }

    [Fact]
    public async Task A_deadline_extension_beyond_the_period_and_its_margin_is_refused()
    {
        await Refused($"/api/tasks/{world.Task}/deadline-extensions", new { newDeadline = "2030-06-30", reason = "Chậm giải phóng mặt bằng" }, "newDeadline", contains: "31/12/2026");
        await world.PostAsync($"/api/tasks/{world.Task}/deadline-extensions", new { newDeadline = "2026-06-30", reason = "Chậm giải phóng mặt bằng" }, 200);
    }

    [Fact]
    public async Task A_target_outside_its_resolutions_fields_or_a_count_without_its_total_is_refused()
    {
        await Refused("/api/targets", new { resolutionId = world.Resolution, target = new { field = "Quốc phòng", statement = "S", shape = "LevelAtLeast", minimum = 1, unitOfMeasure = "%", targetYear = 2025 } },
            "target.field", contains: "Kinh tế; Hạ tầng");
        await Refused("/api/targets", new { resolutionId = world.Resolution, target = new { field = "Kinh tế", statement = "thêm 01 huyện đạt chuẩn nông thôn mới", shape = "CountMeetingStandard", minimum = 1, unitOfMeasure = "huyện", targetYear = 2025 } },
            "target.total", contains: "tổng số đơn vị");
        await Refused("/api/resolutions", new
        {
            number = "PL-01", kind = "Resolution", issuingBody = "Tỉnh ủy", issueDate = "2021-01-01", periodStartYear = 2021, periodEndYear = 2025, title = "T",
            fields = new[] { "Kinh tế" },
            targets = new[] { new { field = "Văn hoá", statement = "S", shape = "LevelAtLeast", minimum = 1, unitOfMeasure = "%", targetYear = 2025 } },
        }, "targets[0].field");
        await Refused("/api/targets", new { resolutionId = world.Resolution, target = new { field = "Kinh tế", statement = "Tỷ lệ", shape = "LevelAtLeast", minimum = 120, unitOfMeasure = "%", targetYear = 2025 } },
            "target.minimum");
    }
}
