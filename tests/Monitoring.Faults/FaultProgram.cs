using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Monitoring.Faults;

/// <summary>
/// <c>dotnet run -c Release --project tests/Monitoring.Faults -- [--runs 3] [--quick] [--cases 1,1b,2,3,4,5,6]</c>: every case, each run
/// on a fresh database, then tests/Monitoring.Faults/REPORT.md. Loopback only; exits 1 if any case lost, duplicated or failed.
/// </summary>
public static class FaultProgram
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        var runs = int.Parse(Option(args, "--runs") ?? "3");
        var quick = args.Contains("--quick");
        var cases = (Option(args, "--cases") ?? "1,1b,2,3,4,5,6").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var size = CaseSize.Program(quick);
        var results = new List<(int Run, CaseResult Result)>();
        var failures = new List<string>();
        var total = Stopwatch.StartNew();
        void Log(string line) => Console.WriteLine($"[{total.Elapsed:mm\\:ss}] {line}");

        await using (var faults = new FaultCases(Log))
        {
            for (var run = 1; run <= runs; run++)
            {
                foreach (var (id, name, body) in new (string, string, Func<Task<CaseResult>>)[]
                         {
                             ("1", "database killed (embedded, supervised)", () => faults.DatabaseKilledAsync(size)),
                             ("1b", "database killed (external, restarted by its owner)", () => faults.ExternalDatabaseKilledAsync(size)),
                             ("2", "service killed", () => faults.ServiceKilledAsync(size)),
                             ("3", "database unreachable", () => faults.DatabaseUnreachableAsync(size)),
                             ("4", "rebuild equals live", () => faults.RebuildEqualsLiveAsync(size)),
                             ("5", "backup and restore", () => faults.BackupRestoreAsync(size)),
                             ("6", "truncation caught by a signed checkpoint", () => faults.TruncationCaughtAsync(size)),
                         })
                {
                    if (!cases.Contains(id)) continue;
                    Log($"run {run}, case {id}: {name}");
                    try
                    {
                        var result = await body();
                        results.Add((run, result));
                        Log($"  {Summary(result)}");
                        failures.AddRange(result.Problems.Select(p => $"run {run}, case {id}: {p}"));
                    }
                    catch (Exception e)
                    {
                        Log($"  FAILED: {e}");
                        failures.Add($"run {run}, case {id}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                    }
                }
            }
        }

        var report = Report.Write(results, failures, runs, quick, args, total.Elapsed);
        var path = Option(args, "--report") ?? Path.Combine(SolutionDirectory(), "tests", "Monitoring.Faults", "REPORT.md");
        await File.WriteAllTextAsync(path, report);
        Log($"report written to {path}; {failures.Count} problem(s)");
        foreach (var failure in failures) Console.Error.WriteLine(failure);
        return failures.Count == 0 ? 0 : 1;
    }

    public static string Summary(CaseResult r) =>
        $"acknowledged {r.Store.Acknowledged}, lost {r.Store.Lost}, duplicated {r.Store.Duplicated}, half-written {r.Store.HalfWritten}, " +
        $"503+Retry-After {r.Load.Unavailable503WithRetryAfter}, other 5xx {r.Load.ServerErrors}, recovery {string.Join("/", r.RecoverySeconds.Select(s => s.ToString("0.0")))} s, " +
        $"chain {r.ChainCatchUpSeconds:0.0} s, verify {(r.Store.VerifyOk ? "ok" : "FAILED")}" +
        (r.Extra.Count > 0 ? "; " + string.Join(", ", r.Extra.Select(e => $"{e.Key} {e.Value}")) : "") +
        (r.Problems.Count > 0 ? "; PROBLEMS: " + string.Join("; ", r.Problems) : "");

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string SolutionDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Monitoring.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
