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
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
