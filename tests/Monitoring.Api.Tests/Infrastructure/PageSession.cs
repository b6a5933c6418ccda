using System.Net;
using System.Text.RegularExpressions;
using Alba;
using Microsoft.AspNetCore.TestHost;

namespace Monitoring.Api.Tests.Infrastructure;

/// <summary>
/// A browser's view of the pages without the browser: an HTTP client over the in-process app that keeps cookies, signs in
/// through the Development sign-in page, and posts forms with the antiforgery token the page gave it.
/// </summary>
public sealed partial class PageSession : IDisposable
{
    private readonly HttpClient _client;
    public CookieContainer Cookies { get; } = new();

    public PageSession(IAlbaHost host)
    {
        _client = new HttpClient(new CookieHandler(Cookies) { InnerHandler = host.Server.CreateHandler() })
        {
            BaseAddress = new Uri("http://localhost"),
        };
    }

    public static async Task<PageSession> SignedInAsync(IAlbaHost host, string role, string? unitCode = null, string? name = null, string? province = null)
    {
        var session = new PageSession(host);
        var form = new Dictionary<string, string> { ["role"] = role, ["unit"] = unitCode ?? "", ["name"] = name ?? "", ["province"] = province ?? "" };
        var answer = await session.SubmitAsync("/sign-in", "/sign-in", form);
        if (answer.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {role} {unitCode} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        return session;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => _client.GetAsync(url);

    public async Task<(HttpStatusCode Status, string Html)> GetHtmlAsync(string url)
    {
        var answer = await _client.GetAsync(url);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }

    /// <summary>Loads <paramref name="formPage"/>, takes its antiforgery token, and posts <paramref name="fields"/> to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await _client.GetAsync(formPage);
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html);
        if (!token.Success) throw new InvalidOperationException($"{formPage} ({(int)page.StatusCode}) carries no antiforgery token");
        return await PostFormAsync(action, fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))));
    }

    /// <summary>
    /// Loads <paramref name="formPage"/>, takes its antiforgery token, and posts a multipart form (enctype="multipart/form-data")
    /// with <paramref name="fields"/> and, when given, a file as a browser sends it (its name and media type).
    /// </summary>
    public async Task<HttpResponseMessage> SubmitFileAsync(string formPage, string action, IEnumerable<KeyValuePair<string, string>> fields,
        (string Field, string FileName, byte[] Content, string ContentType)? file)
    {
        var page = await _client.GetAsync(formPage);
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html);
        if (!token.Success) throw new InvalidOperationException($"{formPage} ({(int)page.StatusCode}) carries no antiforgery token");
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))))
            content.Add(new StringContent(value), name);
        if (file is { } f)
        {
            var part = new ByteArrayContent(f.Content);
            part.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(f.ContentType);
            content.Add(part, f.Field, f.FileName);
        }
        return await _client.PostAsync(action, content);
    }

    public Task<HttpResponseMessage> PostFormAsync(string action, IEnumerable<KeyValuePair<string, string>> fields) =>
        _client.PostAsync(action, new FormUrlEncodedContent(fields));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public void Dispose() => _client.Dispose();

    /// <summary>Keeps cookies and does not follow redirects, so tests see the 302s the pages answer.</summary>
    private sealed class CookieHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0) request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
                foreach (var cookie in set) cookies.SetCookies(request.RequestUri!, cookie);
            return response;
        }
    }
}
