using Alba;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Security;

/// <summary>
/// Every endpoint the running app exposes, tried as nobody, as a reporter of another unit and as the committee, in the
/// default province (tokens naming none).
/// </summary>
public class AccessMatrixTests(AccessMatrixTests.World world) : AccessMatrix<AccessMatrixTests.World>(world), IClassFixture<AccessMatrixTests.World>
{
    /// <summary>Unit A owns a resolution's target, task and report; unit B owns nothing of it.</summary>
    public sealed class World : SampleWorld;
}

/// <summary>The same matrix in a province added at run time, every token naming it: the rules hold per province.</summary>
public class AccessMatrixInAnotherProvinceTests(AccessMatrixInAnotherProvinceTests.World world)
    : AccessMatrix<AccessMatrixInAnotherProvinceTests.World>(world), IClassFixture<AccessMatrixInAnotherProvinceTests.World>
{
    public sealed class World : SampleWorld
    {
        protected override string? TokenProvince => "quang-ninh";
    }
}

/// <summary>
/// The access matrix. A new endpoint with no policy, or with no sample request in <see cref="SampleWorld"/>, fails these tests.
/// </summary>
public abstract class AccessMatrix<TWorld>(TWorld world) where TWorld : SampleWorld
{
    private IEnumerable<(string Method, string Template, RouteEndpoint Endpoint)> Endpoints() => world.Endpoints();
    private string Url(string template) => world.Url(template);
    private object Body(string template) => world.Body(template);

    [Fact]
    public void Every_endpoint_names_a_policy_and_only_health_and_the_API_document_are_public()
    {
        var unprotected = Endpoints()
            .Where(x => x.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().All(a => string.IsNullOrEmpty(a.Policy)) ||
                        x.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(x => $"{x.Method} {x.Template}").ToList();
        unprotected.ShouldBeEmpty();
        Endpoints().Count().ShouldBeGreaterThan(20);
    }

    [Fact]
    public async Task Every_endpoint_refuses_an_anonymous_caller_with_401_and_appends_nothing()
    {
        foreach (var (method, template, _) in Endpoints())
        {
            var before = await world.EventCountAsync();
            var result = await world.Host.Scenario(s =>
            {
                if (SampleWorld.IsWrite(method)) world.Send(s, method, template);
                else s.Get.Url(Url(template));
                s.StatusCodeShouldBe(401);
            });
            (await world.EventCountAsync()).ShouldBe(before, $"{method} {template}");
            await ShouldBeProblem(result, 401);
        }
    }

    [Fact]
    public async Task Every_write_endpoint_refuses_a_reporter_of_another_unit_with_403_and_appends_nothing()
    {
        foreach (var (method, template, _) in Endpoints().Where(e => SampleWorld.IsWrite(e.Method)))
        {
            var before = await world.EventCountAsync();
            var result = await world.Host.Scenario(s =>
            {
                world.Send(s, method, template);
                s.Authorized(world.ReporterB);
                s.StatusCodeShouldBe(403);
            });
            (await world.EventCountAsync()).ShouldBe(before, $"{method} {template}");
            await ShouldBeProblem(result, 403);
        }
    }

    private static async Task ShouldBeProblem(IScenarioResult result, int status)
    {
        result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        var problem = System.Text.Json.JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe(status);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task A_reporter_cannot_read_another_units_targets_tasks_reports_or_submissions()
    {
        // The unit registry and a resolution's heading are shared reference data every unit reads; a resolution's targets
        // table is the targets list of that resolution, narrowed to a reporter's own unit (checked below).
        string[] shared = ["/api/units/{id}", "/api/resolutions/{id}", "/api/resolutions/{id}/targets.xlsx"];
        foreach (var (_, template, _) in Endpoints().Where(e => e.Method == "GET" && e.Template.Contains('{') && !shared.Contains(e.Template)))
        {
            var result = await world.Host.Scenario(s =>
            {
                s.Get.Url(Url(template));
                s.Authorized(world.ReporterB);
                s.StatusCodeShouldBe(403);
            });
        }
        foreach (var list in new[] { "/api/targets", "/api/tasks", "/api/reports", "/api/submissions", "/api/explanation-requests" })
        {
            await world.GetAsync($"{list}?unitId={world.UnitA}", 403, world.ReporterB);
            (await world.GetAsync(list, token: world.ReporterB)).GetProperty("totalItems").GetInt32().ShouldBe(0, list);
            (await world.GetAsync(list, token: world.ReporterA)).GetProperty("totalItems").GetInt32().ShouldBeGreaterThan(0, list);
        }
        // The targets table (.xlsx) as the targets list: none of unit A's rows for B, naming unit A is 403, A gets its own.
        await world.GetAsync($"/api/resolutions/{world.Resolution}/targets.xlsx?unitId={world.UnitA}", 403, world.ReporterB);
        (await TargetsTableAsync(world.ReporterB)).ShouldBeEmpty();
        (await TargetsTableAsync(world.ReporterA)).Select(r => r[3]!.Text).ShouldBe(["Thu ngân sách tăng 10 – 12%/năm"]);
        // Obligations: a reporter's own without naming its unit; another unit's is 403. Completeness spans all units: not for reporters.
        await world.GetAsync($"/api/obligations?unitId={world.UnitA}", 403, world.ReporterB);
        (await world.GetAsync("/api/obligations", token: world.ReporterB)).GetArrayLength().ShouldBe(0);
        (await world.GetAsync("/api/obligations", token: world.ReporterA)).EnumerateArray()
            .ShouldAllBe(o => o.GetProperty("unitId").GetGuid() == world.UnitA);
        (await world.GetAsync("/api/obligations", token: world.ReporterA)).GetArrayLength().ShouldBeGreaterThan(0);
        await world.GetAsync("/api/reporting/completeness", 403, world.ReporterA);
        // Notifications: the record is the secretariat's and the committee's; a unit reads its own recipients only.
        await world.GetAsync("/api/notifications", 403, world.ReporterA);
        await world.GetAsync($"/api/units/{world.UnitA}/recipients", token: world.ReporterA);
    }

    private async Task<IReadOnlyList<IReadOnlyList<Excel.StoredCell?>>> TargetsTableAsync(string token)
    {
        var result = await world.Host.Scenario(s =>
        {
            s.Get.Url($"/api/resolutions/{world.Resolution}/targets.xlsx");
            s.Authorized(token);
            s.StatusCodeShouldBe(200);
        });
        var bytes = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(bytes);
        return Excel.ExportedWorkbook.Read(bytes.ToArray()).First().Table;
    }

    [Fact]
    public async Task The_committee_reads_every_endpoint_and_the_auditor_only_the_audit_trail()
    {
        static bool IsAudit(string template) => template.StartsWith("/api/audit") || template.EndsWith("/history");
        var audit = 0;
        foreach (var (_, template, _) in Endpoints().Where(e => e.Method == "GET"))
        {
            // What only those who report use (a unit's report form) is neither the committee's nor the auditor's, nor what is national.
            var reportersOnly = world.ForReportersOnly("GET", template) || world.ForNationalOnly("GET", template);
            await world.Host.Scenario(s =>
            {
                s.Get.Url(Url(template));
                s.Authorized(world.Committee);
                s.StatusCodeShouldBe(reportersOnly ? 403 : 200);
            });
            if (reportersOnly)
            {
                await world.Host.Scenario(s =>
                {
                    s.Get.Url(Url(template));
                    s.Authorized(world.Auditor);
                    s.StatusCodeShouldBe(403);
                });
                continue;
            }
            await world.Host.Scenario(s =>
            {
                s.Get.Url(Url(template));
                s.Authorized(world.Auditor);
                s.StatusCodeShouldBe(IsAudit(template) ? 200 : 403);
            });
            if (IsAudit(template)) audit++;
        }
        audit.ShouldBeGreaterThanOrEqualTo(6);
    }

    [Fact]
    public async Task The_national_roles_read_and_write_nothing_of_a_provinces_record_and_append_nothing()
    {
        foreach (var token in new[] { world.National, world.NationalAdmin })
            foreach (var (method, template, _) in Endpoints().Where(e => !world.ForNationalOnly(e.Method, e.Template)))
            {
                var before = await world.EventCountAsync();
                var result = await world.Host.Scenario(s =>
                {
                    if (SampleWorld.IsWrite(method)) world.Send(s, method, template);
                    else s.Get.Url(Url(template));
                    s.Authorized(token);
                    s.StatusCodeShouldBe(403);
                });
                (await world.EventCountAsync()).ShouldBe(before, $"{method} {template}");
                await ShouldBeProblem(result, 403);
            }
        // What is national is theirs alone: no provincial role reads the overview or adds a province.
        foreach (var (method, template, _) in Endpoints().Where(e => world.ForNationalOnly(e.Method, e.Template)))
            foreach (var token in new[] { world.Committee, world.SecretariatToken, world.ReporterA, world.Auditor })
                await world.Host.Scenario(s =>
                {
                    if (SampleWorld.IsWrite(method)) world.Send(s, method, template);
                    else s.Get.Url(Url(template));
                    s.Authorized(token);
                    s.StatusCodeShouldBe(403);
                });
    }

    [Fact]
    public async Task A_units_report_form_is_downloaded_and_uploaded_by_that_unit_and_the_secretariat_only()
    {
        // Download: unit A's reporter (its own, named or not) and the secretariat naming the unit; not unit B's reporter, the committee or the auditor.
        async Task Downloaded(string url, string token) => await world.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.Authorized(token);
            s.StatusCodeShouldBe(200);
            s.ContentTypeShouldBe(Monitoring.Api.Infrastructure.Excel.XlsxWorkbook.ContentType);
        });
        await Downloaded(world.FormUrl(world.UnitA).Replace($"&unitId={world.UnitA}", ""), world.ReporterA);
        await Downloaded(world.FormUrl(world.UnitA), world.ReporterA);
        await Downloaded(world.FormUrl(world.UnitA), world.SecretariatToken);
        await world.GetAsync(world.FormUrl(world.UnitA), 403, world.ReporterB);
        await world.GetAsync(world.FormUrl(world.UnitA), 403, world.Committee);
        await world.GetAsync(world.FormUrl(world.UnitA), 403, world.Auditor);
        await world.GetAsync(world.FormUrl(world.UnitA), 401, "");

        // Upload of unit A's form: refused to unit B's reporter, the committee, the auditor and nobody, appending nothing; recorded for unit A's reporter.
        foreach (var (token, status) in new[] { (world.ReporterB, 403), (world.Committee, 403), (world.Auditor, 403), ("", 401) })
        {
            var before = await world.EventCountAsync();
            var refused = await world.Host.Scenario(s =>
            {
                world.Send(s, "POST", "/api/submissions/form");
                s.Authorized(token);
                s.StatusCodeShouldBe(status);
            });
            (await world.EventCountAsync()).ShouldBe(before);
            await ShouldBeProblem(refused, status);
        }
        var recorded = await world.Host.Scenario(s =>
        {
            world.Send(s, "POST", "/api/submissions/form");
            s.Authorized(world.ReporterA);
            s.StatusCodeShouldBe(200);
        });
        System.Text.Json.JsonDocument.Parse(await recorded.ReadAsTextAsync()).RootElement.GetProperty("state").GetString().ShouldBe("Draft");
    }
}
