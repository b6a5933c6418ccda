using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Monitoring.Api.Infrastructure.Web;

/// <summary>
/// The rest of the request pipeline, captured where it is built: the pages send their reads and writes through it as the
/// signed-in user, so a page shows and records exactly what the API would answer that user (same access rules, same
/// validation, same events), never a second implementation of them.
/// </summary>
public sealed class ApiPipeline
{
    private RequestDelegate? _next;

    public RequestDelegate Next => _next ?? throw new InvalidOperationException("The request pipeline has not been built yet.");

    public static void Capture(WebApplication app)
    {
        var pipeline = app.Services.GetRequiredService<ApiPipeline>();
        app.Use(next =>
        {
            pipeline._next = next;
            return next;
        });
    }
}

/// <summary>An answer of the API to a page: the status, the body read as <typeparamref name="T"/> on success, else the problem.</summary>
public sealed record ApiAnswer<T>(int Status, T? Value, HttpValidationProblemDetails? Problem)
{
    public bool Ok => Status is >= 200 and < 300;

    /// <summary>The messages the API gave for one field (a JSON path such as <c>figures[0].value</c>), for the form to show beside it.</summary>
    public IReadOnlyList<string> ErrorsFor(string field) =>
        Problem?.Errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value ?? [];
}

/// <summary>A file the API answered (a review's Word document, the audit feed as CSV).</summary>
public sealed record ApiFile(int Status, byte[] Content, string ContentType, string? ContentDisposition);

/// <summary>Asks the API, inside this process, as the user of the current page request and in the page's language.</summary>
public sealed class InProcessApi(ApiPipeline pipeline, IHttpContextAccessor accessor, IServiceScopeFactory scopes)
{
    private const string InProcessMarker = "monitoring.in-process";

    /// <summary>Whether this request is a page's in-process API call (counted once, as the page request, by the rate limiter).</summary>
    public static bool IsInProcess(HttpContext context) => context.Items.ContainsKey(InProcessMarker);

    private static readonly JsonSerializerOptions Json = JsonDefaults.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public Task<ApiAnswer<T>> GetAsync<T>(string pathAndQuery, CancellationToken ct) => SendAsync<T>("GET", pathAndQuery, null, ct);

    public async Task<ApiAnswer<T>> SendAsync<T>(string method, string pathAndQuery, object? body, CancellationToken ct)
    {
        var (status, content, contentType, _) = await InvokeAsync(method, pathAndQuery, body, ct);
        return Read<T>(status, content, contentType);
    }

    private static ApiAnswer<T> Read<T>(int status, byte[] content, string? contentType)
    {
        if (status is >= 200 and < 300)
            return new ApiAnswer<T>(status, content.Length == 0 || typeof(T) == typeof(object) ? default : JsonSerializer.Deserialize<T>(content, Json), null);
        var problem = contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true && content.Length > 0
            ? JsonSerializer.Deserialize<HttpValidationProblemDetails>(content, Json)
            : null;
        return new ApiAnswer<T>(status, default, problem ?? new HttpValidationProblemDetails { Status = status });
    }

    public async Task<ApiFile> GetFileAsync(string pathAndQuery, CancellationToken ct)
    {
        var (status, content, contentType, disposition) = await InvokeAsync("GET", pathAndQuery, null, ct);
        return new ApiFile(status, content, contentType ?? "application/octet-stream", disposition);
    }

    /// <summary>
    /// Sends a body that is not JSON (a multipart upload: <paramref name="content"/> gives the bytes and the Content-Type with its
    /// boundary) and reads the answer as <see cref="SendAsync{T}"/> does.
    /// </summary>
    public async Task<ApiAnswer<T>> SendContentAsync<T>(string method, string pathAndQuery, HttpContent content, CancellationToken ct)
    {
        var bytes = await content.ReadAsByteArrayAsync(ct);
        var (status, answer, contentType, _) = await InvokeAsync(method, pathAndQuery, null, ct, (bytes, content.Headers.ContentType?.ToString()));
        return Read<T>(status, answer, contentType);
    }

    /// <summary>Builds a query string from the parameters that have a value (dates as yyyy-MM-dd, as the API reads them).</summary>
    public static string Query(string path, params (string Name, object? Value)[] parameters)
    {
        var given = parameters.Where(p => p.Value is not null && p.Value is not "").Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value switch
        {
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var v => v!.ToString()!,
        })}").ToList();
        return given.Count == 0 ? path : path + "?" + string.Join('&', given);
    }

    private async Task<(int Status, byte[] Content, string? ContentType, string? Disposition)> InvokeAsync(string method, string pathAndQuery,
        object? body, CancellationToken ct, (byte[] Bytes, string? ContentType)? raw = null)
    {
        var outer = accessor.HttpContext ?? throw new InvalidOperationException("The API is asked from a page request only.");
        var queryAt = pathAndQuery.IndexOf('?');
        var requestBody = raw is { } given ? new MemoryStream(given.Bytes)
            : body is null ? Stream.Null : new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(body, Json));
        var request = new SubRequest
        {
            Method = method,
            Scheme = outer.Request.Scheme,
            PathBase = outer.Request.PathBase,
            Path = queryAt < 0 ? pathAndQuery : pathAndQuery[..queryAt],
            QueryString = queryAt < 0 ? "" : pathAndQuery[queryAt..],
            Protocol = "HTTP/1.1",
            Body = requestBody,
            HasBody = body is not null || raw is not null,
        };
        request.Headers.Host = outer.Request.Host.Value;
        request.Headers.AcceptLanguage = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        request.Headers.Accept = "application/json";
        if (body is not null || raw is not null)
        {
            request.Headers.ContentType = raw is { } r ? r.ContentType : "application/json; charset=utf-8";
            request.Headers.ContentLength = requestBody.Length;
        }

        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpRequestBodyDetectionFeature>(request);
        var response = new HttpResponseFeature();
        var responseBody = new MemoryStream();
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(responseBody));
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = ct });
        if (outer.Features.Get<IHttpConnectionFeature>() is { } connection) features.Set(connection);

        await using var scope = scopes.CreateAsyncScope();
        var context = new DefaultHttpContext(features) { User = outer.User, RequestServices = scope.ServiceProvider };
        context.Items[InProcessMarker] = true;
        await pipeline.Next(context);
        await context.Response.CompleteAsync();
        return (context.Response.StatusCode, responseBody.ToArray(), context.Response.ContentType,
            context.Response.Headers.ContentDisposition.ToString() is { Length: > 0 } d ? d : null);
    }

    private sealed class SubRequest : HttpRequestFeature, IHttpRequestBodyDetectionFeature
    {
        public bool HasBody { get; init; }
        public bool CanHaveBody => HasBody;
    }
}
