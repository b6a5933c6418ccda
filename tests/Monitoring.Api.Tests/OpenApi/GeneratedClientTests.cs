using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;
using Npgsql;

namespace Monitoring.Api.Tests.OpenApi;

/// <summary>
/// The served OpenAPI document as integrators use it: the service runs in its own process, NSwag and Kiota (dotnet tools
/// pinned in .config/dotnet-tools.json) generate C# clients from /openapi/v1.json, and small programs compiled against those
/// clients, unpatched, run the reporting flow; Redocly's linter finds no errors in the document.
/// </summary>
public class GeneratedClientTests(GeneratedClientTests.Service service) : IClassFixture<GeneratedClientTests.Service>
{
    public sealed class Service : IAsyncLifetime
    {
        public ServiceProcess Process { get; private set; } = null!;
        public string ConnectionString { get; private set; } = "";
        public string WorkDirectory { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"monitoring-client-{Guid.NewGuid():N}")).FullName;
        public string DocumentPath => Path.Combine(WorkDirectory, "openapi.json");

        public async Task InitializeAsync()
        {
            ConnectionString = await TestDatabases.CreateDatabaseAsync(nameof(GeneratedClientTests));
            Process = await ServiceProcess.StartAsync(ConnectionString, AppFixture.TestSigningKey);
            await File.WriteAllTextAsync(DocumentPath, await Process.Http.GetStringAsync("/openapi/v1.json"));
        }

        public async Task DisposeAsync()
        {
            await Process.DisposeAsync();
            TestDatabases.TryDelete(WorkDirectory);
        }
    }

    private static readonly TimeSpan ToolLimit = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_client_generated_by_NSwag_from_the_served_document_runs_the_reporting_flow()
    {
        var project = Directory.CreateDirectory(Path.Combine(service.WorkDirectory, "nswag")).FullName;
        await RestoreToolsAsync();
        await ExternalTool.RunOrFailAsync("dotnet",
        [
            "nswag", "openapi2csclient", $"/input:{service.DocumentPath}", $"/output:{Path.Combine(project, "Client.cs")}",
            "/namespace:Monitoring.Generated", "/className:MonitoringClient", "/jsonLibrary:SystemTextJson",
            "/operationGenerationMode:SingleClientFromOperationId", "/generateClientInterfaces:false",
        ], SolutionPaths.Root, ToolLimit);
        var (got, output) = await BuildAndRunAsync(project, "ClientFlow", """
            <Nullable>disable</Nullable>
            <NoWarn>$(NoWarn);CS8618;CS0108;CS0114;CS0472;CS0612;CS0618;CS1573;CS1591;CS8073</NoWarn>
            """, "");
        string Got(string key) => got.TryGetValue(key, out var value) ? value : throw new ShouldAssertException($"{key} not printed:\n{output}");

        // The ids the client read back are the ones the service stored.
        var target = Guid.Parse(Got("target.id"));
        var figure = Guid.Parse(Got("report.figure.id"));
        Got("report.unitId").ShouldBe(Got("unit.id"));
        Got("report.figure.targetId").ShouldBe(target.ToString());
        Got("report.period").ShouldBe("2023-H1");
        Got("retry.report.id").ShouldBe(Got("report.id"), "a retry with the same Idempotency-Key gets the first answer");
        (await StreamEventTypesAsync(Guid.Parse(Got("report.id")))).ShouldBe(["report_submitted"]);
        Got("approval.state").ShouldBe("Approved");
        (await StreamEventTypesAsync(target)).ShouldBe(["target_defined", "target_assigned", "progress_reported", "figures_approved", "figure_revised"]);
        (await StreamEventTypesAsync(Guid.Parse(Got("report.submission.id")))).ShouldBe(
            ["submission_submitted", "submission_approved", "lock_exception_granted", "submission_reopened"]);

        // Problems come back typed, with the field named.
        Got("invalid.status").ShouldBe("400");
        Got("invalid.fields").ShouldBe("period");

        // Figures, stages (as names) and the revision chain, read through the client.
        Got("status.latest.figureId").ShouldBe(figure.ToString());
        decimal.Parse(Got("status.latest.value"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(12.5m);
        Got("status.latest.stage").ShouldBe("Estimate");
        Got("status.latest.period").ShouldBe("2023-H1");
        Got("revision.revises").ShouldBe(figure.ToString());
        Got("timeline.count").ShouldBe("2");
        Got("timeline.current.id").ShouldBe(Got("revision.id"));
        decimal.Parse(Got("timeline.current.value"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(13.1m);
        Got("timeline.current.stage").ShouldBe("Preliminary");
        Got("timeline.current.revises").ShouldBe(figure.ToString());
        Got("timeline.current.reason").ShouldBe("Số sơ bộ của Cục Thống kê");
        long.Parse(Got("revision.version")).ShouldBe(long.Parse(Got("status.version")) + 1);

        // The auditor reads the feed and the CSV export through the same client.
        Got("audit.types").Split(',').ShouldContain("progress_reported");
        Got("audit.types").Split(',').ShouldContain("figure_revised");
        Got("audit.streams").Split(',').ShouldContain(target.ToString());
        Got("export.contentType").ShouldStartWith("text/csv");
        int.Parse(Got("export.lines")).ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task A_client_generated_by_Kiota_keeps_the_ids_a_submission_returns()
    {
        var project = Directory.CreateDirectory(Path.Combine(service.WorkDirectory, "kiota")).FullName;
        await RestoreToolsAsync();
        await ExternalTool.RunOrFailAsync("dotnet",
        [
            "kiota", "generate", "--language", "CSharp", "--openapi", service.DocumentPath, "--output", Path.Combine(project, "Generated"),
            "--class-name", "MonitoringClient", "--namespace-name", "Monitoring.Kiota", "--log-level", "Error",
        ], SolutionPaths.Root, ToolLimit, new Dictionary<string, string> { ["KIOTA_OFFLINE_ENABLED"] = "true", ["KIOTA_TUTORIAL_ENABLED"] = "false" });
        var packages = string.Join("\n", new[] { "Abstractions", "Http.HttpClientLibrary", "Serialization.Json", "Serialization.Text", "Serialization.Form", "Serialization.Multipart" }
            .Select(p => $"""<PackageReference Include="Microsoft.Kiota.{p}" Version="{KiotaPackages}" />"""));
        var (got, output) = await BuildAndRunAsync(project, "KiotaFlow", "<Nullable>enable</Nullable>", packages);
        string Got(string key) => got.TryGetValue(key, out var value) ? value : throw new ShouldAssertException($"{key} not printed:\n{output}");

        var target = Guid.Parse(Got("target.id"));
        var figure = Guid.Parse(Got("report.figure.id"));
        Got("report.unitId").ShouldBe(Got("unit.id"));
        Got("report.figure.targetId").ShouldBe(target.ToString());
        (await StreamEventTypesAsync(Guid.Parse(Got("report.id")))).ShouldBe(["report_submitted"]);
        Got("approval.state").ShouldBe("Approved");
        Got("status.latest.figureId").ShouldBe(figure.ToString());
        decimal.Parse(Got("status.latest.value"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(96.2m);
        Got("status.latest.stage").ShouldBe("Official");
        Got("revision.revises").ShouldBe(figure.ToString());
        Got("timeline.count").ShouldBe("2");
        Got("audit.types").Split(',').ShouldContain("figure_revised");
        Got("invalid.status").ShouldBe("400");
        Got("invalid.fields").ShouldBe("period");
    }

    /// <summary>The Kiota runtime packages the generated code needs (served by the registry; Microsoft.Kiota.Bundle is not).</summary>
    private const string KiotaPackages = "2.1.6";

    /// <summary>The tool manifest at the root pins NSwag and Kiota; a fresh machine restores it here.</summary>
    private static Task RestoreToolsAsync() => ExternalTool.RunOrFailAsync("dotnet", ["tool", "restore"], SolutionPaths.Root, ToolLimit);

    /// <summary>
    /// Compiles the flow program (OpenApi/{name}/Program.cs) beside the generated client in a throwaway project outside the
    /// repository (none of its Directory.*.props apply, as in an integrator's own solution), runs it against the service with
    /// a token per role, and hands back the key=value lines it printed.
    /// </summary>
    private async Task<(Dictionary<string, string> Got, string Output)> BuildAndRunAsync(string project, string name, string properties, string packages)
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "OpenApi", name, "Program.cs"), Path.Combine(project, "Program.cs"));
        await File.WriteAllTextAsync(Path.Combine(project, $"{name}.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                {packages}
              </ItemGroup>
            </Project>
            """);
        var bin = Path.Combine(project, "out");
        await ExternalTool.RunOrFailAsync("dotnet", ["build", "-nologo", "-v", "q", "-o", bin], project, ToolLimit);

        var tokens = new Dictionary<string, string>
        {
            ["TOKEN_SECRETARIAT"] = Token(Roles.Secretariat),
            ["TOKEN_REPORTER"] = Token(Roles.Reporter, name == "KiotaFlow" ? "SO-TNMT" : "SO-KHCN"),
            ["TOKEN_AUDITOR"] = Token(Roles.Auditor),
        };
        var output = await ExternalTool.RunOrFailAsync("dotnet", [Path.Combine(bin, $"{name}.dll"), service.Process.BaseAddress.ToString()],
            project, ToolLimit, tokens);
        var got = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.Contains('=')).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return (got, output);
    }

    [Fact]
    public async Task The_served_document_passes_redocly_lint_with_no_errors()
    {
        var redocly = await RedoclyAsync();
        var (exitCode, output) = await ExternalTool.RunAsync(redocly, ["lint", service.DocumentPath], service.WorkDirectory, ToolLimit);
        exitCode.ShouldBe(0, output);
        output.ShouldNotContain("error was generated", Case.Insensitive);
    }

    /// <summary>
    /// @redocly/cli from the npm registry, installed once into a cache folder outside the repository: 2.77 where node is
    /// 20.19 or newer (its engines), else 1.34 (Debian 12's own nodejs is 18).
    /// </summary>
    private static async Task<string> RedoclyAsync()
    {
        var (nodeExit, nodeVersion) = await ExternalTool.RunAsync("node", ["--version"], Path.GetTempPath(), TimeSpan.FromMinutes(1));
        nodeExit.ShouldBe(0, "node is needed to lint the document (.ci/run installs nodejs and npm)");
        var node = Version.Parse(nodeVersion.Trim().TrimStart('v'));
        var redoclyVersion = node >= new Version(20, 19) ? "2.77.0" : "1.34.20";
        var cache = Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "monitoring", $"redocly-cli-{redoclyVersion}");
        var program = Path.Combine(cache, "node_modules", ".bin", "redocly");
        if (File.Exists(program)) return program;
        Directory.CreateDirectory(cache);
        await ExternalTool.RunOrFailAsync("npm", ["install", "--prefix", cache, "--no-audit", "--no-fund", $"@redocly/cli@{redoclyVersion}"], cache,
            TimeSpan.FromMinutes(10));
        File.Exists(program).ShouldBeTrue($"npm installed @redocly/cli but {program} is missing");
        return program;
    }

    private static string Token(string role, string? unit = null) =>
        TokenIssuer.Mint(new AuthOptions { SigningKey = AppFixture.TestSigningKey }, $"{role}.{unit ?? "tinh"}@client", role, unit, TimeSpan.FromHours(1),
            DateTimeOffset.UtcNow);

    private async Task<List<string>> StreamEventTypesAsync(Guid stream)
    {
        await using var connection = new NpgsqlConnection(TestDatabases.ProvinceDatabase(service.ConnectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select type from monitoring.mt_events where stream_id = $1 order by version", connection)
        {
            Parameters = { new NpgsqlParameter { Value = stream } },
        };
        var types = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) types.Add(reader.GetString(0));
        return types;
    }
}
