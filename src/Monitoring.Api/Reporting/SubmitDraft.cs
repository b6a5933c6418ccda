using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Domain.Reporting;
using Monitoring.Api.Notifications;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Monitoring.Api.Reporting;

/// <summary>Submit the saved draft for approval: its figures and task updates are recorded exactly as <c>POST /api/reports</c> records them.</summary>
public sealed record SubmitDraft(long? Version);

public sealed record DraftSubmitted(Guid SubmissionId, SubmissionState State, long Version, Guid ReportId, IReadOnlyList<AcceptedFigure> Figures,
    IReadOnlyList<Guid> TaskIds);

public static class SubmitDraftEndpoint
{
    public static ProblemDetails Before(SubmitDraft command, Submission submission, HttpContext context) =>
        AggregateWrites.ExpectedVersionAndUnit(context, command.Version, submission.Version, "Submission", submission.Id, unit => unit == submission.UnitId);

    [Authorize(Policy = Policies.Report)]
    [WolverinePost("/api/submissions/{id}/submit"), Tags("Submissions"),
     EndpointSummary("Submit the saved draft for approval: its figures, task updates and narrative are recorded as a report")]
    [ProducesResponseType<DraftSubmitted>(200)]
    public static async Task<(IResult, Events)> Post(SubmitDraft command, [WriteAggregate("id")] Submission submission, IDocumentSession session,
        HttpContext context, TimeProvider clock, IMessageBus bus, NotificationOptions notifications, CancellationToken ct)
    {
        var caller = context.Caller();
        if (submission.State != SubmissionState.Draft || submission.Draft is not { } draft)
            return (SubmissionCycle.SubmitDraft(submission, Guid.Empty, [], [], caller.UserName, clock.GetUtcNow()).Rejection!.ToResult(), []);

        var content = new ReportContent(submission.UnitId, submission.Period, draft.Narrative, draft.EvidenceReferences);
        var figures = draft.Figures.Select(f => new FigureInput(f.TargetId, f.Value, f.Stage, f.AsOf, f.Source, f.Note, f.Items, f.ReferenceValue)).ToList();
        var updates = draft.TaskUpdates.Select(u => new TaskUpdateInput(u.TaskId, u.PercentDone, u.Completed, u.CompletedOn, u.Note)).ToList();
        var (write, problem) = await ReportWrite.PrepareAsync(session, caller, content, figures, updates, clock, ct);
        if (problem is not null) return (problem, []);

        var recorded = write!.Recorded;
        var refs = write.Parts.SelectMany(p => p.Figures).ToList();
        var decision = SubmissionCycle.SubmitDraft(submission, recorded.ReportId, refs, write.Parts.SelectMany(p => p.TaskIds).ToList(), caller.UserName,
            recorded.Submitted.SubmittedAt);
        if (decision.Rejection is { } rejection) return (rejection.ToResult(), []);

        write.Append(session);
        // If it still waits for approval then, the secretariat is told (a durable scheduled message, in this transaction).
        var submittedAt = recorded.Submitted.SubmittedAt;
        await bus.ScheduleAsync(new CheckApprovalWait(submission.Id, submittedAt), submittedAt + notifications.ApprovalWait);
        session.SetHeader(EventMetadata.UnitHeader, submission.UnitId.ToString());
        Infrastructure.Operations.MonitoringMetrics.MarkSubmission(context, "draft");
        var (_, events) = SubmissionAnswers.Answer(submission, decision.Events, context);
        var version = submission.Version + decision.Events.Count;
        return (Results.Ok(new DraftSubmitted(submission.Id, SubmissionState.Submitted, version, recorded.ReportId,
            recorded.Figures.Select(f => new AcceptedFigure(f.TargetId, f.FigureId)).ToList(), updates.Select(u => u.TaskId).ToList())), events);
    }
}
