using Wolverine.Marten;
using Monitoring.Domain.Resolutions;
using Monitoring.Api.Resolutions;
using Microsoft.Extensions.Options;
using Monitoring.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Tasks;
using Wolverine.Http;

namespace Monitoring.Api.Tasks;

public sealed record ExtendDeadline(DateOnly NewDeadline, string Reason, string? DecisionNumber, long? Version)
{
    public sealed class Validator : AbstractValidator<ExtendDeadline>
    {
        public Validator()
        {
            RuleFor(x => x.NewDeadline).NotEmpty();
            RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
            RuleFor(x => x.DecisionNumber).MaximumLength(100);
        }
    }
}

public static class ExtendDeadlineEndpoint
{
    public static ProblemDetails Before(ExtendDeadline command, ResolutionTask task, HttpContext context) =>
        AggregateWrites.ExpectedVersion(context, command.Version, task.Version, "Task");

    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/tasks/{id}/deadline-extensions"), Tags("Tasks"), EndpointSummary("Extend a task's deadline, saying why")]
    [ProducesResponseType<WriteAccepted>(200)]
    public static async Task<(IResult, Events)> Post(ExtendDeadline command, [WriteAggregate("id")] ResolutionTask task, IDocumentSession session,
        HttpContext context, TimeProvider clock, IOptions<PlausibilityOptions> plausibility, CancellationToken ct)
    {
        if (await session.LoadAsync<Resolution>(task.ResolutionId, ct) is { } resolution
            && plausibility.Value.Deadline(command.NewDeadline, resolution, "newDeadline", task.OriginalDeadline) is { } late)
            return (late.ToResult(), []);
        session.RecordReason(command.Reason);
        return AggregateWrites.Answer(task.ExtendDeadline(command.NewDeadline, command.Reason, command.DecisionNumber, context.Caller().UserName,
            clock.GetUtcNow()), task.Id, task.Version, context);
    }
}
