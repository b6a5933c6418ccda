using System.Globalization;
using System.Net;
using Alba;
using Monitoring.Api.Infrastructure.Operations;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Operations;

/// <summary>Issue 18: <c>/metrics</c> carries the service's own figures, and only for callers on the machine or an allowed network.</summary>
public class MetricsEndpointTests(MetricsEndpointTests.World app) : IClassFixture<MetricsEndpointTests.World>
{
    public sealed class World : AppFixture
    {
        protected override void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
            builder.UseSetting("Metrics:AllowedNetworks:0", "10.20.0.0/16");
    }

    private async Task<string> ScrapeAsync(IPAddress from, int status = 200, string? forwardedFor = null)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/metrics");
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = from);
            if (forwardedFor is not null) s.WithRequestHeader("X-Forwarded-For", forwardedFor);
            s.StatusCodeShouldBe(status);
        });
        return await result.ReadAsTextAsync();
    }

    /// <summary>The sum of a metric's samples whose labels contain every given <c>name="value"</c>.</summary>
    private static double Value(string exposition, string metric, params string[] labels) =>
        exposition.Split('\n')
            .Where(l => l.StartsWith(metric + "{") || l.StartsWith(metric + " "))
            .Where(l => labels.All(l.Contains))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    private static bool Has(string exposition, string metric) => exposition.Split('\n').Any(l => l.StartsWith(metric + "{") || l.StartsWith(metric + " "));

    [Fact]
    public async Task A_recorded_report_a_conflict_and_a_bad_request_move_their_metrics_and_the_chain_lag_is_there()
    {
        var lead = await app.RegisterUnitAsync($"M-{Guid.NewGuid():N}"[..20]);
        var coop = await app.RegisterUnitAsync($"N-{Guid.NewGuid():N}"[..20]);
        var targets = (await app.PostAsync("/api/resolutions", SeedData.BorderConclusion("918-KL/TU", lead, coop), 201))
            .GetProperty("targetIds").EnumerateArray().Select(e => e.GetGuid()).ToArray();

        var before = await ScrapeAsync(IPAddress.Loopback);
        foreach (var metric in new[] { "monitoring_reports_recorded_total", "monitoring_api_conflicts_total", "monitoring_chain_pending_events",
                     "monitoring_notifications_attempts_failed_total", "monitoring_notifications_deliveries_failed_total" })
            Has(before, metric).ShouldBeTrue($"{metric} is missing from /metrics:\n{before}");

        await app.PostAsync("/api/reports", new { unitId = lead, period = "2023-H1", figures = new[] { new { targetId = targets[0], value = 11, stage = "Estimate" } } }, 201);
        await app.PostAsync("/api/reports", new { unitId = lead, period = "2023-H1",
            figures = new[] { new { targetId = targets[0], value = 12, stage = "Estimate", expectedVersion = 99 } } }, 409);
        await app.PostAsync("/api/reports", new { unitId = lead, period = "not a period" }, 400);

        // An answer is counted once its request has completed, which a client may see a moment after its status: a scraper
        // polls, so does this test (up to 10 s).
        bool Counted(string now) =>
            Value(now, "monitoring_reports_recorded_total", "kind=\"direct\"") >= Value(before, "monitoring_reports_recorded_total", "kind=\"direct\"") + 1
            && Value(now, "monitoring_api_conflicts_total") >= Value(before, "monitoring_api_conflicts_total") + 1
            && Value(now, "monitoring_api_rejections_total", "status=\"400\"") >= Value(before, "monitoring_api_rejections_total", "status=\"400\"") + 1;
        var after = await ScrapeAsync(IPAddress.Loopback);
        for (var waited = 0; !Counted(after) && waited < 50; waited++)
        {
            await Task.Delay(200);
            after = await ScrapeAsync(IPAddress.Loopback);
        }
        Value(after, "monitoring_reports_recorded_total", "kind=\"direct\"").ShouldBeGreaterThanOrEqualTo(Value(before, "monitoring_reports_recorded_total", "kind=\"direct\"") + 1);
        Value(after, "monitoring_api_conflicts_total").ShouldBeGreaterThanOrEqualTo(Value(before, "monitoring_api_conflicts_total") + 1);
        Value(after, "monitoring_api_rejections_total", "status=\"409\"").ShouldBeGreaterThanOrEqualTo(Value(before, "monitoring_api_rejections_total", "status=\"409\"") + 1);
        Value(after, "monitoring_api_rejections_total", "status=\"400\"").ShouldBeGreaterThanOrEqualTo(Value(before, "monitoring_api_rejections_total", "status=\"400\"") + 1);
        Has(after, "monitoring_chain_pending_events").ShouldBeTrue();
        Value(after, "monitoring_chain_pending_events").ShouldBeGreaterThanOrEqualTo(0);
        // The libraries' own metrics come along: ASP.NET Core's request durations (recorded once a response has completed),
        // Npgsql's, Wolverine's.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Has(after, "http_server_request_duration_seconds_count") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            after = await ScrapeAsync(IPAddress.Loopback);
        }
        Has(after, "http_server_request_duration_seconds_count").ShouldBeTrue();
        after.ShouldContain("otel_scope_name=\"Npgsql\"");
        after.ShouldContain("otel_scope_name=\"Wolverine:");
    }

    [Fact]
    public async Task The_chain_lag_counts_the_events_not_yet_linked()
    {
        // The async daemon links the chain shortly after each append: the lag comes back to zero.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        double lag;
        do
        {
            lag = Value(await ScrapeAsync(IPAddress.Loopback), "monitoring_chain_pending_events");
            if (lag == 0) break;
            await Task.Delay(250);
        } while (DateTime.UtcNow < deadline);
        lag.ShouldBe(0);
    }

    [Fact]
    public async Task Metrics_answer_loopback_and_the_allowed_network_only_and_never_a_forwarded_request()
    {
        await ScrapeAsync(IPAddress.Loopback);
        await ScrapeAsync(IPAddress.IPv6Loopback);
        await ScrapeAsync(IPAddress.Parse("10.20.3.4"));
        (await ScrapeAsync(IPAddress.Parse("10.21.3.4"), 404)).ShouldBeEmpty();
        (await ScrapeAsync(IPAddress.Parse("203.0.113.5"), 404)).ShouldBeEmpty();
        // A reverse proxy on the same machine connects from loopback: what it forwards is refused.
        (await ScrapeAsync(IPAddress.Loopback, 404, forwardedFor: "203.0.113.5")).ShouldBeEmpty();
        // No token is needed from an allowed address, and the API is not opened by the way.
        await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/units");
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = IPAddress.Loopback);
            s.StatusCodeShouldBe(401);
        });
    }

    [Fact]
    public void A_network_that_is_not_CIDR_stops_the_start()
    {
        Should.Throw<Monitoring.Api.Infrastructure.StartupConfigurationException>(() =>
            new MetricsAccess(_ => Task.CompletedTask, Microsoft.Extensions.Options.Options.Create(new MetricsOptions { AllowedNetworks = ["10.0.0.0/33"] })));
    }

    [Fact]
    public void Without_an_OTLP_endpoint_no_trace_is_collected_and_nothing_is_exported()
    {
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetService<OpenTelemetry.Trace.TracerProvider>(app.Host.Services).ShouldBeNull();
        var exporters = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetServices<Microsoft.Extensions.Options.IConfigureOptions<OpenTelemetry.Exporter.OtlpExporterOptions>>(app.Host.Services);
        exporters.ShouldBeEmpty();
    }
}
