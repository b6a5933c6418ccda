using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Monitoring.Api.Infrastructure.Http;

/// <summary>
/// Reads a JSON body against the endpoint's request type before the endpoint does, so that a malformed body, a wrong
/// type or a field the operation does not define (a unit, a user, a timestamp, a status) is answered like any other
/// invalid input: 400 with the JSON path of the field, in the caller's language, and no internal type names.
/// </summary>
public sealed partial class JsonBodyCheck(RequestDelegate next, IOptions<JsonOptions> json)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var requestType = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
        if (requestType is null || !HttpMethods.IsPost(context.Request.Method) || context.Request.ContentLength == 0)
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        try
        {
            await JsonSerializer.DeserializeAsync(context.Request.Body, requestType, json.Value.SerializerOptions, context.RequestAborted);
        }
        catch (JsonException e)
        {
            await Results.Problem(Problem(e)).ExecuteAsync(context);
            return;
        }
        context.Request.Body.Position = 0;
        await next(context);
    }

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    public static HttpValidationProblemDetails Problem(JsonException e)
    {
        var path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
        var unmapped = UnmappedProperty().Match(e.Message);
        string field, message;
        if (unmapped.Success)
        {
            var name = unmapped.Groups[1].Value;
            field = path.Length == 0 ? name : path.EndsWith(name, StringComparison.Ordinal) ? path : $"{path}.{name}";
            message = Localized.Text("This operation has no such field; it may not be set by the caller.",
                "Thao tác không có trường này; người gọi không được phép gửi.");
        }
        else if ((e as Resolutions.Import.VietnameseNumberException ?? e.InnerException as Resolutions.Import.VietnameseNumberException) is { } number)
        {
            field = path.Length == 0 ? "body" : path;
            message = Localized.Text(number.Message, number.Vietnamese);
        }
        else
        {
            field = path.Length == 0 ? "body" : path;
            message = Localized.Text("Not valid JSON for this field (wrong type or format).", "Giá trị JSON không hợp lệ cho trường này (sai kiểu hoặc định dạng).");
        }
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Localized.Text("The request is invalid", "Yêu cầu không hợp lệ"),
        };
    }
}
