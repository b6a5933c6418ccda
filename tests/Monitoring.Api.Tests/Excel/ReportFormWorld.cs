using System.Net.Http.Headers;
using System.Text.Json;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitoring.Api.Infrastructure.Excel;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Excel;

[CollectionDefinition(Name)]
public sealed class ReportFormCollection : ICollectionFixture<ReportFormWorld>
{
    public const string Name = "Report form";
}

/// <summary>
/// Two units and, per test, a resolution of its own (so that each test's submissions start empty): unit A leads two targets
/// (GRDP in tỷ đồng with a baseline, budget growth in %/năm) and a task; unit B a target and a task of the same resolution.
/// The clock stands at 15/07/2023: the units owe the 2023 report (assigned after the first half-year's cut-off, they owe none for it).
/// </summary>
public sealed class ReportFormWorld : AppFixture
{
    public const string Period = "2023";
    public Guid UnitA, UnitB;
    public string ReporterA = "", ReporterB = "";
    public const string CodeA = "XL-DON-VI-A", CodeB = "XL-DON-VI-B";

    public sealed record Scene(Guid Resolution, string Number, Guid Grdp, Guid Budget, Guid TargetOfB, Guid Task, Guid TaskOfB)
    {
        public Guid SubmissionOf(Guid unit, string period = Period) => ApiScenarios.SubmissionId(unit, Resolution, period);
    }

    /// <summary>What the app logged at Warning and above: an upload never ends in an unhandled error.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Logs));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        UnitA = await this.RegisterUnitAsync(CodeA, "Sở Kế hoạch và Đầu tư");
        UnitB = await this.RegisterUnitAsync(CodeB, "Sở Tài chính");
        ReporterA = TokenFor(Roles.Reporter, CodeA);
        ReporterB = TokenFor(Roles.Reporter, CodeB);
    }

    public async Task<Scene> SceneAsync(string number)
    {
        var body = await this.PostAsync("/api/resolutions", new
        {
            number, kind = "Conclusion", issuingBody = "Ban Chấp hành Đảng bộ Tỉnh", issueDate = "2021-10-20", periodStartYear = 2021, periodEndYear = 2025,
            title = "Kết luận về phát triển kinh tế - xã hội giai đoạn 2021 - 2025", fields = new[] { "Kinh tế", "Hạ tầng" },
            targets = new object[]
            {
                new { code = "KT-01", field = "Kinh tế", statement = "Tổng sản phẩm trên địa bàn tỉnh (GRDP) đạt trên 30.000 tỷ đồng", shape = "LevelAtLeast",
                    minimum = 30000, unitOfMeasure = "tỷ đồng", targetYear = 2025, baselineValue = 21500.5, baselineYear = 2020, leadUnitId = UnitA },
                new { code = "KT-02", field = "Kinh tế", statement = "Thu ngân sách tăng 10 – 12%/năm", shape = "GrowthRate", minimum = 10, maximum = 12,
                    unitOfMeasure = "%/năm", targetYear = 2025, leadUnitId = UnitA },
                new { code = "KT-03", field = "Kinh tế", statement = "Tỷ lệ lao động qua đào tạo đạt 70%", shape = "LevelAtLeast", minimum = 70,
                    unitOfMeasure = "%", targetYear = 2025, leadUnitId = UnitB },
            },
            tasks = new object[]
            {
                new { code = "NV-01", group = "Hạ tầng", statement = "Hoàn thành nâng cấp cửa khẩu quốc tế Thường Phước", leadUnitId = UnitA, deadline = "2024-12-31" },
                new { code = "NV-02", group = "Hạ tầng", statement = "Xây dựng trung tâm logistics", leadUnitId = UnitB, deadline = "2025-06-30" },
            },
        }, 201);
        var targets = body.GetProperty("targetIds").EnumerateArray().Select(e => e.GetGuid()).ToArray();
        var tasks = body.GetProperty("taskIds").EnumerateArray().Select(e => e.GetGuid()).ToArray();
        return new Scene(body.GetProperty("id").GetGuid(), number, targets[0], targets[1], targets[2], tasks[0], tasks[1]);
    }

    public static string FormUrl(Scene scene, string period = Period, Guid? unit = null) =>
        $"/api/submissions/form?resolutionId={scene.Resolution}&period={period}" + (unit is { } u ? $"&unitId={u}" : "");

    public async Task<byte[]> DownloadAsync(Scene scene, string? token = null, string period = Period, Guid? unit = null)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url(FormUrl(scene, period, unit ?? (token is null ? UnitA : null)));
            s.Authorized(token ?? SecretariatToken);
            s.StatusCodeShouldBe(200);
        });
        result.Context.Response.ContentType.ShouldBe(XlsxWorkbook.ContentType);
        using var body = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(body);
        return body.ToArray();
    }

    public sealed record Upload(int Status, JsonElement Body, IScenarioResult Result)
    {
        public string[] Fields => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("errors", out var e) ? e.EnumerateObject().Select(p => p.Name).ToArray() : [];
        public string[] Messages => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("errors", out var e)
            ? e.EnumerateObject().SelectMany(p => p.Value.EnumerateArray().Select(m => m.GetString()!)).ToArray() : [];
        public string MessageOf(string field) => string.Join(" | ", Body.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()));
        public bool Replayed => Result.Context.Response.Headers["Idempotent-Replayed"].ToString() == "true";
    }

    /// <summary>The multipart body of an upload: the file part (its name and media type as a browser gives them) and the other fields.</summary>
    public static MultipartFormDataContent Content(byte[]? file, string? mode, string fileName = "bieu-mau.xlsx", string contentType = XlsxWorkbook.ContentType,
        IEnumerable<(string Name, string Value)>? fields = null, int files = 1)
    {
        var content = new MultipartFormDataContent();
        for (var i = 0; file is not null && i < files; i++)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            content.Add(part, "file", fileName);
        }
        if (mode is not null) content.Add(new StringContent(mode), "mode");
        foreach (var (name, value) in fields ?? []) content.Add(new StringContent(value), name);
        return content;
    }

    public async Task<Upload> UploadAsync(byte[]? file, string mode = "draft", string? token = null, string language = "vi",
        string fileName = "bieu-mau.xlsx", string contentType = XlsxWorkbook.ContentType, IEnumerable<(string Name, string Value)>? fields = null, int files = 1)
        => await SendAsync(Content(file, mode, fileName, contentType, fields, files), token, language);

    public async Task<Upload> SendAsync(HttpContent content, string? token = null, string language = "vi")
    {
        var result = await Host.Scenario(s =>
        {
            if (content is MultipartFormDataContent multipart) s.Post.MultipartFormData(multipart).ToUrl("/api/submissions/form");
            else
            {
                var bytes = content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
                s.Post.ByteArray(bytes).ToUrl("/api/submissions/form");
                s.WithRequestHeader("Content-Type", content.Headers.ContentType?.ToString() ?? "application/octet-stream");
            }
            s.Authorized(token ?? ReporterA);
            s.WithRequestHeader("Accept-Language", language);
            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        return new Upload(result.Context.Response.StatusCode, string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone(), result);
    }

    /// <summary>An upload that must be refused: the status, and not one event appended.</summary>
    public async Task<Upload> RefusedAsync(Func<Task<Upload>> upload, int status)
    {
        var before = await EventCountAsync();
        var answer = await upload();
        answer.Status.ShouldBe(status, answer.Body.ToString());
        (await EventCountAsync()).ShouldBe(before, "a refused upload must append nothing");
        answer.Result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        return answer;
    }
}
