using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Monitoring.Domain.Explanations;

namespace Monitoring.Api.Explanations;

public sealed record ExplanationQuestion(int Round, string Question, DateOnly DueDate, string AskedBy, DateTimeOffset AskedAt);

/// <param name="Round">The question it answers: 1 for the first, 2 for the first follow-up...</param>
public sealed record ExplanationAnswer(int Round, Guid UnitId, string Text, IReadOnlyList<string> EvidenceReferences, string GivenBy, DateTimeOffset GivenAt);

public sealed record ExplanationAcceptance(string? Comment, string AcceptedBy, DateTimeOffset AcceptedAt);

/// <summary>
/// One explanation request (yêu cầu giải trình) as the lists read it, kept inline from the events on its subject's stream
/// (a target's, a task's or a submission's). <see cref="Question"/> and <see cref="DueDate"/> are the current question's (the
/// latest follow-up's); <see cref="AwaitingUnitIds"/> the asked units that have not answered it; the state follows the
/// Domain's fold (<see cref="ExplanationRequests"/>), so the list and the decisions agree.
/// </summary>
public sealed record ExplanationRequestView(
    Guid Id, ExplanationSubjectKind SubjectKind, Guid SubjectId, Guid ResolutionId, IReadOnlyList<Guid> UnitIds,
    string Question, DateOnly DueDate, ExplanationState State, int Round, IReadOnlyList<Guid> AnsweredUnitIds, IReadOnlyList<Guid> AwaitingUnitIds,
    IReadOnlyList<ExplanationQuestion> Questions, IReadOnlyList<ExplanationAnswer> Answers, ExplanationAcceptance? Acceptance,
    string RequestedBy, bool OnBehalfOfCommittee, DateTimeOffset RequestedAt, DateTimeOffset LastChangedAt)
{
    /// <summary>Overdue on <paramref name="today"/> (Vietnam): the current question still waits for an answer after its due date.</summary>
    public bool IsOverdueOn(DateOnly today) => State is ExplanationState.Open or ExplanationState.FollowUpAsked && today > DueDate;

    public static Guid? RequestIdOf(object data) => data switch
    {
        ExplanationRequested e => e.RequestId,
        ExplanationGiven e => e.RequestId,
        ExplanationAccepted e => e.RequestId,
        FollowUpAsked e => e.RequestId,
        _ => null,
    };

    private ExplanationRequest Compact => new(Id, [.. UnitIds], State, DueDate, Round, [.. AnsweredUnitIds]);

    private ExplanationRequestView With(ExplanationRequest next, DateTimeOffset at) => this with
    {
        State = next.State,
        DueDate = next.DueDate,
        Round = next.Round,
        AnsweredUnitIds = [.. next.AnsweredUnitIds],
        AwaitingUnitIds = [.. next.AwaitingUnitIds],
        LastChangedAt = at,
    };

    // Not named Evolve: JasperFx's source generator would take a static Evolve on a document for an aggregation of its own.
    public static ExplanationRequestView? Fold(ExplanationRequestView? view, object @event) => (view, @event) switch
    {
        (null, ExplanationRequested e) => new ExplanationRequestView(e.RequestId, e.SubjectKind, e.SubjectId, e.ResolutionId, [.. e.UnitIds.Distinct()],
            e.Question, e.DueDate, ExplanationState.Open, 1, [], [.. e.UnitIds.Distinct()],
            [new ExplanationQuestion(1, e.Question, e.DueDate, e.RequestedBy, e.RequestedAt)], [], null,
            e.RequestedBy, e.OnBehalfOfCommittee, e.RequestedAt, e.RequestedAt),
        (null, _) => null,
        (_, ExplanationGiven e) => view.With(ExplanationRequests.Evolve(view.Compact, e)!, e.GivenAt) with
        {
            Answers = [.. view.Answers, new ExplanationAnswer(view.Round, e.UnitId, e.Text, e.EvidenceReferences, e.GivenBy, e.GivenAt)],
        },
        (_, ExplanationAccepted e) => view.With(ExplanationRequests.Evolve(view.Compact, e)!, e.AcceptedAt) with
        {
            Acceptance = new ExplanationAcceptance(e.Comment, e.AcceptedBy, e.AcceptedAt),
        },
        (_, FollowUpAsked e) => view.With(ExplanationRequests.Evolve(view.Compact, e)!, e.AskedAt) with
        {
            Question = e.Question,
            Questions = [.. view.Questions, new ExplanationQuestion(view.Round + 1, e.Question, e.DueDate, e.AskedBy, e.AskedAt)],
        },
        _ => view,
    };
}

/// <summary>Keeps <see cref="ExplanationRequestView"/>s in the same transaction as the events (inline).</summary>
public sealed partial class ExplanationRequestProjection : EventProjection
{
    public ExplanationRequestProjection() => Name = nameof(ExplanationRequestView);

    public override async ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (ExplanationRequestView.RequestIdOf(e.Data) is not { } id) return;
        var current = e.Data is ExplanationRequested ? null
            : await operations.LoadAsync<ExplanationRequestView>(id, cancellation) ?? await FromStreamAsync(operations, e, id, cancellation);
        if (ExplanationRequestView.Fold(current, e.Data) is { } next) operations.Store(next);
    }
}

public sealed partial class ExplanationRequestProjection
{
    /// <summary>
    /// A rebuild applies a page of events before it writes any view, so the request an answer belongs to may have been
    /// opened in the same page and not be stored yet: it is then folded from its subject's events before this one.
    /// </summary>
    private static async Task<ExplanationRequestView?> FromStreamAsync(IDocumentOperations operations, IEvent e, Guid id, CancellationToken ct)
    {
        if (operations is not IQuerySession session || e.Sequence <= 0) return null;
        var before = (await session.Events.FetchStreamAsync(e.StreamId, token: ct))
            .Where(x => x.Sequence < e.Sequence && ExplanationRequestView.RequestIdOf(x.Data) == id);
        return before.Aggregate((ExplanationRequestView?)null, (view, x) => ExplanationRequestView.Fold(view, x.Data));
    }
}

/// <summary>Requests as recorded by a moment: folded from the events on their subjects' streams up to it ("as known then").</summary>
public static class ExplanationHistory
{
    public static async Task<IReadOnlyList<ExplanationRequestView>> OfResolutionAsync(IQuerySession session, Guid resolutionId, DateTimeOffset? knownAt,
        CancellationToken ct)
    {
        var current = await session.Query<ExplanationRequestView>().Where(v => v.ResolutionId == resolutionId).ToListAsync(ct);
        return knownAt is { } until ? await AsKnownAtAsync(session, current, until, ct) : current;
    }

    /// <summary>These requests as the events recorded by <paramref name="until"/> made them (those not yet opened then are left out).</summary>
    public static async Task<IReadOnlyList<ExplanationRequestView>> AsKnownAtAsync(IQuerySession session, IReadOnlyList<ExplanationRequestView> current,
        DateTimeOffset until, CancellationToken ct)
    {
        if (current.Count == 0) return current;
        var wanted = current.Select(v => v.Id).ToHashSet();
        var subjects = current.Select(v => v.SubjectId).Distinct().ToArray();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(subjects) && e.Timestamp <= until)
            .OrderBy(e => e.Sequence).ToListAsync(ct);
        var views = new Dictionary<Guid, ExplanationRequestView>();
        foreach (var e in events)
            if (ExplanationRequestView.RequestIdOf(e.Data) is { } id &&
                ExplanationRequestView.Fold(views.GetValueOrDefault(id), e.Data) is { } next)
                views[id] = next;
        return views.Values.Where(v => wanted.Contains(v.Id)).OrderBy(v => v.RequestedAt).ToList();
    }
}
