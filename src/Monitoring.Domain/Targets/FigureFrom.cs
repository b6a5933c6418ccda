namespace Monitoring.Domain.Targets;

/// <summary>How a figure is made from the events that record it: one place for the target's state and the figure records alike.</summary>
public static class FigureFrom
{
    public static Figure Report(ProgressReported e) =>
        new(e.FigureId, e.Period, e.Value, e.Stage, e.AsOf, e.UnitId, e.ReportId, e.Source, e.Note, e.Items, e.ReferenceValue, null, null,
            e.ReportedBy, e.ReportedAt);

    /// <summary>The new figure a revision makes: about the same period and report as the one it replaces.</summary>
    public static Figure Revision(Figure revised, FigureRevised e) =>
        new(e.FigureId, revised.Period, e.Value, e.Stage, e.AsOf, e.UnitId, revised.ReportId, e.Source ?? revised.Source, revised.Note, e.Items,
            e.ReferenceValue, e.RevisesFigureId, e.Reason, e.RevisedBy, e.RevisedAt);
}
