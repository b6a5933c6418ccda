using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Api.Tests.Seeds;

namespace Monitoring.Api.Tests.Reporting;

/// <summary>
/// A whole half-year of the cycle on a real resolution: seed 002 (Hà Nam, phát triển công nghiệp 2021 - 2025), whose every
/// target the Ban cán sự đảng UBND tỉnh leads. The first half of 2024: data to 14/6, due five working days later (21/6).
/// </summary>
public class SeedCycleTests(SeedCycleTests.Seeded app) : IClassFixture<SeedCycleTests.Seeded>
{
    public sealed class Seeded : AppFixture
    {
        protected override DateTimeOffset StartsAt => new(2024, 6, 10, 2, 0, 0, TimeSpan.Zero);

        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Seeds:ImportAtStartup", "true");
            builder.UseSetting("Seeds:Directory", SeedImportTests.SeedFolder);
        }
    }

    private const string Unit = "HNA-BCSD-UBND";

    [Fact]
    public async Task The_unit_owes_drafts_submits_is_returned_resubmits_is_approved_and_the_period_locks()
    {
        var reporter = app.TokenFor(Roles.Reporter, Unit);
        var resolution = (await app.GetAsync("/api/resolutions?search=NQ-HNA-PTCN-2021-2025")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var targets = (await app.GetAsync($"/api/targets?resolutionId={resolution}&pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        var growth = targets.Single(t => t.GetProperty("code").GetString() == "CN-01").GetProperty("id").GetGuid();

        // What is owed: the 2024 first half-year of 002, every one of its 19 targets and the 23 tasks the unit leads or joins.
        var owed = (await app.GetAsync("/api/obligations?period=2024-H1", token: reporter)).EnumerateArray().Single();
        owed.GetProperty("resolutionId").GetGuid().ShouldBe(resolution);
        owed.GetProperty("dataFrom").GetString().ShouldBe("2023-12-15");
        owed.GetProperty("dataTo").GetString().ShouldBe("2024-06-14");
        owed.GetProperty("dueDate").GetString().ShouldBe("2024-06-21");
        owed.GetProperty("daysLeft").GetInt32().ShouldBe(11);
        owed.GetProperty("state").GetString().ShouldBe("NotStarted");
        owed.GetProperty("targets").GetArrayLength().ShouldBe(19);
        owed.GetProperty("tasks").GetArrayLength().ShouldBe(23);
        var submission = owed.GetProperty("submissionId").GetGuid();

        // CN-01's only figure is the 2016-2020 average the document reports (17,53%/năm), imported as approved.
        (await LatestAsync(growth)).ShouldBe(("2016-2020", 17.53m));

        // A draft on 18/6: counted nowhere, seen by the unit.
        app.Clock.SetUtcNow(new DateTimeOffset(2024, 6, 18, 2, 0, 0, TimeSpan.Zero));
        await app.PutAsync("/api/submissions/draft", new
        {
            resolutionId = resolution, period = "2024-H1",
            figures = new[] { new { targetId = growth, value = 12.1, stage = "Estimate", asOf = "2024-06-14", source = "Cục Thống kê tỉnh" } },
            narrative = new { results = "Giá trị sản xuất công nghiệp 6 tháng ước tăng 12,1%" },
        }, 200, token: reporter);
        (await LatestAsync(growth, true)).ShouldBe(("2016-2020", 17.53m));
        await app.PostAsync($"/api/submissions/{submission}/submit", new { }, 200, token: reporter);
        (await LatestAsync(growth)).ShouldBe(("2016-2020", 17.53m));
        (await LatestAsync(growth, true)).ShouldBe(("2024-H1", 12.1m));

        // Returned on 19/6 with a reason and a remark on the figure; the unit corrects it and submits again on 24/6, after the due date.
        var figure = (await app.GetAsync($"/api/submissions/{submission}", token: reporter)).GetProperty("pending")[0].GetProperty("figureId").GetGuid();
        app.Clock.SetUtcNow(new DateTimeOffset(2024, 6, 19, 2, 0, 0, TimeSpan.Zero));
        await app.PostAsync($"/api/submissions/{submission}/return", new
        {
            reason = "Số liệu chưa khớp với báo cáo của Cục Thống kê",
            comments = new[] { new { targetId = growth, figureId = figure, text = "Đề nghị dùng số 12,4% của Cục Thống kê" } },
        }, 200);
        var returned = await app.GetAsync($"/api/submissions/{submission}", token: reporter);
        returned.GetProperty("state").GetString().ShouldBe("Returned");
        (await LatestAsync(growth, true)).ShouldBe(("2016-2020", 17.53m));

        app.Clock.SetUtcNow(new DateTimeOffset(2024, 6, 24, 2, 0, 0, TimeSpan.Zero));
        await app.PutAsync("/api/submissions/draft", new
        {
            resolutionId = resolution, period = "2024-H1",
            figures = new[] { new { targetId = growth, value = 12.4, stage = "Estimate", asOf = "2024-06-14", source = "Cục Thống kê tỉnh" } },
            narrative = new { results = "Giá trị sản xuất công nghiệp 6 tháng ước tăng 12,4%" },
        }, 200, token: reporter);
        await app.PostAsync($"/api/submissions/{submission}/submit", new { }, 200, token: reporter);
        await app.PostAsync($"/api/submissions/{submission}/approve", new { comment = "Thống nhất" }, 200);

        // Approved: the corrected figure counts; the report was first sent on time (18/6), so it is on time.
        var status = await StatusAsync(growth);
        (await LatestAsync(growth)).ShouldBe(("2024-H1", 12.4m));
        status.GetProperty("latest").GetProperty("approval").GetString().ShouldBe("Approved");
        var completeness = await app.GetAsync($"/api/reporting/completeness?period=2024-H1&resolutionId={resolution}");
        var counts = completeness.GetProperty("resolutions").EnumerateArray().Single().GetProperty("counts");
        // Ten units have something of 002 to report on (the tasks name nine more than the lead); only the lead reported.
        counts.GetProperty("expected").GetInt32().ShouldBe(10);
        counts.GetProperty("submitted").GetInt32().ShouldBe(1);
        counts.GetProperty("approved").GetInt32().ShouldBe(1);
        counts.GetProperty("onTime").GetInt32().ShouldBe(1);
        counts.GetProperty("missing").GetInt32().ShouldBe(9);
        counts.GetProperty("reportingRate").GetDecimal().ShouldBe(10m);
        var missing = completeness.GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("unitCode").GetString()).ToList();
        missing.Count.ShouldBe(9);
        missing.ShouldNotContain(Unit);
        missing.ShouldContain("HNA-BTVTU");
        var mine = (await app.GetAsync("/api/obligations?period=2024-H1", token: reporter)).EnumerateArray().Single();
        mine.GetProperty("state").GetString().ShouldBe("Approved");
        mine.GetProperty("timeliness").GetString().ShouldBe("OnTime");

        // The history tells it in Vietnamese: who sent, who returned and why, who approved.
        var history = (await app.GetAsync($"/api/submissions/{submission}/history", token: app.TokenFor(Roles.Committee))).GetProperty("entries")
            .EnumerateArray().Select(e => (Type: e.GetProperty("eventType").GetString(), Summary: e.GetProperty("summary").GetString(),
                Reason: e.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null)).ToList();
        history.Select(h => h.Type).ShouldBe(["submission_draft_saved", "submission_submitted", "submission_returned", "submission_draft_saved",
            "submission_submitted", "submission_approved"]);
        history.Single(h => h.Type == "submission_returned").Reason
            .ShouldBe("Số liệu chưa khớp với báo cáo của Cục Thống kê. Ý kiến: Đề nghị dùng số 12,4% của Cục Thống kê");
        history.Single(h => h.Type == "submission_approved").Summary!.ShouldStartWith("Phê duyệt báo cáo 6 tháng đầu năm 2024");

        // Locked: a further report on the period is refused and nothing is appended.
        var locked = await app.RefusedAsync(() => app.PostAsync("/api/reports", new
        {
            period = "2024-H1", figures = new[] { new { targetId = growth, value = 12.6, stage = "Preliminary" } },
        }, 409, token: reporter));
        locked.GetProperty("detail").GetString()!.ShouldContain("locked");
    }

    private async Task<(string?, decimal)> LatestAsync(Guid target, bool includeSubmitted = false)
    {
        var latest = (await StatusAsync(target, includeSubmitted)).GetProperty("latest");
        return (latest.GetProperty("period").GetString(), latest.GetProperty("value").GetDecimal());
    }

    private Task<JsonElement> StatusAsync(Guid target, bool includeSubmitted = false) =>
        app.GetAsync($"/api/targets/{target}" + (includeSubmitted ? "?includeSubmitted=true" : ""));
}
