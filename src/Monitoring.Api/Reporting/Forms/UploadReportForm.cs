using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Excel;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.OpenApi;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;
using Monitoring.Domain.Reporting;
using Wolverine.Http;

namespace Monitoring.Api.Reporting.Forms;

/// <summary>What an uploaded form recorded: the submission, its state and version after it, and how much it carried.</summary>
public sealed record FormUploaded(
    Guid SubmissionId, SubmissionState State, long Version,
    [property: Description("draft or submit, as sent.")] string Mode,
    [property: Description("Figures the form carried (rows left empty are not sent).")] int Figures,
    [property: Description("Task updates the form carried.")] int TaskUpdates,
    [property: Description("The report recorded when the form was submitted.")] Guid? ReportId);

/// <summary>
/// Uploading a filled report form: the workbook is checked (an .xlsx, not macro-enabled, not a compression bomb, at most
/// 5 MB), its signed identity read (the unit, resolution and period, the rows' ids), every cell read into the body of
/// <c>PUT /api/submissions/draft</c> — and that body is sent to the API in process, then, to submit, <c>POST
/// /api/submissions/{id}/submit</c>: the same validation, plausibility, assignment checks, lock and events as the JSON
/// path, because it is the JSON path. Every problem is put back on its cell ("Chỉ tiêu!J9": "Trang 'Chỉ tiêu', dòng 9, cột
/// J: …"); nothing is recorded when any row is wrong. The same file uploaded again (same caller, unit and mode) while the
/// submission is as the first upload left it is answered with the first answer and records nothing.
/// </summary>
public static class UploadReportFormEndpoint
{
    /// <summary>The file's limit plus room for the multipart framing and the small fields.</summary>
    public const long MaxRequestBytes = XlsxUpload.MaxFileBytes + 64 * 1024;

    private const string Scope = "report-form-upload";
    private static readonly string[] Fields = ["file", "mode", "resolutionId", "period", "unitId"];

    [Authorize(Policy = Policies.Report)]
    [WolverinePost("/api/submissions/form", OperationId = "UploadReportForm"), Tags("Submissions"),
     EndpointSummary("Upload a filled report form (.xlsx): recorded as the unit's draft, or submitted, exactly as the JSON draft and submission are")]
    [EndpointDescription("multipart/form-data with `file` (the form from GET /api/submissions/form, filled in) and `mode` (draft or submit); " +
                         "optionally `resolutionId`, `period` and `unitId`: the form must then be for them. A problem in any cell is a 400 whose " +
                         "`errors` name the cell (`Chỉ tiêu!J9`) with the sheet, row and column in the message, and nothing is recorded. " +
                         "413 above 5 MB or for a workbook that expands beyond what is read; 415 for anything but an .xlsx (an .xls, a CSV, " +
                         "a Word file, a macro-enabled workbook). The same file uploaded again records nothing and gets the first answer " +
                         "(header Idempotent-Replayed: true).")]
    [BodyLimit(MaxRequestBytes), UploadsReportForm]
    [ProducesResponseType<FormUploaded>(200)]
    [ProducesResponseType<ProblemDetails>(413), ProducesResponseType<ProblemDetails>(415)]
    public static async Task<IResult> Post(HttpContext context, IDocumentSession session, IConfiguration configuration, TimeProvider clock,
        CancellationToken ct)
    {
        var caller = context.Caller();
        // Resolved here, not as a parameter: its scope factory is not something Wolverine's generated code builds.
        var api = context.RequestServices.GetRequiredService<InProcessApi>();
        if (!context.Request.HasFormContentType || !(context.Request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return Refused(StatusCodes.Status415UnsupportedMediaType,
                "Send the form as multipart/form-data: a part 'file' with the filled .xlsx and a part 'mode' (draft or submit).",
                "Gửi biểu mẫu dạng multipart/form-data: phần 'file' là tệp .xlsx đã điền, phần 'mode' là draft hoặc submit.");

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(new FormOptions
            {
                MultipartBodyLengthLimit = MaxRequestBytes, ValueCountLimit = 20, ValueLengthLimit = 1024, KeyLengthLimit = 100,
            }, ct);
        }
        catch (Exception e) when (e is InvalidDataException && e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                                  || e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return TooLarge();
        }
        // (A body cut off by the service's limit is an IOException of RequestBodyLimit's own: it answers 413 for it.)
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return Problems.Invalid("file", Localized.Text("The multipart body cannot be read.", "Không đọc được nội dung multipart của yêu cầu."));
        }

        // ---- The request's own fields: each known, given once ----
        var errors = new Dictionary<string, string[]>();
        foreach (var name in form.Keys.Concat(form.Files.Select(f => f.Name)).Distinct().Where(n => !Fields.Contains(n)))
            errors[name] = [Localized.Text($"The upload has no field '{name}'. Its fields: {string.Join(", ", Fields)}.",
                $"Yêu cầu tải lên không có trường '{name}'. Các trường: {string.Join(", ", Fields)}.")];
        foreach (var name in form.Keys.Where(k => form[k].Count > 1 && Fields.Contains(k)))
            errors[name] = [Localized.Text("Give this field once.", "Trường này chỉ được gửi một lần.")];
        var files = form.Files.GetFiles("file");
        if (form.ContainsKey("file"))
            errors["file"] = [Localized.Text("'file' must be a file part (the filled .xlsx), not text.", "'file' phải là tệp (biểu mẫu .xlsx đã điền), không phải văn bản.")];
        else if (files.Count == 0)
            errors["file"] = [Localized.Text("Attach the filled form (.xlsx) as the part 'file'.", "Cần đính kèm biểu mẫu đã điền (.xlsx) ở phần 'file'.")];
        else if (files.Count > 1)
            errors["file"] = [Localized.Text("Attach one form per upload.", "Mỗi lần chỉ tải lên một biểu mẫu.")];
        else if (files[0].Length == 0)
            errors["file"] = [Localized.Text("The file is empty.", "Tệp rỗng.")];
        var mode = form["mode"].ToString().Trim().ToLowerInvariant();
        if (!errors.ContainsKey("mode") && mode is not ("draft" or "submit"))
            errors["mode"] = [Localized.Text("mode is draft (save the form as the unit's draft) or submit (save it and submit it for approval).",
                "mode là draft (lưu biểu mẫu thành bản nháp) hoặc submit (lưu và gửi phê duyệt).")];
        Guid? namedResolution = null, namedUnit = null;
        ReportingPeriod? namedPeriod = null;
        if (form.TryGetValue("resolutionId", out var r) && !errors.ContainsKey("resolutionId"))
        {
            if (Guid.TryParse(r.ToString(), out var id)) namedResolution = id;
            else errors["resolutionId"] = [Localized.Text("Expected an id (UUID).", "Cần một mã (UUID).")];
        }
        if (form.TryGetValue("unitId", out var u) && !errors.ContainsKey("unitId"))
        {
            if (Guid.TryParse(u.ToString(), out var id)) namedUnit = id;
            else errors["unitId"] = [Localized.Text("Expected an id (UUID).", "Cần một mã (UUID).")];
        }
        if (form.TryGetValue("period", out var p) && !errors.ContainsKey("period"))
        {
            if (ReportingPeriod.TryParse(p.ToString(), out var parsed)) namedPeriod = parsed;
            else errors["period"] = [Localized.Text("Use a period such as 2023-H1, 2023, 2023-Q3 or 2023-07.", "Kỳ báo cáo có dạng 2023-H1, 2023, 2023-Q3 hoặc 2023-07.")];
        }
        if (errors.Count > 0) return Results.Problem(Problems.InvalidDetails(errors));
        if (caller.IsReporter && namedUnit is { } other && other != caller.UnitId) return Problems.NotYourUnit("Unit", other);

        // ---- The file: an .xlsx within the limits, before anything parses it ----
        var upload = files[0];
        if (upload.Length > XlsxUpload.MaxFileBytes) return TooLarge();
        var bytes = new byte[upload.Length];
        await using (var stream = upload.OpenReadStream()) await stream.ReadExactlyAsync(bytes, ct);
        if (XlsxUpload.Check(bytes, upload.ContentType, upload.FileName) is { } refusal)
            return Refused(refusal.Status, refusal.English, refusal.Vietnamese);

        XlsxReader book;
        try
        {
            book = XlsxReader.Open(bytes);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Refused(StatusCodes.Status415UnsupportedMediaType, "The file cannot be read as an Excel workbook (.xlsx); it may be damaged.",
                "Không đọc được tệp như một bảng tính Excel (.xlsx); tệp có thể bị hỏng.");
        }

        using (book)
        {
            var key = FormIdentity.KeyFrom(configuration);
            var cells = new FormCells();
            var problems = new FormProblems();
            FormIdentity? identity;
            ReadForm? read = null;
            try
            {
                identity = ReportFormReader.Identity(book, key, cells, problems);
                if (identity is null) return Results.Problem(problems.ToProblem());

                // ---- Whose form, for what: as named, and the caller's to record ----
                var mismatch = new Dictionary<string, string[]>();
                if (namedResolution is { } resolution && resolution != identity.ResolutionId)
                    mismatch["resolutionId"] = [Localized.Text($"This form is for another resolution ({identity.ResolutionId}).",
                        $"Biểu mẫu này là của nghị quyết khác ({identity.ResolutionId}).")];
                if (namedPeriod is { } period && period.ToString() != identity.Period)
                    mismatch["period"] = [Localized.Text($"This form is for the period {identity.Period}, not {period}.",
                        $"Biểu mẫu này là của kỳ {ReportingPeriod.Parse(identity.Period).ToVietnamese()}, không phải kỳ {period.ToVietnamese()}.")];
                if (namedUnit is { } unit && unit != identity.UnitId)
                    mismatch["unitId"] = [Localized.Text($"This form is for another unit ({identity.UnitId}).", $"Biểu mẫu này là của đơn vị khác ({identity.UnitId}).")];
                if (mismatch.Count > 0) return Results.Problem(Problems.InvalidDetails(mismatch));
                if (caller.IsReporter && identity.UnitId != caller.UnitId) return Problems.NotYourUnit("Unit", identity.UnitId);

                read = ReportFormReader.Rows(book, identity, cells, problems);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(UploadReportFormEndpoint))
                    .LogInformation(e, "An uploaded report form could not be read");
                return Problems.Invalid("file", Localized.Text("The workbook could not be read: download the form again and fill that in.",
                    "Không đọc được bảng tính: hãy tải lại biểu mẫu và điền vào đó."));
            }
            if (read is null) return Results.Problem(problems.ToProblem());
            return await RecordAsync(read, mode, bytes, caller, context, session, api, clock, ct);
        }
    }

    /// <summary>The form's draft through the API (PUT the draft, then submit it), unless this very file already left the submission as it is.</summary>
    private static async Task<IResult> RecordAsync(ReadForm read, string mode, byte[] bytes, Caller caller, HttpContext context, IDocumentSession session,
        InProcessApi api, TimeProvider clock, CancellationToken ct)
    {
        var identity = read.Identity;
        var submissionId = Submission.IdFor(identity.UnitId, identity.ResolutionId, ReportingPeriod.Parse(identity.Period));
        var current = await session.LoadAsync<Submission>(submissionId, ct);
        var fileHash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var earlier = await session.LoadAsync<IdempotentResponse>(RecordId(caller, identity.UnitId, mode, fileHash, current?.Version ?? 0), ct);
        if (earlier is not null && earlier.RequestHash == fileHash) return new Replayed(earlier.Body);

        // Pinned to the version just read: two uploads racing each other do not both record.
        var draft = new SaveDraft(caller.IsReporter ? null : identity.UnitId, identity.ResolutionId, identity.Period, read.Figures, read.TaskUpdates,
            read.Narrative, read.EvidenceReferences, current?.Version);
        var saved = await api.SendAsync<SubmissionWritten>("PUT", "/api/submissions/draft", draft, ct);
        if (!saved.Ok) return FromApi(saved.Status, saved.Problem, read.Cells, null);

        FormUploaded answer;
        if (mode == "submit")
        {
            var submitted = await api.SendAsync<DraftSubmitted>("POST", $"/api/submissions/{saved.Value!.SubmissionId}/submit",
                new SubmitDraft(saved.Value.Version), ct);
            if (!submitted.Ok)
                return FromApi(submitted.Status, submitted.Problem, read.Cells, Localized.Text("The form was saved as the draft, but it was not submitted.",
                    "Biểu mẫu đã được lưu thành bản nháp nhưng chưa được gửi."));
            answer = new FormUploaded(submitted.Value!.SubmissionId, submitted.Value.State, submitted.Value.Version, mode, read.Figures.Count,
                read.TaskUpdates.Count, submitted.Value.ReportId);
        }
        else
            answer = new FormUploaded(saved.Value!.SubmissionId, saved.Value.State, saved.Value.Version, mode, read.Figures.Count, read.TaskUpdates.Count, null);

        var body = JsonSerializer.Serialize(answer, JsonDefaults.Web);
        session.Store(new IdempotentResponse(RecordId(caller, identity.UnitId, mode, fileHash, answer.Version), fileHash, StatusCodes.Status200OK, null,
            body, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        ExpectedVersion.WriteETag(context, answer.Version);
        return Results.Json(answer, JsonDefaults.Web);
    }

    /// <summary>
    /// The stored answer of an upload, keyed by who sent which file for which unit and mode, and the submission's version it
    /// left: found again only while the submission is still at that version (a later draft, a return or an approval make
    /// the same file a new upload).
    /// </summary>
    private static string RecordId(Caller caller, Guid unitId, string mode, string fileHash, long version) =>
        $"{Scope}:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{caller.UserName}\n{caller.Role}\n{unitId:N}\n{mode}\n{fileHash}\n{version}")));

    /// <summary>The API's answer, its 400's fields put back on the form's cells; any other refusal as the API gave it.</summary>
    private static IResult FromApi(int status, HttpValidationProblemDetails? problem, FormCells cells, string? note)
    {
        if (status == StatusCodes.Status400BadRequest && problem is not null)
        {
            var placed = cells.Place(problem.Errors.Count > 0 ? problem.Errors
                : new Dictionary<string, string[]> { ["file"] = [problem.Detail ?? problem.Title ?? ""] });
            var details = placed.ToProblem();
            if (note is not null) details.Detail = note + " " + details.Detail;
            return Results.Problem(details);
        }
        var answer = problem ?? new HttpValidationProblemDetails();
        answer.Status = status;
        if (note is not null) answer.Detail = note + (answer.Detail is { Length: > 0 } d ? " " + d : "");
        return Results.Problem(answer);
    }

    private static IResult TooLarge() => Refused(StatusCodes.Status413PayloadTooLarge,
        $"The file is larger than {XlsxUpload.MaxFileBytes / (1024 * 1024)} MB.", $"Tệp lớn hơn {XlsxUpload.MaxFileBytes / (1024 * 1024)} MB.");

    private static IResult Refused(int status, string english, string vietnamese) => Results.Problem(new ProblemDetails
    {
        Status = status,
        Title = status switch
        {
            StatusCodes.Status413PayloadTooLarge => Localized.Text("The file is too large", "Tệp quá lớn"),
            StatusCodes.Status415UnsupportedMediaType => Localized.Text("Not an Excel workbook (.xlsx)", "Không phải bảng tính Excel (.xlsx)"),
            _ => Localized.Text("The request is invalid", "Yêu cầu không hợp lệ"),
        },
        Detail = Localized.Text(english, vietnamese),
    });

    private sealed class Replayed(string body) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.Headers["Idempotent-Replayed"] = "true";
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(body);
        }
    }
}

/// <summary>The upload's multipart body, as the OpenAPI document describes it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UploadsReportFormAttribute : Attribute, IRequestBodyDescription
{
    public OpenApiRequestBody RequestBody() => new()
    {
        Required = true,
        Description = "The filled report form and what to do with it.",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "file", "mode" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The form (.xlsx), at most 5 MB." },
                        ["mode"] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.String, Enum = [JsonValue.Create("draft"), JsonValue.Create("submit")],
                            Description = "draft: saved as the unit's draft; submit: saved and submitted for approval.",
                        },
                        ["resolutionId"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", Description = "When given, the form must be for this resolution." },
                        ["period"] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.String, Description = "When given, the form must be for this reporting period (2023-H1, 2023, 2023-Q3, 2023-07).",
                        },
                        ["unitId"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", Description = "When given, the form must be for this unit." },
                    },
                },
                Encoding = new Dictionary<string, OpenApiEncoding>
                {
                    ["file"] = new() { ContentType = $"{XlsxWorkbook.ContentType}, application/octet-stream" },
                },
            },
        },
    };
}
