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

    /// <summary>The service with no verb (a start meant to fail fast) or one of its commands, to its end.</summary>
    private static Task<(int ExitCode, string Output)> RunServiceAsync(Dictionary<string, string> environment, TimeSpan limit,
        params string[] arguments) =>
        ServiceProcess.RunCommandAsync(environment, limit, arguments.Length > 0 ? arguments : ["--urls", "http://127.0.0.1:0"]);

    public void Dispose() => TestDatabases.TryDelete(_root);
}
