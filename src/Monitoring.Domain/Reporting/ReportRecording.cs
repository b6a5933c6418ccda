using Monitoring.Domain.Common;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;

namespace Monitoring.Domain.Reporting;

/// <summary>One unit's report for one period, as submitted.</summary>
public sealed record ReportContent(Guid UnitId, ReportingPeriod Period, Narrative? Narrative, IReadOnlyList<string> Evidence);

/// <summary>A figure of a report, with the target it is about and the span of that target's resolution.</summary>
public sealed record ReportedFigure(Target Target, ResolutionSpan Span, decimal? Value, FigureStage Stage, DateOnly? AsOf = null, string? Source = null,
    string? Note = null, IReadOnlyList<string>? Items = null, decimal? ReferenceValue = null);

/// <summary>A task update of a report, with the task and the span of its resolution.</summary>
public sealed record ReportedTaskUpdate(ResolutionTask Task, ResolutionSpan Span, int PercentDone, bool Completed = false, DateOnly? CompletedOn = null,
    string? Note = null);

/// <summary>What recording a report appends: events per target and task stream, in order, and the report's own first event.</summary>
public sealed record RecordedReport(ReportSubmitted Submitted, IReadOnlyList<(Guid StreamId, object Event)> Appends,
    IReadOnlyList<(Guid TargetId, Guid FigureId)> Figures)
{
    public Guid ReportId => Submitted.ReportId;
}

/// <summary>
/// The decision behind a submission, shared by <c>POST /api/reports</c> and the resolution import: the report is plausible
/// as a whole (values, period, dates), then one figure event per target, task progress (and completion) per task, and
/// the submission itself. Loading and access checks stay with the caller.
/// </summary>
public static class ReportRecording
{
    public static (RecordedReport? Report, IReadOnlyList<Rejection> Rejections) Record(ReportContent report, IReadOnlyList<ReportedFigure> figures,
        IReadOnlyList<ReportedTaskUpdate> updates, string by, DateTimeOffset at, DateOnly today)
    {
        var implausible = ReportPlausibility.Check(report.Period,
            figures.Select(f => new FigureFacts(f.Target.Shape, f.Target.UnitOfMeasure, f.Span, f.Value, f.ReferenceValue, f.AsOf)).ToList(),
            updates.Select(u => new TaskUpdateFacts(u.Span, u.CompletedOn)).ToList(), today);
        if (implausible.Count > 0) return (null, implausible);

        var reportId = Guid.CreateVersion7();
        var appends = new List<(Guid, object)>();
        var accepted = new List<(Guid TargetId, Guid FigureId)>();
        foreach (var f in figures)
        {
            var figureId = Guid.CreateVersion7();
            appends.Add((f.Target.Id, new ProgressReported(f.Target.Id, figureId, reportId, report.UnitId, report.Period, f.Value, f.Stage,
                f.AsOf ?? today, f.Source, f.Note, f.Items ?? [], f.ReferenceValue, by, at)));
            accepted.Add((f.Target.Id, figureId));
        }

        for (var i = 0; i < updates.Count; i++)
        {
            var u = updates[i];
            appends.Add((u.Task.Id, new TaskProgressReported(u.Task.Id, reportId, report.UnitId, report.Period, u.PercentDone, u.Note, by, at)));
            if (!u.Completed) continue;
            var completion = u.Task.Complete(u.CompletedOn ?? today, u.Note, report.UnitId, by, at);
            if (completion.Rejection is { } rejection) return (null, [rejection with { Field = $"taskUpdates[{i}].{rejection.Field}" }]);
            appends.AddRange(completion.Events.Select(e => (u.Task.Id, e)));
        }

        var submitted = new ReportSubmitted(reportId, report.UnitId, report.Period, report.Narrative ?? new Narrative(),
            accepted.Select(a => a.FigureId).ToList(), figures.Select(f => f.Target.Id).ToList(), updates.Select(u => u.Task.Id).ToList(),
            report.Evidence, by, at);
        return (new RecordedReport(submitted, appends, accepted), []);
    }
}
