using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;
using Npgsql;

namespace Monitoring.Api.Tests.Audit;

/// <summary>
/// The record is tampered with directly in PostgreSQL, as a database administrator could, and the chain says where.
/// Each tampering is undone before the next, and the chain is whole again.
/// </summary>
public class TamperEvidenceTests(TamperEvidenceTests.Recorded app) : IClassFixture<TamperEvidenceTests.Recorded>
{
    public sealed class Recorded : AppFixture
    {
        public CapturedLogs Logs { get; } = new();
        public Guid Target;

        protected override void Configure(IWebHostBuilder builder) =>
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Logs));

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var unit = await this.RegisterUnitAsync("TAMPER-UBND");
            var resolution = await this.PostAsync("/api/resolutions", new
            {
                number = "TAMPER-01", kind = "Conclusion", issuingBody = "Tỉnh ủy", issueDate = "2023-06-28", periodStartYear = 2021, periodEndYear = 2025, title = "Kết luận thử niêm phong",
                targets = new[] { new { code = "KT-01", field = "Kinh tế", statement = "Thu ngân sách tăng 11 - 12%/năm", shape = "GrowthRate", minimum = 11, maximum = 12, unitOfMeasure = "%/năm", targetYear = 2025, leadUnitId = unit } },
            }, 201);
            Target = resolution.GetProperty("targetIds")[0].GetGuid();
            for (var i = 0; i < 3; i++, Clock.Advance(TimeSpan.FromMinutes(1)))
                await this.PostAsync("/api/reports", new { unitId = unit, period = $"{2021 + i}", figures = new[] { new { targetId = Target, value = 15 + i, stage = "Official" } } }, 201);
        }
    }

    private async Task<JsonElement> VerifyAsync() => await app.GetAsync("/api/audit/verify", token: app.TokenFor(Roles.Auditor));

    /// <summary>The daemon links events shortly after they are committed.</summary>
    private async Task<JsonElement> SettledAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var result = await VerifyAsync();
            if (result.GetProperty("pendingEvents").GetInt64() == 0 || DateTime.UtcNow > deadline) return result;
            await Task.Delay(200);
        }
    }

    private async Task TamperAsync(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        // What an administrator would do: switch the append-only triggers off for the session.
        await new NpgsqlCommand("set local session_replication_role = replica", connection, tx).ExecuteNonQueryAsync();
        var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    private async Task<long> SequenceOfAsync(string type, int nth = 0)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var command = new NpgsqlCommand("select seq_id from monitoring.mt_events where type = $1 order by seq_id offset $2 limit 1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = type }, new NpgsqlParameter { Value = nth } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Changing_deleting_reordering_or_forging_an_event_is_detected_and_named()
    {
        var whole = await SettledAsync();
        whole.GetProperty("ok").GetBoolean().ShouldBeTrue(whole.ToString());
        var total = await app.EventCountAsync();
        whole.GetProperty("eventsChecked").GetInt64().ShouldBe(total);
        whole.GetProperty("headHash").GetString()!.Length.ShouldBe(64);

        // One byte of one event's data: 16 becomes 17.
        var second = await SequenceOfAsync("progress_reported", 1);
        await TamperAsync("update monitoring.mt_events set data = jsonb_set(data, '{Value}', '17') where seq_id = $1", second);
        await ShouldBreakAtAsync(second, "content-changed");
        await TamperAsync("update monitoring.mt_events set data = jsonb_set(data, '{Value}', '16') where seq_id = $1", second);
        (await VerifyAsync()).GetProperty("ok").GetBoolean().ShouldBeTrue();

        // Deleting an event.
        await TamperAsync("create table monitoring.saved_event as select * from monitoring.mt_events where seq_id = $1", second);
        await TamperAsync("delete from monitoring.mt_events where seq_id = $1", second);
        await ShouldBreakAtAsync(second, "event-missing");
        await TamperAsync("insert into monitoring.mt_events select * from monitoring.saved_event; drop table monitoring.saved_event");
        (await VerifyAsync()).GetProperty("ok").GetBoolean().ShouldBeTrue();

        // Reordering two events: the first and third figures swap places.
        var first = await SequenceOfAsync("progress_reported", 0);
        var third = await SequenceOfAsync("progress_reported", 2);
        async Task SwapAsync()
        {
            await TamperAsync("update monitoring.mt_events set seq_id = -seq_id where seq_id in ($1, $2)", first, third);
            await TamperAsync("update monitoring.mt_events set seq_id = case when seq_id = -$1 then $2 else $1 end where seq_id in (-$1, -$2)", first, third);
        }
        await SwapAsync();
        await ShouldBreakAtAsync(first, "event-replaced");
        await SwapAsync();
        (await VerifyAsync()).GetProperty("ok").GetBoolean().ShouldBeTrue();

        // A forged event written straight into the table, looking like a figure of the target.
        var forged = await ForgeAsync();
        var broken = await SettledAsync();
        broken.GetProperty("ok").GetBoolean().ShouldBeFalse();
        broken.GetProperty("firstBreak").GetProperty("sequence").GetInt64().ShouldBe(forged);
        broken.GetProperty("firstBreak").GetProperty("problem").GetString().ShouldBe("seal-invalid");
    }

    [Fact]
    public async Task Verified_as_of_a_moment_the_chain_gives_the_head_it_had_for_the_events_recorded_by_then()
    {
        var whole = await SettledAsync();
        var second = await SequenceOfAsync("progress_reported", 1);
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var moment = (DateTime)(await new NpgsqlCommand($"select timestamp from monitoring.mt_events where seq_id = {second}", connection).ExecuteScalarAsync())!;
        var lastThen = (long)(await new NpgsqlCommand(
            $"select max(seq_id) from monitoring.mt_events where timestamp <= (select timestamp from monitoring.mt_events where seq_id = {second})", connection).ExecuteScalarAsync())!;
        var hashThen = (string)(await new NpgsqlCommand($"select hash from monitoring.mt_audit_chain where seq_id = {lastThen}", connection).ExecuteScalarAsync())!;

        var asOf = Uri.EscapeDataString(new DateTimeOffset(DateTime.SpecifyKind(moment, DateTimeKind.Utc)).ToString("yyyy-MM-ddTHH:mm:ss.ffffffzzz"));
        var then = await app.GetAsync($"/api/audit/verify?asOf={asOf}", token: app.TokenFor(Roles.Auditor));
        then.GetProperty("ok").GetBoolean().ShouldBeTrue(then.ToString());
        then.GetProperty("headSequence").GetInt64().ShouldBe(lastThen);
        then.GetProperty("headHash").GetString().ShouldBe(hashThen);
        then.GetProperty("eventsChecked").GetInt64().ShouldBeLessThan(whole.GetProperty("eventsChecked").GetInt64(), $"second {second} lastThen {lastThen} moment {moment:O} {asOf}");
        (await app.GetAsync("/api/audit/verify?asOf=30/06/2023", 400, app.TokenFor(Roles.Auditor))).ErrorFields().ShouldBe(["asOf"]);
    }

    private async Task ShouldBreakAtAsync(long sequence, string problem)
    {
        var result = await VerifyAsync();
        result.GetProperty("ok").GetBoolean().ShouldBeFalse();
        result.GetProperty("firstBreak").GetProperty("sequence").GetInt64().ShouldBe(sequence);
        result.GetProperty("firstBreak").GetProperty("problem").GetString().ShouldBe(problem);
    }

    private async Task<long> ForgeAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var command = new NpgsqlCommand("""
            insert into monitoring.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, headers, user_name)
            select nextval('monitoring.mt_events_sequence'), gen_random_uuid(), stream_id, version + 100, data, type, timestamp, tenant_id, mt_dotnet_type,
                   jsonb_set(headers, '{seal}', '"0000"'), 'ke.gia.mao'
            from monitoring.mt_events where type = 'progress_reported' order by seq_id desc limit 1
            returning seq_id
            """, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_service_cannot_update_delete_or_truncate_stored_events_or_chain_links()
    {
        await SettledAsync();
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[]
                 {
                     "update monitoring.mt_events set data = data where seq_id = (select min(seq_id) from monitoring.mt_events)",
                     "delete from monitoring.mt_events where seq_id = (select max(seq_id) from monitoring.mt_events)",
                     "truncate monitoring.mt_events",
                     "update monitoring.mt_audit_chain set hash = hash",
                     "delete from monitoring.mt_audit_chain",
                 })
        {
            var refused = await Should.ThrowAsync<PostgresException>(() => new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync());
            refused.SqlState.ShouldBe("42501", sql);
            refused.MessageText.ShouldContain("append-only");
        }
    }

    [Fact]
    public async Task The_async_daemon_catches_up_and_the_logs_carry_no_lock_errors()
    {
        var settled = await SettledAsync();
        settled.GetProperty("pendingEvents").GetInt64().ShouldBe(0);
        app.Logs.Lines.ShouldNotContain(l => l.Contains("lock", StringComparison.OrdinalIgnoreCase) || l.Contains("TypeLoadException"));
    }
}
