using System.Text.Json;
using Alba;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Api.Tests.Seeds;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;

namespace Monitoring.Api.Tests.Reviews;

/// <summary>
/// Issue 13, "two times, kept apart": what a figure is <em>about</em> (<c>cutOff</c>: its period and date) is not when the
/// system <em>learned</em> it (<c>knownAt</c>, alias <c>asOf</c>); and judging reads approved figures unless asked to include
/// submitted ones, marked as such. The seeds are imported on 15 July 2023, after the cut-off of the mid-term review.
/// </summary>
public class TwoTimesTests(TwoTimesTests.Seeded app) : IClassFixture<TwoTimesTests.Seeded>
{
    public sealed class Seeded : AppFixture
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Seeds:ImportAtStartup", "true");
            builder.UseSetting("Seeds:Directory", SeedImportTests.SeedFolder);
        }
    }

    private async Task<Guid> ResolutionAsync(string number) =>
        (await app.GetAsync($"/api/resolutions?search={Uri.EscapeDataString(number)}")).GetProperty("items")[0].GetProperty("id").GetGuid();

    private async Task<(JsonElement Created, string DocumentText, JsonElement Data)> ReviewAsync(Guid resolution, object body)
    {
        var created = await app.PostAsync($"/api/resolutions/{resolution}/reviews", body, 201);
        var committee = app.TokenFor(Roles.Committee);
        var docx = await app.Host.Scenario(s =>
        {
            s.Get.Url(created.GetProperty("document").GetString()!);
            s.Authorized(committee);
        });
        var bytes = new MemoryStream();
        await docx.Context.Response.Body.CopyToAsync(bytes);
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes.ToArray()), false);
        var text = string.Join("\n", document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText));
        return (created, text, (await app.GetAsync(created.GetProperty("data").GetString()!, token: committee)).GetProperty("content"));
    }

    /// <summary>The secretariat's approval of a figure, appended as the approval endpoint's decision would append it on the target.</summary>
    private async Task ApproveAsync(Guid target, Guid figure, Guid unit, Guid resolution, string period)
    {
        await using var session = app.LightweightSession();
        var stream = await session.Events.FetchForWriting<Target>(target);
        var reported = ReportingPeriod.Parse(period);
        stream.AppendOne(new FiguresApproved(target, Submission.IdFor(unit, resolution, reported), unit, reported, [figure], "van.phong@tinhuy",
            app.Clock.GetUtcNow()));
        await session.SaveChangesAsync();
    }

    [Fact]
    public async Task A_mid_term_review_of_seed_000_with_cut_off_30_June_2023_shows_the_document_imported_after_it()
    {
        var resolution = await ResolutionAsync("KL-DT-XI-BIENGIOI-2021-2025");

        var (created, text, content) = await ReviewAsync(resolution, new { kind = "MidTerm", cutOff = "2023-06-30" });

        created.GetProperty("targets").GetInt32().ShouldBe(19); // with HT-01.1, "02 cửa khẩu quốc tế" (issue 17)
        created.GetProperty("tasks").GetInt32().ShouldBe(76);
        created.GetProperty("includeSubmitted").GetBoolean().ShouldBeFalse();
        // 000: "15/22 xã ... đạt chuẩn nông thôn mới đến cuối năm 2020", about 2020 and dated 31/12/2020, approved on import.
        var communes = content.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "VH-05");
        var latest = communes.GetProperty("latest");
        latest.GetProperty("value").GetDecimal().ShouldBe(15m);
        latest.GetProperty("period").GetString().ShouldBe("2020");
        latest.GetProperty("asOf").GetString().ShouldBe("2020-12-31");
        latest.GetProperty("approval").GetString().ShouldBe("Approved");
        latest.GetProperty("approvalNote").ValueKind.ShouldBe(JsonValueKind.Null);
        content.GetProperty("dataBasis").GetString()!.ShouldContain("đã được phê duyệt");
        text.ShouldContain("Số liệu đã được phê duyệt, tính đến ngày 30/06/2023");
        text.ShouldNotContain(Domain.Reviews.ReviewCompiler.NotApproved);

        // What had been recorded by the cut-off itself: nothing, not even the resolution; the document was loaded on 15 July.
        await app.RefusedAsync(() => app.PostAsync($"/api/resolutions/{resolution}/reviews",
            new { kind = "MidTerm", cutOff = "2023-06-30", knownAt = "2023-06-30" }, 404));
    }

    [Fact]
    public async Task Imported_reports_enter_the_cycle_approved_dated_and_assigned_as_of_their_document()
    {
        var midTerm = await ResolutionAsync("KL-HNGNK-2023");
        var budget = (await app.GetAsync($"/api/targets?resolutionId={midTerm}")).GetProperty("items")[0];
        budget.GetProperty("latest").GetProperty("approval").GetString().ShouldBe("Approved");
        budget.GetProperty("latest").GetProperty("approvalText").GetString().ShouldBe("đã phê duyệt");
        budget.GetProperty("awaitingApproval").GetArrayLength().ShouldBe(0);
        var timeline = await app.GetAsync($"/api/targets/{budget.GetProperty("id").GetGuid()}/timeline");
        timeline.GetProperty("figures")[0].GetProperty("figure").GetProperty("approval").GetString().ShouldBe("Approved");
        timeline.GetProperty("figures")[0].GetProperty("counts").GetBoolean().ShouldBeTrue();

        await using var session = app.QuerySession();
        foreach (var number in new[] { "KL-DT-XI-BIENGIOI-2021-2025", "KL-KT-HN12-XVI-2023", "NQ-HNA-PTCN-2021-2025", "KL-QNG-6T-2023", "KL-HNGNK-2023" })
        {
            var resolution = await ResolutionAsync(number);
            var submissions = await session.Query<Submission>().Where(s => s.ResolutionId == resolution).ToListAsync();
            submissions.ShouldNotBeEmpty(number);
            submissions.ShouldAllBe(s => s.State == SubmissionState.Approved && s.Imported && s.Pending.Count == 0);
            foreach (var target in await session.Query<Target>().Where(t => t.ResolutionId == resolution).ToListAsync())
            {
                target.LatestFigures.ShouldAllBe(f => f.Approval == FigureApproval.Approved);
                foreach (var figure in target.LatestFigures)
                    submissions.Single(s => s.UnitId == figure.UnitId && s.Period == figure.Period).ReportIds.ShouldContain(figure.ReportId!.Value);
            }
        }

        // 004 says its content is as of the conference, 28/6/2023: its assignments took effect then. 000 prints no date: its issue date.
        var midTermTargets = await session.Query<Target>().Where(t => t.ResolutionId == midTerm).ToListAsync();
        midTermTargets.SelectMany(t => t.Assignments).ShouldAllBe(a => a.Since == new DateOnly(2023, 6, 28));
        var border = await ResolutionAsync("KL-DT-XI-BIENGIOI-2021-2025");
        (await session.Query<Target>().Where(t => t.ResolutionId == border).ToListAsync()).SelectMany(t => t.Assignments)
            .ShouldAllBe(a => a.Since == new DateOnly(2021, 1, 1));
        (await session.Query<Domain.Tasks.ResolutionTask>().Where(t => t.ResolutionId == border).ToListAsync()).SelectMany(t => t.Assignments)
            .ShouldAllBe(a => a.Since == new DateOnly(2021, 1, 1));
    }

    [Fact]
    public async Task Cut_off_and_known_at_answer_different_questions_and_submitted_figures_count_only_when_asked_for()
    {
        app.Clock.SetUtcNow(new DateTimeOffset(2023, 9, 1, 2, 0, 0, TimeSpan.Zero));
        var unit = await app.RegisterUnitAsync("HAI-TRUC-CT");
        var created = await app.PostAsync("/api/resolutions", new
        {
            number = "HAI-TRUC-01", kind = "Resolution", issuingBody = "Tỉnh ủy", issueDate = "2021-09-01", periodStartYear = 2021, periodEndYear = 2025,
            title = "Nghị quyết thử hai trục thời gian",
            targets = new[] { new { code = "CN-02", field = "Kinh tế", statement = "Giá trị sản xuất công nghiệp năm 2025 đạt trên 213.000 tỷ đồng", shape = "LevelAtLeast", minimum = 213000, unitOfMeasure = "tỷ đồng", targetYear = 2025, leadUnitId = unit, baselineValue = 118000, baselineYear = 2020 } },
            tasks = new[] { new { group = "Hạ tầng", statement = "Hoàn thành đường vào cụm công nghiệp", leadUnitId = unit, deadline = "2023-12-31" } },
        }, 201);
        var resolution = created.GetProperty("id").GetGuid();
        var target = created.GetProperty("targetIds")[0].GetGuid();
        var task = created.GetProperty("taskIds")[0].GetGuid();

        // 5 September: the first half's estimate, about 2023-H1 and dated 30/6, is entered. 10 September: approved.
        app.Clock.SetUtcNow(new DateTimeOffset(2023, 9, 5, 2, 0, 0, TimeSpan.Zero));
        var report = await app.PostAsync("/api/reports", new
        {
            unitId = unit, period = "2023-H1", figures = new[] { new { targetId = target, value = 96000, stage = "Estimate", asOf = "2023-06-30" } },
            narrative = new { results = "Sản xuất công nghiệp phục hồi" },
        }, 201);
        var figure = report.GetProperty("figures")[0].GetProperty("figureId").GetGuid();
        app.Clock.SetUtcNow(new DateTimeOffset(2023, 9, 10, 2, 0, 0, TimeSpan.Zero));
        await ApproveAsync(target, figure, unit, resolution, "2023-H1");
        app.Clock.SetUtcNow(new DateTimeOffset(2023, 9, 15, 2, 0, 0, TimeSpan.Zero));

        // Now, approved: counted.
        var now = await app.GetAsync($"/api/targets/{target}");
        now.GetProperty("latest").GetProperty("value").GetDecimal().ShouldBe(96000m);
        now.GetProperty("latest").GetProperty("approval").GetString().ShouldBe("Approved");
        now.GetProperty("basis").GetProperty("includeSubmitted").GetBoolean().ShouldBeFalse();
        now.GetProperty("basis").GetProperty("cutOff").GetString().ShouldBe("2023-09-15");

        // The "about" axis: on 29 June the figure dated 30 June did not exist yet; on 30 June it did.
        var before = await app.GetAsync($"/api/targets/{target}?cutOff=2023-06-29");
        before.GetProperty("latest").ValueKind.ShouldBe(JsonValueKind.Null);
        before.GetProperty("judgement").GetProperty("status").GetString().ShouldBe("NoData");
        before.GetProperty("judgement").GetProperty("judgedOn").GetString().ShouldBe("2023-06-29");
        var onTheDay = await app.GetAsync($"/api/targets/{target}?cutOff=2023-06-30");
        onTheDay.GetProperty("latest").GetProperty("value").GetDecimal().ShouldBe(96000m);
        onTheDay.GetProperty("judgement").GetProperty("judgedOn").GetString().ShouldBe("2023-06-30");

        // The "known" axis: on 7 September the figure was recorded but not approved; asOf is knownAt's older name.
        foreach (var known in new[] { "knownAt=2023-09-07", "asOf=2023-09-07" })
        {
            var then = await app.GetAsync($"/api/targets/{target}?cutOff=2023-06-30&{known}");
            then.GetProperty("latest").ValueKind.ShouldBe(JsonValueKind.Null, known);
            then.GetProperty("judgement").GetProperty("status").GetString().ShouldBe("NoData");
            then.GetProperty("awaitingApproval").GetArrayLength().ShouldBe(1);
            then.GetProperty("awaitingApproval")[0].GetProperty("approval").GetString().ShouldBe("Submitted");
            var withSubmitted = await app.GetAsync($"/api/targets/{target}?cutOff=2023-06-30&{known}&includeSubmitted=true");
            withSubmitted.GetProperty("latest").GetProperty("value").GetDecimal().ShouldBe(96000m);
            withSubmitted.GetProperty("latest").GetProperty("approvalText").GetString().ShouldBe("chưa phê duyệt");
            withSubmitted.GetProperty("judgement").GetProperty("status").GetString().ShouldNotBe("NoData");
            withSubmitted.GetProperty("basis").GetProperty("includeSubmitted").GetBoolean().ShouldBeTrue();
        }
        // On 2 September the figure had not been recorded at all, whatever it is about.
        var unknown = await app.GetAsync($"/api/targets/{target}?cutOff=2023-06-30&knownAt=2023-09-02&includeSubmitted=true");
        unknown.GetProperty("latest").ValueKind.ShouldBe(JsonValueKind.Null);
        unknown.GetProperty("awaitingApproval").GetArrayLength().ShouldBe(0);

        // The timeline shows every figure with its approval state, then and now.
        var timelineThen = (await app.GetAsync($"/api/targets/{target}/timeline?asOf=2023-09-07")).GetProperty("figures")[0];
        timelineThen.GetProperty("figure").GetProperty("approval").GetString().ShouldBe("Submitted");
        timelineThen.GetProperty("counts").GetBoolean().ShouldBeFalse();
        timelineThen.GetProperty("countsWithSubmitted").GetBoolean().ShouldBeTrue();
        var timelineNow = (await app.GetAsync($"/api/targets/{target}/timeline")).GetProperty("figures")[0];
        timelineNow.GetProperty("figure").GetProperty("approval").GetString().ShouldBe("Approved");
        timelineNow.GetProperty("counts").GetBoolean().ShouldBeTrue();

        // The overview takes both too.
        var overview = await app.GetAsync($"/api/resolutions/{resolution}/overview?cutOff=2023-06-30&knownAt=2023-09-07");
        overview.GetProperty("asOf").GetString().ShouldBe("2023-06-30");
        overview.GetProperty("targetsByStatus").GetProperty("NoData").GetInt32().ShouldBe(1);
        var overviewSubmitted = await app.GetAsync($"/api/resolutions/{resolution}/overview?cutOff=2023-06-30&knownAt=2023-09-07&includeSubmitted=true");
        overviewSubmitted.GetProperty("targetsByStatus").TryGetProperty("NoData", out _).ShouldBeFalse();
        overviewSubmitted.GetProperty("basis").GetProperty("includeSubmitted").GetBoolean().ShouldBeTrue();

        // Reviews: cut-off 30 June, known at 2 September (nothing), 7 September (submitted only), now (approved).
        var (_, _, nothing) = await ReviewAsync(resolution, new { kind = "MidTerm", cutOff = "2023-06-30", knownAt = "2023-09-02" });
        nothing.GetProperty("targets")[0].GetProperty("latest").ValueKind.ShouldBe(JsonValueKind.Null);
        nothing.GetProperty("narratives").GetProperty("results").GetArrayLength().ShouldBe(0);
        var (_, _, approvedOnly) = await ReviewAsync(resolution, new { kind = "MidTerm", cutOff = "2023-06-30", knownAt = "2023-09-07T12:00:00+07:00" });
        approvedOnly.GetProperty("targets")[0].GetProperty("latest").ValueKind.ShouldBe(JsonValueKind.Null);
        var (marked, markedText, submitted) = await ReviewAsync(resolution,
            new { kind = "MidTerm", cutOff = "2023-06-30", knownAt = "2023-09-07", includeSubmitted = true });
        marked.GetProperty("includeSubmitted").GetBoolean().ShouldBeTrue();
        var pending = submitted.GetProperty("targets")[0].GetProperty("latest");
        pending.GetProperty("value").GetDecimal().ShouldBe(96000m);
        pending.GetProperty("approval").GetString().ShouldBe("Submitted");
        pending.GetProperty("approvalNote").GetString().ShouldBe("(chưa phê duyệt)");
        submitted.GetProperty("knownAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2023, 9, 7, 23, 59, 59, TimeSpan.FromHours(7)).AddTicks(9_999_999));
        markedText.ShouldContain("96.000 (ước tính, 6 tháng đầu năm 2023) (chưa phê duyệt)");
        markedText.ShouldContain("số liệu đã gửi nhưng chưa phê duyệt");
        markedText.ShouldContain("đã ghi nhận đến 23:59 ngày 07/09/2023");
        var (_, approvedText, approved) = await ReviewAsync(resolution, new { kind = "MidTerm", cutOff = "2023-06-30" });
        approved.GetProperty("targets")[0].GetProperty("latest").GetProperty("approval").GetString().ShouldBe("Approved");
        approvedText.ShouldNotContain("(chưa phê duyệt)");

        // 20 September: the task is completed and the committee lowers the goal. Both are about 20 September, not 30 June.
        app.Clock.SetUtcNow(new DateTimeOffset(2023, 9, 20, 2, 0, 0, TimeSpan.Zero));
        await app.PostAsync($"/api/tasks/{task}/completion", new { completedOn = "2023-09-20", note = "Đã thông xe" }, 200);
        await app.PostAsync($"/api/targets/{target}/adjustments", new { minimum = 200000, decisionNumber = "320-QĐ/TU", decisionDate = "2023-09-20" }, 200);

        var (_, _, june) = await ReviewAsync(resolution, new { kind = "MidTerm", cutOff = "2023-06-30" });
        june.GetProperty("targets")[0].GetProperty("goal").GetProperty("minimum").GetDecimal().ShouldBe(213000m);
        june.GetProperty("targets")[0].GetProperty("adjustedBy").GetArrayLength().ShouldBe(0);
        june.GetProperty("tasks").GetProperty("done").GetInt32().ShouldBe(0);
        var (_, _, september) = await ReviewAsync(resolution, new { kind = "MidTerm", cutOff = "2023-09-20" });
        september.GetProperty("targets")[0].GetProperty("goal").GetProperty("minimum").GetDecimal().ShouldBe(200000m);
        september.GetProperty("tasks").GetProperty("done").GetInt32().ShouldBe(1);

        (await app.GetAsync($"/api/targets/{target}?cutOff=2023-06-30")).GetProperty("goal").GetProperty("minimum").GetDecimal().ShouldBe(213000m);
        (await app.GetAsync($"/api/targets/{target}")).GetProperty("goal").GetProperty("minimum").GetDecimal().ShouldBe(200000m);
        var juneOverview = await app.GetAsync($"/api/resolutions/{resolution}/overview?cutOff=2023-06-30");
        juneOverview.GetProperty("tasksByStatus").TryGetProperty("DoneOnTime", out _).ShouldBeFalse();
        (await app.GetAsync($"/api/resolutions/{resolution}/overview")).GetProperty("tasksByStatus").GetProperty("DoneOnTime").GetInt32().ShouldBe(1);

        // 21 September: the statistics office corrects the estimate (dated that day), approved at once. About 30 June the
        // figure current then still answers; about today the correction does.
        app.Clock.SetUtcNow(new DateTimeOffset(2023, 9, 21, 2, 0, 0, TimeSpan.Zero));
        var revision = (await app.PostAsync($"/api/targets/{target}/figures/{figure}/revisions",
            new { value = 98500, stage = "Preliminary", reason = "Số liệu sơ bộ của Cục Thống kê" }, 201)).GetProperty("figureId").GetGuid();
        await ApproveAsync(target, revision, unit, resolution, "2023-H1");
        (await app.GetAsync($"/api/targets/{target}")).GetProperty("latest").GetProperty("value").GetDecimal().ShouldBe(98500m);
        (await app.GetAsync($"/api/targets/{target}?cutOff=2023-06-30")).GetProperty("latest").GetProperty("value").GetDecimal().ShouldBe(96000m);
        var (_, _, juneAgain) = await ReviewAsync(resolution, new { kind = "MidTerm", cutOff = "2023-06-30" });
        juneAgain.GetProperty("targets")[0].GetProperty("latest").GetProperty("value").GetDecimal().ShouldBe(96000m);
        var (_, _, corrected) = await ReviewAsync(resolution, new { kind = "MidTerm", cutOff = "2023-09-21" });
        corrected.GetProperty("targets")[0].GetProperty("latest").GetProperty("value").GetDecimal().ShouldBe(98500m);
    }

    [Fact]
    public async Task Both_names_of_known_at_a_cut_off_after_today_and_a_malformed_known_at_are_refused()
    {
        var resolution = await ResolutionAsync("KL-HNGNK-2023");
        var target = (await app.GetAsync($"/api/targets?resolutionId={resolution}")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var tomorrow = app.Clock.GetUtcNow().AddDays(2).ToString("yyyy-MM-dd");

        (await app.GetAsync($"/api/targets/{target}?knownAt=2023-07-01&asOf=2023-07-01", 400)).ErrorFields().ShouldBe(["knownAt", "asOf"], ignoreOrder: true);
        (await app.GetAsync($"/api/resolutions/{resolution}/overview?knownAt=2023-07-01&asOf=2023-07-01", 400)).ErrorFields()
            .ShouldBe(["knownAt", "asOf"], ignoreOrder: true);
        (await app.GetAsync($"/api/targets/{target}?cutOff={tomorrow}", 400)).ErrorFields().ShouldBe(["cutOff"]);
        (await app.GetAsync($"/api/targets/{target}?cutOff=30/06/2023", 400)).ErrorFields().ShouldBe(["cutOff"]);
        (await app.GetAsync($"/api/targets/{target}?includeSubmitted=maybe", 400)).ErrorFields().ShouldBe(["includeSubmitted"]);

        var events = await app.EventCountAsync();
        var refused = await app.RefusedAsync(() => app.PostAsync($"/api/resolutions/{resolution}/reviews",
            new { kind = "MidTerm", cutOff = "2023-06-30", knownAt = "hôm qua" }, 400));
        refused.ErrorFields().ShouldBe(["knownAt"]);
        (await app.EventCountAsync()).ShouldBe(events);
    }
}
