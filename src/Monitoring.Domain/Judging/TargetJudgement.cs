namespace Monitoring.Domain.Judging;

/// <summary>
/// The projection that backs a status: a value expected for <paramref name="Year"/> (or, for growth rates, the rate the
/// remaining years need), how it was obtained (<see cref="ForecastMethods"/>) and a Vietnamese sentence saying so.
/// </summary>
public sealed record Forecast(decimal Value, int Year, string Method, string Explanation);

/// <param name="Observed">The value judged: latest level, average annual growth so far, running total, count, latest year's quantity.</param>
/// <param name="Achievement">Percent of the goal reached, rounded to one decimal.</param>
/// <param name="Forecast">Null when no forecast is possible or meaningful; the explanation then says why.</param>
/// <param name="Rule">Machine name of the rule applied (<see cref="JudgingRules"/>).</param>
/// <param name="Explanation">One or two Vietnamese sentences, numbers written the Vietnamese way.</param>
public sealed record TargetJudgement(
    TargetStatus Status,
    decimal? Observed,
    decimal? Achievement,
    Forecast? Forecast,
    string Rule,
    string Explanation);

public static class ForecastMethods
{
    public const string CompoundAnnualGrowth = "compound-annual-growth";
    public const string LinearTrend = "linear-trend";
    public const string ProRata = "pro-rata";
    public const string RequiredVsObservedGrowth = "required-vs-observed-growth";
}

public static class JudgingRules
{
    public const string GrowthRate = "growth-rate-average-vs-minimum";
    public const string LevelAtLeast = "level-at-least";
    public const string LevelAtMost = "level-at-most";
    public const string QuantityPerYear = "quantity-per-year";
    public const string Cumulative = "cumulative-vs-pro-rata";
    public const string CountMeetingStandard = "count-meeting-standard";
    public const string Milestone = "milestone-steps";
    public const string RelativeToReference = "relative-to-reference";
}
