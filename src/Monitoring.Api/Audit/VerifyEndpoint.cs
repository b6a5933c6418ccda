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
    [EndpointDescription("With asOf: only the events recorded by then, and the head hash the chain had for them (what a checkpoint printed that day shows).")]
    [ProducesResponseType<ChainVerification>(200)]
    public static async Task<IResult> Get(string? asOf, ChainVerifier verifier, Marten.IQuerySession session, CancellationToken ct)
    {
        if (!Infrastructure.Http.AsOf.TryParse(asOf, out var when, out var problem)) return problem!;
        return Results.Ok(await verifier.VerifyAsync(session.Database, ct, when?.Instant));
    }
}
