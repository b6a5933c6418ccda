using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure.Web;

namespace Monitoring.Api.Infrastructure.Security;

/// <summary>401 and 403 say what happened in a problem body, like every other refusal (the challenge headers stay).</summary>
public sealed class ProblemAuthorizationResults : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        // Pages: the cookie handler sends a stranger to the sign-in page; a refusal is the pages' own 403 page.
        if (!WebSignIn.IsApi(context.Request) && result.Forbidden)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        if (!WebSignIn.IsApi(context.Request) && result.Challenged)
        {
            await _default.HandleAsync(next, context, policy, result);
            return;
        }
        if (result.Challenged || result.Forbidden)
        {
            await _default.HandleAsync(_ => Task.CompletedTask, context, policy, result);
            if (context.Response.HasStarted) return;
            var problem = result.Challenged
                ? new ProblemDetails
                {
                    Status = StatusCodes.Status401Unauthorized,
                    Title = Localized.Text("Sign-in required", "Cần đăng nhập"),
                    Detail = Localized.Text("Send a valid bearer token (Authorization: Bearer …); it may be missing, expired or not issued for this service.",
                        "Cần gửi mã truy cập hợp lệ (Authorization: Bearer …); mã có thể thiếu, hết hạn hoặc không dành cho hệ thống này."),
                }
                : new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = Localized.Text("Not allowed for your role", "Vai trò của bạn không được phép"),
                    Detail = Localized.Text("Your role may not use this operation.", "Vai trò của bạn không được sử dụng thao tác này."),
                };
            await Results.Problem(problem).ExecuteAsync(context);
            return;
        }
        await _default.HandleAsync(next, context, policy, result);
    }
}
