using Monitoring.Domain.Common;

namespace Monitoring.Api.Infrastructure.Http;

/// <summary>Rejections of the domain's decisions as answers a client reads.</summary>
public static class RejectionAnswers
{
    /// <summary>Several invalid fields at once: one 400 naming each (a rejection other than Invalid answers as itself).</summary>
    public static IResult? ToResult(this IReadOnlyList<Rejection> rejections) =>
        rejections.Count == 0 ? null
        : rejections.FirstOrDefault(r => r.Kind != RejectionKind.Invalid) is { } other ? other.ToResult()
        : Results.Problem(Problems.InvalidDetails(
            rejections.GroupBy(r => r.Field).ToDictionary(g => g.Key, g => g.Select(r => Localized.Text(r.English, r.Vietnamese)).ToArray())));

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
