using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Monitoring.Api.Infrastructure.Database;

/// <summary>Ready when the national database and every province's database answer.</summary>
public sealed class DatabaseHealthCheck(MonitoringDatabase database, IDocumentStore store, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var current = "national";
        try
        {
            await using (var connection = new NpgsqlConnection(database.ConnectionString))
                await SelectOneAsync(connection, ct);
            if (services.GetService<Provinces.ProvinceRegistry>() is not { Ready: true })
                return HealthCheckResult.Unhealthy("Starting: the provinces' databases are being prepared");
            foreach (var province in await store.Storage.AllDatabases())
            {
                current = province.Identifier;
                await using var connection = province.CreateConnection();
                await SelectOneAsync(connection, ct);
            }
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            DatabaseUnavailable.ForgetPooledConnections(services);
            return HealthCheckResult.Unhealthy($"PostgreSQL does not answer ({current} database): {e.Message}", e);
        }
    }

    private static async Task SelectOneAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("select 1", connection);
        await command.ExecuteScalarAsync(ct);
    }
}
