using System.Collections.Immutable;
using Marten;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Notifications;
using Monitoring.Domain.Common;
using Monitoring.Domain.Explanations;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;
using Wolverine;

namespace Monitoring.Api.Explanations;

/// <summary>
/// The record an explanation request concerns, fetched for writing: a target, a task or a unit's submission. Its stream
/// carries the request's events; the version Marten read is checked at commit, so two steps on one request never both pass
/// on the same state (a write that lost the race is run again on fresh state, <see cref="ConflictRetry"/>).
/// </summary>
public sealed class ExplanationSubject
{
    private readonly Action<object> _append;

    private ExplanationSubject(ExplanationSubjectKind kind, Guid id, Guid resolutionId, IReadOnlyList<Guid> assignedUnitIds, string label,
        ImmutableList<ExplanationRequest> requests, long version, Action<object> append)
    {
        Version = version;
        Kind = kind;
        Id = id;
        ResolutionId = resolutionId;
        AssignedUnitIds = assignedUnitIds;
        Label = label;
        Requests = requests;
        _append = append;
    }

    public ExplanationSubjectKind Kind { get; }
    public Guid Id { get; }
    public Guid ResolutionId { get; }
    /// <summary>Who may be asked: the units assigned to the target or task, or the submission's unit.</summary>
    public IReadOnlyList<Guid> AssignedUnitIds { get; }
    /// <summary>The subject as a notification names it: "chỉ tiêu KT-01 (Thu ngân sách …)".</summary>
    public string Label { get; }
    public ImmutableList<ExplanationRequest> Requests { get; }
    /// <summary>The stream's version as read (the request's events go after it).</summary>
    public long Version { get; }

    public void Append(IEnumerable<object> events)
    {
        foreach (var e in events) _append(e);
    }

    public static async Task<ExplanationSubject?> FetchForWritingAsync(IDocumentSession session, ExplanationSubjectKind kind, Guid id, CancellationToken ct)
    {
        switch (kind)
        {
            case ExplanationSubjectKind.Target:
                var target = await session.Events.FetchForWriting<Target>(id, ct);
                return target.Aggregate is { } t
                    ? new ExplanationSubject(kind, id, t.ResolutionId, [.. t.AssignedUnitIds.Distinct()], LabelOf(t), t.Explanations, t.Version, e => target.AppendOne(e))
                    : null;
            case ExplanationSubjectKind.Task:
                var task = await session.Events.FetchForWriting<ResolutionTask>(id, ct);
                return task.Aggregate is { } k
                    ? new ExplanationSubject(kind, id, k.ResolutionId, [.. k.AssignedUnitIds.Distinct()], LabelOf(k), k.Explanations, k.Version, e => task.AppendOne(e))
                    : null;
            default:
                var submission = await session.Events.FetchForWriting<Submission>(id, ct);
                return submission.Aggregate is { } s
                    ? new ExplanationSubject(kind, id, s.ResolutionId, [s.UnitId], $"báo cáo {s.Period.ToVietnamese()}", s.Explanations,
                        s.Version, e => submission.AppendOne(e))
                    : null;
        }
    }

    public static string LabelOf(Target t) => "chỉ tiêu " + (string.IsNullOrWhiteSpace(t.Code) ? t.Statement : $"{t.Code} ({t.Statement})");

    public static string LabelOf(ResolutionTask t) => "nhiệm vụ " + (string.IsNullOrWhiteSpace(t.Code) ? t.Statement : $"{t.Code} ({t.Statement})");

    public static string WhatOf(ExplanationSubjectKind kind) => kind switch
    {
        ExplanationSubjectKind.Target => "Target",
        ExplanationSubjectKind.Task => "Task",
        _ => "Submission",
    };
}

/// <summary>What an explanation write answers: the request's state after it.</summary>
/// <param name="AwaitingUnitIds">The asked units that have not answered the current question.</param>
/// <param name="Version">The subject's stream version after the write.</param>
public sealed record ExplanationRequestWritten(Guid RequestId, ExplanationSubjectKind SubjectKind, Guid SubjectId, ExplanationState State, string StateText,
    DateOnly DueDate, int Round, IReadOnlyList<Guid> UnitIds, IReadOnlyList<Guid> AwaitingUnitIds, long Version)
{
    public static ExplanationRequestWritten Of(ExplanationSubject subject, ExplanationRequest request, long version) =>
        new(request.RequestId, subject.Kind, subject.Id, request.State, ExplanationTexts.Of(request.State), request.DueDate, request.Round,
            request.UnitIds, [.. request.AwaitingUnitIds], version);
}

public static class ExplanationTexts
{
    public static string Of(ExplanationState state) => state switch
    {
        ExplanationState.Open => "chờ giải trình",
        ExplanationState.Answered => "đã giải trình, chờ xem xét",
        ExplanationState.FollowUpAsked => "chờ giải trình thêm",
        ExplanationState.Accepted => "đã chấp nhận giải trình",
        _ => state.ToString(),
    };
}

/// <summary>
/// The asked units are told (<see cref="NotifyUnit"/>, delivered by the notifications module): at once when a request is
/// opened or a follow-up asked, and again at the end of its due day (Vietnam time) if it is still unanswered then. The
/// messages go through Wolverine's outbox, so they are sent only if the step is committed.
/// </summary>
public static class ExplanationNotices
{
    public const string Opened = "ExplanationOpened";
    public const string Overdue = "ExplanationOverdue";

    public static string Link(Guid requestId) => $"/api/explanation-requests/{requestId}";

    /// <summary>The first moment the request is overdue: the start of the day after its due date, in Vietnam.</summary>
    public static DateTimeOffset OverdueAt(DateOnly dueDate) => new(dueDate.AddDays(1).ToDateTime(TimeOnly.MinValue), ProvinceClock.Offset);

    public static async Task SendAsync(IMessageBus bus, ExplanationSubject subject, ExplanationRequest request, string question, bool followUp)
    {
        foreach (var unit in request.UnitIds)
        {
            var round = request.Round == 1 ? "" : $":{request.Round}";
            await bus.PublishAsync(new NotifyUnit($"explanation-opened:{request.RequestId}:{unit}{round}", Opened, unit,
                (followUp ? "Yêu cầu giải trình thêm: " : "Yêu cầu giải trình: ") + subject.Label,
                $"Ban Thường vụ Tỉnh ủy yêu cầu đơn vị {(followUp ? "giải trình thêm" : "giải trình")} về {subject.Label}.\n" +
                $"Nội dung: {question}\nHạn giải trình: {request.DueDate:dd/MM/yyyy}.",
                Link(request.RequestId)));
            await bus.ScheduleAsync(new NotifyUnit($"explanation-overdue:{request.RequestId}:{unit}:{request.Round}", Overdue, unit,
                "Quá hạn giải trình: " + subject.Label,
                $"Đã quá hạn giải trình ngày {request.DueDate:dd/MM/yyyy} về {subject.Label} mà đơn vị chưa giải trình.\nNội dung yêu cầu: {question}",
                Link(request.RequestId)), OverdueAt(request.DueDate));
        }
    }
}
