using System.Text.Json;
using Alba;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;
using Npgsql;

namespace Monitoring.Api.Tests.Provinces;

/// <summary>
/// Two provinces in one service: the sample world lives in Quảng Ninh (its own database, added at run time); the default
/// province has a world of its own, with a unit of the same code. Nothing of one is reachable with the other's tokens.
/// </summary>
public class ProvinceIsolationTests(ProvinceIsolationTests.World world) : IClassFixture<ProvinceIsolationTests.World>
{
    public sealed class World : SampleWorld
    {
        protected override string? TokenProvince => "quang-ninh";

        /// <summary>The default province's tokens (a unit DON-VI-A of its own, unrelated to Quảng Ninh's).</summary>
        public string CommitteeHere = "", SecretariatHere = "", ReporterHere = "", AuditorHere = "";
        public Guid ResolutionHere;

        public string DefaultProvinceDatabase => TestDatabases.ProvinceDatabase(NationalConnectionString);

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            SecretariatHere = TokenFor(Roles.Secretariat, province: DefaultProvince);
            CommitteeHere = TokenFor(Roles.Committee, province: DefaultProvince);
            AuditorHere = TokenFor(Roles.Auditor, province: DefaultProvince);
            ReporterHere = TokenFor(Roles.Reporter, "DON-VI-A", province: DefaultProvince);
            var unit = (await this.PostAsync("/api/units", new { code = "DON-VI-A", name = "Đơn vị A của tỉnh", kind = "Department" }, 201,
                token: SecretariatHere)).GetProperty("id").GetGuid();
            ResolutionHere = (await this.PostAsync("/api/resolutions", new
            {
                number = "01-NQ/TU", kind = "Resolution", issuingBody = "Tỉnh ủy", issueDate = "2021-03-01", periodStartYear = 2021, periodEndYear = 2025,
                title = "Nghị quyết của tỉnh mặc định", fields = new[] { "Kinh tế" },
                targets = new[] { new { field = "Kinh tế", statement = "Tốc độ tăng trưởng GRDP bình quân 7%/năm", shape = "GrowthRate", minimum = 7, unitOfMeasure = "%/năm", targetYear = 2025, leadUnitId = unit } },
            }, 201, token: SecretariatHere)).GetProperty("id").GetGuid();
        }

        public async Task<(long Here, long There)> EventCountsAsync() => (await CountAsync(DefaultProvinceDatabase), await CountAsync(ConnectionString));

        private static async Task<long> CountAsync(string connectionString)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select count(*) from monitoring.mt_events", connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }
    }

    [Fact]
    public async Task Each_province_has_its_own_database_on_the_national_databases_server()
    {
        await using var connection = new NpgsqlConnection(world.NationalConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select datname from pg_database where datname like @prefix order by 1", connection)
        {
            Parameters = { new("prefix", new NpgsqlConnectionStringBuilder(world.NationalConnectionString).Database + "_%") },
        };
        var names = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        names.ShouldContain(new NpgsqlConnectionStringBuilder(world.ConnectionString).Database!);
        names.ShouldContain(new NpgsqlConnectionStringBuilder(world.DefaultProvinceDatabase).Database!);
        var (here, there) = await world.EventCountsAsync();
        here.ShouldBeGreaterThan(0);
        there.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Every_endpoint_naming_the_other_provinces_records_is_refused_to_every_role_here_and_appends_nothing_in_either()
    {
        var tried = 0;
        foreach (var (method, template, _) in world.Endpoints().Where(e => !world.ForNationalOnly(e.Method, e.Template)))
        {
            // Quảng Ninh's ids in the URL, or in the body (a target, a resolution, a unit): nothing the default province holds.
            var namesRecords = template.Contains('{') || (SampleWorld.IsWrite(method) && world.TakesJson(template) &&
                JsonSerializer.Serialize(world.Body(template)) is var body &&
                new[] { world.Target, world.Resolution, world.UnitA, world.Task }.Any(id => body.Contains(id.ToString())));
            if (!namesRecords) continue;
            foreach (var token in new[] { world.CommitteeHere, world.SecretariatHere, world.ReporterHere, world.AuditorHere })
            {
                var before = await world.EventCountsAsync();
                var result = await world.Host.Scenario(s =>
                {
                    if (SampleWorld.IsWrite(method)) world.Send(s, method, template);
                    else s.Get.Url(world.Url(template));
                    s.Authorized(token);
                    s.IgnoreStatusCode();
                });
                // A read is 404 (nothing of that id here) or 403; a write may also be a 400 when its body is not one this role
                // may send (a unit's draft sent by the secretariat without naming the unit), refused before anything is looked up.
                var status = result.Context.Response.StatusCode;
                status.ShouldBeOneOf(SampleWorld.IsWrite(method) ? [400, 403, 404] : [403, 404], $"{method} {world.Url(template)}: {await result.ReadAsTextAsync()}");
                (await world.EventCountsAsync()).ShouldBe(before, $"{method} {template}");
                tried++;
            }
        }
        tried.ShouldBeGreaterThan(100);
    }

    [Fact]
    public async Task Lists_and_the_audit_trail_show_each_province_only_its_own_record()
    {
        foreach (var list in new[] { "/api/resolutions", "/api/targets", "/api/tasks", "/api/reports", "/api/submissions", "/api/units" })
        {
            var here = (await world.GetAsync(list, token: world.CommitteeHere)).ToString();
            var there = (await world.GetAsync(list, token: world.Committee)).ToString();
            foreach (var id in new[] { world.Resolution, world.Target, world.Task, world.Report, world.UnitA, world.UnitB })
                here.ShouldNotContain(id.ToString(), customMessage: list);
            there.ShouldNotContain(world.ResolutionHere.ToString(), customMessage: list);
        }
        (await world.GetAsync("/api/resolutions", token: world.CommitteeHere)).ToString().ShouldContain("01-NQ/TU");
        (await world.GetAsync("/api/resolutions", token: world.Committee)).ToString().ShouldNotContain("01-NQ/TU");
        var auditHere = (await world.GetAsync("/api/audit", token: world.AuditorHere)).ToString();
        auditHere.ShouldNotContain(world.Resolution.ToString());
        auditHere.ShouldContain(world.ResolutionHere.ToString());
    }

    [Fact]
    public async Task Each_province_has_its_own_hash_chain_which_verifies_on_its_own()
    {
        async Task<JsonElement> VerifiedAsync(string token)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                var verification = await world.GetAsync("/api/audit/verify", token: token);
                if (verification.GetProperty("pendingEvents").GetInt64() == 0 || watch.Elapsed > TimeSpan.FromSeconds(60)) return verification;
                await Task.Delay(250);
            }
        }
        var here = await VerifiedAsync(world.AuditorHere);
        var there = await VerifiedAsync(world.Auditor);
        here.GetProperty("ok").GetBoolean().ShouldBeTrue(here.ToString());
        there.GetProperty("ok").GetBoolean().ShouldBeTrue(there.ToString());
        here.GetProperty("pendingEvents").GetInt64().ShouldBe(0);
        there.GetProperty("pendingEvents").GetInt64().ShouldBe(0);
        var (eventsHere, eventsThere) = await world.EventCountsAsync();
        here.GetProperty("eventsChecked").GetInt64().ShouldBeLessThanOrEqualTo(eventsHere);
        there.GetProperty("eventsChecked").GetInt64().ShouldBeGreaterThan(here.GetProperty("eventsChecked").GetInt64());
        here.GetProperty("headHash").GetString().ShouldNotBe(there.GetProperty("headHash").GetString());
    }

    [Fact]
    public async Task A_token_naming_a_province_this_service_does_not_serve_is_refused_and_so_is_a_unit_of_another_province()
    {
        var stranger = world.TokenFor(Roles.Committee, province: "ha-giang");
        var problem = await world.GetAsync("/api/resolutions", 403, stranger);
        problem.GetProperty("detail").GetString()!.ShouldContain("ha-giang");
        // Unit DON-VI-B is registered in Quảng Ninh only.
        await world.GetAsync("/api/obligations", 403, world.TokenFor(Roles.Reporter, "DON-VI-B", province: AppFixture.DefaultProvince));
        await world.GetAsync("/api/obligations", 200, world.TokenFor(Roles.Reporter, "DON-VI-B"));
    }

    [Fact]
    public async Task A_review_is_generated_from_its_provinces_record_and_read_only_there()
    {
        var review = await world.PostAsync($"/api/resolutions/{world.ResolutionHere}/reviews", new { kind = "MidTerm", cutOff = "2023-07-15" }, 201,
            token: world.SecretariatHere);
        var reviewId = review.GetProperty("reviewId").GetGuid();
        await world.GetAsync($"/api/resolutions/{world.ResolutionHere}/reviews/{reviewId}", 200, world.CommitteeHere);
        await world.GetAsync($"/api/resolutions/{world.ResolutionHere}/reviews/{reviewId}", 404, world.Committee);
        await world.GetAsync($"/api/resolutions/{world.Resolution}/reviews/{world.Review}", 404, world.CommitteeHere);
    }

    [Fact]
    public async Task The_pages_show_the_province_chosen_at_sign_in_and_nothing_of_another()
    {
        using var there = await PageSession.SignedInAsync(world.Host, Roles.Committee, province: "quang-ninh");
        var (status, html) = await there.GetHtmlAsync("/resolutions");
        status.ShouldBe(System.Net.HttpStatusCode.OK);
        html.ShouldContain("99-KL/TU");
        html.ShouldNotContain("01-NQ/TU");
        (await there.GetHtmlAsync($"/resolutions/{world.ResolutionHere}")).Status.ShouldBe(System.Net.HttpStatusCode.NotFound);

        using var here = await PageSession.SignedInAsync(world.Host, Roles.Committee);
        (status, html) = await here.GetHtmlAsync("/resolutions");
        status.ShouldBe(System.Net.HttpStatusCode.OK);
        html.ShouldContain("01-NQ/TU");
        html.ShouldNotContain("99-KL/TU");
    }
}
