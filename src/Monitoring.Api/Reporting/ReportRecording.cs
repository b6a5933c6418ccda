using Monitoring.Domain.Common;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;

namespace Monitoring.Api.Reporting;

public sealed record ReportContent(Guid UnitId, ReportingPeriod Period, Narrative? Narrative, IReadOnlyList<string> Evidence);

/// <summary>What recording a report appends: events per target and task stream, in order, and the report's own stream.</summary>
public sealed record RecordedReport(Guid ReportId, IReadOnlyList<(Guid StreamId, object Event)> Appends, ReportSubmitted Submitted,
    IReadOnlyList<AcceptedFigure> Figures);

/// <summary>
/// The decision behind a submission, shared by <c>POST /api/reports</c> and the resolution import: one figure event per
/// target, task progress (and completion) per task, and the submission itself. Loading and access checks stay with the caller.
/// </summary>
public static class ReportRecording
{
    public static (RecordedReport? Report, Rejection? Rejection) Record(ReportContent report,
        IReadOnlyList<(Target Target, FigureInput Figure)> figures, IReadOnlyList<(ResolutionTask Task, TaskUpdateInput Update)> updates,
        string by, DateTimeOffset at, DateOnly today)
    {
        var reportId = Guid.CreateVersion7();
        var appends = new List<(Guid, object)>();
        var accepted = new List<AcceptedFigure>();

        foreach (var (target, f) in figures)
        {
            var figureId = Guid.CreateVersion7();
            appends.Add((target.Id, new ProgressReported(target.Id, figureId, reportId, report.UnitId, report.Period, f.Value, f.Stage,
                f.AsOf ?? today, f.Source, f.Note, f.Items ?? [], f.ReferenceValue, by, at)));
            accepted.Add(new AcceptedFigure(target.Id, figureId));
        }

        for (var i = 0; i < updates.Count; i++)
        {
            var (task, u) = updates[i];
            appends.Add((task.Id, new TaskProgressReported(task.Id, reportId, report.UnitId, report.Period, u.PercentDone, u.Note, by, at)));
            if (!u.Completed) continue;
            var completion = task.Complete(u.CompletedOn!.Value, u.Note, report.UnitId, by, at);
            if (completion.Rejection is { } rejection) return (null, rejection with { Field = $"taskUpdates[{i}].{rejection.Field}" });
            appends.AddRange(completion.Events.Select(e => (task.Id, e)));
        }

        var submitted = new ReportSubmitted(reportId, report.UnitId, report.Period, report.Narrative ?? new Narrative(),
            accepted.Select(a => a.FigureId).ToList(), figures.Select(f => f.Target.Id).ToList(), updates.Select(u => u.Task.Id).ToList(),
            report.Evidence, by, at);
        return (new RecordedReport(reportId, appends, submitted, accepted), null);
    }
}
