using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Monitoring.TestProcesses;

/// <summary>
/// The built service (<c>dotnet Monitoring.Api.dll</c>, found beside the caller's own assembly) in its own process on a loopback
/// port, as an operator runs it: Production unless told otherwise, its output kept (for failure messages and reports), its
/// memory and CPU time readable from /proc.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Action<string>? _echo;

    public Uri BaseAddress { get; }
    public int Port { get; }
    public HttpClient Http { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>What the service wrote so far.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <param name="echo">Also given each line that says something failed (the benchmarks print them as they come).</param>
    private ServiceProcess(IReadOnlyDictionary<string, string> environment, int port, Action<string>? echo)
    {
        Port = port;
        _echo = echo;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var assembly = Path.Combine(AppContext.BaseDirectory, "Monitoring.Api.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly, "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Seeds__ImportAtStartup"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data, error: false);
        _process.ErrorDataReceived += (_, e) => Append(e.Data, error: true);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts the service with these settings (environment variables) and does not wait for it.</summary>
    public static ServiceProcess Launch(IReadOnlyDictionary<string, string> environment, int? port = null, Action<string>? echo = null) =>
        new(environment, port ?? FreePort(), echo);

    /// <summary>Starts the service and waits until <c>/health/ready</c> answers 200.</summary>
    public static async Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string> environment, int? port = null,
        Action<string>? echo = null)
    {
        var service = Launch(environment, port, echo);
        try
        {
            await service.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the service over the given database and waits until it is ready.</summary>
    public static Task<ServiceProcess> StartAsync(string connectionString, string signingKey) =>
        StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Monitoring"] = connectionString,
            ["Auth__SigningKey"] = signingKey,
        });

    /// <summary>Runs one of the service's commands (<c>rebuild</c>, <c>add-province</c>...) to its end: its exit code and all it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(IReadOnlyDictionary<string, string> environment, TimeSpan limit,
        params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Monitoring.Api.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Monitoring.Api {string.Join(' ', arguments)} did not finish within {limit}");
        }
        return (process.ExitCode, await output + await error);
    }

    /// <summary>The status of a GET (no token), or null when nothing answered within 10 s.</summary>
    public async Task<HttpStatusCode?> StatusAsync(string path)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { return (await Http.GetAsync(path, timeout.Token)).StatusCode; }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return null; }
    }

    public Task<HttpStatusCode?> ReadyStatusAsync() => StatusAsync("/health/ready");

    public async Task WaitUntilReadyAsync(TimeSpan? limit = null)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < (limit ?? TimeSpan.FromMinutes(2)))
        {
            if (_process.HasExited) throw new InvalidOperationException($"The service exited with {_process.ExitCode}: {Tail()}");
            if (await ReadyStatusAsync() == HttpStatusCode.OK) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The service did not become ready within {watch.Elapsed.TotalSeconds:0} s: {Tail()}");
    }

    /// <summary>Waits for a service expected to stop by itself (a refused start); its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The service did not exit: it should fail fast. Output: " + Output);
        }
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as an orchestrator stops a node; does not wait.</summary>
    public void Terminate()
    {
        using var term = Process.Start("kill", ["-TERM", _process.Id.ToString()])!;
        term.WaitForExit();
    }

    /// <summary>kill -9: no shutdown code runs, only the kernel releases what the process held.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit(10_000);
    }

    public string Tail(int lines = 40) => string.Join('\n', Output.Split('\n').TakeLast(lines));

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
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(':', StringSplitOptions.TrimEntries)[1].Split(' ')[0]) * 1024;
    }

    private void Append(string? line, bool error)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (_echo is not null && line.Length > 0 && (error || line.Contains("fail", StringComparison.Ordinal))) _echo(line);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the service the way an operator does (SIGTERM: it stops its own cluster, if it runs one), killing it if it hangs.</summary>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()])!) await term.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try { await _process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }
}
