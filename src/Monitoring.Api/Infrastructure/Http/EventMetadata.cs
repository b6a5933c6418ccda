using Marten;

namespace Monitoring.Api.Infrastructure.Http;

/// <summary>
/// Wolverine middleware on every write endpoint: the events appended carry who (user), for which unit, and the
/// correlation id (the client's X-Correlation-Id, else the request's trace id, echoed back).
/// </summary>
public static class EventMetadata
{
    public const string CorrelationHeader = "X-Correlation-Id";
    public const string UnitHeader = "unit";
    public const string ReasonHeader = "reason";

    public static void Before(HttpContext context, IDocumentSession session)
    {
        var caller = context.Caller();
        var correlation = context.Request.Headers[CorrelationHeader].ToString();
        // A correlation id is stored with every event: only a short printable one is taken from the client.
        if (string.IsNullOrWhiteSpace(correlation) || correlation.Length > 100 || correlation.Any(c => c is < ' ' or > '~'))
            correlation = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;

        session.CorrelationId = correlation;
        session.CausationId = $"{context.Request.Method} {context.Request.Path}";
        session.LastModifiedBy = caller.UserName;
        if (caller.UnitId is { } unit) session.SetHeader(UnitHeader, unit.ToString());
        context.Response.Headers[CorrelationHeader] = correlation;
    }

    public static void RecordReason(this IDocumentSession session, string? reason)
    {
        if (!string.IsNullOrWhiteSpace(reason)) session.SetHeader(ReasonHeader, reason);
    }
}
