namespace Monitoring.Api.Infrastructure.Http;

/// <summary>Problems that no endpoint worded (a bare 404 from routing or from Wolverine's aggregate loading) in the caller's language.</summary>
public static class ProblemText
{
    public static void Localize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Status != StatusCodes.Status404NotFound || problem.Detail is not null) return;
        var path = context.HttpContext.Request.Path.Value;
        problem.Title = Localized.Text("Not found", "Không tìm thấy");
        problem.Detail = Localized.Text($"Nothing has the id in {path}.", $"Không có dữ liệu với mã trong {path}.");
    }
}
