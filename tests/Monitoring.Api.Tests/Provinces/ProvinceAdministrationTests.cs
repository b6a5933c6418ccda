using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Api.Tests.Seeds;

namespace Monitoring.Api.Tests.Provinces;

/// <summary>The national administrator adds provinces while the service runs; the central bodies read every province's counts.</summary>
public class ProvinceAdministrationTests(ProvinceAdministrationTests.World world) : IClassFixture<ProvinceAdministrationTests.World>
{
    public sealed class World : AppFixture
    {
        protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Seeds:Directory", SeedImportTests.SeedFolder);
    }

    private string Admin => world.TokenFor(Roles.NationalAdmin);
    private string Central => world.TokenFor(Roles.National);

    [Fact]
    public async Task A_province_added_with_its_seeds_is_served_at_once_in_its_own_database_and_adding_it_again_changes_nothing()
    {
        var added = await world.PostAsync("/api/provinces", new { code = "dong-thap", name = "Đồng Tháp", importSeeds = true }, 201, token: Admin);
        added.GetProperty("code").GetString().ShouldBe("dong-thap");
        added.GetProperty("name").GetString().ShouldBe("Đồng Tháp");
        added.GetProperty("seeds").GetArrayLength().ShouldBe(5);

        var committee = world.TokenFor(Roles.Committee, province: "dong-thap");
        (await world.GetAsync("/api/resolutions", token: committee)).GetProperty("totalItems").GetInt32().ShouldBe(5);
        (await world.GetAsync("/api/resolutions", token: world.TokenFor(Roles.Committee))).GetProperty("totalItems").GetInt32().ShouldBe(0);

        var before = await world.EventCountAsync();
        var again = await world.PostAsync("/api/provinces", new { code = "dong-thap", name = "Đồng Tháp", importSeeds = true }, 409, token: Admin);
        again.GetProperty("detail").GetString()!.ShouldContain("dong-thap");
        (await world.GetAsync("/api/resolutions", token: committee)).GetProperty("totalItems").GetInt32().ShouldBe(5);
        (await world.EventCountAsync()).ShouldBe(before);

        var provinces = await world.GetAsync("/api/provinces", token: Central);
        provinces.EnumerateArray().Select(p => p.GetProperty("code").GetString()).ShouldContain("dong-thap");
    }

    [Fact]
    public async Task A_bad_request_to_add_a_province_is_a_400_naming_the_field_in_Vietnamese_when_asked_and_no_province_is_added()
    {
        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { code = "Đồng Tháp", name = "Đồng Tháp" }, "code"),
                     (new { code = "x", name = "X" }, "code"),
                     (new { code = "ha-nam", name = "" }, "name"),
                 })
        {
            var problem = await world.PostAsync("/api/provinces", body, 400, s => s.WithRequestHeader("Accept-Language", "vi"), Admin);
            problem.ErrorFields().ShouldContain(field);
            if (field == "code") problem.GetProperty("errors").GetProperty("code")[0].GetString()!.ShouldContain("chữ thường");
        }
        (await world.GetAsync("/api/provinces", token: Central)).EnumerateArray().Select(p => p.GetProperty("code").GetString())
            .ShouldNotContain("ha-nam");
        await world.PostAsync("/api/provinces", new { code = "ha-nam", name = "Hà Nam" }, 403, token: world.TokenFor(Roles.Secretariat));
        await world.PostAsync("/api/provinces", new { code = "ha-nam", name = "Hà Nam" }, 403, token: Central);
    }

    [Fact]
    public async Task The_national_overview_counts_each_provinces_targets_and_reports_as_that_province_itself_does()
    {
        await world.PostAsync("/api/provinces", new { code = "kon-tum", name = "Kon Tum", importSeeds = true }, 201, token: Admin);
        var overview = await world.GetAsync("/api/national/overview?period=2023-H1", token: Central);
        overview.GetProperty("provinces").GetInt32().ShouldBeGreaterThanOrEqualTo(2);

        foreach (var province in overview.GetProperty("byProvince").EnumerateArray())
        {
            var code = province.GetProperty("code").GetString()!;
            province.GetProperty("unavailable").ValueKind.ShouldBe(JsonValueKind.Null);
            var committee = world.TokenFor(Roles.Committee, province: code);
            var targets = await world.GetAsync("/api/targets?pageSize=500", token: committee);
            province.GetProperty("targets").GetInt32().ShouldBe(targets.GetProperty("totalItems").GetInt32(), code);
            foreach (var status in province.GetProperty("targetsByStatus").EnumerateObject())
                status.Value.GetInt32().ShouldBe(targets.GetProperty("items").EnumerateArray()
                    .Count(t => t.GetProperty("judgement").GetProperty("status").GetString() == status.Name), $"{code} {status.Name}");
            var completeness = await world.GetAsync("/api/reporting/completeness?period=2023-H1", token: committee);
            province.GetProperty("completeness").ToString().ShouldBe(completeness.GetProperty("total").ToString(), code);
        }
        var konTum = overview.GetProperty("byProvince").EnumerateArray().Single(p => p.GetProperty("code").GetString() == "kon-tum");
        konTum.GetProperty("targets").GetInt32().ShouldBeGreaterThan(20);
        overview.GetProperty("targetsByStatus").EnumerateObject().Sum(s => s.Value.GetInt32())
            .ShouldBe(overview.GetProperty("byProvince").EnumerateArray().Sum(p => p.GetProperty("targets").GetInt32()));

        (await world.GetAsync("/api/national/overview?asOf=31-12-2023", 400, Central)).ErrorFields().ShouldContain("asOf");
        (await world.GetAsync("/api/national/overview?colour=red", 400, Central)).ErrorFields().ShouldContain("colour");
        await world.GetAsync("/api/national/overview", 403, world.TokenFor(Roles.Committee));

        // The same on the central bodies' page, in Vietnamese; a province's committee may not open it.
        using var central = await PageSession.SignedInAsync(world.Host, Roles.National);
        var (pageStatus, html) = await central.GetHtmlAsync("/national?period=2023-H1");
        pageStatus.ShouldBe(System.Net.HttpStatusCode.OK, html);
        html.ShouldContain("Kon Tum");
        html.ShouldContain(konTum.GetProperty("targets").GetInt32().ToString());
        html.ShouldContain("đạt/vượt");
        (await central.GetHtmlAsync("/resolutions")).Status.ShouldBe(System.Net.HttpStatusCode.Forbidden);
        using var provincial = await PageSession.SignedInAsync(world.Host, Roles.Committee);
        (await provincial.GetHtmlAsync("/national")).Status.ShouldBe(System.Net.HttpStatusCode.Forbidden);
    }
}

/// <summary>
/// Adding a province from the command line while a service process runs: the running service serves it at its next request,
/// without a restart, its async daemon links the new province's chain, and its daily reminder sweep is scheduled.
/// </summary>
public class ProvinceAddedWhileRunningTests
{
    [Fact]
    public async Task A_province_added_by_the_command_is_served_by_the_running_service_and_its_chain_is_linked()
    {
        var national = await TestDatabases.CreateDatabaseAsync(nameof(ProvinceAddedWhileRunningTests));
        await using var service = await ServiceProcess.StartAsync(national, AppFixture.TestSigningKey);

        var assembly = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly, "add-province", "lao-cai", "Lào Cai", "--import-seeds" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.Environment["ConnectionStrings__Monitoring"] = national;
        start.Environment["Auth__SigningKey"] = AppFixture.TestSigningKey;
        start.Environment["Seeds__Directory"] = SeedImportTests.SeedFolder;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        process.ExitCode.ShouldBe(0, await output + await errors);
        (await output).ShouldContain("lao-cai");

        var token = TokenIssuer.Mint(new AuthOptions { SigningKey = AppFixture.TestSigningKey }, "uy.vien@laocai", Roles.Committee, null,
            TimeSpan.FromHours(1), DateTimeOffset.UtcNow, "lao-cai");
        async Task<JsonElement> GetAsync(string url)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
            using var answer = await service.Http.SendAsync(request);
            var text = await answer.Content.ReadAsStringAsync();
            ((int)answer.StatusCode).ShouldBe(200, text);
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        (await GetAsync("/api/resolutions")).GetProperty("totalItems").GetInt32().ShouldBe(5);

        var watch = Stopwatch.StartNew();
        JsonElement verification;
        do
        {
            verification = await GetAsync("/api/audit/verify");
            if (verification.GetProperty("pendingEvents").GetInt64() == 0) break;
            await Task.Delay(500);
        } while (watch.Elapsed < TimeSpan.FromSeconds(90));
        verification.GetProperty("ok").GetBoolean().ShouldBeTrue(verification.ToString());
        verification.GetProperty("pendingEvents").GetInt64().ShouldBe(0, $"the running service's daemon links the new province's chain\n{service.Output}");
        verification.GetProperty("eventsChecked").GetInt64().ShouldBeGreaterThan(100);

        // Wolverine's leader gives the new province's database a durability agent (its scheduled messages: reminders,
        // retries), found by its periodic look at the databases.
        var database = Monitoring.Api.Provinces.ProvinceRegistry.DatabaseNameFor(national, "lao-cai");
        watch.Restart();
        long assigned;
        do
        {
            await using var connection = new Npgsql.NpgsqlConnection(national);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("select count(*) from wolverine.wolverine_node_assignments where id like @agent", connection)
            {
                Parameters = { new("agent", $"wolverinedb://%/{database}/%") },
            };
            assigned = (long)(await command.ExecuteScalarAsync())!;
            if (assigned > 0) break;
            await Task.Delay(1000);
        } while (watch.Elapsed < TimeSpan.FromSeconds(90));
        assigned.ShouldBe(1, service.Output);

        // The running service schedules the new province's daily reminder sweep (in that province's database) without a restart.
        var provinceDatabase = new Npgsql.NpgsqlConnectionStringBuilder(national) { Database = database }.ConnectionString;
        watch.Restart();
        long sweeps;
        do
        {
            await using var connection = new Npgsql.NpgsqlConnection(provinceDatabase);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "select count(*) from wolverine.wolverine_incoming_envelopes where status = 'Scheduled' and message_type ilike '%sweepreminders%'", connection);
            sweeps = (long)(await command.ExecuteScalarAsync())!;
            if (sweeps > 0) break;
            await Task.Delay(1000);
        } while (watch.Elapsed < TimeSpan.FromSeconds(60));
        sweeps.ShouldBe(1, service.Output);
    }
}

/// <summary>The command line refuses what the endpoint refuses, says why, and adds nothing.</summary>
public class ProvinceCommandTests
{
    [Fact]
    public async Task A_bad_code_or_a_missing_name_is_refused_naming_what_is_wrong_and_no_province_is_added()
    {
        var national = await TestDatabases.CreateDatabaseAsync(nameof(ProvinceCommandTests));
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Monitoring"] = national,
            ["Auth__SigningKey"] = AppFixture.TestSigningKey,
        };
        Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) =>
            ServiceProcess.RunCommandAsync(environment, TimeSpan.FromMinutes(2), arguments);

        var (badCode, said) = await RunAsync("add-province", "Quảng Ninh", "Quảng Ninh");
        badCode.ShouldNotBe(0, said);
        said.ShouldContain("Code");

        var (noName, usage) = await RunAsync("add-province", "quang-ninh");
        noName.ShouldNotBe(0, usage);
        usage.ShouldContain("add-province");

        var (unknownFlag, refused) = await RunAsync("add-province", "quang-ninh", "Quảng Ninh", "--import-seed");
        unknownFlag.ShouldNotBe(0, refused);
        refused.ShouldContain("--import-seed");

        var (_, text) = await RunAsync("help", "add-province");
        text.ShouldContain("--import-seeds");
        text.ShouldContain("--connection");

        await using var connection = new Npgsql.NpgsqlConnection(national);
        await connection.OpenAsync();
        await using var table = new Npgsql.NpgsqlCommand("select to_regclass('tenants.monitoring_province') is not null", connection);
        if ((bool)(await table.ExecuteScalarAsync())!)
        {
            await using var count = new Npgsql.NpgsqlCommand("select count(*) from tenants.monitoring_province where code = 'quang-ninh'", connection);
            ((long)(await count.ExecuteScalarAsync())!).ShouldBe(0);
        }
        await using var databases = new Npgsql.NpgsqlCommand("select count(*) from pg_database where datname = $1", connection)
        {
            Parameters = { new() { Value = Monitoring.Api.Provinces.ProvinceRegistry.DatabaseNameFor(national, "quang-ninh") } },
        };
        ((long)(await databases.ExecuteScalarAsync())!).ShouldBe(0);
    }
}
