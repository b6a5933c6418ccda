using Marten;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure.Web;

namespace Monitoring.Api.Web.Audit;

/// <summary>
/// The audit feed's filters as the pages take them (the API's own: resolution, unit, user, event type, from and to), shared by
/// the feed and its CSV export so that the export holds exactly the rows the feed shows. The as-of day bounds the feed: entries
/// recorded up to the end of that day (it becomes the API's <c>to</c>, or narrows a later one).
/// </summary>
public abstract class AuditFeedPage : MonitoringPage
{
    [BindProperty(SupportsGet = true)] public Guid? ResolutionId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? UnitId { get; set; }
    /// <summary>The user who recorded the entry (the API's <c>user</c>; named apart from the page's signed-in <c>User</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "user")] public string? ByUser { get; set; }
    [BindProperty(SupportsGet = true)] public string? EventType { get; set; }
    /// <summary>The first day (dd/MM/yyyy or yyyy-MM-dd); other text goes to the API as typed, which says what is wrong with it.</summary>
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    /// <summary>A day as the API reads it (yyyy-MM-dd), or the text as typed when it is not a day.</summary>
    protected static string? ApiDay(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : ParseDay(text)?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? text.Trim();

    /// <summary>The upper bound sent to the API: the earlier of the typed "to" day and the as-of day.</summary>
    protected string? UpperBound()
    {
        var to = ParseDay(To);
        // Text that is no day goes to the API as typed: its message says what is wrong with it.
        if (AsOfIso is not { } asOf || (to is null && !string.IsNullOrWhiteSpace(To))) return ApiDay(To);
        return to is { } day && day < ParseDay(AsOf)!.Value ? ApiDay(To) : asOf;
    }

    /// <summary>The filters as API query parameters, in the order the API lists them.</summary>
    protected (string, object?)[] ApiFilters() =>
        [("resolutionId", ResolutionId), ("unitId", UnitId), ("user", ByUser?.Trim()), ("eventType", EventType?.Trim()), ("from", ApiDay(From)), ("to", UpperBound())];

    /// <summary>The filters as this page's own query (to link pages of the feed and its export), with the as-of day.</summary>
    public string Link(string path, params (string, object?)[] more) =>
        InProcessApi.Query(path, [("resolutionId", ResolutionId), ("unitId", UnitId), ("user", ByUser), ("eventType", EventType), ("from", From),
            ("to", To), ("asOf", AsOfIso), .. more]);

    /// <summary>Every event type the store knows: the CLR name (which the API accepts) and Marten's stored name.</summary>
    protected IReadOnlyList<(string Name, string Stored, Type Type)> KnownEventTypes() =>
        HttpContext.RequestServices.GetRequiredService<IDocumentStore>().Options.Events.AllKnownEventTypes()
            .Select(t => (t.EventType.Name, t.EventTypeName, t.EventType)).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
}
