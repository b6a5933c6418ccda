using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Monitoring.Api.Tests.Infrastructure;

/// <summary>
/// A small OpenID Connect provider for tests, on a free loopback port: discovery, an RSA signing key (jwks), the
/// authorization endpoint (no login form: it signs in the user the test chose beforehand), the token endpoint (code flow,
/// checking the client, its secret, the redirect URI and the PKCE verifier) and userinfo. Its ID tokens are addressed to
/// the web client; its access tokens to the API (audience <see cref="ApiAudience"/>), like a real provider set up for the
/// service. What it was asked is kept, so tests can show the flow really went through it.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ApiAudience = "monitoring-api";
    public const string ClientId = "monitoring-web";
    public const string ClientSecret = "web-client-secret-of-the-test-provider";

    /// <summary>Someone the provider signs in: the claims the service reads (name, role, unit) and a subject.</summary>
    public sealed record User(string Subject, string Name, string Role, string? Unit = null);

    private sealed record Grant(string ClientId, string RedirectUri, string Challenge, string? Nonce, User User, DateTimeOffset Expires);

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;
    private readonly ConcurrentDictionary<string, Grant> _codes = new();
    private readonly ConcurrentDictionary<string, User> _accessTokens = new();
    private readonly ConcurrentQueue<string> _log = new();
    private readonly HashSet<string> _redirectUris = new(StringComparer.Ordinal);

    /// <summary>The issuer, also the authority the service is given (http://127.0.0.1:port, no trailing slash).</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>Who the next visit to /authorize signs in (a test sets it before starting a sign-in).</summary>
    public User? NextUser { get; set; }

    /// <summary>What the provider was asked, one line per request (endpoint and outcome), in order.</summary>
    public IReadOnlyList<string> Log => _log.ToArray();

    /// <summary>Code exchanges that passed every check (client, secret, redirect URI, PKCE).</summary>
    public int TokensIssued => _log.Count(l => l.StartsWith("token ok"));

    private TestIdentityProvider(WebApplication app, RsaSecurityKey key)
    {
        _app = app;
        _key = key;
    }

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production", ApplicationName = "test-identity-provider" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key-" + Guid.NewGuid().ToString("N")[..8] };
        var provider = new TestIdentityProvider(app, key);
        provider.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider.Issuer = address.TrimEnd('/');
        return provider;
    }

    /// <summary>Registers a redirect URI of the web client (the service's /signin-oidc and sign-out callback).</summary>
    public void AllowRedirectsTo(Uri service)
    {
        lock (_redirectUris)
        {
            _redirectUris.Add(new Uri(service, "/signin-oidc").ToString());
            _redirectUris.Add(new Uri(service, "/signout-callback-oidc").ToString());
        }
    }

    private bool IsRegistered(string? uri)
    {
        lock (_redirectUris) return uri is not null && _redirectUris.Contains(uri);
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/authorize",
            ["token_endpoint"] = Issuer + "/token",
            ["userinfo_endpoint"] = Issuer + "/userinfo",
            ["end_session_endpoint"] = Issuer + "/logout",
            ["jwks_uri"] = Issuer + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query" },
            ["grant_types_supported"] = new[] { "authorization_code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
            ["scopes_supported"] = new[] { "openid", "profile" },
            ["claims_supported"] = new[] { "sub", "name", "role", "unit" },
        }));

        app.MapGet("/jwks", () =>
        {
            var parameters = _key.Rsa.ExportParameters(false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new Dictionary<string, string>
                    {
                        ["kty"] = "RSA", ["use"] = "sig", ["alg"] = SecurityAlgorithms.RsaSha256, ["kid"] = _key.KeyId,
                        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    },
                },
            });
        });

        app.MapGet("/authorize", (HttpRequest request) =>
        {
            var q = request.Query;
            string? Get(string name) => q.TryGetValue(name, out var v) ? v.ToString() : null;
            var redirectUri = Get("redirect_uri");
            if (Get("client_id") != ClientId) return Refuse("authorize", "unknown client_id " + Get("client_id"));
            if (!IsRegistered(redirectUri)) return Refuse("authorize", "redirect_uri not registered: " + redirectUri);
            if (Get("response_type") != "code") return Refuse("authorize", "response_type must be code, not " + Get("response_type"));
            if (Get("response_mode") is { } mode && mode != "query") return Refuse("authorize", "only response_mode=query is served, not " + mode);
            if (Get("code_challenge_method") != "S256" || string.IsNullOrEmpty(Get("code_challenge")))
                return Refuse("authorize", "PKCE (S256) is required");
            if (!(Get("scope") ?? "").Split(' ').Contains("openid")) return Refuse("authorize", "scope openid is required");
            if (NextUser is not { } user) return Refuse("authorize", "the test chose nobody to sign in");
            var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            _codes[code] = new Grant(ClientId, redirectUri!, Get("code_challenge")!, Get("nonce"), user, DateTimeOffset.UtcNow.AddMinutes(2));
            _log.Enqueue($"authorize ok {user.Subject}");
            var back = redirectUri + (redirectUri!.Contains('?') ? "&" : "?") + "code=" + Uri.EscapeDataString(code) +
                       (Get("state") is { } state ? "&state=" + Uri.EscapeDataString(state) : "");
            return Results.Redirect(back);
        });

        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            string? Get(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
            var (clientId, secret) = (Get("client_id"), Get("client_secret"));
            if (request.Headers.Authorization.ToString() is { } header && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())).Split(':', 2);
                (clientId, secret) = (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
            }
            if (Get("grant_type") != "authorization_code") return TokenError("unsupported_grant_type", "grant_type " + Get("grant_type"));
            if (clientId != ClientId || secret != ClientSecret) return TokenError("invalid_client", "client id or secret wrong: " + clientId);
            if (Get("code") is not { } code || !_codes.TryRemove(code, out var grant)) return TokenError("invalid_grant", "unknown or used code");
            if (grant.Expires < DateTimeOffset.UtcNow) return TokenError("invalid_grant", "expired code");
            if (grant.ClientId != clientId) return TokenError("invalid_grant", "code of another client");
            if (Get("redirect_uri") != grant.RedirectUri) return TokenError("invalid_grant", "redirect_uri differs from the authorization request");
            if (Get("code_verifier") is not { Length: >= 43 } verifier ||
                Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != grant.Challenge)
                return TokenError("invalid_grant", "PKCE code_verifier does not match the code_challenge");

            var accessToken = Sign(grant.User, ApiAudience, TimeSpan.FromHours(1), new Dictionary<string, object>
            {
                ["client_id"] = ClientId, ["scope"] = "openid profile",
            });
            _accessTokens[accessToken] = grant.User;
            var idClaims = new Dictionary<string, object>
            {
                ["at_hash"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]),
                ["auth_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            };
            if (grant.Nonce is not null) idClaims["nonce"] = grant.Nonce;
            var idToken = Sign(grant.User, ClientId, TimeSpan.FromMinutes(10), idClaims);
            _log.Enqueue($"token ok {grant.User.Subject}");
            return Results.Json(new Dictionary<string, object>
            {
                ["access_token"] = accessToken, ["token_type"] = "Bearer", ["expires_in"] = 3600, ["id_token"] = idToken, ["scope"] = "openid profile",
            }, statusCode: 200);
        });

        app.MapGet("/userinfo", (HttpRequest request) =>
        {
            var header = request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !_accessTokens.TryGetValue(header[7..].Trim(), out var user))
                return Results.StatusCode(401);
            return Results.Json(Claims(user));
        });

        app.MapGet("/logout", (HttpRequest request) =>
        {
            _log.Enqueue("logout");
            var back = request.Query["post_logout_redirect_uri"].ToString();
            if (!IsRegistered(back)) return Results.Text("signed out");
            var state = request.Query["state"].ToString();
            return Results.Redirect(state.Length == 0 ? back : back + "?state=" + Uri.EscapeDataString(state));
        });
    }

    private IResult Refuse(string endpoint, string why)
    {
        _log.Enqueue($"{endpoint} refused: {why}");
        return Results.Text(why, statusCode: 400);
    }

    private IResult TokenError(string error, string why)
    {
        _log.Enqueue($"token refused: {why}");
        return Results.Json(new { error, error_description = why }, statusCode: 400);
    }

    private static Dictionary<string, object> Claims(User user)
    {
        var claims = new Dictionary<string, object> { ["sub"] = user.Subject, ["name"] = user.Name, ["role"] = user.Role };
        if (user.Unit is not null) claims["unit"] = user.Unit;
        return claims;
    }

    private string Sign(User user, string audience, TimeSpan lifetime, Dictionary<string, object> extra)
    {
        var now = DateTime.UtcNow;
        var claims = Claims(user);
        foreach (var (name, value) in extra) claims[name] = value;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.Add(lifetime),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>
    /// Runs the code flow with PKCE against this provider as the web client would (to a registered redirect URI, which is
    /// not visited): signs in <paramref name="user"/> and returns the token response. For arranging data through the API
    /// with the provider's own access token.
    /// </summary>
    public async Task<(string AccessToken, string IdToken)> SignInDirectlyAsync(User user, Uri service, string? verifier = null)
    {
        var answer = await ExchangeAsync(user, service, verifier);
        var body = await answer.Content.ReadAsStringAsync();
        if (answer.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"The provider refused the exchange: {body}");
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("access_token").GetString()!, json.GetProperty("id_token").GetString()!);
    }

    /// <summary>One code exchange; <paramref name="wrongVerifier"/>, when given, is sent instead of the verifier the challenge was made from.</summary>
    public async Task<HttpResponseMessage> ExchangeAsync(User user, Uri service, string? wrongVerifier = null)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(Issuer) };
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var redirectUri = new Uri(service, "/signin-oidc").ToString();
        var previous = NextUser;
        NextUser = user;
        HttpResponseMessage authorize;
        try
        {
            authorize = await http.GetAsync($"/authorize?client_id={ClientId}&response_type=code&scope=openid%20profile&state=s&nonce=n" +
                                            $"&code_challenge_method=S256&code_challenge={challenge}&redirect_uri={Uri.EscapeDataString(redirectUri)}");
        }
        finally
        {
            NextUser = previous;
        }
        if (authorize.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException("The provider did not redirect: " + await authorize.Content.ReadAsStringAsync());
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Headers.Location!.Query)["code"].ToString();
        return await http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri,
            ["client_id"] = ClientId, ["client_secret"] = ClientSecret, ["code_verifier"] = wrongVerifier ?? verifier,
        }));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Rsa.Dispose();
    }
}
