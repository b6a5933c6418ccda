using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Operations;

/// <summary>Issue 18: with an OTLP endpoint configured, the service (a real process) exports its traces and metrics there.</summary>
public class OtlpExportTests
{
    /// <summary>A stand-in collector: Kestrel on loopback, recording every OTLP/HTTP request it gets.</summary>
    private sealed class Collector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        public ConcurrentQueue<(string Path, string? ContentType, int Bytes)> Received { get; } = new();
        public int Port { get; }

        public Collector()
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
            _app = builder.Build();
            _app.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                Received.Enqueue(("/v1/" + signal, context.Request.ContentType, (int)body.Length));
                // An empty ExportTraceServiceResponse / ExportMetricsServiceResponse.
                context.Response.ContentType = "application/x-protobuf";
                return Results.Bytes([], "application/x-protobuf");
            });
        }

        public Task StartAsync() => _app.StartAsync();
        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_request_is_exported_as_a_trace_and_the_metrics_follow_over_OTLP_http_protobuf()
    {
        await using var collector = new Collector();
        await collector.StartAsync();
        var database = await TestDatabases.CreateDatabaseAsync(nameof(OtlpExportTests));
        await using var service = ServiceProcess.Launch(new Dictionary<string, string>
        {
            ["ConnectionStrings__Monitoring"] = database,
            ["Auth__SigningKey"] = AppFixture.TestSigningKey,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{collector.Port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
        });
        await service.WaitUntilReadyAsync();

        (await service.Http.GetAsync("/api/units")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !(collector.Received.Any(r => r.Path == "/v1/traces") && collector.Received.Any(r => r.Path == "/v1/metrics")))
            await Task.Delay(200);
        var traces = collector.Received.Where(r => r.Path == "/v1/traces").ToList();
        traces.ShouldNotBeEmpty("no trace was exported: " + service.Output);
        traces.ShouldAllBe(t => t.ContentType == "application/x-protobuf" && t.Bytes > 0);
        collector.Received.ShouldContain(r => r.Path == "/v1/metrics" && r.Bytes > 0);
    }
}
