using Monitoring.Api.Infrastructure.Http;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Targets;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Domain.Targets;

namespace Monitoring.Api.Tests.Audit;

/// <summary>
/// As-of reads start from the target's state stored at a checkpoint and fold only what follows; across a checkpoint
/// they answer exactly what folding the whole stream up to that moment answers.
/// </summary>
public class AsOfCheckpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] Periods = ["2021", "2022", "2023", "2021-H1", "2021-H2", "2022-H1", "2022-H2", "2023-H1", "2021-2022", "2021-2023"];
    private static readonly string[] Stages = ["Estimate", "Preliminary", "Official"];

    [Fact]
    public async Task As_of_status_across_stored_checkpoints_equals_folding_the_whole_stream()
    {
        var unit = await app.RegisterUnitAsync("CKPT-UBND");
        var resolution = await app.PostAsync("/api/resolutions", new
        {
            number = "CKPT-01", kind = "Resolution", issuingBody = "Tỉnh ủy", issueDate = "2021-09-01", periodStartYear = 2021, periodEndYear = 2025,
            title = "Nghị quyết thử điểm lưu trạng thái",
            targets = new[] { new { code = "CN-02", field = "Kinh tế", statement = "Giá trị sản xuất công nghiệp năm 2025 đạt trên 213.000 tỷ đồng", shape = "LevelAtLeast", minimum = 213000, unitOfMeasure = "tỷ đồng", targetYear = 2025, leadUnitId = unit } },
        }, 201);
        var target = resolution.GetProperty("targetIds")[0].GetGuid();

        // 2 events of definition, then 248 figures an hour apart, with a revision and an adjustment among them.
        var instants = new List<DateTimeOffset>();
        Guid? lastFigure = null;
        for (var i = 0; i < 248; i++)
        {
            app.Clock.Advance(TimeSpan.FromHours(1));
            if (i == 120 && lastFigure is { } revised)
                await app.PostAsync($"/api/targets/{target}/figures/{revised}/revisions", new { value = 99999, stage = "Official", reason = "Số liệu chính thức" }, 201);
            else if (i == 160)
                await app.PostAsync($"/api/targets/{target}/adjustments", new { minimum = 200000, decisionNumber = "9-QĐ/TU", decisionDate = "2023-07-01" }, 200);
            else
            {
                var report = await app.PostAsync("/api/reports", new { unitId = unit, period = Periods[i % Periods.Length],
                    figures = new[] { new { targetId = target, value = 90000 + i, stage = Stages[i % Stages.Length] } } }, 201);
                lastFigure = report.GetProperty("figures")[0].GetProperty("figureId").GetGuid();
            }
            instants.Add(app.Clock.GetUtcNow());
        }

        await using var session = app.QuerySession();
        var checkpoints = await session.Query<TargetCheckpoint>().Where(c => c.TargetId == target).ToListAsync();
        checkpoints.Select(c => c.Version).Order().ShouldBe([100, 200]);

        // Just before, at and just after each checkpoint, and elsewhere.
        foreach (var index in new[] { 0, 50, 96, 97, 98, 99, 120, 150, 160, 197, 198, 199, 247 })
        {
            var instant = instants[index];
            var text = instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz");
            var answered = await app.GetAsync($"/api/targets/{target}?asOf={Uri.EscapeDataString(text)}");
            var replayed = await session.Events.AggregateStreamAsync<Target>(target, timestamp: instant);
            var expected = JsonSerializer.SerializeToElement(TargetStatusView.From(replayed!, ProvinceClock.DateOf(instant),
                basis: DataBasis.Of(ProvinceClock.DateOf(instant), instant, now: false, includeSubmitted: false)), JsonDefaults.Web);
            answered.GetProperty("version").GetInt64().ShouldBe(replayed!.Version, $"as of event {index + 3}");
            answered.ToString().ShouldBe(expected.ToString(), $"as of event {index + 3}");
        }
    }
}
