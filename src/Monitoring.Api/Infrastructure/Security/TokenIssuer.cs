using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Monitoring.Api.Infrastructure.Security;

/// <summary>Settings of section <c>Auth</c>: either a signing key (tokens minted here) or an external OpenID Connect authority.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public string Issuer { get; set; } = "monitoring";
    public string Audience { get; set; } = "monitoring-api";
    /// <summary>HMAC-SHA256 key, at least 32 bytes. Only appsettings.Development.json ships one.</summary>
    public string? SigningKey { get; set; }
    /// <summary>An OpenID Connect authority (e.g. https://sso.tinhuy.example/realms/monitoring) used instead of the signing key.</summary>
    public string? Authority { get; set; }
    /// <summary>The pages' client at the OpenID Connect provider (code flow with PKCE); the pages' sign-in needs it with <see cref="Authority"/>.</summary>
    public string? WebClientId { get; set; }
    public string? WebClientSecret { get; set; }
    /// <summary>Refuse a provider whose metadata is not served over HTTPS (on unless a loopback test provider says otherwise).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public SymmetricSecurityKey? Key() => string.IsNullOrWhiteSpace(SigningKey) ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey));
}

public static class ClaimNames
{
    public const string Name = "name";
    public const string Role = "role";
    /// <summary>The code of the unit a reporter acts for (e.g. DT-UBND-TINH).</summary>
    public const string Unit = "unit";
    /// <summary>The code of the province whose record the user works in (e.g. dong-thap); none for a national role.</summary>
    public const string Province = "province";
}

public static class TokenIssuer
{
    public static string Mint(AuthOptions options, string user, string role, string? unitCode, TimeSpan lifetime, DateTimeOffset now, string? province = null)
    {
        var key = options.Key() ?? throw new InvalidOperationException(
            "No Auth:SigningKey is configured, so no token can be minted here (use the identity provider of Auth:Authority).");
        var claims = new List<Claim> { new(ClaimNames.Name, user), new("sub", user), new(ClaimNames.Role, role) };
        if (!string.IsNullOrWhiteSpace(unitCode)) claims.Add(new Claim(ClaimNames.Unit, unitCode.Trim().ToUpperInvariant()));
        if (!string.IsNullOrWhiteSpace(province)) claims.Add(new Claim(ClaimNames.Province, province.Trim().ToLowerInvariant()));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
