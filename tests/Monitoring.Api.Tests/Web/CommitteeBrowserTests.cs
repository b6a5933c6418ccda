using Microsoft.Playwright;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Web;

/// <summary>The committee's pages in a real browser (Debian's chromium) over the service with the five seeds.</summary>
[Collection(BrowserCollection.Name)]
public class CommitteeBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_committee_signs_in_and_sees_every_seed_resolution_with_its_targets_counted_by_colour()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "committee", name: "uy.vien.btv");
        page.Url.ShouldEndWith("/resolutions");
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("vi");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Các nghị quyết", Level = 1 })).ToBeVisibleAsync();
        // The browser tests share one service: other tests add resolutions of their own (the unit pages do), so at least the five seeds.
        (await page.Locator(".card").CountAsync()).ShouldBeGreaterThanOrEqualTo(5);
        await Assertions.Expect(page.GetByText("KL-DT-XI-BIENGIOI-2021-2025")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "resolutions");
        // The dashboard at the end of 2023, as the README shows it.
        await page.GotoAsync("/resolutions?asOf=2023-12-31");
        await Assertions.Expect(page.Locator(".lead")).ToContainTextAsync("31/12/2023");
        await BrowserFixture.ScreenshotAsync(page, "dashboard-2023", fullPage: false);
    }

    [Fact]
    public async Task The_committee_walks_a_seed_resolution_down_to_a_targets_chart()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "committee", name: "uy.vien.btv");

        await page.GetByRole(AriaRole.Link, new() { Name = "KL-QNG-6T-2023", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/resolutions/"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "KL-QNG-6T-2023", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Chỉ tiêu theo lĩnh vực" })).ToBeVisibleAsync();
        // The seed's first-half estimate of GRDP, written the Vietnamese way, with its stage and period.
        await Assertions.Expect(page.GetByText("29.240,3 tỷ đồng")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("ước tính, 6 tháng đầu năm 2023").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "resolution");

        await page.GetByRole(AriaRole.Link, new() { Name = "Tổng sản phẩm trên địa bàn tỉnh (GRDP) (chỉ tiêu năm 2023", Exact = false }).First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/targets/"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Chỉ tiêu KT-01", Level = 1, Exact = false })).ToBeVisibleAsync();
        var chart = page.Locator("svg[role=img]");
        await Assertions.Expect(chart).ToBeVisibleAsync();
        (await chart.Locator("g.point.estimate").CountAsync()).ShouldBeGreaterThan(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Diễn biến số liệu chỉ tiêu KT-01", Exact = false })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "target");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
