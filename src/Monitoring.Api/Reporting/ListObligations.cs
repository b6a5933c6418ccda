using System.ComponentModel;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;
using Monitoring.Domain.Units;
using Wolverine.Http;

namespace Monitoring.Api.Reporting;

/// <summary>A target or task a unit owes a report on.</summary>
public sealed record OwedItem(Guid Id, string? Code, string Statement);

public sealed record ObligationView(
    Guid UnitId, string UnitCode, string UnitName, Guid ResolutionId, string ResolutionNumber,
    [property: Description("The period: 2023-H1, 2023, 2023-Q3 or 2023-07.")] string Period,
    [property: Description("The period in Vietnamese: 6 tháng đầu năm 2023.")] string PeriodName,
    [property: Description("First day of the data the report covers (the day after the previous cut-off).")] DateOnly DataFrom,
    [property: Description("The data cut-off: the last day the report covers.")] DateOnly DataTo,
    [property: Description("The last working day to submit the report (Vietnam's calendar).")] DateOnly DueDate,
    [property: Description("Calendar days from today to the due date: 0 on the due date, negative once it has passed.")] int DaysLeft,
    [property: Description("Calendar days past the due date of a report not yet submitted; null when submitted or not yet due.")] int? DaysOverdue,
    Guid SubmissionId, SubmissionState State, DateTimeOffset? FirstSubmittedAt,
    [property: Description("NotYetDue, OnTime, Late (first submitted after the due date) or Missing (not submitted, due date passed).")] Timeliness Timeliness,
    IReadOnlyList<OwedItem> Targets, IReadOnlyList<OwedItem> Tasks);

public static class ListObligationsEndpoint
{
    [Authorize(Policy = Policies.Read)]
    [WolverineGet("/api/obligations", OperationId = "ListObligations"), Tags("Reports"),
     EndpointSummary("What each unit owes per resolution and period: targets and tasks, due date, days left or overdue, submission state")]
    [EndpointDescription("A reporter gets its own unit's obligations without naming it. Without a period: every period whose data window has begun by today. " +
                         "asOf answers as things stood then: submissions as recorded by then, days left and overdue counted on that day.")]
    [ProducesResponseType<IReadOnlyList<ObligationView>>(200)]
    public static async Task<IResult> Get(Guid? unitId, Guid? resolutionId, string? period, SubmissionState? state, string? asOf, IQuerySession session,
        HttpContext context, ReportingCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        if (!PeriodParameter.TryParse(period, calendar, out var parsed, out var invalid)) return invalid!;
        if (!AsOf.TryParse(asOf, out var when, out var badAsOf)) return badAsOf!;
        if (ReadScope.ForUnit(context.Caller(), ref unitId) is { } forbidden) return forbidden;
        if (unitId is { } unit && await session.LoadAsync<Unit>(unit, ct) is null) return Problems.NotFound("Unit", unit);
        if (resolutionId is { } r && await session.LoadAsync<Resolution>(r, ct) is null) return Problems.NotFound("Resolution", r);

        var today = when?.Day ?? clock.Today();
        var world = await ObligationReader.LoadAsync(session, resolutionId, unitId, when?.Instant, ct);
        var obligations = world.Obligations(calendar, today, parsed, unitId).Where(o => state is null || o.State == state).ToList();
        return Results.Ok(await world.ViewsAsync(session, obligations, ct));
    }
}

/// <summary>A period named in a query: a half-year, year, quarter or month of a kind the reporting calendar runs; else 400 naming it.</summary>
public static class PeriodParameter
{
    public static bool TryParse(string? text, ReportingCalendar calendar, out ReportingPeriod? period, out IResult? problem, string parameter = "period")
    {
        problem = null;
        period = null;
        if (text is null) return true;
        if (ReportingPeriod.TryParse(text, out var parsed) && calendar.Runs(parsed.Kind))
        {
            period = parsed;
            return true;
        }
        var kinds = string.Join(", ", calendar.Kinds);
        problem = Problems.Invalid(parameter, Localized.Text(
            $"Use a reporting period such as 2023-H1, 2023, 2023-Q3 or 2023-07, of a kind the reporting calendar runs ({kinds}).",
            $"Kỳ báo cáo có dạng 2023-H1, 2023, 2023-Q3 hoặc 2023-07, thuộc loại kỳ lịch báo cáo có ({kinds})."));
        return false;
    }
}

/// <summary>
/// What obligations are computed from, read once: the resolutions in scope, their targets and tasks, and the units'
/// submissions; as they stand, or folded from the events recorded up to a moment ("as known then").
/// </summary>
public sealed record ObligationReader(IReadOnlyList<Resolution> Resolutions, IReadOnlyList<Target> Targets, IReadOnlyList<ResolutionTask> Tasks,
    IReadOnlyList<Submission> Submissions)
{
    public static async Task<ObligationReader> LoadAsync(IQuerySession session, Guid? resolutionId, Guid? unitId, DateTimeOffset? knownAt,
        CancellationToken ct)
    {
        var resolutions = resolutionId is { } one
            ? await session.Query<Resolution>().Where(r => r.Id == one).ToListAsync(ct)
            : await session.Query<Resolution>().ToListAsync(ct);
        var ids = resolutions.Select(r => r.Id).ToArray();
        var targets = ids.Length == 0 ? [] : await session.Query<Target>().Where(t => t.ResolutionId.IsOneOf(ids)).ToListAsync(ct);
        var tasks = ids.Length == 0 ? [] : await session.Query<ResolutionTask>().Where(t => t.ResolutionId.IsOneOf(ids)).ToListAsync(ct);
        var submissionQuery = session.Query<Submission>().Where(s => s.ResolutionId.IsOneOf(ids));
        if (unitId is { } unit) submissionQuery = submissionQuery.Where(s => s.UnitId == unit);
        var submissions = ids.Length == 0 ? [] : await submissionQuery.ToListAsync(ct);
        if (knownAt is { } instant)
        {
            resolutions = await AsOfState.FoldAsync<Resolution>(session, ids, instant, Resolution.Evolve, ct);
            // Only what decides an obligation (who was assigned since when, which task was done): not every figure ever reported.
            targets = await FoldAsync<Target>(session, targets.Select(t => t.Id), instant, Target.Evolve, ct, typeof(TargetDefined), typeof(TargetAssigned));
            tasks = await FoldAsync<ResolutionTask>(session, tasks.Select(t => t.Id), instant, ResolutionTask.Evolve, ct,
                typeof(TaskDefined), typeof(TaskAssigned), typeof(TaskCompleted), typeof(TaskReopened));
            submissions = await AsOfState.FoldAsync<Submission>(session, submissions.Select(s => s.Id), instant, Submission.Evolve, ct);
        }
        return new ObligationReader(resolutions, targets, tasks, submissions);
    }

    private static async Task<List<T>> FoldAsync<T>(IQuerySession session, IEnumerable<Guid> streamIds, DateTimeOffset instant,
        Func<T?, object, T?> fold, CancellationToken ct, params Type[] types) where T : class
    {
        var ids = streamIds.ToArray();
        if (ids.Length == 0) return [];
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(ids) && e.Timestamp <= instant && e.EventTypesAre(types))
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        return events.GroupBy(e => e.StreamId)
            .Select(g => g.Aggregate((T?)null, (state, e) => fold(state, e.Data)))
            .OfType<T>()
            .ToList();
    }

    public List<Obligation> Obligations(ReportingCalendar calendar, DateOnly today, ReportingPeriod? period, Guid? unitId) =>
        Resolutions.SelectMany(r => Domain.Reporting.Obligations.Of(r, Targets, Tasks, Submissions, calendar, today, period, unitId)).ToList();

    public async Task<Dictionary<Guid, Unit>> UnitsAsync(IQuerySession session, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var distinct = ids.Distinct().ToArray();
        return distinct.Length == 0 ? [] : (await session.LoadManyAsync<Unit>(ct, distinct)).ToDictionary(u => u.Id);
    }

    public async Task<List<ObligationView>> ViewsAsync(IQuerySession session, IReadOnlyCollection<Obligation> obligations, CancellationToken ct)
    {
        var units = await UnitsAsync(session, obligations.Select(o => o.UnitId), ct);
        var resolutions = Resolutions.ToDictionary(r => r.Id);
        var targets = Targets.ToDictionary(t => t.Id);
        var tasks = Tasks.ToDictionary(t => t.Id);
        return obligations
            .Select(o => new ObligationView(o.UnitId, units.GetValueOrDefault(o.UnitId)?.Code ?? "", units.GetValueOrDefault(o.UnitId)?.Name ?? "",
                o.ResolutionId, resolutions[o.ResolutionId].Number, o.Period.ToString(), o.Period.ToVietnamese(), o.Data.From, o.Data.To, o.DueDate,
                o.DaysLeft, o.Timeliness == Timeliness.Missing ? -o.DaysLeft : null, Submission.IdFor(o.UnitId, o.ResolutionId, o.Period), o.State,
                o.FirstSubmittedAt, o.Timeliness,
                o.TargetIds.Select(id => targets[id]).Select(t => new OwedItem(t.Id, t.Code, t.Statement)).ToList(),
                o.TaskIds.Select(id => tasks[id]).Select(t => new OwedItem(t.Id, t.Code, t.Statement)).ToList()))
            .OrderBy(v => v.DueDate).ThenBy(v => v.ResolutionNumber).ThenBy(v => v.UnitCode)
            .ToList();
    }
}
