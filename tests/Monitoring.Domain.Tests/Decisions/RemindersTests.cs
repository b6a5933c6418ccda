using Monitoring.Domain.Notifications;
using Monitoring.Domain.Reporting;

namespace Monitoring.Domain.Tests.Decisions;

/// <summary>
/// Given a unit's obligation for 2023-H1 (due 21/6/2023) in each state, on each day around the due date → when the day's reminders are
/// worked out → then only units that have not submitted are reminded: 7 and 1 days before, on the due day and the day after.
/// </summary>
public class RemindersTests
{
    private static readonly Guid Unit = Guid.Parse("5e000000-0000-0000-0000-0000000000a1");
    private static readonly Guid Resolution = Guid.Parse("5e000000-0000-0000-0000-0000000000b1");
    private static readonly ReportingPeriod H1 = ReportingPeriod.Parse("2023-H1");
    private static readonly DateOnly Due = new(2023, 6, 21);

    private static Obligation Owed(DateOnly today, SubmissionState state = SubmissionState.NotStarted) =>
        new(Unit, Resolution, H1, new DataWindow(new DateOnly(2022, 12, 15), new DateOnly(2023, 6, 14)), Due, [Guid.NewGuid(), Guid.NewGuid()],
            [Guid.NewGuid()], state, state is SubmissionState.NotStarted or SubmissionState.Draft ? null : new DateTimeOffset(2023, 6, 10, 0, 0, 0, TimeSpan.Zero),
            Obligations.TimelinessOf(null, Due, today), Due.DayNumber - today.DayNumber);

    [Theory]
    [InlineData("2023-06-14", "DueSoon")]
    [InlineData("2023-06-20", "DueSoon")]
    [InlineData("2023-06-21", "DueToday")]
    [InlineData("2023-06-22", "Overdue")]
    [InlineData("2023-06-13", null)]
    [InlineData("2023-06-19", null)]
    [InlineData("2023-06-23", null)]
    public void A_unit_that_has_not_submitted_is_reminded_on_the_configured_days(string day, string? kind)
    {
        var today = DateOnly.Parse(day);
        var due = Reminders.Due([Owed(today)], ReminderSchedule.Default);
        due.Select(r => r.Kind).ShouldBe(kind is null ? Array.Empty<string>() : new[] { kind });
        Reminders.Due([Owed(today, SubmissionState.Draft)], ReminderSchedule.Default).Count.ShouldBe(due.Count);
    }

    [Theory]
    [InlineData(SubmissionState.Submitted)]
    [InlineData(SubmissionState.Approved)]
    [InlineData(SubmissionState.Returned)]
    public void A_unit_that_has_submitted_is_not_reminded(SubmissionState state) =>
        Reminders.Due([Owed(new DateOnly(2023, 6, 20), state)], ReminderSchedule.Default).ShouldBeEmpty();

    [Fact]
    public void The_days_are_configurable_and_each_reminder_has_one_key_naming_its_submission()
    {
        var schedule = new ReminderSchedule([3], [2, 5]);
        Reminders.Due([Owed(new DateOnly(2023, 6, 18))], schedule).Single().Kind.ShouldBe(NotificationKinds.DueSoon);
        Reminders.Due([Owed(new DateOnly(2023, 6, 14))], schedule).ShouldBeEmpty();
        Reminders.Due([Owed(new DateOnly(2023, 6, 26))], schedule).Single().Kind.ShouldBe(NotificationKinds.Overdue);

        var reminder = Reminders.Due([Owed(new DateOnly(2023, 6, 20))], ReminderSchedule.Default).Single();
        reminder.Key.ShouldBe(Reminders.Due([Owed(new DateOnly(2023, 6, 20))], ReminderSchedule.Default).Single().Key);
        reminder.Key.ShouldNotBe(Reminders.Due([Owed(new DateOnly(2023, 6, 14))], ReminderSchedule.Default).Single().Key);
        Reminders.SubmissionOf(reminder.Key).ShouldBe(Submission.IdFor(Unit, Resolution, H1));
        Reminders.SubmissionOf("submission-returned:x").ShouldBeNull();
    }

    [Fact]
    public void Reminders_speak_Vietnamese_and_say_the_period_resolution_due_date_and_what_is_owed()
    {
        var soon = Reminders.Due([Owed(new DateOnly(2023, 6, 14))], ReminderSchedule.Default).Single();
        var (subject, body) = NotificationTexts.Reminder(soon, "Sở Tài chính", "000-KL/TU");
        subject.ShouldBe("Nhắc hạn nộp báo cáo 6 tháng đầu năm 2023 thực hiện 000-KL/TU: còn 7 ngày");
        body.ShouldStartWith("Kính gửi Sở Tài chính,");
        body.ShouldContain("là ngày 21/06/2023, còn 7 ngày");
        body.ShouldContain("(2 chỉ tiêu, 1 nhiệm vụ)");

        var overdue = Reminders.Due([Owed(new DateOnly(2023, 6, 22))], ReminderSchedule.Default).Single();
        NotificationTexts.Reminder(overdue, "Sở Tài chính", "000-KL/TU").Body.ShouldContain("đã quá hạn 1 ngày (hạn nộp 21/06/2023)");
    }

    [Fact]
    public void A_submission_waits_too_long_once_the_configured_days_have_passed_while_it_is_submitted()
    {
        var at = new DateTimeOffset(2023, 6, 16, 2, 0, 0, TimeSpan.Zero);
        var id = Submission.IdFor(Unit, Resolution, H1);
        var submitted = Submission.Evolve(null, new SubmissionSubmitted(id, Unit, Resolution, H1, Guid.NewGuid(), [], [], "bao-cao", at))!;
        Reminders.WaitingTooLong(submitted, at.AddDays(2.9), TimeSpan.FromDays(3)).ShouldBeFalse();
        Reminders.WaitingTooLong(submitted, at.AddDays(3), TimeSpan.FromDays(3)).ShouldBeTrue();
        Reminders.SubmissionOfApprovalWaiting(Reminders.ApprovalWaitingKey(id, at)).ShouldBe(id);
    }
}
