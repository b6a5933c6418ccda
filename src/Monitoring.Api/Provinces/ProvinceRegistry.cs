using Polly;
using Polly.Retry;
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
public sealed class ProvinceRegistry(MonitoringDatabase national, IDocumentStore store, IServiceProvider services, ILogger<ProvinceRegistry> logger)
{
    public const string TenancySchema = "tenants";
    private const string Table = $"{TenancySchema}.monitoring_province";
    private readonly ConcurrentDictionary<string, Province> _known = new();

    /// <summary>Schema changes are idempotent; two made at the same moment (two nodes, or the daemon and this) collide and are tried again.</summary>
    private readonly ResiliencePipeline _schemaCollisions = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Marten.Exceptions.MartenSchemaException>(),
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(250),
            BackoffType = DelayBackoffType.Linear,
            OnRetry = retry =>
            {
                logger.LogInformation("A schema change collided ({Message}); trying again", retry.Outcome.Exception?.InnerException?.Message);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

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
              added_at timestamp with time zone not null default now(), added_by text not null,
              beside_national boolean not null default true);
            """, connection);
        try { await command.ExecuteNonQueryAsync(ct); }
        // Two nodes starting together may both create it.
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateObject) { }
        await PointBesideNationalAsync(connection, ct);
        // Marten's own table of tenants (made by Marten on first use), read once the rows above are right: Marten keeps
        // each province's connection once it has read it. Two nodes starting together on a new national database may make
        // it at the same moment: the change is idempotent, so a collision is tried again.
        await _schemaCollisions.ExecuteAsync(async _ => await Tenancy.BuildDatabases(), ct);
    }

    /// <summary>Set once the provinces are prepared at start: what reads every province (metrics, readiness) waits for it.</summary>
    public bool Ready { get; private set; }

    public void MarkReady() => Ready = true;

    /// <summary>
    /// A province whose database is beside the national one is found where the national one is now: its server's address
    /// and credentials come from this node's configuration (the embedded cluster, for one, listens on a new port each start).
    /// </summary>
    private async Task PointBesideNationalAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using (var exists = new NpgsqlCommand($"select to_regclass('{TenancySchema}.mt_tenant_databases') is not null", connection))
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return;
        var codes = new List<string>();
        await using (var command = new NpgsqlCommand($"select code from {Table} where beside_national", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) codes.Add(reader.GetString(0));
        foreach (var code in codes)
        {
            await using var update = new NpgsqlCommand($"update {TenancySchema}.mt_tenant_databases set connection_string = $1 where tenant_id = $2", connection)
            {
                Parameters = { new() { Value = ConnectionStringFor(national.ConnectionString, code) }, new() { Value = code } },
            };
            await update.ExecuteNonQueryAsync(ct);
        }
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
    /// <param name="withMessageTables">Also make Wolverine's tables in the new database now (not at start-up, where Wolverine makes
    /// them itself for every province it finds).</param>
    public async Task<(Province Province, bool Added)> AddAsync(string code, string name, string? connectionString, string by, CancellationToken ct,
        bool withMessageTables = true)
    {
        if (await FindAsync(code, ct) is { } existing) return (existing, false);

        var database = connectionString ?? ConnectionStringFor(national.ConnectionString, code);
        if (connectionString is null) await CreateDatabaseIfMissingAsync(new NpgsqlConnectionStringBuilder(database).Database!, ct);
        await Tenancy.AddDatabaseRecordAsync(code, database);
        await PrepareAsync(code, ct, withMessageTables);

        await using (var connection = new NpgsqlConnection(national.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var insert = new NpgsqlCommand(
                $"insert into {Table} (code, name, added_by, beside_national) values ($1, $2, $3, $4) on conflict (code) do nothing", connection)
            {
                Parameters = { new() { Value = code }, new() { Value = name }, new() { Value = by }, new() { Value = connectionString is null } },
            };
            await insert.ExecuteNonQueryAsync(ct);
        }
        logger.LogInformation("Province {Code} ({Name}) added by {By}", code, name, by);
        var added = await FindAsync(code, ct) ?? throw new InvalidOperationException($"Province {code} was not recorded");
        return (added, true);
    }

    /// <summary>
    /// The province's schema as configured, the database rule that keeps its record append-only, and Wolverine's message
    /// tables in it (its outbox, scheduled reminders and retries are there), which Wolverine would otherwise make only once
    /// it first sends a message of that province.
    /// </summary>
    public async Task PrepareAsync(string code, CancellationToken ct, bool withMessageTables = false)
    {
        var database = await store.Storage.FindOrCreateDatabase(code);
        // The async daemon, finding the new database, may be building the same tables at this moment: the changes are
        // idempotent, so a collision is tried again.
        await _schemaCollisions.ExecuteAsync(async _ => await database.ApplyAllConfiguredChangesToDatabaseAsync(), ct);
        await Audit.AuditSchema.InstallAsync(database, ct);
        if (withMessageTables && services.GetService<Wolverine.Runtime.IWolverineRuntime>()?.Storage is Wolverine.Persistence.Durability.MultiTenantedMessageStore messages)
            await (await messages.Source.FindAsync(code)).Admin.MigrateAsync();
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
