using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Monitoring.Api.Infrastructure.Security;
using Npgsql;

namespace Monitoring.Faults;

public sealed record StoreFigures(long Acknowledged, long Lost, long Duplicated, long HalfWritten, long Events, long Linked, bool VerifyOk,
    long HeadSequence, string HeadHash, double ChainSettleSeconds);

/// <summary>
/// What is in the store against what the clients were told: every acknowledged report stored (else lost), no report stored that
/// no client was acknowledged (else duplicated: a retried request written twice), no report document without its events or
/// events without their document, every event linked into the hash chain once, and the service's own verification ok.
/// </summary>
public static class StoreCheck
{
    /// <summary>The service given this (national) database keeps the default province's record beside it: the store is checked there.</summary>
    public static string ProvinceOf(string nationalConnectionString) =>
        Monitoring.Api.Provinces.ProvinceRegistry.ConnectionStringFor(nationalConnectionString, "tinh");

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(ProvinceOf(connectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L);
    }

    public static async Task<StoreFigures> CheckAsync(string connectionString, Uri service, LoadResult load, TimeSpan settleLimit)
    {
        var acknowledged = load.Acknowledged.Keys.ToList();
        var ids = acknowledged.Count == 0 ? "null" : string.Join(",", acknowledged.Select(id => $"'{id}'"));
        var stored = await ScalarAsync(connectionString, $"select count(*) from monitoring.mt_doc_progressreport where id in ({ids})");
        var all = await ScalarAsync(connectionString, "select count(*) from monitoring.mt_doc_progressreport");
        var halfWritten =
            await ScalarAsync(connectionString, "select count(*) from monitoring.mt_doc_progressreport d where not exists (select 1 from monitoring.mt_events e where e.stream_id = d.id)") +
            await ScalarAsync(connectionString, "select count(*) from monitoring.mt_streams s where s.type like '%progress_report%' and not exists (select 1 from monitoring.mt_doc_progressreport d where d.id = s.id)") +
            await ScalarAsync(connectionString, "select count(*) from monitoring.mt_doc_submission d where not exists (select 1 from monitoring.mt_events e where e.stream_id = d.id)");

        var (verify, settle) = await SettledVerificationAsync(service, settleLimit);
        var events = await ScalarAsync(connectionString, "select count(*) from monitoring.mt_events");
        var linked = await ScalarAsync(connectionString, "select count(*) from monitoring.mt_audit_chain c where exists (select 1 from monitoring.mt_events e where e.seq_id = c.seq_id)");
        return new StoreFigures(acknowledged.Count, acknowledged.Count - stored, all - stored + load.AcknowledgedTwice, halfWritten, events, linked,
            verify.GetProperty("ok").GetBoolean(), verify.GetProperty("headSequence").GetInt64(), verify.GetProperty("headHash").GetString() ?? "",
            settle.TotalSeconds);
    }

    /// <summary><c>/api/audit/verify</c> polled until no event waits to be linked; its answer and how long that took.</summary>
    public static async Task<(JsonElement Verify, TimeSpan Took)> SettledVerificationAsync(Uri service, TimeSpan limit)
    {
        using var http = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromSeconds(30) };
        var committee = World.Token(Roles.Committee);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/audit/verify");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", committee);
            try
            {
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var verify = JsonDocument.Parse(text).RootElement.Clone();
                    if (verify.GetProperty("pendingEvents").GetInt64() == 0) return (verify, watch.Elapsed);
                }
                if (watch.Elapsed > limit) throw new TimeoutException($"The chain did not settle within {limit.TotalSeconds:0} s: {(int)response.StatusCode} {text}");
            }
            catch (HttpRequestException) when (watch.Elapsed <= limit) { }
            await Task.Delay(200);
        }
    }

    /// <summary>Seconds from now until the chain links an event appended at or after now (the daemon is working again).</summary>
    public static async Task<double> SecondsUntilChainAdvancesAsync(string connectionString, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        long mark = -1;
        while (watch.Elapsed < limit)
        {
            try
            {
                if (mark < 0) mark = await ScalarAsync(connectionString, "select coalesce(max(seq_id), 0) from monitoring.mt_events");
                if (await ScalarAsync(connectionString, "select coalesce(max(seq_id), 0) from monitoring.mt_audit_chain") >= mark) return watch.Elapsed.TotalSeconds;
            }
            catch (NpgsqlException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The chain did not advance within {limit.TotalSeconds:0} s");
    }
}
