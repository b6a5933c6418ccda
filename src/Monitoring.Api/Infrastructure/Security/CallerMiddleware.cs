using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monitoring.Api.Provinces;

namespace Monitoring.Api.Infrastructure.Security;

/// <summary>
/// After authentication: works out who is calling (user, role, province, unit) once per request. A provincial caller
/// whose token names no registered province, or a reporter whose token names no unit registered in it, is refused here,
/// before any endpoint runs. A token naming no province belongs to the default one (a one-province deployment's), if any.
/// </summary>
public sealed class CallerMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, UnitDirectory units, ProvinceRegistry provinces, IOptions<ProvinceOptions> options,
        IProblemDetailsService problems)
    {
        var caller = Caller.From(context.User);
        if (caller.IsNational)
            caller = caller with { Province = null, UnitCode = null };
        else if (context.User.Identity?.IsAuthenticated == true)
        {
            var province = caller.Province ?? options.Value.DefaultCode;
            if (province is null || await provinces.FindAsync(province, context.RequestAborted) is null)
            {
                await RefuseAsync(context, problems, Localized.Text("Unknown province", "Tỉnh không tồn tại"), province is null
                    ? Localized.Text("Your token names no province.", "Token không ghi tỉnh.")
                    : Localized.Text($"Your token names province {province}, which this service does not serve.",
                        $"Tỉnh {province} trong token không thuộc hệ thống này."));
                return;
            }
            caller = caller with { Province = province };
        }
        if (caller.UnitCode is { } code && caller.Province is { } unitProvince)
        {
            var unitId = await units.FindAsync(unitProvince, code, context.RequestAborted);
            if (unitId is null && caller.IsReporter)
            {
                await RefuseAsync(context, problems, Localized.Text("Unknown unit", "Đơn vị không tồn tại"),
                    Localized.Text($"Your token names unit {code}, which is not registered.", $"Mã đơn vị {code} trong token chưa được đăng ký."));
                return;
            }
            caller = caller with { UnitId = unitId };
        }
        context.Features.Set(caller);
        await next(context);
    }

    private static async Task RefuseAsync(HttpContext context, IProblemDetailsService problems, string title, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = 403, Title = title, Detail = detail },
        });
    }
}
