using Monitoring.Domain.Common;
using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Reporting;

/// <summary>What a report says about one figure, with what the target it belongs to allows.</summary>
public sealed record FigureFacts(TargetShape Shape, string UnitOfMeasure, ResolutionSpan Span, decimal? Value, decimal? ReferenceValue, DateOnly? AsOf);

/// <summary>What a report says about one task, with the span of the task's resolution.</summary>
public sealed record TaskUpdateFacts(ResolutionSpan Span, DateOnly? CompletedOn);

/// <summary>
/// The plausibility of a whole report, the same for a submission and for an imported document: each figure's value as
/// its unit of measure allows, a period that belongs to the resolutions it reports on, and dates that have happened.
/// Fields are named as the report names them (<c>figures[2].value</c>).
/// </summary>
public static class ReportPlausibility
{
    public static IReadOnlyList<Rejection> Check(ReportingPeriod period, IReadOnlyList<FigureFacts> figures, IReadOnlyList<TaskUpdateFacts> updates,
        DateOnly today)
    {
        var problems = new List<Rejection>();
        void Add(Rejection? rejection)
        {
            if (rejection is not null) problems.Add(rejection);
        }

        foreach (var span in figures.Select(f => f.Span).Concat(updates.Select(u => u.Span)).Distinct())
            Add(Plausibility.Period(period, span, "period"));
        for (var i = 0; i < figures.Count; i++)
        {
            var f = figures[i];
            Add(Plausibility.Value(f.Shape, f.UnitOfMeasure, f.Value, $"figures[{i}].value"));
            Add(Plausibility.Value(f.Shape, f.UnitOfMeasure, f.ReferenceValue, $"figures[{i}].referenceValue"));
            if (f.AsOf is { } asOf) Add(Plausibility.PastDate(asOf, today, f.Span, $"figures[{i}].asOf"));
        }
        for (var i = 0; i < updates.Count; i++)
            if (updates[i].CompletedOn is { } completedOn) Add(Plausibility.PastDate(completedOn, today, updates[i].Span, $"taskUpdates[{i}].completedOn"));
        return problems;
    }
}
