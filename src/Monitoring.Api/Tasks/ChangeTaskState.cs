using Wolverine.Marten;
using Monitoring.Domain.Common;
using Monitoring.Api.Resolutions;
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

public sealed record CompleteTask(DateOnly CompletedOn, string? Note, long? Version)
{
    public sealed class Validator : AbstractValidator<CompleteTask>
    {
        public Validator()
        {
            RuleFor(x => x.CompletedOn).NotEmpty();
            RuleFor(x => x.Note).MaximumLength(4000);
        }
    }
}

public sealed record SuspendTask(string Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<SuspendTask>
    {
        public Validator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
    }
}

public sealed record ReopenTask(string Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<ReopenTask>
    {
        public Validator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
    }
}

public static class ChangeTaskStateEndpoints
{
    public static ProblemDetails Before(CompleteTask command, ResolutionTask task, HttpContext context) =>
        AggregateWrites.ExpectedVersionAndUnit(context, command.Version, task.Version, "Task", task.Id, task.IsAssignedTo);

    [Authorize(Policy = Policies.Report)]
    [WolverinePost("/api/tasks/{id}/completion", OperationId = "CompleteTask"), Tags("Tasks"), EndpointSummary("Mark a task done")]
    [ProducesResponseType<WriteAccepted>(200)]
    public static async Task<(IResult, Events)> Complete(CompleteTask command, [WriteAggregate("id")] ResolutionTask task, IQuerySession session,
        HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        if (await ResolutionSpans.ForAsync(session, task.ResolutionId, ct) is { } span
            && Plausibility.PastDate(command.CompletedOn, clock.Today(), span, "completedOn") is { } implausible)
            return (implausible.ToResult(), []);
        var caller = context.Caller();
        return AggregateWrites.Answer(task.Complete(command.CompletedOn, command.Note, caller.UnitId, caller.UserName, clock.GetUtcNow()), task.Id, task.Version, context);
    }
}

public static class SuspendTaskEndpoint
{
    public static ProblemDetails Before(SuspendTask command, ResolutionTask task, HttpContext context) =>
        AggregateWrites.ExpectedVersion(context, command.Version, task.Version, "Task");

    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/tasks/{id}/suspension"), Tags("Tasks"), EndpointSummary("Suspend a task, saying why")]
    [ProducesResponseType<WriteAccepted>(200)]

    public static (IResult, Events) Post(SuspendTask command, [WriteAggregate("id")] ResolutionTask task, IDocumentSession session, HttpContext context,
        TimeProvider clock)
    {
        session.RecordReason(command.Reason);
        return AggregateWrites.Answer(task.Suspend(command.Reason, context.Caller().UserName, clock.GetUtcNow()), task.Id, task.Version, context);
    }
}

public static class ReopenTaskEndpoint
{
    public static ProblemDetails Before(ReopenTask command, ResolutionTask task, HttpContext context) =>
        AggregateWrites.ExpectedVersion(context, command.Version, task.Version, "Task");

    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/tasks/{id}/reopening"), Tags("Tasks"), EndpointSummary("Reopen a suspended or completed task, saying why")]
    [ProducesResponseType<WriteAccepted>(200)]
    public static (IResult, Events) Post(ReopenTask command, [WriteAggregate("id")] ResolutionTask task, IDocumentSession session, HttpContext context,
        TimeProvider clock)
    {
        session.RecordReason(command.Reason);
        return AggregateWrites.Answer(task.Reopen(command.Reason, context.Caller().UserName, clock.GetUtcNow()), task.Id, task.Version, context);
    }
}
