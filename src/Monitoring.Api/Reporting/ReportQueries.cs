using Monitoring.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Units;
using Wolverine.Http;

namespace Monitoring.Api.Reporting;

public sealed record SubmissionStatus(string Period, DateOnly DueDate, DateTimeOffset? FirstSubmittedAt, bool Submitted, bool OnTime, bool Late,
    IReadOnlyList<SubmittedReport> Submissions);

public static class ReportQueries
{
    [Authorize(Policy = Policies.Read)]
    [WolverineGet("/api/reports", OperationId = "ListReports"), Tags("Reports"), EndpointSummary("List submitted reports; filter by unit and period")]
    [ProducesResponseType<Page<ProgressReport>>(200)]
    public static async Task<IResult> List(IQuerySession session, HttpContext context, Guid? unitId, string? period, int? page, int? pageSize, CancellationToken ct)
    {
        if (Paging.Check(page, pageSize) is { } problem) return problem;
        if (ReadScope.ForUnit(context.Caller(), ref unitId) is { } forbidden) return forbidden;
        ReportingPeriod? parsed = null;
        if (period is not null && !ReportingPeriod.TryParse(period, out parsed))
            return Problems.Invalid("period", Localized.Text("Use a period such as 2023-H1, 2023 or 2021-2023.", "Kỳ báo cáo có dạng 2023-H1, 2023 hoặc 2021-2023."));
        var query = session.Query<ProgressReport>().AsQueryable();
        if (unitId is not null) query = query.Where(r => r.UnitId == unitId);
        var reports = await query.OrderByDescending(r => r.SubmittedAt).ToListAsync(ct);
        return Results.Ok(Paging.Of(reports.Where(r => parsed is null || r.Period == parsed), page, pageSize));
    }

    [Authorize(Policy = Policies.Read)]
    [WolverineGet("/api/reports/{id}", OperationId = "GetReport"), Tags("Reports"), EndpointSummary("One submitted report with its narrative")]
    [ProducesResponseType<ProgressReport>(200)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken ct)
    {
        var report = await session.LoadAsync<ProgressReport>(id, ct);
        if (report is null) return Problems.NotFound("Report", id);
        return context.Caller().MayActFor(unit => unit == report.UnitId) ? Results.Ok(report) : Problems.NotYourUnit("Report", id);
    }

    [Authorize(Policy = Policies.Read)]
    [WolverineGet("/api/units/{id}/submissions", OperationId = "ListUnitSubmissions"), Tags("Reports"), EndpointSummary("A unit's submissions per period, on time or late")]
    [ProducesResponseType<IReadOnlyList<SubmissionStatus>>(200)]
    public static async Task<IResult> Submissions(Guid id, IQuerySession session, HttpContext context, ReportingCalendar calendar, CancellationToken ct)
    {
        if (!context.Caller().MayActFor(unit => unit == id)) return Problems.NotYourUnit("Unit", id);
        if (await session.LoadAsync<Unit>(id, ct) is null) return Problems.NotFound("Unit", id);
        var reports = await session.Query<ProgressReport>().Where(r => r.UnitId == id).ToListAsync(ct);
        return Results.Ok(UnitSubmissions.Of(reports).OrderBy(s => s.Period).Select(s => StatusOf(s, calendar)).ToList());
    }

    public static SubmissionStatus StatusOf(UnitSubmissions s, ReportingCalendar calendar)
    {
        var due = calendar.DueDate(s.Period);
        var first = s.Submissions.MinBy(x => x.SubmittedAt);
        var onTime = first is not null && ProvinceClock.DateOf(first.SubmittedAt) <= due;
        return new SubmissionStatus(s.Period.ToString(), due, first?.SubmittedAt, first is not null, onTime, first is not null && !onTime, s.Submissions);
    }
}
