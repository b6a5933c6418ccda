using Monitoring.Domain.Reporting;

namespace Monitoring.Domain.Judging;

/// <summary>Arithmetic shared by the rules.</summary>
internal static class Progress
{
    /// <summary>
    /// Open SDG progress measure: observed rate over the rate needed. At or above this, moderate progress (at risk);
    /// below it, limited progress or deterioration (off track).
    /// </summary>
    public const decimal ModerateProgressRatio = 0.5m;

    public static TargetStatus ByProgressRatio(decimal ratio) =>
        ratio >= ModerateProgressRatio ? TargetStatus.AtRisk : TargetStatus.OffTrack;

    /// <summary>Percent of the goal reached; for a level to get below, the goal over the value.</summary>
    public static decimal? Achievement(decimal observed, decimal goal, bool lowerIsBetter)
    {
        var (numerator, denominator) = lowerIsBetter ? (goal, observed) : (observed, goal);
        return denominator == 0 ? null : Round(numerator / denominator * 100, 1);
    }

    /// <summary>Rounded, and without trailing zeros so that it is written "15,4", not "15,40".</summary>
    public static decimal Round(decimal value, int decimals = 2) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero) / 1.000000000000000000000000000000000m;

    public static decimal ToDecimal(double value) =>
        double.IsFinite(value) ? (decimal)Math.Clamp(value, -1e15, 1e15) : (value > 0 ? 1e15m : -1e15m);

    public static double Pow(decimal x, decimal y) => Math.Pow((double)x, (double)y);

    /// <summary>
    /// A period as a point on the year axis at its end: a year or span at its last year, the first half-year
    /// half a year earlier. A baseline "in 2020" and a target "in 2025" are read the same way.
    /// </summary>
    public static decimal TimeOf(ReportingPeriod period) =>
        period.Kind == PeriodKind.HalfYear && period.Half == 1 ? period.FirstYear - 0.5m : period.LastYear;
}
