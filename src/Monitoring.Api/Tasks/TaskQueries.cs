using Monitoring.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Tasks;
using Wolverine.Http;

namespace Monitoring.Api.Tasks;

public sealed record TaskStatusView(Guid Id, long Version, Guid ResolutionId, string? Code, string Group, string Statement, Guid? LeadUnitId,
    IReadOnlyList<Guid> CooperatingUnitIds, DateOnly? Deadline, DateOnly? OriginalDeadline, int PercentDone, DateOnly? CompletedOn,
    TaskProgressStatus Status, string StatusText, IReadOnlyList<TaskUpdate> Updates)
{
    public static TaskStatusView From(ResolutionTask t, DateOnly today)
    {
        var status = t.StatusOn(today);
        return new TaskStatusView(t.Id, t.Version, t.ResolutionId, t.Code, t.Group, t.Statement, t.LeadUnitId, t.CooperatingUnitIds, t.Deadline,
            t.OriginalDeadline, t.PercentDone, t.CompletedOn, status, status.ToVietnamese(), t.Updates);
    }
}

public static class TaskQueries
{
    [Authorize(Policy = Policies.Read)]
    [WolverineGet("/api/tasks", OperationId = "ListTasks"), Tags("Tasks"),
     EndpointSummary("List tasks with their status; filter by resolution, group, unit or status; cutOff and knownAt as for targets")]
    [ProducesResponseType<Page<TaskStatusView>>(200)]
    public static async Task<IResult> List(IQuerySession session, HttpContext context, TimeProvider clock, Guid? resolutionId, string? group, Guid? unitId,
        TaskProgressStatus? status, string? cutOff, string? knownAt, string? asOf, int? page, int? pageSize, CancellationToken ct)
    {
        if (Paging.Check(page, pageSize) is { } problem) return problem;
        if (!DataCut.TryParse(cutOff, knownAt, asOf, null, clock.Today(), out var cut, out var badCut)) return badCut!;
        if (ReadScope.ForUnit(context.Caller(), ref unitId) is { } forbidden) return forbidden;
        var query = session.Query<ResolutionTask>().AsQueryable();
        if (resolutionId is not null) query = query.Where(t => t.ResolutionId == resolutionId);
        if (!string.IsNullOrWhiteSpace(group)) query = query.Where(t => t.Group == group);
        var tasks = await AsOfCutAsync(session, [.. await query.ToListAsync(ct)], cut, clock, ct);
        var views = tasks
            .Where(t => unitId is null || t.IsAssignedTo(unitId.Value))
            .OrderBy(t => t.ResolutionId).ThenBy(t => t.Code ?? "").ThenBy(t => t.DefinedAt).ThenBy(t => t.Id)
            .Select(t => TaskStatusView.From(t, cut.CutOff))
            .Where(v => status is null || v.Status == status);
        return Results.Ok(Paging.Of(views, page, pageSize));
    }

    [Authorize(Policy = Policies.Read)]
    [WolverineGet("/api/tasks/{id}", OperationId = "GetTaskStatus"), Tags("Tasks"),
     EndpointSummary("A task and its status; with cutOff, as it stood on that day (progress and completion about that day or before), with knownAt as then recorded")]
    [ProducesResponseType<TaskStatusView>(200)]
    public static async Task<IResult> Get(Guid id, string? cutOff, string? knownAt, string? asOf, IQuerySession session, TimeProvider clock,
        HttpContext context, CancellationToken ct)
    {
        if (!DataCut.TryParse(cutOff, knownAt, asOf, null, clock.Today(), out var cut, out var badCut)) return badCut!;
        var task = await session.LoadAsync<ResolutionTask>(id, ct);
        if (task is null) return Problems.NotFound("Task", id);
        if (!context.Caller().MayActFor(task.IsAssignedTo)) return Problems.NotYourUnit("Task", id);
        var asItStood = (await AsOfCutAsync(session, [task], cut, clock, ct)).SingleOrDefault();
        if (asItStood is null) return Problems.NotFound("Task", id);
        if (cut.KnownAt is null) ExpectedVersion.WriteETag(context, task.Version);
        return Results.Ok(TaskStatusView.From(asItStood, cut.CutOff));
    }

    /// <summary>As the overview reads tasks: recorded by knownAt, reading only what is about the cut-off day or before.</summary>
    private static async Task<List<ResolutionTask>> AsOfCutAsync(IQuerySession session, List<ResolutionTask> tasks, DataCut cut, TimeProvider clock,
        CancellationToken ct) =>
        cut.KnownAt is null && cut.CutOff >= clock.Today()
            ? tasks
            : await AsOfState.FoldAsync<ResolutionTask>(session, tasks.Select(t => t.Id), cut.KnownAt?.Instant ?? DateTimeOffset.MaxValue,
                (state, e) => ResolutionTask.IsAboutOnOrBefore(e, cut.CutOff) ? ResolutionTask.Evolve(state, e) : state, ct);
}
