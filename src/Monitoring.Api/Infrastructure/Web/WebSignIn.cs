using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Monitoring.Api.Infrastructure.Security;

namespace Monitoring.Api.Infrastructure.Web;

/// <summary>
/// The pages' sign-in: a cookie carrying the same claims as an API token (name, role, unit). In production it is issued
/// after the configured OpenID Connect provider signs the user in; in Development a local page lets one pick a role and unit.
/// </summary>
public static class WebSignIn
{
    public const string ByPathScheme = "bearer-or-cookie";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string ProviderScheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string SignInPath = "/sign-in";

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    /// <summary>Whether the pages sign in through the OpenID Connect provider (Auth:Authority and Auth:WebClientId set).</summary>
    public static bool UsesProvider(AuthOptions auth) => !string.IsNullOrWhiteSpace(auth.Authority) && !string.IsNullOrWhiteSpace(auth.WebClientId);

    public static AuthenticationBuilder AddMonitoringWebSignIn(this AuthenticationBuilder authentication, AuthOptions auth, IHostEnvironment environment)
    {
        authentication.AddCookie(CookieScheme, cookie =>
        {
            cookie.Cookie.Name = "monitoring.signin";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = SignInPath;
            cookie.LogoutPath = "/sign-out";
            if (UsesProvider(auth)) cookie.ForwardChallenge = ProviderScheme;
        });
        if (!UsesProvider(auth)) return authentication;

        authentication.AddOpenIdConnect(ProviderScheme, oidc =>
        {
            oidc.SignInScheme = CookieScheme;
            oidc.Authority = auth.Authority;
            oidc.ClientId = auth.WebClientId;
            oidc.ClientSecret = auth.WebClientSecret;
            oidc.RequireHttpsMetadata = auth.RequireHttpsMetadata;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.UsePkce = true;
            // The code comes back on the query of a top-level redirect (the default for the code flow), not in a form the
            // provider posts across sites: the correlation and nonce cookies can then be SameSite=Lax, and, like the sign-in
            // cookie, Secure whenever the request is (not forced on, which a plain-HTTP loopback deployment could not keep).
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            oidc.MapInboundClaims = false;
            oidc.GetClaimsFromUserInfoEndpoint = false;
            oidc.SaveTokens = false;
            oidc.Scope.Clear();
            oidc.Scope.Add("openid");
            oidc.Scope.Add("profile");
            oidc.CallbackPath = "/signin-oidc";
            oidc.SignedOutCallbackPath = "/signout-callback-oidc";
            oidc.TokenValidationParameters.NameClaimType = ClaimNames.Name;
            oidc.TokenValidationParameters.RoleClaimType = ClaimNames.Role;
            // A sign-in that cannot complete (the provider refused, the code expired, an answer not of this browser's
            // sign-in) shows the pages' error page (400 with the reason), not an exception.
            oidc.Events.OnRemoteFailure = context =>
            {
                context.HttpContext.Items[MonitoringPage.ProblemItem] = new HttpValidationProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = Localized.Text("Sign-in did not complete", "Đăng nhập không thành công"),
                    Detail = Localized.Text("Open the start page and sign in again.", "Hãy mở lại trang chủ và đăng nhập lại."),
                };
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.HandleResponse();
                return Task.CompletedTask;
            };
            // Only what the API's tokens carry reaches the cookie: the same rules read the same claims.
            oidc.Events.OnTokenValidated = context =>
            {
                if (context.Principal is { } principal) context.Principal = Principal(principal.Claims, CookieScheme);
                return Task.CompletedTask;
            };
        });
        return authentication;
    }

    /// <summary>The cookie's principal: name, sub, role, province and unit, read with the API's claim types.</summary>
    public static ClaimsPrincipal Principal(IEnumerable<Claim> claims, string authenticationType)
    {
        var kept = claims.Where(c => c.Type is ClaimNames.Name or "sub" or ClaimNames.Role or ClaimNames.Unit or ClaimNames.Province)
            .Select(c => new Claim(c.Type, c.Type switch
            {
                ClaimNames.Unit => c.Value.Trim().ToUpperInvariant(),
                ClaimNames.Province => c.Value.Trim().ToLowerInvariant(),
                _ => c.Value,
            })).ToList();
        if (!kept.Any(c => c.Type == ClaimNames.Name) && kept.FirstOrDefault(c => c.Type == "sub") is { } sub) kept.Add(new Claim(ClaimNames.Name, sub.Value));
        return new ClaimsPrincipal(new ClaimsIdentity(kept, authenticationType, ClaimNames.Name, ClaimNames.Role));
    }

    public static ClaimsPrincipal Principal(string user, string role, string? unitCode, string? province = null) =>
        Principal(new List<Claim> { new(ClaimNames.Name, user), new("sub", user), new(ClaimNames.Role, role) }
            .Concat(unitCode is null ? [] : [new Claim(ClaimNames.Unit, unitCode)])
            .Concat(province is null ? [] : [new Claim(ClaimNames.Province, province)]), CookieScheme);
}
