using Monitoring.Domain.Common;
using Microsoft.Extensions.Options;
using Monitoring.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Monitoring.Api.Units;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Targets;
using Monitoring.Api.Tasks;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Wolverine.Http;

namespace Monitoring.Api.Resolutions;

/// <summary>A resolution with, optionally, its targets and tasks, all defined in one transaction.</summary>
public sealed record DefineResolution(
    string Number,
    ResolutionKind Kind,
    string IssuingBody,
    string? Term,
    DateOnly IssueDate,
    int PeriodStartYear,
    int PeriodEndYear,
    int? OrientationYear,
    string Title,
    IReadOnlyList<string>? Fields,
    IReadOnlyList<TargetDefinition>? Targets,
    IReadOnlyList<TaskDefinition>? Tasks,
    [property: System.ComponentModel.Description("The kinds of period the resolution is reported on (HalfYear, Year, Quarter, Month); default HalfYear and Year.")]
    IReadOnlyList<PeriodKind>? ReportingPeriods = null)
{
    public const int MaxTargets = 2000;
    public const int MaxTasks = 2000;

    public sealed class Validator : AbstractValidator<DefineResolution>
    {
        /// <param name="calendar">The configured calendar: a resolution is reported only on the kinds of period it runs.</param>
        public Validator(ReportingCalendar calendar)
        {
            RuleForEach(x => x.ReportingPeriods).Must(calendar.Runs)
                .WithMessage(_ => Localized.Text($"The reporting calendar runs only these kinds of period: {string.Join(", ", calendar.Kinds)}.",
                    $"Lịch báo cáo chỉ có các loại kỳ: {string.Join(", ", calendar.Kinds)}."));
            RuleFor(x => x.ReportingPeriods).Must(k => k is null || k.Distinct().Count() == k.Count)
                .WithMessage(_ => Localized.Text("Name each kind of period once.", "Mỗi loại kỳ chỉ nêu một lần."));
            RuleFor(x => x.Number).NotEmpty().MaximumLength(50);
            RuleFor(x => x.Kind).IsInEnum();
            RuleFor(x => x.IssuingBody).NotEmpty().MaximumLength(300);
            RuleFor(x => x.Term).MaximumLength(50);
            RuleFor(x => x.IssueDate).NotEmpty();
            RuleFor(x => x.Title).NotEmpty().MaximumLength(1000);
            RuleFor(x => x.PeriodStartYear).InclusiveBetween(1990, 2100);
            RuleFor(x => x.PeriodEndYear).InclusiveBetween(1990, 2100).GreaterThanOrEqualTo(x => x.PeriodStartYear);
            RuleFor(x => x.OrientationYear).GreaterThan(x => x.PeriodEndYear).When(x => x.OrientationYear is not null);
            RuleForEach(x => x.Fields).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Targets).Must(t => t is null || t.Count <= MaxTargets);
            RuleFor(x => x.Tasks).Must(t => t is null || t.Count <= MaxTasks);
            RuleForEach(x => x.Targets).SetValidator(new TargetDefinition.Validator());
            RuleForEach(x => x.Targets).Must(t => t.ParentTargetId is null)
                .WithMessage(_ => Localized.Text("Inside a resolution, nest sub-targets with parentCode.", "Trong nghị quyết, chỉ tiêu con dùng parentCode."));
            RuleForEach(x => x.Tasks).SetValidator(new TaskDefinition.Validator());
            RuleFor(x => x).Custom((r, context) =>
            {
                for (var i = 0; i < (r.Targets?.Count ?? 0); i++)
                    if (r.Fields is { Count: > 0 } && Plausibility.Field(r.Targets![i].Field ?? "", r.Fields, $"targets[{i}].field") is { } outside)
                        context.AddFailure(outside.Field, Localized.Text(outside.English, outside.Vietnamese));
            });
        }
    }
}

public sealed record ResolutionDefinedResponse(Guid Id, string Number, IReadOnlyList<Guid> TargetIds, IReadOnlyList<Guid> TaskIds);

public static class DefineResolutionEndpoint
{
    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/resolutions"), Tags("Resolutions"), EndpointSummary("Define a resolution, with its targets and tasks if given")]
    [ProducesResponseType<ResolutionDefinedResponse>(201)]
    public static async Task<IResult> Post(DefineResolution command, IDocumentSession session, HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        var number = command.Number.Trim();
        if (await session.Query<Resolution>().AnyAsync(r => r.Number == number, ct))
            return Problems.Conflict(Localized.Text($"Resolution {number} is already defined.", $"Nghị quyết số {number} đã có."));
        foreach (var target in command.Targets ?? [])
            if (await TargetDefining.CheckReferencesAsync(session, target, ct) is { } problem) return problem;
        foreach (var task in command.Tasks ?? [])
            if (await UnitReferences.FirstMissingAsync(session, task.LeadUnitId, task.CooperatingUnitIds, ct) is { } problem) return problem;

        var by = context.Caller().UserName;
        var at = clock.GetUtcNow();
        var resolution = ResolutionDefining.Start(session, command, by, at);
        var targetIds = (command.Targets ?? []).Select(t => TargetDefining.Append(session, resolution, t, by, at).Id).ToList();
        var taskIds = (command.Tasks ?? []).Select(t => TaskDefining.Append(session, resolution, t, by, at).Id).ToList();
        return Results.Created($"/api/resolutions/{resolution.Id}", new ResolutionDefinedResponse(resolution.Id, number, targetIds, taskIds));
    }
}

public static class ResolutionDefining
{
    /// <summary>Starts the resolution's stream (its targets and tasks are appended by the caller).</summary>
    public static Resolution Start(IDocumentSession session, DefineResolution command, string by, DateTimeOffset at)
    {
        var id = Guid.CreateVersion7();
        var defined = new ResolutionDefined(id, command.Number.Trim(), command.Kind, command.IssuingBody.Trim(), command.Term, command.IssueDate,
            command.PeriodStartYear, command.PeriodEndYear, command.OrientationYear, command.Title.Trim(),
            command.Fields ?? command.Targets?.Select(t => t.Field.Trim()).Distinct().ToList() ?? [], by, at,
            command.ReportingPeriods is { Count: > 0 } kinds ? [.. kinds.Distinct().Order()] : null);
        session.Events.StartStream<Resolution>(id, defined);
        return Resolution.Evolve(null, defined)!;
    }
}
