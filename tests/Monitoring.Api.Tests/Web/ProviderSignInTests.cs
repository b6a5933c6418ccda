using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Web;

/// <summary>
/// The pages' sign-in as it runs in production: the service in its own process (Production, no signing key) trusting an
/// OpenID Connect provider (<see cref="TestIdentityProvider"/>, on loopback), signing people in by the code flow with PKCE;
/// the API accepting the same provider's access tokens. And without any provider, no way to sign in to the pages at all.
/// </summary>
public partial class ProviderSignInTests(ProviderSignInTests.World world) : IClassFixture<ProviderSignInTests.World>
{
    public const string Unit = "DON-VI-OIDC";

    /// <summary>The provider, and the service trusting it over a fresh database; unit <see cref="Unit"/> registered with a provider token.</summary>
    public sealed class World : IAsyncLifetime
    {
        public TestIdentityProvider Provider { get; private set; } = null!;
        public ServiceProcess Service { get; private set; } = null!;
        public string SecretariatAccessToken { get; private set; } = "";
        public Guid Resolution { get; private set; }

        public static readonly TestIdentityProvider.User Secretariat = new("vp-01", "Trần Thị Văn Phòng", Roles.Secretariat);

        public async Task InitializeAsync()
        {
            Provider = await TestIdentityProvider.StartAsync();
            var database = await TestDatabases.CreateDatabaseAsync(nameof(ProviderSignInTests));
            Service = ServiceProcess.Launch(new Dictionary<string, string>
            {
                ["ConnectionStrings__Monitoring"] = database,
                ["Auth__Authority"] = Provider.Issuer,
                ["Auth__WebClientId"] = TestIdentityProvider.ClientId,
                ["Auth__WebClientSecret"] = TestIdentityProvider.ClientSecret,
                ["Auth__RequireHttpsMetadata"] = "false",
                // No signing key here, so the events' seal key must be given on its own (Audit/AuditChain.cs).
                ["Audit__SealKey"] = "seal-key-of-the-provider-sign-in-tests-0123456789",
            });
            Provider.AllowRedirectsTo(Service.BaseAddress);
            await Service.WaitUntilReadyAsync();

            // Arranged through the API with the provider's own access token (audience monitoring-api), as an integrator would.
            SecretariatAccessToken = (await Provider.SignInDirectlyAsync(Secretariat, Service.BaseAddress)).AccessToken;
            var unitId = (await PostAsync("/api/units", new { code = Unit, name = "Đơn vị đăng nhập qua OIDC", kind = "Department" })).GetProperty("id").GetGuid();
            var otherId = (await PostAsync("/api/units", new { code = "DON-VI-KHAC", name = "Đơn vị khác", kind = "Department" })).GetProperty("id").GetGuid();
            Resolution = (await PostAsync("/api/resolutions", new
            {
                number = "15-NQ/OIDC", kind = "Resolution", issuingBody = "Tỉnh ủy", issueDate = "2021-10-20", periodStartYear = 2021, periodEndYear = 2025,
                title = "Nghị quyết thử đăng nhập", fields = new[] { "Kinh tế" },
                targets = new object[]
                {
                    new { field = "Kinh tế", statement = "Chỉ tiêu của đơn vị OIDC", shape = "LevelAtLeast", minimum = 10, unitOfMeasure = "%", targetYear = 2025, leadUnitId = unitId },
                    new { field = "Kinh tế", statement = "Chỉ tiêu của đơn vị khác", shape = "LevelAtLeast", minimum = 10, unitOfMeasure = "%", targetYear = 2025, leadUnitId = otherId },
                },
            })).GetProperty("id").GetGuid();
        }

        private async Task<JsonElement> PostAsync(string url, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SecretariatAccessToken);
            var answer = await Service.Http.SendAsync(request);
            var text = await answer.Content.ReadAsStringAsync();
            if (answer.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"POST {url} with the provider's token answered {(int)answer.StatusCode}: {text}\n{Service.Output}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }

        public async Task DisposeAsync()
        {
            if (Service is not null) await Service.DisposeAsync();
            if (Provider is not null) await Provider.DisposeAsync();
        }
    }

    /// <summary>A browser without JavaScript: follows redirects (service → provider → service) and keeps cookies.</summary>
    private sealed class Browser(Uri service, CookieContainer? cookies = null, bool follow = true) : IDisposable
    {
        public CookieContainer Cookies { get; } = cookies ?? new CookieContainer();
        private HttpClient? _http;
        public HttpClient Http => _http ??= new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = follow })
        {
            BaseAddress = service,
            Timeout = TimeSpan.FromSeconds(60),
        };

        public bool SignedIn => Cookies.GetAllCookies().Any(c => c.Name == "monitoring.signin" && !c.Expired);
        public void Dispose() => _http?.Dispose();
    }

    private async Task<(HttpResponseMessage Answer, string Html)> VisitAsync(Browser browser, string url)
    {
        var answer = await browser.Http.GetAsync(url);
        return (answer, await answer.Content.ReadAsStringAsync());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ApiGetAsync(string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var answer = await world.Service.Http.SendAsync(request);
        var text = await answer.Content.ReadAsStringAsync();
        return (answer.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [Fact]
    public async Task A_committee_member_signed_in_at_the_provider_lands_on_the_resolutions_page_with_the_providers_name_and_role()
    {
        world.Provider.NextUser = new("btv-01", "Nguyễn Văn Thường Vụ", Roles.Committee);
        using var browser = new Browser(world.Service.BaseAddress);
        var tokensBefore = world.Provider.TokensIssued;

        var (answer, html) = await VisitAsync(browser, "/resolutions");

        answer.StatusCode.ShouldBe(HttpStatusCode.OK, $"{html}\nprovider: {string.Join(" | ", world.Provider.Log)}\n{world.Service.Output}");
        answer.RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/resolutions");
        html.ShouldContain("<h1>Các nghị quyết</h1>");
        html.ShouldContain("Nguyễn Văn Thường Vụ · Ban Thường vụ");
        html.ShouldContain("15-NQ/OIDC");
        html.ShouldContain("2 chỉ tiêu"); // the committee sees both targets
        browser.SignedIn.ShouldBeTrue();
        // The service went through the provider: it sent the person to /authorize and exchanged the code (client secret and
        // PKCE verifier checked there).
        world.Provider.TokensIssued.ShouldBe(tokensBefore + 1);
        world.Provider.Log.ShouldContain("authorize ok btv-01");

        // The cookie is the pages' only: the API takes bearer tokens, never the cookie.
        (await browser.Http.GetAsync("/api/resolutions")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // Signing out ends the cookie and sends the person to the provider's end-session endpoint.
        var token = AntiforgeryToken().Match(html).Groups[1].Value;
        using var noFollow = new Browser(world.Service.BaseAddress, browser.Cookies, follow: false);
        var signOut = await noFollow.Http.PostAsync("/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signOut.Headers.Location!.ToString().ShouldStartWith(world.Provider.Issuer + "/logout");
        browser.SignedIn.ShouldBeFalse();
    }

    [Fact]
    public async Task A_reporter_signed_in_at_the_provider_is_bound_to_the_unit_the_provider_names_and_the_api_takes_the_providers_token()
    {
        var reporter = new TestIdentityProvider.User("bc-01", "Lê Văn Báo Cáo", Roles.Reporter, Unit);
        world.Provider.NextUser = reporter;
        using var browser = new Browser(world.Service.BaseAddress);

        var (answer, html) = await VisitAsync(browser, "/resolutions");

        answer.StatusCode.ShouldBe(HttpStatusCode.OK, $"{html}\nprovider: {string.Join(" | ", world.Provider.Log)}\n{world.Service.Output}");
        html.ShouldContain("<h1>Các nghị quyết</h1>");
        html.ShouldContain($"Lê Văn Báo Cáo · đơn vị báo cáo · {Unit}");
        html.ShouldContain("1 chỉ tiêu"); // only its own unit's target of the two
        html.ShouldNotContain("2 chỉ tiêu");

        // The API validates the provider's access token (issuer = the authority, audience monitoring-api, RS256 key from jwks)
        // and binds the reporter to the same unit.
        var (accessToken, idToken) = await world.Provider.SignInDirectlyAsync(reporter, world.Service.BaseAddress);
        var (status, targets) = await ApiGetAsync($"/api/targets?resolutionId={world.Resolution}", accessToken);
        status.ShouldBe(HttpStatusCode.OK);
        targets.GetProperty("totalItems").GetInt32().ShouldBe(1);
        targets.GetProperty("items")[0].GetProperty("statement").GetString().ShouldBe("Chỉ tiêu của đơn vị OIDC");
        // The ID token is addressed to the web client, not to the API: refused.
        (await ApiGetAsync("/api/resolutions", idToken)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_answer_from_the_provider_that_is_not_of_this_browsers_sign_in_shows_the_error_page_and_signs_nobody_in()
    {
        // A code obtained elsewhere, brought to the callback without the state and correlation cookie of a sign-in begun here.
        using var browser = new Browser(world.Service.BaseAddress, follow: false);
        var answer = await browser.Http.GetAsync("/signin-oidc?code=stolen-code&state=forged-state");
        var html = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("Đăng nhập không thành công");
        browser.SignedIn.ShouldBeFalse();
    }

    [Fact]
    public async Task The_provider_refuses_a_code_exchange_with_the_wrong_PKCE_verifier()
    {
        // What the successful sign-ins above passed: the provider checks the verifier against the challenge.
        var answer = await world.Provider.ExchangeAsync(World.Secretariat, world.Service.BaseAddress, wrongVerifier: new string('x', 43));
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await answer.Content.ReadAsStringAsync()).ShouldContain("invalid_grant");
    }

    [Fact]
    public async Task In_production_the_development_picker_is_refused_sign_in_goes_to_the_provider_and_posting_a_role_signs_nobody_in()
    {
        using var anonymous = new Browser(world.Service.BaseAddress, follow: false);
        var get = await anonymous.Http.GetAsync("/sign-in?returnUrl=%2Freporting");
        get.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        get.Headers.Location!.ToString().ShouldStartWith(world.Provider.Issuer + "/authorize?");
        get.Headers.Location!.Query.ShouldContain("code_challenge_method=S256");

        // A stranger posting the picker's form: no antiforgery token can be had without signing in, and nothing signs in.
        var post = await anonymous.Http.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["role"] = Roles.Secretariat, ["unit"] = "", ["name"] = "ke.gia.mao",
        }));
        ((int)post.StatusCode).ShouldBeGreaterThanOrEqualTo(400);
        anonymous.SignedIn.ShouldBeFalse();

        // Someone signed in at the provider as committee, posting the picker with a valid token to become secretariat: 404.
        world.Provider.NextUser = new("btv-02", "Phạm Thị Ủy Viên", Roles.Committee);
        using var browser = new Browser(world.Service.BaseAddress);
        var (_, html) = await VisitAsync(browser, "/resolutions");
        html.ShouldContain("Phạm Thị Ủy Viên · Ban Thường vụ");
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(html).Groups[1].Value);
        token.ShouldNotBeNullOrEmpty();
        using var noFollow = new Browser(world.Service.BaseAddress, browser.Cookies, follow: false);
        var escalate = await noFollow.Http.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["role"] = Roles.Secretariat, ["unit"] = "", ["name"] = "van.phong.gia", ["__RequestVerificationToken"] = token,
        }));
        escalate.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        escalate.Headers.Location.ShouldBeNull();
        var (after, afterHtml) = await VisitAsync(browser, "/resolutions");
        after.StatusCode.ShouldBe(HttpStatusCode.OK);
        afterHtml.ShouldContain("Phạm Thị Ủy Viên · Ban Thường vụ");
        afterHtml.ShouldNotContain("van.phong.gia");
        afterHtml.ShouldNotContain("href=\"/submissions\""); // the secretariat's menu
    }

    [Fact]
    public async Task Without_a_provider_outside_development_no_one_can_sign_in_to_the_pages_but_the_api_takes_bearer_tokens()
    {
        var database = await TestDatabases.CreateDatabaseAsync("NoProviderSignIn");
        await using var service = await ServiceProcess.StartAsync(database, AppFixture.TestSigningKey);
        using var anonymous = new Browser(service.BaseAddress, follow: false);

        var page = await anonymous.Http.GetAsync("/resolutions");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.AbsolutePath.ShouldBe("/sign-in");
        page.Headers.Location!.Query.ShouldBe("?ReturnUrl=%2Fresolutions");

        var signIn = await anonymous.Http.GetAsync("/sign-in?ReturnUrl=%2Fresolutions");
        signIn.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var html = await signIn.Content.ReadAsStringAsync();
        html.ShouldContain("Không tìm thấy");
        html.ShouldNotContain("<select id=\"role\"");
        var post = await anonymous.Http.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["role"] = Roles.Committee }));
        ((int)post.StatusCode).ShouldBeGreaterThanOrEqualTo(400);
        anonymous.SignedIn.ShouldBeFalse();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/resolutions");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
            TokenIssuer.Mint(new AuthOptions { SigningKey = AppFixture.TestSigningKey }, "btv@test", Roles.Committee, null, TimeSpan.FromMinutes(10), DateTimeOffset.UtcNow));
        var api = await service.Http.SendAsync(request);
        api.StatusCode.ShouldBe(HttpStatusCode.OK, service.Output);
        JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("totalItems").GetInt32().ShouldBe(0);
    }
}
