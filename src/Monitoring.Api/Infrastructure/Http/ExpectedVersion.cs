namespace Monitoring.Api.Infrastructure.Http;

/// <summary>The version a writer expects a stream to be at: from the body, or an <c>If-Match</c> header (<c>"3"</c>, <c>W/"3"</c>).</summary>
public static class ExpectedVersion
{
    public static bool TryRead(HttpContext context, long? fromBody, out long? expected, out string? error)
    {
        expected = fromBody;
        error = null;
        var header = context.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return true;

        var raw = header.Trim();
        if (raw.StartsWith("W/", StringComparison.Ordinal)) raw = raw[2..];
        raw = raw.Trim('"');
        if (!long.TryParse(raw, out var fromHeader) || fromHeader < 0)
        {
            error = Localized.Text("If-Match must hold a stream version such as \"3\".", "If-Match phải là số phiên bản, ví dụ \"3\".");
            return false;
        }
        if (fromBody is not null && fromBody != fromHeader)
        {
            error = Localized.Text("If-Match and the body's version disagree.", "If-Match và version trong nội dung không khớp nhau.");
            return false;
        }
        expected = fromHeader;
        return true;
    }

    /// <summary>Reads the expected version and, when there is one, marks the request as one not to retry on a conflict.</summary>
    public static bool TryReadPinned(HttpContext context, long? fromBody, out long? expected, out string? error)
    {
        var ok = TryRead(context, fromBody, out expected, out error);
        if (expected is not null) ConflictRetry.MarkVersionPinned(context);
        return ok;
    }

    public static void WriteETag(HttpContext context, long version) => context.Response.Headers.ETag = $"\"{version}\"";
}
