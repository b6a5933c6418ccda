using System.Text;
using Marten;
using Monitoring.Api.Infrastructure.Database;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;
using Npgsql;

namespace Monitoring.Api.Audit;

/// <summary>Filters of the audit feed. Every filter narrows; <see cref="After"/> is the cursor (the last sequence seen).</summary>
public sealed record AuditFilter(Guid? ResolutionId, Guid? UnitId, string? User, string? EventType, DateTimeOffset? From, DateTimeOffset? To,
    long? After, int Limit, IReadOnlyList<Guid>? Streams = null);

/// <summary>
/// Finds the events of the feed with SQL over the event table (filters Marten's LINQ cannot express, such as headers),
/// then loads them through Marten so that each carries its typed data.
/// </summary>
public sealed class AuditQuery(MonitoringDatabase database)
{
    public const int MaxLimit = 1000;

    public async Task<AuditPage> PageAsync(IQuerySession session, AuditFilter filter, CancellationToken ct)
    {
        var streams = filter.Streams?.ToList();
        if (filter.ResolutionId is { } resolution)
        {
            var targets = await session.Query<Target>().Where(t => t.ResolutionId == resolution).Select(t => t.Id).ToListAsync(ct);
            var tasks = await session.Query<ResolutionTask>().Where(t => t.ResolutionId == resolution).Select(t => t.Id).ToListAsync(ct);
            var submissions = await session.Query<Submission>().Where(s => s.ResolutionId == resolution).Select(s => s.Id).ToListAsync(ct);
            var ofResolution = targets.Concat(tasks).Concat(submissions).Append(resolution).ToList();
            streams = streams is null ? ofResolution : streams.Intersect(ofResolution).ToList();
        }

        var sql = new StringBuilder($"select e.seq_id from monitoring.mt_events e where e.is_archived = false and not {AuditChain.GapMarkerSql}");
        var command = new NpgsqlCommand();
        void Where(string clause, object value)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
            sql.Append(" and ").Append(clause.Replace("@p", "$" + command.Parameters.Count));
        }
        if (streams is not null) Where("stream_id = any(@p)", streams.ToArray());
        if (filter.UnitId is { } unit)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = unit });
            command.Parameters.Add(new NpgsqlParameter { Value = unit.ToString() });
            var (id, text) = ("$" + (command.Parameters.Count - 1), "$" + command.Parameters.Count);
            // An explanation request names the units it asks (UnitIds): it concerns each of them.
            sql.Append($" and (stream_id = {id} or headers->>'unit' = {text} or data->>'UnitId' = {text} or jsonb_exists(coalesce(data->'UnitIds', '[]'::jsonb), {text}))");
        }
        if (!string.IsNullOrWhiteSpace(filter.User)) Where("user_name = @p", filter.User);
        if (!string.IsNullOrWhiteSpace(filter.EventType)) Where("type = @p", EventTypeAlias(filter.EventType));
        if (filter.From is { } from) Where("timestamp >= @p", from.ToUniversalTime());
        if (filter.To is { } to) Where("timestamp <= @p", to.ToUniversalTime());
        if (filter.After is { } after) Where("seq_id > @p", after);
        command.Parameters.Add(new NpgsqlParameter { Value = filter.Limit + 1 });
        sql.Append(" order by seq_id limit $").Append(command.Parameters.Count);

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        command.Connection = connection;
        command.CommandText = sql.ToString();
        var sequences = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) sequences.Add(reader.GetInt64(0));

        var page = sequences.Take(filter.Limit).ToArray();
        var events = page.Length == 0
            ? []
            : await session.Events.QueryAllRawEvents().Where(e => e.Sequence.IsOneOf(page)).OrderBy(e => e.Sequence).ToListAsync(ct);
        return new AuditPage(events.Select(AuditEntry.From).ToList(), sequences.Count > filter.Limit ? page[^1] : null);
    }

    /// <summary>Marten stores "ProgressReported" as "progress_reported"; either spelling is accepted.</summary>
    public static string EventTypeAlias(string name) =>
        name.Contains('_') ? name : string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
