using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;

namespace Monitoring.Api.Web.Reporting;

/// <summary>
/// The completeness the reporting page shows (its period, resolution and as-of day), as the API's .xlsx
/// (GET /api/reporting/completeness.xlsx).
/// </summary>
[Authorize(Policy = Policies.ReadAll)]
public sealed class ExcelModel : MonitoringPage
{
    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ResolutionId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var file = await Api.GetFileAsync(InProcessApi.Query("/api/reporting/completeness.xlsx",
            ("period", Period), ("resolutionId", ResolutionId), ("asOf", AsOfIso)), ct);
        return ApiFiles.Refusal(file) is { } refusal ? Refused(refusal) : ApiFiles.Pass(Response, file);
    }
}
