using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;
using Monitoring.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Monitoring.Api.Tests.Security;

/// <summary>
/// Every page the running app serves (<see cref="SampleWorld.Pages"/>), tried as nobody, as a reporter of another unit and
/// as the auditor, with its route filled from the sample world: a page added later is swept without touching this file,
/// and one with a route parameter this file cannot fill fails it (add the parameter to <see cref="Fill"/>).
/// </summary>
public partial class PageAccessTests(PageAccessTests.World world, ITestOutputHelper output) : IClassFixture<PageAccessTests.World>
{
    /// <summary>Unit A owns a resolution's target, task, report, review and explanation request; unit B owns nothing of it.</summary>
    public sealed class World : SampleWorld;

    /// <summary>Pages anyone may open: the sign-in, the language switch, the error page.</summary>
    public static bool IsPublic(string template) => Normalized(template) is "/sign-in" or "/language" or "/error/{code}";

    /// <summary>What only unit A (or those who read every unit) may see: none of it may reach unit B's reporter.</summary>
    private static readonly string[] UnitAData = ["Thu ngân sách tăng 10 – 12%/năm", "Nâng cấp cửa khẩu Thường Phước", "DON-VI-A", "12,5"];

    private sealed record PageUnderTest(string Template, string Url, CompiledPageActionDescriptor Page)
    {
        public bool IsMonitoringPage => typeof(MonitoringPage).IsAssignableFrom(Page.ModelTypeInfo ?? Page.HandlerTypeInfo);

        /// <summary>The URL of each POST handler: the page itself for OnPost, ?handler=Name for OnPostName.</summary>
        public IEnumerable<string> PostUrls => Page.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
            .Select(h => h.Name is null ? Url : $"{Url}{(Url.Contains('?') ? '&' : '?')}handler={h.Name}").Distinct();

        public override string ToString() => Template;
    }

    private async Task<List<PageUnderTest>> PagesAsync()
    {
        var loader = world.Host.Services.GetRequiredService<PageLoader>();
        var pages = new List<PageUnderTest>();
        foreach (var (_, template, endpoint) in world.Pages().DistinctBy(p => p.Template))
        {
            var compiled = endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>()
                           ?? await loader.LoadAsync(endpoint.Metadata.GetMetadata<PageActionDescriptor>()!, endpoint.Metadata);
            pages.Add(new PageUnderTest(template, Fill(template), compiled));
        }
        pages.Count.ShouldBeGreaterThanOrEqualTo(6, "the foundation alone serves /, /resolutions, /sign-in, /sign-out, /language, /error/{code}");
        return pages;
    }

    /// <summary>Drops route constraints and defaults: <c>{id:guid}</c> → <c>{id}</c>, <c>{code:int}</c> → <c>{code}</c>.</summary>
    private static string Normalized(string template) => RouteParameter().Replace(template, m => "{" + m.Groups["name"].Value + "}");

    /// <summary>A URL for a page route in the sample world, by parameter name (and, for <c>{id}</c>, by the path before it).</summary>
    private string Fill(string template) => RouteParameter().Replace(template, m =>
    {
        var name = m.Groups["name"].Value;
        var before = template[..m.Index];
        return name switch
        {
            "id" when before.EndsWith("/resolutions/") => world.Resolution.ToString(),
            "id" when before.EndsWith("/targets/") => world.Target.ToString(),
            "id" when before.EndsWith("/tasks/") => world.Task.ToString(),
            "id" when before.EndsWith("/submissions/") => world.Submission.ToString(),
            "id" when before.EndsWith("/explanations/") => world.Explanation.ToString(),
            "id" when before.EndsWith("/reviews/") => world.Review.ToString(),
            "id" when before.EndsWith("/reports/") => world.Report.ToString(),
            "id" when before.EndsWith("/units/") => world.UnitA.ToString(),
            "resolutionId" => world.Resolution.ToString(),
            "targetId" => world.Target.ToString(),
            "taskId" => world.Task.ToString(),
            "reviewId" => world.Review.ToString(),
            "submissionId" => world.Submission.ToString(),
            "explanationId" or "requestId" => world.Explanation.ToString(),
            "figureId" => world.Figure.ToString(),
            "reportId" => world.Report.ToString(),
            "unitId" => world.UnitA.ToString(),
            "period" => "2023-H1",
            "code" => "403",
            _ => throw new ShouldAssertException($"Page {template}: no sample value for route parameter {{{name}}}; add one to PageAccessTests.Fill"),
        };
    });

    [GeneratedRegex(@"\{\*{0,2}(?<name>\w+)(?::[^}=?]+)*(?:=[^}]*)?\??\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public async Task Every_page_but_sign_in_language_and_error_requires_a_signed_in_user()
    {
        var fallback = await world.Host.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();
        fallback.ShouldNotBeNull();
        fallback.Requirements.OfType<DenyAnonymousAuthorizationRequirement>().ShouldNotBeEmpty();

        var anonymous = world.Pages().Where(p => p.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(p => Normalized(p.Template)).Distinct().Order().ToList();
        anonymous.ShouldBe(["/error/{code}", "/language", "/sign-in"]);
    }

    [Fact]
    public async Task A_stranger_is_sent_to_sign_in_from_every_page_and_posts_nothing()
    {
        using var stranger = new PageSession(world.Host);
        var wrong = new List<string>();
        foreach (var page in (await PagesAsync()).Where(p => !IsPublic(p.Template)))
        {
            var answer = await stranger.GetAsync(page.Url);
            var location = answer.Headers.Location;
            if (answer.StatusCode != HttpStatusCode.Redirect || PathOf(location) != "/sign-in" ||
                Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(QueryOf(location))["ReturnUrl"] != page.Url)
                wrong.Add($"GET {page.Url} → {(int)answer.StatusCode} {location}");
        }
        foreach (var page in await PagesAsync())
        foreach (var url in page.PostUrls)
        {
            var before = await world.EventCountAsync();
            var answer = await stranger.PostFormAsync(url, [new("note", "Nội dung thử")]);
            if (answer.IsSuccessStatusCode || await world.EventCountAsync() != before) wrong.Add($"POST {url} → {(int)answer.StatusCode}");
            if (!IsPublic(page.Template) && PathOf(answer.Headers.Location) != "/sign-in") wrong.Add($"POST {url} → {(int)answer.StatusCode} {answer.Headers.Location}");
        }
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_reporter_of_another_unit_sees_none_of_unit_As_data_on_any_page()
    {
        using var reporterB = await PageSession.SignedInAsync(world.Host, Roles.Reporter, "DON-VI-B");
        var seen = new List<string>();
        var wrong = new List<string>();
        foreach (var page in (await PagesAsync()).Where(p => !IsPublic(p.Template)))
        {
            var (status, html) = await reporterB.GetHtmlAsync(page.Url);
            seen.Add($"{page.Url} → {(int)status}");
            if (status is not (HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                wrong.Add($"{page.Url} → {(int)status}");
            else if (status == HttpStatusCode.OK && UnitAData.Where(html.Contains).ToList() is { Count: > 0 } leaked)
                wrong.Add($"{page.Url} → 200 showing {string.Join(", ", leaked.Select(l => $"\"{l}\""))}");
        }
        foreach (var line in seen) output.WriteLine(line);
        wrong.ShouldBeEmpty("reporter B: " + string.Join("; ", seen));
    }

    [Fact]
    public async Task A_reporter_of_another_unit_cannot_post_any_pages_form_and_appends_nothing()
    {
        using var reporterB = await PageSession.SignedInAsync(world.Host, Roles.Reporter, "DON-VI-B");
        // The session's antiforgery token (any page's sign-out form carries one): the refusal must come from the access rules.
        var (_, home) = await reporterB.GetHtmlAsync("/error/404");
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(home).Groups[1].Value);
        token.ShouldNotBeNullOrEmpty();
        var forms = await FormsAsAllowedUsersAsync();
        var tried = new List<string>();
        var wrong = new List<string>();
        // Sign-out would only end this session; sign-in and the error page are public.
        foreach (var page in (await PagesAsync()).Where(p => !IsPublic(p.Template) && Normalized(p.Template) != "/sign-out"))
        foreach (var url in page.PostUrls)
        {
            var fields = forms.GetValueOrDefault(url) ?? forms.GetValueOrDefault(page.Url) ?? [];
            var before = await world.EventCountAsync();
            var answer = await reporterB.PostFormAsync(url, fields.Append(new("__RequestVerificationToken", token)));
            var appended = await world.EventCountAsync() - before;
            tried.Add($"POST {url} ({fields.Count} fields) → {(int)answer.StatusCode}{(appended > 0 ? $", {appended} events" : "")}");
            if (answer.IsSuccessStatusCode || appended > 0) wrong.Add(tried[^1]);
        }
        foreach (var line in tried) output.WriteLine(line);
        wrong.ShouldBeEmpty("reporter B: " + string.Join("; ", tried));
    }

    [Fact]
    public async Task Every_pages_form_posted_without_its_antiforgery_token_is_refused_and_appends_nothing()
    {
        // The secretariat and the committee may post these forms; without the token no post reaches the API.
        foreach (var role in new[] { Roles.Secretariat, Roles.Committee })
        {
            using var session = await PageSession.SignedInAsync(world.Host, role);
            var forms = await FormsAsAllowedUsersAsync();
            var wrong = new List<string>();
            foreach (var page in (await PagesAsync()).Where(p => Normalized(p.Template) is not ("/sign-in" or "/error/{code}")))
            foreach (var url in page.PostUrls)
            {
                var fields = forms.GetValueOrDefault(url) ?? forms.GetValueOrDefault(page.Url) ?? [];
                var before = await world.EventCountAsync();
                var answer = await session.PostFormAsync(url, fields);
                if (answer.StatusCode != HttpStatusCode.BadRequest || await world.EventCountAsync() != before)
                    wrong.Add($"{role}: POST {url} without a token → {(int)answer.StatusCode}");
            }
            wrong.ShouldBeEmpty();
            // Still signed in: the refused sign-out did not sign anyone out.
            (await session.GetAsync("/resolutions")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task The_central_bodies_open_the_national_page_only_and_no_page_of_a_provinces_record()
    {
        using var central = await PageSession.SignedInAsync(world.Host, Roles.National);
        var seen = new List<string>();
        var wrong = new List<string>();
        foreach (var page in (await PagesAsync()).Where(p => !IsPublic(p.Template) && Normalized(p.Template) != "/sign-out"))
        {
            var answer = await central.GetAsync(page.Url);
            var status = answer.StatusCode;
            seen.Add($"{page.Url} → {(int)status}");
            var expected = page.Template == "/" ? HttpStatusCode.Redirect : page.Template == "/national" ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            if (status != expected) wrong.Add($"{page.Url} → {(int)status}, expected {(int)expected}");
            if (page.Template == "/" && answer.Headers.Location?.OriginalString != "/national") wrong.Add($"/ → {answer.Headers.Location}, expected /national");
        }
        foreach (var line in seen) output.WriteLine(line);
        wrong.ShouldBeEmpty("national: " + string.Join("; ", seen));
    }

    [Fact]
    public async Task The_auditor_opens_the_audit_pages_only()
    {
        using var auditor = await PageSession.SignedInAsync(world.Host, Roles.Auditor);
        var seen = new List<string>();
        var wrong = new List<string>();
        foreach (var page in (await PagesAsync()).Where(p => !IsPublic(p.Template) && Normalized(p.Template) != "/sign-out"))
        {
            var answer = await auditor.GetAsync(page.Url);
            var status = answer.StatusCode;
            seen.Add($"{page.Url} → {(int)status}");
            var expected = page.Template == "/" ? HttpStatusCode.Redirect : page.Template.StartsWith("/audit") ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            if (status != expected) wrong.Add($"{page.Url} → {(int)status}, expected {(int)expected}");
            if (page.Template == "/" && answer.Headers.Location?.OriginalString != "/audit") wrong.Add($"/ → {answer.Headers.Location}, expected /audit");
        }
        foreach (var line in seen) output.WriteLine(line);
        wrong.ShouldBeEmpty("auditor: " + string.Join("; ", seen));
    }

    [Fact]
    public async Task Every_page_refuses_a_query_parameter_it_does_not_read_and_an_as_of_day_that_is_not_a_date()
    {
        var sessions = new List<PageSession>
        {
            await PageSession.SignedInAsync(world.Host, Roles.Committee),
            await PageSession.SignedInAsync(world.Host, Roles.Secretariat),
            await PageSession.SignedInAsync(world.Host, Roles.Reporter, "DON-VI-A"),
            await PageSession.SignedInAsync(world.Host, Roles.Auditor),
            await PageSession.SignedInAsync(world.Host, Roles.National),
        };
        try
        {
            var wrong = new List<string>();
            var swept = 0;
            foreach (var page in (await PagesAsync()).Where(p => p.IsMonitoringPage && !IsPublic(p.Template)))
            {
                // Someone the page lets in: its parameters are read before its handler runs, so a page that then finds nothing
                // (404) or redirects still checks them; only a refused role (403) never gets that far.
                PageSession? allowed = null;
                var baseline = HttpStatusCode.Forbidden;
                foreach (var session in sessions)
                {
                    var answer = await session.GetAsync(page.Url);
                    if (answer.StatusCode == HttpStatusCode.Forbidden || PathOf(answer.Headers.Location) == "/sign-in") continue;
                    (allowed, baseline) = (session, answer.StatusCode);
                    break;
                }
                if (allowed is null)
                {
                    wrong.Add($"{page.Url}: every role is refused");
                    continue;
                }
                swept++;
                output.WriteLine($"{page.Url} → {(int)baseline} as the first role let in");
                var separator = page.Url.Contains('?') ? '&' : '?';
                var (unknown, unknownHtml) = await allowed.GetHtmlAsync($"{page.Url}{separator}thamSoLa=1");
                if (unknown != HttpStatusCode.BadRequest || !unknownHtml.Contains("Trang này không có tham số") || !unknownHtml.Contains("thamSoLa"))
                    wrong.Add($"{page.Url}{separator}thamSoLa=1 → {(int)unknown}");
                var (badDay, badDayHtml) = await allowed.GetHtmlAsync($"{page.Url}{separator}asOf=31/02/2023");
                if (badDay != HttpStatusCode.BadRequest || !badDayHtml.Contains("Ngày viết dạng dd/MM/yyyy (30/06/2023)."))
                    wrong.Add($"{page.Url}{separator}asOf=31/02/2023 → {(int)badDay}");
                // What it does read is still read: a real day is taken.
                var (goodDay, _) = await allowed.GetHtmlAsync($"{page.Url}{separator}asOf=30/06/2023");
                if (goodDay != baseline) wrong.Add($"{page.Url}{separator}asOf=30/06/2023 → {(int)goodDay}, without it {(int)baseline}");
            }
            wrong.ShouldBeEmpty();
            swept.ShouldBeGreaterThanOrEqualTo(2);
        }
        finally
        {
            foreach (var session in sessions) session.Dispose();
        }
    }

    private static string? PathOf(Uri? location) => location is null ? null : location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];

    private static string QueryOf(Uri? location) => location is null ? "" : location.IsAbsoluteUri ? location.Query
        : location.OriginalString.Contains('?') ? location.OriginalString[location.OriginalString.IndexOf('?')..] : "";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>
    /// The post forms of every page as someone allowed to use them sees them (unit A's reporter, the secretariat, the
    /// committee: the first to show a form posting there), by the URL they post to, with their fields filled as that person would
    /// send them: so that reporter B's refusal is one of access, not of an empty form.
    /// </summary>
    private async Task<Dictionary<string, List<KeyValuePair<string, string>>>> FormsAsAllowedUsersAsync()
    {
        var forms = new Dictionary<string, List<KeyValuePair<string, string>>>(StringComparer.OrdinalIgnoreCase);
        var sessions = new[]
        {
            await PageSession.SignedInAsync(world.Host, Roles.Reporter, "DON-VI-A"),
            await PageSession.SignedInAsync(world.Host, Roles.Secretariat),
            await PageSession.SignedInAsync(world.Host, Roles.Committee),
        };
        try
        {
            foreach (var page in (await PagesAsync()).Where(p => !IsPublic(p.Template) && p.PostUrls.Any()))
            foreach (var session in sessions)
            {
                // A page may show a form to one role only (the secretariat's approval, the committee's request): ask each.
                var (status, html) = await session.GetHtmlAsync(page.Url);
                if (status != HttpStatusCode.OK) continue;
                foreach (var (action, fields) in PostForms(html, page.Url))
                    forms.TryAdd(action, fields);
            }
            return forms;
        }
        finally
        {
            foreach (var session in sessions) session.Dispose();
        }
    }

    private static IEnumerable<(string Action, List<KeyValuePair<string, string>> Fields)> PostForms(string html, string pageUrl)
    {
        foreach (Match form in Form().Matches(html))
        {
            var attributes = Attributes(form.Groups["attributes"].Value);
            if (!string.Equals(attributes.GetValueOrDefault("method"), "post", StringComparison.OrdinalIgnoreCase)) continue;
            var action = WebUtility.HtmlDecode(attributes.GetValueOrDefault("action") ?? pageUrl);
            if (action is "/sign-out" or "") continue;
            var body = form.Groups["body"].Value;
            var fields = new List<KeyValuePair<string, string>>();
            var radios = new Dictionary<string, string>(); // a group's checked button, else its first
            foreach (Match input in Input().Matches(body))
            {
                var a = Attributes(input.Groups["attributes"].Value);
                if (a.GetValueOrDefault("name") is not { Length: > 0 } name || name == "__RequestVerificationToken") continue;
                var type = a.GetValueOrDefault("type")?.ToLowerInvariant() ?? "text";
                var value = a.GetValueOrDefault("value") ?? "";
                if (type is "radio")
                {
                    if (a.ContainsKey("checked") || !radios.ContainsKey(name)) radios[name] = value;
                    continue;
                }
                if (type is "checkbox" && !a.ContainsKey("checked") || type is "submit" or "button" or "file" or "reset") continue;
                fields.Add(new(name, SampleValue(type, name, value)));
            }
            fields.AddRange(radios.Select(r => new KeyValuePair<string, string>(r.Key, r.Value)));
            foreach (Match textarea in TextArea().Matches(body))
                if (Attributes(textarea.Groups["attributes"].Value).GetValueOrDefault("name") is { Length: > 0 } name)
                    fields.Add(new(name, SampleValue("text", name, WebUtility.HtmlDecode(textarea.Groups["body"].Value).Trim())));
            foreach (Match select in Select().Matches(body))
            {
                if (Attributes(select.Groups["attributes"].Value).GetValueOrDefault("name") is not { Length: > 0 } name) continue;
                var options = Option().Matches(select.Groups["body"].Value).Select(o => Attributes(o.Groups["attributes"].Value)).ToList();
                var chosen = options.FirstOrDefault(o => o.ContainsKey("selected")) ?? options.FirstOrDefault(o => o.GetValueOrDefault("value") is { Length: > 0 });
                if (chosen?.GetValueOrDefault("value") is { } value) fields.Add(new(name, value));
            }
            foreach (Match button in Button().Matches(body))
            {
                var a = Attributes(button.Groups["attributes"].Value);
                if (a.GetValueOrDefault("name") is { Length: > 0 } name && !fields.Any(f => f.Key == name)) fields.Add(new(name, a.GetValueOrDefault("value") ?? ""));
                if (a.GetValueOrDefault("formaction") is { Length: > 0 } formAction) yield return (WebUtility.HtmlDecode(formAction), fields);
            }
            yield return (action, fields);
        }
    }

    /// <summary>What an allowed user would type into an empty field.</summary>
    private static string SampleValue(string type, string name, string value) => value.Length > 0 || type == "hidden" ? value : type switch
    {
        "number" => "12,5",
        "date" => "2023-06-30",
        "email" => "can.bo@donvi.example",
        _ when name.Contains("date", StringComparison.OrdinalIgnoreCase) || name.Contains("asOf", StringComparison.OrdinalIgnoreCase) => "30/06/2023",
        _ when name.Contains("value", StringComparison.OrdinalIgnoreCase) => "12,5",
        _ => "Nội dung thử quyền truy cập",
    };

    private static Dictionary<string, string> Attributes(string text) =>
        Attribute().Matches(text).GroupBy(m => m.Groups["name"].Value.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups["value"].Success ? g.First().Groups["value"].Value : ""));

    [GeneratedRegex(@"<form\b(?<attributes>[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Form();

    [GeneratedRegex(@"<input\b(?<attributes>[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex Input();

    [GeneratedRegex(@"<textarea\b(?<attributes>[^>]*)>(?<body>.*?)</textarea>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex TextArea();

    [GeneratedRegex(@"<select\b(?<attributes>[^>]*)>(?<body>.*?)</select>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Select();

    [GeneratedRegex(@"<option\b(?<attributes>[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex Option();

    [GeneratedRegex(@"<button\b(?<attributes>[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex Button();

    [GeneratedRegex(@"(?<name>[\w-]+)(?:\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)'))?", RegexOptions.IgnoreCase)]
    private static partial Regex Attribute();
}
