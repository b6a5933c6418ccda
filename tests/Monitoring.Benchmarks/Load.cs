using System.Diagnostics;

namespace Monitoring.Benchmarks;

public sealed record Round(int Ok, int Failed, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double PerSecond => Ok / Elapsed.TotalSeconds;
    public double Percentile(double p) => Stats.Percentile(LatenciesMs, p);
}

public static class Stats
{
    public static double Percentile(double[] values, double p)
    {
        if (values.Length == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = p / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    public static (double Min, double Median, double Max) Spread(IEnumerable<double> values)
    {
        var list = values.ToArray();
        return (list.Min(), Percentile(list, 50), list.Max());
    }
}

/// <summary>Bounded load: a fixed number of requests, a time limit, loopback only.</summary>
public static class Load
{
    /// <summary>Closed loop: <paramref name="workers"/> callers each send their share back to back.</summary>
    public static async Task<Round> ClosedAsync(int workers, int requests, TimeSpan limit, Func<int, int, Task<bool>> send)
    {
        var latencies = new double[requests];
        var ok = 0;
        var failed = 0;
        var next = -1;
        using var stop = new CancellationTokenSource(limit);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            int i;
            while (!stop.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                var success = await send(worker, i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (success) Interlocked.Increment(ref ok); else Interlocked.Increment(ref failed);
            }
        })));
        var done = Math.Min(requests, next + 1);
        return new Round(ok, failed, clock.Elapsed, latencies.Take(done).Where(l => l > 0).ToArray());
    }

    /// <summary>Open loop: requests start at a fixed rate whatever the answers do, as real clients would.</summary>
    public static async Task<Round> PacedAsync(double perSecond, int requests, TimeSpan limit, Func<int, Task<bool>> send)
    {
        var latencies = new double[requests];
        var ok = 0;
        var failed = 0;
        var clock = Stopwatch.StartNew();
        var running = new List<Task>();
        for (var i = 0; i < requests && clock.Elapsed < limit; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            var index = i;
            running.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                var success = await send(index);
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (success) Interlocked.Increment(ref ok); else Interlocked.Increment(ref failed);
            }));
        }
        await Task.WhenAll(running);
        return new Round(ok, failed, clock.Elapsed, latencies.Take(running.Count).Where(l => l > 0).ToArray());
    }

    /// <summary>
    /// Two kinds of request alternated by one caller (A, B, A, B …), so that whatever slows the machine for a moment
    /// slows both alike: <paramref name="pairs"/> of each at most, stopped at <paramref name="limit"/>.
    /// </summary>
    public static async Task<(Round A, Round B)> InterleavedAsync(int pairs, TimeSpan limit, Func<int, Task<bool>> sendA, Func<int, Task<bool>> sendB)
    {
        var a = new List<double>();
        var b = new List<double>();
        int okA = 0, okB = 0, failedA = 0, failedB = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < pairs && clock.Elapsed < limit; i++)
        {
            var started = Stopwatch.GetTimestamp();
            if (await sendA(i)) okA++; else failedA++;
            a.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            if (await sendB(i)) okB++; else failedB++;
            b.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var elapsed = clock.Elapsed;
        return (new Round(okA, failedA, elapsed, a.ToArray()), new Round(okB, failedB, elapsed, b.ToArray()));
    }
}
