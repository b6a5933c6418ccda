using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Domain.Reporting;
using Wolverine.Http;
using Wolverine.Marten;

namespace Monitoring.Api.Reporting;

/// <summary>
/// The secretariat lets a unit revise the figures of an approved (locked) report until <see cref="ExpiresAt"/>; each
/// revision sends the report back for approval.
/// </summary>
public sealed record GrantLockException(string Reason, DateTimeOffset ExpiresAt, long? Version)
{
    public sealed class Validator : AbstractValidator<GrantLockException>
    {
        public Validator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(4000);
    }
}

public static class GrantLockExceptionEndpoint
{
    public static ProblemDetails Before(GrantLockException command, Submission submission, HttpContext context) =>
        AggregateWrites.ExpectedVersion(context, command.Version, submission.Version, "Submission");

    [Authorize(Policy = Policies.Approve)]
    [WolverinePost("/api/submissions/{id}/lock-exceptions"), Tags("Submissions"),
     EndpointSummary("Grant a lock exception: the unit may revise this approved report's figures until it expires, each revision going back for approval")]
    [ProducesResponseType<SubmissionWritten>(200)]
    public static (IResult, Events) Post(GrantLockException command, [WriteAggregate("id")] Submission submission, IDocumentSession session,
        HttpContext context, TimeProvider clock)
    {
        var decision = SubmissionCycle.GrantLockException(submission, command.Reason, command.ExpiresAt.ToUniversalTime(), context.Caller().UserName,
            clock.GetUtcNow());
        if (decision.Rejection is { } rejection) return (rejection.ToResult(), []);
        session.SetHeader(EventMetadata.UnitHeader, submission.UnitId.ToString());
        session.RecordReason(command.Reason);
        return SubmissionAnswers.Answer(submission, decision.Events, context);
    }
}
