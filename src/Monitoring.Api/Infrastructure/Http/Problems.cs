using Microsoft.AspNetCore.Mvc;

namespace Monitoring.Api.Infrastructure.Http;

public static class Problems
{
    public static IResult NotFound(string what, Guid id) => Results.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = Localized.Text($"{what} not found", $"Không tìm thấy {WhatInVietnamese(what)}"),
        Detail = Localized.Text($"No {what.ToLowerInvariant()} has id {id}.", $"Không có {WhatInVietnamese(what)} với mã {id}."),
    });

    /// <summary>403: the caller's role may use the endpoint, but not on this unit's data.</summary>
    public static IResult NotYourUnit(string what, Guid id) => Results.Problem(NotYourUnitDetails(what, id));

    public static ProblemDetails NotYourUnitDetails(string what, Guid id) => new()
    {
        Status = StatusCodes.Status403Forbidden,
        Title = Localized.Text("Not assigned to your unit", "Không thuộc đơn vị của bạn"),
        Detail = Localized.Text($"{what} {id} is not assigned to your unit.", $"{WhatInVietnamese(what)} {id} không được giao cho đơn vị của bạn."),
    };

    public static IResult Conflict(string detail) => Results.Problem(ConflictDetails(detail));

    public static ProblemDetails ConflictDetails(string detail) => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = Localized.Text("Conflict", "Xung đột dữ liệu"),
        Detail = detail,
    };

    public static IResult Invalid(string field, string message) => Results.Problem(InvalidDetails(field, message));

    public static HttpValidationProblemDetails InvalidDetails(string field, string message) =>
        InvalidDetails(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The one shape of a 400: every invalid field (JSON path or parameter name) with its messages.</summary>
    public static HttpValidationProblemDetails InvalidDetails(IDictionary<string, string[]> errors) => new(errors)
    {
        Status = StatusCodes.Status400BadRequest,
        Title = Localized.Text("The request is invalid", "Yêu cầu không hợp lệ"),
    };

    public static IResult Unprocessable(string detail) => Results.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = Localized.Text("Request cannot be processed", "Không thể xử lý yêu cầu"),
        Detail = detail,
    });

    private static string WhatInVietnamese(string what) => what switch
    {
        "Resolution" => "nghị quyết",
        "Target" => "chỉ tiêu",
        "Task" => "nhiệm vụ",
        "Unit" => "đơn vị",
        "Report" => "báo cáo",
        "Figure" => "số liệu",
        "Review" => "báo cáo sơ kết/tổng kết",
        "Submission" => "báo cáo kỳ của đơn vị",
        "ExplanationRequest" => "yêu cầu giải trình",
        _ => what,
    };
}
