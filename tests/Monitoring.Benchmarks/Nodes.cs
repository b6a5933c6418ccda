using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monitoring.Api.Infrastructure.Security;
using Npgsql;

namespace Monitoring.Benchmarks;

public sealed record NodesRun(int Nodes, int Acknowledged, int Failed, double Seconds, double[] LatenciesMs)
{
    public double PerSecond => Acknowledged / Seconds;
}

public sealed record Takeover(string Killed, string? Successor, double Seconds, int Retried);

public sealed record NodesResults(
    IReadOnlyList<NodesRun> OneNode, IReadOnlyList<NodesRun> TwoNodes, IReadOnlyList<Takeover> Takeovers, int Acknowledged, long Stored,
    long Lost, long Duplicated, long Events, long Linked, bool VerifyOk, double SettleSeconds, int Clients, DateTime Generated);

/// <summary>
/// Several nodes on one database (<c>-- nodes</c>): single-figure submissions (each with its Idempotency-Key) through one node,
/// then through two behind a round-robin balancer; the node holding the async daemon (the hash chain) killed with SIGKILL under
/// load, timed until another links an event appended after the kill; then what was acknowledged against what is stored,
/// and the chain against the events.
/// </summary>
public static class NodesBenchmark
{
    private static readonly string[] Periods = ["2021", "2022", "2023", "2021-H1", "2021-H2", "2022-H1", "2022-H2", "2023-H1"];

    private sealed class Balancer(List<(string Name, ServiceProcess Service)> nodes)
    {
        private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(60) };
        private int _next;
        public int Retried;
        public List<(string Name, ServiceProcess Service)> Nodes { get; } = nodes;

        public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request)
        {
            for (var attempt = 0; ; attempt++)
            {
                var live = Nodes.Where(n => !n.Service.HasExited).ToList();
                var node = live[(int)((uint)Interlocked.Increment(ref _next) % live.Count)];
                var message = request();
                message.RequestUri = new Uri(node.Service.BaseAddress, message.RequestUri!.OriginalString);
                try { return await _http.SendAsync(message); }
                catch (HttpRequestException) when (attempt < 20)
                {
                    Interlocked.Increment(ref Retried);
                    await Task.Delay(50);
                }
            }
        }
    }

    public static async Task<NodesResults> RunAsync(string connectionString, string signingKey, bool quick, Action<string> log)
    {
        var clients = 8;
        var perRound = quick ? 200 : 800;
        var rounds = quick ? 1 : 3;
        var kills = quick ? 1 : 3;
        var api = new ApiClient(new Uri("http://unused"), signingKey);
        var settings = new Dictionary<string, string> { ["Daemon__LeadershipPollingMilliseconds"] = "2000", ["Shutdown__ReadinessDrainSeconds"] = "0" };
        var province = Monitoring.Api.Provinces.ProvinceRegistry.ConnectionStringFor(connectionString, "tinh");
        string Named(string name) => new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = name }.ConnectionString;

        log("nodes: starting node-1");
        var nodes = new List<(string Name, ServiceProcess Service)> { ("node-1", await BenchmarkService.StartAsync(Named("node-1"), signingKey, settings)) };
        var balancer = new Balancer(nodes);
        try
        {
            // The data set: 8 units of 5 targets each; each client submits for its own unit.
            var setup = new ApiClient(nodes[0].Service.BaseAddress, signingKey);
            var secretariat = setup.Token(Roles.Secretariat, user: "van.phong.nodes");
            var units = new List<(string Code, Guid Id)>();
            for (var u = 1; u <= clients; u++)
                units.Add(($"NODES-U{u}", (await setup.PostAsync("/api/units", new { code = $"NODES-U{u}", name = $"Đơn vị {u}", kind = "Department" }, secretariat)).GetProperty("id").GetGuid()));
            var resolution = await setup.PostAsync("/api/resolutions", new
            {
                number = "NODES-BENCH", kind = "Resolution", issuingBody = "Tỉnh ủy", issueDate = "2021-09-01", periodStartYear = 2021, periodEndYear = 2025,
                title = "Nghị quyết đo nhiều nút",
                targets = units.SelectMany(u => Enumerable.Range(0, 5).Select(i => (object)new
                {
                    code = $"{u.Code}-{i}", field = "Kinh tế", statement = $"Chỉ tiêu {u.Code}-{i}: đạt trên 213.000 tỷ đồng", shape = "LevelAtLeast",
                    minimum = 213000, unitOfMeasure = "tỷ đồng", targetYear = 2025, baselineValue = 118000, baselineYear = 2020, leadUnitId = u.Id,
                })).ToArray(),
                tasks = Array.Empty<object>(),
            }, secretariat);
            var targets = resolution.GetProperty("targetIds").EnumerateArray().Select(e => e.GetGuid()).ToArray();
            var tokens = units.Select(u => api.Token(Roles.Reporter, u.Code, $"can.bo.{u.Code}")).ToArray();
            var acknowledged = new ConcurrentBag<Guid>();
            var submission = 0;

            async Task<NodesRun> Load(int count, CancellationToken stop)
            {
                var latencies = new ConcurrentBag<double>();
                var failed = 0;
                var ok = 0;
                var watch = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
                {
                    for (var i = 0; i < count / clients && !stop.IsCancellationRequested; i++)
                    {
                        var n = Interlocked.Increment(ref submission);
                        var body = new { period = Periods[n % Periods.Length], figures = new[] { new { targetId = targets[c * 5 + n % 5], value = 100 + n % 50, stage = "Estimate" } } };
                        var key = Guid.NewGuid().ToString();
                        var one = Stopwatch.StartNew();
                        try
                        {
                            using var response = await balancer.SendAsync(() =>
                            {
                                var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/reports", UriKind.Relative)) { Content = JsonContent.Create(body) };
                                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[c]);
                                request.Headers.Add("Idempotency-Key", key);
                                return request;
                            });
                            if (response.StatusCode != HttpStatusCode.Created) { Interlocked.Increment(ref failed); continue; }
                            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                            acknowledged.Add(json.RootElement.GetProperty("reportId").GetGuid());
                            Interlocked.Increment(ref ok);
                            latencies.Add(one.Elapsed.TotalMilliseconds);
                        }
                        catch (HttpRequestException) { Interlocked.Increment(ref failed); }
                    }
                }));
                return new NodesRun(balancer.Nodes.Count(n => !n.Service.HasExited), ok, failed, watch.Elapsed.TotalSeconds, latencies.ToArray());
            }

            log("nodes: warm-up and rounds through one node");
            await Load(clients * 10, default);
            var one = new List<NodesRun>();
            for (var r = 0; r < rounds; r++) one.Add(await Load(perRound, default));
            log($"nodes: one node {string.Join(", ", one.Select(x => $"{x.PerSecond:0}/s"))}; starting node-2");
            nodes.Add(("node-2", await BenchmarkService.StartAsync(Named("node-2"), signingKey, settings)));
            await Load(clients * 10, default);
            var two = new List<NodesRun>();
            for (var r = 0; r < rounds; r++) two.Add(await Load(perRound, default));
            log($"nodes: two nodes {string.Join(", ", two.Select(x => $"{x.PerSecond:0}/s"))}");

            var takeovers = new List<Takeover>();
            for (var k = 0; k < kills; k++)
            {
                var holder = await HolderAsync(province, TimeSpan.FromSeconds(60));
                var index = nodes.FindIndex(n => n.Name == holder);
                using var stop = new CancellationTokenSource();
                var retriedBefore = balancer.Retried;
                var running = Load(1_000_000, stop.Token);
                await Task.Delay(TimeSpan.FromSeconds(2));
                var lastAtKill = await ScalarAsync(province, "select coalesce(max(seq_id), 0) from monitoring.mt_events");
                nodes[index].Service.KillHard();
                var watch = Stopwatch.StartNew();
                while (await ScalarAsync(province, "select coalesce(max(seq_id), 0) from monitoring.mt_audit_chain") <= lastAtKill)
                {
                    if (watch.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("nodes: no node took the chain over within 2 minutes");
                    await Task.Delay(100);
                }
                var seconds = watch.Elapsed.TotalSeconds;
                var successor = await HolderAsync(province, TimeSpan.FromSeconds(10));
                await Task.Delay(TimeSpan.FromSeconds(1));
                await stop.CancelAsync();
                var during = await running;
                takeovers.Add(new Takeover(holder, successor, seconds, balancer.Retried - retriedBefore));
                log($"nodes: {holder} killed, {successor} linked the chain {seconds:0.0} s later ({during.Failed} failed, {balancer.Retried - retriedBefore} retried)");
                await nodes[index].Service.DisposeAsync();
                nodes[index] = (holder, await BenchmarkService.StartAsync(Named(holder), signingKey, settings));
            }

            // What was acknowledged against what is stored; the chain against the events, once settled.
            var ids = acknowledged.ToArray();
            var stored = await ScalarAsync(province, "select count(*) from monitoring.mt_doc_progressreport");
            var found = await ScalarAsync(province, $"select count(*) from monitoring.mt_doc_progressreport where id = any(array[{string.Join(",", ids.Select(i => $"'{i}'::uuid"))}])");
            var settle = Stopwatch.StartNew();
            var committee = api.Token(Roles.Committee, user: "btv.nodes");
            JsonElement verify;
            while (true)
            {
                verify = await new ApiClient(nodes[0].Service.BaseAddress, signingKey).GetAsync("/api/audit/verify", committee);
                if (verify.GetProperty("pendingEvents").GetInt64() == 0 || settle.Elapsed > TimeSpan.FromMinutes(2)) break;
                await Task.Delay(250);
            }
            var events = await ScalarAsync(province, "select count(*) from monitoring.mt_events");
            var linked = await ScalarAsync(province, "select count(*) from monitoring.mt_audit_chain");
            return new NodesResults(one, two, takeovers, ids.Length, stored, ids.Length - found, stored - found + (ids.Length - ids.Distinct().Count()),
                events, linked, verify.GetProperty("ok").GetBoolean(), settle.Elapsed.TotalSeconds, clients, DateTime.UtcNow);
        }
        finally
        {
            foreach (var node in nodes) await node.Service.DisposeAsync();
        }
    }

    private static async Task<string> HolderAsync(string connectionString, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "select distinct a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid " +
                "where l.locktype = 'advisory' and l.granted and a.datname = current_database() and a.application_name like 'node-%'", connection);
            var names = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) names.Add(reader.GetString(0));
            if (names.Count == 1) return names[0];
            if (watch.Elapsed > limit) throw new TimeoutException("nodes: no node holds the async daemon's lock");
            await Task.Delay(200);
        }
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L);
    }

    public static string Section(NodesResults r, string[] args)
    {
        var md = new StringBuilder();
        md.AppendLine(Report.NodesBegin);
        md.AppendLine("## Several nodes on one database").AppendLine();
        md.AppendLine($"Generated {r.Generated:yyyy-MM-dd HH:mm} UTC by `dotnet run -c Release --project tests/Monitoring.Benchmarks -- {string.Join(' ', args)}` alone " +
                      $"(the other sections come from their own runs); CPU: {Report.Cpu()} ({Environment.ProcessorCount} cores), shared by the nodes, PostgreSQL " +
                      "and this program, and with whatever else the machine ran meanwhile.").AppendLine();
        md.AppendLine($"Service processes in Production on one fresh database, each connection named after its node (`Application Name=node-i`); {r.Clients} " +
                      "clients, each a unit of its own submitting one figure per request with a fresh `Idempotency-Key`, round-robin over the live nodes; " +
                      "a request whose connection fails is sent again to another node with the same key (as a load balancer does). The async daemon " +
                      "runs in HotCold mode, polling for its lock every 2 s (`Daemon:LeadershipPollingMilliseconds`).").AppendLine();
        static string Spread(IEnumerable<double> values, string format) =>
            values.ToList() is { Count: > 1 } list ? $"{list.Min().ToString(format)} / {Stats.Spread(list).Median.ToString(format)} / {list.Max().ToString(format)}" : values.Single().ToString(format);
        md.AppendLine("| | rounds | submissions/s (min / median / max) | p50 ms | p99 ms | failed |").AppendLine("|---|---|---|---|---|---|");
        foreach (var (label, runs) in new[] { ("1 node", r.OneNode), ("2 nodes", r.TwoNodes) })
            md.AppendLine($"| {label} | {runs.Count} × {runs[0].Acknowledged + runs[0].Failed} | {Spread(runs.Select(x => x.PerSecond), "0")} | " +
                          $"{Stats.Percentile(runs.SelectMany(x => x.LatenciesMs).ToArray(), 50):0.0} | {Stats.Percentile(runs.SelectMany(x => x.LatenciesMs).ToArray(), 99):0.0} | {runs.Sum(x => x.Failed)} |");
        var ratio = Stats.Spread(r.TwoNodes.Select(x => x.PerSecond)).Median / Stats.Spread(r.OneNode.Select(x => x.PerSecond)).Median;
        md.AppendLine().AppendLine($"Two nodes over one: **{ratio:0.00}×** on this machine, where the two nodes and PostgreSQL share {Environment.ProcessorCount} cores: " +
                                   "the second node adds availability here, not throughput; on separate machines the database's ceiling is the limit.").AppendLine();
        md.AppendLine("| kill -9 of the daemon's node | taken over by | seconds until an event appended after the kill is linked | requests sent again |").AppendLine("|---|---|---|---|");
        foreach (var t in r.Takeovers) md.AppendLine($"| {t.Killed} | {t.Successor} | {t.Seconds:0.0} | {t.Retried} |");
        md.AppendLine().AppendLine($"Takeover: {Spread(r.Takeovers.Select(t => t.Seconds), "0.0")} s (min / median / max).").AppendLine();
        md.AppendLine($"- Acknowledged submissions: {r.Acknowledged:N0}; reports stored: {r.Stored:N0}; **lost {r.Lost}**, **duplicated {r.Duplicated}**.");
        md.AppendLine($"- Events: {r.Events:N0}; chain links: {r.Linked:N0} (each event once: the link's key is the event's sequence); `/api/audit/verify` " +
                      $"{(r.VerifyOk ? "ok" : "**failed**")}, pendingEvents 0 {r.SettleSeconds:0.0} s after the load.");
        md.AppendLine(Report.NodesEnd);
        return md.ToString();
    }
}
