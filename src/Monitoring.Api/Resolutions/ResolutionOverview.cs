using Monitoring.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Reporting;
using Monitoring.Domain.Judging;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;
using Monitoring.Domain.Units;
using Wolverine.Http;

namespace Monitoring.Api.Resolutions;

public sealed record FieldStatusCounts(string Field, int Targets, IReadOnlyDictionary<TargetStatus, int> ByStatus);

/// <summary>A unit's report for the overview's period: <see cref="Late"/> when it came in late or is missing past its due date.</summary>
public sealed record UnitDue(Guid UnitId, string Code, string Name, string Period, DateOnly DueDate, DateTimeOffset? SubmittedAt, bool Late,
    SubmissionState State, Timeliness Timeliness);

public sealed record ResolutionOverviewView(
    Guid ResolutionId, string Number, string Title, int PeriodStartYear, int PeriodEndYear, DateOnly AsOf,
    int TargetCount, IReadOnlyDictionary<TargetStatus, int> TargetsByStatus, IReadOnlyList<FieldStatusCounts> TargetsByField,
    int TaskCount, IReadOnlyDictionary<TaskProgressStatus, int> TasksByStatus,
    [property: System.ComponentModel.Description("The period lateness is read for: the resolution's latest whose due date has passed, or the one asked for; null before any is due.")]
    string? CurrentPeriod, DateOnly? DueDate, CompletenessCounts Reporting, IReadOnlyList<UnitDue> UnitsLate, IReadOnlyList<UnitDue> UnitsNotYetDue,
    ExplanationCounts Explanations, DataBasis? Basis = null);

/// <summary>The resolution's explanation requests as recorded by knownAt, judged on the overview's day.</summary>
/// <param name="Open">Waiting for the asked units' answer (to the first question or a follow-up).</param>
/// <param name="Overdue">Of those, past their due date.</param>
/// <param name="Answered">Answered, waiting for the committee to accept or ask again.</param>
/// <param name="Accepted">Closed: the explanation was accepted.</param>
public sealed record ExplanationCounts(int Total, int Open, int Overdue, int Answered, int Accepted)
{
    public static ExplanationCounts Of(IReadOnlyList<Explanations.ExplanationRequestView> requests, DateOnly today) => new(requests.Count,
        requests.Count(r => r.State is Domain.Explanations.ExplanationState.Open or Domain.Explanations.ExplanationState.FollowUpAsked),
        requests.Count(r => r.IsOverdueOn(today)),
        requests.Count(r => r.State == Domain.Explanations.ExplanationState.Answered),
        requests.Count(r => r.State == Domain.Explanations.ExplanationState.Accepted));
}

public static class ResolutionOverviewEndpoint
{
    [Authorize(Policy = Policies.ReadAll)]
    [WolverineGet("/api/resolutions/{id}/overview", OperationId = "GetResolutionOverview"), Tags("Resolutions"),
     EndpointSummary("Targets by status per field (approved figures unless includeSubmitted), tasks by status, and the reporting completeness and late units of the latest period due (or of period)")]
    [ProducesResponseType<ResolutionOverviewView>(200)]
    public static async Task<IResult> Get(Guid id, string? cutOff, string? knownAt, string? asOf, bool? includeSubmitted, string? period,
        IQuerySession session, TimeProvider clock, ReportingCalendar calendar, CancellationToken ct)
    {
        if (!DataCut.TryParse(cutOff, knownAt, asOf, includeSubmitted, clock.Today(), out var cut, out var problem)) return problem!;
        var when = cut.KnownAt;
        var resolution = when is null
            ? await session.LoadAsync<Resolution>(id, ct)
            : await session.Events.AggregateStreamAsync<Resolution>(id, timestamp: when.Instant, token: ct);
        if (resolution is null) return Problems.NotFound("Resolution", id);
        var today = cut.CutOff;
        var targets = await session.Query<Target>().Where(t => t.ResolutionId == id).ToListAsync(ct);
        var tasks = await session.Query<ResolutionTask>().Where(t => t.ResolutionId == id).ToListAsync(ct);
        // Targets and tasks as recorded by knownAt, reading what is about the cut-off or before (a figure dated later, a goal
        // changed later, a task completed later are left out).
        if (when is not null || today < clock.Today())
        {
            var until = when?.Instant ?? DateTimeOffset.MaxValue;
            targets = await AsOfState.FoldAsync<Target>(session, targets.Select(t => t.Id), until,
                (state, e) => Target.IsAboutOnOrBefore(e, today) ? Target.Evolve(state, e) : state, ct);
            tasks = await AsOfState.FoldAsync<ResolutionTask>(session, tasks.Select(t => t.Id), until,
                (state, e) => ResolutionTask.IsAboutOnOrBefore(e, today) ? ResolutionTask.Evolve(state, e) : state, ct);
        }

        var judged = targets.Select(t => (Target: t, Status: TargetJudge.Judge(t, today, cut.IncludeSubmitted).Status)).ToList();
        var byField = judged.GroupBy(j => j.Target.Field)
            .Select(g => new FieldStatusCounts(g.Key, g.Count(), Count(g.Select(j => j.Status))))
            .OrderBy(f => resolution.Fields.IndexOf(f.Field) is var i and >= 0 ? i : int.MaxValue).ThenBy(f => f.Field, StringComparer.Ordinal).ToList();

        // Lateness: the completeness of the resolution's latest period whose due date has passed (or the period asked for).
        if (!PeriodParameter.TryParse(period, calendar, out var asked, out var invalid)) return invalid!;
        var reading = asked ?? Obligations.PeriodsOf(resolution, calendar).LastOrDefault(p => calendar.DueDate(p) < today);
        var submissions = await session.Query<Submission>().Where(s => s.ResolutionId == id).ToListAsync(ct);
        if (when is not null)
            submissions = await AsOfState.FoldAsync<Submission>(session, submissions.Select(s => s.Id), when.Instant, Submission.Evolve, ct);
        var owed = reading is null ? [] : Obligations.Of(resolution, targets, tasks, submissions, calendar, today, reading);
        var unitIds = owed.Select(o => o.UnitId).Distinct().ToList();
        var units = unitIds.Count == 0 ? [] : (await session.LoadManyAsync<Unit>(ct, unitIds)).ToDictionary(u => u.Id);
        var dues = owed.OrderBy(o => units.GetValueOrDefault(o.UnitId)?.Code).Select(o => new UnitDue(o.UnitId, units.GetValueOrDefault(o.UnitId)?.Code ?? "",
            units.GetValueOrDefault(o.UnitId)?.Name ?? "", o.Period.ToString(), o.DueDate, o.FirstSubmittedAt,
            o.Timeliness is Timeliness.Late or Timeliness.Missing, o.State, o.Timeliness)).ToList();

        return Results.Ok(new ResolutionOverviewView(resolution.Id, resolution.Number, resolution.Title, resolution.PeriodStartYear,
            resolution.PeriodEndYear, today, targets.Count, Count(judged.Select(j => j.Status)), byField,
            tasks.Count, tasks.GroupBy(t => t.StatusOn(today)).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            reading?.ToString(), reading is null ? null : calendar.DueDate(reading), CompletenessCounts.Of(owed),
            dues.Where(d => d.Late).ToList(), dues.Where(d => d.Timeliness == Timeliness.NotYetDue).ToList(),
            ExplanationCounts.Of(await Explanations.ExplanationHistory.OfResolutionAsync(session, id, when?.Instant, ct), today),
            cut.Basis(clock.GetUtcNow())));
    }

    private static IReadOnlyDictionary<TargetStatus, int> Count(IEnumerable<TargetStatus> statuses) =>
        // In the statuses' order, not the order the documents happen to be stored in (a rebuild or a restore changes that).
        statuses.OrderBy(s => s).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
}
