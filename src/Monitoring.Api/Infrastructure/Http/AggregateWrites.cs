using Microsoft.AspNetCore.Mvc;
using Monitoring.Domain.Common;
using Wolverine.Http;
using Wolverine.Marten;

namespace Monitoring.Api.Infrastructure.Http;

/// <summary>
/// What Wolverine's aggregate handler workflow leaves to the service: the version the client expects, read from the body
/// or an <c>If-Match</c> header (Wolverine checks a non-nullable <c>Version</c> only), and the answer to a decision.
/// Wolverine loads the aggregate (404 when there is none), appends the returned events and commits; Marten checks at
/// commit that nobody appended in between.
/// </summary>
public static class AggregateWrites
{
    public static ProblemDetails ExpectedVersion(HttpContext context, long? versionInBody, long current, string what)
    {
        if (!Http.ExpectedVersion.TryReadPinned(context, versionInBody, out var expected, out var error))
            return Problems.InvalidDetails("version", error!);
        if (expected is null || expected == current) return WolverineContinue.NoProblems;
        return Problems.ConflictDetails(Localized.Text($"{what} is at version {current}, not {expected}. Reload and try again.",
            $"Dữ liệu đang ở phiên bản {current}, không phải {expected}. Hãy tải lại rồi gửi lại."));
    }

    /// <summary>The expected version, then the caller's unit: a reporter writes only what is assigned to its unit.</summary>
    public static ProblemDetails ExpectedVersionAndUnit(HttpContext context, long? versionInBody, long current, string what, Guid id,
        Func<Guid, bool> isAssignedTo)
    {
        var version = ExpectedVersion(context, versionInBody, current, what);
        if (!ReferenceEquals(version, WolverineContinue.NoProblems)) return version;
        return context.Caller().MayActFor(isAssignedTo) ? WolverineContinue.NoProblems : Problems.NotYourUnitDetails(what, id);
    }

    /// <summary>The events a decision produced, answered with the stream's new version; or its rejection, and nothing appended.</summary>
    public static (IResult, Events) Answer(Decision decision, Guid id, long current, HttpContext context)
    {
        if (decision.Rejection is { } rejection) return (rejection.ToResult(), []);
        var version = current + decision.Events.Count;
        Http.ExpectedVersion.WriteETag(context, version);
        return (Results.Ok(new WriteAccepted(id, version)), [.. decision.Events]);
    }
}
