using System.Security.Claims;
using Monitoring.Api.Infrastructure.Security;

namespace Monitoring.Api.Infrastructure;

/// <summary>
/// Who is making a request: the user, their role, the province whose record they work in and the unit a reporter acts
/// for. From the token, never the body. A national role belongs to no province.
/// </summary>
public sealed record Caller(string UserName, string? Role, string? UnitCode, Guid? UnitId, string? Province = null)
{
    public static readonly Caller Anonymous = new("anonymous", null, null, null);

    public bool IsNational => Role is Roles.National or Roles.NationalAdmin;

    public bool IsReporter => Role == Roles.Reporter;
    public bool IsSecretariat => Role == Roles.Secretariat;

    /// <summary>A reporter sees and writes only what is assigned to their unit; the other roles are not bound to a unit.</summary>
    public bool MayActFor(Func<Guid, bool> isAssignedTo) => !IsReporter || (UnitId is { } unit && isAssignedTo(unit));

    /// <summary>
    /// The unit a write is for: a reporter's own, from the token (naming one in the body is refused), or the one the secretariat
    /// names on a unit's behalf (a 400 with <paramref name="nameItEnglish"/> / <paramref name="nameItVietnamese"/> when it names none).
    /// </summary>
    public IResult? UnitOfWrite(Guid? named, string nameItEnglish, string nameItVietnamese, out Guid unitId)
    {
        unitId = Guid.Empty;
        if (IsReporter && named is not null)
            return Http.Problems.Invalid("unitId", Localized.Text("Your unit is taken from your token; do not send unitId.",
                "Đơn vị được lấy từ token; không gửi unitId."));
        if (!IsReporter && named is null) return Http.Problems.Invalid("unitId", Localized.Text(nameItEnglish, nameItVietnamese));
        unitId = IsReporter ? UnitId!.Value : named!.Value;
        return null;
    }

    public static Caller From(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? new Caller(
                user.FindFirstValue(ClaimNames.Name) ?? user.FindFirstValue("sub") ?? "unknown",
                user.FindFirstValue(ClaimNames.Role),
                user.FindFirstValue(ClaimNames.Unit),
                null,
                user.FindFirstValue(ClaimNames.Province))
            : Anonymous;
}

public static class CallerExtensions
{
    /// <summary>The caller worked out by <see cref="CallerMiddleware"/> for this request.</summary>
    public static Caller Caller(this HttpContext context) => context.Features.Get<Caller>() ?? Infrastructure.Caller.From(context.User);
}
