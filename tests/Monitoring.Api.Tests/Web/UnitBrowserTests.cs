using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Web;

/// <summary>
/// A district clerk in a real browser (Debian's chromium) on the running service with the real clock: sees what is due,
/// opens the form for the overdue half-year, types a figure the Vietnamese way, saves the draft and sends the report.
/// The seeds' resolutions ended in 2025, so each test arranges its own unit and a 2026–2027 resolution through the API
/// (imported with an issue date in January 2026, so the unit owes the first half of 2026, whose due date has passed).
/// </summary>
[Collection(BrowserCollection.Name)]
public class UnitBrowserTests(BrowserFixture browser)
{
    private sealed record Arranged(string UnitCode, string Number, Guid Resolution, Guid Target, Guid Task);

    /// <summary>A unit of its own with a target (tỷ đồng) and a task of a resolution running 2026–2027, through the import endpoint.</summary>
    private async Task<Arranged> ArrangeAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var unit = $"HUYEN-{tag}";
        var number = $"{tag}-NQ/TU";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/resolutions/import")
        {
            Content = JsonContent.Create(new
            {
                units = new[] { new { code = unit, name = $"Ủy ban nhân dân huyện {tag}", kind = "Department" } },
                resolution = new
                {
                    number, kind = "Resolution", issuingBody = "Tỉnh ủy", issueDate = "2026-01-15", periodStartYear = 2026, periodEndYear = 2027,
                    title = $"Nghị quyết {number} về phát triển kinh tế huyện {tag}", fields = new[] { "Kinh tế", "Hạ tầng" },
                },
                targets = new[]
                {
                    new { code = "KT-01", field = "Kinh tế", statement = $"Thu ngân sách trên địa bàn huyện {tag} đạt trên 30.000 tỷ đồng", shape = "LevelAtLeast",
                        minimum = "30.000", unitOfMeasure = "tỷ đồng", targetYear = 2027, lead = unit },
                },
                tasks = new[] { new { code = "HT-01", group = "Hạ tầng", statement = $"Hoàn thành đường liên xã huyện {tag}", lead = unit, deadline = "2027-06-30" } },
            }),
        };
        request.Headers.Authorization = new("Bearer", BrowserFixture.Token(Roles.Secretariat));
        var answer = await browser.Service.Http.SendAsync(request);
        var body = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        var resolution = JsonDocument.Parse(body).RootElement.GetProperty("resolutionId").GetGuid();
        var target = (await GetAsync($"/api/targets?resolutionId={resolution}")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var task = (await GetAsync($"/api/tasks?resolutionId={resolution}")).GetProperty("items")[0].GetProperty("id").GetGuid();
        return new Arranged(unit, number, resolution, target, task);
    }

    private async Task<JsonElement> GetAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", BrowserFixture.Token(Roles.Secretariat));
        var answer = await browser.Service.Http.SendAsync(request);
        var body = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static ILocator FormLink(IPage page, Arranged a) =>
        page.GetByRole(AriaRole.Link, new() { Name = $"Lập báo cáo: {a.Number}, 6 tháng đầu năm 2026", Exact = true });

    [Fact]
    public async Task A_clerk_sees_the_overdue_half_year_types_a_vietnamese_figure_saves_the_draft_and_sends_the_report()
    {
        var a = await ArrangeAsync();
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "reporter", a.UnitCode, name: "van.thu.huyen");
        await page.GotoAsync("/unit");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Việc cần báo cáo", Level = 1 })).ToBeVisibleAsync();
        var row = page.Locator("tr").Filter(new() { Has = FormLink(page, a) });
        await Assertions.Expect(row).ToContainTextAsync("6 tháng đầu năm 2026");
        await Assertions.Expect(row).ToContainTextAsync("quá hạn");
        await Assertions.Expect(row).ToContainTextAsync("chưa lập");
        await BrowserFixture.ScreenshotAsync(page, "unit-due");

        await FormLink(page, a).ClickAsync();
        await page.WaitForURLAsync($"**/unit/reports/{a.Resolution}/2026-H1");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Báo cáo 6 tháng đầu năm 2026", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Số liệu (tỷ đồng)", new() { Exact = true }).FillAsync("29.240,3");
        await page.GetByLabel("Mức độ số liệu").SelectOptionAsync(new SelectOptionValue { Label = "sơ bộ" });
        await page.GetByLabel("Nguồn số liệu").FillAsync("Chi cục Thống kê huyện");
        await page.GetByLabel("Tỷ lệ hoàn thành (%)").FillAsync("40");
        await page.GetByLabel("Kết quả đạt được").FillAsync("Thu ngân sách 6 tháng đạt 48% dự toán năm.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu nháp" }).ClickAsync();

        await Assertions.Expect(page.Locator("#confirmation")).ToContainTextAsync("Đã lưu bản nháp");
        await Assertions.Expect(page.Locator("#report-state")).ToContainTextAsync("bản nháp");
        await Assertions.Expect(page.GetByLabel("Số liệu (tỷ đồng)", new() { Exact = true })).ToHaveValueAsync("29.240,3");
        await BrowserFixture.ScreenshotAsync(page, "unit-form");

        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await Assertions.Expect(page.Locator("#confirmation")).ToContainTextAsync("Đã gửi báo cáo 6 tháng đầu năm 2026");
        await Assertions.Expect(page.Locator("#report-state")).ToContainTextAsync("đã gửi, chờ duyệt");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Lưu nháp" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("29.240,3");
        await BrowserFixture.ScreenshotAsync(page, "unit-sent");

        var status = await GetAsync($"/api/targets/{a.Target}");
        status.GetProperty("awaitingApproval")[0].GetProperty("value").GetDecimal().ShouldBe(29240.3m);
        status.GetProperty("awaitingApproval")[0].GetProperty("stage").GetString().ShouldBe("Preliminary");
        (await GetAsync($"/api/tasks/{a.Task}")).GetProperty("percentDone").GetInt32().ShouldBe(40);
    }

    [Fact]
    public async Task At_390_px_the_due_list_and_the_form_fit_the_screen_without_a_horizontal_scroll()
    {
        var a = await ArrangeAsync();
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await BrowserFixture.SignInAsync(page, "reporter", a.UnitCode);
        await page.GotoAsync("/unit");
        await Assertions.Expect(FormLink(page, a)).ToHaveCountAsync(1);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);

        await page.GotoAsync($"/unit/reports/{a.Resolution}/2026-H1");
        await Assertions.Expect(page.GetByLabel("Số liệu (tỷ đồng)", new() { Exact = true })).ToBeVisibleAsync();
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        // A value that is not a number: the message beside the field, still within the screen.
        await page.GetByLabel("Số liệu (tỷ đồng)", new() { Exact = true }).FillAsync("khoảng ba mươi nghìn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu nháp" }).ClickAsync();
        await Assertions.Expect(page.Locator("#fig-0-value-error")).ToContainTextAsync("Không phải là số");
        await Assertions.Expect(page.GetByLabel("Số liệu (tỷ đồng)", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        await BrowserFixture.ScreenshotAsync(page, "unit-form-390");
    }
    [Fact]
    public async Task A_report_sent_through_the_form_reaches_the_committees_pages_and_counts_once_the_secretariat_approves_it()
    {
        var a = await ArrangeAsync();
        var clerk = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(clerk, "reporter", a.UnitCode, name: "van.thu.huyen");
        await clerk.GotoAsync($"/unit/reports/{a.Resolution}/2026-H1");
        await clerk.GetByLabel("Số liệu (tỷ đồng)", new() { Exact = true }).FillAsync("29.240,3");
        await clerk.GetByLabel("Mức độ số liệu").SelectOptionAsync(new SelectOptionValue { Label = "ước tính" });
        await clerk.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await Assertions.Expect(clerk.Locator("#report-state")).ToContainTextAsync("đã gửi, chờ duyệt");

        // The committee sees the unit's report in the period's completeness (sent after its due date) and the figure waiting on the target.
        var committee = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(committee, "committee", name: "uy.vien.btv");
        await committee.GotoAsync($"/reporting?period=2026-H1&resolutionId={a.Resolution}");
        await Assertions.Expect(committee.Locator("#late ~ .table-wrap").First).ToContainTextAsync(a.UnitCode);
        await committee.GotoAsync($"/targets/{a.Target}");
        await Assertions.Expect(committee.GetByText("Số liệu chờ phê duyệt")).ToBeVisibleAsync();
        await Assertions.Expect(committee.Locator("main")).ToContainTextAsync("29.240,3");

        // The secretariat approves it through its page; the committee's resolution page then counts it.
        var secretariat = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(secretariat, "secretariat", name: "chuyen.vien.vp");
        var submission = (await GetAsync($"/api/submissions?resolutionId={a.Resolution}&state=Submitted")).GetProperty("items")[0].GetProperty("id").GetGuid();
        await secretariat.GotoAsync($"/submissions/{submission}");
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Phê duyệt báo cáo" }).ClickAsync();
        await Assertions.Expect(secretariat.Locator("main")).ToContainTextAsync("đã phê duyệt");

        await committee.GotoAsync("/resolutions");
        await committee.GetByRole(AriaRole.Link, new() { Name = a.Number, Exact = true }).ClickAsync();
        var row = committee.Locator("tr").Filter(new() { HasText = "KT-01" });
        await Assertions.Expect(row).ToContainTextAsync("29.240,3");
        await Assertions.Expect(row).ToContainTextAsync("ước tính");
        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(committee.Locator("svg[role=img]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_clerk_opening_another_units_pages_is_refused_and_shown_none_of_its_data()
    {
        var mine = await ArrangeAsync();
        var theirs = await ArrangeAsync();
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "reporter", mine.UnitCode);
        var theirUnit = (await GetAsync($"/api/targets/{theirs.Target}")).GetProperty("leadUnitId").GetGuid();

        foreach (var url in new[]
                 {
                     $"/targets/{theirs.Target}", $"/tasks/{theirs.Task}", $"/unit?unitId={theirUnit}",
                     $"/unit/reports/{theirs.Resolution}/2026-H1?unitId={theirUnit}", "/reporting", "/audit", "/explanations",
                 })
        {
            var answer = await page.GotoAsync(url);
            answer!.Status.ShouldBe(403, url);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Không có quyền truy cập", Level = 1 })).ToBeVisibleAsync();
            var text = await page.Locator("body").InnerTextAsync();
            text.ShouldNotContain(theirs.UnitCode, customMessage: url);
            text.ShouldNotContain("Thu ngân sách trên địa bàn huyện " + theirs.UnitCode[6..], customMessage: url);
        }
        await BrowserFixture.ScreenshotAsync(page, "refused");
    }
}
