using Monitoring.Domain.Common;
using System.Globalization;
using Monitoring.Domain.Reporting;

namespace Monitoring.Domain.Notifications;

/// <summary>The kinds of notification the service sends (the explanation requests add their own two).</summary>
public static class NotificationKinds
{
    /// <summary>A report is due in one of the configured numbers of days (default 7 and 1) and the unit has not submitted it.</summary>
    public const string DueSoon = "DueSoon";
    /// <summary>Today is the due date and the unit has not submitted.</summary>
    public const string DueToday = "DueToday";
    /// <summary>The due date passed the configured number of days ago (default 1) and the unit has not submitted.</summary>
    public const string Overdue = "Overdue";
    /// <summary>The secretariat returned the unit's submission.</summary>
    public const string SubmissionReturned = "SubmissionReturned";
    /// <summary>To the secretariat: a submission has waited for approval longer than the configured number of days.</summary>
    public const string ApprovalWaiting = "ApprovalWaiting";
    public const string ExplanationOpened = "ExplanationOpened";
    public const string ExplanationOverdue = "ExplanationOverdue";

    public static readonly string[] Reminders = [DueSoon, DueToday, Overdue];
}

/// <summary>When reminders go out, in calendar days relative to the due date (Vietnam's days).</summary>
public sealed record ReminderSchedule(IReadOnlyList<int> DaysBefore, IReadOnlyList<int> DaysAfter)
{
    public static readonly ReminderSchedule Default = new([7, 1], [1]);
}

/// <summary>A reminder due today to a unit that owes a report: its kind and a key that names it once and for all.</summary>
public sealed record Reminder(Obligation Obligation, string Kind)
{
    public Guid SubmissionId => Submission.IdFor(Obligation.UnitId, Obligation.ResolutionId, Obligation.Period);

    /// <summary>Deterministic: the same reminder computed twice (two sweeps, two processes) is the same notification.</summary>
    public string Key => Reminders.KeyFor(SubmissionId, Obligation.DueDate, Obligation.DaysLeft);
}

public static class Reminders
{
    /// <summary>
    /// The reminders of one day: to every unit that has not submitted (nothing, or only a draft) the report of an obligation whose
    /// due date is one of the schedule's days before, today, or one of its days after.
    /// </summary>
    public static IReadOnlyList<Reminder> Due(IEnumerable<Obligation> obligations, ReminderSchedule schedule) =>
        obligations.Where(o => StillOwed(o.State))
            .Select(o => KindFor(o.DaysLeft, schedule) is { } kind ? new Reminder(o, kind) : null)
            .OfType<Reminder>()
            .ToList();

    public static string? KindFor(int daysLeft, ReminderSchedule schedule) => daysLeft switch
    {
        0 => NotificationKinds.DueToday,
        > 0 when schedule.DaysBefore.Contains(daysLeft) => NotificationKinds.DueSoon,
        < 0 when schedule.DaysAfter.Contains(-daysLeft) => NotificationKinds.Overdue,
        _ => null,
    };

    /// <summary>Not submitted: no submission yet, or only a draft. A returned report has been submitted (its unit was told).</summary>
    public static bool StillOwed(SubmissionState state) => state is SubmissionState.NotStarted or SubmissionState.Draft;

    public static string KeyFor(Guid submissionId, DateOnly due, int daysLeft) =>
        string.Create(CultureInfo.InvariantCulture, $"reminder:{submissionId:N}:{due:yyyy-MM-dd}:{daysLeft}");

    /// <summary>The submission a reminder's key names, or null for a key that is not a reminder's.</summary>
    public static Guid? SubmissionOf(string key) =>
        key.Split(':') is ["reminder", var id, ..] && Guid.TryParseExact(id, "N", out var submission) ? submission : null;

    /// <summary>A submitted report the secretariat has not approved or returned within <paramref name="wait"/>.</summary>
    public static bool WaitingTooLong(Submission submission, DateTimeOffset now, TimeSpan wait) =>
        submission.State == SubmissionState.Submitted && submission.LastSubmittedAt is { } at && at + wait <= now;

    /// <summary>One notification per submission round: a new submission after a return waits afresh.</summary>
    public static string ApprovalWaitingKey(Guid submissionId, DateTimeOffset submittedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"approval-waiting:{submissionId:N}:{submittedAt.UtcTicks}");

    public static Guid? SubmissionOfApprovalWaiting(string key) =>
        key.Split(':') is ["approval-waiting", var id, ..] && Guid.TryParseExact(id, "N", out var submission) ? submission : null;

    public static string ReturnedKey(Guid submissionId, DateTimeOffset returnedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"submission-returned:{submissionId:N}:{returnedAt.UtcTicks}");
}

/// <summary>What the notifications say, in Vietnamese: a subject and a body (the link to what is due is added when it is sent).</summary>
public static class NotificationTexts
{
    public static (string Subject, string Body) Reminder(Reminder reminder, string unitName, string resolutionNumber)
    {
        var o = reminder.Obligation;
        var period = o.Period.ToVietnamese();
        var owed = $"{o.TargetIds.Count} chỉ tiêu, {o.TaskIds.Count} nhiệm vụ";
        var due = o.DueDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        return reminder.Kind switch
        {
            NotificationKinds.DueToday => (
                $"Hôm nay là hạn nộp báo cáo {period} thực hiện {resolutionNumber}",
                $"Kính gửi {unitName},\n\nHôm nay ({due}) là hạn cuối nộp báo cáo {period} thực hiện {resolutionNumber} ({owed}). " +
                "Đơn vị chưa nộp báo cáo; đề nghị hoàn thành và gửi trong ngày."),
            NotificationKinds.Overdue => (
                $"Quá hạn nộp báo cáo {period} thực hiện {resolutionNumber}",
                $"Kính gửi {unitName},\n\nBáo cáo {period} thực hiện {resolutionNumber} ({owed}) đã quá hạn {-o.DaysLeft} ngày (hạn nộp {due}). " +
                "Đơn vị chưa nộp báo cáo; đề nghị khẩn trương hoàn thành và gửi."),
            _ => (
                $"Nhắc hạn nộp báo cáo {period} thực hiện {resolutionNumber}: còn {o.DaysLeft} ngày",
                $"Kính gửi {unitName},\n\nHạn nộp báo cáo {period} thực hiện {resolutionNumber} ({owed}) là ngày {due}, còn {o.DaysLeft} ngày. " +
                "Đơn vị chưa nộp báo cáo; đề nghị chuẩn bị và gửi đúng hạn."),
        };
    }

    public static (string Subject, string Body) Returned(ReportingPeriod period, string resolutionNumber, string unitName, string reason,
        IReadOnlyList<string> comments)
    {
        var body = $"Kính gửi {unitName},\n\nVăn phòng Tỉnh ủy trả lại báo cáo {period.ToVietnamese()} thực hiện {resolutionNumber} để đơn vị hoàn chỉnh.\n" +
                   $"Lý do: {reason}";
        if (comments.Count > 0) body += "\nÝ kiến:\n" + string.Join("\n", comments.Select(c => $"- {c}"));
        return ($"Báo cáo {period.ToVietnamese()} thực hiện {resolutionNumber} được trả lại để hoàn chỉnh", body);
    }

    public static (string Subject, string Body) ApprovalWaiting(ReportingPeriod period, string resolutionNumber, string unitName,
        DateTimeOffset submittedAt, int days)
    {
        var at = VietnamTime.Of(submittedAt).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);
        return ($"Báo cáo {period.ToVietnamese()} của {unitName} chờ phê duyệt quá {days} ngày",
            $"Báo cáo {period.ToVietnamese()} thực hiện {resolutionNumber} của {unitName} nộp lúc {at} đang chờ phê duyệt quá {days} ngày. " +
            "Đề nghị Văn phòng Tỉnh ủy xem xét phê duyệt hoặc trả lại.");
    }
}
