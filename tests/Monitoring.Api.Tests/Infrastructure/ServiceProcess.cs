using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Monitoring.Api.Tests.Infrastructure;

/// <summary>The built service (<c>dotnet Monitoring.Api.dll</c>) in its own process on a free loopback port, its output captured.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public int Id => _process.Id;

    /// <summary>What the service wrote so far (for failure messages).</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    private ServiceProcess(IReadOnlyDictionary<string, string> environment, int? port = null)
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var assembly = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly, "--urls", BaseAddress.ToString().TrimEnd('/') },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Seeds__ImportAtStartup"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts the service with these settings (environment variables) and does not wait for it.</summary>
    public static ServiceProcess Launch(IReadOnlyDictionary<string, string> environment) => new(environment);

    /// <summary>Starts the service on a given port (a node restarted where its load balancer expects it).</summary>
    public static ServiceProcess Launch(IReadOnlyDictionary<string, string> environment, int port) => new(environment, port);

    public bool HasExited => _process.HasExited;

    /// <summary>SIGTERM, as an orchestrator stops a node; does not wait.</summary>
    public void Terminate()
    {
        using var term = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
        term.WaitForExit();
    }

    /// <summary>Starts the service over the given database and waits until it is ready.</summary>
    public static async Task<ServiceProcess> StartAsync(string connectionString, string signingKey)
    {
        var service = Launch(new Dictionary<string, string>
        {
            ["ConnectionStrings__Monitoring"] = connectionString,
            ["Auth__SigningKey"] = signingKey,
        });
        try
        {
            await service.WaitUntilReadyAsync();
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    public async Task<HttpStatusCode?> ReadyStatusAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { return (await Http.GetAsync("/health/ready", timeout.Token)).StatusCode; }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return null; }
    }

    public async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The service exited with {_process.ExitCode}: {Output}");
            if (await ReadyStatusAsync() == HttpStatusCode.OK) return;
            await Task.Delay(250);
        }
        throw new TimeoutException("The service did not become ready: " + Output);
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

    /// <summary>kill -9: no shutdown code runs, only the kernel releases what the process held.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit(10_000);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the service the way an operator does (SIGTERM: it stops its own cluster), killing it if it hangs.</summary>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await term.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }
}
