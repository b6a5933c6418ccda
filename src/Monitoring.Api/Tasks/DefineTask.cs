using Monitoring.Api.Resolutions;
using Microsoft.Extensions.Options;
using Monitoring.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Monitoring.Api.Units;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Resolutions;
using Wolverine.Http;

namespace Monitoring.Api.Tasks;

public sealed record DefineTask(Guid ResolutionId, TaskDefinition Task)
{
    public sealed class Validator : AbstractValidator<DefineTask>
    {
        public Validator()
        {
            RuleFor(x => x.ResolutionId).NotEmpty();
            RuleFor(x => x.Task).NotNull().SetValidator(new TaskDefinition.Validator());
        }
    }
}

public sealed record TaskDefinedResponse(Guid Id, Guid ResolutionId);

public static class DefineTaskEndpoint
{
    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/tasks"), Tags("Tasks"), EndpointSummary("Define a task of a resolution")]
    [ProducesResponseType<TaskDefinedResponse>(201)]
    public static async Task<IResult> Post(DefineTask command, IDocumentSession session, HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        var resolution = await session.LoadAsync<Resolution>(command.ResolutionId, ct);
        if (resolution is null) return Problems.NotFound("Resolution", command.ResolutionId);
        if (await UnitReferences.FirstMissingAsync(session, command.Task.LeadUnitId, command.Task.CooperatingUnitIds, ct) is { } problem) return problem;

        var id = TaskDefining.Append(session, resolution, command.Task, context.Caller().UserName, clock.GetUtcNow()).Id;
        return Results.Created($"/api/tasks/{id}", new TaskDefinedResponse(id, resolution.Id));
    }
}
