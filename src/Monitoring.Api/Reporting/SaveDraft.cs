using System.ComponentModel;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.OpenApi;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Resolutions;
using Monitoring.Domain.Common;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;
using Monitoring.Domain.Units;
using Wolverine.Http;

namespace Monitoring.Api.Reporting;

/// <summary>A unit's draft report for one resolution and period: saved and edited as often as needed, counted nowhere until submitted.</summary>
public sealed record SaveDraft(
    [property: Description("Only the secretariat sends it, to draft on a unit's behalf; a reporter's unit comes from the token."), WriteOnly]
    Guid? UnitId, Guid ResolutionId, string Period, IReadOnlyList<DraftFigure>? Figures, IReadOnlyList<DraftTaskUpdate>? TaskUpdates,
    Narrative? Narrative, IReadOnlyList<string>? EvidenceReferences, long? Version) : IReportBody<DraftFigure, DraftTaskUpdate>
{
    public sealed class Validator : AbstractValidator<SaveDraft>
    {
        public Validator()
        {
            RuleFor(x => x.UnitId).NotEqual(Guid.Empty);
            RuleFor(x => x.ResolutionId).NotEmpty();
            Include(new ReportBodyRules<SaveDraft, DraftFigure, DraftTaskUpdate>());
        }
    }
}

public static class SaveDraftEndpoint
{
    [Authorize(Policy = Policies.Report)]
    [WolverinePut("/api/submissions/draft"), Tags("Submissions"),
     EndpointSummary("Save a unit's draft report for one resolution and period (it replaces the previous draft; nothing is counted until submitted)")]
    [ProducesResponseType<SubmissionWritten>(200)]
    public static async Task<IResult> Put(SaveDraft command, IDocumentSession session, HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        var caller = context.Caller();
        if (caller.UnitOfWrite(command.UnitId, "Name the unit this draft is saved for.", "Cần nêu đơn vị của bản nháp.", out var unitId) is { } noUnit)
            return noUnit;
        if (!ExpectedVersion.TryReadPinned(context, command.Version, out var expected, out var badVersion)) return Problems.Invalid("version", badVersion!);
        var period = ReportingPeriod.Parse(command.Period);
        var figures = command.Figures ?? [];
        var updates = command.TaskUpdates ?? [];

        var batch = session.CreateBatchQuery();
        var unit = batch.Load<Unit>(unitId);
        var resolution = batch.Load<Resolution>(command.ResolutionId);
        var targets = batch.LoadMany<Target>().ById(figures.Select(f => f.TargetId).ToArray());
        var tasks = batch.LoadMany<ResolutionTask>().ById(updates.Select(u => u.TaskId).ToArray());
        await batch.Execute(ct);
        if (await unit is null) return Problems.NotFound("Unit", unitId);
        if (await resolution is not { } heading) return Problems.NotFound("Resolution", command.ResolutionId);

        var targetById = (await targets).ToDictionary(t => t.Id);
        var facts = new List<FigureFacts>();
        var span = ResolutionSpans.Of(heading);
        for (var i = 0; i < figures.Count; i++)
        {
            var f = figures[i];
            if (!targetById.TryGetValue(f.TargetId, out var target)) return Problems.NotFound("Target", f.TargetId);
            if (target.ResolutionId != heading.Id)
                return Problems.Invalid($"figures[{i}].targetId", Localized.Text("The target belongs to another resolution than the draft's.",
                    "Chỉ tiêu thuộc nghị quyết khác với nghị quyết của bản nháp."));
            if (!target.IsAssignedTo(unitId)) return NotAssigned(caller, "Target", f.TargetId, $"figures[{i}].targetId");
            facts.Add(new FigureFacts(target.Shape, target.UnitOfMeasure, span, f.Value, f.ReferenceValue, f.AsOf));
        }
        var taskById = (await tasks).ToDictionary(t => t.Id);
        for (var i = 0; i < updates.Count; i++)
        {
            var u = updates[i];
            if (!taskById.TryGetValue(u.TaskId, out var task)) return Problems.NotFound("Task", u.TaskId);
            if (task.ResolutionId != heading.Id)
                return Problems.Invalid($"taskUpdates[{i}].taskId", Localized.Text("The task belongs to another resolution than the draft's.",
                    "Nhiệm vụ thuộc nghị quyết khác với nghị quyết của bản nháp."));
            if (!task.IsAssignedTo(unitId)) return NotAssigned(caller, "Task", u.TaskId, $"taskUpdates[{i}].taskId");
        }
        var implausible = ReportPlausibility.Check(period, facts, updates.Select(u => new TaskUpdateFacts(span, u.CompletedOn)).ToList(), clock.Today());
        if (implausible.ToResult() is { } refused) return refused;

        var id = Submission.IdFor(unitId, heading.Id, period);
        var stream = await session.Events.FetchForWriting<Submission>(id, ct);
        if (expected is { } pinned && pinned != stream.CurrentVersion)
            return Problems.Conflict(Localized.Text($"Submission is at version {stream.CurrentVersion}, not {pinned}. Reload and try again.",
                $"Dữ liệu đang ở phiên bản {stream.CurrentVersion}, không phải {pinned}. Hãy tải lại rồi gửi lại."));
        var content = new DraftContent(figures, updates, command.Narrative, command.EvidenceReferences ?? []);
        var decision = SubmissionCycle.SaveDraft(stream.Aggregate, unitId, heading.Id, period, content, caller.UserName, clock.GetUtcNow());
        if (decision.Rejection is { } rejection) return rejection.ToResult();

        var version = (stream.CurrentVersion ?? 0) + decision.Events.Count;
        foreach (var e in decision.Events) stream.AppendOne(e);
        session.SetHeader(EventMetadata.UnitHeader, unitId.ToString());
        ExpectedVersion.WriteETag(context, version);
        return Results.Ok(new SubmissionWritten(id, SubmissionState.Draft, version));
    }

    /// <summary>A reporter naming what is not its unit's is forbidden; the secretariat naming what the unit does not own is a bad request.</summary>
    private static IResult NotAssigned(Caller caller, string what, Guid id, string field) =>
        caller.IsReporter
            ? Problems.NotYourUnit(what, id)
            : Problems.Invalid(field, Localized.Text($"{what} {id} is not assigned to this unit.", $"Không được giao cho đơn vị này ({id})."));
}
