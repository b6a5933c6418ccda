namespace Monitoring.Domain.Common;

/// <summary>Vietnam's clock (UTC+7, no daylight saving): deadlines, periods and the days of the record are its calendar days.</summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTimeOffset Of(DateTimeOffset instant) => instant.ToOffset(Offset);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}
