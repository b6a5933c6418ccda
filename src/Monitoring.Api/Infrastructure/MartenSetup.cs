using JasperFx.Events.Daemon;
using Marten;
using Monitoring.Api.Infrastructure.Database;
using Weasel.Core;
using Wolverine.Marten;

namespace Monitoring.Api.Infrastructure;

public static class MartenSetup
{
    public const string Schema = "monitoring";
    public const string WolverineSchema = "wolverine";

    /// <summary>
    /// Event store and documents in PostgreSQL. Projections are inline; any async projection runs under the
    /// daemon in Solo mode, because HotCold needs the advisory-lock library this registry does not serve (nuget.config).
    /// </summary>
    public static IServiceCollection AddMonitoringMarten(this IServiceCollection services)
    {
        services.AddMarten(sp =>
            {
                var options = new StoreOptions();
                options.Connection(sp.GetRequiredService<MonitoringDatabase>().ConnectionString);
                options.DatabaseSchemaName = Schema;
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
                // EnableAll() leaves the user name off in Marten 9.58, so each field is switched on by name.
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Events.MetadataConfig.CausationIdEnabled = true;
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.Events.MetadataConfig.UserNameEnabled = true;
                return options;
            })
            .UseLightweightSessions()
            .IntegrateWithWolverine(integration => integration.MessageStorageSchemaName = WolverineSchema)
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(DaemonMode.Solo);
        return services;
    }
}
