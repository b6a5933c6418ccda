using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Api.Infrastructure.Database;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Benchmarks;
using Monitoring.Domain.Targets;
using Npgsql;
using Weasel.Core;

// dotnet run -c Release --project tests/Monitoring.Benchmarks -- [pages] [--quick] [--connection "Host=…"] [--report path]
// `pages` runs only the pages' render-time section and writes it into the existing report (the other sections are kept);
// `nodes` likewise runs only the several-nodes section (throughput through 1 and 2 nodes, the daemon's takeover after kill -9).
var pagesOnly = args.Contains("pages");
var nodesOnly = args.Contains("nodes");
var quick = args.Contains("--quick");
var external = Option("--connection");
var reportPath = Option("--report") ?? Path.Combine(RepositoryRoot(), "tests", "Monitoring.Benchmarks", quick ? "REPORT-quick.md" : "REPORT.md");
var size = quick ? Sizes.Quick : Sizes.Full;
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var report = new Report(quick, external is not null, args);
const string signingKey = "benchmark-signing-key-not-for-production-0123456789";

EmbeddedPostgresCluster? cluster = null;
string connectionString;
if (external is null)
{
    var root = Path.Combine(Path.GetTempPath(), $"monitoring-bench-{Guid.NewGuid():N}");
    cluster = await EmbeddedPostgresCluster.StartAsync(new EmbeddedPostgresOptions { DataDirectory = root, DeleteWhenOwnerExits = true }, NullLogger.Instance);
    await cluster.CreateDatabaseIfMissingAsync("bench");
    connectionString = cluster.ConnectionString("bench");
}
else connectionString = external;

// A database of its own for the pages (the five seeds are imported only into an empty store).
async Task<string> PagesDatabaseAsync()
{
    if (pagesOnly) return connectionString;
    if (cluster is not null)
    {
        await cluster.CreateDatabaseIfMissingAsync("bench_pages");
        return cluster.ConnectionString("bench_pages");
    }
    var pagesDb = new NpgsqlConnectionStringBuilder(connectionString) { Database = new NpgsqlConnectionStringBuilder(connectionString).Database + "_pages" };
    await using var admin = new NpgsqlConnection(connectionString);
    await admin.OpenAsync();
    await using (var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", admin) { Parameters = { new("name", pagesDb.Database) } })
        if (await exists.ExecuteScalarAsync() is not null)
            throw new InvalidOperationException($"Database {pagesDb.Database} exists already: the pages benchmark needs a fresh one (drop it)");
    await using (var create = new NpgsqlCommand($"create database \"{pagesDb.Database}\"", admin)) await create.ExecuteNonQueryAsync();
    return pagesDb.ConnectionString;
}

if (nodesOnly)
{
    try
    {
        var nodesDb = connectionString;
        if (cluster is not null)
        {
            await cluster.CreateDatabaseIfMissingAsync("bench_nodes");
            nodesDb = cluster.ConnectionString("bench_nodes");
        }
        var nodes = await NodesBenchmark.RunAsync(nodesDb, signingKey, quick, Log);
        report.WriteNodes(reportPath, nodes);
        Log($"nodes section written into {reportPath}");
        return 0;
    }
    finally
    {
        if (cluster is not null) await cluster.DisposeAsync();
    }
}

if (pagesOnly)
{
    try
    {
        var pages = await PagesBenchmark.RunAsync(await PagesDatabaseAsync(), signingKey, quick ? 10 : 40, Log);
        report.WritePages(reportPath, pages);
        Log($"pages section written into {reportPath}");
        return 0;
    }
    finally
    {
        if (cluster is not null) await cluster.DisposeAsync();
    }
}

try
{
    Log("starting the service");
    await using var service = await BenchmarkService.StartAsync(connectionString, signingKey);
    var api = new ApiClient(service.BaseAddress, signingKey);
    var secretariat = api.Token(Roles.Secretariat, user: "van.phong.bench");
    var committee = api.Token(Roles.Committee, user: "btv.bench");

    // ---- The data set: units, a resolution with targets assigned per unit, tasks ----
    // Each phase's start is logged with the service's memory so far, to see which phase sets the peak.
    void Step(string message) =>
        Log($"{message} (service memory: now {service.CurrentMemoryBytes / 1048576} MB, peak so far {service.PeakMemoryBytes / 1048576} MB)");
    Step("creating the data set");
    var workers = size.Workers;
    var units = new List<(string Code, Guid Id, string Token)>();
    for (var w = 0; w < workers; w++)
    {
        var code = $"BENCH-U{w + 1}";
        var id = (await api.PostAsync("/api/units", new { code, name = $"Đơn vị đo {w + 1}", kind = "Department" }, secretariat)).GetProperty("id").GetGuid();
        units.Add((code, id, api.Token(Roles.Reporter, code, $"can.bo.{w + 1}")));
    }
    var targetsPerUnit = size.TargetsPerUnit;
    var load = await api.PostAsync("/api/resolutions", Resolution("BENCH-LOAD", units.SelectMany(u =>
        Enumerable.Range(0, targetsPerUnit).Select(i => Target($"{u.Code}-{i:D3}", u.Id))).ToArray(),
        units.Select((u, i) => (object)new { group = "Nhiệm vụ đo", statement = $"Nhiệm vụ {i}", leadUnitId = u.Id, deadline = "2025-12-31" }).ToArray()), secretariat);
    var targetIds = load.GetProperty("targetIds").EnumerateArray().Select(e => e.GetGuid()).ToArray();
    Guid[] TargetsOf(int worker) => targetIds.Skip(worker * targetsPerUnit).Take(targetsPerUnit).ToArray();
    string[] periods = ["2021", "2022", "2021-H1", "2021-H2", "2022-H1", "2022-H2", "2023-H1"];

    // ---- Single-figure submissions, latency at half their peak (before the batches grow the documents), batches of 50 ----
    Step("single-figure submissions");
    await Load.ClosedAsync(workers, workers * 20, TimeSpan.FromMinutes(1), (w, i) => SubmitSingle(w, i)); // warm-up
    var single = new List<Round>();
    var singleCpuMs = new List<double>(); // the service's CPU (user + system, from /proc) per accepted submission, per round
    var singleCpuSplit = new List<CpuShare>(); // who used the cores during each round
    var split = new CpuSplit(service);
    for (var r = 0; r < size.Rounds; r++)
    {
        var cpuBefore = service.CpuTime;
        var (round, share) = await split.MeasureAsync(() => Load.ClosedAsync(workers, size.SingleRequests, TimeSpan.FromMinutes(3), (w, i) => SubmitSingle(w, i)));
        singleCpuMs.Add((service.CpuTime - cpuBefore).TotalMilliseconds / Math.Max(1, round.Ok));
        singleCpuSplit.Add(share);
        single.Add(round);
    }
    // What one single-figure submission writes in PostgreSQL, table by table (a last, counted round).
    // The service keeps the (default) province's record in a database of its own beside the national one.
    var provinceDatabase = Monitoring.Api.Provinces.ProvinceRegistry.ConnectionStringFor(connectionString, "tinh");
    var rowsBefore = await RowCounts.ReadAsync(provinceDatabase);
    var counted = await Load.ClosedAsync(workers, size.SingleRequests / 4, TimeSpan.FromMinutes(1), (w, i) => SubmitSingle(w, i));
    var rowsPerSubmission = RowCounts.Between(rowsBefore, await RowCounts.ReadAsync(provinceDatabase), counted.Ok);
    var peak = Stats.Spread(single.Select(s => s.PerSecond)).Median;
    Log($"latency at half the peak ({peak / 2:0} submissions/s)");
    // Requests overlap in an open loop: consecutive ones of a unit go to different targets so that they never contend.
    var half = await Load.PacedAsync(peak / 2, (int)(peak / 2 * size.PacedSeconds), TimeSpan.FromSeconds(size.PacedSeconds * 2),
        i => SubmitSingle(i % workers, 7 + i / workers));

    Step("batch submissions");
    var batch = new List<Round>();
    for (var r = 0; r < size.Rounds; r++) batch.Add(await Load.ClosedAsync(workers, size.BatchRequests, TimeSpan.FromMinutes(3), (w, i) => SubmitBatch(w, i)));
    // ---- The database's own ceiling, in the same run ----
    Step("pgbench");
    var pgbench = new List<double>();
    for (var r = 0; r < size.Rounds; r++) pgbench.Add(await Ceilings.PgbenchAsync(connectionString, workers, size.CeilingSeconds));
    Step("raw Marten appends");
    using var rawStore = DocumentStore.For(o =>
    {
        o.Connection(connectionString);
        o.DatabaseSchemaName = "bench_raw";
        o.AutoCreateSchemaObjects = AutoCreate.All;
    });
    var marten1 = new List<double>();
    var marten50 = new List<double>();
    for (var r = 0; r < size.Rounds; r++)
    {
        marten1.Add(await Ceilings.MartenAppendsAsync(rawStore, workers, TimeSpan.FromSeconds(size.CeilingSeconds)));
        marten50.Add(await Ceilings.MartenAppendsAsync(rawStore, workers, TimeSpan.FromSeconds(size.CeilingSeconds), 50));
    }

    // ---- Append cost against history: one target with 10 figures, one with 10,000, all through the API ----
    // Both assigned to one unit; a target's submissions stay sequential (they would conflict on its stream).
    Log($"append cost against history: filling targets with 10 and {size.HistoryFigures:N0} figures through the API");
    var historyTargets = await api.PostAsync("/api/resolutions", Resolution("BENCH-HISTORY", [Target("H-10", units[0].Id), Target("H-LARGE", units[0].Id)], []), secretariat);
    var smallTarget = historyTargets.GetProperty("targetIds")[0].GetGuid();
    var largeTarget = historyTargets.GetProperty("targetIds")[1].GetGuid();
    var smallFill = Load.ClosedAsync(1, 10, TimeSpan.FromMinutes(2), (_, i) => SubmitFigure(smallTarget, i));
    var largeFill = await Load.ClosedAsync(1, size.HistoryFigures, TimeSpan.FromMinutes(size.HistoryFillMinutes), (_, i) => SubmitFigure(largeTarget, i));
    var smallFilled = await smallFill;
    if (smallFilled.Failed + largeFill.Failed > 0 || largeFill.Ok < size.HistoryFigures)
        Log($"filling: {smallFilled.Ok} of 10 and {largeFill.Ok:N0} of {size.HistoryFigures:N0} figures accepted ({smallFilled.Failed + largeFill.Failed} refused)");
    Log($"append cost against history: {size.HistoryProbes} submissions to each, interleaved");
    var (smallProbe, largeProbe) = await Load.InterleavedAsync(size.HistoryProbes, TimeSpan.FromMinutes(10),
        i => SubmitFigure(smallTarget, 10 + i), i => SubmitFigure(largeTarget, size.HistoryFigures + i));
    var history = new History(smallFilled.Ok, largeFill.Ok, size.HistoryFigures, smallProbe, largeProbe);

    // The service's own event store, written directly to build large histories quickly (no projection runs here).
    using var store = DocumentStore.For(o =>
    {
        o.Connection(provinceDatabase);
        o.DatabaseSchemaName = Monitoring.Api.Infrastructure.MartenSetup.Schema;
        o.AutoCreateSchemaObjects = AutoCreate.None;
        o.UseSystemTextJsonForSerialization(EnumStorage.AsString); // as the service stores them
        o.Events.MetadataConfig.CorrelationIdEnabled = true;
        o.Events.MetadataConfig.CausationIdEnabled = true;
        o.Events.MetadataConfig.HeadersEnabled = true;
        o.Events.MetadataConfig.UserNameEnabled = true;
        RegisterTargetProjection(o);
    });

    // ---- As-of status of one target with 10, 100, 1,000 and 10,000 events ----
    // Through the API, so that the service's projections — the target's state, its checkpoints, the figure records — are
    // what is read. Each target starts with 2 events (defined, assigned); the fills run side by side (distinct streams).
    Step("as-of: filling targets through the API");
    var historySizes = size.AsOfEvents;
    var asOfTargets = await api.PostAsync("/api/resolutions", Resolution("BENCH-ASOF", historySizes.Select(n => Target($"A-{n}", units[0].Id)).ToArray(), []), secretariat);
    var asOfIds = historySizes.Select((_, i) => asOfTargets.GetProperty("targetIds")[i].GetGuid()).ToArray();
    var fills = await Task.WhenAll(historySizes.Select((n, i) =>
        Load.ClosedAsync(1, n - 2, TimeSpan.FromMinutes(size.HistoryFillMinutes), (_, k) => SubmitFigure(asOfIds[i], k))));
    for (var i = 0; i < fills.Length; i++)
        if (fills[i].Failed > 0 || fills[i].Ok < historySizes[i] - 2)
            Log($"as-of: the {historySizes[i]:N0}-event target got {fills[i].Ok:N0} figures ({fills[i].Failed} refused)");
    Step("as-of status");
    var asOf = new List<(int Events, double MedianMs, double P95Ms)>();
    for (var i = 0; i < historySizes.Length; i++)
    {
        var target = asOfIds[i];
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)).ToString("yyyy-MM-dd");
        await api.TryGetAsync($"/api/targets/{target}?asOf={tomorrow}", committee);
        var calls = await Load.ClosedAsync(1, 30, TimeSpan.FromMinutes(1), (_, _) => api.TryGetAsync($"/api/targets/{target}?asOf={tomorrow}", committee));
        if (calls.Failed > 0) Log($"as-of status of the {historySizes[i]:N0}-event target: {calls.Failed} of {calls.Failed + calls.Ok} calls failed");
        asOf.Add((historySizes[i], calls.Percentile(50), calls.Percentile(95)));
    }

    // ---- A review of 1,000 targets × 20 figures, document included ----
    Step("review generation");
    var reviewResolution = await api.PostAsync("/api/resolutions", Resolution("BENCH-REVIEW",
        Enumerable.Range(0, size.ReviewTargets).Select(i => Target($"R-{i:D4}", units[i % workers].Id)).ToArray(), []), secretariat);
    var reviewTargets = reviewResolution.GetProperty("targetIds").EnumerateArray().Select(e => e.GetGuid()).ToArray();
    await AppendAsync(store, reviewTargets.SelectMany(t => Enumerable.Repeat(t, 20)).ToArray(), 500);
    var reviewId = reviewResolution.GetProperty("id").GetGuid();
    // The service's dates are Vietnam's (UTC+7): "today" must be its today, or the cut-off would fall before the data.
    var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).ToString("yyyy-MM-dd");
    var review = new List<double>();
    for (var r = 0; r < size.Rounds; r++)
    {
        var watch = Stopwatch.StartNew();
        var generated = await api.PostAsync($"/api/resolutions/{reviewId}/reviews", new { kind = "MidTerm", cutOff = today }, secretariat);
        review.Add(watch.Elapsed.TotalSeconds);
        if (generated.GetProperty("targets").GetInt32() != size.ReviewTargets)
            throw new InvalidOperationException($"The review covered {generated.GetProperty("targets").GetInt32()} targets, not {size.ReviewTargets}");
    }

    // ---- Rebuilding the target projection from the events of the data set (before the audit's bulk noise) ----
    Step("projection rebuild");
    var rebuildEvents = await ScalarAsync("select count(*) from monitoring.mt_events");
    var rebuildWatch = Stopwatch.StartNew();
    using (var daemon = await store.BuildProjectionDaemonAsync())
        await RebuildTargetProjectionAsync(daemon);
    var rebuildSeconds = rebuildWatch.Elapsed.TotalSeconds;

    // ---- The audit feed at a million events ----
    Step($"appending {size.AuditEvents:N0} events for the audit feed");
    var noise = Enumerable.Range(0, 1000).Select(_ => Guid.CreateVersion7()).ToArray();
    var appendWatch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(w => AppendAsync(store,
        // Each writer its own streams: concurrent appends to one stream would only measure version conflicts.
        Enumerable.Range(0, size.AuditEvents / workers).Select(i => noise[w * (noise.Length / workers) + i % (noise.Length / workers)]).ToArray(), 1000)));
    var bulkRate = size.AuditEvents / appendWatch.Elapsed.TotalSeconds;
    var totalEvents = await ScalarAsync("select count(*) from monitoring.mt_events");
    var lastSequence = await ScalarAsync("select max(seq_id) from monitoring.mt_events");
    Step("audit feed pages");
    var auditFirst = await Load.ClosedAsync(1, 20, TimeSpan.FromMinutes(2), (_, _) => api.TryGetAsync("/api/audit?limit=100", committee));
    var auditLast = await Load.ClosedAsync(1, 20, TimeSpan.FromMinutes(2), (_, _) => api.TryGetAsync($"/api/audit?limit=100&after={lastSequence - 150}", committee));
    var auditUser = await Load.ClosedAsync(1, 20, TimeSpan.FromMinutes(2), (_, _) => api.TryGetAsync("/api/audit?limit=100&user=can.bo.1", committee));
    var auditUnit = await Load.ClosedAsync(1, 20, TimeSpan.FromMinutes(2), (_, _) => api.TryGetAsync($"/api/audit?limit=100&unitId={units[0].Id}", committee));
    var peakMemory = service.PeakMemoryBytes;

    // ---- The pages' render time, on the seed data, in a service of their own (Pages.cs) ----
    Step("pages");
    PageResults? pageResults = null;
    try { pageResults = await PagesBenchmark.RunAsync(await PagesDatabaseAsync(), signingKey, quick ? 10 : 40, Log); }
    catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or NpgsqlException)
    {
        Log($"pages: not measured: {e.Message}");
    }

    report.Write(reportPath, new Results(single, batch, half, peak, pgbench, marten1, marten50, asOf, review, size, totalEvents, bulkRate,
        auditFirst, auditLast, auditUser, auditUnit, rebuildEvents, rebuildSeconds, peakMemory, workers, singleCpuMs, singleCpuSplit, rowsPerSubmission, history), pageResults);
    Log($"report written to {reportPath}");

    // A worker's i-th single-figure submission: one of its own targets, so that workers never contend.
    async Task<bool> SubmitSingle(int worker, int i)
    {
        var targets = TargetsOf(worker);
        return await api.TryPostAsync("/api/reports", new
        {
            period = periods[i % periods.Length],
            figures = new[] { new { targetId = targets[i % targets.Length], value = 100 + i % 50, stage = "Estimate" } },
        }, units[worker].Token);
    }

    // The i-th figure for one target of the first unit: periods and stages rotate (26 and 3, coprime: every pair comes up).
    async Task<bool> SubmitFigure(Guid target, int i) => await api.TryPostAsync("/api/reports", new
    {
        period = Rotation.Periods[i % Rotation.Periods.Length],
        figures = new[] { new { targetId = target, value = 100 + i % 50, stage = Rotation.Stages[i % Rotation.Stages.Length] } },
    }, units[0].Token);

    async Task<bool> SubmitBatch(int worker, int i)
    {
        var targets = TargetsOf(worker);
        return await api.TryPostAsync("/api/reports", new
        {
            period = periods[i % periods.Length],
            figures = Enumerable.Range(0, 50).Select(k => new { targetId = targets[(i + k) % targets.Length], value = 100 + k, stage = "Official" }).ToArray(),
        }, units[worker].Token);
    }

    async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(provinceDatabase);
        await connection.OpenAsync();
        return Convert.ToInt64(await new NpgsqlCommand(sql, connection).ExecuteScalarAsync());
    }
}
finally
{
    if (cluster is not null) await cluster.DisposeAsync();
}
return 0;

// The Target projection as the benchmark's own store knows it, to rebuild it: kept here alone so that a change in how the
// service registers it (a snapshot today, perhaps an explicit projection class tomorrow) is adapted in these two methods.
static void RegisterTargetProjection(StoreOptions o) => o.Projections.Add<Monitoring.Api.Infrastructure.TargetProjection>(ProjectionLifecycle.Async);

static Task RebuildTargetProjectionAsync(JasperFx.Events.Daemon.IProjectionDaemon daemon) =>
    daemon.RebuildProjectionAsync<Monitoring.Api.Infrastructure.TargetProjection>(TimeSpan.FromMinutes(15), CancellationToken.None);

static async Task AppendAsync(IDocumentStore store, Guid[] streams, int perTransaction)
{
    foreach (var chunk in streams.Chunk(perTransaction))
    {
        // As the service writes them: its streams are the default province's ("tinh"), and Marten keeps that on each stream.
        await using var session = store.LightweightSession("tinh");
        session.LastModifiedBy = "benchmark";
        foreach (var stream in chunk) session.Events.Append(stream, Sample.Figure(stream, 100 + stream.GetHashCode() % 50));
        await session.SaveChangesAsync();
    }
}

static object Resolution(string number, object[] targets, object[] tasks) => new
{
    number, kind = "Resolution", issuingBody = "Tỉnh ủy", issueDate = "2021-09-01", periodStartYear = 2021, periodEndYear = 2025,
    title = $"Nghị quyết đo hiệu năng {number}", targets, tasks,
};

static object Target(string code, Guid lead) => new
{
    code, field = "Kinh tế", statement = $"Chỉ tiêu {code}: giá trị đạt trên 213.000 tỷ đồng", shape = "LevelAtLeast", minimum = 213000,
    unitOfMeasure = "tỷ đồng", targetYear = 2025, baselineValue = 118000, baselineYear = 2020, leadUnitId = lead,
};

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Monitoring.sln"))) return dir.FullName;
    return Environment.CurrentDirectory;
}

static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

public sealed record Sizes(int Workers, int Rounds, int TargetsPerUnit, int SingleRequests, int BatchRequests, int PacedSeconds, int CeilingSeconds,
    int ReviewTargets, int AuditEvents, int HistoryFigures, int HistoryProbes, int HistoryFillMinutes, int[] AsOfEvents)
{
    public static readonly Sizes Full = new(8, 3, 60, 2000, 200, 10, 8, 1000, 1_000_000, 10_000, 200, 30, [10, 100, 1000, 10_000]);
    public static readonly Sizes Quick = new(8, 3, 60, 300, 30, 3, 2, 200, 50_000, 1000, 50, 5, [10, 100, 1000]);
}

/// <summary>What single-figure submissions to one target rotate through.</summary>
public static class Rotation
{
    /// <summary>The periods a figure of a 2021–2025 resolution may have: the year before it (its baseline), then its years, halves and spans.</summary>
    public static readonly string[] Periods =
    [
        "2020",
        .. Enumerable.Range(2021, 5).Select(y => y.ToString()),
        .. Enumerable.Range(2021, 5).SelectMany(y => new[] { $"{y}-H1", $"{y}-H2" }),
        .. Enumerable.Range(2021, 5).SelectMany(first => Enumerable.Range(first + 1, 2025 - first).Select(last => $"{first}-{last}")),
    ];

    public static readonly string[] Stages = ["Estimate", "Preliminary", "Official"];
}
