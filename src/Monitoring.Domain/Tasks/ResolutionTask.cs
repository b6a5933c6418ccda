using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Monitoring.Domain.Common;
using Monitoring.Domain.Explanations;
using Monitoring.Domain.Reporting;

namespace Monitoring.Domain.Tasks;

// ---- Events of a task's stream ----

public sealed record TaskDefined(Guid TaskId, Guid ResolutionId, string? Code, string Group, string Statement,
    Guid? LeadUnitId, IReadOnlyList<Guid> CooperatingUnitIds, DateOnly? Deadline, string DefinedBy, DateTimeOffset DefinedAt,
    DateOnly? EffectiveOn = null);

/// <param name="EffectiveOn">The day the assignment took effect (an imported resolution's: its issue date); by default the day it was recorded, Vietnam time.</param>
public sealed record TaskAssigned(Guid TaskId, Guid LeadUnitId, IReadOnlyList<Guid> CooperatingUnitIds, string AssignedBy, DateTimeOffset AssignedAt,
    DateOnly? EffectiveOn = null);

public sealed record TaskProgressReported(Guid TaskId, Guid ReportId, Guid UnitId, ReportingPeriod Period, int PercentDone,
    string? Note, string ReportedBy, DateTimeOffset ReportedAt);

public sealed record TaskCompleted(Guid TaskId, DateOnly CompletedOn, string? Note, Guid? UnitId, string CompletedBy, DateTimeOffset RecordedAt);

public sealed record TaskSuspended(Guid TaskId, string Reason, string SuspendedBy, DateTimeOffset SuspendedAt);

public sealed record TaskReopened(Guid TaskId, string Reason, string ReopenedBy, DateTimeOffset ReopenedAt);

public sealed record TaskDeadlineExtended(Guid TaskId, DateOnly NewDeadline, DateOnly? PreviousDeadline, string Reason,
    string? DecisionNumber, string ExtendedBy, DateTimeOffset ExtendedAt);

// ---- Status ----

[JsonConverter(typeof(Monitoring.Domain.Common.NamedEnumConverter<TaskProgressStatus>))]
public enum TaskProgressStatus { NotStarted, InProgress, DoneOnTime, DoneLate, Overdue, Suspended }

public static class TaskProgressStatusText
{
    public static string ToVietnamese(this TaskProgressStatus status) => status switch
    {
        TaskProgressStatus.NotStarted => "chưa triển khai",
        TaskProgressStatus.InProgress => "đang thực hiện",
        TaskProgressStatus.DoneOnTime => "hoàn thành đúng hạn",
        TaskProgressStatus.DoneLate => "hoàn thành trễ hạn",
        TaskProgressStatus.Overdue => "quá hạn",
        TaskProgressStatus.Suspended => "tạm dừng",
        _ => status.ToString(),
    };
}

public sealed record TaskUpdate(Guid? ReportId, Guid? UnitId, ReportingPeriod? Period, int PercentDone, string? Note, string By, DateTimeOffset At);

// ---- The aggregate ----

public sealed record ResolutionTask
{
    public Guid Id { get; init; }
    public int Version { get; init; }
    public Guid ResolutionId { get; init; }
    public string? Code { get; init; }
    public string Group { get; init; } = "";
    public string Statement { get; init; } = "";
    public Guid? LeadUnitId { get; init; }
    public ImmutableList<Guid> CooperatingUnitIds { get; init; } = [];
    public ImmutableList<Targets.UnitAssignment> Assignments { get; init; } = [];
    public DateOnly? Deadline { get; init; }
    public DateOnly? OriginalDeadline { get; init; }
    public int PercentDone { get; init; }
    public DateOnly? CompletedOn { get; init; }
    public bool IsSuspended { get; init; }
    public ImmutableList<TaskUpdate> Updates { get; init; } = [];
    public DateTimeOffset DefinedAt { get; init; }
    /// <summary>The explanation requests on this task (their state only; the texts are in the requests' read model).</summary>
    public ImmutableList<ExplanationRequest> Explanations { get; init; } = [];

    [JsonIgnore] public bool IsDone => CompletedOn is not null;
    public bool IsAssignedTo(Guid unitId) => LeadUnitId == unitId || CooperatingUnitIds.Contains(unitId);

    [JsonIgnore] public IEnumerable<Guid> AssignedUnitIds => LeadUnitId is { } lead ? CooperatingUnitIds.Prepend(lead) : CooperatingUnitIds;

    /// <summary>The status on a given day: suspension first, then completion against the deadline, then the clock.</summary>
    /// <summary>
    /// Whether a task event is about <paramref name="day"/> or before: progress by its period, a completion by its day,
    /// a suspension, reopening or extension by the day it was decided (recorded); the definition and assignments always.
    /// Folding only these gives the task as it stood on that day, whenever the later events were recorded.
    /// </summary>
    public static bool IsAboutOnOrBefore(object e, DateOnly day) => e switch
    {
        TaskProgressReported p => p.Period.Start <= day,
        TaskCompleted c => c.CompletedOn <= day,
        TaskSuspended s => VietnamTime.DateOf(s.SuspendedAt) <= day,
        TaskReopened r => VietnamTime.DateOf(r.ReopenedAt) <= day,
        TaskDeadlineExtended x => VietnamTime.DateOf(x.ExtendedAt) <= day,
        _ => true,
    };

    public TaskProgressStatus StatusOn(DateOnly today)
    {
        if (IsSuspended) return TaskProgressStatus.Suspended;
        if (CompletedOn is { } done)
            return Deadline is { } due && done > due ? TaskProgressStatus.DoneLate : TaskProgressStatus.DoneOnTime;
        if (Deadline is { } deadline && today > deadline) return TaskProgressStatus.Overdue;
        return PercentDone > 0 || Updates.Count > 0 ? TaskProgressStatus.InProgress : TaskProgressStatus.NotStarted;
    }

    private static ResolutionTask From(TaskDefined e) => new()
    {
        Id = e.TaskId,
        ResolutionId = e.ResolutionId,
        Code = e.Code,
        Group = e.Group,
        Statement = e.Statement,
        LeadUnitId = e.LeadUnitId,
        CooperatingUnitIds = [.. e.CooperatingUnitIds],
        Assignments = [.. Assigned(e.LeadUnitId, e.CooperatingUnitIds, [], e.EffectiveOn ?? VietnamTime.DateOf(e.DefinedAt))],
        Deadline = e.Deadline,
        OriginalDeadline = e.Deadline,
        DefinedAt = e.DefinedAt,
    };

    private ResolutionTask With(TaskAssigned e) => this with
    {
        LeadUnitId = e.LeadUnitId,
        CooperatingUnitIds = [.. e.CooperatingUnitIds],
        Assignments = [.. Assigned(e.LeadUnitId, e.CooperatingUnitIds, Assignments, e.EffectiveOn ?? VietnamTime.DateOf(e.AssignedAt))],
    };

    /// <summary>Units kept on keep the day they were first assigned; new ones start on <paramref name="since"/>.</summary>
    private static IEnumerable<Targets.UnitAssignment> Assigned(Guid? lead, IEnumerable<Guid> cooperating, IReadOnlyList<Targets.UnitAssignment> before,
        DateOnly since) =>
        (lead is { } l ? cooperating.Prepend(l) : cooperating).Distinct()
            .Select(u => before.FirstOrDefault(a => a.UnitId == u) ?? new Targets.UnitAssignment(u, since));

    private ResolutionTask With(TaskProgressReported e) => this with
    {
        PercentDone = e.PercentDone,
        Updates = Updates.Add(new TaskUpdate(e.ReportId, e.UnitId, e.Period, e.PercentDone, e.Note, e.ReportedBy, e.ReportedAt)),
    };

    private ResolutionTask With(TaskCompleted e) => this with
    {
        CompletedOn = e.CompletedOn,
        PercentDone = 100,
        Updates = Updates.Add(new TaskUpdate(null, e.UnitId, null, 100, e.Note, e.CompletedBy, e.RecordedAt)),
    };

    private ResolutionTask With(TaskSuspended e) => this with { IsSuspended = true };

    // Reopening a completed task takes it back to the progress last reported before the completion.
    private ResolutionTask With(TaskReopened e) => CompletedOn is null
        ? this with { IsSuspended = false }
        : this with
        {
            IsSuspended = false,
            CompletedOn = null,
            PercentDone = Updates.Take(Updates.Count - 1).LastOrDefault()?.PercentDone ?? 0,
        };

    private ResolutionTask With(TaskDeadlineExtended e) => this with { Deadline = e.NewDeadline };

    // ---- Decisions ----

    public Decision Complete(DateOnly completedOn, string? note, Guid? unitId, string by, DateTimeOffset at) =>
        IsDone
            ? Decision.Reject(RejectionKind.Conflict, "completedOn", $"The task was already completed on {CompletedOn:yyyy-MM-dd}.",
                $"Nhiệm vụ đã hoàn thành ngày {CompletedOn:dd/MM/yyyy}.")
            : IsSuspended
                ? Decision.Reject(RejectionKind.Conflict, "completedOn", "The task is suspended; reopen it first.", "Nhiệm vụ đang tạm dừng; cần mở lại trước.")
                : Decision.Accept(new TaskCompleted(Id, completedOn, note, unitId, by, at));

    public Decision Suspend(string reason, string by, DateTimeOffset at) =>
        IsSuspended
            ? Decision.Reject(RejectionKind.Conflict, "reason", "The task is already suspended.", "Nhiệm vụ đã tạm dừng.")
            : IsDone
                ? Decision.Reject(RejectionKind.Conflict, "reason", "A completed task cannot be suspended.", "Không thể tạm dừng nhiệm vụ đã hoàn thành.")
                : Decision.Accept(new TaskSuspended(Id, reason, by, at));

    public Decision Reopen(string reason, string by, DateTimeOffset at) =>
        IsSuspended || IsDone
            ? Decision.Accept(new TaskReopened(Id, reason, by, at))
            : Decision.Reject(RejectionKind.Conflict, "reason", "Only a suspended or completed task can be reopened.",
                "Chỉ mở lại nhiệm vụ đang tạm dừng hoặc đã hoàn thành.");

    public Decision ExtendDeadline(DateOnly newDeadline, string reason, string? decisionNumber, string by, DateTimeOffset at) =>
        IsDone
            ? Decision.Reject(RejectionKind.Conflict, "newDeadline", "A completed task keeps its deadline.", "Nhiệm vụ đã hoàn thành, không gia hạn.")
            : Deadline is { } current && newDeadline <= current
                ? Decision.Reject(RejectionKind.Invalid, "newDeadline", $"The new deadline must be after the current one ({current:yyyy-MM-dd}).",
                    $"Hạn mới phải sau hạn hiện tại ({current:dd/MM/yyyy}).")
                : Decision.Accept(new TaskDeadlineExtended(Id, newDeadline, Deadline, reason, decisionNumber, by, at));

    /// <summary>The events of a task's stream, each with its case in <see cref="Evolve"/>; Marten's projection takes exactly these.</summary>
    public static readonly IReadOnlyList<Type> EventTypes =
        [typeof(TaskDefined), typeof(TaskAssigned), typeof(TaskProgressReported), typeof(TaskCompleted), typeof(TaskSuspended),
        typeof(TaskReopened), typeof(TaskDeadlineExtended), .. ExplanationRequests.EventTypes];

    /// <summary>
    /// The one place a task evolves: the state after <paramref name="event"/>, given the state before it (null before the
    /// stream starts). Marten's projection runs it, and so do the as-of reader, reviews, the import and the decision tests.
    /// </summary>
    public static ResolutionTask? Evolve(ResolutionTask? state, object @event) => (state, @event) switch
    {
        (null, TaskDefined e) => From(e),
        (null, _) => null,
        (_, TaskAssigned e) => state.With(e),
        (_, TaskProgressReported e) => state.With(e),
        (_, TaskCompleted e) => state.With(e),
        (_, TaskSuspended e) => state.With(e),
        (_, TaskReopened e) => state.With(e),
        (_, TaskDeadlineExtended e) => state.With(e),
        (_, ExplanationRequested or ExplanationGiven or ExplanationAccepted or FollowUpAsked) =>
            state with { Explanations = ExplanationRequests.Evolve(state.Explanations, @event) },
        _ => state,
    };
}
