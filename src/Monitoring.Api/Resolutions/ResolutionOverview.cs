using Monitoring.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
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

public sealed record UnitDue(Guid UnitId, string Code, string Name, string Period, DateOnly DueDate, DateTimeOffset? SubmittedAt, bool Late);

public sealed record ResolutionOverviewView(
    Guid ResolutionId, string Number, string Title, int PeriodStartYear, int PeriodEndYear, DateOnly AsOf,
    int TargetCount, IReadOnlyDictionary<TargetStatus, int> TargetsByStatus, IReadOnlyList<FieldStatusCounts> TargetsByField,
    int TaskCount, IReadOnlyDictionary<TaskProgressStatus, int> TasksByStatus,
    string CurrentPeriod, IReadOnlyList<UnitDue> UnitsLate, IReadOnlyList<UnitDue> UnitsNotYetDue, DataBasis? Basis = null);

public static class ResolutionOverviewEndpoint
{
    [Authorize(Policy = Policies.ReadAll)]
    [WolverineGet("/api/resolutions/{id}/overview", OperationId = "GetResolutionOverview"), Tags("Resolutions"),
     EndpointSummary("Targets by status per field (approved figures unless includeSubmitted), tasks by status, and the units late for the current period")]
    [ProducesResponseType<ResolutionOverviewView>(200)]
    public static async Task<IResult> Get(Guid id, string? cutOff, string? knownAt, string? asOf, bool? includeSubmitted, IQuerySession session,
        TimeProvider clock, IOptions<ReportingOptions> reporting, CancellationToken ct)
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
            .OrderBy(f => resolution.Fields.IndexOf(f.Field) is var i and >= 0 ? i : int.MaxValue).ToList();

        // The period units are now reporting on: the last half-year that has ended.
        var period = ReportingPeriod.HalfYearContaining(today).PreviousHalfYear();
        var due = reporting.Value.DueDate(period);
        var unitIds = targets.SelectMany(t => t.AssignedUnitIds).Concat(tasks.SelectMany(t => t.AssignedUnitIds)).Distinct().ToList();
        var units = unitIds.Count == 0 ? [] : await session.LoadManyAsync<Unit>(ct, unitIds);
        var reports = unitIds.Count == 0 ? [] : await session.Query<ProgressReport>().Where(r => r.UnitId.IsOneOf(unitIds.ToArray())).ToListAsync(ct);
        var firstByUnit = UnitSubmissions.Of(reports).Where(s => s.Period == period)
            .Select(s => (s.UnitId, First: s.Submissions.Where(x => when is null || x.SubmittedAt <= when.Instant).Select(x => (DateTimeOffset?)x.SubmittedAt).Min()))
            .Where(s => s.First is not null)
            .ToDictionary(s => s.UnitId, s => s.First!.Value);

        var dues = units.OrderBy(u => u.Code).Select(u =>
        {
            DateTimeOffset? submitted = firstByUnit.TryGetValue(u.Id, out var at) ? at : null;
            var late = submitted is { } s ? ProvinceClock.DateOf(s) > due : today > due;
            return new UnitDue(u.Id, u.Code, u.Name, period.ToString(), due, submitted, late);
        }).ToList();

        return Results.Ok(new ResolutionOverviewView(resolution.Id, resolution.Number, resolution.Title, resolution.PeriodStartYear,
            resolution.PeriodEndYear, today, targets.Count, Count(judged.Select(j => j.Status)), byField,
            tasks.Count, tasks.GroupBy(t => t.StatusOn(today)).ToDictionary(g => g.Key, g => g.Count()),
            period.ToString(), dues.Where(d => d.Late).ToList(), dues.Where(d => d.SubmittedAt is null && !d.Late).ToList(),
            cut.Basis(clock.GetUtcNow())));
    }

    private static IReadOnlyDictionary<TargetStatus, int> Count(IEnumerable<TargetStatus> statuses) =>
        statuses.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
}
