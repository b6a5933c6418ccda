namespace Monitoring.Api.Infrastructure;

/// <summary>Deadlines and periods are dates in Vietnam (UTC+7, no daylight saving), whatever the server's zone.</summary>
public static class ProvinceClock
{
    public static readonly TimeSpan Offset = Monitoring.Domain.Common.VietnamTime.Offset;

    public static DateOnly Today(this TimeProvider clock) => DateOf(clock.GetUtcNow());

    public static DateOnly DateOf(DateTimeOffset instant) => Monitoring.Domain.Common.VietnamTime.DateOf(instant);
}
