using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;
using Wolverine.Http;
using Wolverine.Marten;

namespace Monitoring.Api.Reporting;

/// <summary>The secretariat approves a submitted report: its figures count from now on, and the period is locked for the unit.</summary>
public sealed record ApproveSubmission(string? Comment, long? Version)
{
    public sealed class Validator : AbstractValidator<ApproveSubmission>
    {
        public Validator() => RuleFor(x => x.Comment).MaximumLength(4000);
    }
}

public static class ApproveSubmissionEndpoint
{
    public static ProblemDetails Before(ApproveSubmission command, Submission submission, HttpContext context) =>
        AggregateWrites.ExpectedVersion(context, command.Version, submission.Version, "Submission");

    [Authorize(Policy = Policies.Approve)]
    [WolverinePost("/api/submissions/{id}/approve"), Tags("Submissions"),
     EndpointSummary("Approve a submitted report: its figures count for judging and reviews, and the unit's period is locked")]
    [ProducesResponseType<SubmissionWritten>(200)]
    public static async Task<(IResult, Events)> Post(ApproveSubmission command, [WriteAggregate("id")] Submission submission, IDocumentSession session,
        HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        var caller = context.Caller();
        var decision = SubmissionCycle.Approve(submission, string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment, caller.UserName,
            clock.GetUtcNow());
        if (decision.Rejection is { } rejection) return (rejection.ToResult(), []);

        var approved = decision.Events.OfType<SubmissionApproved>().Single();
        // Fetched for writing, so that the target's stored document carries the stream's version (a plain append leaves it 0).
        foreach (var (targetId, figureIds) in await SubmissionFigures.PerTargetAsync(session, approved.Figures, ct))
            (await session.Events.FetchForWriting<Target>(targetId, ct)).AppendOne(new FiguresApproved(targetId, submission.Id, submission.UnitId, submission.Period, figureIds,
                approved.ApprovedBy, approved.ApprovedAt));
        session.SetHeader(EventMetadata.UnitHeader, submission.UnitId.ToString());
        session.RecordReason(command.Comment);
        return SubmissionAnswers.Answer(submission, decision.Events, context);
    }
}
