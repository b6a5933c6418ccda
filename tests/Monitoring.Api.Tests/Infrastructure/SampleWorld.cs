using Alba;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Reporting.Forms;
using Monitoring.Api.Tests.Excel;

namespace Monitoring.Api.Tests.Infrastructure;

/// <summary>
/// Unit A owns a resolution's target, task and report; unit B owns nothing of it. Every endpoint the running app exposes,
/// with a URL for it in this world and, for writes, a request someone allowed to make it would send. Tests that sweep
/// every endpoint (access, bad input) use it, so a new endpoint without a sample fails them.
/// </summary>
public class SampleWorld : AppFixture
{
    public Guid UnitA, UnitB, Resolution, Target, Task, Report, Figure, Review, Submission, Explanation;
    public string ReporterA = "", ReporterB = "", Committee = "", Auditor = "";
    /// <summary>A central body's token and the national administrator's: no province.</summary>
    public string National = "", NationalAdmin = "";
    /// <summary>Unit A's 2023 report form (Excel), its target's value typed in: the upload's sample.</summary>
    public byte[] FormA = [];
    /// <summary>A signed checkpoint of the chain as it stood once the world was made: the sample of POST /api/audit/verify.</summary>
    public System.Text.Json.JsonElement Checkpoint;

    /// <summary>A multipart upload (POST /api/submissions/form): the file and the fields sent beside it.</summary>
    public sealed record FileUpload(byte[] File, string FileName, IReadOnlyList<(string Name, string Value)> Fields)
    {
        public MultipartFormDataContent Content() => ReportFormWorld.Content(File, null, FileName, fields: Fields);
    }

    /// <summary>The unit's report form for the sample's resolution and period (GET /api/submissions/form, with the query it needs).</summary>
    public string FormUrl(Guid unit) => $"/api/submissions/form?resolutionId={Resolution}&period=2023&unitId={unit}";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        UnitA = await this.RegisterUnitAsync("DON-VI-A");
        UnitB = await this.RegisterUnitAsync("DON-VI-B");
        var resolution = await this.PostAsync("/api/resolutions", new
        {
            number = "99-KL/TU", kind = "Conclusion", issuingBody = "Tỉnh ủy", issueDate = "2021-10-20", periodStartYear = 2021, periodEndYear = 2025,
            title = "Kết luận thử quyền truy cập", fields = new[] { "Kinh tế", "Hạ tầng" },
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
        National = TokenFor(Roles.National);
        NationalAdmin = TokenFor(Roles.NationalAdmin);
        var report = await this.PostAsync("/api/reports", new { period = "2023-H1", figures = new[] { new { targetId = Target, value = 12.5, stage = "Estimate" } } }, 201, token: ReporterA);
        Report = report.GetProperty("reportId").GetGuid();
        Figure = report.GetProperty("figures")[0].GetProperty("figureId").GetGuid();
        Submission = ApiScenarios.SubmissionId(UnitA, Resolution, "2023-H1");
        Review = (await this.PostAsync($"/api/resolutions/{Resolution}/reviews", new { kind = "MidTerm", cutOff = "2023-07-15" }, 201))
            .GetProperty("reviewId").GetGuid();
        // The committee asks unit A to explain its target (issue 14).
        Explanation = (await this.PostAsync("/api/explanation-requests", new { targetId = Target, question = "Đề nghị giải trình", dueDate = "2023-07-31" }, 201,
            token: Committee)).GetProperty("requestId").GetGuid();
        // Issue 16: unit A's report form for 2023, filled in as a clerk would.
        var download = await Host.Scenario(s =>
        {
            s.Get.Url(FormUrl(UnitA));
            s.Authorized(SecretariatToken);
        });
        using var bytes = new MemoryStream();
        await download.Context.Response.Body.CopyToAsync(bytes);
        using var form = FormFiller.Of(bytes.ToArray());
        var row = form.RowOf(ReportFormLayout.TargetSheet, Target);
        FormA = form.Number(ReportFormLayout.TargetSheet, row, ReportFormLayout.Value, 12.5).Text(ReportFormLayout.TargetSheet, row, ReportFormLayout.Stage, "ước tính").Bytes();
        Checkpoint = await this.GetAsync("/api/audit/checkpoint", token: Committee);
    }

    /// <summary>Sends a write endpoint its sample request: JSON, or a multipart upload.</summary>
    public void Send(Scenario scenario, string method, string template, object? body = null)
    {
        switch (body ?? Body(template))
        {
            case FileUpload upload:
                scenario.Post.MultipartFormData(upload.Content()).ToUrl(Url(template));
                break;
            case var json when method == "PUT":
                scenario.Put.Json(json).ToUrl(Url(template));
                break;
            case var json:
                scenario.Post.Json(json).ToUrl(Url(template));
                break;
        }
    }

    /// <summary>Whether a write endpoint reads a JSON body (the input sweeps send it malformed JSON) rather than an upload.</summary>
    public bool TakesJson(string template) => Body(template) is not FileUpload;

    /// <summary>The endpoint's policies.</summary>
    public IEnumerable<string> PoliciesOf(string method, string template) =>
        Endpoints().Where(e => e.Method == method && e.Template == template)
            .SelectMany(e => e.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()).Select(a => a.Policy).OfType<string>();

    /// <summary>Only those who report (a unit, the secretariat) use it: the report form.</summary>
    public bool ForReportersOnly(string method, string template) => PoliciesOf(method, template).Contains(Policies.Report);

    /// <summary>Only the national roles use it: the list of provinces, the national overview, adding a province.</summary>
    public bool ForNationalOnly(string method, string template) => PoliciesOf(method, template).Any(p => p is Policies.National or Policies.AddProvince);

    /// <summary>
    /// A token that may read a GET endpoint: the committee reads everything of its province but what only reporters use (the
    /// secretariat does); what is national, a central body reads.
    /// </summary>
    public string ReaderToken(string template) =>
        ForReportersOnly("GET", template) ? SecretariatToken : ForNationalOnly("GET", template) ? National : Committee;

    public static bool IsPublic(string template) =>
        template is "/health/live" or "/health/ready" or "/openapi/{documentName}.json" or "/" || template.StartsWith("/scalar");

    public IEnumerable<(string Method, string Template, RouteEndpoint Endpoint)> Endpoints() =>
        Host.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'), e)))
            .Where(x => !IsPublic(x.Item2) && x.Item2.StartsWith("/api/"));

    /// <summary>Every page the running app serves (Razor Pages under Web/), by route template; the pages' access tests sweep them.</summary>
    public IEnumerable<(string Method, string Template, RouteEndpoint Endpoint)> Pages() =>
        Host.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'), e)));

    public string Url(string template) => template
        .Replace("/api/targets/{id}", $"/api/targets/{Target}")
        .Replace("/api/tasks/{id}", $"/api/tasks/{Task}")
        .Replace("/api/units/{id}", $"/api/units/{UnitA}")
        .Replace("/api/resolutions/{id}", $"/api/resolutions/{Resolution}")
        .Replace("/api/reports/{id}", $"/api/reports/{Report}")
        .Replace("/api/submissions/{id}", $"/api/submissions/{Submission}")
        .Replace("{figureId}", Figure.ToString())
        .Replace("{reviewId}", Review.ToString())
        .Replace("/api/explanation-requests/{id}", $"/api/explanation-requests/{Explanation}");

    /// <summary>A request each write endpoint would accept from someone allowed to make it.</summary>
    public object Body(string template) => template switch
    {
        "/api/units" => new { code = "DON-VI-C", name = "Đơn vị C", kind = "Department" },
        "/api/resolutions" => new { number = "98-KL/TU", kind = "Conclusion", issuingBody = "Tỉnh ủy", issueDate = "2021-10-20", periodStartYear = 2021, periodEndYear = 2025, title = "Kết luận" },
        "/api/targets" => new { resolutionId = Resolution, target = new { field = "Kinh tế", statement = "Chỉ tiêu", shape = "LevelAtLeast", minimum = 1, unitOfMeasure = "%", targetYear = 2025 } },
        "/api/targets/{id}/assignment" or "/api/tasks/{id}/assignment" => new { leadUnitId = UnitB },
        "/api/targets/{id}/baseline" => new { value = 100, year = 2020 },
        "/api/targets/{id}/adjustments" => new { minimum = 11, decisionNumber = "1-QĐ/TU", decisionDate = "2023-07-01" },
        "/api/targets/{id}/figures/{figureId}/revisions" => new { value = 13, stage = "Preliminary", reason = "Số sơ bộ" },
        "/api/tasks" => new { resolutionId = Resolution, task = new { group = "Hạ tầng", statement = "Nhiệm vụ" } },
        "/api/tasks/{id}/completion" => new { completedOn = "2023-07-01" },
        "/api/tasks/{id}/suspension" or "/api/tasks/{id}/reopening" => new { reason = "Lý do" },
        "/api/tasks/{id}/deadline-extensions" => new { newDeadline = "2025-06-30", reason = "Lý do" },
        "/api/resolutions/import" => new
        {
            resolution = new { number = "97-KL/TU", kind = "Conclusion", issuingBody = "Tỉnh ủy", issueDate = "2021-10-20", periodStartYear = 2021, periodEndYear = 2025, title = "Kết luận" },
            targets = new[] { new { code = "KT-01", field = "Kinh tế", statement = "Thu ngân sách tăng 10 – 12%/năm", shape = "GrowthRate", minimum = "10", maximum = "12", unitOfMeasure = "%/năm", targetYear = 2025 } },
        },
        "/api/resolutions/drafts" => new { text = "NGHỊ QUYẾT\n\nvề phát triển kinh tế giai đoạn 2021 - 2025\n\nII. MỤC TIÊU\n\n- Thu ngân sách tăng 10 - 12%/năm." },
        "/api/resolutions/{id}/reviews" => new { kind = "MidTerm", cutOff = "2023-06-30" },
        "/api/resolutions/{id}/reviews/{reviewId}/conclusions" => new { text = "Cơ bản thống nhất với báo cáo" },
        "/api/reports" => new { period = "2023-H1", figures = new[] { new { targetId = Target, value = 12.5, stage = "Estimate" } } },
        "/api/submissions/draft" => new { resolutionId = Resolution, period = "2023", figures = new[] { new { targetId = Target, value = 12.5, stage = "Estimate", asOf = "2023-06-30" } } },
        // Unit A's 2023-H1 submission holds the sample report: version 1, submitted.
        "/api/submissions/{id}/submit" => new { version = 1 },
        "/api/submissions/{id}/approve" => new { comment = "Thống nhất", version = 1 },
        "/api/submissions/{id}/return" => new { reason = "Thiếu nguồn số liệu", comments = new[] { new { figureId = Figure, text = "Ghi rõ nguồn" } }, version = 1 },
        "/api/submissions/{id}/lock-exceptions" => new { reason = "Cục Thống kê công bố số chính thức", expiresAt = "2023-08-01T00:00:00+07:00", version = 1 },
        "/api/explanation-requests" => new { targetId = Target, question = "Đề nghị giải trình nguyên nhân", dueDate = "2023-07-31", unitIds = new[] { UnitA } },
        "/api/explanation-requests/{id}/answers" => new { text = "Do khó khăn chung", evidenceReferences = new[] { "Báo cáo số 1/BC-UBND" } },
        "/api/explanation-requests/{id}/acceptance" => new { comment = "Thống nhất" },
        "/api/explanation-requests/{id}/follow-ups" => new { question = "Nêu rõ giải pháp", dueDate = "2023-08-15" },
        "/api/units/{id}/recipients" => new { emails = new[] { "van.thu@donvi-a.example" }, webhooks = new[] { new { url = "https://hooks.donvi-a.example/monitoring", secret = "bi-mat-cua-don-vi-a-0123456789" } } },
        "/api/notifications/sweep" => new { reason = "Chạy lại sau khi máy chủ ngừng" },
        "/api/submissions/form" => new FileUpload(FormA, "bieu-mau.xlsx", [("mode", "draft")]),
        "/api/provinces" => new { code = "quang-tri", name = "Quảng Trị" },
        "/api/audit/verify" => Checkpoint,
        _ => throw new ShouldAssertException($"No sample request for {MethodOf(template)} {template}: add one to SampleWorld.Body"),
    };

    /// <summary>
    /// A token of a role allowed to call the endpoint (the committee concludes reviews, unit A's reporter drafts and submits
    /// its own report, the secretariat does the rest).
    /// </summary>
    public string AllowedToken(string template) =>
        template.EndsWith("/conclusions") || template == "/api/audit/verify" ? Committee
        : template == "/api/provinces" ? NationalAdmin
        : template is "/api/submissions/draft" or "/api/submissions/{id}/submit" or "/api/explanation-requests/{id}/answers" or "/api/submissions/form" ? ReporterA
        : SecretariatToken;

    /// <summary>The write method of an endpoint: POST, or PUT for the few that replace what they name.</summary>
    public string MethodOf(string template) =>
        Endpoints().Any(e => e.Template == template && e.Method == "PUT") ? "PUT" : "POST";

    public static bool IsWrite(string method) => method is "POST" or "PUT";
}
