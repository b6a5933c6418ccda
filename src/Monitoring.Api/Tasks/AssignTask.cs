using Monitoring.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Monitoring.Api.Units;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Common;
using Monitoring.Domain.Tasks;
using Wolverine.Http;

namespace Monitoring.Api.Tasks;

public static class AssignTaskEndpoint
{
    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/tasks/{id}/assignment"), Tags("Tasks"), EndpointSummary("Assign the lead and co-operating units of a task")]
    [ProducesResponseType<WriteAccepted>(200)]
    public static async Task<IResult> Post(Guid id, AssignUnits command, IDocumentSession session, HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        if (await UnitReferences.FirstMissingAsync(session, command.LeadUnitId, command.CooperatingUnitIds, ct) is { } missing) return missing;
        var (stream, problem) = await session.FetchAsync<ResolutionTask>(context, id, command.Version, "Task", ct);
        if (problem is not null) return problem;
        return stream!.Append(Decision.Accept(new TaskAssigned(id, command.LeadUnitId, command.CooperatingUnitIds ?? [],
            context.Caller().UserName, clock.GetUtcNow())), context);
    }
}
