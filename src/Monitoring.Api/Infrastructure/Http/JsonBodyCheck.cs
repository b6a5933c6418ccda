using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Monitoring.Api.Infrastructure.Http;

/// <summary>
/// Reads a JSON body against the endpoint's request type before the endpoint does, so that whatever a client sends is
/// answered like any other invalid input: 400 with the JSON path of the field, in the caller's language, the expected
/// format, and no internal type names. Refused here: anything but a JSON object, a key given twice, text with control
/// characters (PostgreSQL cannot store NUL), null list items, wrong types, values outside <see cref="InputBounds"/>,
/// and fields the operation does not define.
/// </summary>
public sealed partial class JsonBodyCheck(RequestDelegate next, IOptions<JsonOptions> json)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var requestType = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
        if (requestType is null || !(HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method)))
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (Check(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), requestType, json.Value.SerializerOptions) is { } problem)
        {
            await Results.Problem(problem).ExecuteAsync(context);
            return;
        }
        context.Request.Body.Position = 0;
        await next(context);
    }

    /// <summary>The first thing wrong with a body meant to be a <paramref name="requestType"/>, or null.</summary>
    public static HttpValidationProblemDetails? Check(ReadOnlyMemory<byte> body, Type requestType, JsonSerializerOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            return Invalid("body", Localized.Text($"The body is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}).",
                $"Nội dung không phải JSON hợp lệ (dòng {e.LineNumber + 1}, vị trí {e.BytePositionInLine + 1})."));
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return Invalid("body", Localized.Text("The body must be a JSON object ({ ... }).", "Nội dung phải là một đối tượng JSON ({ ... })."));
            if (Walk(document.RootElement, "") is { } structural) return structural;
        }
        try
        {
            JsonSerializer.Deserialize(body.Span, requestType, Strict(options));
            return null;
        }
        catch (JsonException e)
        {
            return Problem(e, requestType);
        }
    }

    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> StrictOptions = new();

    /// <summary>
    /// The API's options, read as the records declare them: a field typed as not nullable may not be null, and one that
    /// is a constructor parameter without a default may not be missing either (the code behind it relies on both).
    /// </summary>
    private static JsonSerializerOptions Strict(JsonSerializerOptions options) =>
        StrictOptions.GetValue(options, o => new JsonSerializerOptions(o)
        {
            RespectNullableAnnotations = true,
            TypeInfoResolver = (o.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(info =>
            {
                if (info.Kind != JsonTypeInfoKind.Object) return;
                foreach (var property in info.Properties)
                    if (!property.PropertyType.IsValueType && property.AssociatedParameter is { HasDefaultValue: false, IsNullable: false })
                        property.IsRequired = true;
            }),
        });

    private static HttpValidationProblemDetails? Walk(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in element.EnumerateObject())
                {
                    var child = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (!seen.Add(property.Name))
                        return Invalid(child, Localized.Text("This field is given more than once.", "Trường này xuất hiện nhiều lần."));
                    if (Walk(property.Value, child) is { } problem) return problem;
                }
                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var child = $"{path}[{i++}]";
                    if (item.ValueKind == JsonValueKind.Null)
                        return Invalid(child, Localized.Text("A list item may not be null.", "Phần tử của danh sách không được để null."));
                    if (Walk(item, child) is { } problem) return problem;
                }
                return null;
            case JsonValueKind.String:
                var text = element.GetString()!;
                return text.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r'))
                    ? Invalid(path, Localized.Text("Text may not contain control characters (such as NUL, \\u0000).",
                        "Văn bản không được chứa ký tự điều khiển (như NUL, \\u0000)."))
                    : null;
            default:
                return null;
        }
    }

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("missing required properties including: '([^']+)'")]
    private static partial Regex MissingProperty();

    [GeneratedRegex("(?:parameter|property or field) '([^']+)' on type '[^']+' doesn't allow")]
    private static partial Regex NullProperty();

    public static HttpValidationProblemDetails Problem(JsonException e, Type? requestType = null)
    {
        var path = ClientPath(e.Path);
        var unmapped = UnmappedProperty().Match(e.Message);
        if (unmapped.Success)
        {
            var name = unmapped.Groups[1].Value;
            var field = path.Length == 0 ? name : path.EndsWith(name, StringComparison.Ordinal) ? path : $"{path}.{name}";
            return Invalid(field, Localized.Text("This operation has no such field; it may not be set by the caller.",
                "Thao tác không có trường này; người gọi không được phép gửi."));
        }
        if (MissingProperty().Match(e.Message) is { Success: true } missing)
            return Invalid(Join(path, missing.Groups[1].Value), Localized.Text("This field is required.", "Trường này là bắt buộc."));
        if (NullProperty().Match(e.Message) is { Success: true } isNull)
            return Invalid(path.EndsWith(isNull.Groups[1].Value, StringComparison.OrdinalIgnoreCase) ? path : Join(path, isNull.Groups[1].Value),
                Localized.Text("This field may not be null.", "Trường này không được để null."));
        var at = path.Length == 0 ? "body" : path;
        var input = e as JsonInputException ?? e.InnerException as JsonInputException;
        if (input is not null) return Invalid(at, Localized.Text(input.Message, input.Vietnamese));
        var expected = requestType is null ? null : TypeAt(requestType, path);
        return Invalid(at, expected is null
            ? Localized.Text("Not valid JSON for this field (wrong type or format).", "Giá trị JSON không hợp lệ cho trường này (sai kiểu hoặc định dạng).")
            : Localized.Text($"Wrong type or format: expected {Expected(expected, english: true)}", $"Sai kiểu hoặc định dạng: cần {Expected(expected, english: false)}"));
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>"$.figures[0].value" → "figures[0].value"; "$['a b']" → "a b".</summary>
    private static string ClientPath(string? jsonPath) =>
        BracketedName().Replace((jsonPath ?? "$").TrimStart('$'), m => "." + m.Groups[1].Value).TrimStart('.');

    [GeneratedRegex(@"\['([^']*)'\]")]
    private static partial Regex BracketedName();

    [GeneratedRegex(@"[^.\[\]]+|\[\d+\]")]
    private static partial Regex PathSegment();

    /// <summary>The type a field of the request has, found by following the client's path through the request type.</summary>
    private static Type? TypeAt(Type root, string path)
    {
        var type = root;
        foreach (Match segment in PathSegment().Matches(path))
        {
            if (segment.Value.StartsWith('['))
            {
                type = ElementType(type);
                if (type is null) return null;
                continue;
            }
            var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(p => string.Equals(p.Name, segment.Value, StringComparison.OrdinalIgnoreCase));
            if (property is null) return null;
            type = property.PropertyType;
        }
        return type;
    }

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static string Expected(Type type, bool english)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        string Say(string en, string vi) => english ? en : vi;
        if (t.IsEnum) return Say($"one of {string.Join(", ", Enum.GetNames(t))}.", $"một trong các giá trị {string.Join(", ", Enum.GetNames(t))}.");
        if (t == typeof(Guid)) return Say("an id (UUID) such as 0195f3c2-9c1e-7cc4-a4e6-2f0a4d6f1b2a.", "mã (UUID), ví dụ 0195f3c2-9c1e-7cc4-a4e6-2f0a4d6f1b2a.");
        if (t == typeof(DateOnly)) return Say("a date written yyyy-MM-dd (2023-06-30).", "ngày viết dạng yyyy-MM-dd (2023-06-30).");
        if (t == typeof(DateTimeOffset)) return Say("a timestamp such as 2023-06-30T17:00:00+07:00.", "thời điểm, ví dụ 2023-06-30T17:00:00+07:00.");
        if (t == typeof(decimal) || t == typeof(double)) return Say("a JSON number such as 12.5.", "một số JSON, ví dụ 12.5.");
        if (t == typeof(int) || t == typeof(long)) return Say("a whole number such as 2025.", "một số nguyên, ví dụ 2025.");
        if (t == typeof(bool)) return Say("true or false.", "true hoặc false.");
        if (t == typeof(string)) return Say("text in quotes.", "văn bản trong dấu nháy kép.");
        if (typeof(IEnumerable).IsAssignableFrom(t)) return Say("a JSON list [ ... ].", "một danh sách JSON [ ... ].");
        return Say("a JSON object { ... }.", "một đối tượng JSON { ... }.");
    }

    private static HttpValidationProblemDetails Invalid(string field, string message) => Problems.InvalidDetails(field, message);
}
