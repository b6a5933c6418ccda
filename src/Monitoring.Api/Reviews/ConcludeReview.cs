using Wolverine.Marten;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Domain.Common;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Targets;
using Wolverine.Http;

namespace Monitoring.Api.Reviews;

/// <summary>The standing committee's conclusion on a review: its text, the decisions taken, the targets to adjust.</summary>
public sealed record ConcludeReview(string Text, IReadOnlyList<string>? Decisions, IReadOnlyList<TargetToAdjust>? TargetsToAdjust, long? Version)
{
    public sealed class Validator : AbstractValidator<ConcludeReview>
    {
        public Validator()
        {
            RuleFor(x => x.Text).NotEmpty().MaximumLength(20_000);
            RuleForEach(x => x.Decisions).NotEmpty().MaximumLength(1000);
            RuleForEach(x => x.TargetsToAdjust).ChildRules(t =>
            {
                t.RuleFor(x => x.TargetId).NotEmpty();
                t.RuleFor(x => x.Proposal).NotEmpty().MaximumLength(2000);
            });
        }
    }
}

public static class ConcludeReviewEndpoint
{
    public static ProblemDetails Before(ConcludeReview command, Resolution resolution, HttpContext context) =>
        AggregateWrites.ExpectedVersion(context, command.Version, resolution.Version, "Resolution");

    [Authorize(Policy = Policies.Conclude)]
    [WolverinePost("/api/resolutions/{id}/reviews/{reviewId}/conclusions"), Tags("Reviews"), EndpointSummary("Record the standing committee's conclusion on a review")]
    [ProducesResponseType<WriteAccepted>(200)]
    public static async Task<(IResult, Events)> Post(Guid reviewId, ConcludeReview command, [WriteAggregate("id")] Resolution resolution,
        IQuerySession session, HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        if (resolution.Reviews.All(r => r.ReviewId != reviewId)) return (Problems.NotFound("Review", reviewId), []);
        foreach (var target in command.TargetsToAdjust ?? [])
            if (await session.LoadAsync<Target>(target.TargetId, ct) is not { } found || found.ResolutionId != resolution.Id)
                return (Problems.NotFound("Target", target.TargetId), []);

        return AggregateWrites.Answer(Decision.Accept(new ReviewConcluded(resolution.Id, reviewId, command.Text, command.Decisions ?? [],
            command.TargetsToAdjust ?? [], context.Caller().UserName, clock.GetUtcNow())), resolution.Id, resolution.Version, context);
    }
}
