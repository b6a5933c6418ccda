using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Monitoring.Domain.Common;
using Monitoring.Domain.Explanations;

namespace Monitoring.Domain.Reporting;

[JsonConverter(typeof(NamedEnumConverter<SubmissionState>))]
public enum SubmissionState { NotStarted, Draft, Submitted, Approved, Returned }

/// <summary>A figure as a unit drafts it, before it is submitted: nothing is recorded on the target yet.</summary>
public sealed record DraftFigure(Guid TargetId, decimal? Value, Targets.FigureStage Stage, DateOnly? AsOf = null, string? Source = null,
    string? Note = null, IReadOnlyList<string>? Items = null, decimal? ReferenceValue = null) : IFigureInput;

public sealed record DraftTaskUpdate(Guid TaskId, int PercentDone, bool Completed = false, DateOnly? CompletedOn = null, string? Note = null)
    : ITaskUpdateInput;

/// <summary>What a draft holds; saving a draft replaces the previous one whole.</summary>
public sealed record DraftContent(IReadOnlyList<DraftFigure> Figures, IReadOnlyList<DraftTaskUpdate> TaskUpdates, Narrative? Narrative,
    IReadOnlyList<string> EvidenceReferences);

public sealed record FigureRef(Guid TargetId, Guid FigureId);

/// <summary>The secretariat's remark on one figure or task of a returned submission.</summary>
public sealed record ReturnComment(Guid? TargetId, Guid? TaskId, Guid? FigureId, string Text);

// ---- Events of a submission's stream: one stream per unit, resolution and period ----

public sealed record SubmissionDraftSaved(Guid SubmissionId, Guid UnitId, Guid ResolutionId, ReportingPeriod Period, DraftContent Content,
    string SavedBy, DateTimeOffset SavedAt);

/// <summary>A report was submitted for approval; its figures are on the targets' streams, its narrative on the report's.</summary>
public sealed record SubmissionSubmitted(Guid SubmissionId, Guid UnitId, Guid ResolutionId, ReportingPeriod Period, Guid ReportId,
    IReadOnlyList<FigureRef> Figures, IReadOnlyList<Guid> TaskIds, string SubmittedBy, DateTimeOffset SubmittedAt, bool Imported = false);

public sealed record SubmissionApproved(Guid SubmissionId, Guid UnitId, Guid ResolutionId, ReportingPeriod Period, IReadOnlyList<FigureRef> Figures,
    string? Comment, string ApprovedBy, DateTimeOffset ApprovedAt);

public sealed record SubmissionReturned(Guid SubmissionId, Guid UnitId, Guid ResolutionId, ReportingPeriod Period, IReadOnlyList<FigureRef> Figures,
    string Reason, IReadOnlyList<ReturnComment> Comments, string ReturnedBy, DateTimeOffset ReturnedAt);

public sealed record LockExceptionGranted(Guid SubmissionId, Guid UnitId, Guid ResolutionId, ReportingPeriod Period, string Reason,
    DateTimeOffset ExpiresAt, string GrantedBy, DateTimeOffset GrantedAt);

/// <summary>A figure of an approved submission was revised under a lock exception: the submission waits for approval again.</summary>
public sealed record SubmissionReopened(Guid SubmissionId, Guid UnitId, Guid ResolutionId, ReportingPeriod Period, FigureRef Revision, string Reason,
    string ReopenedBy, DateTimeOffset ReopenedAt);

public sealed record LockException(string Reason, DateTimeOffset ExpiresAt, string GrantedBy, DateTimeOffset GrantedAt)
{
    public bool IsActiveAt(DateTimeOffset now) => now < ExpiresAt;
}

public sealed record SubmissionStep(SubmissionState State, string By, DateTimeOffset At, string? Reason, IReadOnlyList<ReturnComment> Comments);

public sealed record Submission
{
    public Guid Id { get; init; }
    public int Version { get; init; }
    public Guid UnitId { get; init; }
    public Guid ResolutionId { get; init; }
    public ReportingPeriod Period { get; init; } = ReportingPeriod.Year(2000);
    public SubmissionState State { get; init; }
    public DraftContent? Draft { get; init; }
    /// <summary>Figures submitted and not yet approved or returned: what the next approval approves.</summary>
    public ImmutableList<FigureRef> Pending { get; init; } = [];
    public ImmutableList<Guid> ReportIds { get; init; } = [];
    public ImmutableList<Guid> TaskIds { get; init; } = [];
    public DateTimeOffset? FirstSubmittedAt { get; init; }
    public DateTimeOffset? LastSubmittedAt { get; init; }
    public DateTimeOffset? ApprovedAt { get; init; }
    public bool Imported { get; init; }
    public LockException? Exception { get; init; }
    public ImmutableList<SubmissionStep> Steps { get; init; } = [];
    /// <summary>The explanation requests on this submission (their state only; the texts are in the requests' read model).</summary>
    public ImmutableList<ExplanationRequest> Explanations { get; init; } = [];

    /// <summary>The one stream of a unit's submission for a resolution and period: a name-based id, so every writer finds the same one.</summary>
    public static Guid IdFor(Guid unitId, Guid resolutionId, ReportingPeriod period)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"submission:{unitId:N}:{resolutionId:N}:{period}"));
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8 (custom, name-based)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes, bigEndian: true);
    }

    public bool IsLockedAt(DateTimeOffset now) => State == SubmissionState.Approved && Exception?.IsActiveAt(now) != true;

    private static Submission Start(Guid id, Guid unitId, Guid resolutionId, ReportingPeriod period) =>
        new() { Id = id, UnitId = unitId, ResolutionId = resolutionId, Period = period };

    private Submission Step(SubmissionState state, string by, DateTimeOffset at, string? reason = null, IReadOnlyList<ReturnComment>? comments = null) =>
        this with { State = state, Steps = Steps.Add(new SubmissionStep(state, by, at, reason, comments ?? [])) };

    private Submission With(SubmissionDraftSaved e) => Step(SubmissionState.Draft, e.SavedBy, e.SavedAt) with { Draft = e.Content };

    private Submission With(SubmissionSubmitted e) => Step(SubmissionState.Submitted, e.SubmittedBy, e.SubmittedAt) with
    {
        Draft = null,
        Pending = Pending.AddRange(e.Figures),
        ReportIds = ReportIds.Add(e.ReportId),
        TaskIds = [.. TaskIds.Union(e.TaskIds)],
        FirstSubmittedAt = FirstSubmittedAt ?? e.SubmittedAt,
        LastSubmittedAt = e.SubmittedAt,
        Imported = Imported || e.Imported,
    };

    // A lock exception is a window the secretariat opened: re-approval does not close it, its expiry does.
    private Submission With(SubmissionApproved e) =>
        Step(SubmissionState.Approved, e.ApprovedBy, e.ApprovedAt, e.Comment) with { Pending = [], ApprovedAt = e.ApprovedAt };

    private Submission With(SubmissionReturned e) => Step(SubmissionState.Returned, e.ReturnedBy, e.ReturnedAt, e.Reason, e.Comments) with { Pending = [] };

    private Submission With(LockExceptionGranted e) => this with { Exception = new LockException(e.Reason, e.ExpiresAt, e.GrantedBy, e.GrantedAt) };

    private Submission With(SubmissionReopened e) => Step(SubmissionState.Submitted, e.ReopenedBy, e.ReopenedAt, e.Reason) with { Pending = Pending.Add(e.Revision) };

    public static readonly IReadOnlyList<Type> EventTypes =
        [typeof(SubmissionDraftSaved), typeof(SubmissionSubmitted), typeof(SubmissionApproved), typeof(SubmissionReturned),
        typeof(LockExceptionGranted), typeof(SubmissionReopened), .. ExplanationRequests.EventTypes];

    /// <summary>The one place a submission evolves; Marten's projection, as-of reads and the decision tests all run it.</summary>
    public static Submission? Evolve(Submission? state, object @event) => (state, @event) switch
    {
        (null, SubmissionDraftSaved e) => Start(e.SubmissionId, e.UnitId, e.ResolutionId, e.Period).With(e),
        (null, SubmissionSubmitted e) => Start(e.SubmissionId, e.UnitId, e.ResolutionId, e.Period).With(e),
        (null, _) => null,
        (_, SubmissionDraftSaved e) => state.With(e),
        (_, SubmissionSubmitted e) => state.With(e),
        (_, SubmissionApproved e) => state.With(e),
        (_, SubmissionReturned e) => state.With(e),
        (_, LockExceptionGranted e) => state.With(e),
        (_, SubmissionReopened e) => state.With(e),
        (_, ExplanationRequested or ExplanationGiven or ExplanationAccepted or FollowUpAsked) =>
            state with { Explanations = ExplanationRequests.Evolve(state.Explanations, @event) },
        _ => state,
    };
}

/// <summary>The decisions of the reporting cycle: each takes the submission as it stands (null before its first step) and builds events.</summary>
public static class SubmissionCycle
{
    private static Rejection Locked(Submission s) => new(RejectionKind.Conflict, "period",
        $"The {s.Period} report of this unit was approved and is locked; ask the secretariat for a lock exception.",
        $"Báo cáo {s.Period.ToVietnamese()} của đơn vị đã được phê duyệt và bị khoá; cần Văn phòng cho phép mở khoá.");

    public static Decision SaveDraft(Submission? current, Guid unitId, Guid resolutionId, ReportingPeriod period, DraftContent content, string by,
        DateTimeOffset at)
    {
        if (current?.State == SubmissionState.Submitted)
            return Decision.Reject(RejectionKind.Conflict, "period", "The report waits for approval; it cannot be edited as a draft now.",
                "Báo cáo đang chờ phê duyệt, không thể sửa bản nháp lúc này.");
        if (current is not null && current.IsLockedAt(at)) return Decision.Reject(Locked(current));
        // Under a lock exception the approved figures are revised one by one (or a report submitted directly), never
        // drafted again: a draft would leave the approved state, and with it the lock, behind for good.
        if (current?.State == SubmissionState.Approved)
            return Decision.Reject(RejectionKind.Conflict, "period",
                $"The {current.Period} report of this unit was approved; under the lock exception revise its figures or submit directly.",
                $"Báo cáo {current.Period.ToVietnamese()} của đơn vị đã được phê duyệt; trong thời hạn mở khoá hãy điều chỉnh số liệu hoặc nộp trực tiếp.");
        return Decision.Accept(new SubmissionDraftSaved(Submission.IdFor(unitId, resolutionId, period), unitId, resolutionId, period, content, by, at));
    }

    /// <summary>Submitting a report (from a draft or directly): refused while the period is locked, accepted in any other state.</summary>
    public static Decision Submit(Submission? current, Guid unitId, Guid resolutionId, ReportingPeriod period, Guid reportId,
        IReadOnlyList<FigureRef> figures, IReadOnlyList<Guid> taskIds, string by, DateTimeOffset at, bool imported = false)
    {
        if (current is not null && current.IsLockedAt(at)) return Decision.Reject(Locked(current));
        return Decision.Accept(new SubmissionSubmitted(Submission.IdFor(unitId, resolutionId, period), unitId, resolutionId, period, reportId,
            figures, taskIds, by, at, imported));
    }

    /// <summary>Submitting the saved draft: there must be one; its figures are recorded by the caller and named here.</summary>
    public static Decision SubmitDraft(Submission? current, Guid reportId, IReadOnlyList<FigureRef> figures, IReadOnlyList<Guid> taskIds, string by,
        DateTimeOffset at)
    {
        if (current?.State != SubmissionState.Draft || current.Draft is null)
            return current is null
                ? Decision.Reject(RejectionKind.NotFound, "id", "This unit has no draft for this resolution and period.",
                    "Đơn vị chưa có bản nháp báo cáo cho nghị quyết và kỳ này.")
                : Decision.Reject(RejectionKind.Conflict, "state", $"Only a draft can be submitted; this report is {current.State}.",
                    $"Chỉ bản nháp mới nộp được; báo cáo này đang ở trạng thái {current.State}.");
        return Submit(current, current.UnitId, current.ResolutionId, current.Period, reportId, figures, taskIds, by, at);
    }

    public static Decision Approve(Submission? current, string? comment, string by, DateTimeOffset at)
    {
        if (current?.State != SubmissionState.Submitted) return NotWaiting(current, "approved", "phê duyệt");
        return Decision.Accept(new SubmissionApproved(current.Id, current.UnitId, current.ResolutionId, current.Period, current.Pending, comment, by, at));
    }

    public static Decision Return(Submission? current, string reason, IReadOnlyList<ReturnComment> comments, string by, DateTimeOffset at)
    {
        if (current?.State != SubmissionState.Submitted) return NotWaiting(current, "returned", "trả lại");
        if (string.IsNullOrWhiteSpace(reason))
            return Decision.Reject(RejectionKind.Invalid, "reason", "Returning a report needs a reason.", "Trả lại báo cáo phải nêu lý do.");
        var unknown = comments.Select((c, i) => (c, i)).FirstOrDefault(x =>
            x.c.FigureId is { } f && !current.Pending.Any(p => p.FigureId == f) ||
            x.c.TargetId is { } t && !current.Pending.Any(p => p.TargetId == t) ||
            x.c.TaskId is { } k && !current.TaskIds.Contains(k));
        if (unknown.c is not null)
            return Decision.Reject(RejectionKind.Invalid, $"comments[{unknown.i}]", "The comment names a figure, target or task this submission does not hold.",
                "Ý kiến nêu số liệu, chỉ tiêu hoặc nhiệm vụ không có trong báo cáo này.");
        return Decision.Accept(new SubmissionReturned(current.Id, current.UnitId, current.ResolutionId, current.Period, current.Pending, reason,
            comments, by, at));
    }

    public static Decision GrantLockException(Submission? current, string reason, DateTimeOffset expiresAt, string by, DateTimeOffset at)
    {
        if (current?.State != SubmissionState.Approved)
            return Decision.Reject(RejectionKind.Conflict, "period", "Only an approved (locked) report can be given a lock exception.",
                "Chỉ báo cáo đã phê duyệt (đã khoá) mới cần cho phép mở khoá.");
        if (string.IsNullOrWhiteSpace(reason))
            return Decision.Reject(RejectionKind.Invalid, "reason", "A lock exception needs a reason.", "Cho phép mở khoá phải nêu lý do.");
        if (expiresAt <= at)
            return Decision.Reject(RejectionKind.Invalid, "expiresAt", "The exception must expire in the future.", "Thời hạn mở khoá phải ở tương lai.");
        return Decision.Accept(new LockExceptionGranted(current.Id, current.UnitId, current.ResolutionId, current.Period, reason, expiresAt, by, at));
    }

    /// <summary>
    /// Revising a figure of this unit and period: refused while the approved report is locked; under an active exception
    /// the revision sends the report back to "submitted"; otherwise (draft, submitted, returned) nothing else happens.
    /// </summary>
    public static Decision Revise(Submission? current, FigureRef revision, string reason, string by, DateTimeOffset at)
    {
        if (current is null || current.State != SubmissionState.Approved) return Decision.Accept();
        if (current.IsLockedAt(at))
            return Decision.Reject(RejectionKind.Conflict, "figureId",
                current.Exception is { } expired
                    ? $"The {current.Period} report of this unit is approved and its lock exception expired on {expired.ExpiresAt:yyyy-MM-dd HH:mm} UTC."
                    : $"The {current.Period} report of this unit was approved and is locked; ask the secretariat for a lock exception.",
                current.Exception is { } old
                    ? $"Báo cáo {current.Period.ToVietnamese()} của đơn vị đã được phê duyệt; thời hạn mở khoá đã hết lúc {VietnamTime.Of(old.ExpiresAt):HH:mm dd/MM/yyyy}."
                    : $"Báo cáo {current.Period.ToVietnamese()} của đơn vị đã được phê duyệt và bị khoá; cần Văn phòng cho phép mở khoá.");
        return Decision.Accept(new SubmissionReopened(current.Id, current.UnitId, current.ResolutionId, current.Period, revision, reason, by, at));
    }

    private static Decision NotWaiting(Submission? current, string en, string vi) => current is null
        ? Decision.Reject(RejectionKind.NotFound, "period", "This unit has no report for this resolution and period.",
            "Đơn vị chưa có báo cáo cho nghị quyết và kỳ này.")
        : Decision.Reject(RejectionKind.Conflict, "state", $"Only a submitted report can be {en}; this one is {current.State}.",
            $"Chỉ báo cáo đã nộp mới được {vi}; báo cáo này đang ở trạng thái {current.State}.");
}
