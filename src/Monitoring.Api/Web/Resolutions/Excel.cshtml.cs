using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;

namespace Monitoring.Api.Web.Resolutions;

/// <summary>The resolution's targets table as of the page's day, as the API's .xlsx (GET /api/resolutions/{id}/targets.xlsx?cutOff=).</summary>
[Authorize(Policy = Policies.ReadAll)]
public sealed class ExcelModel : MonitoringPage
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var file = await Api.GetFileAsync(InProcessApi.Query($"/api/resolutions/{id}/targets.xlsx", ("cutOff", AsOfIso)), ct);
        return ApiFiles.Refusal(file) is { } refusal ? Refused(refusal) : ApiFiles.Pass(Response, file);
    }
}
