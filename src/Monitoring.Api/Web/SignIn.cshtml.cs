using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;
using Monitoring.Api.Provinces;
using Monitoring.Domain.Units;

namespace Monitoring.Api.Web;

/// <summary>
/// Sign-in for the pages. With an OpenID Connect provider configured it hands over to the provider; in Development, and only
/// there, it offers a local choice of role and unit; anywhere else it is not available (404) and signs nobody in.
/// </summary>
public sealed class SignInModel(IWebHostEnvironment environment, IOptions<AuthOptions> auth, IDocumentStore store, ProvinceRegistry registry,
    IOptions<ProvinceOptions> provinceOptions) : MonitoringPage
{
    public IReadOnlyList<Province> Provinces { get; private set; } = [];
    public IReadOnlyList<(string Province, Unit Unit)> Units { get; private set; } = [];
    public string? Province { get; private set; }
    public string? ReturnUrl { get; private set; }
    public string? Role { get; private set; }
    public string? Unit { get; private set; }
    public string? Name { get; private set; }
    public string? Error { get; private set; }

    public static IEnumerable<(string Role, string Name)> RoleNames() =>
    [
        (Roles.Committee, T("Standing committee", "Ban Thường vụ Tỉnh ủy")),
        (Roles.Secretariat, T("Secretariat", "Văn phòng Tỉnh ủy")),
        (Roles.Reporter, T("Reporting unit", "Đơn vị báo cáo")),
        (Roles.Auditor, T("Auditor", "Kiểm tra")),
        (Roles.National, T("Central body (national overview)", "Cơ quan Trung ương (tổng hợp toàn quốc)")),
        (Roles.NationalAdmin, T("National administrator", "Quản trị hệ thống toàn quốc")),
    ];

    private async Task LoadAsync(CancellationToken ct)
    {
        Provinces = await registry.AllAsync(ct);
        var units = new List<(string, Unit)>();
        foreach (var province in Provinces)
        {
            await using var session = store.QuerySession(province.Code);
            units.AddRange((await session.Query<Unit>().OrderBy(u => u.Code).ToListAsync(ct)).Select(u => (province.Code, u)));
        }
        Units = units;
    }

    public async Task<IActionResult> OnGetAsync(string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = LocalOrHome(returnUrl);
        if (WebSignIn.UsesProvider(auth.Value))
            return Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl }, WebSignIn.ProviderScheme);
        if (!environment.IsDevelopment()) return NotFound();
        Role = Roles.Committee;
        Province = provinceOptions.Value.DefaultCode;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? role, string? province, string? unit, string? name, string? returnUrl, CancellationToken ct)
    {
        if (!environment.IsDevelopment() || WebSignIn.UsesProvider(auth.Value)) return NotFound();
        ReturnUrl = LocalOrHome(returnUrl);
        (Role, Unit, Name) = (role, string.IsNullOrWhiteSpace(unit) ? null : unit.Trim().ToUpperInvariant(), name?.Trim());
        Province = string.IsNullOrWhiteSpace(province) ? provinceOptions.Value.DefaultCode : province.Trim().ToLowerInvariant();
        await LoadAsync(ct);
        var national = role is Roles.National or Roles.NationalAdmin;
        if (role is null || !Roles.All.Contains(role)) Error = T("Choose a role.", "Hãy chọn vai trò.");
        else if (!national && Provinces.All(p => p.Code != Province))
            Error = T("Choose the province you work in.", "Hãy chọn tỉnh.");
        else if (role == Roles.Reporter && (Unit is null || Units.All(u => u.Province != Province || u.Unit.Code != Unit)))
            Error = T("A reporting unit signs in for a registered unit: choose one.", "Đơn vị báo cáo phải chọn một đơn vị đã đăng ký.");
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var user = string.IsNullOrWhiteSpace(Name) ? (Unit is null ? $"{role}@local" : $"{role}.{Unit.ToLowerInvariant()}@local") : Name;
        await HttpContext.SignInAsync(WebSignIn.CookieScheme, WebSignIn.Principal(user, role!, role == Roles.Reporter ? Unit : null,
            national ? null : Province));
        return LocalRedirect(ReturnUrl);
    }

    private string LocalOrHome(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
