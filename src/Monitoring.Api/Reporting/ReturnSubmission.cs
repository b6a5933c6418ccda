using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;
using Monitoring.Api.Notifications;
using Monitoring.Domain.Notifications;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Units;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Monitoring.Api.Reporting;

/// <summary>The secretariat returns a submitted report to its unit, saying why, with remarks on single figures or tasks.</summary>
public sealed record ReturnSubmission(string Reason, IReadOnlyList<ReturnComment>? Comments, long? Version)
{
    public sealed class Validator : AbstractValidator<ReturnSubmission>
    {
        public Validator()
        {
            RuleFor(x => x.Reason).NotEmpty().MaximumLength(4000);
            RuleFor(x => x.Comments).Must(c => c is null || c.Count <= 500);
            RuleForEach(x => x.Comments).ChildRules(c =>
            {
                c.RuleFor(x => x.Text).NotEmpty().MaximumLength(4000);
                c.RuleFor(x => x).Must(x => x.TargetId is not null || x.TaskId is not null || x.FigureId is not null).OverridePropertyName("targetId")
                    .WithMessage(_ => Localized.Text("A comment names the target, figure or task it is about.", "Ý kiến phải nêu chỉ tiêu, số liệu hoặc nhiệm vụ."));
            });
        }
    }
}

public static class ReturnSubmissionEndpoint
{
    public static ProblemDetails Before(ReturnSubmission command, Submission submission, HttpContext context) =>
        AggregateWrites.ExpectedVersion(context, command.Version, submission.Version, "Submission");

    [Authorize(Policy = Policies.Approve)]
    [WolverinePost("/api/submissions/{id}/return"), Tags("Submissions"),
     EndpointSummary("Return a submitted report to its unit with the reason and comments on single figures or tasks; its figures never count")]
    [ProducesResponseType<SubmissionWritten>(200)]
    public static async Task<(IResult, Events)> Post(ReturnSubmission command, [WriteAggregate("id")] Submission submission, IDocumentSession session,
        HttpContext context, TimeProvider clock, IMessageBus bus, CancellationToken ct)
    {
        var caller = context.Caller();
        var decision = SubmissionCycle.Return(submission, command.Reason, command.Comments ?? [], caller.UserName, clock.GetUtcNow());
        if (decision.Rejection is { } rejection) return (rejection.ToResult(), []);

        var returned = decision.Events.OfType<SubmissionReturned>().Single();
        // Fetched for writing, so that the target's stored document carries the stream's version (a plain append leaves it 0).
        foreach (var (targetId, figureIds) in await SubmissionFigures.PerTargetAsync(session, returned.Figures, ct))
            (await session.Events.FetchForWriting<Target>(targetId, ct)).AppendOne(new FiguresReturned(targetId, submission.Id, submission.UnitId, submission.Period, figureIds,
                returned.Reason, returned.ReturnedBy, returned.ReturnedAt));
        session.SetHeader(EventMetadata.UnitHeader, submission.UnitId.ToString());
        session.RecordReason(command.Reason);
        // The unit is told, through the outbox: sent only if this transaction commits.
        await bus.PublishAsync(await ReturnedNotice.MessageAsync(session, submission, returned, ct));
        return SubmissionAnswers.Answer(submission, decision.Events, context);
    }
}

public static class ReturnedNotice
{
    public static async Task<NotifyUnit> MessageAsync(IQuerySession session, Submission submission, SubmissionReturned returned, CancellationToken ct)
    {
        var unit = await session.LoadAsync<Unit>(submission.UnitId, ct);
        var resolution = await session.LoadAsync<Resolution>(submission.ResolutionId, ct);
        var (subject, body) = NotificationTexts.Returned(submission.Period, resolution?.Number ?? "", unit?.Name ?? "", returned.Reason,
            returned.Comments.Select(c => c.Text).ToList());
        return new NotifyUnit(Reminders.ReturnedKey(submission.Id, returned.ReturnedAt), NotificationKinds.SubmissionReturned, submission.UnitId,
            subject, body, $"/api/submissions/{submission.Id}");
    }
}
