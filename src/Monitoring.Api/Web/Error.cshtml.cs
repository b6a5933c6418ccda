using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure.Web;

namespace Monitoring.Api.Web;

/// <summary>The pages' answer to a refusal or an unknown address, with the status code kept (403 stays 403).</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : MonitoringPage
{
    public int Code { get; private set; }
    public HttpValidationProblemDetails? Problem { get; private set; }
    public string Title { get; private set; } = "";
    public string Detail { get; private set; } = "";

    public IActionResult OnGet(int code) => Show(code);
    public IActionResult OnPost(int code) => Show(code);

    private IActionResult Show(int code)
    {
        // Only re-executed refusals land here; asked for directly, the page is just "not found".
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        Code = original is null ? 404 : code;
        if (original is null) Response.StatusCode = 404;
        Problem = HttpContext.Items[ProblemItem] as HttpValidationProblemDetails;
        (Title, Detail) = Code switch
        {
            400 => (T("The request cannot be read", "Yêu cầu không hợp lệ"), T("Check what was entered.", "Hãy kiểm tra lại thông tin đã nhập.")),
            403 => (T("Not allowed", "Không có quyền truy cập"),
                T("Your role or unit may not see this page. A reporting unit sees only its own unit's data.",
                  "Vai trò hoặc đơn vị của bạn không được xem trang này. Đơn vị báo cáo chỉ xem được số liệu của đơn vị mình.")),
            404 => (T("Not found", "Không tìm thấy"), T("Nothing is recorded at this address.", "Không có nội dung ở địa chỉ này.")),
            409 => (T("Changed by someone else", "Dữ liệu đã bị thay đổi"), T("Reload the page and try again.", "Hãy tải lại trang rồi thử lại.")),
            429 => (T("Too many requests", "Quá nhiều yêu cầu"), T("Wait a moment and try again.", "Hãy chờ giây lát rồi thử lại.")),
            _ => (T("Something went wrong", "Đã có lỗi"), T("Try again later; nothing you sent was recorded twice.", "Hãy thử lại sau.")),
        };
        if (Problem is { Title: { Length: > 0 } title }) Detail = Problem.Detail is { Length: > 0 } d ? $"{title}: {d}" : title;
        return Page();
    }
}
