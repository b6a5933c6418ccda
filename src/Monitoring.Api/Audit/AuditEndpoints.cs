using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Marten;
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

namespace Monitoring.Api.Audit;

/// <summary>The history of one target, task, resolution or unit, and the audit feed across everything.</summary>
public static class AuditEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxExport = 100_000;

    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/targets/{id}/history", OperationId = "GetTargetHistory"), Tags("Audit"), EndpointSummary("Every event of a target: who, when, from which unit, what, why, before and after")]
    [ProducesResponseType<AuditPage>(200)]
    public static async Task<IResult> TargetHistory(Guid id, long? after, int? limit, IQuerySession session, AuditQuery audit, CancellationToken ct) =>
        await session.LoadAsync<Target>(id, ct) is null
            ? Problems.NotFound("Target", id)
            : await PageAsync(session, audit, new AuditFilter(null, null, null, null, null, null, after, limit ?? DefaultLimit, [id]), ct);

    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/tasks/{id}/history", OperationId = "GetTaskHistory"), Tags("Audit"), EndpointSummary("Every event of a task")]
    [ProducesResponseType<AuditPage>(200)]
    public static async Task<IResult> TaskHistory(Guid id, long? after, int? limit, IQuerySession session, AuditQuery audit, CancellationToken ct) =>
        await session.LoadAsync<ResolutionTask>(id, ct) is null
            ? Problems.NotFound("Task", id)
            : await PageAsync(session, audit, new AuditFilter(null, null, null, null, null, null, after, limit ?? DefaultLimit, [id]), ct);

    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/resolutions/{id}/history", OperationId = "GetResolutionHistory"), Tags("Audit"), EndpointSummary("Every event of a resolution, its targets and its tasks")]
    [ProducesResponseType<AuditPage>(200)]
    public static async Task<IResult> ResolutionHistory(Guid id, long? after, int? limit, IQuerySession session, AuditQuery audit, CancellationToken ct) =>
        await session.LoadAsync<Resolution>(id, ct) is null
            ? Problems.NotFound("Resolution", id)
            : await PageAsync(session, audit, new AuditFilter(id, null, null, null, null, null, after, limit ?? DefaultLimit), ct);

    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/units/{id}/history", OperationId = "GetUnitHistory"), Tags("Audit"), EndpointSummary("Every event of a unit and every fact recorded for or by it")]
    [ProducesResponseType<AuditPage>(200)]
    public static async Task<IResult> UnitHistory(Guid id, long? after, int? limit, IQuerySession session, AuditQuery audit, CancellationToken ct) =>
        await session.LoadAsync<Unit>(id, ct) is null
            ? Problems.NotFound("Unit", id)
            : await PageAsync(session, audit, new AuditFilter(null, id, null, null, null, null, after, limit ?? DefaultLimit), ct);

    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/submissions/{id}/history", OperationId = "GetSubmissionHistory"), Tags("Audit"),
     EndpointSummary("Every step of a unit's submission: drafts, submissions, approvals, returns with their reasons, lock exceptions")]
    [ProducesResponseType<AuditPage>(200)]
    public static async Task<IResult> SubmissionHistory(Guid id, long? after, int? limit, IQuerySession session, AuditQuery audit, CancellationToken ct) =>
        await session.LoadAsync<Submission>(id, ct) is null
            ? Problems.NotFound("Submission", id)
            : await PageAsync(session, audit, new AuditFilter(null, null, null, null, null, null, after, limit ?? DefaultLimit, [id]), ct);

    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/audit", OperationId = "ListAuditEntries"), Tags("Audit"), EndpointSummary("The audit feed across everything, filtered, with cursor paging (after = nextCursor)")]
    [ProducesResponseType<AuditPage>(200)]
    public static async Task<IResult> Feed(Guid? resolutionId, Guid? unitId, string? user, string? eventType, string? from, string? to, long? after, int? limit,
        IQuerySession session, AuditQuery audit, CancellationToken ct)
    {
        if (Filter(session, resolutionId, unitId, user, eventType, from, to, after, limit ?? DefaultLimit, out var filter) is { } problem) return problem;
        return await PageAsync(session, audit, filter!, ct);
    }

    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/audit/export", OperationId = "ExportAudit"), Tags("Audit"), EndpointSummary("The audit feed with the same filters, as CSV (format=csv) or JSON (format=json)")]
    [ProducesResponseType<Stream>(200, "text/csv", "application/json")]
    public static async Task<IResult> Export(string? format, Guid? resolutionId, Guid? unitId, string? user, string? eventType, string? from, string? to,
        IQuerySession session, AuditQuery audit, CancellationToken ct)
    {
        format ??= "json";
        if (format is not ("csv" or "json"))
            return Problems.Invalid("format", Localized.Text("format is csv or json.", "format là csv hoặc json."));
        if (Filter(session, resolutionId, unitId, user, eventType, from, to, null, AuditQuery.MaxLimit, out var filter) is { } problem) return problem;

        var (entries, _) = await ExportEntriesAsync(session, audit, filter!, ct);

        if (format == "json")
            return Results.File(JsonSerializer.SerializeToUtf8Bytes(entries, JsonDefaults.Web), "application/json; charset=utf-8", "audit.json");
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            csv.Context.TypeConverterCache.AddConverter<DateTimeOffset>(new ProvinceTimestampConverter());
            await csv.WriteRecordsAsync(entries, ct);
        }
        // A byte-order mark so that spreadsheet programs read the Vietnamese text as UTF-8.
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(), "text/csv; charset=utf-8", "audit.csv");
    }

    /// <summary>
    /// Every entry the filters match, oldest first, up to <see cref="MaxExport"/> (what the CSV, JSON and .xlsx exports hold);
    /// <c>Capped</c> when more matched.
    /// </summary>
    internal static async Task<(List<AuditEntry> Entries, bool Capped)> ExportEntriesAsync(IQuerySession session, AuditQuery audit, AuditFilter filter,
        CancellationToken ct)
    {
        var entries = new List<AuditEntry>();
        for (long? cursor = null; entries.Count < MaxExport;)
        {
            var page = await audit.PageAsync(session, filter with { After = cursor }, ct, withPosition: false);
            entries.AddRange(page.Entries);
            if ((cursor = page.NextCursor) is null) return (entries, false);
        }
        return (entries, true);
    }

    private static async Task<IResult> PageAsync(IQuerySession session, AuditQuery audit, AuditFilter filter, CancellationToken ct)
    {
        if (filter.Limit is < 1 or > AuditQuery.MaxLimit)
            return Problems.Invalid("limit", Localized.Text($"limit is between 1 and {AuditQuery.MaxLimit}.", $"limit từ 1 đến {AuditQuery.MaxLimit}."));
        return Results.Ok(await audit.PageAsync(session, filter, ct));
    }

    /// <summary>The feed's filters, checked (400 naming the parameter): shared by the feed and its exports.</summary>
    internal static IResult? Filter(IQuerySession session, Guid? resolutionId, Guid? unitId, string? user, string? eventType, string? from, string? to,
        long? after, int limit, out AuditFilter? filter)
    {
        filter = null;
        if (eventType is not null)
        {
            var known = session.DocumentStore.Options.Events.AllKnownEventTypes().Select(t => t.EventTypeName).Order().ToList();
            if (!known.Contains(AuditQuery.EventTypeAlias(eventType)))
                return Problems.Invalid("eventType", Localized.Text($"Unknown event type. Known: {string.Join(", ", known)}.",
                    $"Loại sự kiện không tồn tại. Các loại: {string.Join(", ", known)}."));
        }
        if (!AsOf.TryParse(from, out var since, out var problem, "from")) return problem;
        if (!AsOf.TryParse(to, out var until, out problem, "to")) return problem;
        // "from" a date means from the start of that day.
        var start = since is null ? (DateTimeOffset?)null
            : from!.Length == 10 ? new DateTimeOffset(since.Day.ToDateTime(TimeOnly.MinValue), ProvinceClock.Offset).ToUniversalTime() : since.Instant;
        filter = new AuditFilter(resolutionId, unitId, user, eventType, start, until?.Instant, after, limit);
        return null;
    }
}

/// <summary>Timestamps in exports as ISO 8601 in Vietnam's time, with the offset (2026-12-01T12:27:29+07:00), whatever the culture.</summary>
public sealed class ProvinceTimestampConverter : CsvHelper.TypeConversion.DefaultTypeConverter
{
    public override string? ConvertToString(object? value, IWriterRow row, CsvHelper.Configuration.MemberMapData memberMapData) =>
        value is DateTimeOffset at ? at.ToOffset(ProvinceClock.Offset).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture) : null;
}
