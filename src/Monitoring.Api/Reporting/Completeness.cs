using System.ComponentModel;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Units;
using Wolverine.Http;

namespace Monitoring.Api.Reporting;

/// <summary>A unit's report that came in late or never came.</summary>
public sealed record LateOrMissingReport(Guid UnitId, string UnitCode, string UnitName, Guid ResolutionId, string ResolutionNumber,
    DateOnly DueDate, SubmissionState State, DateTimeOffset? FirstSubmittedAt, Timeliness Timeliness)
{
    /// <summary>
    /// Calendar days past the due date: for a late report, to the day it was first submitted (Vietnam's calendar); for a missing
    /// one, to <paramref name="asOf"/>; null for a report on time or not yet due.
    /// </summary>
    public int? DaysOverdue(DateOnly asOf) => Timeliness switch
    {
        Timeliness.Late when FirstSubmittedAt is { } at => Domain.Common.VietnamTime.DateOf(at).DayNumber - DueDate.DayNumber,
        Timeliness.Missing => asOf.DayNumber - DueDate.DayNumber,
        _ => null,
    };
}

public sealed record UnitReference(Guid UnitId, string Code, string Name);

public sealed record ResolutionCompleteness(Guid ResolutionId, string Number, string Title,
    [property: Description("Whether the resolution is reported on this period (a resolution that ended before it, or not reported on its kind, expects nothing).")]
    bool ReportedOnPeriod,
    CompletenessCounts Counts, IReadOnlyList<UnitReference> LateUnits, IReadOnlyList<UnitReference> MissingUnits);

public sealed record UnitCompleteness(Guid UnitId, string Code, string Name, CompletenessCounts Counts);

public sealed record CompletenessView(
    [property: Description("The period: 2023-H1, 2023, 2023-Q3 or 2023-07.")] string Period,
    string PeriodName, DateOnly DataFrom, DateOnly DataTo, DateOnly DueDate,
    [property: Description("The day the answer is judged on: today, or the asOf day (submissions as recorded by then).")] DateOnly AsOf,
    CompletenessCounts Total, IReadOnlyList<ResolutionCompleteness> Resolutions, IReadOnlyList<UnitCompleteness> Units,
    IReadOnlyList<LateOrMissingReport> Late, IReadOnlyList<LateOrMissingReport> Missing);

public static class CompletenessEndpoint
{
    [Authorize(Policy = Policies.ReadAll)]
    [WolverineGet("/api/reporting/completeness", OperationId = "GetReportingCompleteness"), Tags("Reports"),
     EndpointSummary("Completeness and timeliness of one period's reports: per resolution and per unit, the late and missing units")]
    [EndpointDescription("Without a period: the latest half-year or year report whose due date has passed. asOf answers with the submissions as recorded then, judged on that day.")]
    [ProducesResponseType<CompletenessView>(200)]
    public static async Task<IResult> Get(string? period, Guid? resolutionId, Guid? unitId, string? asOf, IQuerySession session,
        ReportingCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var (reading, problem) = await CompletenessReading.ReadAsync(period, resolutionId, unitId, asOf, session, calendar, clock, ct);
        return problem ?? Results.Ok(reading!.View);
    }

    /// <summary>The view, and every unit's report of the period (on time, late, missing, not yet due) in the same shape as the late and missing ones.</summary>
    public static async Task<CompletenessReading> ReadingAsync(IQuerySession session, ObligationReader world, ReportingCalendar calendar,
        ReportingPeriod period, DateOnly today, IReadOnlyCollection<Obligation> obligations, CancellationToken ct)
    {
        var completeness = PeriodCompleteness.Of(period, obligations);
        var units = await world.UnitsAsync(session, obligations.Select(o => o.UnitId), ct);
        var resolutions = world.Resolutions.ToDictionary(r => r.Id);
        UnitReference Ref(Guid id) => new(id, units.GetValueOrDefault(id)?.Code ?? "", units.GetValueOrDefault(id)?.Name ?? "");
        LateOrMissingReport Report(Obligation o) => new(o.UnitId, Ref(o.UnitId).Code, Ref(o.UnitId).Name, o.ResolutionId,
            resolutions[o.ResolutionId].Number, o.DueDate, o.State, o.FirstSubmittedAt, o.Timeliness);

        var byResolution = world.Resolutions.OrderBy(r => r.Number).Select(r => new ResolutionCompleteness(r.Id, r.Number, r.Title,
            Obligations.PeriodsOf(r, calendar).Contains(period),
            completeness.ByResolution.GetValueOrDefault(r.Id) ?? CompletenessCounts.None,
            completeness.Late.Where(o => o.ResolutionId == r.Id).Select(o => Ref(o.UnitId)).OrderBy(u => u.Code).ToList(),
            completeness.Missing.Where(o => o.ResolutionId == r.Id).Select(o => Ref(o.UnitId)).OrderBy(u => u.Code).ToList())).ToList();
        var byUnit = completeness.ByUnit.Select(u => new UnitCompleteness(u.Key, Ref(u.Key).Code, Ref(u.Key).Name, u.Value))
            .OrderBy(u => u.Code).ToList();
        var data = calendar.DataOf(period);
        var every = obligations.Where(o => o.Period == period).Select(Report).OrderBy(x => x.ResolutionNumber).ThenBy(x => x.UnitCode).ToList();
        return new CompletenessReading(new CompletenessView(period.ToString(), period.ToVietnamese(), data.From, data.To, calendar.DueDate(period), today,
            completeness.Total, byResolution, byUnit,
            completeness.Late.Select(Report).OrderBy(x => x.ResolutionNumber).ThenBy(x => x.UnitCode).ToList(),
            completeness.Missing.Select(Report).OrderBy(x => x.ResolutionNumber).ThenBy(x => x.UnitCode).ToList()), every);
    }
}

/// <summary>What GET /api/reporting/completeness answers, and every report of the period behind it (for the spreadsheet).</summary>
public sealed record CompletenessReading(CompletenessView View, IReadOnlyList<LateOrMissingReport> Reports)
{
    /// <summary>
    /// The completeness endpoint's reading and checks: the period (default: the latest half-year or year due), asOf (submissions
    /// as recorded then, judged on that day), and the resolution and unit filters (404 when unknown). Every reading of
    /// completeness (JSON, the spreadsheet) goes through here.
    /// </summary>
    public static async Task<(CompletenessReading? Reading, IResult? Problem)> ReadAsync(string? period, Guid? resolutionId, Guid? unitId, string? asOf,
        IQuerySession session, ReportingCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        if (!PeriodParameter.TryParse(period, calendar, out var parsed, out var invalid)) return (null, invalid!);
        if (!AsOf.TryParse(asOf, out var when, out var problem)) return (null, problem!);
        if (unitId is { } unit && await session.LoadAsync<Unit>(unit, ct) is null) return (null, Problems.NotFound("Unit", unit));
        if (resolutionId is { } r && await session.LoadAsync<Resolution>(r, ct) is null) return (null, Problems.NotFound("Resolution", r));

        var today = when?.Day ?? clock.Today();
        var reading = parsed ?? PeriodCompleteness.LatestDue(calendar, today);
        var world = await ObligationReader.LoadAsync(session, resolutionId, unitId, when?.Instant, ct);
        var obligations = world.Obligations(calendar, today, reading, unitId);
        return (await CompletenessEndpoint.ReadingAsync(session, world, calendar, reading, today, obligations, ct), null);
    }
}
