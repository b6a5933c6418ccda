using System.Text;
using Marten;
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
public sealed class AuditQuery
{
    public const int MaxLimit = 1000;

    /// <param name="withPosition">Also count where the page stands in the feed (a reader's page); the export, walking it all, does not.</param>
    public async Task<AuditPage> PageAsync(IQuerySession session, AuditFilter filter, CancellationToken ct, bool withPosition = true)
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

        var where = new StringBuilder($"e.is_archived = false and not {AuditChain.GapMarkerSql}");
        var parameters = new List<object>();
        void Where(string clause, params object[] values)
        {
            var text = clause;
            for (var i = values.Length - 1; i >= 0; i--) text = text.Replace("@p" + i, "$" + (parameters.Count + i + 1));
            parameters.AddRange(values);
            where.Append(" and ").Append(text);
        }
        if (streams is not null) Where("stream_id = any(@p0)", streams.ToArray());
        // An explanation request names the units it asks (UnitIds): it concerns each of them.
        if (filter.UnitId is { } unit)
            Where("(stream_id = @p0 or headers->>'unit' = @p1 or data->>'UnitId' = @p1 or jsonb_exists(coalesce(data->'UnitIds', '[]'::jsonb), @p1))",
                unit, unit.ToString());
        if (!string.IsNullOrWhiteSpace(filter.User)) Where("user_name = @p0", filter.User);
        if (!string.IsNullOrWhiteSpace(filter.EventType)) Where("type = @p0", EventTypeAlias(filter.EventType));
        if (filter.From is { } from) Where("timestamp >= @p0", from.ToUniversalTime());
        if (filter.To is { } to) Where("timestamp <= @p0", to.ToUniversalTime());

        await using var connection = session.Database.CreateConnection();
        await connection.OpenAsync(ct);
        NpgsqlCommand Command(string sql, params object[] more)
        {
            var command = new NpgsqlCommand(sql, connection);
            foreach (var value in parameters.Concat(more)) command.Parameters.Add(new NpgsqlParameter { Value = value });
            return command;
        }

        var next = parameters.Count + 1;
        var sequences = new List<long>();
        await using (var command = Command($"select e.seq_id from monitoring.mt_events e where {where} and e.seq_id > ${next} order by e.seq_id limit ${next + 1}",
                         filter.After ?? 0L, filter.Limit + 1))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) sequences.Add(reader.GetInt64(0));

        // Where the page stands in the filtered feed: how many entries match, how many come before the cursor, and the
        // cursor that shows the page before this one (null when that is the first page).
        long total = 0, before = 0;
        long? previous = null;
        if (withPosition)
        {
            await using var command = Command($"""
                with matching as (select e.seq_id from monitoring.mt_events e where {where})
                select (select count(*) from matching), (select count(*) from matching where seq_id <= ${next}),
                       (select seq_id from matching where seq_id <= ${next} order by seq_id desc offset ${next + 1} limit 1)
                """, filter.After ?? 0L, filter.Limit);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            (total, before, previous) = (reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2));
        }

        var page = sequences.Take(filter.Limit).ToArray();
        var events = page.Length == 0
            ? []
            : await session.Events.QueryAllRawEvents().Where(e => e.Sequence.IsOneOf(page)).OrderBy(e => e.Sequence).ToListAsync(ct);
        return new AuditPage(events.Select(AuditEntry.From).ToList(), sequences.Count > filter.Limit ? page[^1] : null, total, before, previous);
    }

    /// <summary>Marten stores "ProgressReported" as "progress_reported"; either spelling is accepted.</summary>
    public static string EventTypeAlias(string name) =>
        name.Contains('_') ? name : string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
