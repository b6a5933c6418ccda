using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Monitoring.Api.Tests.Hosting;

/// <summary>
/// Three real service processes on one PostgreSQL database behind a round-robin balancer (NodeCluster): concurrent
/// submissions lose and duplicate nothing and every event is linked into the chain once; the node linking the chain is
/// killed hard and another takes over; every node is restarted in turn under load without a failed request; a browser
/// signed in on one node stays signed in on another.
/// </summary>
[Collection(SeveralNodesCollection.Name)]
public class SeveralNodesTests(SeveralNodesFixture fixture, ITestOutputHelper output) : IClassFixture<SeveralNodesFixture>
{
    private NodeCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Concurrent_submissions_through_every_node_are_all_stored_once_and_linked_into_the_chain_once()
    {
        var load = await fixture.RunLoadAsync(clients: 8, perClient: 25);
        output.WriteLine($"{load.Acknowledged.Count} acknowledged in {load.Seconds:0.0} s ({load.Acknowledged.Count / load.Seconds:0} submissions/s), {Cluster.Retries} retries");
        load.Failures.ShouldBeEmpty(Cluster.Output);
        load.Acknowledged.Count.ShouldBe(200);
        await fixture.AssertStoredOnceAndChainedAsync(load, output);
    }

    [Fact]
    public async Task When_the_node_linking_the_chain_is_killed_another_takes_over_within_a_bounded_time()
    {
        var holder = await Cluster.WaitForDaemonHolderAsync(TimeSpan.FromSeconds(60));
        using var stop = new CancellationTokenSource();
        var running = fixture.RunLoadAsync(clients: 4, perClient: 100_000, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var lastEventAtKill = await Cluster.ScalarAsync("select coalesce(max(seq_id), 0) from monitoring.mt_events");
        holder.Process!.KillHard();
        var watch = Stopwatch.StartNew();
        // Taken over: an event appended after the kill is linked (only a live node can have linked it).
        while (await Cluster.ScalarAsync("select coalesce(max(seq_id), 0) from monitoring.mt_audit_chain") <= lastEventAtKill)
        {
            watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), Cluster.Output);
            await Task.Delay(100);
        }
        var takeover = watch.Elapsed;
        var successor = await Cluster.DaemonHolderAsync();
        output.WriteLine($"{holder.Name} killed; {successor?.Name} linked the chain {takeover.TotalSeconds:0.0} s later");
        successor.ShouldNotBeNull();
        successor.ShouldNotBe(holder);
        takeover.ShouldBeLessThan(TimeSpan.FromSeconds(30));

        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        var load = await running;
        await Cluster.StartNodeAsync(holder);
        output.WriteLine($"{load.Acknowledged.Count} acknowledged, {Cluster.Retries} retries so far");
        load.Failures.ShouldBeEmpty(Cluster.Output);
        await fixture.AssertStoredOnceAndChainedAsync(load, output);
    }

    [Fact]
    public async Task A_rolling_restart_of_every_node_under_load_fails_no_request()
    {
        using var stop = new CancellationTokenSource();
        var running = fixture.RunLoadAsync(clients: 4, perClient: 100_000, stop.Token);
        var retriesBefore = Cluster.Retries;
        foreach (var node in Cluster.Nodes)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var watch = Stopwatch.StartNew();
            node.Process!.Terminate();
            // Readiness goes 503 while the node still serves.
            while (node.Ready && watch.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(50);
            node.Ready.ShouldBeFalse();
            (await node.Process.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBe(0, node.Process.Output);
            output.WriteLine($"{node.Name} stopped in {watch.Elapsed.TotalSeconds:0.0} s");
            await Cluster.StartNodeAsync(node);
        }
        await stop.CancelAsync();
        var load = await running;
        output.WriteLine($"{load.Acknowledged.Count} acknowledged during the rolling restart, {Cluster.Retries - retriesBefore} requests sent again after a connection failure");
        load.Failures.ShouldBeEmpty(Cluster.Output);
        load.Acknowledged.Count.ShouldBeGreaterThan(20);
        await fixture.AssertStoredOnceAndChainedAsync(load, output);
    }

    [Fact]
    public async Task A_browser_signed_in_on_one_node_is_signed_in_on_another()
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        var (a, b) = (Cluster.Nodes[0], Cluster.Nodes[1]);

        // The Development sign-in page of node A: its antiforgery token, then the form.
        var page = await (await browser.GetAsync(new Uri(a.BaseAddress, "/sign-in"))).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        token.Success.ShouldBeTrue(page);
        var signIn = await browser.PostAsync(new Uri(a.BaseAddress, "/sign-in"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["role"] = Roles.Committee, ["unit"] = "", ["name"] = "",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signIn.Content.ReadAsStringAsync());

        // The same cookie (it is for 127.0.0.1, any port) on node B: the page, not the sign-in redirect.
        var onB = await browser.GetAsync(new Uri(b.BaseAddress, "/resolutions"));
        onB.StatusCode.ShouldBe(HttpStatusCode.OK, onB.Headers.Location?.ToString());
        (await onB.Content.ReadAsStringAsync()).ShouldContain("NODES-1");
        using var stranger = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var unsigned = await stranger.GetAsync(new Uri(b.BaseAddress, "/resolutions"));
        unsigned.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        unsigned.Headers.Location!.ToString().ShouldContain("/sign-in");
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public class SeveralNodesCollection
{
    public const string Name = "several nodes";
}

public sealed record LoadResult(IReadOnlyCollection<Guid> Acknowledged, IReadOnlyCollection<string> Failures, double Seconds);

/// <summary>The three nodes (Development, on the committed generated code, so the sign-in page exists) and a data set.</summary>
public sealed class SeveralNodesFixture : IAsyncLifetime
{
    public NodeCluster Cluster { get; private set; } = null!;
    private readonly List<(string Token, Guid[] Targets)> _units = [];
    private static readonly string[] Periods = ["2021", "2022", "2023", "2021-H1", "2021-H2", "2022-H1", "2022-H2", "2023-H1"];
    private int _submission;

    public async Task InitializeAsync()
    {
        var database = await TestDatabases.CreateDatabaseAsync("several_nodes");
        Cluster = await NodeCluster.StartAsync(database, 3, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["CodeGeneration__Development"] = "Static",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        var secretariat = Token(Roles.Secretariat);
        var unitIds = new List<(string Code, Guid Id)>();
        for (var u = 1; u <= 8; u++)
        {
            var code = $"NODE-U{u}";
            var unit = await PostAsync("/api/units", new { code, name = $"Đơn vị {u}", kind = "Department" }, secretariat);
            unitIds.Add((code, unit.GetProperty("id").GetGuid()));
        }
        var resolution = await PostAsync("/api/resolutions", new
        {
            number = "NODES-1", kind = "Resolution", issuingBody = "Tỉnh ủy", issueDate = "2021-09-01", periodStartYear = 2021, periodEndYear = 2025,
            title = "Nghị quyết nhiều nút",
            targets = unitIds.SelectMany(u => Enumerable.Range(0, 5).Select(i => (object)new
            {
                code = $"{u.Code}-{i}", field = "Kinh tế", statement = $"Chỉ tiêu {u.Code}-{i}: đạt trên 213.000 tỷ đồng", shape = "LevelAtLeast",
                minimum = 213000, unitOfMeasure = "tỷ đồng", targetYear = 2025, baselineValue = 118000, baselineYear = 2020, leadUnitId = u.Id,
            })).ToArray(),
            tasks = Array.Empty<object>(),
        }, secretariat);
        var targets = resolution.GetProperty("targetIds").EnumerateArray().Select(e => e.GetGuid()).ToArray();
        for (var u = 0; u < unitIds.Count; u++)
            _units.Add((Token(Roles.Reporter, unitIds[u].Code), targets.Skip(u * 5).Take(5).ToArray()));
    }

    private static string Token(string role, string? unit = null) =>
        TokenIssuer.Mint(new AuthOptions { SigningKey = AppFixture.TestSigningKey }, $"{role}.{unit ?? "tinh"}@test", role, unit, TimeSpan.FromHours(2),
            DateTimeOffset.UtcNow);

    private async Task<JsonElement> PostAsync(string url, object body, string token)
    {
        using var response = await Cluster.SendAsync(() => Request(HttpMethod.Post, url, body, token, null));
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, $"{url}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, object? body, string token, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    /// <summary>
    /// <paramref name="clients"/> clients, each a unit of its own submitting one figure at a time with a fresh Idempotency-Key,
    /// through the balancer, until each sent <paramref name="perClient"/> or <paramref name="stop"/> is signalled.
    /// </summary>
    public async Task<LoadResult> RunLoadAsync(int clients, int perClient, CancellationToken stop = default)
    {
        var acknowledged = new ConcurrentBag<Guid>();
        var failures = new ConcurrentBag<string>();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var (token, targets) = _units[c % _units.Count];
            for (var i = 0; i < perClient && !stop.IsCancellationRequested; i++)
            {
                var n = Interlocked.Increment(ref _submission);
                var body = new
                {
                    period = Periods[n % Periods.Length],
                    figures = new[] { new { targetId = targets[n % targets.Length], value = 100 + n % 50, stage = "Estimate" } },
                };
                var key = Guid.NewGuid().ToString();
                try
                {
                    using var response = await Cluster.SendAsync(() => Request(HttpMethod.Post, "/api/reports", body, token, key));
                    var text = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode == HttpStatusCode.Created)
                        acknowledged.Add(JsonDocument.Parse(text).RootElement.GetProperty("reportId").GetGuid());
                    else failures.Add($"{(int)response.StatusCode}: {text}");
                }
                catch (Exception e)
                {
                    failures.Add(e.ToString());
                }
            }
        }));
        return new LoadResult(acknowledged.ToArray(), failures.ToArray(), watch.Elapsed.TotalSeconds);
    }

    /// <summary>Every acknowledged report is in the store once, no other report is, and every event is linked once.</summary>
    public async Task AssertStoredOnceAndChainedAsync(LoadResult load, ITestOutputHelper output)
    {
        load.Acknowledged.Distinct().Count().ShouldBe(load.Acknowledged.Count, "one report id acknowledged twice");
        var ids = string.Join(",", load.Acknowledged.Select(id => $"'{id}'"));
        if (load.Acknowledged.Count > 0)
            (await Cluster.ScalarAsync($"select count(*) from monitoring.mt_doc_progressreport where id in ({ids})")).ShouldBe(load.Acknowledged.Count);
        // No report beyond the acknowledged ones: every submission ever acknowledged in this database is counted by the fixture.
        (await Cluster.ScalarAsync("select count(*) from monitoring.mt_doc_progressreport")).ShouldBe(_acknowledgedSoFar += load.Acknowledged.Count);

        var committee = Token(Roles.Committee);
        var watch = Stopwatch.StartNew();
        JsonElement verify;
        while (true)
        {
            using var response = await Cluster.SendAsync(() => Request(HttpMethod.Get, "/api/audit/verify", null, committee, null));
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
            verify = JsonDocument.Parse(text).RootElement.Clone();
            if (verify.GetProperty("pendingEvents").GetInt64() == 0) break;
            watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), $"the chain did not settle: {text}\n{Cluster.Output}");
            await Task.Delay(250);
        }
        verify.GetProperty("ok").GetBoolean().ShouldBeTrue(verify.ToString());
        var events = await Cluster.ScalarAsync("select count(*) from monitoring.mt_events");
        (await Cluster.ScalarAsync("select count(*) from monitoring.mt_audit_chain")).ShouldBe(events);
        (await Cluster.ScalarAsync("select count(*) from monitoring.mt_audit_chain c where not exists (select 1 from monitoring.mt_events e where e.seq_id = c.seq_id)")).ShouldBe(0);
        output.WriteLine($"chain settled {watch.Elapsed.TotalSeconds:0.0} s after the load: {events} events, each linked once, verify ok");
    }

    private int _acknowledgedSoFar;

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
