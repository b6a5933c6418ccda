using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Api.Infrastructure.Security;

namespace Monitoring.Benchmarks;

/// <summary>Calls the service as a given user; every caller holds a real token.</summary>
public sealed class ApiClient(Uri baseAddress, string signingKey)
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromMinutes(5),
    };

    public string Token(string role, string? unit = null, string? user = null) =>
        TokenIssuer.Mint(new AuthOptions { SigningKey = signingKey }, user ?? $"{role}.{unit ?? "bench"}", role, unit, TimeSpan.FromHours(12), DateTimeOffset.UtcNow);

    public async Task<JsonElement> PostAsync(string url, object body, string token)
    {
        using var response = await SendAsync(HttpMethod.Post, url, token, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {url} → {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> GetAsync(string url, string token)
    {
        using var response = await SendAsync(HttpMethod.Get, url, token);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {url} → {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<bool> TryPostAsync(string url, object body, string token)
    {
        using var response = await SendAsync(HttpMethod.Post, url, token, body);
        return response.IsSuccessStatusCode;
    }

    public async Task<bool> TryGetAsync(string url, string token)
    {
        using var response = await SendAsync(HttpMethod.Get, url, token);
        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode;
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _http.SendAsync(request);
    }
}
