using Wolverine.Marten;
using Monitoring.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Common;
using Monitoring.Domain.Targets;
using Wolverine.Http;

namespace Monitoring.Api.Targets;

public sealed record RecordBaseline(decimal Value, int Year, string? Source, string? Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<RecordBaseline>
    {
        public Validator()
        {
            RuleFor(x => x.Year).InclusiveBetween(1990, 2100);
            RuleFor(x => x.Source).MaximumLength(500);
            RuleFor(x => x.Reason).MaximumLength(2000);
        }
    }
}

public static class RecordBaselineEndpoint
{
    public static ProblemDetails Before(RecordBaseline command, Target target, HttpContext context) =>
        AggregateWrites.ExpectedVersion(context, command.Version, target.Version, "Target");

    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/targets/{id}/baseline"), Tags("Targets"), EndpointSummary("Record the baseline of a target (a change keeps the previous one in the history)")]
    [ProducesResponseType<WriteAccepted>(200)]
    public static (IResult, Events) Post(RecordBaseline command, [WriteAggregate("id")] Target target, IDocumentSession session, HttpContext context,
        TimeProvider clock)
    {
        var decision = Decide(command, target, context.Caller().UserName, clock.GetUtcNow());
        if (decision.IsAccepted) session.RecordReason(command.Reason);
        return AggregateWrites.Answer(decision, target.Id, target.Version, context);
    }

    private static Decision Decide(RecordBaseline command, Target target, string by, DateTimeOffset at)
    {
        if (command.Year > target.TargetYear)
            return Invalid("year", Localized.Text("The baseline year is after the target year.", "Năm gốc sau năm mục tiêu."));
        if (command.Year < target.PeriodStartYear - Plausibility.YearsBeforePeriod)
            return Invalid("year", Localized.Text($"The baseline year is more than {Plausibility.YearsBeforePeriod} years before the period ({target.PeriodStartYear}): check the year.",
                $"Năm gốc sớm hơn giai đoạn ({target.PeriodStartYear}) quá {Plausibility.YearsBeforePeriod} năm: hãy kiểm tra lại năm."));
        if (Plausibility.Value(target.Shape, target.UnitOfMeasure, command.Value, "value") is { } implausible) return new Decision([], implausible);
        // A goal set relative to the baseline moves with it: a count must still fit in its total.
        var moved = target.Goal.From(new Baseline(command.Value, command.Year), target.Direction);
        if (target.Shape == TargetShape.CountMeetingStandard && moved.Minimum > moved.Total)
            return Invalid("value", Localized.Text(
                $"The goal is {target.Goal.OverBaseline} more than the baseline: {moved.Minimum} would be more than the {moved.Total} units there are.",
                $"Mục tiêu là thêm {target.Goal.OverBaseline} so với mức gốc: {moved.Minimum} sẽ vượt tổng số {moved.Total} đơn vị."));
        if (target.Baseline is not null && string.IsNullOrWhiteSpace(command.Reason))
            return Invalid("reason", Localized.Text("Changing a recorded baseline needs a reason.", "Thay đổi số liệu gốc phải nêu lý do."));
        return Decision.Accept(new BaselineRecorded(target.Id, new Baseline(command.Value, command.Year, command.Source), target.Baseline,
            command.Reason, by, at));
    }

    private static Decision Invalid(string field, string message) => Decision.Reject(RejectionKind.Invalid, field, message, message);
}
