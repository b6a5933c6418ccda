using Monitoring.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Resolutions;
using Wolverine.Http;

namespace Monitoring.Api.Resolutions;

public static class ResolutionQueries
{
    [Authorize(Policy = Policies.Read)]
    [WolverineGet("/api/resolutions", OperationId = "ListResolutions"), Tags("Resolutions"), EndpointSummary("List resolutions; filter by kind, a year the period covers, or text")]
    [ProducesResponseType<Page<Resolution>>(200)]
    public static async Task<IResult> List(IQuerySession session, ResolutionKind? kind, int? year, string? search, int? page, int? pageSize, CancellationToken ct)
    {
        if (Paging.Check(page, pageSize) is { } problem) return problem;
        var query = session.Query<Resolution>().AsQueryable();
        if (kind is not null) query = query.Where(r => r.Kind == kind);
        if (year is not null) query = query.Where(r => r.PeriodStartYear <= year && r.PeriodEndYear >= year);
        if (!string.IsNullOrWhiteSpace(search))
            query = query.Where(r => r.Title.Contains(search, StringComparison.OrdinalIgnoreCase) || r.Number.Contains(search, StringComparison.OrdinalIgnoreCase));
        var paged = await query.OrderByDescending(r => r.IssueDate).ToPagedListAsync(page ?? 1, pageSize ?? Paging.DefaultPageSize, ct);
        return Results.Ok(Paging.From(paged));
    }

    [Authorize(Policy = Policies.Read)]
    [WolverineGet("/api/resolutions/{id}", OperationId = "GetResolution"), Tags("Resolutions"), EndpointSummary("One resolution")]
    [ProducesResponseType<Resolution>(200)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Resolution>(id, ct) is { } resolution ? Results.Ok(resolution) : Problems.NotFound("Resolution", id);
}
