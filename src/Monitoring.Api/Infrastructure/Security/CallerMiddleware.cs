using Microsoft.AspNetCore.Mvc;

namespace Monitoring.Api.Infrastructure.Security;

/// <summary>
/// After authentication: works out who is calling (user, role, unit) once per request. A reporter whose token names
/// no registered unit is refused here, before any endpoint runs.
/// </summary>
public sealed class CallerMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, UnitDirectory units, IProblemDetailsService problems)
    {
        var caller = Caller.From(context.User);
        if (caller.UnitCode is { } code)
        {
            var unitId = await units.FindAsync(code, context.RequestAborted);
            if (unitId is null && caller.IsReporter)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = 403,
                        Title = Localized.Text("Unknown unit", "Đơn vị không tồn tại"),
                        Detail = Localized.Text($"Your token names unit {code}, which is not registered.", $"Mã đơn vị {code} trong token chưa được đăng ký."),
                    },
                });
                return;
            }
            caller = caller with { UnitId = unitId };
        }
        context.Features.Set(caller);
        await next(context);
    }
}
