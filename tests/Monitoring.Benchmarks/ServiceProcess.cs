using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Monitoring.Benchmarks;

/// <summary>The service as an operator runs it: its own process on loopback, so its memory and CPU time can be read from /proc.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    public Uri BaseAddress { get; }

    private ServiceProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <param name="settings">Environment variables set after the defaults below (the pages benchmark runs in Development with the seeds).</param>
    public static async Task<ServiceProcess> StartAsync(string connectionString, string signingKey, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var assembly = Path.Combine(AppContext.BaseDirectory, "Monitoring.Api.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly, "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ConnectionStrings__Monitoring"] = connectionString;
        start.Environment["Auth__SigningKey"] = signingKey;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Seeds__ImportAtStartup"] = "false";
        start.Environment["Limits__RequestsPerWindow"] = "1000000000";
        start.Environment["Limits__MaxRequestBodyBytes"] = (8 * 1024 * 1024).ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line && line.Contains("fail")) Console.Error.WriteLine("service: " + line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine("service: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var service = new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = service.BaseAddress };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"The service exited with {process.ExitCode}");
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return service;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("The service did not become ready");
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>kill -9 (the several-nodes section's takeover): nothing of the service's own shutdown runs.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit(10_000);
    }

    /// <summary>The service's peak resident memory (VmHWM), in bytes.</summary>
    public long PeakMemoryBytes => ReadStatus("VmHWM");
    public long CurrentMemoryBytes => ReadStatus("VmRSS");

    /// <summary>
    /// CPU time the service has used so far, user plus system (utime + stime of /proc/&lt;pid&gt;/stat, in clock ticks of
    /// <see cref="ClockTicksPerSecond"/>): its own threads only, PostgreSQL's backends are other processes.
    /// </summary>
    public TimeSpan CpuTime
    {
        get
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[14 - 3]) + long.Parse(fields[15 - 3]);
            return TimeSpan.FromSeconds((double)ticks / ClockTicksPerSecond);
        }
    }

    /// <summary>sysconf(_SC_CLK_TCK), 100 on Linux unless the kernel says otherwise.</summary>
    public static readonly long ClockTicksPerSecond = ReadClockTicks();

    private static long ReadClockTicks()
    {
        try
        {
            var ticks = sysconf(2); // _SC_CLK_TCK on Linux
            return ticks > 0 ? ticks : 100;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return 100; }
    }

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long sysconf(int name);

    private long ReadStatus(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field + ":"));
        return long.Parse(line.Split(':', StringSplitOptions.TrimEntries)[1].Split(' ')[0]) * 1024;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
