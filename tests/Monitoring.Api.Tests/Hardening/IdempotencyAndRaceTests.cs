using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Monitoring.Api.Tests.Hardening;

/// <summary>
/// Keys belong to their caller; concurrent retries of one submission give one effect and one answer; co-operating units
/// reporting at the same moment are both recorded; and after all of it the hash chain still verifies.
/// </summary>
public class IdempotencyAndRaceTests(IdempotencyAndRaceTests.World world, ITestOutputHelper output) : IClassFixture<IdempotencyAndRaceTests.World>
{
    public sealed class World : AppFixture
    {
        public Guid UnitA, UnitB, Target, SharedTarget;
        public string ReporterA = "", ReporterB = "";

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            UnitA = await this.RegisterUnitAsync("RACE-A");
            UnitB = await this.RegisterUnitAsync("RACE-B");
            var resolution = await this.PostAsync("/api/resolutions", new
            {
                number = "RACE-01", kind = "Conclusion", issuingBody = "Tỉnh ủy", issueDate = "2021-10-20", periodStartYear = 2021, periodEndYear = 2025, title = "Kết luận thử đua",
                targets = new object[]
                {
                    new { field = "Kinh tế", statement = "Thu ngân sách tăng 10 – 12%/năm", shape = "GrowthRate", minimum = 10, maximum = 12, unitOfMeasure = "%/năm", targetYear = 2025, leadUnitId = UnitA },
                    new { field = "Kinh tế", statement = "Tổng vốn đầu tư đạt trên 160.000 tỷ đồng", shape = "Cumulative", minimum = 160000, unitOfMeasure = "tỷ đồng", targetYear = 2025, leadUnitId = UnitA, cooperatingUnitIds = new[] { UnitB } },
                },
            }, 201);
            Target = resolution.GetProperty("targetIds")[0].GetGuid();
            SharedTarget = resolution.GetProperty("targetIds")[1].GetGuid();
            ReporterA = TokenFor(Roles.Reporter, "RACE-A");
            ReporterB = TokenFor(Roles.Reporter, "RACE-B");
        }

        public HttpClient Client(string token, string? key = null)
        {
            var client = Host.Server.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (key is not null) client.DefaultRequestHeaders.Add("Idempotency-Key", key);
            return client;
        }
    }

    [Fact]
    public async Task Another_caller_sending_the_same_key_is_judged_as_its_own_request()
    {
        var body = new { period = "2022", figures = new[] { new { targetId = world.Target, value = 14.1, stage = "Official" } } };
        var first = await world.PostAsync("/api/reports", body, 201, s => s.WithRequestHeader("Idempotency-Key", "owned-key-1"), world.ReporterA);
        var reportId = first.GetProperty("reportId").GetGuid();

        // Reporter B replays A's key and body: B may not report on A's target, and never sees A's answer.
        var before = await world.EventCountAsync();
        var stolen = await world.Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl("/api/reports");
            s.WithRequestHeader("Idempotency-Key", "owned-key-1");
            s.Authorized(world.ReporterB);
            s.StatusCodeShouldBe(403);
        });
        (await world.EventCountAsync()).ShouldBe(before);
        var text = await stolen.ReadAsTextAsync();
        text.ShouldNotContain(reportId.ToString());
        stolen.Context.Response.Headers.ContainsKey("Idempotent-Replayed").ShouldBeFalse();

        // The secretariat sending the same key and body records on the unit's behalf only if it names the unit: its own request.
        await world.RefusedAsync(() => world.PostAsync("/api/reports", body, 400, s => s.WithRequestHeader("Idempotency-Key", "owned-key-1")));

        // B using the same key for its own report gets its own, new answer.
        var own = await world.PostAsync("/api/reports", new { period = "2022", figures = new[] { new { targetId = world.SharedTarget, value = 30000, stage = "Official" } } },
            201, s => s.WithRequestHeader("Idempotency-Key", "owned-key-1"), world.ReporterB);
        own.GetProperty("reportId").GetGuid().ShouldNotBe(reportId);

        // A's retry still gets A's first answer.
        var replay = await world.PostAsync("/api/reports", body, 201, s => s.WithRequestHeader("Idempotency-Key", "owned-key-1"), world.ReporterA);
        replay.GetProperty("reportId").GetGuid().ShouldBe(reportId);
    }

    [Fact]
    public async Task An_unusable_key_is_a_400_naming_the_header()
    {
        var body = new { period = "2022", figures = new[] { new { targetId = world.Target, value = 14.1, stage = "Official" } } };
        var problem = await world.RefusedAsync(() => world.PostAsync("/api/reports", body, 400, s => s.WithRequestHeader("Idempotency-Key", new string('k', 201)), world.ReporterA));
        problem.ErrorFields().ShouldBe(["Idempotency-Key"]);
    }

    [Fact]
    public async Task Racing_retries_of_one_submission_have_one_effect_one_answer_and_leave_a_verifiable_chain()
    {
        const int rounds = 6, racers = 12;
        for (var round = 0; round < rounds; round++)
        {
            var key = $"race-{round}-{Guid.NewGuid():N}";
            var body = new { period = $"{2021 + round % 4}-H{1 + round % 2}", figures = new[] { new { targetId = world.Target, value = 10 + round, stage = "Estimate" } }, narrative = new { results = $"Vòng {round}" } };
            var reportsBefore = await CountAsync("select count(*) from monitoring.mt_events where type = 'report_submitted'");
            using var gate = new SemaphoreSlim(0);
            var attempts = Enumerable.Range(0, racers).Select(async _ =>
            {
                using var client = world.Client(world.ReporterA, key);
                await gate.WaitAsync();
                var response = await client.PostAsJsonAsync("/api/reports", body);
                return (response.StatusCode, Text: await response.Content.ReadAsStringAsync());
            }).ToList();
            gate.Release(racers);
            var answers = await Task.WhenAll(attempts);

            answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Created || a.StatusCode == HttpStatusCode.Conflict, string.Join("\n", answers.Select(a => $"{a.StatusCode} {a.Text}")));
            var ids = answers.Where(a => a.StatusCode == HttpStatusCode.Created)
                .Select(a => JsonDocument.Parse(a.Text).RootElement.GetProperty("reportId").GetGuid()).Distinct().ToList();
            ids.Count.ShouldBe(1, "every successful answer is the same answer");
            (await CountAsync("select count(*) from monitoring.mt_events where type = 'report_submitted'")).ShouldBe(reportsBefore + 1, "exactly one effect");
            output.WriteLine($"round {round}: {answers.Count(a => a.StatusCode == HttpStatusCode.Created)} × 201, {answers.Count(a => a.StatusCode == HttpStatusCode.Conflict)} × 409");
        }

        var verification = await SettledVerificationAsync();
        output.WriteLine(verification.ToString());
        verification.GetProperty("ok").GetBoolean().ShouldBeTrue(verification.ToString());
        var feed = await FeedCountAsync();
        verification.GetProperty("eventsChecked").GetInt64().ShouldBe(feed, verification.ToString());
        output.WriteLine($"verified: {verification}");
        // Marten wrote gap markers for the transactions that lost the race; they are linked and checked too.
        var markers = await CountAsync($"select count(*) from monitoring.mt_events e where {Monitoring.Api.Audit.AuditChain.GapMarkerSql}");
        verification.GetProperty("gapMarkersChecked").GetInt64().ShouldBe(markers);
        if (markers == 0) return;

        // A gap marker is accepted unsealed only in its exact shape: one given content is caught.
        var marker = await CountAsync($"select min(seq_id) from monitoring.mt_events e where {Monitoring.Api.Audit.AuditChain.GapMarkerSql}");
        await TamperAsync($"update monitoring.mt_events set data = '{{\"value\": 99}}' where seq_id = {marker}");
        var broken = await world.GetAsync("/api/audit/verify", token: world.TokenFor(Roles.Auditor));
        broken.GetProperty("ok").GetBoolean().ShouldBeFalse();
        broken.GetProperty("firstBreak").GetProperty("sequence").GetInt64().ShouldBe(marker);
        await TamperAsync($"update monitoring.mt_events set data = '{{}}' where seq_id = {marker}");
        (await world.GetAsync("/api/audit/verify", token: world.TokenFor(Roles.Auditor))).GetProperty("ok").GetBoolean().ShouldBeTrue();
    }

    private async Task TamperAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(world.ConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await new NpgsqlCommand("set local session_replication_role = replica", connection, tx).ExecuteNonQueryAsync();
        await new NpgsqlCommand(sql, connection, tx).ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    [Fact]
    public async Task Co_operating_units_reporting_on_one_target_at_the_same_moment_are_both_recorded()
    {
        for (var round = 0; round < 5; round++)
        {
            var period = $"202{1 + round % 3}-H{1 + round % 2}";
            using var gate = new SemaphoreSlim(0);
            var sends = new[] { (world.ReporterA, 1000m + round), (world.ReporterB, 2000m + round), (world.ReporterA, 3000m + round), (world.ReporterB, 4000m + round) }
                .Select(async x =>
                {
                    using var client = world.Client(x.Item1);
                    await gate.WaitAsync();
                    var response = await client.PostAsJsonAsync("/api/reports", new { period, figures = new[] { new { targetId = world.SharedTarget, value = x.Item2, stage = "Estimate" } } });
                    return (response.StatusCode, Text: await response.Content.ReadAsStringAsync());
                }).ToList();
            gate.Release(4);
            var answers = await Task.WhenAll(sends);
            answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Created, string.Join("\n", answers.Select(a => $"{a.StatusCode} {a.Text}")));
        }
        var timeline = await world.GetAsync($"/api/targets/{world.SharedTarget}/timeline");
        var values = timeline.GetProperty("figures").EnumerateArray().Select(f => f.GetProperty("figure").GetProperty("value").GetDecimal()).ToList();
        foreach (var round in Enumerable.Range(0, 5))
            foreach (var value in new[] { 1000m, 2000m, 3000m, 4000m })
                values.ShouldContain(value + round);
    }

    [Fact]
    public async Task A_stale_expected_version_still_gets_a_409_and_appends_nothing()
    {
        var status = await world.GetAsync($"/api/targets/{world.SharedTarget}");
        var version = status.GetProperty("version").GetInt64();
        await world.PostAsync("/api/reports", new { period = "2024", figures = new[] { new { targetId = world.SharedTarget, value = 5000, stage = "Estimate", expectedVersion = version } } }, 201, token: world.ReporterA);
        await world.RefusedAsync(() => world.PostAsync("/api/reports",
            new { period = "2024", figures = new[] { new { targetId = world.SharedTarget, value = 6000, stage = "Estimate", expectedVersion = version } } }, 409, token: world.ReporterB));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(world.ConnectionString);
        await connection.OpenAsync();
        return (long)(await new NpgsqlCommand(sql, connection).ExecuteScalarAsync())!;
    }

    private async Task<JsonElement> SettledVerificationAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var result = await world.GetAsync("/api/audit/verify", token: world.TokenFor(Roles.Auditor));
            if (result.GetProperty("pendingEvents").GetInt64() == 0 || DateTime.UtcNow > deadline) return result;
            await Task.Delay(200);
        }
    }

    private async Task<long> FeedCountAsync()
    {
        long count = 0;
        string? cursor = null;
        do
        {
            var page = await world.GetAsync("/api/audit?limit=1000" + (cursor is null ? "" : $"&after={cursor}"), token: world.TokenFor(Roles.Auditor));
            count += page.GetProperty("entries").GetArrayLength();
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetRawText();
        } while (cursor is not null);
        return count;
    }
}
