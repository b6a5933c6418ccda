using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure.Security;
using Wolverine.Http;

namespace Monitoring.Api.Audit;

public static class VerifyEndpoint
{
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/audit/verify", OperationId = "VerifyAuditChain"), Tags("Audit"),
     EndpointSummary("Check the hash chain: OK with the number of events checked and the head hash, or the first event where it breaks")]
    [ProducesResponseType<ChainVerification>(200)]
    public static async Task<IResult> Get(ChainVerifier verifier, CancellationToken ct) => Results.Ok(await verifier.VerifyAsync(ct));
}
