using System.Diagnostics;
using System.Text.RegularExpressions;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace Monitoring.Benchmarks;

/// <summary>What this machine's PostgreSQL can do at best, measured in the same run as the service.</summary>
public static partial class Ceilings
{
    /// <summary>pgbench, one single-row jsonb INSERT per transaction, about the size of a figure event.</summary>
    public static async Task<double> PgbenchAsync(string connectionString, int clients, int seconds)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand("create table if not exists bench_insert (id bigserial primary key, data jsonb not null)", connection).ExecuteNonQueryAsync();
        }
        var script = Path.Combine(Path.GetTempPath(), $"bench-insert-{Guid.NewGuid():N}.sql");
        var payload = """{"TargetId":"0199a1b2-0000-7000-8000-000000000001","FigureId":"0199a1b2-0000-7000-8000-000000000002","ReportId":"0199a1b2-0000-7000-8000-000000000003","UnitId":"0199a1b2-0000-7000-8000-000000000004","Period":"2023-H1","Value":29240.3,"Stage":"Estimate","AsOf":"2023-06-30","Source":"Báo cáo 6 tháng","Note":null,"Items":[],"ReportedBy":"can.bo","ReportedAt":"2023-07-10T02:00:00+00:00"}""";
        await File.WriteAllTextAsync(script, $"insert into bench_insert (data) values ('{payload}');\n");
        try
        {
            var start = new ProcessStartInfo("pgbench")
            {
                ArgumentList = { "-n", "-c", clients.ToString(), "-j", Math.Min(clients, Environment.ProcessorCount).ToString(), "-T", seconds.ToString(),
                    "-f", script, "-h", cs.Host!, "-p", cs.Port.ToString(), "-U", cs.Username!, cs.Database! },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["PGPASSWORD"] = cs.Password;
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var match = Tps().Match(output);
            return match.Success ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
                : throw new InvalidOperationException("pgbench printed no tps: " + output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    /// <summary>Marten alone, no HTTP, no projection: concurrent writers, one event per transaction, each on its own stream.</summary>
    public static async Task<double> MartenAppendsAsync(IDocumentStore store, int writers, TimeSpan duration, int eventsPerTransaction = 1)
    {
        var count = 0L;
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            var stream = Guid.CreateVersion7();
            while (!stop.IsCancellationRequested)
            {
                await using var session = store.LightweightSession();
                for (var i = 0; i < eventsPerTransaction; i++) session.Events.Append(stream, Sample.Figure(stream));
                await session.SaveChangesAsync();
                Interlocked.Add(ref count, eventsPerTransaction);
            }
        })));
        return count / clock.Elapsed.TotalSeconds;
    }
}

public static class Sample
{
    public static Monitoring.Domain.Targets.ProgressReported Figure(Guid target, decimal value = 29240.3m, string period = "2023-H1") =>
        new(target, Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Monitoring.Domain.Reporting.ReportingPeriod.Parse(period), value,
            Monitoring.Domain.Targets.FigureStage.Estimate, new DateOnly(2023, 6, 30), "Báo cáo 6 tháng", null, [], null, "benchmark", DateTimeOffset.UtcNow);
}
