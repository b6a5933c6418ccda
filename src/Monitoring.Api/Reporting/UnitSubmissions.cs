using Monitoring.Domain.Reporting;

namespace Monitoring.Api.Reporting;

public sealed record SubmittedReport(Guid ReportId, DateTimeOffset SubmittedAt, string SubmittedBy, int FigureCount, int TaskUpdateCount);

/// <summary>
/// Per unit and period: every submission, in order; the first decides whether the unit reported on time. Derived from the
/// report snapshots, each written in its own submission's transaction, so simultaneous submissions never overwrite each other.
/// </summary>
public sealed record UnitSubmissions(Guid UnitId, ReportingPeriod Period, IReadOnlyList<SubmittedReport> Submissions)
{
    public static IEnumerable<UnitSubmissions> Of(IEnumerable<ProgressReport> reports) =>
        reports.GroupBy(r => (r.UnitId, r.Period))
            .Select(g => new UnitSubmissions(g.Key.UnitId, g.Key.Period, g.OrderBy(r => r.SubmittedAt)
                .Select(r => new SubmittedReport(r.Id, r.SubmittedAt, r.SubmittedBy, r.FigureIds.Count, r.TaskIds.Count)).ToList()));
}

/// <summary>When reports are due (section <c>Reporting</c>): so many days after the period ends.</summary>
public sealed class ReportingOptions
{
    public const string Section = "Reporting";
    public int DueDaysAfterHalfYear { get; set; } = 15;
    public int DueDaysAfterYear { get; set; } = 30;

    public DateOnly DueDate(ReportingPeriod period) =>
        period.End.AddDays(period.Kind == PeriodKind.HalfYear ? DueDaysAfterHalfYear : DueDaysAfterYear);
}
