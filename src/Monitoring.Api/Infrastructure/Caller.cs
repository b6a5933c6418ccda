using System.Security.Claims;

namespace Monitoring.Api.Infrastructure;

/// <summary>Who is making a request: the user, and the unit a reporter acts for. Taken from the token, never the body.</summary>
public sealed record Caller(string UserName, Guid? UnitId, string? Role)
{
    public const string UnitClaim = "unit_id";

    public static Caller From(ClaimsPrincipal user) => new(
        user.Identity?.IsAuthenticated == true
            ? user.FindFirstValue(ClaimTypes.Name) ?? user.FindFirstValue("name") ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown"
            : "anonymous",
        Guid.TryParse(user.FindFirstValue(UnitClaim), out var unit) ? unit : null,
        user.FindFirstValue(ClaimTypes.Role));
}
