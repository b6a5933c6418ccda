using Npgsql;

namespace Monitoring.Api.Audit;

public sealed record ChainBreak(long Sequence, Guid? EventId, string Problem, string Explanation);

/// <summary>
/// What <c>GET /api/audit/verify</c> answers: OK with the count of events checked (the facts the audit feed lists),
/// the gap markers checked beside them, and the head hash; or the first break.
/// </summary>
public sealed record ChainVerification(bool Ok, long EventsChecked, long GapMarkersChecked, long HeadSequence, string HeadHash, long PendingEvents,
    ChainBreak? FirstBreak);

/// <summary>Walks the events and the chain together in sequence order, recomputing every link and checking every seal.</summary>
public sealed class ChainVerifier(IConfiguration configuration)
{
    private const string Schema = Infrastructure.MartenSetup.Schema;
    private readonly byte[] _sealKey = AuditOptions.ResolveKey(configuration);

    /// <param name="recordedBy">Only the events recorded by then (and their links): the head the chain had reached for them,
    /// which is what a checkpoint printed that day says.</param>
    /// <param name="database">The province's database: its record and its chain.</param>
    public async Task<ChainVerification> VerifyAsync(Marten.Storage.IMartenDatabase database, CancellationToken ct, DateTimeOffset? recordedBy = null)
    {
        await using var connection = database.CreateConnection();
        return await VerifyAsync(connection, ct, recordedBy);
    }

    /// <summary>The same walk over the given connection (a session's database: <c>session.Database.CreateConnection()</c>).</summary>
    public async Task<ChainVerification> VerifyAsync(NpgsqlConnection connection, CancellationToken ct, DateTimeOffset? recordedBy = null)
    {
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        var lastSequence = long.MaxValue;
        if (recordedBy is { } until)
        {
            await using var last = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {Schema}.mt_events where timestamp <= @until", connection);
            last.Parameters.AddWithValue("until", until);
            lastSequence = (long)(await last.ExecuteScalarAsync(ct))!;
        }
        await using var command = new NpgsqlCommand($"""
            select coalesce(e.seq_id, c.seq_id), e.id, e.stream_id, e.type, e.headers ->> '{AuditChain.SealHeader}',
                   case when e.seq_id is null then null else {AuditChain.ContentSql} end,
                   c.event_id, c.previous_hash, c.hash,
                   coalesce({AuditChain.GapMarkerSql}, false)
            from {Schema}.mt_events e
            full outer join {Schema}.{AuditChain.Table} c on c.seq_id = e.seq_id
            where coalesce(e.seq_id, c.seq_id) <= @last
            order by 1
            """, connection);
        command.Parameters.AddWithValue("last", lastSequence);
        await using var reader = await command.ExecuteReaderAsync(ct);

        long checkedCount = 0, markers = 0, pending = 0, headSequence = 0;
        var head = AuditChain.Genesis;
        var chainEnded = false;
        ChainBreak? broken = null;
        while (await reader.ReadAsync(ct))
        {
            var sequence = reader.GetInt64(0);
            Guid? eventId = reader.IsDBNull(1) ? null : reader.GetGuid(1);
            var linked = !reader.IsDBNull(6);

            if (eventId is null)
            {
                broken ??= new ChainBreak(sequence, reader.GetGuid(6), "event-missing",
                    "Sự kiện đã được liên kết vào chuỗi nhưng không còn trong kho (đã bị xóa).");
                break;
            }
            var gapMarker = reader.GetBoolean(9);
            if (!gapMarker && !SealIsValid(reader, eventId.Value))
            {
                broken ??= new ChainBreak(sequence, eventId, "seal-invalid",
                    "Sự kiện không mang dấu niêm phong hợp lệ của hệ thống (được ghi thẳng vào cơ sở dữ liệu hoặc đã bị sửa).");
                break;
            }
            if (!linked)
            {
                // Events after the chain's head are simply not linked yet; a gap inside the chain is an insertion.
                chainEnded = true;
                pending++;
                continue;
            }
            if (chainEnded)
            {
                broken = new ChainBreak(sequence, eventId, "event-inserted",
                    "Có sự kiện chưa được liên kết nằm trước sự kiện này trong chuỗi (sự kiện được chèn thêm).");
                break;
            }
            if (reader.GetGuid(6) != eventId)
            {
                broken = new ChainBreak(sequence, eventId, "event-replaced", "Sự kiện ở vị trí này không phải sự kiện đã được liên kết.");
                break;
            }
            if (reader.GetString(7) != head)
            {
                broken = new ChainBreak(sequence, eventId, "link-altered", "Mắt xích không nối với mắt xích trước (chuỗi đã bị sửa hoặc sắp xếp lại).");
                break;
            }
            var hash = AuditChain.Link(head, reader.GetString(5));
            if (hash != reader.GetString(8))
            {
                broken = new ChainBreak(sequence, eventId, "content-changed",
                    "Nội dung, siêu dữ liệu hoặc thứ tự của sự kiện khác với lúc được liên kết.");
                break;
            }
            head = hash;
            headSequence = sequence;
            if (gapMarker) markers++;
            else checkedCount++;
        }
        return new ChainVerification(broken is null, checkedCount, markers, headSequence, head, pending, broken);
    }

    private bool SealIsValid(NpgsqlDataReader reader, Guid eventId) =>
        !reader.IsDBNull(4) && reader.GetString(4) == AuditChain.Seal(_sealKey, eventId, reader.GetGuid(2), reader.GetString(3));
}
