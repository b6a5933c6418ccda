using Wolverine.Marten;
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
    public static ProblemDetails Before(AssignUnits command, Target target, HttpContext context) =>
        AggregateWrites.ExpectedVersion(context, command.Version, target.Version, "Target");

    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/targets/{id}/assignment"), Tags("Targets"), EndpointSummary("Assign the lead and co-operating units of a target")]
    [ProducesResponseType<WriteAccepted>(200)]
    public static async Task<(IResult, Events)> Post(AssignUnits command, [WriteAggregate("id")] Target target, IQuerySession session,
        HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        if (await UnitReferences.FirstMissingAsync(session, command.LeadUnitId, command.CooperatingUnitIds, ct) is { } missing) return (missing, []);
        return AggregateWrites.Answer(Decision.Accept(new TargetAssigned(target.Id, command.LeadUnitId, command.CooperatingUnitIds ?? [],
            context.Caller().UserName, clock.GetUtcNow())), target.Id, target.Version, context);
    }
}
