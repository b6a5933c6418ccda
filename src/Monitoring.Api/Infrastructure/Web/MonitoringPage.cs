using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;

namespace Monitoring.Api.Infrastructure.Web;

/// <summary>
/// What every page has: the signed-in caller, the API (asked in process, as that caller), the as-of day every page takes,
/// and one way to show a refusal (the API's 400/403/404 become the pages' error page with the API's own message).
/// </summary>
public abstract class MonitoringPage : PageModel
{
    public const string ProblemItem = "monitoring.problem";

    private InProcessApi? _api;
    protected InProcessApi Api => _api ??= HttpContext.RequestServices.GetRequiredService<InProcessApi>();

    public Caller Caller => HttpContext.Caller();

    /// <summary>The day the page is of, as typed (dd/MM/yyyy) or linked (yyyy-MM-dd): figures about that day or before, judged on it. Empty is today.</summary>
    [BindProperty(SupportsGet = true)]
    public string? AsOf { get; set; }

    /// <summary>The as-of day as the API reads it (yyyy-MM-dd), null for today.</summary>
    public string? AsOfIso => ParseDay(AsOf)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The day the page shows: the as-of day when one is given, else today in Vietnam.</summary>
    public DateOnly Day => ParseDay(AsOf) ?? HttpContext.RequestServices.GetRequiredService<TimeProvider>().Today();

    public static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day : null;

    /// <summary>
    /// As the API does for its parameters: a query parameter the page does not read is refused with 400 naming it, and so is
    /// an as-of day that is not a date; nothing is silently ignored.
    /// </summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "handler" };
        foreach (var property in context.ActionDescriptor.BoundProperties) known.Add(property.BindingInfo?.BinderModelName ?? property.Name);
        foreach (var parameter in context.HandlerMethod?.Parameters ?? []) known.Add(parameter.BindingInfo?.BinderModelName ?? parameter.Name);
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, _) in Request.Query.Where(q => !known.Contains(q.Key)))
            errors[name] = [T($"This page has no parameter '{name}'.", $"Trang này không có tham số '{name}'.")];
        if (!string.IsNullOrWhiteSpace(AsOf) && ParseDay(AsOf) is null)
            errors["asOf"] = [T("Write the day as dd/MM/yyyy (30/06/2023).", "Ngày viết dạng dd/MM/yyyy (30/06/2023).")];
        if (errors.Count > 0)
        {
            context.Result = Refused(new ApiAnswer<object>(StatusCodes.Status400BadRequest, null, Problems.InvalidDetails(errors)));
            return;
        }
        await next();
    }

    public bool IsCommitteeSide => Caller.Role is Roles.Committee or Roles.Secretariat;

    public static string T(string english, string vietnamese) => Localized.Text(english, vietnamese);

    /// <summary>The API refused: show its answer (status, title, messages) on the error page.</summary>
    protected IActionResult Refused<T>(ApiAnswer<T> answer)
    {
        if (answer.Status == StatusCodes.Status401Unauthorized) return Challenge();
        if (answer.Status == StatusCodes.Status503ServiceUnavailable) Database.DatabaseUnavailable.SetRetryAfter(Response);
        HttpContext.Items[ProblemItem] = answer.Problem;
        return StatusCode(answer.Status);
    }

    /// <summary>A link to another page keeping the as-of day.</summary>
    public string WithAsOf(string path) => AsOfIso is null ? path : InProcessApi.Query(path, ("asOf", AsOfIso));
}
