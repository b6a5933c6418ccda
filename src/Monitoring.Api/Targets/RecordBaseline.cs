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


    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/targets/{id}/baseline"), Tags("Targets"), EndpointSummary("Record the baseline of a target (a change keeps the previous one in the history)")]
    [ProducesResponseType<WriteAccepted>(200)]
    public static async Task<IResult> Post(Guid id, RecordBaseline command, IDocumentSession session, HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        var (stream, problem) = await session.FetchAsync<Target>(context, id, command.Version, "Target", ct);
        if (problem is not null) return problem;
        var target = stream!.Aggregate!;
        if (command.Year > target.TargetYear)
            return Problems.Invalid("year", Localized.Text("The baseline year is after the target year.", "Năm gốc sau năm mục tiêu."));
        if (command.Year < target.PeriodStartYear - Plausibility.YearsBeforePeriod)
            return Problems.Invalid("year", Localized.Text($"The baseline year is more than {Plausibility.YearsBeforePeriod} years before the period ({target.PeriodStartYear}): check the year.",
                $"Năm gốc sớm hơn giai đoạn ({target.PeriodStartYear}) quá {Plausibility.YearsBeforePeriod} năm: hãy kiểm tra lại năm."));
        if (Plausibility.Value(target.Shape, target.UnitOfMeasure, command.Value, "value") is { } implausible) return implausible.ToResult();
        if (target.Baseline is not null && string.IsNullOrWhiteSpace(command.Reason))
            return Problems.Invalid("reason", Localized.Text("Changing a recorded baseline needs a reason.", "Thay đổi số liệu gốc phải nêu lý do."));

        session.RecordReason(command.Reason);
        return stream.Append(Decision.Accept(new BaselineRecorded(id, new Baseline(command.Value, command.Year, command.Source), target.Baseline,
            command.Reason, context.Caller().UserName, clock.GetUtcNow())), context);
    }
}
