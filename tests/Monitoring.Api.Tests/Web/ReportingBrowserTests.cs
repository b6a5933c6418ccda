using Microsoft.Playwright;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Web;

/// <summary>The committee's reporting, audit and verification pages in a real browser over the service with the five seeds.</summary>
[Collection(BrowserCollection.Name)]
public class ReportingBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_committee_reads_reporting_completeness_the_audit_trail_and_its_verification()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "committee", name: "uy.vien.btv");

        await page.GetByRole(AriaRole.Link, new() { Name = "Tình hình báo cáo" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/reporting"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tình hình báo cáo", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".tally li").First).ToBeVisibleAsync();
        // Another period, chosen from the select: the page is redrawn for it (the seeds' year 2025 reports).
        await page.GetByLabel("Kỳ báo cáo", new() { Exact = true }).SelectOptionAsync("2025");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem" }).Last.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("period=2025"));
        await Assertions.Expect(page.Locator("p.lead")).ToContainTextAsync("năm 2025");
        await Assertions.Expect(page.Locator("#reporting-rate")).ToContainTextAsync("%");
        await BrowserFixture.ScreenshotAsync(page, "reporting");

        await page.GetByRole(AriaRole.Link, new() { Name = "Nhật ký" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/audit"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nhật ký thay đổi dữ liệu", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table.audit tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("nav.pager")).ToContainTextAsync("Trang 1 /");
        await page.GetByLabel("Loại thay đổi", new() { Exact = true }).SelectOptionAsync("SubmissionApproved");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("eventType=SubmissionApproved"));
        await Assertions.Expect(page.Locator("table.audit tbody tr").First).ToContainTextAsync("Phê duyệt báo cáo");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Tải các mục này (CSV)" }))
            .ToHaveAttributeAsync("href", "/audit/export?eventType=SubmissionApproved");
        await BrowserFixture.ScreenshotAsync(page, "audit");

        await page.GetByRole(AriaRole.Link, new() { Name = "Kiểm tra tính toàn vẹn của nhật ký" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/audit/verify"));
        await Assertions.Expect(page.Locator(".verdict")).ToContainTextAsync("Hợp lệ");
        await Assertions.Expect(page.Locator("code.hash")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{64}$"));
        await BrowserFixture.ScreenshotAsync(page, "verify");
    }

    [Fact]
    public async Task The_secretariat_opens_its_approval_queue_and_the_explanation_requests()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "secretariat", name: "van.phong");

        await page.GetByRole(AriaRole.Link, new() { Name = "Duyệt báo cáo" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/submissions"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Duyệt báo cáo", Level = 1 })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "submissions");

        await page.GetByRole(AriaRole.Link, new() { Name = "Giải trình", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/explanations"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Yêu cầu giải trình", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Chỉ tiêu cần giải trình", Level = 2 })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "explanations");
    }

    [Fact]
    public async Task The_reporting_page_fits_a_phone()
    {
        var page = await browser.NewPageAsync(width: 390);
        await BrowserFixture.SignInAsync(page, "committee");
        await page.GotoAsync("/reporting");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tình hình báo cáo", Level = 1 })).ToBeVisibleAsync();
        // Tables scroll inside their frame; the page itself does not scroll sideways.
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
        overflow.ShouldBeFalse();
        await BrowserFixture.ScreenshotAsync(page, "reporting-390");
    }
}
