using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Monitoring.Domain.Common;

namespace Monitoring.Domain.Explanations;

/// <summary>What an explanation request (yêu cầu giải trình) is about; its events go on that record's stream.</summary>
[JsonConverter(typeof(NamedEnumConverter<ExplanationSubjectKind>))]
public enum ExplanationSubjectKind { Target, Task, Submission }

/// <summary>
/// Open: waiting for the asked units' explanation; Answered: every asked unit answered the current question, waiting for
/// the committee; FollowUpAsked: the committee asked again, waiting for the answers to the new question; Accepted: closed.
/// </summary>
[JsonConverter(typeof(NamedEnumConverter<ExplanationState>))]
public enum ExplanationState { Open, Answered, FollowUpAsked, Accepted }

// ---- Events: on the stream of the target, task or submission the request concerns ----

/// <param name="UnitIds">The units asked: by default every unit assigned to the target or task, or the submission's unit.</param>
/// <param name="DueDate">The day (Vietnam) by which the units answer.</param>
/// <param name="OnBehalfOfCommittee">The secretariat opened it on the standing committee's behalf.</param>
public sealed record ExplanationRequested(Guid RequestId, ExplanationSubjectKind SubjectKind, Guid SubjectId, Guid ResolutionId,
    IReadOnlyList<Guid> UnitIds, string Question, DateOnly DueDate, string RequestedBy, bool OnBehalfOfCommittee, DateTimeOffset RequestedAt);

/// <summary>An asked unit's explanation (giải trình), with the documents it rests on.</summary>
public sealed record ExplanationGiven(Guid RequestId, Guid UnitId, string Text, IReadOnlyList<string> EvidenceReferences, string GivenBy,
    DateTimeOffset GivenAt);

/// <summary>The committee (or the secretariat on its behalf) accepts the explanation: the request is closed.</summary>
public sealed record ExplanationAccepted(Guid RequestId, string? Comment, string AcceptedBy, DateTimeOffset AcceptedAt);

/// <summary>The explanation did not suffice: a new question with a new due date; the request waits for answers again.</summary>
public sealed record FollowUpAsked(Guid RequestId, string Question, DateOnly DueDate, string AskedBy, DateTimeOffset AskedAt);

/// <summary>
/// What a target, task or submission keeps of one explanation request: enough to decide its next step (the texts are in
/// the request's read model). <see cref="AnsweredUnitIds"/> are the units that answered the current question.
/// </summary>
public sealed record ExplanationRequest(Guid RequestId, ImmutableList<Guid> UnitIds, ExplanationState State, DateOnly DueDate, int Round,
    ImmutableList<Guid> AnsweredUnitIds)
{
    [JsonIgnore] public IEnumerable<Guid> AwaitingUnitIds => State == ExplanationState.Accepted ? [] : UnitIds.Except(AnsweredUnitIds);

    public bool IsAsked(Guid unitId) => UnitIds.Contains(unitId);

    /// <summary>Waiting for an answer (to the first question or a follow-up).</summary>
    [JsonIgnore] public bool AwaitsAnswer => State is ExplanationState.Open or ExplanationState.FollowUpAsked;

    /// <summary>Overdue on <paramref name="today"/> (Vietnam): the current question not answered by every asked unit by its due date.</summary>
    public bool IsOverdueOn(DateOnly today) => AwaitsAnswer && today > DueDate;
}

/// <summary>How an aggregate's explanation requests evolve: each aggregate's Evolve hands these events here.</summary>
public static class ExplanationRequests
{
    public static readonly IReadOnlyList<Type> EventTypes =
        [typeof(ExplanationRequested), typeof(ExplanationGiven), typeof(ExplanationAccepted), typeof(FollowUpAsked)];

    public static ExplanationRequest? Find(this IEnumerable<ExplanationRequest> requests, Guid requestId) =>
        requests.FirstOrDefault(r => r.RequestId == requestId);

    public static ImmutableList<ExplanationRequest> Evolve(ImmutableList<ExplanationRequest> requests, object @event)
    {
        var id = @event switch
        {
            ExplanationRequested e => e.RequestId,
            ExplanationGiven e => e.RequestId,
            ExplanationAccepted e => e.RequestId,
            FollowUpAsked e => e.RequestId,
            _ => Guid.Empty,
        };
        var current = requests.Find(id);
        var next = Evolve(current, @event);
        if (next is null) return requests;
        return current is null ? requests.Add(next) : requests.Replace(current, next);
    }

    public static ExplanationRequest? Evolve(ExplanationRequest? request, object @event) => (request, @event) switch
    {
        (null, ExplanationRequested e) => new ExplanationRequest(e.RequestId, [.. e.UnitIds.Distinct()], ExplanationState.Open, e.DueDate, 1, []),
        (null, _) => null,
        (_, ExplanationGiven e) => Answered(request, e.UnitId),
        (_, ExplanationAccepted) => request with { State = ExplanationState.Accepted },
        (_, FollowUpAsked e) => request with { State = ExplanationState.FollowUpAsked, DueDate = e.DueDate, Round = request.Round + 1, AnsweredUnitIds = [] },
        _ => request,
    };

    private static ExplanationRequest Answered(ExplanationRequest request, Guid unitId)
    {
        var answered = request.AnsweredUnitIds.Contains(unitId) ? request.AnsweredUnitIds : request.AnsweredUnitIds.Add(unitId);
        var all = request.UnitIds.All(answered.Contains);
        return request with
        {
            AnsweredUnitIds = answered,
            State = request.State == ExplanationState.Accepted ? ExplanationState.Accepted : all ? ExplanationState.Answered : request.State,
        };
    }
}

/// <summary>
/// The decisions of an explanation request: the committee (or the secretariat on its behalf) asks, the asked units answer,
/// the committee accepts or asks again. Each takes the request as its record keeps it (null when there is none).
/// </summary>
public static class ExplanationCycle
{
    public const int MaxText = 20_000;

    /// <param name="assigned">The units assigned to the target or task, or the submission's unit: who may be asked.</param>
    /// <param name="asked">The units named by the caller; null or empty: every assigned unit.</param>
    public static Decision Open(Guid requestId, ExplanationSubjectKind kind, Guid subjectId, Guid resolutionId, IReadOnlyList<Guid> assigned,
        IReadOnlyList<Guid>? asked, string question, DateOnly dueDate, DateOnly today, string by, bool onBehalfOfCommittee, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(question))
            return Decision.Reject(RejectionKind.Invalid, "question", "Say what is to be explained.", "Cần nêu nội dung yêu cầu giải trình.");
        if (dueDate < today)
            return Decision.Reject(RejectionKind.Invalid, "dueDate", $"The due date cannot be before today ({today:yyyy-MM-dd}).",
                $"Hạn giải trình không được trước hôm nay ({today:dd/MM/yyyy}).");
        for (var i = 0; i < (asked?.Count ?? 0); i++)
            if (!assigned.Contains(asked![i]))
                return Decision.Reject(RejectionKind.Invalid, $"unitIds[{i}]",
                    $"Unit {asked[i]} is not assigned to this {Noun(kind)}: only an assigned unit is asked to explain.",
                    $"Đơn vị {asked[i]} không được giao {NounVi(kind)} này: chỉ đơn vị được giao mới được yêu cầu giải trình.");
        var units = (asked is { Count: > 0 } ? asked : assigned).Distinct().ToList();
        if (units.Count == 0)
            return Decision.Reject(RejectionKind.Conflict, "unitIds", $"No unit is assigned to this {Noun(kind)} yet: assign one first.",
                $"Chưa có đơn vị được giao {NounVi(kind)} này; cần phân công trước.");
        return Decision.Accept(new ExplanationRequested(requestId, kind, subjectId, resolutionId, units, question.Trim(), dueDate, by,
            onBehalfOfCommittee, at));
    }

    /// <summary>An asked unit answers, as long as the request is not closed; it may add to its answer until then.</summary>
    public static Decision Answer(ExplanationRequest? request, Guid unitId, string text, IReadOnlyList<string> evidenceReferences, string by,
        DateTimeOffset at)
    {
        if (request is null) return NotFound();
        if (!request.IsAsked(unitId))
            return Decision.Reject(RejectionKind.Invalid, "unitId", $"Unit {unitId} was not asked to explain in this request.",
                $"Đơn vị {unitId} không được yêu cầu giải trình trong yêu cầu này.");
        if (request.State == ExplanationState.Accepted) return Closed();
        if (string.IsNullOrWhiteSpace(text))
            return Decision.Reject(RejectionKind.Invalid, "text", "The explanation is empty.", "Nội dung giải trình không được để trống.");
        return Decision.Accept(new ExplanationGiven(request.RequestId, unitId, text.Trim(), evidenceReferences, by, at));
    }

    /// <summary>The committee accepts once at least one asked unit answered the current question.</summary>
    public static Decision Accept(ExplanationRequest? request, string? comment, string by, DateTimeOffset at)
    {
        if (request is null) return NotFound();
        if (request.State == ExplanationState.Accepted) return Closed();
        if (request.AnsweredUnitIds.Count == 0) return NotAnswered("accepted", "chấp nhận");
        return Decision.Accept(new ExplanationAccepted(request.RequestId, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), by, at));
    }

    /// <summary>The committee asks again, after an answer: a new question and due date; the request waits for answers again.</summary>
    public static Decision AskFollowUp(ExplanationRequest? request, string question, DateOnly dueDate, DateOnly today, string by, DateTimeOffset at)
    {
        if (request is null) return NotFound();
        if (request.State == ExplanationState.Accepted) return Closed();
        if (request.AnsweredUnitIds.Count == 0) return NotAnswered("followed up", "hỏi thêm");
        if (string.IsNullOrWhiteSpace(question))
            return Decision.Reject(RejectionKind.Invalid, "question", "Say what is to be explained further.", "Cần nêu nội dung cần giải trình thêm.");
        if (dueDate < today)
            return Decision.Reject(RejectionKind.Invalid, "dueDate", $"The due date cannot be before today ({today:yyyy-MM-dd}).",
                $"Hạn giải trình không được trước hôm nay ({today:dd/MM/yyyy}).");
        return Decision.Accept(new FollowUpAsked(request.RequestId, question.Trim(), dueDate, by, at));
    }

    private static Decision NotFound() =>
        Decision.Reject(RejectionKind.NotFound, "id", "There is no such explanation request.", "Không có yêu cầu giải trình này.");

    private static Decision Closed() =>
        Decision.Reject(RejectionKind.Conflict, "state", "The explanation was accepted: the request is closed.",
            "Nội dung giải trình đã được chấp nhận: yêu cầu đã kết thúc.");

    private static Decision NotAnswered(string en, string vi) =>
        Decision.Reject(RejectionKind.Conflict, "state", $"No asked unit has answered yet: the request cannot be {en} before an answer.",
            $"Chưa có đơn vị nào giải trình: chưa thể {vi} khi chưa có nội dung giải trình.");

    private static string Noun(ExplanationSubjectKind kind) => kind switch
    {
        ExplanationSubjectKind.Target => "target",
        ExplanationSubjectKind.Task => "task",
        _ => "report",
    };

    private static string NounVi(ExplanationSubjectKind kind) => kind switch
    {
        ExplanationSubjectKind.Target => "chỉ tiêu",
        ExplanationSubjectKind.Task => "nhiệm vụ",
        _ => "báo cáo",
    };
}
