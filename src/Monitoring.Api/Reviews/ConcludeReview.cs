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
    [Authorize(Policy = Policies.Conclude)]
    [WolverinePost("/api/resolutions/{id}/reviews/{reviewId}/conclusions"), Tags("Reviews"), EndpointSummary("Record the standing committee's conclusion on a review")]
    [ProducesResponseType<WriteAccepted>(200)]
    public static async Task<IResult> Post(Guid id, Guid reviewId, ConcludeReview command, IDocumentSession session, HttpContext context, TimeProvider clock,
        CancellationToken ct)
    {
        var (stream, problem) = await session.FetchAsync<Resolution>(context, id, command.Version, "Resolution", ct);
        if (problem is not null) return problem;
        if (stream!.Aggregate!.Reviews.All(r => r.ReviewId != reviewId)) return Problems.NotFound("Review", reviewId);
        foreach (var target in command.TargetsToAdjust ?? [])
            if (await session.LoadAsync<Target>(target.TargetId, ct) is not { } found || found.ResolutionId != id)
                return Problems.NotFound("Target", target.TargetId);

        return stream.Append(Decision.Accept(new ReviewConcluded(id, reviewId, command.Text, command.Decisions ?? [], command.TargetsToAdjust ?? [],
            context.Caller().UserName, clock.GetUtcNow())), context);
    }
}
