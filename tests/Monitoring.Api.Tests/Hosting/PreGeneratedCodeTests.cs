using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Hosting;

/// <summary>
/// Outside Development the service loads Wolverine's endpoint adapters from src/Monitoring.Api/Internal/Generated
/// (TypeLoadMode.Static) instead of compiling them with Roslyn. That code is committed, so it must be exactly what
/// `codegen write` produces from today's endpoints, and the service must really run it.
/// </summary>
public class PreGeneratedCodeTests : IDisposable
{
    private static readonly string Committed = Path.Combine(SolutionPaths.Root, "src", "Monitoring.Api", "Internal", "Generated");
    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"monitoring-codegen-{Guid.NewGuid():N}")).FullName;

    [Fact]
    public async Task The_committed_generated_code_is_what_codegen_writes_for_the_current_endpoints()
    {
        // `codegen write` writes under the content root, here the working directory: a temporary folder, never src/.
        // It runs from the service's own build output: JasperFx looks for command extensions in every assembly beside the
        // entry one, and the test assemblies copied beside Monitoring.Api.dll here cannot load in the service's context.
        var output = Path.GetRelativePath(Path.Combine(SolutionPaths.Root, "tests", "Monitoring.Api.Tests"), AppContext.BaseDirectory);
        var assembly = Path.Combine(SolutionPaths.Root, "src", "Monitoring.Api", output, "Monitoring.Api.dll");
        File.Exists(assembly).ShouldBeTrue($"{assembly} is not built");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly, "codegen", "write" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        // No database, as on a fresh clone: code generation starts no cluster (no server programs here would fail it).
        start.Environment["ConnectionStrings__Monitoring"] = "";
        start.Environment["EmbeddedPostgres__BinDirectory"] = Directory.CreateDirectory(Path.Combine(_root, "no-postgres")).FullName;
        start.Environment["EmbeddedPostgres__DataDirectory"] = Path.Combine(_root, "no-data");
        start.Environment["Auth__SigningKey"] = AppFixture.TestSigningKey;
        start.Environment["Seeds__ImportAtStartup"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("codegen write did not finish: " + await stdout + await stderr);
            }
        }
        process.ExitCode.ShouldBe(0, await stdout + await stderr);

        var written = Files(Path.Combine(_root, "Internal", "Generated"));
        var committed = Files(Committed);
        written.ShouldNotBeEmpty(await stdout + await stderr);

        const string fix = "The pre-generated code in src/Monitoring.Api/Internal/Generated is stale: run " +
                           "`rm -rf src/Monitoring.Api/Internal/Generated && dotnet run --project src/Monitoring.Api -- codegen write` " +
                           "and commit the result (README, Pre-generated code).";
        committed.Keys.Order().ShouldBe(written.Keys.Order(), fix);
        foreach (var (file, code) in written)
            committed[file].ShouldBe(code, $"{file} differs. {fix}");
    }

    [Fact]
    public async Task Outside_Development_the_service_runs_the_pre_generated_endpoints_without_loading_Roslyn()
    {
        var connectionString = await TestDatabases.CreateDatabaseAsync(nameof(PreGeneratedCodeTests));
        await using var service = await ServiceProcess.StartAsync(connectionString, AppFixture.TestSigningKey);
        var auth = new AuthOptions { SigningKey = AppFixture.TestSigningKey };
        string Token(string role) => TokenIssuer.Mint(auth, $"{role}@test", role, null, TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

        using var register = new HttpRequestMessage(HttpMethod.Post, "/api/units")
        {
            Content = JsonContent.Create(new { code = "SO-TAI-CHINH", name = "Sở Tài chính", kind = "DistrictPartyCommittee" }),
        };
        register.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(Roles.Secretariat));
        var registered = await service.Http.SendAsync(register);
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());

        foreach (var (url, role) in new[]
                 {
                     ("/api/units", Roles.Committee), ("/api/resolutions", Roles.Committee), ("/api/targets", Roles.Committee),
                     ("/api/tasks", Roles.Committee), ("/api/audit", Roles.Auditor),
                 })
        {
            using var read = new HttpRequestMessage(HttpMethod.Get, url);
            read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(role));
            var answer = await service.Http.SendAsync(read);
            answer.StatusCode.ShouldBe(HttpStatusCode.OK, $"{url}: {await answer.Content.ReadAsStringAsync()}");
        }

        var loaded = (await File.ReadAllLinesAsync($"/proc/{service.Id}/maps"))
            .Where(line => line.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal)).ToList();
        loaded.ShouldBeEmpty("Roslyn was loaded: an endpoint was compiled at run time instead of loaded from Internal/Generated.\n" + service.Output);
    }

    private static Dictionary<string, string> Files(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(directory, f).Replace('\\', '/'), f => File.ReadAllText(f).ReplaceLineEndings("\n"))
            : [];

    public void Dispose() => TestDatabases.TryDelete(_root);
}
