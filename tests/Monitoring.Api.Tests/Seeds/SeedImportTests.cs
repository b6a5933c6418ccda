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

    /// <summary>The user's source texts the seeds were read from, kept in the repository.</summary>
    public static string SourceFolder => Path.Combine(SeedFolder, "sources");

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
    public void Every_seed_names_a_source_text_kept_in_the_repository_and_the_service_ships_only_the_JSON()
    {
        foreach (var file in Directory.GetFiles(SeedFolder, "0*.json"))
        {
            var document = JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("source").GetProperty("document").GetString()!;
            File.Exists(Path.Combine(SourceFolder, document)).ShouldBeTrue($"{Path.GetFileName(file)} cites {document}");
        }

        var shipped = Path.Combine(Path.GetDirectoryName(typeof(Program).Assembly.Location)!, "seeds");
        Directory.GetFileSystemEntries(shipped).Select(Path.GetFileName).Order()
            .ShouldBe(Directory.GetFiles(SeedFolder, "*.json").Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Importing_the_seeds_again_adds_no_events()
    {
        var before = await app.EventCountAsync();
        var results = await app.Host.Services.GetRequiredService<SeedImporter>().ImportFolderAsync(app.Province, SeedFolder, CancellationToken.None);
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

    [Theory]
    [InlineData("KL-DT-XI-BIENGIOI-2021-2025", 19, 76)] // 000 Đồng Tháp, border areas (HT-01.1: "02 cửa khẩu quốc tế")
    [InlineData("KL-KT-HN12-XVI-2023", 3, 42)]         // 001 Kon Tum, mid-term review
    [InlineData("NQ-HNA-PTCN-2021-2025", 19, 29)]       // 002 Hà Nam, industry
    [InlineData("KL-QNG-6T-2023", 5, 32)]               // 003 Quảng Ngãi, first half of 2023
    [InlineData("KL-HNGNK-2023", 2, 32)]                // 004 mid-term conference (KT-02: 7,36%, goal set by the congress)
    public async Task Each_document_brings_its_targets_and_tasks(string number, int targets, int tasks)
    {
        var resolution = (await ResolutionAsync(number)).GetProperty("id").GetGuid();
        (await app.GetAsync($"/api/targets?resolutionId={resolution}&pageSize=500")).GetProperty("totalItems").GetInt32().ShouldBe(targets);
        (await app.GetAsync($"/api/tasks?resolutionId={resolution}&pageSize=500")).GetProperty("totalItems").GetInt32().ShouldBe(tasks);
    }

    /// <summary>Figures exactly as the texts print them: what the target commits to, or what was reported.</summary>
    [Theory]
    // 000: "thu ngân sách trên địa bàn tăng 10 - 12%/năm"
    [InlineData("KL-DT-XI-BIENGIOI-2021-2025", "KT-01", "minimum", "10", "%/năm", "GrowthRate", 2025)]
    [InlineData("KL-DT-XI-BIENGIOI-2021-2025", "KT-01", "maximum", "12", "%/năm", "GrowthRate", 2025)]
    [InlineData("KL-DT-XI-BIENGIOI-2021-2025", "VH-02", "minimum", "92,3", "%", "LevelAtLeast", 2025)]
    // "tỷ lệ hộ nghèo ... dưới 3,0%"
    [InlineData("KL-DT-XI-BIENGIOI-2021-2025", "VH-07", "maximum", "3,0", "%", "LevelAtMost", 2025)]
    // "hằng năm, hỗ trợ việc làm cho hơn 6.150 lao động, trong đó ít nhất 285 ..."
    [InlineData("KL-DT-XI-BIENGIOI-2021-2025", "VH-08", "minimum", "6.150", "lao động", "QuantityPerYear", 2025)]
    [InlineData("KL-DT-XI-BIENGIOI-2021-2025", "VH-09", "minimum", "285", "lao động", "QuantityPerYear", 2025)]
    // "15/22 xã ... đạt chuẩn nông thôn mới" at the end of 2020; all 22 by 2025
    [InlineData("KL-DT-XI-BIENGIOI-2021-2025", "VH-05", "baseline", "15", "xã", "CountMeetingStandard", 2025)]
    [InlineData("KL-DT-XI-BIENGIOI-2021-2025", "VH-05", "minimum", "22", "xã", "CountMeetingStandard", 2025)]
    [InlineData("KL-DT-XI-BIENGIOI-2021-2025", "VH-05", "official:2020", "15", "xã", "CountMeetingStandard", 2025)]
    // 002: "giá trị sản xuất công nghiệp tăng bình quân 12,6%/năm" (17,53%/năm in 2016-2020)
    [InlineData("NQ-HNA-PTCN-2021-2025", "CN-01", "minimum", "12,6", "%/năm", "GrowthRate", 2025)]
    [InlineData("NQ-HNA-PTCN-2021-2025", "CN-01", "official:2016-2020", "17,53", "%/năm", "GrowthRate", 2025)]
    [InlineData("NQ-HNA-PTCN-2021-2025", "CN-02", "minimum", "213.000", "tỷ đồng", "LevelAtLeast", 2025)]
    [InlineData("NQ-HNA-PTCN-2021-2025", "CN-08", "minimum", "160.000", "tỷ đồng", "Cumulative", 2025)]
    [InlineData("NQ-HNA-PTCN-2021-2025", "CN-09", "minimum", "50.000", "lao động", "Cumulative", 2025)]
    [InlineData("NQ-HNA-PTCN-2021-2025", "CN-14", "minimum", "5.000", "ha", "LevelAtLeast", 2025)]
    [InlineData("NQ-HNA-PTCN-2021-2025", "CN-06", "minimum", "23,5", "%", "LevelAtLeast", 2025)]
    // 003: "GRDP ước tính đạt 29.240,3 tỷ đồng, tăng 2,65%; ... tổng vốn đầu tư toàn xã hội ước đạt 17.644 tỷ đồng, tăng 10,5%"
    // GRDP and investment of the first half are flows of part of the year 2023: QuantityPerYear, not a year's level (issue 17).
    [InlineData("KL-QNG-6T-2023", "KT-01", "estimate:2023-H1", "29.240,3", "tỷ đồng", "QuantityPerYear", 2023)]
    [InlineData("KL-QNG-6T-2023", "KT-02", "estimate:2023-H1", "2,65", "%", "GrowthRate", 2023)]
    [InlineData("KL-QNG-6T-2023", "KT-04", "estimate:2023-H1", "17.644", "tỷ đồng", "QuantityPerYear", 2023)]
    [InlineData("KL-QNG-6T-2023", "KT-05", "estimate:2023-H1", "10,5", "%", "GrowthRate", 2023)]
    // 004: "tốc độ tăng bình quân 3 năm 2021 - 2023 đạt 15,4%/năm (NQ 11 - 12%/năm)"
    [InlineData("KL-HNGNK-2023", "KT-01", "minimum", "11", "%/năm", "GrowthRate", 2025)]
    [InlineData("KL-HNGNK-2023", "KT-01", "estimate:2021-2023", "15,4", "%/năm", "GrowthRate", 2025)]
    public async Task Figures_are_the_texts_own(string number, string code, string what, string printed, string unit, string shape, int year)
    {
        var target = (await TargetsAsync((await ResolutionAsync(number)).GetProperty("id").GetGuid()))
            .Single(t => t.GetProperty("code").GetString() == code);
        target.GetProperty("unitOfMeasure").GetString().ShouldBe(unit);
        target.GetProperty("shape").GetString().ShouldBe(shape);
        target.GetProperty("targetYear").GetInt32().ShouldBe(year);

        var expected = Monitoring.Domain.Common.VietnameseNumber.Parse(printed);
        decimal actual;
        if (what.Split(':') is [var stage, var period])
        {
            var figure = target.GetProperty(stage == "estimate" ? "latestEstimate" : "latestOfficial");
            figure.GetProperty("period").GetString().ShouldBe(period);
            actual = figure.GetProperty("value").GetDecimal();
        }
        else
            actual = what == "baseline"
                ? target.GetProperty("baseline").GetProperty("value").GetDecimal()
                : target.GetProperty("goal").GetProperty(what).GetDecimal();
        actual.ShouldBe(expected);
        Monitoring.Domain.Common.VietnameseNumber.ToText(actual, minDecimals: printed.Contains(',') ? printed.Split(',')[1].Length : 0).ShouldBe(printed);
    }

    [Fact]
    public async Task Statements_footnotes_and_sub_targets_are_kept_as_written()
    {
        var hanam = await TargetsAsync((await ResolutionAsync("NQ-HNA-PTCN-2021-2025")).GetProperty("id").GetGuid());
        hanam.Single(t => t.GetProperty("code").GetString() == "CN-06").GetProperty("footnotes")[0].GetString()!
            .ShouldContain("không bao gồm nhóm sản phẩm: xi măng, thức ăn chăn nuôi, chế biến đá", Case.Insensitive);

        var dongThap = await TargetsAsync((await ResolutionAsync("KL-DT-XI-BIENGIOI-2021-2025")).GetProperty("id").GetGuid());
        var jobs = dongThap.Single(t => t.GetProperty("code").GetString() == "VH-08");
        var subTarget = dongThap.Single(t => t.GetProperty("code").GetString() == "VH-09");
        subTarget.GetProperty("parentTargetId").GetGuid().ShouldBe(jobs.GetProperty("id").GetGuid());
        var text = await File.ReadAllTextAsync(Directory.GetFiles(SourceFolder, "000_*.txt").Single());
        text.ShouldContain(jobs.GetProperty("statement").GetString()!);
    }

    [Fact]
    public async Task The_status_computed_from_004s_figures_agrees_with_what_004_concludes()
    {
        // 004: budget revenue grew 15,4%/năm on average over 2021-2023 against the resolution's 11 - 12%/năm: exceeded.
        var budget = (await TargetsAsync((await ResolutionAsync("KL-HNGNK-2023")).GetProperty("id").GetGuid()))
            .Single(t => t.GetProperty("code").GetString() == "KT-01");
        budget.GetProperty("judgement").GetProperty("status").GetString().ShouldBe("AchievedOrExceeded");
        budget.GetProperty("judgement").GetProperty("statusText").GetString().ShouldBe("đạt/vượt");
        budget.GetProperty("judgement").GetProperty("explanation").GetString()!.ShouldContain("15,4");
    }

    [Fact]
    public async Task Targets_whose_goal_another_document_sets_wait_for_it_with_no_data()
    {
        var grdp = (await TargetsAsync((await ResolutionAsync("KL-QNG-6T-2023")).GetProperty("id").GetGuid()))
            .Single(t => t.GetProperty("code").GetString() == "KT-01");
        grdp.GetProperty("goalSetBy").GetString()!.ShouldContain("1492-KL/TU");
        grdp.GetProperty("judgement").GetProperty("status").GetString().ShouldBe("NoData");
        grdp.GetProperty("judgement").GetProperty("explanation").GetString()!.ShouldContain("1492-KL/TU");
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
