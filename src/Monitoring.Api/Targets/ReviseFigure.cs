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
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;
using Wolverine.Http;

namespace Monitoring.Api.Targets;

/// <summary>A correction of a reported figure: new value and/or stage, always with the reason.</summary>
public sealed record ReviseFigure(decimal? Value, FigureStage Stage, DateOnly? AsOf, string Reason, string? Source,
    IReadOnlyList<string>? Items, decimal? ReferenceValue, long? Version)
{
    public sealed class Validator : AbstractValidator<ReviseFigure>
    {
        public Validator()
        {
            RuleFor(x => x.Stage).IsInEnum();
            RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
            RuleFor(x => x.Source).MaximumLength(500);
            RuleFor(x => x.Value).NotNull().When(x => x.Items is not { Count: > 0 });
            RuleForEach(x => x.Items).NotEmpty().MaximumLength(300);
        }
    }
}

public sealed record FigureRevisedResponse(Guid TargetId, Guid FigureId, Guid Revises, long Version);

public static class ReviseFigureEndpoint
{
    public static ProblemDetails Before(ReviseFigure command, Target target, HttpContext context) =>
        AggregateWrites.ExpectedVersionAndUnit(context, command.Version, target.Version, "Target", target.Id, target.IsAssignedTo);

    [Authorize(Policy = Policies.Report)]
    [WolverinePost("/api/targets/{id}/figures/{figureId}/revisions"), Tags("Targets"), EndpointSummary("Revise a reported figure, saying why")]
    [ProducesResponseType<FigureRevisedResponse>(201)]
    public static async Task<(IResult, Events)> Post(Guid figureId, ReviseFigure command, [WriteAggregate("id")] Target target, IDocumentSession session,
        HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        var caller = context.Caller();
        var span = await ResolutionSpans.ForAsync(session, target.ResolutionId, ct) ?? new ResolutionSpan(target.PeriodStartYear, target.TargetYear);
        var implausible = new[]
        {
            Plausibility.Value(target.Shape, target.UnitOfMeasure, command.Value, "value"),
            Plausibility.Value(target.Shape, target.UnitOfMeasure, command.ReferenceValue, "referenceValue"),
            command.AsOf is { } asOf ? Plausibility.PastDate(asOf, clock.Today(), span, "asOf") : null,
        }.OfType<Rejection>().ToList();
        if (implausible.ToResult() is { } refused) return (refused, []);
        var original = await session.LoadAsync<FigureRecord>(figureId, ct) is { } record && record.TargetId == target.Id ? record.Figure : null;
        var revisionId = Guid.CreateVersion7();

        var decision = target.ReviseFigure(original, figureId, revisionId, caller.UnitId ?? original?.UnitId ?? Guid.Empty, command.Value, command.Stage,
            command.AsOf ?? clock.Today(), command.Reason, command.Source, command.Items ?? [],
            command.ReferenceValue, caller.UserName, clock.GetUtcNow());
        if (decision.Rejection is { } rejection) return (rejection.ToResult(), []);

        // The figure's submission (its unit, this target's resolution, its period): an approved one is locked, unless the
        // secretariat granted an exception, and then the revision sends it back for approval.
        var submission = await session.Events.FetchForWriting<Submission>(Submission.IdFor(original!.UnitId, target.ResolutionId, original.Period), ct);
        var cycle = SubmissionCycle.Revise(submission.Aggregate, new FigureRef(target.Id, revisionId), command.Reason, caller.UserName, clock.GetUtcNow());
        if (cycle.Rejection is { } locked) return (locked.ToResult(), []);
        foreach (var e in cycle.Events) submission.AppendOne(e);
        if (caller.UnitId is null) session.SetHeader(EventMetadata.UnitHeader, original.UnitId.ToString());

        session.RecordReason(command.Reason);
        var version = target.Version + decision.Events.Count;
        ExpectedVersion.WriteETag(context, version);
        return (Results.Created($"/api/targets/{target.Id}/timeline", new FigureRevisedResponse(target.Id, revisionId, figureId, version)), [.. decision.Events]);
    }
}
