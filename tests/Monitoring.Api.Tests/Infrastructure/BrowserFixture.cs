using Microsoft.Playwright;
using Monitoring.Api.Infrastructure.Security;

namespace Monitoring.Api.Tests.Infrastructure;

/// <summary>
/// The service as a real process (Development, so the local sign-in page is on) over its own database with the five seed
/// documents imported, and Debian's chromium driven by Playwright: no browser is downloaded (STACK.md).
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DevelopmentSigningKey = "development-only-key-do-not-use-in-production-0123456789";

    private ServiceProcess? _service;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ServiceProcess Service => _service ?? throw new InvalidOperationException("not started");
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("not started");
    public string ConnectionString { get; private set; } = "";

    /// <summary>Where the run's screenshots go (TestResults/screenshots at the repository root).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(SolutionPaths.Root, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does.");
        ConnectionString = await TestDatabases.CreateDatabaseAsync(GetType().Name);
        _service = ServiceProcess.Launch(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Monitoring"] = ConnectionString,
            ["Seeds__ImportAtStartup"] = "true",
            ["Limits__RequestsPerWindow"] = "100000",
            ["CodeGeneration__Development"] = "Static",
        });
        await _service.WaitUntilReadyAsync();
        await WaitForSeedsAsync();
        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    /// <summary>Seeds import in the background after start: wait until the five resolutions are there.</summary>
    private async Task WaitForSeedsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/resolutions");
        var token = Token(Roles.Committee);
        for (var i = 0; i < 240; i++)
        {
            using var ask = new HttpRequestMessage(HttpMethod.Get, "/api/resolutions");
            ask.Headers.Authorization = new("Bearer", token);
            var answer = await Service.Http.SendAsync(ask);
            var body = await answer.Content.ReadAsStringAsync();
            if (answer.IsSuccessStatusCode && System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("totalItems").GetInt32() >= 5) return;
            await Task.Delay(500);
        }
        throw new TimeoutException("The seeds were not imported: " + Service.Output);
    }

    /// <summary>A bearer token the Development service accepts (for arranging data through the API).</summary>
    public static string Token(string role, string? unit = null, string? user = null) =>
        TokenIssuer.Mint(new AuthOptions { SigningKey = DevelopmentSigningKey }, user ?? $"{role}.{unit ?? "tinh"}@test", role, unit,
            TimeSpan.FromHours(2), DateTimeOffset.UtcNow);

    /// <summary>A fresh browser context (its own cookies) of the given width: 1280 for a laptop, 390 for a phone.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, string locale = "vi-VN")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Service.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the Development sign-in page, as a person would.</summary>
    public static async Task SignInAsync(IPage page, string role, string? unitCode = null, string? name = null)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Vai trò").SelectOptionAsync(role);
        if (unitCode is not null) await page.GetByLabel("Đơn vị (với đơn vị báo cáo)").SelectOptionAsync(unitCode);
        if (name is not null) await page.GetByLabel("Tên người dùng (ghi vào dữ liệu bạn nhập)").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/sign-in"));
    }

    public static Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = fullPage });

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_service is not null) await _service.DisposeAsync();
    }
}
