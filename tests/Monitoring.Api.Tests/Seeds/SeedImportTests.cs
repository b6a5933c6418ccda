using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Resolutions.Import;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Seeds;

/// <summary>The service's first start on an empty store imports the five seed documents.</summary>
public class SeedImportTests(SeedImportTests.Seeded app) : IClassFixture<SeedImportTests.Seeded>
{
    public static string SeedFolder => Path.Combine(SolutionPaths.Root, "seeds");

    public sealed class Seeded : AppFixture
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Seeds:ImportAtStartup", "true");
            builder.UseSetting("Seeds:Directory", SeedFolder);
        }
    }

    private async Task<JsonElement> ResolutionAsync(string number)
    {
        var page = await app.GetAsync($"/api/resolutions?search={Uri.EscapeDataString(number)}");
        return page.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("number").GetString() == number);
    }

    private async Task<List<JsonElement>> TargetsAsync(Guid resolution) =>
        (await app.GetAsync($"/api/targets?resolutionId={resolution}&pageSize=500")).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task Every_seed_document_is_imported_at_first_start()
    {
        var files = Directory.GetFiles(SeedFolder, "0*.json");
        files.Length.ShouldBe(5);
        var resolutions = await app.GetAsync("/api/resolutions?pageSize=100");
        resolutions.GetProperty("totalItems").GetInt32().ShouldBe(files.Length);
    }

    [Fact]
    public async Task Importing_the_seeds_again_adds_no_events()
    {
        var before = await app.EventCountAsync();
        var results = await app.Host.Services.GetRequiredService<SeedImporter>().ImportFolderAsync(SeedFolder, CancellationToken.None);
        results.ShouldAllBe(r => r.Summary != null && r.Summary.AlreadyImported);
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_import_seeds_command_imports_into_an_empty_database_and_a_second_run_adds_nothing()
    {
        var connection = await TestDatabases.CreateDatabaseAsync("seedcommand");
        var first = await RunCommandAsync(connection);
        first.ExitCode.ShouldBe(0, first.Output);
        first.Output.Split('\n').Count(l => l.Contains(": ") && l.Contains(" imported: ")).ShouldBe(5, first.Output);

        var second = await RunCommandAsync(connection);
        second.ExitCode.ShouldBe(0, second.Output);
        second.Output.Split('\n').Count(l => l.Contains("already present, skipped")).ShouldBe(5, second.Output);
    }

    private static async Task<(int ExitCode, string Output)> RunCommandAsync(string connectionString)
    {
        var assembly = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly, SeedImporter.CommandName, SeedFolder },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.Environment["ConnectionStrings__Monitoring"] = connectionString;
        start.Environment["Auth__SigningKey"] = AppFixture.TestSigningKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
