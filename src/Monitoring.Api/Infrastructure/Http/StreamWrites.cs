using Marten;
using JasperFx.Events;
using Monitoring.Domain.Common;

namespace Monitoring.Api.Infrastructure.Http;

/// <summary>The load-decide-append steps every single-aggregate write shares.</summary>
public static class StreamWrites
{
    /// <summary>
    /// Loads an aggregate for writing. Unknown id → 404; a client version that is not the current one → 409.
    /// Marten checks the version read here again at commit, so a concurrent writer also ends in 409.
    /// </summary>
    public static async Task<(IEventStream<T>? Stream, IResult? Problem)> FetchAsync<T>(this IDocumentSession session, HttpContext context,
        Guid id, long? versionInBody, string what, CancellationToken ct) where T : class
    {
        if (!ExpectedVersion.TryReadPinned(context, versionInBody, out var expected, out var error))
            return (null, Problems.Invalid("version", error!));
        var stream = await session.Events.FetchForWriting<T>(id, ct);
        if (stream.Aggregate is null) return (null, Problems.NotFound(what, id));
        if (expected is not null && expected != stream.CurrentVersion)
            return (null, Problems.Conflict(Localized.Text(
                $"{what} {id} is at version {stream.CurrentVersion}, not {expected}. Reload and try again.",
                $"Dữ liệu đang ở phiên bản {stream.CurrentVersion}, không phải {expected}. Hãy tải lại rồi gửi lại.")));
        return (stream, null);
    }

    /// <summary>Appends what the decision produced and answers with the new version, or answers with its rejection.</summary>
    public static IResult Append<T>(this IEventStream<T> stream, Decision decision, HttpContext context) where T : class
    {
        if (decision.Rejection is { } rejection) return rejection.ToResult();
        var version = (stream.CurrentVersion ?? 0) + decision.Events.Count;
        stream.AppendMany(decision.Events);
        ExpectedVersion.WriteETag(context, version);
        return Results.Ok(new WriteAccepted(stream.Id, version));
    }

    /// <summary>Several invalid fields at once: one 400 naming each (a rejection other than Invalid answers as itself).</summary>
    public static IResult? ToResult(this IReadOnlyList<Rejection> rejections) =>
        rejections.Count == 0 ? null
        : rejections.FirstOrDefault(r => r.Kind != RejectionKind.Invalid) is { } other ? other.ToResult()
        : Results.ValidationProblem(
            rejections.GroupBy(r => r.Field).ToDictionary(g => g.Key, g => g.Select(r => Localized.Text(r.English, r.Vietnamese)).ToArray()),
            title: Localized.Text("The request is invalid", "Yêu cầu không hợp lệ"), statusCode: StatusCodes.Status400BadRequest);

    public static IResult ToResult(this Rejection rejection)
    {
        var message = Localized.Text(rejection.English, rejection.Vietnamese);
        return rejection.Kind switch
        {
            RejectionKind.NotFound => Results.Problem(statusCode: 404, title: Localized.Text("Not found", "Không tìm thấy"), detail: message),
            RejectionKind.Conflict => Problems.Conflict(message),
            _ => Problems.Invalid(rejection.Field, message),
        };
    }
}

public sealed record WriteAccepted(Guid Id, long Version);
