using Npgsql;

namespace Monitoring.Benchmarks;

/// <summary>Rows written per table (inserts + updates + deletes, from <c>pg_stat_user_tables</c>) between two readings.</summary>
public static class RowCounts
{
    public static async Task<Dictionary<string, long>> ReadAsync(string connectionString)
    {
        // Backends report their counts when a transaction ends, flushed within about a second: wait for the last ones.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select schemaname || '.' || relname, n_tup_ins + n_tup_upd + n_tup_del from pg_stat_user_tables", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, long>();
        while (await reader.ReadAsync()) rows[reader.GetString(0)] = reader.GetInt64(1);
        return rows;
    }

    /// <summary>Per table, rows written between the readings, divided by <paramref name="per"/>; largest first, tables with none left out.</summary>
    public static IReadOnlyList<(string Table, double PerItem)> Between(Dictionary<string, long> before, Dictionary<string, long> after, long per) =>
        after.Select(a => (Table: a.Key, Rows: a.Value - before.GetValueOrDefault(a.Key)))
            .Where(x => x.Rows > 0)
            .OrderByDescending(x => x.Rows)
            .Select(x => (x.Table, (double)x.Rows / Math.Max(1, per)))
            .ToList();
}
