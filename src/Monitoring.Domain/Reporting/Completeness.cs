namespace Monitoring.Domain.Reporting;

/// <summary>
/// How many reports were expected and how they came in. A report is submitted once it was first sent (later returned or
/// approved alike); on time, late and missing are judged against the due date (<see cref="Timeliness"/>); rates are per cent of
/// the expected reports, one decimal, null when nothing is expected.
/// </summary>
public sealed record CompletenessCounts(int Expected, int Submitted, int OnTime, int Late, int Missing, int NotYetDue, int Draft,
    int AwaitingApproval, int Approved, int Returned)
{
    public static readonly CompletenessCounts None = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Submitted reports per cent of expected.</summary>
    public decimal? ReportingRate => Rate(Submitted);

    /// <summary>Reports submitted on time per cent of expected.</summary>
    public decimal? OnTimeRate => Rate(OnTime);

    private decimal? Rate(int count) => Expected == 0 ? null : Math.Round(100m * count / Expected, 1, MidpointRounding.AwayFromZero);

    public static CompletenessCounts Of(IEnumerable<Obligation> obligations)
    {
        var list = obligations.ToList();
        int Count(Func<Obligation, bool> which) => list.Count(which);
        return new CompletenessCounts(list.Count, Count(o => o.Submitted), Count(o => o.Timeliness == Timeliness.OnTime),
            Count(o => o.Timeliness == Timeliness.Late), Count(o => o.Timeliness == Timeliness.Missing), Count(o => o.Timeliness == Timeliness.NotYetDue),
            Count(o => o.State == SubmissionState.Draft), Count(o => o.State == SubmissionState.Submitted),
            Count(o => o.State == SubmissionState.Approved), Count(o => o.State == SubmissionState.Returned));
    }
}

/// <summary>One period's completeness: in all, per resolution and per unit across resolutions, with the obligations late or missing.</summary>
public sealed record PeriodCompleteness(
    ReportingPeriod Period, CompletenessCounts Total,
    IReadOnlyDictionary<Guid, CompletenessCounts> ByResolution, IReadOnlyDictionary<Guid, CompletenessCounts> ByUnit,
    IReadOnlyList<Obligation> Late, IReadOnlyList<Obligation> Missing)
{
    public static PeriodCompleteness Of(ReportingPeriod period, IReadOnlyCollection<Obligation> obligations)
    {
        var ofPeriod = obligations.Where(o => o.Period == period).ToList();
        return new PeriodCompleteness(period, CompletenessCounts.Of(ofPeriod),
            ofPeriod.GroupBy(o => o.ResolutionId).ToDictionary(g => g.Key, g => CompletenessCounts.Of(g)),
            ofPeriod.GroupBy(o => o.UnitId).ToDictionary(g => g.Key, g => CompletenessCounts.Of(g)),
            ofPeriod.Where(o => o.Timeliness == Timeliness.Late).ToList(),
            ofPeriod.Where(o => o.Timeliness == Timeliness.Missing).ToList());
    }

    /// <summary>
    /// The period completeness is read for when none is named: the latest half-year or year report whose due date has passed
    /// by <paramref name="today"/> (the regimes' six-month and annual reports).
    /// </summary>
    public static ReportingPeriod LatestDue(ReportingCalendar calendar, DateOnly today) =>
        ReportingCalendar.PeriodsOf(ReportingCalendar.DefaultKinds, today.Year - 1, today.Year).Last(p => calendar.DueDate(p) < today);
}
