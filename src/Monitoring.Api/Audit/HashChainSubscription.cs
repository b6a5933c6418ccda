using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using System.Collections.Concurrent;
using Npgsql;

namespace Monitoring.Api.Audit;

/// <summary>
/// Links the events into the chain in sequence order. It runs in Marten's async daemon (HotCold mode: on the one node
/// holding the daemon's advisory lock), which hands it pages only once every lower sequence is committed, so no in-flight
/// transaction is ever skipped. A node that takes the daemon over starts from the chain's head as stored (the cached head
/// is read again whenever a page does not start where the last one ended), and a link is keyed by the event's sequence.
/// Each province's database has its own record, so its own chain: the daemon runs this once per database, and the
/// cached head is kept per database.
/// </summary>
public sealed class HashChainSubscription : SubscriptionBase
{
    private readonly ConcurrentDictionary<string, (long Sequence, string Hash)> _heads = new();

    public HashChainSubscription()
    {
        Name = "audit_hash_chain";
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken ct)
    {
        var database = operations.Database;
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);

        if (!_heads.TryGetValue(database.Identifier, out var head) || head.Sequence != page.SequenceFloor)
            head = await HeadAsync(connection, ct);
        var lastHash = head.Hash;

        await using var command = new NpgsqlCommand(
            $"select e.seq_id, e.id, {AuditChain.ContentSql} from {Schema}.mt_events e " +
            $"where e.seq_id > $1 and e.seq_id <= $2 and not exists (select 1 from {Schema}.{AuditChain.Table} c where c.seq_id = e.seq_id) order by e.seq_id",
            connection) { Parameters = { new() { Value = page.SequenceFloor }, new() { Value = page.SequenceCeiling } } };
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var sequence = reader.GetInt64(0);
            var hash = AuditChain.Link(lastHash, reader.GetString(2));
            operations.QueueSqlCommand($"insert into {Schema}.{AuditChain.Table} (seq_id, event_id, previous_hash, hash) values (?, ?, ?, ?)",
                sequence, reader.GetGuid(1), lastHash, hash);
            lastHash = hash;
        }
        _heads[database.Identifier] = (page.SequenceCeiling, lastHash);
        return NullChangeListener.Instance;
    }

    private const string Schema = Infrastructure.MartenSetup.Schema;

    public static async Task<(long Sequence, string Hash)> HeadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var head = new NpgsqlCommand($"select seq_id, hash from {Schema}.{AuditChain.Table} order by seq_id desc limit 1", connection);
        await using var reader = await head.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditChain.Genesis);
    }
}
