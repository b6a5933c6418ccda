using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.IdentityModel.Tokens;
using Monitoring.Api.Infrastructure.Web;

namespace Monitoring.Api.Infrastructure.Security;

/// <summary>Section <c>Limits</c>: what one client may send.</summary>
public sealed class LimitOptions
{
    public const string Section = "Limits";
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
    /// <summary>Requests per client (user, else address) per window.</summary>
    public int RequestsPerWindow { get; set; } = 600;
    public int WindowSeconds { get; set; } = 60;
}

public static class AuthSetup
{
    public static IServiceCollection AddMonitoringSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        if (auth.Key() is null && string.IsNullOrWhiteSpace(auth.Authority))
            throw new StartupConfigurationException(
                $"Authentication is not configured for environment '{environment.EnvironmentName}': set Auth:Authority (an OpenID Connect " +
                "provider) or Auth:SigningKey (env Auth__SigningKey, 32+ bytes). Only the Development environment ships a key.");
        // An empty key (appsettings.json ships "") is no key: a deployment with only an authority must start.
        if (!string.IsNullOrWhiteSpace(auth.SigningKey) && auth.SigningKey.Length < 32)
            throw new StartupConfigurationException("Auth:SigningKey must be at least 32 characters.");

        // /api reads only bearer tokens (no cookie ever reaches it, so no cross-site request can write); the pages read the
        // sign-in cookie (Web/, Infrastructure/Web/WebSignIn.cs).
        var authentication = services.AddAuthentication(options =>
        {
            options.DefaultScheme = WebSignIn.ByPathScheme;
            options.DefaultChallengeScheme = WebSignIn.ByPathScheme;
        });
        authentication.AddPolicyScheme(WebSignIn.ByPathScheme, "API bearer token or page cookie", scheme =>
            scheme.ForwardDefaultSelector = context => WebSignIn.IsApi(context.Request) ? JwtBearerDefaults.AuthenticationScheme : WebSignIn.CookieScheme);
        authentication.AddMonitoringWebSignIn(auth, environment);
        authentication.AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            if (!string.IsNullOrWhiteSpace(auth.Authority)) jwt.Authority = auth.Authority;
            // As for the pages' sign-in: the provider's metadata and keys over HTTPS unless told otherwise (a loopback test provider).
            jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
            jwt.Audience = auth.Audience;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = string.IsNullOrWhiteSpace(auth.Authority) ? auth.Issuer : auth.Authority,
                ValidateAudience = true,
                ValidAudience = auth.Audience,
                ValidateLifetime = true,
                IssuerSigningKey = auth.Key(),
                ValidateIssuerSigningKey = auth.Key() is not null,
                NameClaimType = ClaimNames.Name,
                RoleClaimType = ClaimNames.Role,
                ClockSkew = TimeSpan.FromMinutes(1),
            };
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Define, p => p.RequireRole(Roles.Secretariat))
            .AddPolicy(Policies.Report, p => p.RequireRole(Roles.Reporter, Roles.Secretariat))
            .AddPolicy(Policies.Read, p => p.RequireRole(Roles.Secretariat, Roles.Committee, Roles.Reporter))
            .AddPolicy(Policies.ReadAll, p => p.RequireRole(Roles.Secretariat, Roles.Committee))
            .AddPolicy(Policies.Audit, p => p.RequireRole(Roles.Committee, Roles.Auditor))
            .AddPolicy(Policies.Conclude, p => p.RequireRole(Roles.Committee))
            .AddPolicy(Policies.Approve, p => p.RequireRole(Roles.Secretariat))
            .AddPolicy(Policies.RequestExplanation, p => p.RequireRole(Roles.Committee, Roles.Secretariat))
            .AddPolicy(Policies.National, p => p.RequireRole(Roles.National, Roles.NationalAdmin))
            .AddPolicy(Policies.AddProvince, p => p.RequireRole(Roles.NationalAdmin));

        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResults>();
        services.AddSingleton<UnitDirectory>();
        services.Configure<LimitOptions>(configuration.GetSection(LimitOptions.Section));
        var limits = configuration.GetSection(LimitOptions.Section).Get<LimitOptions>() ?? new LimitOptions();
        services.AddRateLimiter(limiter =>
        {
            // ASP.NET answers 503 unless told otherwise; a client that sends too much is told 429 and when to come back.
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                // A page is one request of its reader however many API reads it makes in process; health checks are not limited.
                !context.Request.Path.StartsWithSegments("/health") && !InProcessApi.IsInProcess(context)
                    ? RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.RequestsPerWindow,
                        Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("unlimited"));
            limiter.OnRejected = async (rejected, ct) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(limits.WindowSeconds);
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                    title: Localized.Text("Too many requests", "Quá nhiều yêu cầu"),
                    detail: Localized.Text($"Try again in {retryAfter.TotalSeconds:0} s.", $"Hãy thử lại sau {retryAfter.TotalSeconds:0} giây."))
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    /// <summary>
    /// The authenticated user of a province (the same user name in two provinces is two people), else the remote address:
    /// one budget per client.
    /// </summary>
    private static string ClientKey(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
            ? $"user:{context.User.FindFirst(ClaimNames.Province)?.Value}/{context.User.Identity.Name}"
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    public static void UseMonitoringSecurity(this WebApplication app)
    {
        app.UseMiddleware<RequestBodyLimit>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<CallerMiddleware>();
        app.UseMiddleware<Http.QueryParameterCheck>();
        app.UseMiddleware<Http.JsonBodyCheck>();
        app.UseMiddleware<Http.ConflictRetry>();
    }
}
