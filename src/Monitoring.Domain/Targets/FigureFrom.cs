using Monitoring.Domain.Reporting;

namespace Monitoring.Domain.Targets;

/// <summary>How a figure is made from the events that record it: one place for the target's state and the figure records alike.</summary>
public static class FigureFrom
{
    public static Figure Report(ProgressReported e) =>
        new(e.FigureId, e.Period, e.Value, e.Stage, e.AsOf, e.UnitId, e.ReportId, e.Source, e.Note, e.Items, e.ReferenceValue, null, null,
            e.ReportedBy, e.ReportedAt);

    /// <summary>
    /// The new figure a revision makes: about the same period and report as the one it replaces, which the revision names
    /// (revisions recorded before they named them take them from the revised figure; null when neither is known).
    /// </summary>
    public static Figure? Revision(Figure? revised, FigureRevised e) =>
        (e.Period ?? revised?.Period) is not { } period
            ? null
            : new(e.FigureId, period, e.Value, e.Stage, e.AsOf, e.UnitId, e.ReportId ?? revised?.ReportId, e.Source ?? revised?.Source,
                e.Note ?? revised?.Note, e.Items, e.ReferenceValue, e.RevisesFigureId, e.Reason, e.RevisedBy, e.RevisedAt);

    /// <summary>Every figure a target's events recorded, revised ones included and marked: what the figure records hold.</summary>
    public static IReadOnlyList<Figure> History(IEnumerable<object> events)
    {
        var figures = new List<Figure>();
        foreach (var e in events)
            switch (e)
            {
                case ProgressReported reported:
                    figures.Add(Report(reported));
                    break;
                case FigureRevised revision when figures.FindIndex(f => f.FigureId == revision.RevisesFigureId) is var i and >= 0:
                    var revised = figures[i];
                    figures[i] = revised with { RevisedBy = revision.FigureId };
                    figures.Add(Revision(revised, revision)!);
                    break;
                case FiguresApproved approved:
                    Mark(figures, approved.FigureIds, FigureApproval.Approved);
                    break;
                case FiguresReturned returned:
                    Mark(figures, returned.FigureIds, FigureApproval.Returned);
                    break;
            }
        return figures;
    }

    private static void Mark(List<Figure> figures, IReadOnlyList<Guid> ids, FigureApproval approval)
    {
        for (var i = 0; i < figures.Count; i++)
            if (ids.Contains(figures[i].FigureId)) figures[i] = figures[i] with { Approval = approval };
    }
}
