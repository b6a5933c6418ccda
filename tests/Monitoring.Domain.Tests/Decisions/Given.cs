using System.Globalization;
using Monitoring.Domain.Common;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;
using TargetState = Monitoring.Domain.Targets.Target;
using TaskState = Monitoring.Domain.Tasks.ResolutionTask;

namespace Monitoring.Domain.Tests.Decisions;

/// <summary>The "given" of a decision test: the state the event store would rebuild from a stream, folded the same way.</summary>
internal static class Given
{
    public static TargetState Target(params object[] events) =>
        events.Aggregate((TargetState?)null, TargetState.Evolve)
        ?? throw new InvalidOperationException("A target's stream starts with TargetDefined.");

    /// <summary>A target's stream: its state, and every figure it recorded as the figure records hold them.</summary>
    public static TargetStream Stream(params object[] events) => new(Target(events), FigureFrom.History(events));

    /// <summary>
    /// Approved reports: each figure (reported or revised) followed by the secretariat's approval of it, the way judging
    /// sees the figures it counts. Other events pass through unchanged.
    /// </summary>
    public static object[] Approved(params object[] events)
    {
        var stream = new List<object>();
        foreach (var e in events)
        {
            stream.Add(e);
            if (e is ProgressReported or FigureRevised) stream.Add(Approval(stream, e));
        }
        return [.. stream];
    }

    /// <summary>The secretariat's approval of the figure this event recorded, a minute after it.</summary>
    public static FiguresApproved Approval(IEnumerable<object> stream, object figureEvent)
    {
        var (targetId, figureId, unitId, at) = figureEvent switch
        {
            ProgressReported r => (r.TargetId, r.FigureId, r.UnitId, r.ReportedAt),
            FigureRevised r => (r.TargetId, r.FigureId, r.UnitId, r.RevisedAt),
            _ => throw new ArgumentException("Only a figure is approved.", nameof(figureEvent)),
        };
        var history = FigureFrom.History(stream.Contains(figureEvent) ? stream : stream.Append(figureEvent));
        var period = history.Single(f => f.FigureId == figureId).Period;
        var resolutionId = stream.OfType<TargetDefined>().Select(d => d.ResolutionId).FirstOrDefault();
        return new FiguresApproved(targetId, Submission.IdFor(unitId, resolutionId, period), unitId, period, [figureId], "van-phong-tinh-uy",
            at.AddMinutes(1));
    }

    public static TaskState Task(params object[] events) =>
        events.Aggregate((TaskState?)null, TaskState.Evolve)
        ?? throw new InvalidOperationException("A task's stream starts with TaskDefined.");
}

internal sealed record TargetStream(TargetState Target, IReadOnlyList<Figure> Figures)
{
    public Figure? Figure(Guid id) => Figures.FirstOrDefault(f => f.FigureId == id);
}

/// <summary>The "then" of a decision test.</summary>
internal static class Then
{
    private static readonly string[] NoItems = [];

    /// <summary>
    /// The decision was accepted with exactly these events. Records compare by value, except their list members
    /// (compared by reference), so those are compared element by element.
    /// </summary>
    public static void ShouldProduce(this Decision decision, params object[] expected)
    {
        decision.Rejection.ShouldBeNull();
        decision.IsAccepted.ShouldBeTrue();
        decision.Events.Count.ShouldBe(expected.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var actual = decision.Events[i];
            actual.ShouldBeOfType(expected[i].GetType());
            switch (actual, expected[i])
            {
                case (FigureRevised a, FigureRevised e):
                    (a with { Items = NoItems }).ShouldBe(e with { Items = NoItems });
                    a.Items.ShouldBe(e.Items);
                    break;
                default:
                    actual.ShouldBe(expected[i]);
                    break;
            }
        }
    }

    /// <summary>The decision was refused for this reason and field, explained in both languages, and produced nothing.</summary>
    public static Rejection ShouldBeRejected(this Decision decision, RejectionKind kind, string field)
    {
        decision.IsAccepted.ShouldBeFalse();
        decision.Events.ShouldBeEmpty();
        var rejection = decision.Rejection.ShouldNotBeNull();
        rejection.Kind.ShouldBe(kind);
        rejection.Field.ShouldBe(field);
        rejection.English.ShouldNotBeNullOrWhiteSpace();
        rejection.Vietnamese.ShouldNotBeNullOrWhiteSpace();
        return rejection;
    }
}

/// <summary>Dates and instants written the way the documents and tests read them.</summary>
internal static class On
{
    public static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    public static DateOnly Day(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTimeOffset At(string date, int hour = 9) => new(Day(date).ToDateTime(new TimeOnly(hour, 0)), Vietnam);

    public static ReportingPeriod Period(string text) => ReportingPeriod.Parse(text);
}
