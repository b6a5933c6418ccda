using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace Monitoring.Api.Infrastructure.Web;

/// <summary>A file the API answered, handed on by a page as the API answered it, or the API's refusal for the page to show.</summary>
public static class ApiFiles
{
    private static readonly JsonSerializerOptions Json = JsonDefaults.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>The API's refusal (400/403/404 with its problem) for <see cref="MonitoringPage"/>'s <c>Refused</c>, or null when the file came.</summary>
    public static ApiAnswer<object>? Refusal(ApiFile file) => file.Status is >= 200 and < 300
        ? null
        : new ApiAnswer<object>(file.Status, null,
            (file.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase) && file.Content.Length > 0
                ? JsonSerializer.Deserialize<HttpValidationProblemDetails>(file.Content, Json)
                : null) ?? new HttpValidationProblemDetails { Status = file.Status });

    /// <summary>The same bytes, type and Content-Disposition (both file names, ASCII and UTF-8) as the API's answer.</summary>
    public static IActionResult Pass(HttpResponse response, ApiFile file)
    {
        if (file.ContentDisposition is { } disposition) response.Headers.ContentDisposition = disposition;
        return new FileContentResult(file.Content, file.ContentType);
    }
}
