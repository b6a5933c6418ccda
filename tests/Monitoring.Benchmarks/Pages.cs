using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monitoring.Api.Infrastructure.Security;

namespace Monitoring.Benchmarks;

/// <summary>One page measured: who asked for it, its address, what it answered, how long each of the sequential requests took.</summary>
public sealed record PageTiming(string Page, string Role, string Url, double[] LatenciesMs, int Failed, string? FailedWith)
{
    public double Percentile(double p) => Stats.Percentile(LatenciesMs, p);
    public bool Met => Failed == 0 && LatenciesMs.Length > 0 && Percentile(95) < PagesBenchmark.GoalMs;
}

/// <summary>A page that could not be measured: not in this build (404) or refused to the role that should see it.</summary>
public sealed record MissingPage(string Url, string Role, int Status);

public sealed record PageResults(
    IReadOnlyList<PageTiming> Measured, IReadOnlyList<MissingPage> Missing, int RequestsPerPage, int WarmUps, int Resolutions, int Targets,
    string ReporterUnit, int ReporterTargets, double SeedImportSeconds, int Reviews, DateTime Generated);

/// <summary>
/// Render time of the pages: the service in Development (so the local sign-in page exists) over a fresh database with the
/// five seed documents imported; signed in through /sign-in as the committee, the secretariat and a seed unit's reporter;
/// the pages found by following links from /resolutions plus the fixed ones of the menu; each requested sequentially.
/// </summary>
public static partial class PagesBenchmark
{
    public const double GoalMs = 200;
    private const int WarmUpRequests = 3;

    public static async Task<PageResults> RunAsync(string connectionString, string signingKey, int requests, Action<string> log)
    {
        log("pages: starting the service in Development with the seeds imported at start");
        var started = Stopwatch.StartNew();
        await using var service = await BenchmarkService.StartAsync(connectionString, signingKey, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            // The committed endpoint code, as in Production: no Roslyn compile at an endpoint's first call.
            ["CodeGeneration__Development"] = "Static",
            ["Seeds__ImportAtStartup"] = "true",
        });
        var api = new ApiClient(service.BaseAddress, signingKey);
        var committeeToken = api.Token(Roles.Committee, user: "btv.bench");
        var resolutions = 0;
        for (var deadline = DateTime.UtcNow.AddMinutes(5); resolutions < 5; await Task.Delay(500))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"pages: the seeds were not imported ({resolutions} of 5 resolutions after 5 minutes)");
            resolutions = (await api.GetAsync("/api/resolutions", committeeToken)).GetProperty("totalItems").GetInt32();
        }
        var seedSeconds = started.Elapsed.TotalSeconds;

        // The reporter: the seed unit that leads the most targets.
        var targets = (await api.GetAsync($"/api/targets?pageSize=500", committeeToken)).GetProperty("items").EnumerateArray().ToList();
        var lead = targets.Where(t => t.TryGetProperty("leadUnitId", out var u) && u.ValueKind == JsonValueKind.String)
            .GroupBy(t => t.GetProperty("leadUnitId").GetGuid()).OrderByDescending(g => g.Count()).First();
        var unitCode = (await api.GetAsync($"/api/units/{lead.Key}", committeeToken)).GetProperty("code").GetString()!;
        log($"pages: {resolutions} resolutions, {targets.Count} targets imported in {seedSeconds:0} s; the reporter acts for {unitCode} ({lead.Count()} targets)");

        // A review of each resolution (mid-term, as of today), so that the review pages have one to show; refused ones are skipped.
        var secretariatToken = api.Token(Roles.Secretariat, user: "van.phong.bench");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).ToString("yyyy-MM-dd");
        var reviews = 0;
        foreach (var resolution in (await api.GetAsync("/api/resolutions?pageSize=500", committeeToken)).GetProperty("items").EnumerateArray())
            if (await api.TryPostAsync($"/api/resolutions/{resolution.GetProperty("id").GetGuid()}/reviews", new { kind = "MidTerm", cutOff = today }, secretariatToken))
                reviews++;
        log($"pages: {reviews} reviews generated (one per resolution where accepted)");

        using var committee = await PageBrowser.SignInAsync(service.BaseAddress, Roles.Committee, null, "uy.vien.btv.bench");
        using var secretariat = await PageBrowser.SignInAsync(service.BaseAddress, Roles.Secretariat, null, "van.phong.bench");
        using var reporter = await PageBrowser.SignInAsync(service.BaseAddress, Roles.Reporter, unitCode, "can.bo.bench");

        // ---- The pages: links followed from /resolutions, then the menu's fixed pages ----
        var candidates = new List<(string Page, PageBrowser Who, string Url)> { ("/resolutions", committee, "/resolutions") };
        var missing = new List<MissingPage>();
        async Task<string?> Open(PageBrowser who, string url)
        {
            var (status, html, _) = await who.GetAsync(url);
            if (status == 200) return html;
            missing.Add(new MissingPage(url, who.Role, status));
            return null;
        }
        var home = await Open(committee, "/resolutions") ?? "";
        foreach (var resolution in Links(home, ResolutionLink()))
        {
            candidates.Add(("/resolutions/{id}", committee, resolution));
            if (await Open(committee, resolution) is not { } page) continue;
            foreach (var target in Links(page, TargetLink()).Take(2)) candidates.Add(("/targets/{id}", committee, target));
            foreach (var task in Links(page, TaskLink()).Take(1)) candidates.Add(("/tasks/{id}", committee, task));
            foreach (var reviewPage in Links(page, ReviewLink()).Take(3))
            {
                candidates.Add((ReviewPageName(reviewPage), committee, reviewPage));
                if (ReviewLink().Match(reviewPage).Groups["review"].Success || await Open(committee, reviewPage) is not { } list) continue;
                foreach (var review in Links(list, ReviewLink()).Where(r => ReviewLink().Match(r).Groups["review"].Success).Take(1))
                    candidates.Add((ReviewPageName(review), committee, review));
            }
        }
        candidates.AddRange(
        [
            ("/reporting", committee, "/reporting"),
            ("/explanations", committee, "/explanations"),
            ("/audit", committee, "/audit"),
            ("/audit/verify", committee, "/audit/verify"),
            ("/submissions", secretariat, "/submissions"),
            ("/resolutions", reporter, "/resolutions"),
            ("/unit", reporter, "/unit"),
            ("/unit/explanations", reporter, "/unit/explanations"),
        ]);
        // From the menu's lists, their first entries: a unit's report form, a submission to approve.
        foreach (var (who, list, pattern, name) in new[]
                 {
                     (reporter, "/unit", UnitReportLink(), "/unit/reports/{resolutionId}/{period}"),
                     (secretariat, "/submissions", SubmissionLink(), "/submissions/{id}"),
                 })
        {
            var (status, html, _) = await who.GetAsync(list);
            if (status == 200) candidates.AddRange(Links(html, pattern).Take(2).Select(url => (name, who, url)));
        }
        candidates = candidates.DistinctBy(c => (c.Who.Role, c.Url)).ToList();

        // ---- Each page: warm-up, then sequential requests, time to the last byte of the HTML ----
        var measured = new List<PageTiming>();
        foreach (var (page, who, url) in candidates)
        {
            var (status, _, _) = await who.GetAsync(url);
            if (status != 200)
            {
                if (!missing.Any(m => m.Url == url && m.Role == who.Role)) missing.Add(new MissingPage(url, who.Role, status));
                continue;
            }
            for (var i = 1; i < WarmUpRequests; i++) await who.GetAsync(url);
            var latencies = new List<double>();
            var failed = 0;
            string? failedWith = null;
            for (var i = 0; i < requests; i++)
            {
                var (answer, _, ms) = await who.GetAsync(url);
                if (answer == 200) latencies.Add(ms);
                else
                {
                    failed++;
                    failedWith ??= answer.ToString();
                }
            }
            var timing = new PageTiming(page, who.Role, url, latencies.ToArray(), failed, failedWith);
            measured.Add(timing);
            log($"pages: {who.Role,-11} {url,-90} p50 {timing.Percentile(50),6:0.0} ms  p95 {timing.Percentile(95),6:0.0} ms  max {latencies.DefaultIfEmpty(double.NaN).Max(),6:0.0} ms");
        }
        foreach (var m in missing) log($"pages: not measured: {m.Role} {m.Url} → {m.Status}");
        return new PageResults(measured, missing.DistinctBy(m => (m.Role, m.Url)).ToList(), requests, WarmUpRequests, resolutions, targets.Count,
            unitCode, lead.Count(), seedSeconds, reviews, DateTime.UtcNow);
    }

    private static string ReviewPageName(string url) =>
        ReviewLink().Match(url).Groups["review"].Success ? "/resolutions/{id}/reviews/{reviewId}" : "/resolutions/{id}/reviews";

    private static IEnumerable<string> Links(string html, Regex pattern) =>
        Href().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Split('?', '#')[0])
            .Where(href => pattern.IsMatch(href) && pattern.Match(href).Length == href.Length).Distinct();

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();

    [GeneratedRegex("^/resolutions/[0-9a-fA-F-]{36}")]
    private static partial Regex ResolutionLink();

    [GeneratedRegex("^/targets/[0-9a-fA-F-]{36}")]
    private static partial Regex TargetLink();

    [GeneratedRegex("^/tasks/[0-9a-fA-F-]{36}")]
    private static partial Regex TaskLink();

    [GeneratedRegex("^/unit/reports/[0-9a-fA-F-]{36}/[^/]+")]
    private static partial Regex UnitReportLink();

    [GeneratedRegex("^/submissions/[0-9a-fA-F-]{36}")]
    private static partial Regex SubmissionLink();

    [GeneratedRegex("^/resolutions/[0-9a-fA-F-]{36}/reviews(?:/(?<review>[0-9a-fA-F-]{36}))?")]
    private static partial Regex ReviewLink();
}

/// <summary>A browser without JavaScript: keeps the pages' cookies, does not follow redirects, signs in through /sign-in.</summary>
public sealed partial class PageBrowser : IDisposable
{
    private readonly HttpClient _http;
    public string Role { get; }

    private PageBrowser(Uri baseAddress, string role)
    {
        Role = role;
        _http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    /// <summary>GET /sign-in for the antiforgery token, then POST the role (and unit) as a person would with the form.</summary>
    public static async Task<PageBrowser> SignInAsync(Uri baseAddress, string role, string? unit, string name)
    {
        var browser = new PageBrowser(baseAddress, role);
        var form = await browser._http.GetAsync("/sign-in");
        var html = await form.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html);
        if (form.StatusCode != HttpStatusCode.OK || !token.Success)
            throw new InvalidOperationException($"GET /sign-in answered {(int)form.StatusCode} without a form: the pages benchmark needs the Development sign-in page");
        var answer = await browser._http.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["role"] = role, ["unit"] = unit ?? "", ["name"] = name, ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        if (answer.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Signing in as {role} {unit} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        return browser;
    }

    public async Task<(int Status, string Html, double Ms)> GetAsync(string url)
    {
        var started = Stopwatch.GetTimestamp();
        using var answer = await _http.GetAsync(url);
        var html = await answer.Content.ReadAsStringAsync();
        return ((int)answer.StatusCode, html, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public void Dispose() => _http.Dispose();
}
