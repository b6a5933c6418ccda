using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Audit;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;

namespace Monitoring.Api.Web.Audit;

/// <summary>The hash chain over the event store, checked now: intact with its head hash, or where it breaks.</summary>
[Authorize(Policy = Policies.Audit)]
public sealed class VerifyModel : MonitoringPage
{
    public ChainVerification Result { get; private set; } = null!;
    public DateTimeOffset VerifiedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var answer = await Api.GetAsync<ChainVerification>(InProcessApi.Query("/api/audit/verify", ("asOf", AsOfIso)), ct);
        if (!answer.Ok) return Refused(answer);
        Result = answer.Value!;
        VerifiedAt = HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return Page();
    }
}
