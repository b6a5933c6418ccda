using System.Diagnostics;

namespace Monitoring.Benchmarks;

/// <summary>Cores used by each party over a stretch of time: the service, PostgreSQL's processes, this load generator, and the machine.</summary>
public sealed record CpuShare(double Service, double Postgres, double LoadGenerator, double Machine);

/// <summary>
/// Reads CPU time (user + system, clock ticks from <c>/proc</c>) of the service, every <c>postgres</c> process and this
/// process, and the machine's busy time from <c>/proc/stat</c>, so a report can say who used the cores during a phase.
/// </summary>
public sealed class CpuSplit(ServiceProcess service)
{
    private readonly record struct Sample(TimeSpan Service, double PostgresTicks, TimeSpan Self, double MachineBusyTicks, long WallTicks);

    private Sample Take() => new(service.CpuTime, PostgresTicks(), Process.GetCurrentProcess().TotalProcessorTime, MachineBusyTicks(), Stopwatch.GetTimestamp());

    public async Task<(T Result, CpuShare Share)> MeasureAsync<T>(Func<Task<T>> phase)
    {
        var before = Take();
        var result = await phase();
        var after = Take();
        var seconds = Stopwatch.GetElapsedTime(before.WallTicks, after.WallTicks).TotalSeconds;
        double Cores(double cpuSeconds) => cpuSeconds / Math.Max(seconds, 1e-9);
        var hz = (double)ServiceProcess.ClockTicksPerSecond;
        return (result, new CpuShare(Cores((after.Service - before.Service).TotalSeconds), Cores((after.PostgresTicks - before.PostgresTicks) / hz),
            Cores((after.Self - before.Self).TotalSeconds), Cores((after.MachineBusyTicks - before.MachineBusyTicks) / hz)));
    }

    /// <summary>utime + stime of every process named postgres (backends come and go; those that ended in between are missed, a small undercount).</summary>
    private static double PostgresTicks()
    {
        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                if (stat[(open + 1)..close] != "postgres") continue;
                var fields = stat[(close + 2)..].Split(' ');
                ticks += long.Parse(fields[14 - 3]) + long.Parse(fields[15 - 3]);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return ticks;
    }

    /// <summary>The machine's busy time: all CPU time in /proc/stat but idle and iowait.</summary>
    private static double MachineBusyTicks()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(double.Parse).ToArray();
        return cpu.Sum() - cpu[3] - (cpu.Length > 4 ? cpu[4] : 0);
    }
}
