using System.Security.Cryptography;
using System.Text.Json;
using Marten;

namespace Monitoring.Api.Infrastructure.Http;

/// <summary>The answer given to a request sent with an Idempotency-Key, kept so that a retry gets the same answer.</summary>
public sealed record IdempotentResponse(string Id, string RequestHash, int StatusCode, string? Location, string Body, DateTimeOffset StoredAt);

/// <summary>
/// Idempotency-Key on submissions: the same key and body give back the first answer and append nothing; the same key
/// with another body is refused with 422. The answer is stored in the same transaction as the events it describes, and
/// it belongs to its caller: the key is looked up under the user and unit that sent it, so another caller sending the
/// same key is judged as its own request and never receives someone else's answer.
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

    public const int MaxKeyLength = 200;

    /// <summary>The key's problem, if the header is there but unusable (too long, not printable ASCII).</summary>
    public static IResult? Check(HttpContext context)
    {
        var values = context.Request.Headers[Header];
        if (values.Count == 0) return null;
        var key = values.ToString().Trim();
        return values.Count == 1 && key.Length is > 0 and <= MaxKeyLength && key.All(c => c is >= '!' and <= '~')
            ? null
            : Problems.Invalid(Header, Localized.Text($"Send one {Header} of 1 to {MaxKeyLength} printable ASCII characters (a UUID is a good choice).",
                $"Gửi một {Header} dài 1 đến {MaxKeyLength} ký tự ASCII in được (nên dùng UUID)."));
    }

    public static Idempotency For<T>(HttpContext context, string scope, T request)
    {
        var key = context.Request.Headers[Header].ToString().Trim();
        var hash = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request)));
        if (key.Length == 0) return new Idempotency(null, hash);
        var caller = context.Caller();
        var owner = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{caller.UserName}\n{caller.Role}\n{caller.UnitId}\n{key}")));
        return new Idempotency($"{scope}:{owner}", hash);
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
