using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monitoring.Api.Infrastructure.Nodes;

/// <summary>Settings of a node's stop (section <c>Shutdown</c>).</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>
    /// Seconds between SIGTERM and the server's stop during which <c>/health/ready</c> answers 503 while requests are still
    /// served, so that a load balancer polling readiness takes the node out before it stops accepting connections.
    /// Set it a little above the balancer's readiness interval.
    /// </summary>
    public double ReadinessDrainSeconds { get; set; } = 5;

    /// <summary>Seconds the host gives in-flight requests (and the async daemon, Wolverine) to finish after that.</summary>
    public double TimeoutSeconds { get; set; } = 30;
}

/// <summary>Whether this node is on its way out (SIGTERM received): readiness says so.</summary>
public sealed class NodeState
{
    private volatile bool _draining;
    public bool Draining => _draining;
    public void BeginDraining() => _draining = true;
}

/// <summary>
/// The first step of a stop: before any hosted service stops (the web server among them), readiness turns 503 and the node
/// keeps serving for <see cref="ShutdownOptions.ReadinessDrainSeconds"/>; then the host stops the server, which finishes the
/// requests in flight within <see cref="ShutdownOptions.TimeoutSeconds"/>.
/// </summary>
public sealed class ShutdownDrain(NodeState state, ShutdownOptions options, ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        state.BeginDraining();
        logger.LogInformation("Stopping: /health/ready answers 503; requests are served for {Seconds} s more", options.ReadinessDrainSeconds);
        if (options.ReadinessDrainSeconds <= 0) return;
        try { await Task.Delay(TimeSpan.FromSeconds(options.ReadinessDrainSeconds), cancellationToken); }
        catch (OperationCanceledException) { }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed class DrainingHealthCheck(NodeState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(state.Draining
            ? HealthCheckResult.Unhealthy("Stopping: take this node out of the load balancer")
            : HealthCheckResult.Healthy("Serving"));
}
