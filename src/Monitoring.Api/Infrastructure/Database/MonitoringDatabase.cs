using Microsoft.Extensions.Options;

namespace Monitoring.Api.Infrastructure.Database;

/// <summary>
/// The database the service uses: the one named by <c>ConnectionStrings:Monitoring</c>, or else a private cluster it
/// starts itself and stops when the service stops (the container disposes this singleton).
/// </summary>
public sealed class MonitoringDatabase : IAsyncDisposable
{
    public const string ConnectionStringName = "Monitoring";

    public string ConnectionString { get; }
    public EmbeddedPostgresCluster? Embedded { get; }

    private MonitoringDatabase(string connectionString, EmbeddedPostgresCluster? embedded)
    {
        ConnectionString = connectionString;
        Embedded = embedded;
    }

    public static MonitoringDatabase Open(IConfiguration configuration, EmbeddedPostgresOptions options, ILogger logger)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            logger.LogInformation("Using the external PostgreSQL database from ConnectionStrings:{Name}", ConnectionStringName);
            return new MonitoringDatabase(configured, null);
        }

        // DI factories are synchronous; this runs once, at start-up, before anything can be served.
        var cluster = EmbeddedPostgresCluster.StartAsync(options, logger).GetAwaiter().GetResult();
        try
        {
            cluster.CreateDatabaseIfMissingAsync(options.Database).GetAwaiter().GetResult();
        }
        catch
        {
            cluster.StopAsync().GetAwaiter().GetResult();
            throw;
        }
        return new MonitoringDatabase(cluster.ConnectionString(options.Database), cluster);
    }

    public ValueTask DisposeAsync() => Embedded?.DisposeAsync() ?? ValueTask.CompletedTask;
}

public static class MonitoringDatabaseRegistration
{
    public static IServiceCollection AddMonitoringDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmbeddedPostgresOptions>(configuration.GetSection(EmbeddedPostgresOptions.Section));
        services.AddSingleton(sp => MonitoringDatabase.Open(
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IOptions<EmbeddedPostgresOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Monitoring.Database")));
        return services;
    }
}
