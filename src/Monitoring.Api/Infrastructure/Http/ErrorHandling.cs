using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Monitoring.Api.Infrastructure.Http;

/// <summary>
/// Turns the store's refusals into answers a client can act on. Each of these exceptions is thrown before or by the
/// transaction's commit, so nothing was appended.
/// </summary>
public sealed class ErrorHandling(IProblemDetailsService problems, ILogger<ErrorHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            ConcurrencyException or JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = Localized.Text("The record was changed by someone else", "Dữ liệu đã bị người khác thay đổi"),
                Detail = Localized.Text(
                    "The version you sent is not the current one. Reload, check what changed and send again.",
                    "Phiên bản gửi lên không còn là phiên bản hiện tại. Hãy tải lại, xem thay đổi rồi gửi lại."),
            },
            DocumentAlreadyExistsException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = Localized.Text("Already exists", "Đã tồn tại"),
                Detail = exception.Message,
            },
            MartenCommandException { InnerException: Npgsql.PostgresException { SqlState: "23505" } } => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = Localized.Text("Already exists", "Đã tồn tại"),
                Detail = Localized.Text("A record with the same unique value (code or number) exists.", "Đã có bản ghi trùng mã hoặc số hiệu."),
            },
            // A national role (no province) reached something that reads a province's record: not theirs to read.
            Provinces.NoProvinceException or NotSupportedException { Message: "Default tenant does not supported" } => new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = Localized.Text("Not a province's user", "Không phải người dùng của tỉnh"),
                Detail = Localized.Text("This reads or writes a province's record; your role belongs to no province.",
                    "Thao tác này đọc hoặc ghi dữ liệu của một tỉnh; vai trò của bạn không thuộc tỉnh nào."),
            },
            JsonException json => JsonBodyCheck.Problem(json),
            BadHttpRequestException { InnerException: JsonException json } => JsonBodyCheck.Problem(json),
            _ => null,
        };
        if (problem is null) return false;

        logger.LogInformation("Request refused with {Status}: {Message}", problem.Status, exception.Message);
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }
}
