using Monitoring.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Monitoring.Api.Units;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Common;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Units;
using Wolverine.Http;

namespace Monitoring.Api.Targets;

public static class AssignTargetEndpoint
{
    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/targets/{id}/assignment"), Tags("Targets"), EndpointSummary("Assign the lead and co-operating units of a target")]
    [ProducesResponseType<WriteAccepted>(200)]
    public static async Task<IResult> Post(Guid id, AssignUnits command, IDocumentSession session, HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        if (await UnitReferences.FirstMissingAsync(session, command.LeadUnitId, command.CooperatingUnitIds, ct) is { } missing) return missing;

        var (stream, problem) = await session.FetchAsync<Target>(context, id, command.Version, "Target", ct);
        if (problem is not null) return problem;
        return stream!.Append(Decision.Accept(new TargetAssigned(id, command.LeadUnitId, command.CooperatingUnitIds ?? [],
            context.Caller().UserName, clock.GetUtcNow())), context);
    }
}
