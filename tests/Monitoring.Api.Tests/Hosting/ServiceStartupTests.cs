using System.Diagnostics;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Hosting;

/// <summary>The built service, run as a separate process the way an operator runs it.</summary>
public class ServiceStartupTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"monitoring-service-{Guid.NewGuid():N}");

    [Fact]
    public async Task Without_a_connection_string_or_server_programs_it_exits_with_a_clear_message()
    {
        var emptyBin = Directory.CreateDirectory(Path.Combine(_root, "bin")).FullName;
        var (exitCode, output) = await RunServiceAsync(new()
        {
            ["ConnectionStrings__Monitoring"] = "",
            ["EmbeddedPostgres__BinDirectory"] = emptyBin,
            ["EmbeddedPostgres__DataDirectory"] = Path.Combine(_root, "data"),
        }, TimeSpan.FromSeconds(60));

        exitCode.ShouldNotBe(0);
        output.ShouldContain("apt-get install -y postgresql");
        output.ShouldContain("ConnectionStrings__Monitoring");
    }

    private static async Task<(int ExitCode, string Output)> RunServiceAsync(Dictionary<string, string> environment, TimeSpan limit)
    {
        var assembly = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly, "--urls", "http://127.0.0.1:0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The service did not exit: it should fail fast. Output: " + await stdout + await stderr);
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose() => TestDatabases.TryDelete(_root);
}
