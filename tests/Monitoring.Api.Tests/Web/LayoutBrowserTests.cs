using Microsoft.Playwright;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Web;

/// <summary>What every page shares, tried in a real browser: language, narrow screens, keyboard, labels.</summary>
[Collection(BrowserCollection.Name)]
public class LayoutBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Pages_speak_Vietnamese_by_default_and_English_after_the_switch_and_back()
    {
        var page = await browser.NewPageAsync(locale: "en-US");
        await BrowserFixture.SignInAsync(page, "committee");
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("vi");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Resolutions", Level = 1 })).ToBeVisibleAsync();
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("en");
        page.Url.ShouldEndWith("/resolutions");
        await page.GetByRole(AriaRole.Link, new() { Name = "Tiếng Việt" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Các nghị quyết", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task At_390_pixels_the_dashboard_fits_the_screen_without_sideways_scrolling()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await BrowserFixture.SignInAsync(page, "committee");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        width.ShouldBeLessThanOrEqualTo(390);
        await BrowserFixture.ScreenshotAsync(page, "resolutions-390px");
    }

    [Fact]
    public async Task The_keyboard_reaches_the_content_first_and_every_field_has_a_label()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "committee");
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("document.activeElement.textContent.trim()")).ShouldBe("Bỏ qua, đến nội dung chính");
        await page.Keyboard.PressAsync("Enter");
        (await page.EvaluateAsync<string>("document.activeElement.id")).ShouldBe("main");
        var unlabelled = await page.EvaluateAsync<string[]>(
            "[...document.querySelectorAll('input:not([type=hidden]), select, textarea')]" +
            ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.name || e.id)");
        unlabelled.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_as_of_day_typed_the_Vietnamese_way_redraws_the_dashboard_for_that_day()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "committee");
        await page.GetByLabel("Số liệu tính đến ngày").FillAsync("30/06/2023");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem" }).ClickAsync();
        await Assertions.Expect(page.Locator(".lead")).ToContainTextAsync("30/06/2023");
        (await page.GetByLabel("Số liệu tính đến ngày").InputValueAsync()).ShouldBe("30/06/2023");
    }

    [Fact]
    public async Task A_stranger_is_sent_to_sign_in_and_comes_back_to_the_page_asked_for()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/resolutions?asOf=2023-06-30");
        page.Url.ShouldContain("/sign-in");
        await page.GetByLabel("Vai trò").SelectOptionAsync("committee");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/resolutions?asOf=2023-06-30"));
        await Assertions.Expect(page.Locator(".lead")).ToContainTextAsync("30/06/2023");
    }
}
