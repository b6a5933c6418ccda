using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Api.Infrastructure.Database;
using Monitoring.Api.Infrastructure.Security;
using MimeKit;
using netDumbster.smtp;
using Npgsql;

namespace Monitoring.Faults;

/// <summary>How big a case is: the CI tests run each with a small load and one fault, the program with more.</summary>
public sealed record CaseSize(int Clients, int Kills, TimeSpan BeforeFault, TimeSpan Outage, TimeSpan AfterFault, int BackupSubmissions)
{
    public static CaseSize Program(bool quick) => quick
        ? new(6, 2, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), 120)
        : new(8, 2, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5), 400);

    public static CaseSize Ci { get; } = new(4, 2, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(2), 40);
}

/// <summary>One case's figures. Recovery: from the fault's end (kill, cut restored) until <c>/health/ready</c> answered 200 again.</summary>
public sealed record CaseResult(string Case, StoreFigures Store, LoadResult Load, IReadOnlyList<double> RecoverySeconds, double ChainCatchUpSeconds,
    bool ReadinessSaid503, bool LivenessStayed200, IReadOnlyList<string> Problems, IReadOnlyDictionary<string, string> Extra)
{
    public bool Passed => Problems.Count == 0;
}

/// <summary>The faults: each breaks something real (a process, a connection), under load where that matters, and counts what survived.</summary>
/// <param name="createDatabase">A fresh database's connection string for a purpose; by default one in a cluster this program starts.</param>
public sealed class FaultCases(Action<string> log, Func<string, Task<string>>? createDatabase = null) : IAsyncDisposable
{
    private EmbeddedPostgresCluster? _cluster;
    private int _databases;
    private readonly string _clusterRoot = Path.Combine(Path.GetTempPath(), $"monitoring-faults-{Guid.NewGuid():N}"[..36]);

    /// <summary>A PostgreSQL cluster the program owns (started by the service's own launcher) for the cases that kill or cut the service's side.</summary>
    private async Task<string> FreshDatabaseAsync(string purpose)
    {
        if (createDatabase is not null) return await createDatabase(purpose);
        _cluster ??= await EmbeddedPostgresCluster.StartAsync(new EmbeddedPostgresOptions { DataDirectory = _clusterRoot, DeleteWhenOwnerExits = true },
            NullLogger.Instance);
        var name = $"f{Interlocked.Increment(ref _databases):D2}_{purpose}";
        await _cluster.CreateDatabaseIfMissingAsync(name);
        return _cluster.ConnectionString(name);
    }

    private static Dictionary<string, string> Settings(string? connectionString) => new()
    {
        ["Limits__RequestsPerWindow"] = "1000000000",
        ["Notifications__DailySweep"] = "false",
        ["Auth__SigningKey"] = World.SigningKey,
        ["Daemon__LeadershipPollingMilliseconds"] = "1000",
        ["Shutdown__ReadinessDrainSeconds"] = "0",
        [$"ConnectionStrings__Monitoring"] = connectionString ?? "",
        // A refusal (4xx) under a fault is logged with its cause, for the report.
        ["Logging__LogLevel__Monitoring.Api.Infrastructure.Http.ErrorHandling"] = "Information",
    };

    /// <summary>Polls readiness and liveness every 100 ms while a fault lasts.</summary>
    private sealed class HealthWatch
    {
        public bool Ready503;
        public bool LiveNot200;
        /// <param name="seenDown">The fault was already seen from outside (readiness 503) before this call.</param>
        public async Task<TimeSpan> UntilReadyAsync(ServiceProcess service, TimeSpan limit, bool seenDown = false)
        {
            var watch = Stopwatch.StartNew();
            var down = seenDown;
            while (watch.Elapsed < limit)
            {
                var ready = await service.StatusAsync("/health/ready");
                if (ready == HttpStatusCode.ServiceUnavailable) Ready503 = down = true;
                if (await service.StatusAsync("/health/live") != HttpStatusCode.OK) LiveNot200 = true;
                // Down first (this fault), then up; a fault never seen from outside within 5 s counts as recovered at once.
                if (ready == HttpStatusCode.OK && (down || watch.Elapsed > TimeSpan.FromSeconds(5))) return watch.Elapsed;
                await Task.Delay(100);
            }
            throw new TimeoutException($"Not ready again within {limit.TotalSeconds:0} s: {service.Tail()}");
        }
    }

    private static List<string> Common(StoreFigures store, LoadResult load)
    {
        var problems = new List<string>();
        if (store.Lost != 0) problems.Add($"{store.Lost} acknowledged but missing");
        if (store.Duplicated != 0) problems.Add($"{store.Duplicated} duplicated");
        if (store.HalfWritten != 0) problems.Add($"{store.HalfWritten} half-written");
        if (!store.VerifyOk) problems.Add("verify not ok");
        if (store.Linked != store.Events) problems.Add($"{store.Events - store.Linked} events not linked");
        if (load.ServerErrors != 0) problems.Add($"{load.ServerErrors} answers 5xx other than 503: {string.Join(" | ", load.Samples)}");
        if (load.Unavailable503WithoutRetryAfter != 0) problems.Add($"{load.Unavailable503WithoutRetryAfter} 503 without Retry-After");
        if (load.Unanswered != 0) problems.Add($"{load.Unanswered} submissions never answered");
        if (load.Refused4xx != 0) problems.Add($"{load.Refused4xx} refused 4xx: {string.Join(" | ", load.Samples)}");
        if (load.Acknowledged.IsEmpty) problems.Add("nothing acknowledged");
        return problems;
    }

    /// <summary>
    /// Case 1: the service runs its own embedded cluster; its postmaster is killed with SIGKILL <c>size.Kills</c> times under load
    /// (every second time with all its backends, as <c>docker kill</c> does).
    /// The launcher's supervisor starts it again; clients see 503 with Retry-After meanwhile and retry with their keys.
    /// </summary>
    public async Task<CaseResult> DatabaseKilledAsync(CaseSize size)
    {
        var root = Path.Combine(Path.GetTempPath(), $"monitoring-faults-db-{Guid.NewGuid():N}"[..39]);
        var port = ServiceProcess.FreePort();
        var settings = Settings(null);
        settings["EmbeddedPostgres__DataDirectory"] = root;
        settings["EmbeddedPostgres__Port"] = port.ToString();
        settings["EmbeddedPostgres__DeleteWhenOwnerExits"] = "true";
        await using var service = await ServiceProcess.StartAsync(settings);
        var password = (await File.ReadAllTextAsync(Path.Combine(root, "superuser.password"))).Trim();
        var connectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Password = password, Database = "monitoring", Timeout = 5 }.ConnectionString;
        var world = await World.CreateAsync(service.BaseAddress, size.Clients);
        using var load = new SubmissionLoad(() => service.BaseAddress, world);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(size.Clients, 1_000_000, stop.Token);
        var health = new HealthWatch();
        var recoveries = new List<double>();
        var chain = new List<double>();
        var probes = new List<string>();
        for (var k = 0; k < size.Kills; k++)
        {
            await Task.Delay(size.BeforeFault);
            var pid = int.Parse(File.ReadLines(Path.Combine(root, "data", "postmaster.pid")).First());
            load.FaultOn = true;
            await KillAsync(pid, wholeServer: k % 2 == 1);
            var probe = ProbeFor503Async(service.BaseAddress);
            recoveries.Add((await health.UntilReadyAsync(service, TimeSpan.FromSeconds(90))).TotalSeconds);
            load.FaultOn = false;
            probes.Add(await probe);
            chain.Add(await StoreCheck.SecondsUntilChainAdvancesAsync(connectionString, TimeSpan.FromSeconds(90)));
            log($"  ready again after {recoveries[^1]:0.0} s, chain advancing {chain[^1]:0.0} s after that");
        }
        await Task.Delay(size.AfterFault);
        await stop.CancelAsync();
        var result = await running;
        var store = await StoreCheck.CheckAsync(connectionString, service.BaseAddress, result, TimeSpan.FromSeconds(90));
        var problems = Common(store, result);
        problems.AddRange(WhileTheDatabaseWasKilled(probes, result, health));
        var restarts = service.Output.Split('\n').Count(l => l.Contains("Embedded PostgreSQL started again"));
        foreach (var line in Refusals(service)) log("  service: " + line);
        return new CaseResult("1a database killed (embedded, supervised)", store, result, recoveries, chain.Max(), health.Ready503, !health.LiveNot200, problems,
            new Dictionary<string, string> { ["postmaster restarts logged"] = restarts.ToString(), ["reader right after each kill"] = string.Join(", ", probes) });
    }

    /// <summary>
    /// Case 1, variant B: the service uses an external database (a connection string); the cluster's postmaster is killed with
    /// SIGKILL <c>size.Kills</c> times under load and its owner, this program (through the same launcher), starts it again.
    /// Only with the program's own cluster: the CI tests share theirs with every other test.
    /// </summary>
    public async Task<CaseResult> ExternalDatabaseKilledAsync(CaseSize size)
    {
        if (createDatabase is not null) throw new InvalidOperationException("Variant B kills the program's own cluster only.");
        var connectionString = await FreshDatabaseAsync("external_killed");
        await using var service = await ServiceProcess.StartAsync(Settings(connectionString));
        var world = await World.CreateAsync(service.BaseAddress, size.Clients);
        using var load = new SubmissionLoad(() => service.BaseAddress, world);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(size.Clients, 1_000_000, stop.Token);
        var health = new HealthWatch();
        var recoveries = new List<double>();
        var chain = new List<double>();
        var probes = new List<string>();
        for (var k = 0; k < size.Kills; k++)
        {
            await Task.Delay(size.BeforeFault);
            var pid = _cluster!.PostmasterPid ?? throw new InvalidOperationException("No postmaster running");
            var restartsBefore = _cluster.Restarts;
            load.FaultOn = true;
            await KillAsync(pid, wholeServer: k % 2 == 1);
            var probe = ProbeFor503Async(service.BaseAddress);
            recoveries.Add((await health.UntilReadyAsync(service, TimeSpan.FromSeconds(90))).TotalSeconds);
            load.FaultOn = false;
            probes.Add(await probe);
            for (var wait = 0; _cluster.Restarts == restartsBefore && wait < 100; wait++) await Task.Delay(100);
            if (_cluster.Restarts == restartsBefore) throw new InvalidOperationException("The cluster's owner did not start it again");
            chain.Add(await StoreCheck.SecondsUntilChainAdvancesAsync(connectionString, TimeSpan.FromSeconds(90)));
            log($"  ready again after {recoveries[^1]:0.0} s, chain advancing {chain[^1]:0.0} s after that");
        }
        await Task.Delay(size.AfterFault);
        await stop.CancelAsync();
        var result = await running;
        var store = await StoreCheck.CheckAsync(connectionString, service.BaseAddress, result, TimeSpan.FromSeconds(90));
        var problems = Common(store, result);
        problems.AddRange(WhileTheDatabaseWasKilled(probes, result, health));
        foreach (var line in Refusals(service)) log("  service: " + line);
        return new CaseResult("1b database killed (external, restarted by its owner)", store, result, recoveries, chain.Max(), health.Ready503,
            !health.LiveNot200, problems, new Dictionary<string, string> { ["reader right after each kill"] = string.Join(", ", probes) });
    }

    /// <summary>
    /// Case 2: the service itself is killed with SIGKILL under load and started again on the same port. Each submission schedules
    /// a durable approval-wait reminder (here due after <paramref name="reminderSeconds"/>): each must reach the SMTP receiver once.
    /// </summary>
    public async Task<CaseResult> ServiceKilledAsync(CaseSize size, int reminderSeconds = 20)
    {
        var connectionString = await FreshDatabaseAsync("service_killed");
        using var smtp = SimpleSmtpServer.Start(ServiceProcess.FreePort());
        var settings = Settings(connectionString);
        settings["Notifications__Smtp__Host"] = "127.0.0.1";
        settings["Notifications__Smtp__Port"] = smtp.Configuration.Port.ToString();
        settings["Notifications__Smtp__Security"] = "None";
        settings["Notifications__Secretariat__Emails__0"] = "van.phong@faults.test";
        settings["Notifications__ApprovalWaitDays"] = (reminderSeconds / 86400.0).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        settings["Notifications__SchedulePollingSeconds"] = "1";
        settings["Notifications__FirstRetrySeconds"] = "1";
        var port = ServiceProcess.FreePort();
        var service = await ServiceProcess.StartAsync(settings, port);
        var world = await World.CreateAsync(service.BaseAddress, size.Clients);
        using var load = new SubmissionLoad(() => service.BaseAddress, world);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(size.Clients, 1_000_000, stop.Token);
        var recoveries = new List<double>();
        var chain = new List<double>();
        try
        {
            for (var k = 0; k < size.Kills; k++)
            {
                await Task.Delay(size.BeforeFault);
                log($"  kill -9 service {service.Id}");
                var watch = Stopwatch.StartNew();
                load.FaultOn = true;
                service.KillHard();
                await service.DisposeAsync();
                service = await ServiceProcess.StartAsync(settings, port);
                recoveries.Add(watch.Elapsed.TotalSeconds);
                load.FaultOn = false;
                chain.Add(await StoreCheck.SecondsUntilChainAdvancesAsync(connectionString, TimeSpan.FromSeconds(90)));
                log($"  restarted and ready {recoveries[^1]:0.0} s after the kill, chain advancing {chain[^1]:0.0} s after that");
            }
            await Task.Delay(size.AfterFault);
            await stop.CancelAsync();
            var result = await running;
            var store = await StoreCheck.CheckAsync(connectionString, service.BaseAddress, result, TimeSpan.FromSeconds(90));
            var problems = Common(store, result);

            // Every acknowledged submission still waits for approval after its last round: that round's reminder is due
            // reminderSeconds later, recorded under its key (submission and round) and sent in one delivery to the secretariat.
            // An earlier round can have had its own reminder too (a gap longer than the wait, e.g. while the service was down):
            // that is another reminder, not a copy. A copy is the same delivery received twice.
            var expected = result.Acknowledged.Values.SelectMany(s => s).Distinct().ToList();
            var finalRounds = await FinalRoundKeysAsync(connectionString, expected);
            List<string> Received() => smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))
                .Select(m => m.Headers[Monitoring.Api.Notifications.NotificationSender.DeliveryHeader] ?? "").ToList();
            // The e-mails are read before the deliveries: a delivery is recorded before its e-mail is sent, so every e-mail
            // read here has its delivery in what is read next.
            async Task<int> MissingAsync()
            {
                var received = Received();
                var deliveries = await DeliveriesAsync(connectionString);
                return finalRounds.Count(k => !deliveries.TryGetValue(k, out var ids) || !ids.Any(received.Contains));
            }
            // Due reminderSeconds after the last round; a minute more is the window. One still missing then is waited for two
            // more minutes: it arrived late (counted, with how late), or never (lost).
            var window = TimeSpan.FromSeconds(reminderSeconds + 60);
            var waited = Stopwatch.StartNew();
            int missing;
            var missingAtWindow = -1;
            while ((missing = await MissingAsync()) > 0 && waited.Elapsed < window + TimeSpan.FromMinutes(2))
            {
                if (missingAtWindow < 0 && waited.Elapsed > window)
                {
                    missingAtWindow = missing;
                    log($"  {missing} of {finalRounds.Count} reminders not arrived within the window; the province's messages now:");
                    foreach (var line in await MessageStateAsync(connectionString)) log("    " + line);
                    foreach (var line in service.Tail(60).Split('\n')) log("    service: " + line);
                }
                await Task.Delay(500);
            }
            var lateBy = missingAtWindow > 0 ? waited.Elapsed - window : TimeSpan.Zero;
            await Task.Delay(TimeSpan.FromSeconds(3)); // a copy, if one were coming, would come with the same polling
            var remindersLost = await MissingAsync();
            var late = Math.Max(0, missingAtWindow) - remindersLost;
            var all = Received();
            var copies = all.GroupBy(d => d).Count(g => g.Count() > 1);
            var earlierRounds = (await DeliveriesAsync(connectionString)).Keys
                .Count(k => k.StartsWith("approval-waiting:", StringComparison.Ordinal) && !finalRounds.Contains(k));
            if (remindersLost > 0)
            {
                problems.Add($"{remindersLost} of {finalRounds.Count} approval-wait reminders never sent");
                foreach (var line in await MessageStateAsync(connectionString)) log("  province database: " + line);
                foreach (var line in service.Tail(30).Split('\n')) log("  service: " + line);
            }
            if (late > 0) problems.Add($"{late} of {finalRounds.Count} approval-wait reminders late, the last {lateBy.TotalSeconds:0} s past the window");
            if (copies > 0) problems.Add($"{copies} reminder deliveries received more than once");
            if (all.Any(d => d.Length == 0)) problems.Add("an e-mail without its delivery id");
            return new CaseResult("2 service killed", store, result, recoveries, chain.Max(), false, false, problems, new Dictionary<string, string>
            {
                ["reminders expected"] = finalRounds.Count.ToString(),
                ["reminders lost"] = remindersLost.ToString(),
                ["reminders late"] = late.ToString(),
                ["reminders sent twice"] = copies.ToString(),
                ["earlier rounds also reminded"] = earlierRounds.ToString(),
                ["e-mails received"] = all.Count.ToString(),
            });
        }
        finally
        {
            await stop.CancelAsync();
            await service.DisposeAsync();
        }
    }

    /// <summary>
    /// Case 3: the service reaches PostgreSQL through a loopback relay that is cut (refused, open connections dropped) for
    /// <c>size.Outage</c>, then restored: the service stays up, answers 503 with Retry-After, and recovers by itself.
    /// </summary>
    public async Task<CaseResult> DatabaseUnreachableAsync(CaseSize size)
    {
        var direct = await FreshDatabaseAsync("unreachable");
        var builder = new NpgsqlConnectionStringBuilder(direct);
        await using var proxy = new TcpProxy(builder.Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(direct) { Port = proxy.Port }.ConnectionString;
        // Development (on the committed generated code) for its local sign-in page: a signed-in reader's page is asked during the cut.
        var settings = Settings(viaProxy);
        settings["ASPNETCORE_ENVIRONMENT"] = "Development";
        settings["CodeGeneration__Development"] = "Static";
        await using var service = await ServiceProcess.StartAsync(settings);
        using var reader = await SignedInBrowserAsync(service.BaseAddress);
        var world = await World.CreateAsync(service.BaseAddress, size.Clients);
        using var load = new SubmissionLoad(() => service.BaseAddress, world);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(size.Clients, 1_000_000, stop.Token);
        await Task.Delay(size.BeforeFault);
        log($"  cutting the database connection for {size.Outage.TotalSeconds:0} s");
        load.FaultOn = true;
        await proxy.CutAsync();
        var health = new HealthWatch();
        var cut = Stopwatch.StartNew();
        var maxReadyMs = 0L;
        await Task.Delay(TimeSpan.FromSeconds(1));
        string page;
        using (var answer = await reader.GetAsync("/resolutions"))
            page = $"{(int)answer.StatusCode}{(answer.Headers.RetryAfter is null ? "" : $" Retry-After {answer.Headers.RetryAfter}")} " +
                   $"{answer.Content.Headers.ContentType?.MediaType}";
        while (cut.Elapsed < size.Outage)
        {
            var one = Stopwatch.StartNew();
            if (await service.StatusAsync("/health/ready") == HttpStatusCode.ServiceUnavailable) health.Ready503 = true;
            maxReadyMs = Math.Max(maxReadyMs, one.ElapsedMilliseconds);
            if (await service.StatusAsync("/health/live") != HttpStatusCode.OK) health.LiveNot200 = true;
            await Task.Delay(200);
        }
        proxy.Restore();
        var recovery = await health.UntilReadyAsync(service, TimeSpan.FromSeconds(90), seenDown: health.Ready503);
        load.FaultOn = false;
        var chain = await StoreCheck.SecondsUntilChainAdvancesAsync(direct, TimeSpan.FromSeconds(120));
        log($"  ready {recovery.TotalSeconds:0.0} s after the connection came back, chain advancing {chain:0.0} s after that");
        await Task.Delay(size.AfterFault);
        await stop.CancelAsync();
        var result = await running;
        var store = await StoreCheck.CheckAsync(direct, service.BaseAddress, result, TimeSpan.FromSeconds(90));
        var problems = Common(store, result);
        if (result.Unavailable503WithRetryAfter == 0) problems.Add("no 503 with Retry-After seen while the database was unreachable");
        if (!health.Ready503) problems.Add("readiness never said 503");
        if (health.LiveNot200) problems.Add("liveness failed");
        if (service.HasExited) problems.Add("the service exited");
        if (!page.StartsWith("503 Retry-After", StringComparison.Ordinal) || !page.EndsWith("text/html", StringComparison.Ordinal))
            problems.Add($"a page during the cut answered {page}, not 503 with Retry-After and the error page");
        return new CaseResult("3 database unreachable", store, result, [recovery.TotalSeconds], chain, health.Ready503, !health.LiveNot200, problems,
            new Dictionary<string, string> { ["outage seconds"] = size.Outage.TotalSeconds.ToString("0"), ["slowest readiness answer while cut (ms)"] = maxReadyMs.ToString(), ["page during the cut"] = page });
    }

    /// <summary>
    /// Case 5: pg_dump of the live store (the cluster's own pg_dump), restored with pg_restore into a fresh database; a service
    /// on the copy gives the same answers to a set of GETs and verifies to the same chain head.
    /// </summary>
    public async Task<CaseResult> BackupRestoreAsync(CaseSize size)
    {
        var live = await FreshDatabaseAsync("backup_live");
        var problems = new List<string>();
        LoadResult result;
        StoreFigures store;
        Dictionary<string, string> answers;
        await using (var service = await ServiceProcess.StartAsync(Settings(live)))
        {
            var world = await World.CreateAsync(service.BaseAddress, size.Clients);
            using var load = new SubmissionLoad(() => service.BaseAddress, world);
            result = await load.RunAsync(size.Clients, size.BackupSubmissions / size.Clients, CancellationToken.None);
            store = await StoreCheck.CheckAsync(live, service.BaseAddress, result, TimeSpan.FromSeconds(90));
            problems.AddRange(Common(store, result));
            answers = await AnswersAsync(service.BaseAddress, world, result);
        }

        // The national database and the province's, each dumped and restored: the copy's province database is named after the
        // copy's national one, as the service looks for it there.
        var binaries = PostgresBinaries.Locate(null, PostgresBinaries.DefaultCandidateDirectories()).Directory;
        var restored = await FreshDatabaseAsync("backup_restored");
        var provinceCopy = new NpgsqlConnectionStringBuilder(StoreCheck.ProvinceOf(restored));
        await using (var admin = new NpgsqlConnection(restored))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database \"{provinceCopy.Database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var (dumpSeconds, restoreSeconds, dumpBytes) = (0.0, 0.0, 0L);
        foreach (var (from, to) in new[] { (live, restored), (StoreCheck.ProvinceOf(live), provinceCopy.ConnectionString) })
        {
            var source = new NpgsqlConnectionStringBuilder(from);
            var target = new NpgsqlConnectionStringBuilder(to);
            var dump = Path.Combine(Path.GetTempPath(), $"monitoring-faults-{Guid.NewGuid():N}.dump");
            var watch = Stopwatch.StartNew();
            await RunAsync(Path.Combine(binaries, "pg_dump"), ["-h", "127.0.0.1", "-p", source.Port.ToString(), "-U", "postgres", "-Fc", "-f", dump, source.Database!], source.Password!);
            dumpSeconds += watch.Elapsed.TotalSeconds;
            watch.Restart();
            await RunAsync(Path.Combine(binaries, "pg_restore"), ["-h", "127.0.0.1", "-p", target.Port.ToString(), "-U", "postgres", "--no-owner", "--exit-on-error", "-d", target.Database!, dump], source.Password!);
            restoreSeconds += watch.Elapsed.TotalSeconds;
            dumpBytes += new FileInfo(dump).Length;
            File.Delete(dump);
        }

        var same = 0;
        var identical = 0;
        await using (var copy = await ServiceProcess.StartAsync(Settings(restored)))
        {
            var (verify, _) = await StoreCheck.SettledVerificationAsync(copy.BaseAddress, TimeSpan.FromSeconds(60));
            if (verify.GetProperty("headSequence").GetInt64() != store.HeadSequence || verify.GetProperty("headHash").GetString() != store.HeadHash)
                problems.Add($"restored chain head {verify.GetProperty("headSequence")} {verify.GetProperty("headHash")} differs from live {store.HeadSequence} {store.HeadHash}");
            if (!verify.GetProperty("ok").GetBoolean()) problems.Add("restored verify not ok");
            foreach (var (url, expected) in answers)
            {
                var actual = await GetAsync(copy.BaseAddress, url);
                if (expected == actual) identical++;
                if (JsonEqual(expected, actual)) same++;
                else problems.Add($"GET {url} differs after restore: {FirstDifference(expected, actual)}");
            }
        }
        return new CaseResult("5 backup and restore", store, result, [], 0, false, false, problems, new Dictionary<string, string>
        {
            ["GET answers compared"] = answers.Count.ToString(),
            ["GET answers equal (JSON, the moment of asking aside)"] = same.ToString(),
            ["of them byte-identical"] = identical.ToString(),
            ["dump bytes"] = dumpBytes.ToString(),
            ["pg_dump seconds"] = dumpSeconds.ToString("0.0"),
            ["pg_restore seconds"] = restoreSeconds.ToString("0.0"),
            ["head"] = $"{store.HeadSequence} {store.HeadHash[..Math.Min(16, store.HeadHash.Length)]}…",
        });
    }

    /// <summary>
    /// Case 4: every projection rebuilt from the events (the service's own <c>rebuild</c> command, the service stopped) gives the
    /// documents the service kept live, row for row, and the same answers to the same GETs.
    /// </summary>
    public async Task<CaseResult> RebuildEqualsLiveAsync(CaseSize size)
    {
        var live = await FreshDatabaseAsync("rebuild");
        var problems = new List<string>();
        LoadResult result;
        StoreFigures store;
        Dictionary<string, string> answers;
        World world;
        await using (var service = await ServiceProcess.StartAsync(Settings(live)))
        {
            world = await World.CreateAsync(service.BaseAddress, size.Clients);
            using var load = new SubmissionLoad(() => service.BaseAddress, world);
            result = await load.RunAsync(size.Clients, size.BackupSubmissions / size.Clients, CancellationToken.None);
            store = await StoreCheck.CheckAsync(live, service.BaseAddress, result, TimeSpan.FromSeconds(90));
            problems.AddRange(Common(store, result));
            answers = await AnswersAsync(service.BaseAddress, world, result);
        }
        var before = await ProjectedDocumentsAsync(live);

        var watch = Stopwatch.StartNew();
        var (exit, said) = await ServiceProcess.RunCommandAsync(Settings(live), TimeSpan.FromMinutes(10), "rebuild");
        var rebuildSeconds = watch.Elapsed.TotalSeconds;
        if (exit != 0) problems.Add($"rebuild exited {exit}: {said}");
        var after = await ProjectedDocumentsAsync(live);
        var differing = before.Where(d => after.GetValueOrDefault(d.Key) != d.Value).Select(d => d.Key)
            .Concat(after.Keys.Except(before.Keys)).ToList();
        if (differing.Count > 0) problems.Add($"{differing.Count} projected documents differ after the rebuild, e.g. {string.Join(", ", differing.Take(3))}");

        var same = 0;
        await using (var rebuilt = await ServiceProcess.StartAsync(Settings(live)))
            foreach (var (url, expected) in answers)
            {
                var actual = await GetAsync(rebuilt.BaseAddress, url);
                if (JsonEqual(expected, actual)) same++;
                else problems.Add($"GET {url} differs after the rebuild: {FirstDifference(expected, actual)}");
            }
        return new CaseResult("4 rebuild equals live", store, result, [], 0, false, false, problems, new Dictionary<string, string>
        {
            ["projected documents compared"] = before.Count.ToString(),
            ["equal after the rebuild"] = (before.Count - differing.Count).ToString(),
            ["rebuild seconds (the command, start-up included)"] = rebuildSeconds.ToString("0.0"),
            ["GET answers equal"] = $"{same} of {answers.Count}",
        });
    }

    /// <summary>
    /// Case 6: a signed checkpoint is taken; then, as an administrator with the triggers off would, the last events and their
    /// links are deleted. The chain alone still verifies (the weakness checkpoints exist for); checked against the checkpoint,
    /// the service names the truncation.
    /// </summary>
    public async Task<CaseResult> TruncationCaughtAsync(CaseSize size)
    {
        var live = await FreshDatabaseAsync("truncation");
        var problems = new List<string>();
        await using var service = await ServiceProcess.StartAsync(Settings(live));
        var world = await World.CreateAsync(service.BaseAddress, size.Clients);
        using var load = new SubmissionLoad(() => service.BaseAddress, world);
        var result = await load.RunAsync(size.Clients, size.BackupSubmissions / size.Clients, CancellationToken.None);
        var store = await StoreCheck.CheckAsync(live, service.BaseAddress, result, TimeSpan.FromSeconds(90));
        problems.AddRange(Common(store, result));

        using var http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", World.Token(Roles.Committee));
        var checkpoint = await http.GetStringAsync("/api/audit/checkpoint");
        var seen = JsonDocument.Parse(checkpoint).RootElement.GetProperty("headSequence").GetInt64();
        const int removed = 10;
        await using (var connection = new NpgsqlConnection(StoreCheck.ProvinceOf(live)))
        {
            await connection.OpenAsync();
            await using var delete = new NpgsqlCommand(
                "set session_replication_role = replica; " +
                $"delete from monitoring.mt_audit_chain where seq_id > {seen - removed}; delete from monitoring.mt_events where seq_id > {seen - removed}; " +
                "set session_replication_role = origin;", connection);
            await delete.ExecuteNonQueryAsync();
        }
        var plain = JsonDocument.Parse(await http.GetStringAsync("/api/audit/verify")).RootElement;
        var watch = Stopwatch.StartNew();
        using var answer = await http.PostAsync("/api/audit/verify", new StringContent(checkpoint, System.Text.Encoding.UTF8, "application/json"));
        var against = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        var seconds = watch.Elapsed.TotalSeconds;
        var named = against.TryGetProperty("problem", out var problem) ? problem.GetString() : null;
        if (named != "truncated") problems.Add($"verification against the checkpoint said {named ?? "nothing"}: {against}");
        return new CaseResult("6 truncation caught", store, result, [], 0, false, false, problems, new Dictionary<string, string>
        {
            ["checkpoint head"] = seen.ToString(),
            ["events deleted at the tail"] = removed.ToString(),
            ["plain verify after the deletion"] = plain.GetProperty("ok").GetBoolean() ? "ok (cannot see it)" : "broken",
            ["against the checkpoint"] = named ?? "—",
            ["check seconds"] = seconds.ToString("0.00"),
        });
    }

    /// <summary>Every projected document's data, by table and id (the rows a rebuild throws away and folds again).</summary>
    private static async Task<Dictionary<string, string>> ProjectedDocumentsAsync(string national)
    {
        string[] notProjected = ["mt_doc_idempotentresponse", "mt_doc_reviewfile", "mt_doc_notification", "mt_doc_notificationdelivery",
            "mt_doc_webhooksecrets", "mt_doc_remindersweeprun"];
        await using var connection = new NpgsqlConnection(StoreCheck.ProvinceOf(national));
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select table_name from information_schema.tables where table_schema = 'monitoring' and table_name like 'mt_doc_%'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var documents = new Dictionary<string, string>();
        foreach (var table in tables.Except(notProjected))
        {
            await using var rows = new NpgsqlCommand($"select id::text, data::text from monitoring.{table}", connection);
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync()) documents[$"{table}/{reader.GetString(0)}"] = reader.GetString(1);
        }
        return documents;
    }

    /// <summary>
    /// SIGKILL to the postmaster alone (its backends finish what they are doing and go), or, as <c>docker kill</c> and systemd's
    /// default kill mode do, to the postmaster and every backend at once: then every pooled connection is broken that instant.
    /// </summary>
    private async Task KillAsync(int postmaster, bool wholeServer)
    {
        var victims = new List<int> { postmaster };
        if (wholeServer) victims.AddRange(ChildrenOf(postmaster));
        log(wholeServer ? $"  kill -9 postmaster {postmaster} and its {victims.Count - 1} backends" : $"  kill -9 postmaster {postmaster}");
        using var kill = Process.Start("kill", ["-KILL", .. victims.Select(p => p.ToString())])!;
        await kill.WaitForExitAsync();
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(directory, "stat")); }
            catch (IOException) { continue; }
            // pid (comm) state ppid ...: the command may hold spaces and parentheses, so read after its last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], out var ppid) && ppid == parent) yield return pid;
        }
    }

    /// <summary>
    /// Right after a kill, a reader asks <c>GET /api/units</c> every 20 ms until it is answered 503 (with or without Retry-After)
    /// or 10 s pass: a restart faster than the load's next request on a fresh connection still shows its 503 here.
    /// </summary>
    private static async Task<string> ProbeFor503Async(Uri service)
    {
        using var http = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromSeconds(10) };
        var token = World.Token(Roles.Committee);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/units");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            try
            {
                using var response = await http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    return response.Headers.RetryAfter?.Delta is { } after ? $"503 Retry-After {after.TotalSeconds:0}" : "503 without Retry-After";
                if ((int)response.StatusCode >= 500) return $"{(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(20);
        }
        return NoOutageSeen;
    }

    private const string NoOutageSeen = "answered normally for 10 s";

    /// <summary>
    /// What a database kill must show. A reader answered normally for the whole probe was served by the killed postmaster's
    /// backends, which finish their work before they go: the database was not away for it. What must never be seen is
    /// another error, or a 503 without Retry-After; and the case as a whole must have shown the 503 with Retry-After it promises.
    /// </summary>
    private static IEnumerable<string> WhileTheDatabaseWasKilled(IReadOnlyList<string> probes, LoadResult result, HealthWatch health)
    {
        if (probes.Any(p => !p.StartsWith("503 Retry-After", StringComparison.Ordinal) && p != NoOutageSeen))
            yield return $"a reader right after the kill got {string.Join(", ", probes)}, not 503 with Retry-After";
        if (result.Unavailable503WithRetryAfter + probes.Count(p => p.StartsWith("503 Retry-After", StringComparison.Ordinal)) == 0)
            yield return "no 503 with Retry-After was seen while the database was away";
        if (!health.Ready503) yield return "readiness never said 503";
        if (health.LiveNot200) yield return "liveness failed";
    }

    /// <summary>The service's log lines about requests it refused with 409 (a refusal under a fault is worth reading).</summary>
    private static IEnumerable<string> Refusals(ServiceProcess service)
    {
        var lines = service.Output.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].Contains("Request refused with 409")) yield return string.Join(" ", lines.Skip(i).Take(2)).Trim();
    }

    /// <summary>The approval-wait reminder key of each submission's last round, from the stored submissions.</summary>
    private static async Task<HashSet<string>> FinalRoundKeysAsync(string connectionString, IReadOnlyCollection<Guid> submissions)
    {
        var keys = new HashSet<string>();
        await using var connection = new NpgsqlConnection(StoreCheck.ProvinceOf(connectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select id, coalesce(data->>'LastSubmittedAt', data->>'lastSubmittedAt') from monitoring.mt_doc_submission where id = any($1)", connection)
        {
            Parameters = { new NpgsqlParameter { Value = submissions.ToArray() } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            keys.Add(Monitoring.Domain.Notifications.Reminders.ApprovalWaitingKey(reader.GetGuid(0),
                DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture)));
        return keys;
    }

    /// <summary>Each recorded notification's key and its deliveries' ids.</summary>
    /// <summary>Where the province's messages and notifications stand (for a case that missed reminders).</summary>
    private static async Task<List<string>> MessageStateAsync(string connectionString)
    {
        var lines = new List<string>();
        await using var connection = new NpgsqlConnection(StoreCheck.ProvinceOf(connectionString));
        await connection.OpenAsync();
        foreach (var sql in new[]
                 {
                     "select 'incoming ' || message_type || ' ' || status || ' owner ' || owner_id || ': ' || count(*) || ', due ' || coalesce(min(execution_time)::text, '-') || ' .. ' || coalesce(max(execution_time)::text, '-') from wolverine.wolverine_incoming_envelopes group by message_type, status, owner_id",
                     "select 'dead letters ' || message_type || ': ' || count(*) || ' ' || coalesce(max(exception_message), '') from wolverine.wolverine_dead_letters group by message_type",
                     "select 'notifications ' || coalesce(data->>'Kind', '?') || ' ' || coalesce(data->>'Status', '?') || ': ' || count(*) from monitoring.mt_doc_notification group by data->>'Kind', data->>'Status'",
                     "select 'deliveries ' || coalesce(data->>'Status', '?') || ': ' || count(*) from monitoring.mt_doc_notificationdelivery group by data->>'Status'",
                     "select 'now ' || now()::text",
                 })
        {
            try
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) lines.Add(reader.IsDBNull(0) ? "(null)" : reader.GetString(0));
            }
            catch (PostgresException e) { lines.Add($"({e.MessageText})"); }
        }
        return lines;
    }

    private static async Task<Dictionary<string, string[]>> DeliveriesAsync(string connectionString)
    {
        var deliveries = new Dictionary<string, List<string>>();
        await using var connection = new NpgsqlConnection(StoreCheck.ProvinceOf(connectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select coalesce(data->>'NotificationId', data->>'notificationId'), id from monitoring.mt_doc_notificationdelivery", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (!deliveries.TryGetValue(reader.GetString(0), out var ids)) deliveries[reader.GetString(0)] = ids = [];
            ids.Add(reader.GetString(1));
        }
        return deliveries.ToDictionary(d => d.Key, d => d.Value.ToArray());
    }

    /// <summary>A browser signed in as the committee through the Development sign-in page (its cookie kept).</summary>
    private static async Task<HttpClient> SignedInBrowserAsync(Uri service)
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = service, Timeout = TimeSpan.FromSeconds(45),
        };
        var form = await (await browser.GetAsync("/sign-in")).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        if (!token.Success) throw new InvalidOperationException("No sign-in form: " + form[..Math.Min(300, form.Length)]);
        using var signIn = await browser.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["role"] = Roles.Committee, ["unit"] = "", ["name"] = "",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in answered {(int)signIn.StatusCode}");
        return browser;
    }

    private static async Task<Dictionary<string, string>> AnswersAsync(Uri service, World world, LoadResult load)
    {
        var urls = new List<string> { "/api/units", "/api/resolutions", $"/api/resolutions/{world.ResolutionId}", $"/api/resolutions/{world.ResolutionId}/overview",
            "/api/submissions", "/api/audit/verify", "/api/targets" };
        urls.AddRange(world.Units.SelectMany(u => u.Targets).Take(10).Select(t => $"/api/targets/{t}"));
        urls.AddRange(load.Acknowledged.Keys.OrderBy(k => k).Take(20).Select(r => $"/api/reports/{r}"));
        urls.AddRange(load.Acknowledged.Values.SelectMany(s => s).Distinct().OrderBy(k => k).Take(10).Select(s => $"/api/submissions/{s}"));
        var answers = new Dictionary<string, string>();
        foreach (var url in urls) answers[url] = await GetAsync(service, url);
        return answers;
    }

    private static async Task<string> GetAsync(Uri service, string url)
    {
        using var http = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", World.Token(Roles.Committee));
        using var response = await http.SendAsync(request);
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    private static bool JsonEqual(string a, string b)
    {
        if (a == b) return true;
        return FirstDifference(a, b) == "(equal)";
    }

    private static string FirstDifference(string a, string b)
    {
        if (a[..3] != b[..3]) return $"status {a[..3]} vs {b[..3]}";
        try { return Difference("$", JsonDocument.Parse(a[4..]).RootElement, JsonDocument.Parse(b[4..]).RootElement) ?? "(equal)"; }
        catch (JsonException) { return "not JSON"; }
    }

    private static string? Difference(string path, JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind) return $"{path}: {a} vs {b}";
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in a.EnumerateObject())
                {
                    // The moment of asking (an answer "as known now" says when now was, as an instant and in its sentence): not stored data.
                    if (p.Name is "knownAt" or "text" && path.EndsWith(".basis", StringComparison.Ordinal)) continue;
                    if (!b.TryGetProperty(p.Name, out var other)) return $"{path}.{p.Name} missing after restore";
                    if (Difference($"{path}.{p.Name}", p.Value, other) is { } d) return d;
                }
                return a.EnumerateObject().Count() == b.EnumerateObject().Count() ? null : $"{path}: more properties after restore";
            case JsonValueKind.Array:
                var (x, y) = (a.EnumerateArray().ToList(), b.EnumerateArray().ToList());
                if (x.Count != y.Count) return $"{path}: {x.Count} items vs {y.Count}";
                for (var i = 0; i < x.Count; i++)
                    if (Difference($"{path}[{i}]", x[i], y[i]) is { } d) return d;
                return null;
            default:
                return JsonElement.DeepEquals(a, b) ? null : $"{path}: {a} vs {b}";
        }
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, string password)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await output}{await error}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null) await _cluster.StopAsync();
        try { if (Directory.Exists(_clusterRoot)) Directory.Delete(_clusterRoot, recursive: true); } catch (Exception) { }
    }
}
