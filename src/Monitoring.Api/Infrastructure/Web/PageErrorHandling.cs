using System.Net;
using Microsoft.AspNetCore.Diagnostics;

namespace Monitoring.Api.Infrastructure.Web;

/// <summary>A failure while drawing a page answers a plain page in the reader's language, not a JSON problem (the API keeps its own).</summary>
public sealed class PageErrorHandling(ILogger<PageErrorHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (WebSignIn.IsApi(context.Request) || context.Response.HasStarted) return false;
        var databaseAway = Database.DatabaseUnavailable.Is(exception);
        if (databaseAway)
        {
            logger.LogWarning("Page {Path} answered 503, the database is not available: {Message}", context.Request.Path, exception.Message);
            Database.DatabaseUnavailable.SetRetryAfter(context.Response);
            Database.DatabaseUnavailable.ForgetPooledConnections(context.RequestServices);
        }
        else logger.LogError(exception, "Page {Path} failed", context.Request.Path);
        context.Response.StatusCode = databaseAway ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "text/html; charset=utf-8";
        var language = Localized.Vietnamese ? "vi" : "en";
        var title = WebUtility.HtmlEncode(Localized.Text("Something went wrong", "Đã có lỗi khi hiển thị trang"));
        var detail = WebUtility.HtmlEncode(Localized.Text("The page could not be drawn. Try again in a moment; what was recorded is unchanged.",
            "Không hiển thị được trang. Hãy thử lại sau giây lát; dữ liệu đã ghi nhận không bị thay đổi."));
        await context.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>{title}</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head><body><main id=\"main\"><h1>{title}</h1><p>{detail}</p>" +
            $"<p><a href=\"/\">{WebUtility.HtmlEncode(Localized.Text("Back to the start page", "Về trang đầu"))}</a></p></main></body></html>", ct);
        return true;
    }
}
