using System.Collections.Concurrent;
using Wolverine.Persistence.Durability;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;

namespace Monitoring.Api.Provinces;

/// <summary>
/// Every node runs the due scheduled messages (reminders, retries) of every province's database, as Wolverine itself does
/// for the national database. Wolverine leaves a tenant database's scheduled messages to that database's durability agent
/// alone, which its leader places on one node and moves off a dead node only once it judges it stale: after a node was
/// killed, a province's reminders waited for that (the fault program's case 2 lost them past its window). Each node
/// therefore runs each province database's durability agent too: every pass of it runs under Wolverine's advisory lock in
/// that database, so one node at a time sends what is due, once.
/// </summary>
public sealed class ProvinceScheduledMessages(IWolverineRuntime runtime, ILogger<ProvinceScheduledMessages> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Uri, IAgent> _pollers = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (runtime.Storage is not MultiTenantedMessageStore messages) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A province added since (on this node or another) is found here too.
                await messages.Source.RefreshAsync();
                foreach (var store in messages.Source.AllActive())
                {
                    if (_pollers.ContainsKey(store.Uri) || store is not IAgentFamily family) continue;
                    // The database's own durability agent, as Wolverine builds it for the node it chooses: it polls the due
                    // scheduled messages (and recovers a dead node's), each pass under the database's lock.
                    var uri = (await family.AllKnownAgentsAsync()).First();
                    var agent = await family.BuildAgentAsync(uri, runtime);
                    await agent.StartAsync(stoppingToken);
                    _pollers[store.Uri] = agent;
                    logger.LogInformation("Polling the scheduled messages of {Database} on this node", store.Uri);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("The provinces' scheduled messages could not be looked at now: {Message}", e.Message);
            }
            try { await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var agent in _pollers.Values)
            try { await agent.StopAsync(cancellationToken); }
            catch (Exception e) { logger.LogDebug("Stopping a scheduled-message poller: {Message}", e.Message); }
    }
}
