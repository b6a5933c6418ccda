using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Hosting;

/// <summary>
/// Two real service processes on one embedded data folder, the way an operator would start a second one with the same
/// settings: the second never harms the first.
/// </summary>
public class SecondInstanceTests : IAsyncLifetime
{
    // The cluster runs as postgres when the tests run as root, so the folder must be outside /root.
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"monitoring-second-{Guid.NewGuid():N}");
    private readonly List<ServiceProcess> _services = [];

    private string DataDirectory => Path.Combine(_root, "data");
    private string LockFile => Path.Combine(_root, "owner.lock");

    [Fact]
    public async Task A_second_service_on_the_same_data_folder_exits_with_a_clear_message_and_the_first_keeps_its_database()
    {
        var first = Start();
        await first.WaitUntilReadyAsync();
        var postmaster = PostmasterPid();
        EmbeddedPostgresClusterTests.ProcessesHolding(LockFile).ShouldBe([first.Id]);

        var second = Start();
        var exitCode = await second.WaitForExitAsync(TimeSpan.FromSeconds(90));

        exitCode.ShouldNotBe(0, second.Output);
        second.Output.ShouldContain("Monitoring cannot start:");
        second.Output.ShouldContain(_root);
        second.Output.ShouldContain($"in use by process {first.Id}");
        second.Output.ShouldContain("EmbeddedPostgres__DataDirectory");
        second.Output.ShouldContain("ConnectionStrings__Monitoring");

        // Long enough for a guardian of the second (tail --pid polls every second) to have stopped the cluster, were there one.
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await first.ReadyStatusAsync()).ShouldBe(HttpStatusCode.OK, first.Output);
        PostmasterPid().ShouldBe(postmaster);
        EmbeddedPostgresClusterTests.ProcessIsAlive(postmaster).ShouldBeTrue();
    }

    [Fact]
    public async Task After_the_first_service_is_killed_a_new_one_starts_on_its_data_folder()
    {
        var first = Start();
        await first.WaitUntilReadyAsync();
        var killedPostmaster = PostmasterPid();

        first.KillHard();
        var second = Start();
        await second.WaitUntilReadyAsync();
        var postmaster = PostmasterPid();

        postmaster.ShouldNotBe(killedPostmaster);
        EmbeddedPostgresClusterTests.ProcessIsAlive(killedPostmaster).ShouldBeFalse();
        // The killed service's guardian, which may wake up only now, signals only the postmaster it was started for.
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await second.ReadyStatusAsync()).ShouldBe(HttpStatusCode.OK, second.Output);
        PostmasterPid().ShouldBe(postmaster);
        EmbeddedPostgresClusterTests.ProcessesHolding(LockFile).ShouldBe([second.Id]);
    }

    private ServiceProcess Start()
    {
        var service = new ServiceProcess(new()
        {
            ["ConnectionStrings__Monitoring"] = "",
            ["EmbeddedPostgres__DataDirectory"] = _root,
            ["Auth__SigningKey"] = AppFixture.TestSigningKey,
            ["Seeds__ImportAtStartup"] = "false",
        });
        _services.Add(service);
        return service;
    }

    private int PostmasterPid() =>
        int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var service in _services) await service.DisposeAsync();
        // A killed service's guardian stops its postgres within about a second; wait for that before removing the folder.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (EmbeddedPostgresClusterTests.PostgresProcessesOn(DataDirectory).Count > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        TestDatabases.TryDelete(_root);
    }

    /// <summary>The built service (<c>dotnet Monitoring.Api.dll</c>) on a free loopback port, its output captured.</summary>
    private sealed class ServiceProcess : IAsyncDisposable
    {
        private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly string _url;

        public ServiceProcess(Dictionary<string, string> environment)
        {
            _url = $"http://127.0.0.1:{FreePort()}";
            var assembly = typeof(Program).Assembly.Location;
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { assembly, "--urls", _url },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetDirectoryName(assembly)!,
            };
            foreach (var (key, value) in environment) start.Environment[key] = value;
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            _process = new Process { StartInfo = start };
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public int Id => _process.Id;

        public string Output
        {
            get { lock (_output) return _output.ToString(); }
        }

        public async Task<HttpStatusCode?> ReadyStatusAsync()
        {
            try { return (await Http.GetAsync($"{_url}/health/ready")).StatusCode; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return null; }
        }

        public async Task WaitUntilReadyAsync()
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (DateTime.UtcNow < deadline)
            {
                if (_process.HasExited)
                    throw new InvalidOperationException($"The service exited with {_process.ExitCode}: {Output}");
                if (await ReadyStatusAsync() == HttpStatusCode.OK) return;
                await Task.Delay(250);
            }
            throw new TimeoutException("The service did not become ready: " + Output);
        }

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

        /// <summary>Stops the service the way an operator does (SIGTERM: it stops its cluster), killing it if it hangs.</summary>
        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await term.WaitForExitAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try { await _process.WaitForExitAsync(timeout.Token); }
                catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
            }
            _process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null) return;
            lock (_output) _output.AppendLine(line);
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
