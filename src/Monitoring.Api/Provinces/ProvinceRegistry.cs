using System.Collections.Concurrent;
using Marten;
using Marten.Storage;
using Monitoring.Api.Infrastructure.Database;
using Npgsql;

namespace Monitoring.Api.Provinces;

public sealed record Province(string Code, string Name, DateTimeOffset AddedAt, string AddedBy);

/// <summary>
/// The provinces this deployment serves, in the national database: each one's code and name beside Marten's own tenant
/// table (code → connection string). Adding one creates its database (on the national database's server unless another
/// is given), registers it with Marten, builds its schema and the record's append-only rule, all without a restart;
/// every node finds it on its next request for that province.
/// </summary>
public sealed class ProvinceRegistry(MonitoringDatabase national, IDocumentStore store, ILogger<ProvinceRegistry> logger)
{
    public const string TenancySchema = "tenants";
    private const string Table = $"{TenancySchema}.monitoring_province";
    private readonly ConcurrentDictionary<string, Province> _known = new();

    public MasterTableTenancy Tenancy => (MasterTableTenancy)store.Options.Tenancy;

    public static string DatabaseNameFor(string nationalConnectionString, string code) =>
        $"{new NpgsqlConnectionStringBuilder(nationalConnectionString).Database}_{code.Replace('-', '_')}";

    /// <summary>Where a province's database is when none is named: beside the national one, on the same server.</summary>
    public static string ConnectionStringFor(string nationalConnectionString, string code) =>
        new NpgsqlConnectionStringBuilder(nationalConnectionString) { Database = DatabaseNameFor(nationalConnectionString, code), ApplicationName = null }
            .ConnectionString;

    public async Task EnsureSchemaAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(national.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"""
            create schema if not exists {TenancySchema};
            create table if not exists {Table} (
              code text primary key, name text not null,
              added_at timestamp with time zone not null default now(), added_by text not null);
            """, connection);
        try { await command.ExecuteNonQueryAsync(ct); }
        // Two nodes starting together may both create it.
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateObject) { }
    }

    public async Task<IReadOnlyList<Province>> AllAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(national.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select code, name, added_at, added_by from {Table} order by code", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var all = new List<Province>();
        while (await reader.ReadAsync(ct))
            all.Add(new Province(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3)));
        foreach (var province in all) _known[province.Code] = province;
        return all;
    }

    /// <summary>A province once registered stays so; one not known here is looked up again (another node may have added it).</summary>
    public async ValueTask<Province?> FindAsync(string code, CancellationToken ct)
    {
        if (_known.TryGetValue(code, out var known)) return known;
        if (!ProvinceOptions.IsValidCode(code)) return null;
        return (await AllAsync(ct)).FirstOrDefault(p => p.Code == code);
    }

    /// <returns>The province and whether this call added it (false: it was there already, nothing changed).</returns>
    public async Task<(Province Province, bool Added)> AddAsync(string code, string name, string? connectionString, string by, CancellationToken ct)
    {
        if (await FindAsync(code, ct) is { } existing) return (existing, false);

        var database = connectionString ?? ConnectionStringFor(national.ConnectionString, code);
        if (connectionString is null) await CreateDatabaseIfMissingAsync(new NpgsqlConnectionStringBuilder(database).Database!, ct);
        await Tenancy.AddDatabaseRecordAsync(code, database);
        await PrepareAsync(code, ct);

        await using (var connection = new NpgsqlConnection(national.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var insert = new NpgsqlCommand($"insert into {Table} (code, name, added_by) values ($1, $2, $3) on conflict (code) do nothing", connection)
            {
                Parameters = { new() { Value = code }, new() { Value = name }, new() { Value = by } },
            };
            await insert.ExecuteNonQueryAsync(ct);
        }
        logger.LogInformation("Province {Code} ({Name}) added by {By}", code, name, by);
        var added = await FindAsync(code, ct) ?? throw new InvalidOperationException($"Province {code} was not recorded");
        return (added, true);
    }

    /// <summary>The province's schema as configured, and the database rule that keeps its record append-only.</summary>
    public async Task PrepareAsync(string code, CancellationToken ct)
    {
        var database = await store.Storage.FindOrCreateDatabase(code);
        await database.ApplyAllConfiguredChangesToDatabaseAsync();
        await Audit.AuditSchema.InstallAsync(database, ct);
    }

    private async Task CreateDatabaseIfMissingAsync(string name, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(national.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection) { Parameters = { new() { Value = name } } })
            if (await exists.ExecuteScalarAsync(ct) is not null) return;
        await using var create = new NpgsqlCommand($"create database \"{name}\"", connection);
        try { await create.ExecuteNonQueryAsync(ct); }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation) { }
    }
}
