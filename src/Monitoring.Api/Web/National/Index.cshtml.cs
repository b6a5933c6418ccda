using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;
using Monitoring.Api.Provinces;

namespace Monitoring.Api.Web.National;

/// <summary>The central bodies' page: every province's targets by status and its reporting completeness, as of a day.</summary>
[Authorize(Policy = Policies.National)]
public sealed class IndexModel : MonitoringPage
{
    /// <summary>The reporting period whose completeness is counted (2023-H1...); empty: each province's latest due one.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    public NationalOverview View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var overview = await Api.GetAsync<NationalOverview>(InProcessApi.Query("/api/national/overview", ("asOf", AsOfIso), ("period", Period)), ct);
        if (!overview.Ok) return Refused(overview);
        View = overview.Value!;
        return Page();
    }
}
