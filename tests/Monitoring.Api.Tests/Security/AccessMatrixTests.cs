using Alba;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Security;

/// <summary>
/// Every endpoint the running app exposes, tried as nobody, as a reporter of another unit and as the committee.
/// A new endpoint with no policy, or with no sample request here, fails these tests.
/// </summary>
public class AccessMatrixTests(AccessMatrixTests.World world) : IClassFixture<AccessMatrixTests.World>
{
    private static bool IsPublic(string template) =>
        template is "/health/live" or "/health/ready" or "/openapi/{documentName}.json" or "/" || template.StartsWith("/scalar");

    /// <summary>Unit A owns a resolution's target, task and report; unit B owns nothing of it.</summary>
    public sealed class World : AppFixture
    {
        public Guid UnitA, UnitB, Resolution, Target, Task, Report, Figure, Review;
        public string ReporterA = "", ReporterB = "", Committee = "", Auditor = "";

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            UnitA = await this.RegisterUnitAsync("DON-VI-A");
            UnitB = await this.RegisterUnitAsync("DON-VI-B");
            var resolution = await this.PostAsync("/api/resolutions", new
            {
                number = "99-KL/TU", kind = "Conclusion", issuingBody = "Tỉnh ủy", issueDate = "2021-10-20", periodStartYear = 2021, periodEndYear = 2025,
                title = "Kết luận thử quyền truy cập",
                targets = new[] { new { field = "Kinh tế", statement = "Thu ngân sách tăng 10 – 12%/năm", shape = "GrowthRate", minimum = 10, maximum = 12, unitOfMeasure = "%/năm", targetYear = 2025, leadUnitId = UnitA } },
                tasks = new[] { new { group = "Hạ tầng", statement = "Nâng cấp cửa khẩu Thường Phước", leadUnitId = UnitA, deadline = "2024-12-31" } },
            }, 201);
            Resolution = resolution.GetProperty("id").GetGuid();
            Target = resolution.GetProperty("targetIds")[0].GetGuid();
            Task = resolution.GetProperty("taskIds")[0].GetGuid();
            ReporterA = TokenFor(Roles.Reporter, "DON-VI-A");
            ReporterB = TokenFor(Roles.Reporter, "DON-VI-B");
            Committee = TokenFor(Roles.Committee);
            Auditor = TokenFor(Roles.Auditor);
            var report = await this.PostAsync("/api/reports", new { period = "2023-H1", figures = new[] { new { targetId = Target, value = 12.5, stage = "Estimate" } } }, 201, token: ReporterA);
            Report = report.GetProperty("reportId").GetGuid();
            Figure = report.GetProperty("figures")[0].GetProperty("figureId").GetGuid();
            Review = (await this.PostAsync($"/api/resolutions/{Resolution}/reviews", new { kind = "MidTerm", cutOff = "2023-07-15" }, 201))
                .GetProperty("reviewId").GetGuid();
        }
    }

    private IEnumerable<(string Method, string Template, RouteEndpoint Endpoint)> Endpoints() =>
        world.Host.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'), e)))
            .Where(x => !IsPublic(x.Item2));

    private string Url(string template) => template
        .Replace("/api/targets/{id}", $"/api/targets/{world.Target}")
        .Replace("/api/tasks/{id}", $"/api/tasks/{world.Task}")
        .Replace("/api/units/{id}", $"/api/units/{world.UnitA}")
        .Replace("/api/resolutions/{id}", $"/api/resolutions/{world.Resolution}")
        .Replace("/api/reports/{id}", $"/api/reports/{world.Report}")
        .Replace("{figureId}", world.Figure.ToString())
        .Replace("{reviewId}", world.Review.ToString());

    /// <summary>A request each write endpoint would accept from someone allowed to make it.</summary>
    private object Body(string template) => template switch
    {
        "/api/units" => new { code = "DON-VI-C", name = "Đơn vị C", kind = "Department" },
        "/api/resolutions" => new { number = "98-KL/TU", kind = "Conclusion", issuingBody = "Tỉnh ủy", issueDate = "2021-10-20", periodStartYear = 2021, periodEndYear = 2025, title = "Kết luận" },
        "/api/targets" => new { resolutionId = world.Resolution, target = new { field = "Kinh tế", statement = "Chỉ tiêu", shape = "LevelAtLeast", minimum = 1, unitOfMeasure = "%", targetYear = 2025 } },
        "/api/targets/{id}/assignment" or "/api/tasks/{id}/assignment" => new { leadUnitId = world.UnitB },
        "/api/targets/{id}/baseline" => new { value = 100, year = 2020 },
        "/api/targets/{id}/adjustments" => new { minimum = 11, decisionNumber = "1-QĐ/TU", decisionDate = "2023-07-01" },
        "/api/targets/{id}/figures/{figureId}/revisions" => new { value = 13, stage = "Preliminary", reason = "Số sơ bộ" },
        "/api/tasks" => new { resolutionId = world.Resolution, task = new { group = "Hạ tầng", statement = "Nhiệm vụ" } },
        "/api/tasks/{id}/completion" => new { completedOn = "2023-07-01" },
        "/api/tasks/{id}/suspension" or "/api/tasks/{id}/reopening" => new { reason = "Lý do" },
        "/api/tasks/{id}/deadline-extensions" => new { newDeadline = "2025-06-30", reason = "Lý do" },
        "/api/resolutions/import" => new
        {
            resolution = new { number = "97-KL/TU", kind = "Conclusion", issuingBody = "Tỉnh ủy", issueDate = "2021-10-20", periodStartYear = 2021, periodEndYear = 2025, title = "Kết luận" },
            targets = new[] { new { code = "KT-01", field = "Kinh tế", statement = "Thu ngân sách tăng 10 – 12%/năm", shape = "GrowthRate", minimum = "10", maximum = "12", unitOfMeasure = "%/năm", targetYear = 2025 } },
        },
        "/api/resolutions/{id}/reviews" => new { kind = "MidTerm", cutOff = "2023-06-30" },
        "/api/resolutions/{id}/reviews/{reviewId}/conclusions" => new { text = "Cơ bản thống nhất với báo cáo" },
        "/api/reports" => new { period = "2023-H1", figures = new[] { new { targetId = world.Target, value = 12.5, stage = "Estimate" } } },
        _ => throw new ShouldAssertException($"No sample request for POST {template}: add one to AccessMatrixTests.Body"),
    };

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
            await world.Host.Scenario(s =>
            {
                if (method == "POST") s.Post.Json(Body(template)).ToUrl(Url(template));
                else s.Get.Url(Url(template));
                s.StatusCodeShouldBe(401);
            });
            (await world.EventCountAsync()).ShouldBe(before, $"{method} {template}");
        }
    }

    [Fact]
    public async Task Every_write_endpoint_refuses_a_reporter_of_another_unit_with_403_and_appends_nothing()
    {
        foreach (var (_, template, _) in Endpoints().Where(e => e.Method == "POST"))
        {
            var before = await world.EventCountAsync();
            var result = await world.Host.Scenario(s =>
            {
                s.Post.Json(Body(template)).ToUrl(Url(template));
                s.Authorized(world.ReporterB);
                s.StatusCodeShouldBe(403);
            });
            (await world.EventCountAsync()).ShouldBe(before, $"POST {template}");
        }
    }

    [Fact]
    public async Task A_reporter_cannot_read_another_units_targets_tasks_reports_or_submissions()
    {
        // The unit registry and a resolution's heading are shared reference data every unit reads.
        string[] shared = ["/api/units/{id}", "/api/resolutions/{id}"];
        foreach (var (_, template, _) in Endpoints().Where(e => e.Method == "GET" && e.Template.Contains('{') && !shared.Contains(e.Template)))
        {
            var result = await world.Host.Scenario(s =>
            {
                s.Get.Url(Url(template));
                s.Authorized(world.ReporterB);
                s.StatusCodeShouldBe(403);
            });
        }
        foreach (var list in new[] { "/api/targets", "/api/tasks", "/api/reports" })
        {
            await world.GetAsync($"{list}?unitId={world.UnitA}", 403, world.ReporterB);
            (await world.GetAsync(list, token: world.ReporterB)).GetProperty("totalItems").GetInt32().ShouldBe(0, list);
            (await world.GetAsync(list, token: world.ReporterA)).GetProperty("totalItems").GetInt32().ShouldBeGreaterThan(0, list);
        }
    }

    [Fact]
    public async Task The_committee_reads_every_endpoint_and_the_auditor_only_the_audit_trail()
    {
        static bool IsAudit(string template) => template.StartsWith("/api/audit") || template.EndsWith("/history");
        var audit = 0;
        foreach (var (_, template, _) in Endpoints().Where(e => e.Method == "GET"))
        {
            await world.Host.Scenario(s =>
            {
                s.Get.Url(Url(template));
                s.Authorized(world.Committee);
                s.StatusCodeShouldBe(200);
            });
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
}
