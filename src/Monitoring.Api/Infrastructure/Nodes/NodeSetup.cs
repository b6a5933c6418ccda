using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Monitoring.Api.Infrastructure.Nodes;

/// <summary>
/// What lets several nodes serve one database (README, Deployment): one data-protection key ring in the database, and a stop
/// that leaves the load balancer first (readiness 503), then drains the requests in flight.
/// </summary>
public static class NodeSetup
{
    public const string ApplicationName = "monitoring";

    public static IServiceCollection AddMonitoringNodes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<SharedKeyRing>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((options, sp) => options.XmlRepository = sp.GetRequiredService<SharedKeyRing>());

        var shutdown = configuration.GetSection(ShutdownOptions.Section).Get<ShutdownOptions>() ?? new ShutdownOptions();
        services.AddSingleton(shutdown);
        services.AddSingleton<NodeState>();
        services.AddHostedService<ShutdownDrain>();
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(shutdown.ReadinessDrainSeconds + shutdown.TimeoutSeconds));
        // Tagged "ready" like the database check (HealthEndpoints): /health/ready is 503 from SIGTERM on.
        services.AddHealthChecks().AddCheck<DrainingHealthCheck>("shutdown", tags: ["ready"]);
        return services;
    }
}
