using System.Diagnostics;
using System.Net;
using Npgsql;

namespace Monitoring.Api.Tests.Infrastructure;

/// <summary>
/// Several service processes on one PostgreSQL database, each on its own loopback port, behind a small round-robin load
/// balancer that sends only to nodes whose <c>/health/ready</c> answered 200 at its last poll (every 200 ms) and sends a
/// request that failed to connect (or whose connection broke before an answer) again to another node, with the same
/// Idempotency-Key, as a real balancer does. Each node's connections carry its name (Application Name=node-i), so
/// pg_locks tells which node holds the async daemon's advisory lock.
/// </summary>
public sealed class NodeCluster : IAsyncDisposable
{
    public sealed class Node(int index, int port)
    {
        public int Index { get; } = index;
        public int Port { get; } = port;
        public string Name => $"node-{Index}";
        public ServiceProcess? Process { get; set; }
        public volatile bool Ready;
        public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    }

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2) }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly CancellationTokenSource _stop = new();
    private Task _poller = Task.CompletedTask;
    private int _next;
    private int _retries;

    public string ConnectionString { get; }
    public string ProvinceConnectionString => TestDatabases.ProvinceDatabase(ConnectionString);
    public IReadOnlyList<Node> Nodes { get; }
    /// <summary>Requests sent again to another node after a connection failure.</summary>
    public int Retries => _retries;

    private NodeCluster(string connectionString, int count, IReadOnlyDictionary<string, string> settings)
    {
        ConnectionString = connectionString;
        _settings = settings;
        Nodes = Enumerable.Range(1, count).Select(i => new Node(i, ServiceProcess.FreePort())).ToList();
    }

    public static async Task<NodeCluster> StartAsync(string connectionString, int count, IReadOnlyDictionary<string, string>? settings = null)
    {
        var cluster = new NodeCluster(connectionString, count, settings ?? new Dictionary<string, string>());
        // The first node alone creates the schema; the others then start side by side.
        await cluster.StartNodeAsync(cluster.Nodes[0]);
        await Task.WhenAll(cluster.Nodes.Skip(1).Select(cluster.StartNodeAsync));
        cluster._poller = cluster.PollAsync(cluster._stop.Token);
        return cluster;
    }

    public async Task StartNodeAsync(Node node)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Monitoring"] = new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = node.Name }.ConnectionString,
            ["Auth__SigningKey"] = AppFixture.TestSigningKey,
            ["Shutdown__ReadinessDrainSeconds"] = "2",
            ["Daemon__LeadershipPollingMilliseconds"] = "1000",
            // The load's clients share one user, and a fast machine sends thousands a minute: the per-client limit (429) is
            // not what these tests try (LimitTests do).
            ["Limits__RequestsPerWindow"] = "1000000",
        };
        foreach (var (key, value) in _settings) environment[key] = value;
        node.Process = ServiceProcess.Launch(environment, node.Port);
        await node.Process.WaitUntilReadyAsync();
    }

    private async Task PollAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.WhenAll(Nodes.Select(async node =>
            {
                try { node.Ready = (await _probe.GetAsync(new Uri(node.BaseAddress, "/health/ready"), ct)).StatusCode == HttpStatusCode.OK; }
                catch (Exception) { node.Ready = false; }
            }));
            try { await Task.Delay(200, ct); } catch (OperationCanceledException) { }
        }
    }

    /// <summary>Sends through the balancer; <paramref name="request"/> builds the same request again for a retry.</summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HttpRequestException? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var ready = Nodes.Where(n => n.Ready).ToList();
            if (ready.Count == 0) { await Task.Delay(100); continue; }
            var node = ready[(int)((uint)Interlocked.Increment(ref _next) % ready.Count)];
            var message = request();
            message.RequestUri = new Uri(node.BaseAddress, message.RequestUri!.OriginalString);
            try
            {
                return await _http.SendAsync(message);
            }
            catch (HttpRequestException e)
            {
                last = e;
                node.Ready = false; // until its next poll says otherwise
                Interlocked.Increment(ref _retries);
            }
        }
        throw new HttpRequestException("No node answered within 60 s", last);
    }

    /// <summary>The node holding the async daemon's advisory lock (the one linking the hash chain), if any.</summary>
    public async Task<Node?> DaemonHolderAsync()
    {
        await using var connection = new NpgsqlConnection(ProvinceConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid " +
            "where l.locktype = 'advisory' and l.granted and a.datname = current_database() and a.application_name like 'node-%'", connection);
        var names = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names.Distinct().ToList() is [var name] ? Nodes.Single(n => n.Name == name) : null;
    }

    public async Task<Node> WaitForDaemonHolderAsync(TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            if (await DaemonHolderAsync() is { } holder) return holder;
            await Task.Delay(250);
        }
        throw new TimeoutException("No node took the async daemon's lock");
    }

    /// <summary>In the default province's database (its events, chain and the daemon's lock).</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ProvinceConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L);
    }

    public string Output => string.Join("\n", Nodes.Select(n => $"---- {n.Name} ----\n{n.Process?.Output}"));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _poller;
        foreach (var node in Nodes)
            if (node.Process is { } process) await process.DisposeAsync();
        _http.Dispose();
        _probe.Dispose();
    }
}
