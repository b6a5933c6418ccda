using JasperFx.OpenTelemetry;
using Marten;
using Monitoring.Api.Infrastructure.Operations;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Monitoring.Api.Infrastructure;

/// <summary>
/// Issue 18, operability. Metrics of ASP.NET Core, HttpClient, the runtime, Npgsql, Marten (meter <c>Marten</c>: connections
/// and appended events), Wolverine (meter <c>Wolverine:*</c>) and the service's own (<see cref="MonitoringMetrics"/>), always
/// on <c>/metrics</c> (Prometheus text, pulled: no background work) for the callers <see cref="MetricsAccess"/> allows.
/// Traces (ASP.NET Core, HttpClient, Npgsql, sources <c>Marten</c> and <c>Wolverine</c>) and metrics are exported over OTLP
/// only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (environment or configuration); otherwise no trace is even collected
/// and no exporter runs. The standard <c>OTEL_*</c> variables (protocol, headers, service name) apply.
/// </summary>
public static class Telemetry
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string MetricsPath = "/metrics";

    public static bool OtlpConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);

    public static WebApplicationBuilder AddMonitoringTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var otlp = OtlpConfigured(builder.Configuration);
        services.Configure<MetricsOptions>(builder.Configuration.GetSection(MetricsOptions.Section));
        services.AddSingleton<MonitoringMetrics>();
        services.ConfigureMarten(options =>
        {
            options.OpenTelemetry.TrackConnections = TrackLevel.Normal;
            options.OpenTelemetry.TrackEventCounters();
        });

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "monitoring-api"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(MonitoringMetrics.MeterName, "Marten*", "Wolverine*")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    // Each scrape reads the current values (the default caches an answer for 300 ms).
                    .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp) metrics.AddOtlpExporter();
            });
        if (otlp)
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context =>
                    !context.Request.Path.StartsWithSegments(MetricsPath) && !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("Marten", "Wolverine")
                .AddOtlpExporter());
        return builder;
    }

    /// <summary><c>/metrics</c> behind its access rule, then the counting of every <c>/api</c> answer.</summary>
    public static WebApplication UseMonitoringTelemetry(this WebApplication app)
    {
        // The meter provider first, so that it listens when the metrics start their series at 0.
        app.Services.GetService<MeterProvider>();
        app.Services.GetRequiredService<MonitoringMetrics>();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider: null, predicate: null, path: MetricsPath,
            configureBranchedPipeline: branch => branch.UseMiddleware<MetricsAccess>(), optionsName: null);
        app.UseMiddleware<ApiResponseCounting>();
        return app;
    }
}
