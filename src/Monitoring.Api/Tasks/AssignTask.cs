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
using Monitoring.Domain.Tasks;
using Wolverine.Http;

namespace Monitoring.Api.Tasks;

public static class AssignTaskEndpoint
{
    public static ProblemDetails Before(AssignUnits command, ResolutionTask task, HttpContext context) =>
        AggregateWrites.ExpectedVersion(context, command.Version, task.Version, "Task");

    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/tasks/{id}/assignment"), Tags("Tasks"), EndpointSummary("Assign the lead and co-operating units of a task")]
    [ProducesResponseType<WriteAccepted>(200)]
    public static async Task<(IResult, Events)> Post(AssignUnits command, [WriteAggregate("id")] ResolutionTask task, IQuerySession session,
        HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        if (await UnitReferences.FirstMissingAsync(session, command.LeadUnitId, command.CooperatingUnitIds, ct) is { } missing) return (missing, []);
        return AggregateWrites.Answer(Decision.Accept(new TaskAssigned(task.Id, command.LeadUnitId, command.CooperatingUnitIds ?? [],
            context.Caller().UserName, clock.GetUtcNow())), task.Id, task.Version, context);
    }
}
