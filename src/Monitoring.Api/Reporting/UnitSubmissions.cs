using System.Collections.Immutable;
using Marten.Events.Projections;
using Monitoring.Domain.Reporting;

namespace Monitoring.Api.Reporting;

public sealed record Submission(Guid ReportId, DateTimeOffset SubmittedAt, string SubmittedBy, int FigureCount, int TaskUpdateCount);

/// <summary>Per unit and period: every submission, in order. The first one decides whether the unit reported on time.</summary>
public sealed record UnitSubmissions
{
    public string Id { get; init; } = "";
    public Guid UnitId { get; init; }
    public string Period { get; init; } = "";
    public DateOnly PeriodEnd { get; init; }
    public ImmutableList<Submission> Submissions { get; init; } = [];

    public static string IdFor(Guid unitId, ReportingPeriod period) => $"{unitId:N}:{period}";
}

public sealed partial class UnitSubmissionsProjection : MultiStreamProjection<UnitSubmissions, string>
{
    public UnitSubmissionsProjection() => Identity<ReportSubmitted>(e => UnitSubmissions.IdFor(e.UnitId, e.Period));

    public UnitSubmissions Apply(ReportSubmitted e, UnitSubmissions current) => current with
    {
        Id = UnitSubmissions.IdFor(e.UnitId, e.Period),
        UnitId = e.UnitId,
        Period = e.Period.ToString(),
        PeriodEnd = e.Period.End,
        Submissions = current.Submissions.Add(new Submission(e.ReportId, e.SubmittedAt, e.SubmittedBy, e.FigureIds.Count, e.TaskIds.Count)),
    };
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
