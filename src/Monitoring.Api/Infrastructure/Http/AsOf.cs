using System.Globalization;

namespace Monitoring.Api.Infrastructure.Http;

/// <summary>
/// "What did we know on 30 June 2023?": an <c>asOf</c> query value, a date (the whole day, Vietnam time) or a timestamp.
/// Events recorded up to <see cref="Instant"/> count; judging uses <see cref="Day"/>.
/// </summary>
public sealed record AsOf(DateTimeOffset Instant, DateOnly Day)
{
    /// <summary>Everything recorded up to the end of <paramref name="day"/>, Vietnam time.</summary>
    public static AsOf EndOf(DateOnly day) =>
        new(new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), ProvinceClock.Offset).AddTicks(-1).ToUniversalTime(), day);

    public static bool TryParse(string? text, out AsOf? asOf, out IResult? problem)
    {
        asOf = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            asOf = EndOf(day);
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            asOf = new AsOf(instant.ToUniversalTime(), ProvinceClock.DateOf(instant));
            return true;
        }
        problem = Problems.Invalid("asOf", Localized.Text("asOf is a date (2023-06-30) or a timestamp (2023-06-30T17:00:00+07:00).",
            "asOf là ngày (2023-06-30) hoặc thời điểm (2023-06-30T17:00:00+07:00)."));
        return false;
    }
}
