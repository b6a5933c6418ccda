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
    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/tasks/{id}/deadline-extensions"), Tags("Tasks"), EndpointSummary("Extend a task's deadline, saying why")]
    [ProducesResponseType<WriteAccepted>(200)]
    public static async Task<IResult> Post(Guid id, ExtendDeadline command, IDocumentSession session, HttpContext context, TimeProvider clock,
        IOptions<PlausibilityOptions> plausibility, CancellationToken ct)
    {
        var (stream, problem) = await session.FetchAsync<ResolutionTask>(context, id, command.Version, "Task", ct);
        if (problem is not null) return problem;
        if (await session.LoadAsync<Resolution>(stream!.Aggregate!.ResolutionId, ct) is { } resolution
            && plausibility.Value.Deadline(command.NewDeadline, resolution, "newDeadline", stream.Aggregate.OriginalDeadline) is { } late)
            return late.ToResult();
        session.RecordReason(command.Reason);
        return stream!.Append(stream!.Aggregate!.ExtendDeadline(command.NewDeadline, command.Reason, command.DecisionNumber,
            context.Caller().UserName, clock.GetUtcNow()), context);
    }
}
