using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Domain.Reporting;
using Wolverine.Http;

namespace Monitoring.Api.Reporting;

public static class SubmissionQueries
{
    [Authorize(Policy = Policies.Read)]
    [WolverineGet("/api/submissions/{id}", OperationId = "GetSubmission"), Tags("Submissions"),
     EndpointSummary("One submission: its state, every step with who, when, why and the comments, the draft, the figures waiting and the lock")]
    [ProducesResponseType<SubmissionView>(200)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        var submission = await session.LoadAsync<Submission>(id, ct);
        if (submission is null) return Problems.NotFound("Submission", id);
        if (!context.Caller().MayActFor(unit => unit == submission.UnitId)) return Problems.NotYourUnit("Submission", id);
        ExpectedVersion.WriteETag(context, submission.Version);
        return Results.Ok(SubmissionView.From(submission, clock.GetUtcNow()));
    }

    [Authorize(Policy = Policies.Read)]
    [WolverineGet("/api/submissions", OperationId = "ListSubmissions"), Tags("Submissions"),
     EndpointSummary("List submissions; filter by unit, resolution, period and state (a reporter sees its own unit's)")]
    [ProducesResponseType<Page<SubmissionView>>(200)]
    public static async Task<IResult> List(IQuerySession session, HttpContext context, TimeProvider clock, Guid? unitId, Guid? resolutionId, string? period,
        SubmissionState? state, int? page, int? pageSize, CancellationToken ct)
    {
        if (Paging.Check(page, pageSize) is { } problem) return problem;
        if (ReadScope.ForUnit(context.Caller(), ref unitId) is { } forbidden) return forbidden;
        ReportingPeriod? parsed = null;
        if (period is not null && !ReportingPeriod.TryParse(period, out parsed))
            return Problems.Invalid("period", Localized.Text("Use a period such as 2023-H1, 2023 or 2021-2023.", "Kỳ báo cáo có dạng 2023-H1, 2023 hoặc 2021-2023."));
        var query = session.Query<Submission>().AsQueryable();
        if (unitId is not null) query = query.Where(s => s.UnitId == unitId);
        if (resolutionId is not null) query = query.Where(s => s.ResolutionId == resolutionId);
        if (state is not null) query = query.Where(s => s.State == state);
        var submissions = await query.ToListAsync(ct);
        var now = clock.GetUtcNow();
        return Results.Ok(Paging.Of(submissions.Where(s => parsed is null || s.Period == parsed)
            .OrderByDescending(s => s.Period).ThenBy(s => s.UnitId).ThenBy(s => s.ResolutionId)
            .Select(s => SubmissionView.From(s, now)), page, pageSize));
    }
}
