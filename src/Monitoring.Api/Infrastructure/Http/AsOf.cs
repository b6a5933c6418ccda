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

    /// <param name="parameter">The query parameter's name, for the problem (asOf, from, to).</param>
    public static bool TryParse(string? text, out AsOf? asOf, out IResult? problem, string parameter = "asOf")
    {
        asOf = null;
        problem = null;
        if (text is null) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && InputBounds.IsPlausible(day))
        {
            asOf = EndOf(day);
            return true;
        }
        if (text.Length > 10 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            && InputBounds.IsPlausible(DateOnly.FromDateTime(instant.UtcDateTime)))
        {
            asOf = new AsOf(instant.ToUniversalTime(), ProvinceClock.DateOf(instant));
            return true;
        }
        problem = Problems.Invalid(parameter, Localized.Text(
            $"{parameter} is a date (2023-06-30) or a timestamp with its offset (2023-06-30T17:00:00+07:00), between {InputBounds.EarliestDate:yyyy-MM-dd} and {InputBounds.LatestDate:yyyy-MM-dd}.",
            $"{parameter} là ngày (2023-06-30) hoặc thời điểm kèm múi giờ (2023-06-30T17:00:00+07:00), từ {InputBounds.EarliestDate:yyyy-MM-dd} đến {InputBounds.LatestDate:yyyy-MM-dd}."));
        return false;
    }
}
