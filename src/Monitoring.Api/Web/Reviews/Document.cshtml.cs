using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;

namespace Monitoring.Api.Web.Reviews;

/// <summary>A review's Word document, as the API serves it (same bytes, type and file name), for a signed-in reader of the pages.</summary>
[Authorize(Policy = Policies.ReadAll)]
public sealed class DocumentModel : MonitoringPage
{
    private static readonly JsonSerializerOptions Json = JsonDefaults.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public async Task<IActionResult> OnGetAsync(Guid id, Guid reviewId, CancellationToken ct)
    {
        var file = await Api.GetFileAsync($"/api/resolutions/{id}/reviews/{reviewId}/document", ct);
        if (file.Status is >= 200 and < 300)
        {
            var name = file.ContentDisposition is { } header && ContentDispositionHeaderValue.TryParse(header, out var disposition)
                ? (disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value)
                : null;
            return File(file.Content, file.ContentType, name ?? $"bao-cao-{reviewId}.docx");
        }
        var problem = file.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase) && file.Content.Length > 0
            ? JsonSerializer.Deserialize<HttpValidationProblemDetails>(file.Content, Json)
            : null;
        return Refused(new ApiAnswer<object>(file.Status, null, problem ?? new HttpValidationProblemDetails { Status = file.Status }));
    }
}
