using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure.Database;

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
            _ when DatabaseUnavailable.Is(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = Localized.Text("The database is not available", "Cơ sở dữ liệu tạm thời không sẵn sàng"),
                Detail = Localized.Text(
                    $"The request could not be completed. Send it again in {DatabaseUnavailable.RetryAfterSeconds} seconds with the same Idempotency-Key: if it was recorded after all, you get its first answer and nothing is recorded twice.",
                    $"Chưa hoàn tất được yêu cầu. Hãy gửi lại sau {DatabaseUnavailable.RetryAfterSeconds} giây với cùng Idempotency-Key: nếu yêu cầu thực ra đã được ghi nhận, bạn nhận lại câu trả lời đầu tiên và không có gì bị ghi hai lần."),
            },
            JsonException json => JsonBodyCheck.Problem(json),
            BadHttpRequestException { InnerException: JsonException json } => JsonBodyCheck.Problem(json),
            _ => null,
        };
        if (problem is null) return false;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning("Request answered 503, the database is not available: {Message}", exception.Message);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            DatabaseUnavailable.SetRetryAfter(context.Response);
            DatabaseUnavailable.ForgetPooledConnections(context.RequestServices);
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
        }

        logger.LogInformation("Request refused with {Status}: {Message}", problem.Status, exception.Message);
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }
}
