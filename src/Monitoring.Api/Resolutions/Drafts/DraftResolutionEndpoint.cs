using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Domain.Drafting;
using Wolverine.Http;

namespace Monitoring.Api.Resolutions.Drafts;

/// <summary>The JSON form of the request: the resolution's text.</summary>
public sealed record DraftRequest(string Text);

/// <summary>
/// <c>POST /api/resolutions/drafts</c>: a resolution's text in, a draft of its import document out; nothing is stored.
/// The text comes as <c>text/plain; charset=utf-8</c>, as JSON <c>{ "text": "…" }</c>, or as a <c>.docx</c> (multipart
/// field <c>file</c>, or the body itself with the Word media type). The request may be up to <see cref="MaxBodyBytes"/>
/// (5 MiB, its own limit above the API's 1 MiB; larger is 413), and so may the text a <c>.docx</c> unpacks to.
/// </summary>
public static class DraftResolutionEndpoint
{
    public const long MaxBodyBytes = 5L * 1024 * 1024;
    public const int MaxTextCharacters = 5 * 1024 * 1024;
    public const string DocxMediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/resolutions/drafts"), Tags("Resolutions"), BodyLimit(MaxBodyBytes),
     EndpointSummary("Draft a resolution's import document from its text (plain text, JSON { text } or a .docx upload); nothing is stored"),
     EndpointDescription("Rules of Vietnamese administrative writing, offline: the heading, quantitative targets (shape, direction, bounds, unit, year, baseline, parent, footnotes), tasks under their headings with lead and co-operating units, reported figures with their stage. `draft` is in the import format (seeds/resolution-import.schema.json) and can be posted to POST /api/resolutions/import once edited; `items` gives each part's span and confidence, `unplaced` the sentences with numbers no rule placed, `reasons` what the text did not give.")]
    [Consumes("text/plain", "application/json", "multipart/form-data", DocxMediaType)]
    [ProducesResponseType<ResolutionDraftAnswer>(200), ProducesResponseType(413), ProducesResponseType(415)]
    public static async Task<IResult> Post(HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        var request = context.Request;
        var mediaType = (request.ContentType ?? "text/plain").Split(';')[0].Trim().ToLowerInvariant();
        string text;
        string? fileName = null;
        string field;
        try
        {
            switch (mediaType)
            {
                case "multipart/form-data":
                    field = "file";
                    var form = await request.ReadFormAsync(ct);
                    var file = form.Files.GetFile("file");
                    if (file is null || file.Length == 0)
                        return Problems.Invalid("file", Localized.Text("Upload the resolution as the form field 'file' (.docx or .txt).",
                            "Tải văn bản lên trong trường 'file' (.docx hoặc .txt)."));
                    fileName = Path.GetFileName(file.FileName);
                    var bytes = new byte[file.Length];
                    await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(bytes, ct);
                    var isText = (file.ContentType ?? "").StartsWith("text/", StringComparison.OrdinalIgnoreCase)
                                 || fileName.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".md", StringComparison.OrdinalIgnoreCase);
                    text = isText ? Utf8(bytes) : DocxText.Read(bytes);
                    break;
                case DocxMediaType:
                    field = "body";
                    text = DocxText.Read(await ReadAllAsync(request.Body, ct));
                    break;
                case "application/json" or "text/json":
                    field = "text";
                    var body = await ReadAllAsync(request.Body, ct);
                    var options = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
                    if (JsonBodyCheck.Check(body, typeof(DraftRequest), options) is { } problem) return Results.Problem(problem);
                    text = JsonSerializer.Deserialize<DraftRequest>(body, options)?.Text ?? "";
                    break;
                case "text/plain" or "text/markdown":
                    field = "body";
                    text = Utf8(await ReadAllAsync(request.Body, ct));
                    break;
                default:
                    return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                        title: Localized.Text("Unsupported media type", "Kiểu nội dung không được hỗ trợ"),
                        detail: Localized.Text($"Send text/plain; charset=utf-8, application/json {{ \"text\": \"…\" }}, multipart/form-data with a 'file', or {DocxMediaType}.",
                            $"Hãy gửi text/plain; charset=utf-8, application/json {{ \"text\": \"…\" }}, multipart/form-data có trường 'file', hoặc {DocxMediaType}."));
            }
        }
        catch (NotADocxException e)
        {
            return Problems.Invalid(mediaType == DocxMediaType ? "body" : "file", Localized.Text(e.Message, e.Vietnamese));
        }
        catch (DecoderFallbackException)
        {
            return Problems.Invalid(mediaType == "multipart/form-data" ? "file" : "body",
                Localized.Text("The text is not valid UTF-8: send it as text/plain; charset=utf-8.", "Văn bản không phải UTF-8 hợp lệ: hãy gửi dạng text/plain; charset=utf-8."));
        }
        catch (InvalidDataException)
        {
            return Problems.Invalid("body", Localized.Text("The multipart form cannot be read.", "Không đọc được biểu mẫu multipart."));
        }

        text = Clean(text);
        if (text.Length > MaxTextCharacters)
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: Localized.Text("Text too large", "Văn bản quá lớn"),
                detail: Localized.Text($"The text may have at most {MaxTextCharacters} characters; this one has {text.Length}.",
                    $"Văn bản chỉ được tối đa {MaxTextCharacters} ký tự; văn bản này có {text.Length}."));
        if (string.IsNullOrWhiteSpace(text))
            return Problems.Invalid(field, Localized.Text("The text is empty: send the resolution's text.", "Văn bản trống: hãy gửi nội dung nghị quyết."));

        var draft = ResolutionDrafter.Draft(text);
        return Results.Json(DraftDocument.From(draft, fileName, clock.Today()), Json, statusCode: 200);
    }

    /// <summary>The API's JSON, leaving out what the draft does not set (the import format has no nulls).</summary>
    private static readonly JsonSerializerOptions Json = new(JsonDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static async Task<byte[]> ReadAllAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static string Utf8(byte[] bytes) => StrictUtf8.GetString(bytes).TrimStart('\uFEFF');

    /// <summary>Control characters other than line breaks and tabs are dropped (a converter's leftovers, a NUL).</summary>
    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
            if (!char.IsControl(c) || c is '\n' or '\r' or '\t') builder.Append(c);
        return builder.ToString();
    }
}
