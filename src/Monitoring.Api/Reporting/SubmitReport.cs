using Monitoring.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using System.ComponentModel;
using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.OpenApi;
using Monitoring.Api.Resolutions;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Units;
using Monitoring.Api.Notifications;
using Wolverine;
using Wolverine.Http;

namespace Monitoring.Api.Reporting;

public sealed record FigureInput(Guid TargetId, decimal? Value, FigureStage Stage, DateOnly? AsOf = null, string? Source = null, string? Note = null,
    IReadOnlyList<string>? Items = null, decimal? ReferenceValue = null, long? ExpectedVersion = null) : IFigureInput;

public sealed record TaskUpdateInput(Guid TaskId, int PercentDone, bool Completed = false, DateOnly? CompletedOn = null, string? Note = null,
    long? ExpectedVersion = null) : ITaskUpdateInput;

/// <summary>One unit's report for one period: many figures, task updates and a narrative, appended atomically.</summary>
/// <remarks>A reporter's unit comes from the token; only the secretariat names <see cref="UnitId"/>, to record a report on a unit's behalf.</remarks>
public sealed record SubmitReport(
    [property: Description("Only the secretariat sends it, to record a report on a unit's behalf; a reporter's unit comes from the token."), WriteOnly]
    Guid? UnitId, string Period, IReadOnlyList<FigureInput>? Figures, IReadOnlyList<TaskUpdateInput>? TaskUpdates,
    Narrative? Narrative, IReadOnlyList<string>? EvidenceReferences,
    [property: Description("The resolution this report is on. Needed for a report of narrative only (it then submits that resolution's report for the period); when given, every figure and task must be of this resolution.")]
    Guid? ResolutionId = null) : IReportBody<FigureInput, TaskUpdateInput>
{
    public const int MaxFigures = 500;
    public const int MaxTaskUpdates = 500;
    public const int MaxText = 20_000;

    public sealed class Validator : AbstractValidator<SubmitReport>
    {
        public Validator()
        {
            RuleFor(x => x.UnitId).NotEqual(Guid.Empty);
            RuleFor(x => x.ResolutionId).NotEqual(Guid.Empty);
            Include(new ReportBodyRules<SubmitReport, FigureInput, TaskUpdateInput>());
        }
    }
}

public sealed record AcceptedFigure(Guid TargetId, Guid FigureId);

/// <param name="SubmissionIds">The unit's submission of each resolution the report touches, now waiting for the secretariat's approval.</param>
public sealed record ReportAccepted(Guid ReportId, Guid UnitId, string Period, IReadOnlyList<AcceptedFigure> Figures, IReadOnlyList<Guid> TaskIds,
    DateTimeOffset SubmittedAt, IReadOnlyList<Guid> SubmissionIds);

public static class SubmitReportEndpoint
{
    [Authorize(Policy = Policies.Report)]
    [WolverinePost("/api/reports"), Tags("Reports"), EndpointSummary("Submit a progress report: figures, task updates and narrative, atomically")]
    [ProducesResponseType<ReportAccepted>(201), AcceptsIdempotencyKey]
    public static async Task<IResult> Post(SubmitReport command, IDocumentSession session, HttpContext context, TimeProvider clock, IMessageBus bus,
        NotificationOptions notifications, CancellationToken ct)
    {
        if (Idempotency.Check(context) is { } badKey) return badKey;
        var idempotency = Idempotency.For(context, "reports", command);
        if (await idempotency.EarlierAnswerAsync(session, ct) is { } earlier) return earlier;

        var caller = context.Caller();
        if (caller.UnitOfWrite(command.UnitId, "Name the unit this report is recorded for.", "Cần nêu đơn vị của báo cáo.", out var unitId) is { } noUnit)
            return noUnit;
        var figures = command.Figures ?? [];
        var updates = command.TaskUpdates ?? [];
        if (figures.Any(f => f.ExpectedVersion is not null) || updates.Any(u => u.ExpectedVersion is not null)) ConflictRetry.MarkVersionPinned(context);

        // Everything is checked before anything is appended: Wolverine commits the session whatever the handler answers.
        // One round trip for the unit, every target and every task the report touches; one more for their submissions.
        var content = new ReportContent(unitId, ReportingPeriod.Parse(command.Period), command.Narrative, command.EvidenceReferences ?? []);
        var (write, problem) = await ReportWrite.PrepareAsync(session, caller, content, figures, updates, clock, ct, checkUnit: true);
        if (problem is not null) return problem;
        var recorded = write!.Recorded;
        if (command.ResolutionId is { } named && await OnResolutionAsync(session, write, named, unitId, caller, ct) is { } wrong) return wrong;

        // Each resolution the report touches has its submission for this unit and period: submitted directly, unless locked.
        var batch = session.CreateBatchQuery();
        var submissions = write.Parts.Select(p => batch.Events.FetchForWriting<Submission>(Submission.IdFor(unitId, p.ResolutionId, content.Period))).ToList();
        if (submissions.Count > 0) await batch.Execute(ct);
        var steps = new List<(Action<object> Append, object Event)>();
        for (var i = 0; i < write.Parts.Count; i++)
        {
            var part = write.Parts[i];
            var stream = await submissions[i];
            var decision = SubmissionCycle.Submit(stream.Aggregate, unitId, part.ResolutionId, content.Period, recorded.ReportId, part.Figures, part.TaskIds,
                caller.UserName, recorded.Submitted.SubmittedAt);
            if (decision.Rejection is { } rejection) return rejection.ToResult();
            steps.AddRange(decision.Events.Select(e => ((Action<object>)stream.AppendOne, e)));
        }

        write.Append(session);
        foreach (var (append, @event) in steps) append(@event);
        // If a submission still waits for approval then, the secretariat is told (a durable scheduled message, in this transaction).
        foreach (var part in write.Parts)
            await bus.ScheduleAsync(new CheckApprovalWait(Submission.IdFor(unitId, part.ResolutionId, content.Period), recorded.Submitted.SubmittedAt),
                recorded.Submitted.SubmittedAt + notifications.ApprovalWait);
        session.SetHeader(EventMetadata.UnitHeader, unitId.ToString());
        Infrastructure.Operations.MonitoringMetrics.MarkSubmission(context, "direct");

        var response = new ReportAccepted(recorded.ReportId, unitId, content.Period.ToString(),
            recorded.Figures.Select(f => new AcceptedFigure(f.TargetId, f.FigureId)).ToList(), updates.Select(u => u.TaskId).ToList(),
            recorded.Submitted.SubmittedAt, write.Parts.Select(p => Submission.IdFor(unitId, p.ResolutionId, content.Period)).ToList());
        return idempotency.Created(session, $"/api/reports/{recorded.ReportId}", response, clock);
    }

    /// <summary>A report that names its resolution: everything in it is of that resolution, and the unit is one of its units.</summary>
    private static async Task<IResult?> OnResolutionAsync(IDocumentSession session, ReportWrite write, Guid resolutionId, Guid unitId, Caller caller,
        CancellationToken ct)
    {
        if (await session.LoadAsync<Resolution>(resolutionId, ct) is null) return Problems.NotFound("Resolution", resolutionId);
        if (write.Parts.FirstOrDefault(p => p.ResolutionId != resolutionId) is { } other)
            return Problems.Invalid(other.Figures.Count > 0 ? "figures" : "taskUpdates", Localized.Text(
                "Every figure and task of the report must be of the resolution it names.",
                "Mọi số liệu và nhiệm vụ của báo cáo phải thuộc nghị quyết mà báo cáo nêu."));
        if (write.Parts.Count == 0)
        {
            var assigned = await session.Query<Target>().AnyAsync(t => t.ResolutionId == resolutionId && (t.LeadUnitId == unitId || t.CooperatingUnitIds.Contains(unitId)), ct)
                           || await session.Query<ResolutionTask>().AnyAsync(t => t.ResolutionId == resolutionId && (t.LeadUnitId == unitId || t.CooperatingUnitIds.Contains(unitId)), ct);
            if (!assigned)
                return caller.IsReporter
                    ? Problems.NotYourUnit("Resolution", resolutionId)
                    : Problems.Invalid("resolutionId", Localized.Text("The unit has nothing assigned under this resolution.",
                        "Đơn vị không được giao chỉ tiêu hay nhiệm vụ nào của nghị quyết này."));
            write.Parts = [new ResolutionPart(resolutionId, [], [])];
        }
        return null;
    }
}
