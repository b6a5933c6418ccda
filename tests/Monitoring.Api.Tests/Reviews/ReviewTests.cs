using System.Security.Cryptography;
using System.Text.Json;
using Alba;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.AspNetCore.Hosting;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Api.Tests.Seeds;

namespace Monitoring.Api.Tests.Reviews;

/// <summary>The seeds are recorded on 29 June 2023; the mid-term review is generated on 15 July with figures up to 30 June.</summary>
public class ReviewTests(ReviewTests.Seeded app) : IClassFixture<ReviewTests.Seeded>
{
    public sealed class Seeded : AppFixture
    {
        protected override DateTimeOffset StartsAt => new(2023, 6, 29, 2, 0, 0, TimeSpan.Zero);

        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Seeds:ImportAtStartup", "true");
            builder.UseSetting("Seeds:Directory", SeedImportTests.SeedFolder);
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Clock.SetUtcNow(new DateTimeOffset(2023, 7, 15, 2, 0, 0, TimeSpan.Zero));
        }
    }

    private async Task<Guid> ResolutionAsync(string number) =>
        (await app.GetAsync($"/api/resolutions?search={Uri.EscapeDataString(number)}")).GetProperty("items")[0].GetProperty("id").GetGuid();

    private async Task<(JsonElement Created, byte[] Docx, JsonElement Data)> GenerateAsync(Guid resolution, string cutOff = "2023-06-30")
    {
        var created = await app.PostAsync($"/api/resolutions/{resolution}/reviews", new { kind = "MidTerm", cutOff }, 201);
        var committee = app.TokenFor(Roles.Committee);
        var docx = await app.Host.Scenario(s =>
        {
            s.Get.Url(created.GetProperty("document").GetString()!);
            s.Authorized(committee);
            s.ContentTypeShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        });
        var bytes = new MemoryStream();
        await docx.Context.Response.Body.CopyToAsync(bytes);
        var data = await app.GetAsync(created.GetProperty("data").GetString()!, token: committee);
        return (created, bytes.ToArray(), data);
    }

    private static List<string[]> TargetRows(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var table = document.MainDocumentPart!.Document.Body!.Elements<Table>()
            .Single(t => t.Elements<TableRow>().First().InnerText.Contains("Đánh giá"));
        return table.Elements<TableRow>().Skip(1)
            .Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray()).ToList();
    }

    private static string Text(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return string.Join("\n", document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText));
    }

    [Fact]
    public async Task A_mid_term_review_of_a_seed_resolution_lists_every_target_with_its_numbers_and_status()
    {
        var resolution = await ResolutionAsync("KL-DT-XI-BIENGIOI-2021-2025");
        var (created, docx, data) = await GenerateAsync(resolution);
        SaveSample(docx);

        // 18 targets of the text's numbers, and HT-01.1 for its "02 cửa khẩu quốc tế" (issue 17).
        created.GetProperty("targets").GetInt32().ShouldBe(19);
        created.GetProperty("documentSha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(docx)));
        var rows = TargetRows(docx);
        rows.Count.ShouldBe(19);
        var targets = (await app.GetAsync($"/api/targets?resolutionId={resolution}&pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        foreach (var target in targets)
            rows.ShouldContain(r => r[1].StartsWith(target.GetProperty("code").GetString()! + " "), target.GetProperty("code").GetString());

        // "15/22 xã ... đạt chuẩn nông thôn mới" at the end of 2020, all 22 by 2025.
        var communes = rows.Single(r => r[1].StartsWith("VH-05 "));
        communes[2].ShouldBe("xã");
        communes[3].ShouldBe("15 (năm 2020)");
        communes[4].ShouldStartWith("22/22");
        communes[5].ShouldBe("15 (chính thức, năm 2020)");
        // That figure only repeats the 2020 baseline: no later count, no data (issue 17; it read "khó đạt" before).
        communes[8].ShouldBe("chưa có số liệu");
        // "hằng năm, hỗ trợ việc làm cho hơn 6.150 lao động": no figure yet.
        var jobs = rows.Single(r => r[1].StartsWith("VH-08 "));
        jobs[4].ShouldStartWith("≥ 6.150");
        jobs[5].ShouldBe("Chưa có số liệu");
        jobs[8].ShouldBe("chưa có số liệu");
        // "tỷ lệ hộ nghèo giảm còn dưới 3,0%": written back as the text wrote it.
        rows.Single(r => r[1].StartsWith("VH-07 "))[4].ShouldStartWith("≤ 3,0");
        rows.Single(r => r[1].StartsWith("VH-02 "))[4].ShouldStartWith("≥ 92,3");

        var text = Text(docx);
        text.ShouldContain("BÁO CÁO");
        text.ShouldContain("Sơ kết giữa nhiệm kỳ thực hiện Kết luận số KL-DT-XI-BIENGIOI-2021-2025");
        text.ShouldContain("Số: ….-BC/TU");
        text.ShouldContain("I. KẾT QUẢ THỰC HIỆN");
        text.ShouldContain("II. HẠN CHẾ, NGUYÊN NHÂN");
        text.ShouldContain("III. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI");
        text.ShouldContain(created.GetProperty("auditHeadHash").GetString()!);

        var content = data.GetProperty("content");
        content.GetProperty("tasks").GetProperty("items").GetArrayLength().ShouldBe(76);
        content.GetProperty("cutOff").GetString().ShouldBe("2023-06-30");
    }

    [Fact]
    public async Task The_review_is_recorded_with_the_events_behind_its_figures_and_a_revision_after_the_cut_off_changes_nothing()
    {
        var resolution = await ResolutionAsync("KL-HNGNK-2023");
        var (first, firstDocx, firstData) = await GenerateAsync(resolution);
        // 004 has two targets since issue 17: budget revenue (KT-01) and economic growth (KT-02, 7,36%, goal set by the congress).
        var budget = TargetRows(firstDocx).Single(r => r[1].StartsWith("KT-01 "));
        budget[5].ShouldBe("15,4 (ước tính, giai đoạn 2021 - 2023)");
        budget[8].ShouldBe("đạt/vượt");
        var industry = TargetRows((await GenerateAsync(await ResolutionAsync("NQ-HNA-PTCN-2021-2025"))).Docx).Single(r => r[1].StartsWith("CN-01 "));
        industry[3].ShouldBe("17,53 (năm 2020)");

        // The event on the resolution names the figure's stored event.
        var reviewed = firstData.GetProperty("content").GetProperty("targets")[0].GetProperty("latest").GetProperty("source");
        var history = (await app.GetAsync($"/api/resolutions/{resolution}/history?limit=1000", token: app.TokenFor(Roles.Committee)))
            .GetProperty("entries").EnumerateArray().ToList();
        var figureEvent = history.Single(e => e.GetProperty("eventId").GetGuid() == reviewed.GetProperty("eventId").GetGuid());
        figureEvent.GetProperty("eventType").GetString().ShouldBe("progress_reported");
        figureEvent.GetProperty("sequence").GetInt64().ShouldBe(reviewed.GetProperty("sequence").GetInt64());
        history.ShouldContain(e => e.GetProperty("eventType").GetString() == "review_generated");

        // On 15 July the estimate is revised; the review as of 30 June does not move.
        // The imported figures are approved, so the unit's period is locked: the secretariat grants an exception, the
        // revision goes back for approval, and the secretariat approves it.
        var target = firstData.GetProperty("content").GetProperty("targets")[0].GetProperty("targetId").GetGuid();
        foreach (var approved in (await app.GetAsync($"/api/submissions?resolutionId={resolution}&state=Approved&pageSize=500")).GetProperty("items").EnumerateArray())
            await app.PostAsync($"/api/submissions/{approved.GetProperty("id").GetGuid()}/lock-exceptions",
                new { reason = "Cục Thống kê công bố số sơ bộ năm 2023", expiresAt = "2023-07-31T17:00:00+07:00" }, 200);
        await app.PostAsync($"/api/targets/{target}/figures/{reviewed.GetProperty("figureId").GetGuid()}/revisions",
            new { value = 14.9, stage = "Preliminary", reason = "Số liệu sơ bộ năm 2023" }, 201);
        await app.ApproveSubmittedAsync();
        var (_, secondDocx, secondData) = await GenerateAsync(resolution);
        secondData.GetProperty("content").GetProperty("targets").GetRawText()
            .ShouldBe(firstData.GetProperty("content").GetProperty("targets").GetRawText());
        TargetRows(secondDocx).Single(r => r[1].StartsWith("KT-01 "))[5].ShouldBe("15,4 (ước tính, giai đoạn 2021 - 2023)");

        // Today's review sees the revision.
        var (_, todayDocx, _) = await GenerateAsync(resolution, "2023-07-15");
        TargetRows(todayDocx).Single(r => r[1].StartsWith("KT-01 "))[5].ShouldBe("14,9 (sơ bộ, giai đoạn 2021 - 2023)");

        // The stored document is the one whose hash the event recorded.
        var reviews = (await app.GetAsync($"/api/resolutions/{resolution}/reviews", token: app.TokenFor(Roles.Committee))).EnumerateArray().ToList();
        reviews.Count.ShouldBe(3);
        reviews[0].GetProperty("documentSha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(firstDocx)));
        first.GetProperty("auditHeadHash").GetString()!.Length.ShouldBe(64);
    }

    [Fact]
    public async Task The_committee_records_its_conclusion_and_it_appears_in_the_history()
    {
        var resolution = await ResolutionAsync("NQ-HNA-PTCN-2021-2025");
        var (created, _, data) = await GenerateAsync(resolution);
        var reviewId = created.GetProperty("reviewId").GetGuid();
        var target = data.GetProperty("content").GetProperty("targets")[0].GetProperty("targetId").GetGuid();
        var committee = app.TokenFor(Roles.Committee, user: "bi.thu.tinh.uy");

        await app.RefusedAsync(() => app.PostAsync($"/api/resolutions/{resolution}/reviews/{reviewId}/conclusions", new { text = "x" }, 403));
        await app.PostAsync($"/api/resolutions/{resolution}/reviews/{reviewId}/conclusions", new
        {
            text = "Cơ bản thống nhất với báo cáo sơ kết; tập trung tháo gỡ khó khăn cho các dự án công nghiệp.",
            decisions = new[] { "Giao Ban cán sự đảng UBND tỉnh rà soát chỉ tiêu thu hút đầu tư" },
            targetsToAdjust = new[] { new { targetId = target, proposal = "Xem xét điều chỉnh theo tình hình thực tế" } },
        }, 200, token: committee);

        var reviews = (await app.GetAsync($"/api/resolutions/{resolution}/reviews", token: committee)).EnumerateArray().ToList();
        reviews.Single().GetProperty("conclusions")[0].GetProperty("concludedBy").GetString().ShouldBe("bi.thu.tinh.uy");
        var history = (await app.GetAsync($"/api/resolutions/{resolution}/history?limit=1000", token: committee)).GetProperty("entries").EnumerateArray();
        var concluded = history.Single(e => e.GetProperty("eventType").GetString() == "review_concluded");
        concluded.GetProperty("user").GetString().ShouldBe("bi.thu.tinh.uy");
        concluded.GetProperty("summary").GetString()!.ShouldStartWith("Ban Thường vụ kết luận về báo cáo");
        await app.RefusedAsync(() => app.PostAsync($"/api/resolutions/{resolution}/reviews/{Guid.NewGuid()}/conclusions", new { text = "x" }, 404, token: committee));
    }

    [Fact]
    public async Task A_review_cannot_look_past_today_or_name_an_unknown_resolution()
    {
        var resolution = await ResolutionAsync("KL-HNGNK-2023");
        (await app.RefusedAsync(() => app.PostAsync($"/api/resolutions/{resolution}/reviews", new { kind = "Final", cutOff = "2025-12-31" }, 400)))
            .ErrorFields().ShouldBe(["cutOff"]);
        await app.RefusedAsync(() => app.PostAsync($"/api/resolutions/{Guid.NewGuid()}/reviews", new { kind = "Final", cutOff = "2023-06-30" }, 404));
    }

    /// <summary>CI opens this document with LibreOffice (.ci/check-docx) to prove it is a valid Word file.</summary>
    private static void SaveSample(byte[] docx)
    {
        var folder = Path.Combine(SolutionPaths.Root, "TestResults");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "review-sample.docx"), docx);
    }
}
