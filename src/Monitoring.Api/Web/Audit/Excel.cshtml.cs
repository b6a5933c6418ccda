using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;

namespace Monitoring.Api.Web.Audit;

/// <summary>The audit feed with the page's filters (and as-of day) as the API's .xlsx (GET /api/audit/export.xlsx): the rows the feed shows.</summary>
[Authorize(Policy = Policies.Audit)]
public sealed class ExcelModel : AuditFeedPage
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var file = await Api.GetFileAsync(InProcessApi.Query("/api/audit/export.xlsx", ApiFilters()), ct);
        return ApiFiles.Refusal(file) is { } refusal ? Refused(refusal) : ApiFiles.Pass(Response, file);
    }
}
