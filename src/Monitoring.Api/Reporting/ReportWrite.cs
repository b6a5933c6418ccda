using Marten;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Resolutions;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;
using Monitoring.Domain.Units;

namespace Monitoring.Api.Reporting;

/// <summary>What a report carries for one resolution: the submission of that unit, resolution and period names these.</summary>
public sealed record ResolutionPart(Guid ResolutionId, IReadOnlyList<FigureRef> Figures, IReadOnlyList<Guid> TaskIds);

/// <summary>
/// A report checked and recorded, not yet appended: the figure and task events per stream, the report's own stream, and
/// the report's figures and tasks grouped by resolution (one submission each). Shared by <c>POST /api/reports</c> and
/// submitting a saved draft, so both make exactly the same checks and the same events.
/// </summary>
public sealed class ReportWrite
{
    private readonly Dictionary<Guid, Action<object>> _streams;

    private ReportWrite(RecordedReport recorded, Dictionary<Guid, Action<object>> streams, IReadOnlyList<ResolutionPart> parts)
    {
        Recorded = recorded;
        _streams = streams;
        Parts = parts;
    }

    public RecordedReport Recorded { get; }
    public IReadOnlyList<ResolutionPart> Parts { get; set; }

    /// <summary>Appends the figures, task updates and the report's stream to the session (nothing is committed here).</summary>
    public void Append(IDocumentSession session)
    {
        foreach (var (streamId, @event) in Recorded.Appends) _streams[streamId](@event);
        session.Events.StartStream<ProgressReport>(Recorded.ReportId, Recorded.Submitted);
    }

    /// <summary>
    /// Loads every target and task the report touches (one round trip), checks that they exist, that the caller may report
    /// on them and the versions pinned, then records the report. Either the write or the problem to answer; nothing appended.
    /// </summary>
    /// <param name="checkUnit">Whether the report's unit must be looked up too (in the same round trip): a 404 when it does not exist.</param>
    public static async Task<(ReportWrite? Write, IResult? Problem)> PrepareAsync(IDocumentSession session, Caller caller, ReportContent content,
        IReadOnlyList<FigureInput> figures, IReadOnlyList<TaskUpdateInput> updates, TimeProvider clock, CancellationToken ct, bool checkUnit = false)
    {
        var batch = session.CreateBatchQuery();
        var unit = checkUnit ? batch.Load<Unit>(content.UnitId) : null;
        var targetStreams = figures.Select(f => batch.Events.FetchForWriting<Target>(f.TargetId)).ToList();
        var taskStreams = updates.Select(u => batch.Events.FetchForWriting<ResolutionTask>(u.TaskId)).ToList();
        if (checkUnit || figures.Count + updates.Count > 0) await batch.Execute(ct);
        if (unit is not null && await unit is null) return (null, Problems.NotFound("Unit", content.UnitId));

        var toRecord = new List<(Target, FigureInput)>();
        var streams = new Dictionary<Guid, Action<object>>();
        for (var i = 0; i < figures.Count; i++)
        {
            var f = figures[i];
            var stream = await targetStreams[i];
            if (stream.Aggregate is null) return (null, Problems.NotFound("Target", f.TargetId));
            if (!caller.MayActFor(stream.Aggregate.IsAssignedTo)) return (null, Problems.NotYourUnit("Target", f.TargetId));
            if (f.ExpectedVersion is { } expected && expected != stream.CurrentVersion)
                return (null, Problems.Conflict(Localized.Text($"figures[{i}]: target {f.TargetId} is at version {stream.CurrentVersion}, not {expected}.",
                    $"figures[{i}]: chỉ tiêu đang ở phiên bản {stream.CurrentVersion}, không phải {expected}.")));
            toRecord.Add((stream.Aggregate, f));
            streams[f.TargetId] = stream.AppendOne;
        }

        var tasksToRecord = new List<(ResolutionTask, TaskUpdateInput)>();
        for (var i = 0; i < updates.Count; i++)
        {
            var u = updates[i];
            var stream = await taskStreams[i];
            if (stream.Aggregate is null) return (null, Problems.NotFound("Task", u.TaskId));
            if (!caller.MayActFor(stream.Aggregate.IsAssignedTo)) return (null, Problems.NotYourUnit("Task", u.TaskId));
            if (u.ExpectedVersion is { } expected && expected != stream.CurrentVersion)
                return (null, Problems.Conflict(Localized.Text($"taskUpdates[{i}]: task {u.TaskId} is at version {stream.CurrentVersion}, not {expected}.",
                    $"taskUpdates[{i}]: nhiệm vụ đang ở phiên bản {stream.CurrentVersion}, không phải {expected}.")));
            tasksToRecord.Add((stream.Aggregate, u));
            streams[u.TaskId] = stream.AppendOne;
        }

        var spans = await ResolutionSpans.ForAsync(session, toRecord.Select(x => x.Item1.ResolutionId).Concat(tasksToRecord.Select(x => x.Item1.ResolutionId)), ct);
        var (recorded, rejections) = ReportRecording.Record(content,
            toRecord.Select(x => new ReportedFigure(x.Item1, spans[x.Item1.ResolutionId], x.Item2.Value, x.Item2.Stage, x.Item2.AsOf, x.Item2.Source,
                x.Item2.Note, x.Item2.Items, x.Item2.ReferenceValue)).ToList(),
            tasksToRecord.Select(x => new ReportedTaskUpdate(x.Item1, spans[x.Item1.ResolutionId], x.Item2.PercentDone, x.Item2.Completed,
                x.Item2.CompletedOn, x.Item2.Note)).ToList(),
            caller.UserName, clock.GetUtcNow(), clock.Today());
        if (rejections.ToResult() is { } refused) return (null, refused);

        var resolutionOfTarget = toRecord.ToDictionary(x => x.Item1.Id, x => x.Item1.ResolutionId);
        var parts = recorded!.Figures.Select(f => (Resolution: resolutionOfTarget[f.TargetId], Figure: (Guid?)f.TargetId, FigureId: f.FigureId, Task: (Guid?)null))
            .Concat(tasksToRecord.Select(x => (Resolution: x.Item1.ResolutionId, Figure: (Guid?)null, FigureId: Guid.Empty, Task: (Guid?)x.Item1.Id)))
            .GroupBy(x => x.Resolution)
            .Select(g => new ResolutionPart(g.Key,
                g.Where(x => x.Figure is not null).Select(x => new FigureRef(x.Figure!.Value, x.FigureId)).ToList(),
                g.Where(x => x.Task is not null).Select(x => x.Task!.Value).ToList()))
            .ToList();
        return (new ReportWrite(recorded, streams, parts), null);
    }
}
