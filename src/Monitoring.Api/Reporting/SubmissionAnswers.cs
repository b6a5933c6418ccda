using Marten;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Targets;
using Monitoring.Domain.Reporting;

namespace Monitoring.Api.Reporting;

/// <summary>What a step of the reporting cycle answers: the submission, the state it is in now and its stream's version.</summary>
public sealed record SubmissionWritten(Guid SubmissionId, SubmissionState State, long Version);

/// <summary>A submission as the unit, the secretariat and the committee read it.</summary>
public sealed record SubmissionView(
    Guid Id, long Version, Guid UnitId, Guid ResolutionId, string Period, SubmissionState State,
    bool Locked, LockException? LockException, DraftContent? Draft, IReadOnlyList<FigureRef> Pending, IReadOnlyList<Guid> ReportIds,
    IReadOnlyList<Guid> TaskIds, DateTimeOffset? FirstSubmittedAt, DateTimeOffset? LastSubmittedAt, DateTimeOffset? ApprovedAt, bool Imported,
    IReadOnlyList<SubmissionStep> Steps)
{
    public static SubmissionView From(Submission s, DateTimeOffset now) => new(s.Id, s.Version, s.UnitId, s.ResolutionId, s.Period.ToString(), s.State,
        s.IsLockedAt(now), s.Exception, s.Draft, s.Pending, s.ReportIds, s.TaskIds, s.FirstSubmittedAt, s.LastSubmittedAt, s.ApprovedAt, s.Imported,
        s.Steps);
}

public static class SubmissionAnswers
{
    /// <summary>The events of a step on the submission's stream, answered with the state after them; or the rejection, nothing appended.</summary>
    public static (IResult, Wolverine.Marten.Events) Answer(Submission submission, IReadOnlyList<object> events, HttpContext context)
    {
        var after = events.Aggregate((Submission?)submission, Submission.Evolve)!;
        var version = submission.Version + events.Count;
        ExpectedVersion.WriteETag(context, version);
        return (Results.Ok(new SubmissionWritten(submission.Id, after.State, version)), [.. events]);
    }
}

/// <summary>
/// The figures a step approves or returns, per target stream: those the submission holds and, where a unit revised one
/// while it waited, every revision after it (the latest is the one that counts once approved).
/// </summary>
public static class SubmissionFigures
{
    public static async Task<IReadOnlyList<(Guid TargetId, IReadOnlyList<Guid> FigureIds)>> PerTargetAsync(IQuerySession session,
        IReadOnlyList<FigureRef> figures, CancellationToken ct)
    {
        var targetOf = new Dictionary<Guid, Guid>();
        foreach (var f in figures) targetOf.TryAdd(f.FigureId, f.TargetId);
        var next = targetOf.Keys.ToArray();
        while (next.Length > 0)
        {
            var records = await session.LoadManyAsync<FigureRecord>(ct, next);
            next = records.Where(r => r.Figure.RevisedBy is { } by && targetOf.TryAdd(by, r.TargetId)).Select(r => r.Figure.RevisedBy!.Value).ToArray();
        }
        return targetOf.GroupBy(x => x.Value).Select(g => (g.Key, (IReadOnlyList<Guid>)g.Select(x => x.Key).ToList())).ToList();
    }
}
