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
using Monitoring.Domain.Targets;
using Wolverine.Http;

namespace Monitoring.Api.Targets;

/// <summary>The committee's decision changing a target: new value(s), the decision's number and date; the original is kept.</summary>
public sealed record AdjustTarget(decimal? Minimum, decimal? Maximum, int? Total, int? TargetYear, string DecisionNumber, DateOnly DecisionDate,
    string? Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<AdjustTarget>
    {
        public Validator()
        {
            RuleFor(x => x).Must(x => x.Minimum is not null || x.Maximum is not null || x.Total is not null || x.TargetYear is not null)
                .OverridePropertyName("minimum")
                .WithMessage(_ => Localized.Text("Give the new value(s) or target year.", "Cần nêu giá trị mới hoặc năm mục tiêu mới."));
            RuleFor(x => x.Maximum).GreaterThanOrEqualTo(x => x.Minimum!.Value).When(x => x.Minimum is not null && x.Maximum is not null);
            RuleFor(x => x.TargetYear).InclusiveBetween(1990, 2100);
            RuleFor(x => x.DecisionNumber).NotEmpty().MaximumLength(100);
            RuleFor(x => x.DecisionDate).NotEmpty();
            RuleFor(x => x.Reason).MaximumLength(4000);
        }
    }
}

public static class AdjustTargetEndpoint
{
    public static ProblemDetails Before(AdjustTarget command, Target target, HttpContext context) =>
        AggregateWrites.ExpectedVersion(context, command.Version, target.Version, "Target");

    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/targets/{id}/adjustments"), Tags("Targets"), EndpointSummary("Record a decision adjusting a target")]
    [ProducesResponseType<WriteAccepted>(200)]
    public static async Task<(IResult, Events)> Post(AdjustTarget command, [WriteAggregate("id")] Target target, IDocumentSession session,
        HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        // A decision that names new values sets the goal itself; one that changes only the total or the year keeps a goal set
        // relative to the baseline ("thêm 01 huyện") as it was.
        var goal = command.Minimum is null && command.Maximum is null
            ? target.Goal with { Total = command.Total ?? target.Goal.Total }
            : new TargetGoal(command.Minimum ?? target.Goal.Minimum, command.Maximum ?? target.Goal.Maximum, command.Total ?? target.Goal.Total);
        var span = await ResolutionSpans.ForAsync(session, target.ResolutionId, ct) ?? new ResolutionSpan(target.PeriodStartYear, target.TargetYear);
        var implausible = new[]
        {
            Plausibility.Value(target.Shape, target.UnitOfMeasure, command.Minimum, "minimum"),
            Plausibility.Value(target.Shape, target.UnitOfMeasure, command.Maximum, "maximum"),
            Plausibility.PastDate(command.DecisionDate, clock.Today(), span, "decisionDate"),
        }.OfType<Rejection>().ToList();
        if (implausible.ToResult() is { } refused) return (refused, []);

        session.RecordReason($"{command.DecisionNumber} {command.Reason}".Trim());
        return AggregateWrites.Answer(target.Adjust(goal, command.TargetYear ?? target.TargetYear, command.DecisionNumber.Trim(), command.DecisionDate,
            command.Reason, context.Caller().UserName, clock.GetUtcNow()), target.Id, target.Version, context);
    }
}
