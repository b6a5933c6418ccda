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
            ["Auth__SigningKey"] = AppFixture.TestSigningKey,
        }, TimeSpan.FromSeconds(60));

        exitCode.ShouldNotBe(0);
        output.ShouldContain("apt-get install -y postgresql");
        output.ShouldContain("ConnectionStrings__Monitoring");
    }

    [Fact]
    public async Task Outside_Development_without_a_signing_key_or_authority_it_exits_naming_the_settings()
    {
        var (exitCode, output) = await RunServiceAsync(new() { ["ConnectionStrings__Monitoring"] = "Host=127.0.0.1;Port=1;Database=none" },
            TimeSpan.FromSeconds(60));

        exitCode.ShouldNotBe(0);
        output.ShouldContain("Auth:Authority");
        output.ShouldContain("Auth__SigningKey");
    }

    [Fact]
    public async Task The_token_command_prints_a_token_the_service_accepts_and_refuses_a_reporter_without_a_unit()
    {
        var (exitCode, output) = await RunServiceAsync(new() { ["Auth__SigningKey"] = AppFixture.TestSigningKey },
            TimeSpan.FromSeconds(60), "token", "--role", "reporter", "--unit", "so-cong-thuong");
        exitCode.ShouldBe(0);
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(output.Trim());
        token.GetClaim("role").Value.ShouldBe("reporter");
        token.GetClaim("unit").Value.ShouldBe("SO-CONG-THUONG");

        var (refused, usage) = await RunServiceAsync(new() { ["Auth__SigningKey"] = AppFixture.TestSigningKey },
            TimeSpan.FromSeconds(60), "token", "--role", "reporter");
        refused.ShouldBe(2);
        usage.ShouldContain("--unit");
    }

    private static async Task<(int ExitCode, string Output)> RunServiceAsync(Dictionary<string, string> environment, TimeSpan limit,
        params string[] arguments)
    {
        var assembly = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        foreach (var argument in arguments.Length > 0 ? arguments : ["--urls", "http://127.0.0.1:0"]) start.ArgumentList.Add(argument);
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
