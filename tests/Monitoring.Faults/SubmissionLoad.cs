using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Api.Infrastructure.Security;

namespace Monitoring.Faults;

/// <summary>The data the load writes to: one unit per client, five targets each, under one resolution.</summary>
public sealed class World
{
    public const string SigningKey = "faults-program-signing-key-0123456789-abcdefghijklmnop";
    public required IReadOnlyList<(string Token, Guid[] Targets)> Units { get; init; }
    public required Guid ResolutionId { get; init; }

    public static string Token(string role, string? unit = null) =>
        TokenIssuer.Mint(new AuthOptions { SigningKey = SigningKey }, $"{role}.{unit ?? "tinh"}@faults", role, unit, TimeSpan.FromHours(6), DateTimeOffset.UtcNow);

    public static async Task<World> CreateAsync(Uri service, int units)
    {
        using var http = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromSeconds(60) };
        var secretariat = Token(Roles.Secretariat);
        var ids = new List<(string Code, Guid Id)>();
        for (var u = 1; u <= units; u++)
        {
            var code = $"FAULT-U{u}";
            ids.Add((code, (await PostAsync(http, "/api/units", new { code, name = $"Đơn vị {u}", kind = "Department" }, secretariat)).GetProperty("id").GetGuid()));
        }
        var resolution = await PostAsync(http, "/api/resolutions", new
        {
            number = "FAULTS-1", kind = "Resolution", issuingBody = "Tỉnh ủy", issueDate = "2021-09-01", periodStartYear = 2021, periodEndYear = 2025,
            title = "Nghị quyết thử sự cố",
            targets = ids.SelectMany(u => Enumerable.Range(0, 5).Select(i => (object)new
            {
                code = $"{u.Code}-{i}", field = "Kinh tế", statement = $"Chỉ tiêu {u.Code}-{i}: đạt trên 213.000 tỷ đồng", shape = "LevelAtLeast",
                minimum = 213000, unitOfMeasure = "tỷ đồng", targetYear = 2025, baselineValue = 118000, baselineYear = 2020, leadUnitId = u.Id,
            })).ToArray(),
            tasks = Array.Empty<object>(),
        }, secretariat);
        var targets = resolution.GetProperty("targetIds").EnumerateArray().Select(e => e.GetGuid()).ToArray();
        return new World
        {
            Units = ids.Select((u, i) => (Token(Roles.Reporter, u.Code), targets.Skip(i * 5).Take(5).ToArray())).ToList(),
            ResolutionId = resolution.GetProperty("id").GetGuid(),
        };
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string url, object body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"POST {url} → {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>What the clients saw: every acknowledged report (with the submissions it went into) and every answer that was not one.</summary>
public sealed class LoadResult
{
    public ConcurrentDictionary<Guid, Guid[]> Acknowledged { get; } = new();
    /// <summary>Acknowledged twice under two different keys' report ids for one submission attempt: should never happen.</summary>
    public int AcknowledgedTwice;
    public int Unavailable503WithRetryAfter;
    public int Unavailable503WithoutRetryAfter;
    public int ServerErrors;
    public int ConnectionFailures;
    public int Refused4xx;
    /// <summary>Submissions given up after the per-submission limit without a definite answer.</summary>
    public int Unanswered;
    public long MaxAnswerMilliseconds;
    /// <summary>The slowest answer (or failure) to a request sent while a fault was on (see <see cref="SubmissionLoad.FaultOn"/>).</summary>
    public long MaxAnswerWhileFaultMilliseconds;
    public ConcurrentQueue<string> Samples { get; } = new();
    public double Seconds;
}

/// <summary>
/// Bounded concurrent submissions: each client submits one figure at a time for its own unit with a fresh Idempotency-Key and,
/// on anything that is not a definite answer (503, another 5xx, a broken or refused connection, a timeout), sends the same
/// request with the same key again until it gets one (201 or a 4xx) or gives up after <see cref="GiveUpAfter"/>.
/// </summary>
public sealed class SubmissionLoad(Func<Uri> service, World world) : IDisposable
{
    private static readonly string[] Periods = ["2021", "2022", "2023", "2021-H1", "2021-H2", "2022-H1", "2022-H2", "2023-H1"];
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(45);
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2), ConnectTimeout = TimeSpan.FromSeconds(5) })
    {
        Timeout = RequestTimeout,
    };
    private int _submission;

    /// <summary>Set by a case while its fault lasts (from the kill or cut until the service is ready again).</summary>
    public volatile bool FaultOn;

    private volatile bool _abandoned;

    /// <summary>A case that failed midway: its clients stop at once, even in the middle of retrying.</summary>
    public void Dispose()
    {
        _abandoned = true;
        _http.Dispose();
    }

    public async Task<LoadResult> RunAsync(int clients, int perClient, CancellationToken stop)
    {
        var result = new LoadResult();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => ClientAsync(c, perClient, result, stop)));
        result.Seconds = watch.Elapsed.TotalSeconds;
        return result;
    }

    private async Task ClientAsync(int client, int perClient, LoadResult result, CancellationToken stop)
    {
        var (token, targets) = world.Units[client % world.Units.Count];
        for (var i = 0; i < perClient && !stop.IsCancellationRequested && !_abandoned; i++)
        {
            var n = Interlocked.Increment(ref _submission);
            var body = new
            {
                period = Periods[n % Periods.Length],
                figures = new[] { new { targetId = targets[n % targets.Length], value = 100 + n % 50, stage = "Estimate" } },
            };
            await SubmitUntilAnsweredAsync(body, token, Guid.NewGuid().ToString(), result);
        }
    }

    private async Task SubmitUntilAnsweredAsync(object body, string token, string key, LoadResult result)
    {
        var giveUp = Stopwatch.StartNew();
        var wait = TimeSpan.FromMilliseconds(200);
        while (giveUp.Elapsed < GiveUpAfter && !_abandoned)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(service(), "/api/reports")) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Idempotency-Key", key);
            var one = Stopwatch.StartNew();
            var duringFault = FaultOn;
            try
            {
                using var response = await _http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                Max(ref result.MaxAnswerMilliseconds, one.ElapsedMilliseconds);
                if (duringFault) Max(ref result.MaxAnswerWhileFaultMilliseconds, one.ElapsedMilliseconds);
                var status = (int)response.StatusCode;
                if (status == 201)
                {
                    var answer = JsonDocument.Parse(text).RootElement;
                    var reportId = answer.GetProperty("reportId").GetGuid();
                    var submissions = answer.GetProperty("submissionIds").EnumerateArray().Select(e => e.GetGuid()).ToArray();
                    if (!result.Acknowledged.TryAdd(reportId, submissions)) Interlocked.Increment(ref result.AcknowledgedTwice);
                    return;
                }
                if (status == 503)
                {
                    if (response.Headers.RetryAfter?.Delta is { } after)
                    {
                        Interlocked.Increment(ref result.Unavailable503WithRetryAfter);
                        // Told when to come back; a load test comes back sooner (at most 1 s) to measure recovery closely.
                        wait = after < TimeSpan.FromSeconds(1) ? after : TimeSpan.FromSeconds(1);
                    }
                    else Interlocked.Increment(ref result.Unavailable503WithoutRetryAfter);
                }
                else if (status >= 500)
                {
                    Interlocked.Increment(ref result.ServerErrors);
                    Sample(result, $"{status}: {text[..Math.Min(300, text.Length)]}");
                }
                else
                {
                    Interlocked.Increment(ref result.Refused4xx);
                    Sample(result, $"{status}: {text[..Math.Min(300, text.Length)]}");
                    return;
                }
            }
            catch (ObjectDisposedException) { return; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Max(ref result.MaxAnswerMilliseconds, one.ElapsedMilliseconds);
                if (duringFault) Max(ref result.MaxAnswerWhileFaultMilliseconds, one.ElapsedMilliseconds);
                Interlocked.Increment(ref result.ConnectionFailures);
            }
            await Task.Delay(wait);
            wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, 1000));
        }
        Interlocked.Increment(ref result.Unanswered);
    }

    private static void Sample(LoadResult result, string line)
    {
        if (result.Samples.Count < 10) result.Samples.Enqueue(line);
    }

    private static void Max(ref long field, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref field)) && Interlocked.CompareExchange(ref field, value, seen) != seen) { }
    }
}
