using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Monitoring.Api.Infrastructure.Database;

public sealed class DatabaseHealthCheck(MonitoringDatabase database, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            DatabaseUnavailable.ForgetPooledConnections(services);
            return HealthCheckResult.Unhealthy($"PostgreSQL does not answer: {e.Message}", e);
        }
    }
}
