using Marten;
using Marten.Schema;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Monitoring.Api.Audit;

/// <summary>
/// The chain's table (created with Marten's own schema) and the database rule that makes the record append-only:
/// no UPDATE, DELETE or TRUNCATE of events or chain links, whoever asks, short of disabling the triggers.
/// </summary>
public static class AuditSchema
{
    private const string Schema = Infrastructure.MartenSetup.Schema;

    public static Table ChainTable()
    {
#pragma warning disable CS0618 // the replacement constructor's IdentifierUsage is undocumented in Weasel 9.49; this one still works.
        var table = new Table(new PostgresqlObjectName(Schema, AuditChain.Table));
#pragma warning restore CS0618
        table.AddColumn("seq_id", "bigint").AsPrimaryKey();
        table.AddColumn("event_id", "uuid").NotNull();
        table.AddColumn("previous_hash", "varchar(64)").NotNull();
        table.AddColumn("hash", "varchar(64)").NotNull();
        table.AddColumn("linked_at", "timestamp with time zone").NotNull().DefaultValueByExpression("now()");
        return table;
    }

    public const string AppendOnlySql = $"""
        create or replace function {Schema}.mt_refuse_change() returns trigger language plpgsql as $$
        begin
          raise exception 'the record is append-only: % on %.% is refused', tg_op, tg_table_schema, tg_table_name using errcode = '42501';
        end $$;
        drop trigger if exists mt_events_append_only on {Schema}.mt_events;
        create trigger mt_events_append_only before update or delete on {Schema}.mt_events for each row execute function {Schema}.mt_refuse_change();
        drop trigger if exists mt_events_no_truncate on {Schema}.mt_events;
        create trigger mt_events_no_truncate before truncate on {Schema}.mt_events for each statement execute function {Schema}.mt_refuse_change();
        drop trigger if exists mt_audit_chain_append_only on {Schema}.{AuditChain.Table};
        create trigger mt_audit_chain_append_only before update or delete on {Schema}.{AuditChain.Table} for each row execute function {Schema}.mt_refuse_change();
        drop trigger if exists mt_audit_chain_no_truncate on {Schema}.{AuditChain.Table};
        create trigger mt_audit_chain_no_truncate before truncate on {Schema}.{AuditChain.Table} for each statement execute function {Schema}.mt_refuse_change();
        """;

    /// <summary>In one province's database (each has its own record and chain).</summary>
    public static async Task InstallAsync(Marten.Storage.IMartenDatabase database, CancellationToken ct)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(AppendOnlySql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
