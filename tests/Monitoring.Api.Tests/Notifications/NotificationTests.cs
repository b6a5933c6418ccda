using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Notifications;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Api.Tests.Reporting;
using Wolverine;

namespace Monitoring.Api.Tests.Notifications;

/// <summary>
/// Reminders and notifications against a local SMTP sink and a local webhook receiver, with the fixture's clock. The day's sweep is
/// run at the app's clock through <c>POST /api/notifications/sweep</c> (what the daily scheduled sweep runs); Wolverine's durable
/// scheduled messages run by real time, so reminders are due at once when the clock is past the reminder time (08:00), or a few real
/// seconds later when it is set just before it.
/// </summary>
public class NotificationTests(NotificationTests.World app) : IClassFixture<NotificationTests.World>
{
    public const string Secret = "bi-mat-webhook-cua-don-vi-0123456789";
    public const string SecretariatSecret = "bi-mat-webhook-van-phong-0123456789";

    public sealed class World : AppFixture, IAsyncLifetime
    {
        public SmtpSink Smtp = null!;
        public WebhookReceiver Hooks = null!;

        protected override DateTimeOffset StartsAt => At("2023-05-02");

        public override async Task InitializeAsync()
        {
            Smtp = new SmtpSink();
            Hooks = await WebhookReceiver.StartAsync();
            await base.InitializeAsync();
        }

        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Notifications:PublicBaseUrl", "https://giamsat.tinhuy.example");
            builder.UseSetting("Notifications:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Notifications:Smtp:Port", Smtp.Port.ToString());
            builder.UseSetting("Notifications:Smtp:Security", "None");
            builder.UseSetting("Notifications:Smtp:Sender", "giamsat@tinhuy.example");
            builder.UseSetting("Notifications:Secretariat:Emails:0", "van.phong@tinhuy.example");
            builder.UseSetting("Notifications:Secretariat:Webhooks:0:Url", Hooks.Url("/van-phong"));
            builder.UseSetting("Notifications:Secretariat:Webhooks:0:Secret", SecretariatSecret);
            builder.UseSetting("Notifications:SchedulePollingSeconds", "0.2");
            builder.UseSetting("Notifications:FirstRetrySeconds", "0.3");
            builder.UseSetting("Notifications:MaxRetrySeconds", "2");
            builder.UseSetting("Notifications:MaxAttempts", "3");
            builder.UseSetting("Notifications:DailySweep", "false");
        }

        public new async Task DisposeAsync()
        {
            await base.DisposeAsync();
            Smtp.Dispose();
            await Hooks.DisposeAsync();
        }
    }

    public static DateTimeOffset At(string day, int hour = 9, int minute = 0, int second = 0) =>
        new DateTimeOffset(DateOnly.Parse(day).ToDateTime(new TimeOnly(hour, minute, second)), TimeSpan.FromHours(7)).ToUniversalTime();

    private static string Code(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16].ToUpperInvariant();

    /// <summary>
    /// A resolution (2023-H1 due 21/6/2023) defined on 2/5/2023 (the clock is moved back and forth between tests with AdjustTime) whose lead and co-operating units have e-mail and webhook recipients.
    /// </summary>
    private async Task<SubmissionCycleTests.Setup> DefineAsync(string number, bool webhooks = true)
    {
        app.Clock.AdjustTime(At("2023-05-02"));
        var s = await SubmissionCycleTests.ResolutionAsync(app, number);
        foreach (var unit in new[] { s.Lead, s.Coop })
            await app.PutAsync($"/api/units/{unit}/recipients", new
            {
                emails = new[] { Email(unit) },
                webhooks = webhooks ? new[] { new { url = app.Hooks.Url($"/units/{unit}"), secret = Secret } } : [],
            }, 200);
        return s;
    }

    private static string Email(Guid unit) => $"u{unit:N}@donvi.example";

    private async Task<JsonElement> SweepAsync(string day, int hour = 9, int minute = 0, int second = 0)
    {
        app.Clock.AdjustTime(At(day, hour, minute, second));
        return await app.PostAsync("/api/notifications/sweep", new { reason = "Kiểm thử nhắc hạn" }, 200);
    }

    private async Task<List<JsonElement>> NotificationsAsync(string query) =>
        (await app.GetAsync($"/api/notifications?pageSize=500&{query}")).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task Reminders_go_7_and_1_days_before_on_the_due_day_and_the_day_after_to_units_that_have_not_submitted_only()
    {
        var s = await DefineAsync("1401-KL/TU");
        var (lead, coop) = (Email(s.Lead), Email(s.Coop));

        (await SweepAsync("2023-06-14")).GetProperty("day").GetString().ShouldBe("2023-06-14");
        await Eventually.UntilAsync(() => app.Smtp.To(lead).Count == 1 && app.Smtp.To(coop).Count == 1, "both units got the 7-day reminder");

        // The co-operating unit submits; from then on only the lead unit is reminded.
        app.Clock.AdjustTime(At("2023-06-15"));
        await app.AppendSubmittedAsync(s.Coop, s.Resolution, "2023-H1");
        await SweepAsync("2023-06-20");
        await SweepAsync("2023-06-20", 10); // a second sweep the same day sends nothing again
        await SweepAsync("2023-06-21");
        await SweepAsync("2023-06-22");
        await SweepAsync("2023-06-23"); // two days after: not a configured day
        await Eventually.UntilAsync(() => app.Smtp.To(lead).Count >= 4, "the lead unit got four reminders");
        await Eventually.UntilAsync(() => app.Hooks.At($"/units/{s.Lead}").Count(h => h.Answered == 200) >= 4, "and four webhook calls");
        await Task.Delay(1000);

        var mails = app.Smtp.To(lead).Select(m => m.Subject).ToList();
        mails.Count.ShouldBe(4, string.Join("\n", mails));
        mails.ShouldContain("Nhắc hạn nộp báo cáo 6 tháng đầu năm 2023 thực hiện 1401-KL/TU: còn 7 ngày");
        mails.ShouldContain("Nhắc hạn nộp báo cáo 6 tháng đầu năm 2023 thực hiện 1401-KL/TU: còn 1 ngày");
        mails.ShouldContain("Hôm nay là hạn nộp báo cáo 6 tháng đầu năm 2023 thực hiện 1401-KL/TU");
        mails.ShouldContain("Quá hạn nộp báo cáo 6 tháng đầu năm 2023 thực hiện 1401-KL/TU");
        app.Smtp.To(coop).Count.ShouldBe(1);

        var first = app.Smtp.To(lead).Single(m => m.Subject!.EndsWith("còn 7 ngày"));
        first.TextBody!.ShouldContain("Hạn nộp báo cáo 6 tháng đầu năm 2023 thực hiện 1401-KL/TU");
        first.TextBody!.ShouldContain("21/06/2023");
        first.TextBody!.ShouldContain($"Xem chi tiết: https://giamsat.tinhuy.example/api/obligations?unitId={s.Lead}&resolutionId={s.Resolution}&period=2023-H1");
        first.From.Mailboxes.Single().Address.ShouldBe("giamsat@tinhuy.example");

        var recorded = await NotificationsAsync($"unitId={s.Lead}");
        recorded.Select(n => n.GetProperty("kind").GetString()).ShouldBe(["Overdue", "DueToday", "DueSoon", "DueSoon"], ignoreOrder: true);
        recorded.ShouldAllBe(n => n.GetProperty("status").GetString() == "Sent");
        recorded.ShouldAllBe(n => n.GetProperty("deliveries").GetArrayLength() == 2);
        // Each message's Message-ID is its delivery id: what a receiver deduplicates on.
        var ids = recorded.SelectMany(n => n.GetProperty("deliveries").EnumerateArray()).Where(d => d.GetProperty("channel").GetString() == "Email")
            .Select(d => d.GetProperty("deliveryId").GetString() + "@monitoring").ToList();
        app.Smtp.To(lead).Select(m => m.MessageId).ShouldBe(ids, ignoreOrder: true);
    }

    [Fact]
    public async Task A_reminder_whose_report_is_submitted_before_its_time_is_recorded_as_skipped_and_not_sent()
    {
        var s = await DefineAsync("1402-KL/TU");
        // 07:59:56 on the day before the due date: the day's reminders are scheduled for 08:00, four seconds away.
        var swept = await SweepAsync("2023-06-20", 7, 59, 56);
        swept.GetProperty("remindAt").GetDateTimeOffset().ShouldBe(At("2023-06-20", 8));
        await app.AppendSubmittedAsync(s.Lead, s.Resolution, "2023-H1");

        await Eventually.UntilAsync(async () => (await NotificationsAsync($"unitId={s.Lead}")).Count == 1
                                                && (await NotificationsAsync($"unitId={s.Coop}")) is [var coop] && coop.GetProperty("status").GetString() == "Sent",
            "both reminders came due");
        var skipped = (await NotificationsAsync($"unitId={s.Lead}")).Single();
        skipped.GetProperty("status").GetString().ShouldBe("Skipped");
        skipped.GetProperty("skippedBecause").GetString().ShouldBe("Đơn vị đã nộp báo cáo trước thời điểm nhắc.");
        skipped.GetProperty("deliveries").GetArrayLength().ShouldBe(0);
        (await NotificationsAsync($"unitId={s.Lead}&status=Skipped")).Count.ShouldBe(1);
        app.Smtp.To(Email(s.Lead)).ShouldBeEmpty();
        app.Hooks.At($"/units/{s.Lead}").ShouldBeEmpty();
        app.Smtp.To(Email(s.Coop)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_returned_submission_notifies_its_unit_with_the_reason_and_the_comments()
    {
        var s = await DefineAsync("1403-KL/TU");
        app.Clock.AdjustTime(At("2023-06-16"));
        var report = await app.PostAsync("/api/reports", new
        {
            period = "2023-H1", figures = new[] { new { targetId = s.Targets[0], value = 12.5, stage = "Estimate" } },
        }, 201, token: s.LeadToken);
        var submission = report.GetProperty("submissionIds")[0].GetGuid();
        await app.PostAsync($"/api/submissions/{submission}/return", new
        {
            reason = "Thiếu nguồn số liệu",
            comments = new[] { new { targetId = s.Targets[0], text = "Ghi rõ nguồn của Cục Thống kê" } },
        }, 200);

        await Eventually.UntilAsync(() => app.Smtp.To(Email(s.Lead)).Count == 1 && app.Hooks.At($"/units/{s.Lead}").Count == 1, "the unit was told");
        var mail = app.Smtp.To(Email(s.Lead)).Single();
        mail.Subject.ShouldBe("Báo cáo 6 tháng đầu năm 2023 thực hiện 1403-KL/TU được trả lại để hoàn chỉnh");
        mail.TextBody!.ShouldContain("Lý do: Thiếu nguồn số liệu");
        mail.TextBody!.ShouldContain("- Ghi rõ nguồn của Cục Thống kê");
        mail.TextBody!.ShouldContain($"https://giamsat.tinhuy.example/api/submissions/{submission}");
        var hook = app.Hooks.At($"/units/{s.Lead}").Single();
        WebhookReceiver.SignatureIsValid(hook, Secret).ShouldBeTrue();
        var payload = JsonDocument.Parse(hook.Body).RootElement;
        payload.GetProperty("kind").GetString().ShouldBe("SubmissionReturned");
        payload.GetProperty("deliveryId").GetString().ShouldBe(hook.DeliveryId);
        payload.GetProperty("unitId").GetGuid().ShouldBe(s.Lead);
        app.Smtp.To(Email(s.Coop)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_submission_waiting_for_approval_longer_than_the_configured_days_notifies_the_secretariat_once()
    {
        var s = await DefineAsync("1404-KL/TU");
        app.Clock.AdjustTime(At("2023-06-16"));
        var waiting = (await app.PostAsync("/api/reports", new
        {
            period = "2023-H1", figures = new[] { new { targetId = s.Targets[0], value = 12.5, stage = "Estimate" } },
        }, 201, token: s.LeadToken)).GetProperty("submissionIds")[0].GetGuid();
        var decided = (await app.PostAsync("/api/reports", new
        {
            period = "2023-H1", figures = new[] { new { targetId = s.Targets[1], value = 2.9, stage = "Estimate" } },
        }, 201, token: s.CoopToken)).GetProperty("submissionIds")[0].GetGuid();
        await app.PostAsync($"/api/submissions/{decided}/approve", new { }, 200);

        await SweepAsync("2023-06-18"); // two days: not yet
        (await NotificationsAsync("kind=ApprovalWaiting")).ShouldNotContain(n => n.GetProperty("link").GetString()!.EndsWith(waiting.ToString()));
        await SweepAsync("2023-06-20"); // four days
        await SweepAsync("2023-06-21");

        await Eventually.UntilAsync(async () => (await NotificationsAsync("kind=ApprovalWaiting"))
            .Any(n => n.GetProperty("link").GetString()!.EndsWith(waiting.ToString()) && n.GetProperty("status").GetString() == "Sent"),
            "the secretariat was told by e-mail and webhook");
        var told = (await NotificationsAsync("kind=ApprovalWaiting")).Where(n => n.GetProperty("link").GetString()!.Contains(waiting.ToString())).ToList();
        told.Count.ShouldBe(1);
        told[0].GetProperty("unitId").ValueKind.ShouldBe(JsonValueKind.Null);
        (await NotificationsAsync("kind=ApprovalWaiting")).ShouldNotContain(n => n.GetProperty("link").GetString()!.Contains(decided.ToString()));
        var mail = app.Smtp.To("van.phong@tinhuy.example").Single(m => m.TextBody!.Contains(waiting.ToString()));
        mail.Subject.ShouldStartWith("Báo cáo 6 tháng đầu năm 2023 của ");
        mail.Subject.ShouldEndWith(" chờ phê duyệt quá 3 ngày");
        var hook = app.Hooks.At("/van-phong").Single(h => h.DeliveryId == told[0].GetProperty("deliveries").EnumerateArray()
            .Single(d => d.GetProperty("channel").GetString() == "Webhook").GetProperty("deliveryId").GetString());
        WebhookReceiver.SignatureIsValid(hook, SecretariatSecret).ShouldBeTrue();
    }

    /// <summary>What another area (explanation requests) does: publish a <see cref="NotifyUnit"/> through Wolverine, as a message of the province.</summary>
    private async Task PublishAsync(NotifyUnit message)
    {
        using var scope = app.Host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(message, new DeliveryOptions { TenantId = app.Province });
    }

    [Fact]
    public async Task A_webhook_answering_500_is_retried_with_back_off_under_the_same_delivery_id_until_it_succeeds()
    {
        var unit = await app.RegisterUnitAsync(Code("W"));
        await app.PutAsync($"/api/units/{unit}/recipients", new { emails = Array.Empty<string>(), webhooks = new[] { new { url = app.Hooks.Url("/flaky"), secret = Secret } } }, 200);
        app.Hooks.FailFirst("/flaky", 2);

        // What another area (explanation requests) sends: a NotifyUnit through Wolverine.
        var key = $"test-flaky:{Guid.NewGuid():N}";
        await PublishAsync(
            new NotifyUnit(key, "ExplanationOpened", unit, "Yêu cầu giải trình", "Đề nghị đơn vị giải trình.", "/api/units"));

        await Eventually.UntilAsync(() => app.Hooks.At("/flaky").Any(h => h.Answered == 200), "the third attempt succeeded");
        var hits = app.Hooks.At("/flaky");
        hits.Select(h => h.Answered).ShouldBe([500, 500, 200]);
        hits.Select(h => h.DeliveryId).Distinct().Count().ShouldBe(1);
        hits.ShouldAllBe(h => WebhookReceiver.SignatureIsValid(h, Secret));
        hits.ShouldAllBe(h => !WebhookReceiver.SignatureIsValid(h, "another-secret-another-secret"));
        // Back-off: 0.3 s after the first failure, 0.6 s after the second.
        (hits[1].At - hits[0].At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250));
        (hits[2].At - hits[1].At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(550));

        await Eventually.UntilAsync(async () => (await NotificationsAsync($"unitId={unit}")).Single().GetProperty("status").GetString() == "Sent", "recorded as sent");
        var delivery = (await NotificationsAsync($"unitId={unit}")).Single().GetProperty("deliveries")[0];
        delivery.GetProperty("deliveryId").GetString().ShouldBe(hits[0].DeliveryId);
        delivery.GetProperty("attemptCount").GetInt32().ShouldBe(3);
        delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("succeeded").GetBoolean()).ShouldBe([false, false, true]);
        delivery.GetProperty("attempts")[0].GetProperty("error").GetString().ShouldBe("HTTP 500 Internal Server Error");

        // The same notification published again is neither recorded nor sent again.
        await PublishAsync(
            new NotifyUnit(key, "ExplanationOpened", unit, "Yêu cầu giải trình", "Đề nghị đơn vị giải trình.", "/api/units"));
        await Task.Delay(1500);
        app.Hooks.At("/flaky").Count.ShouldBe(3);
        (await NotificationsAsync($"unitId={unit}")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_is_recorded_as_failed_with_why()
    {
        var unit = await app.RegisterUnitAsync(Code("F"));
        var closed = $"http://127.0.0.1:{FreePort.Next()}/nobody-listens";
        await app.PutAsync($"/api/units/{unit}/recipients", new
        {
            emails = Array.Empty<string>(),
            webhooks = new[] { new { url = app.Hooks.Url("/down"), secret = Secret }, new { url = closed, secret = Secret } },
        }, 200);
        app.Hooks.FailFirst("/down", 100);
        await PublishAsync(
            new NotifyUnit($"test-down:{Guid.NewGuid():N}", "ExplanationOverdue", unit, "Quá hạn giải trình", "Đơn vị chưa giải trình.", "/api/units"));

        await Eventually.UntilAsync(async () => (await NotificationsAsync($"unitId={unit}&status=Failed")).Count == 1
                                                && (await NotificationsAsync($"unitId={unit}")).Single().GetProperty("deliveries").EnumerateArray()
                                                    .All(d => d.GetProperty("status").GetString() == "Failed"), "both deliveries failed");
        var deliveries = (await NotificationsAsync($"unitId={unit}")).Single().GetProperty("deliveries").EnumerateArray().ToList();
        deliveries.ShouldAllBe(d => d.GetProperty("attemptCount").GetInt32() == 3);
        deliveries.Single(d => d.GetProperty("address").GetString() == app.Hooks.Url("/down")).GetProperty("lastError").GetString()
            .ShouldBe("HTTP 500 Internal Server Error");
        deliveries.Single(d => d.GetProperty("address").GetString() == closed).GetProperty("lastError").GetString()!.ShouldContain("HttpRequestException");
        app.Hooks.At("/down").Count.ShouldBe(3);
    }

    [Fact]
    public async Task Recipients_are_checked_recorded_on_the_unit_without_the_secret_and_read_by_the_secretariat_and_the_unit_only()
    {
        var code = Code("R");
        var unit = await app.RegisterUnitAsync(code);
        var before = await app.EventCountAsync();
        (await app.PutAsync($"/api/units/{unit}/recipients", new { emails = new[] { "không-phải-thư" } }, 400)).ErrorFields().ShouldBe(["emails[0]"]);
        (await app.PutAsync($"/api/units/{unit}/recipients", new { webhooks = new[] { new { url = "ftp://x.example/hook", secret = Secret } } }, 400))
            .ErrorFields().ShouldBe(["webhooks[0].url"]);
        (await app.PutAsync($"/api/units/{unit}/recipients", new { webhooks = new[] { new { url = "/relative", secret = Secret } } }, 400))
            .ErrorFields().ShouldBe(["webhooks[0].url"]);
        (await app.PutAsync($"/api/units/{unit}/recipients", new { webhooks = new[] { new { url = "https://x.example/hook", secret = "short" } } }, 400))
            .ErrorFields().ShouldBe(["webhooks[0].secret"]);
        await app.PutAsync($"/api/units/{Guid.NewGuid()}/recipients", new { emails = new[] { "a@b.example" } }, 404);
        await app.PutAsync($"/api/units/{unit}/recipients", new { emails = new[] { "a@b.example" } }, 403, token: app.TokenFor(Roles.Reporter, code));
        (await app.EventCountAsync()).ShouldBe(before);

        var set = await app.PutAsync($"/api/units/{unit}/recipients", new
        {
            emails = new[] { "van.thu@donvi.example" }, webhooks = new[] { new { url = "https://hooks.donvi.example/monitoring", secret = Secret } },
        }, 200);
        set.GetProperty("webhooks")[0].GetProperty("secretFingerprint").GetString()!.Length.ShouldBe(12);
        set.ToString().ShouldNotContain(Secret);
        var read = await app.GetAsync($"/api/units/{unit}/recipients", token: app.TokenFor(Roles.Reporter, code));
        read.GetProperty("emails").EnumerateArray().Select(e => e.GetString()).ShouldBe(["van.thu@donvi.example"]);
        await app.GetAsync($"/api/units/{unit}/recipients", 403, app.TokenFor(Roles.Reporter, Code("O")));
        (await app.EventTypesAsync(unit)).ShouldBe(["unit_registered", "unit_recipients_set"]);
        var history = await app.GetAsync($"/api/units/{unit}/history", token: app.TokenFor(Roles.Committee));
        history.ToString().ShouldNotContain(Secret);
    }

    [Fact]
    public async Task Notifications_are_listed_for_the_secretariat_and_the_committee_only()
    {
        await app.GetAsync("/api/notifications");
        await app.GetAsync("/api/notifications", token: app.TokenFor(Roles.Committee));
        await app.GetAsync("/api/notifications", 403, app.TokenFor(Roles.Reporter, "DON-VI-A"));
        await app.GetAsync("/api/notifications", 403, app.TokenFor(Roles.Auditor));
        await app.PostAsync("/api/notifications/sweep", new { reason = "Thử" }, 403, token: app.TokenFor(Roles.Committee));
        (await app.PostAsync("/api/notifications/sweep", new { reason = "" }, 400)).ErrorFields().ShouldBe(["reason"]);
        (await app.GetAsync("/api/notifications?status=Lost", 400)).ErrorFields().ShouldBe(["status"]);
    }
}
