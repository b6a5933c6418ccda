using System.Text.Json.Serialization;
using Monitoring.Domain.Common;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;

namespace Monitoring.Domain.Reporting;

/// <summary>Where a unit's report for a period stands against its due date.</summary>
[JsonConverter(typeof(NamedEnumConverter<Timeliness>))]
public enum Timeliness
{
    /// <summary>Not submitted yet, and the due date has not passed (today is the due date at the latest).</summary>
    NotYetDue,
    /// <summary>First submitted on or before the due date (Vietnam's calendar day).</summary>
    OnTime,
    /// <summary>First submitted after the due date.</summary>
    Late,
    /// <summary>Not submitted, and the due date has passed.</summary>
    Missing,
}

/// <summary>
/// What one unit owes one resolution for one period: a report on these targets and tasks, by the due date.
/// <see cref="DaysLeft"/> counts calendar days from today to the due date (0 on the due date, negative once it has passed).
/// </summary>
public sealed record Obligation(
    Guid UnitId, Guid ResolutionId, ReportingPeriod Period, DataWindow Data, DateOnly DueDate,
    IReadOnlyList<Guid> TargetIds, IReadOnlyList<Guid> TaskIds,
    SubmissionState State, DateTimeOffset? FirstSubmittedAt, Timeliness Timeliness, int DaysLeft)
{
    [JsonIgnore] public bool Submitted => FirstSubmittedAt is not null;
}

/// <summary>
/// Who owes what, by when: from a resolution's years and the kinds of period it is reported on, the calendar, its targets' and
/// tasks' assignments (with the day each took effect) and the units' submissions. A unit owes a period's report on a target
/// or task assigned to it on or before that period's data cut-off; an assignment made after the cut-off creates nothing for
/// that period. A task completed before a period's data begins is not reported on in it.
/// </summary>
public static class Obligations
{

    /// <summary>The periods a resolution is reported on, within its years, of the kinds the calendar runs.</summary>
    public static IReadOnlyList<ReportingPeriod> PeriodsOf(Resolution resolution, ReportingCalendar calendar) =>
        ReportingCalendar.PeriodsOf(resolution.ReportingPeriods.Where(calendar.Runs).ToList(), resolution.PeriodStartYear, resolution.PeriodEndYear);

    /// <summary>
    /// Every obligation of the resolution: for <paramref name="period"/> when given (nothing when the resolution is not reported
    /// on it), else for each of its periods whose data window has begun by <paramref name="today"/>; for one unit when given.
    /// </summary>
    public static IReadOnlyList<Obligation> Of(Resolution resolution, IEnumerable<Target> targets, IEnumerable<ResolutionTask> tasks,
        IEnumerable<Submission> submissions, ReportingCalendar calendar, DateOnly today, ReportingPeriod? period = null, Guid? unitId = null)
    {
        var ownTargets = targets.Where(t => t.ResolutionId == resolution.Id).ToList();
        var ownTasks = tasks.Where(t => t.ResolutionId == resolution.Id).ToList();
        var byKey = submissions.Where(s => s.ResolutionId == resolution.Id)
            .GroupBy(s => (s.UnitId, s.Period)).ToDictionary(g => g.Key, g => g.First());
        var periods = PeriodsOf(resolution, calendar)
            .Where(p => period is not null ? p == period : calendar.DataOf(p).From <= today);

        var obligations = new List<Obligation>();
        foreach (var p in periods)
        {
            var data = calendar.DataOf(p);
            var due = calendar.DueDate(p);
            var owedTargets = ownTargets.SelectMany(t => t.Assignments.Where(a => a.Since <= data.To).Select(a => (a.UnitId, t.Id)));
            var owedTasks = ownTasks.Where(t => t.CompletedOn is not { } done || done >= data.From)
                .SelectMany(t => t.Assignments.Where(a => a.Since <= data.To).Select(a => (a.UnitId, t.Id)));
            var units = owedTargets.Select(x => x.UnitId).Concat(owedTasks.Select(x => x.UnitId)).Distinct()
                .Where(u => unitId is null || u == unitId);
            foreach (var unit in units)
            {
                var submission = byKey.GetValueOrDefault((unit, p));
                obligations.Add(new Obligation(unit, resolution.Id, p, data, due,
                    owedTargets.Where(x => x.UnitId == unit).Select(x => x.Id).Distinct().ToList(),
                    owedTasks.Where(x => x.UnitId == unit).Select(x => x.Id).Distinct().ToList(),
                    submission?.State ?? SubmissionState.NotStarted, submission?.FirstSubmittedAt,
                    TimelinessOf(submission?.FirstSubmittedAt, due, today), due.DayNumber - today.DayNumber));
            }
        }
        return obligations;
    }

    /// <summary>On time when first submitted on or before the due date, Vietnam's day; missing once the due date has passed unsubmitted.</summary>
    public static Timeliness TimelinessOf(DateTimeOffset? firstSubmittedAt, DateOnly due, DateOnly today) => firstSubmittedAt switch
    {
        { } at => VietnamTime.DateOf(at) <= due ? Timeliness.OnTime : Timeliness.Late,
        null => today > due ? Timeliness.Missing : Timeliness.NotYetDue,
    };
}
