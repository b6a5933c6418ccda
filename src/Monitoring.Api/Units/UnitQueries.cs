using Monitoring.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Units;
using Wolverine.Http;

namespace Monitoring.Api.Units;

public static class UnitQueries
{
    [Authorize(Policy = Policies.Read)]
    [WolverineGet("/api/units", OperationId = "ListUnits"), Tags("Units"), EndpointSummary("List units, filtered by kind, parent or text")]
    [ProducesResponseType<Page<Unit>>(200)]
    public static async Task<IResult> List(IQuerySession session, UnitKind? kind, Guid? parentUnitId, string? search, int? page, int? pageSize,
        HttpContext context, CancellationToken ct)
    {
        if (Paging.Check(page, pageSize) is { } problem) return problem;
        var query = session.Query<Unit>().AsQueryable();
        if (kind is not null) query = query.Where(u => u.Kind == kind);
        if (parentUnitId is not null) query = query.Where(u => u.ParentUnitId == parentUnitId);
        if (!string.IsNullOrWhiteSpace(search))
            query = query.Where(u => u.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || u.Code.Contains(search, StringComparison.OrdinalIgnoreCase));
        var paged = await query.OrderBy(u => u.Code).ToPagedListAsync(page ?? 1, pageSize ?? Paging.DefaultPageSize, ct);
        var caller = context.Caller();
        return Results.Ok(new Page<Unit>(paged.Select(u => Visible(u, caller)).ToList(), (int)paged.PageNumber, (int)paged.PageSize, paged.TotalItemCount));
    }

    [Authorize(Policy = Policies.Read)]
    [WolverineGet("/api/units/{id}", OperationId = "GetUnit"), Tags("Units"), EndpointSummary("One unit")]
    [ProducesResponseType<Unit>(200)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext context, CancellationToken ct) =>
        await session.LoadAsync<Unit>(id, ct) is { } unit ? Results.Ok(Visible(unit, context.Caller())) : Problems.NotFound("Unit", id);

    /// <summary>The registry is shared reference data, but where a unit's notifications go is for the secretariat, the committee and that unit.</summary>
    private static Unit Visible(Unit unit, Caller caller) => caller.IsReporter && caller.UnitId != unit.Id ? unit with { Recipients = null } : unit;
}
