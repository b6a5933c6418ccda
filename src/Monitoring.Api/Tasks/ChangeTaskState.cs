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
    [Authorize(Policy = Policies.Report)]
    [WolverinePost("/api/tasks/{id}/completion", OperationId = "CompleteTask"), Tags("Tasks"), EndpointSummary("Mark a task done")]
    [ProducesResponseType<WriteAccepted>(200)]
    public static async Task<IResult> Complete(Guid id, CompleteTask command, IDocumentSession session, HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        var (stream, problem) = await session.FetchAsync<ResolutionTask>(context, id, command.Version, "Task", ct);
        if (problem is not null) return problem;
        if (await ResolutionSpans.ForAsync(session, stream!.Aggregate!.ResolutionId, ct) is { } span
            && Plausibility.PastDate(command.CompletedOn, clock.Today(), span, "completedOn") is { } implausible)
            return implausible.ToResult();
        var caller = context.Caller();
        if (!caller.MayActFor(stream!.Aggregate!.IsAssignedTo)) return Problems.NotYourUnit("Task", id);
        return stream!.Append(stream!.Aggregate!.Complete(command.CompletedOn, command.Note, caller.UnitId, caller.UserName, clock.GetUtcNow()), context);
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
    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/tasks/{id}/reopening"), Tags("Tasks"), EndpointSummary("Reopen a suspended or completed task, saying why")]
    [ProducesResponseType<WriteAccepted>(200)]
    public static async Task<IResult> Post(Guid id, ReopenTask command, IDocumentSession session, HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        var (stream, problem) = await session.FetchAsync<ResolutionTask>(context, id, command.Version, "Task", ct);
        if (problem is not null) return problem;
        session.RecordReason(command.Reason);
        return stream!.Append(stream!.Aggregate!.Reopen(command.Reason, context.Caller().UserName, clock.GetUtcNow()), context);
    }
}
