using Monitoring.Domain.Common;
using Monitoring.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Monitoring.Api.Units;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Units;
using Wolverine.Http;

namespace Monitoring.Api.Targets;

public sealed record DefineTarget(Guid ResolutionId, TargetDefinition Target)
{
    public sealed class Validator : AbstractValidator<DefineTarget>
    {
        public Validator()
        {
            RuleFor(x => x.ResolutionId).NotEmpty();
            RuleFor(x => x.Target).NotNull().SetValidator(new TargetDefinition.Validator());
        }
    }
}

public sealed record TargetDefinedResponse(Guid Id, Guid ResolutionId);

public static class DefineTargetEndpoint
{
    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/targets"), Tags("Targets"), EndpointSummary("Define a target of a resolution")]
    [ProducesResponseType<TargetDefinedResponse>(201)]
    public static async Task<IResult> Post(DefineTarget command, IDocumentSession session, HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        var resolution = await session.LoadAsync<Resolution>(command.ResolutionId, ct);
        if (resolution is null) return Problems.NotFound("Resolution", command.ResolutionId);
        if (Plausibility.Field(command.Target.Field, resolution.Fields, "target.field") is { } outside) return outside.ToResult();
        if (await TargetDefining.CheckReferencesAsync(session, command.Target, ct) is { } problem) return problem;

        var id = TargetDefining.Append(session, resolution, command.Target, context.Caller().UserName, clock.GetUtcNow()).Id;
        return Results.Created($"/api/targets/{id}", new TargetDefinedResponse(id, resolution.Id));
    }
}

/// <summary>Defining a target, shared by this endpoint and the resolution that brings its targets along.</summary>
public static class TargetDefining
{
    /// <summary>Starts the target's stream and returns the target as its first events make it.</summary>
    /// <param name="effectiveOn">The day the assignment took effect, when not the day it is recorded (an imported document's).</param>
    public static Target Append(IDocumentSession session, Resolution resolution, TargetDefinition t, string by, DateTimeOffset at, Guid? parentTargetId = null,
        DateOnly? effectiveOn = null)
    {
        var id = Guid.CreateVersion7();
        var baseline = t.BaselineValue is { } value ? new Baseline(value, t.BaselineYear!.Value, t.BaselineSource, t.BaselineSince) : null;
        var events = new List<object>
        {
            new TargetDefined(id, resolution.Id, t.Code, t.Field.Trim(), t.Statement, t.Shape, t.EffectiveDirection, t.Goal,
                t.UnitOfMeasure.Trim(), t.TargetYear, resolution.PeriodStartYear, baseline, t.Footnotes ?? [], t.ParentTargetId ?? parentTargetId,
                t.StandardUnits ?? [], t.Steps ?? [], t.ReferenceSeries, by, at, t.GoalSetBy),
        };
        if (t.LeadUnitId is { } lead)
            events.Add(new TargetAssigned(id, lead, t.CooperatingUnitIds ?? [], by, at, effectiveOn));
        session.Events.StartStream<Target>(id, events);
        return events.Aggregate((Target?)null, Target.Evolve)!;
    }

    /// <summary>404 naming the field when a unit or parent target the definition refers to does not exist.</summary>
    public static async Task<IResult?> CheckReferencesAsync(IQuerySession session, TargetDefinition t, CancellationToken ct)
    {
        if (await UnitReferences.FirstMissingAsync(session, t.LeadUnitId, t.CooperatingUnitIds, ct) is { } missing) return missing;
        if (t.ParentTargetId is { } parent && await session.LoadAsync<Target>(parent, ct) is null)
            return Problems.NotFound("Target", parent);
        return null;
    }
}
