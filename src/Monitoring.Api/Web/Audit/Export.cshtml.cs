using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;

namespace Monitoring.Api.Web.Audit;

/// <summary>The audit feed with the page's filters as CSV: the API's own export, handed on as it answered it.</summary>
[Authorize(Policy = Policies.Audit)]
public sealed class ExportModel : AuditFeedPage
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var file = await Api.GetFileAsync(InProcessApi.Query("/api/audit/export", [("format", "csv"), .. ApiFilters()]), ct);
        if (file.Status != StatusCodes.Status200OK)
            return Refused(new ApiAnswer<object>(file.Status, null, file.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase) && file.Content.Length > 0
                ? JsonSerializer.Deserialize<HttpValidationProblemDetails>(file.Content, JsonSerializerOptions.Web)
                : null));
        if (file.ContentDisposition is { } disposition) Response.Headers.ContentDisposition = disposition;
        return File(file.Content, file.ContentType);
    }
}
