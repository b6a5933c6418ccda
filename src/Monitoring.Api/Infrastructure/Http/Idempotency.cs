using System.Security.Cryptography;
using System.Text.Json;
using Marten;

namespace Monitoring.Api.Infrastructure.Http;

/// <summary>The answer given to a request sent with an Idempotency-Key, kept so that a retry gets the same answer.</summary>
public sealed record IdempotentResponse(string Id, string RequestHash, int StatusCode, string? Location, string Body, DateTimeOffset StoredAt);

/// <summary>
/// Idempotency-Key on submissions: the same key and body give back the first answer and append nothing; the same key
/// with another body is refused with 422. The answer is stored in the same transaction as the events it describes.
/// </summary>
public sealed class Idempotency
{
    public const string Header = "Idempotency-Key";
    private readonly string? _id;
    private readonly string _hash;

    private Idempotency(string? id, string hash)
    {
        _id = id;
        _hash = hash;
    }

    public static Idempotency For<T>(HttpContext context, string scope, T request)
    {
        var key = context.Request.Headers[Header].ToString();
        var hash = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request)));
        return new Idempotency(string.IsNullOrWhiteSpace(key) ? null : $"{scope}:{key.Trim()}", hash);
    }

    /// <summary>The earlier answer to replay, a 422 for a reused key, or null to go on.</summary>
    public async Task<IResult?> EarlierAnswerAsync(IQuerySession session, CancellationToken ct)
    {
        if (_id is null) return null;
        var earlier = await session.LoadAsync<IdempotentResponse>(_id, ct);
        if (earlier is null) return null;
        if (earlier.RequestHash != _hash)
            return Problems.Unprocessable(Localized.Text(
                "This Idempotency-Key was already used with a different request body.",
                "Idempotency-Key này đã được dùng cho một yêu cầu có nội dung khác."));
        return new ReplayedResult(earlier);
    }

    public IResult Created<T>(IDocumentSession session, string location, T body, TimeProvider clock)
    {
        if (_id is not null)
            session.Insert(new IdempotentResponse(_id, _hash, StatusCodes.Status201Created, location,
                JsonSerializer.Serialize(body, JsonDefaults.Web), clock.GetUtcNow()));
        return new WithLocation(Results.Json(body, JsonDefaults.Web, statusCode: StatusCodes.Status201Created), location);
    }

    private sealed class ReplayedResult(IdempotentResponse earlier) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = earlier.StatusCode;
            if (earlier.Location is not null) context.Response.Headers.Location = earlier.Location;
            context.Response.Headers["Idempotent-Replayed"] = "true";
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(earlier.Body);
        }
    }

    private sealed class WithLocation(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.Headers.Location = location;
            return inner.ExecuteAsync(context);
        }
    }
}
