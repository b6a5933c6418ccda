namespace Monitoring.Api.Infrastructure;

/// <summary>Deadlines and periods are dates in Vietnam (UTC+7, no daylight saving), whatever the server's zone.</summary>
public static class ProvinceClock
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}
