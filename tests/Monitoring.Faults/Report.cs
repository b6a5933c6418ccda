using System.Diagnostics;
using System.Text;

namespace Monitoring.Faults;

public static class Report
{
    public static string Write(List<(int Run, CaseResult Result)> results, List<string> failures, int runs, bool quick, string[] args, TimeSpan took)
    {
        var md = new StringBuilder();
        md.AppendLine("# Faults: what survived");
        md.AppendLine();
        md.AppendLine($"Generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `dotnet run -c Release --project tests/Monitoring.Faults -- {string.Join(' ', args)}` " +
                      $"({runs} run(s){(quick ? ", --quick: 10 s outage" : "")}), {took.TotalMinutes:0.0} min in all. README, \"Faults\", says what each case does.");
        md.AppendLine();
        md.AppendLine("## Machine");
        md.AppendLine();
        md.AppendLine($"- {Environment.ProcessorCount} cores, {Memory()} memory, {Os()}, .NET {Environment.Version}");
        md.AppendLine($"- PostgreSQL: {PostgresVersion()} (the embedded cluster, loopback)");
        md.AppendLine("- Shared with other work while it ran: the seconds are indicative, the counts are what matters.");
        md.AppendLine();
        md.AppendLine("## Per case, per run");
        md.AppendLine();
        md.AppendLine("Recovery: seconds from the fault's end (postmaster killed, service killed, connection restored) until `/health/ready` answered 200 " +
                      "(for the service kill: until the restarted service was ready). Chain: seconds after that until the hash chain linked the events appended " +
                      "so far (the daemon is working again). 503: answers 503 with Retry-After the clients got (and retried with their Idempotency-Key).");
        md.AppendLine();
        md.AppendLine("| case | run | acknowledged | lost | duplicated | half-written | recovery s | chain s | 503 + Retry-After | other 5xx | slowest answer ms (during the fault) | verify | notes |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (run, r) in results.OrderBy(x => x.Result.Case).ThenBy(x => x.Run))
            md.AppendLine($"| {r.Case} | {run} | {r.Store.Acknowledged} | {r.Store.Lost} | {r.Store.Duplicated} | {r.Store.HalfWritten} | " +
                          $"{(r.RecoverySeconds.Count == 0 ? "–" : string.Join(" / ", r.RecoverySeconds.Select(s => s.ToString("0.0"))))} | " +
                          $"{(r.RecoverySeconds.Count == 0 ? "–" : r.ChainCatchUpSeconds.ToString("0.0"))} | {r.Load.Unavailable503WithRetryAfter} | {r.Load.ServerErrors} | " +
                          $"{r.Load.MaxAnswerMilliseconds} ({(r.RecoverySeconds.Count == 0 ? "–" : r.Load.MaxAnswerWhileFaultMilliseconds.ToString())}) | {(r.Store.VerifyOk ? "ok" : "**failed**")} | " +
                          $"{string.Join("; ", r.Extra.Select(e => $"{e.Key}: {e.Value}"))}{(r.Problems.Count > 0 ? "; **" + string.Join("; ", r.Problems) + "**" : "")} |");
        md.AppendLine();
        md.AppendLine("## Totals");
        md.AppendLine();
        foreach (var group in results.GroupBy(r => r.Result.Case).OrderBy(g => g.Key))
        {
            var rs = group.Select(g => g.Result).ToList();
            var rec = rs.SelectMany(r => r.RecoverySeconds).ToList();
            md.AppendLine($"- **{group.Key}**: {rs.Count} run(s), acknowledged {rs.Sum(r => r.Store.Acknowledged)}, lost {rs.Sum(r => r.Store.Lost)}, " +
                          $"duplicated {rs.Sum(r => r.Store.Duplicated)}, half-written {rs.Sum(r => r.Store.HalfWritten)}" +
                          (rec.Count > 0 ? $", recovery {rec.Min():0.0}–{rec.Max():0.0} s" : "") + $", verify ok in {rs.Count(r => r.Store.VerifyOk)} of {rs.Count}.");
        }
        md.AppendLine();
        md.AppendLine(failures.Count == 0 ? "No problem found." : "## Problems\n\n" + string.Join("\n", failures.Select(f => $"- {f}")));
        return md.ToString();
    }

    private static string Memory()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal"));
            return $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024 / 1024.0:0.0} GiB";
        }
        catch (Exception) { return "?"; }
    }

    private static string Os()
    {
        try { return File.ReadLines("/etc/os-release").First(l => l.StartsWith("PRETTY_NAME=")).Split('=', 2)[1].Trim('"'); }
        catch (Exception) { return Environment.OSVersion.ToString(); }
    }

    private static string PostgresVersion()
    {
        try
        {
            var dir = Monitoring.Api.Infrastructure.Database.PostgresBinaries.Locate(null, Monitoring.Api.Infrastructure.Database.PostgresBinaries.DefaultCandidateDirectories()).Directory;
            using var p = Process.Start(new ProcessStartInfo(Path.Combine(dir, "postgres"), "--version") { RedirectStandardOutput = true })!;
            var text = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return text;
        }
        catch (Exception) { return "?"; }
    }
}
