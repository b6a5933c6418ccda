using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Notifications;

/// <summary>
/// No duplicates, no losses: the built service as a real process, on real time. Reminders and an approval wait are scheduled
/// (durable scheduled messages in PostgreSQL), the process is killed hard before any is due, a new one starts on the same
/// database, and every notification reaches the local SMTP sink and webhook receiver exactly once; a reminder whose report was
/// submitted after the kill, before its time, is recorded as skipped and not sent.
/// </summary>
public class NotificationRestartTests : IAsyncLifetime
{
    private const string Secret = "bi-mat-webhook-khoi-dong-lai-0123456789";
    private readonly List<ServiceProcess> _services = [];
    private readonly SmtpSink _smtp = new();
    private WebhookReceiver _hooks = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _hooks = await WebhookReceiver.StartAsync();
        _connectionString = await TestDatabases.CreateDatabaseAsync(nameof(NotificationRestartTests));
    }

    public async Task DisposeAsync()
    {
        foreach (var service in _services) await service.DisposeAsync();
        _smtp.Dispose();
        await _hooks.DisposeAsync();
    }

    private static DateTimeOffset VietnamNow => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));

    private async Task<ServiceProcess> StartAsync(Dictionary<string, string> settings)
    {
        var service = ServiceProcess.Launch(settings);
        _services.Add(service);
        await service.WaitUntilReadyAsync();
        return service;
    }

    private static string Token(string role, string? unit = null) =>
        TokenIssuer.Mint(new AuthOptions { SigningKey = AppFixture.TestSigningKey }, $"{role}.{unit ?? "tinh"}@test", role, unit, TimeSpan.FromHours(1),
            DateTimeOffset.UtcNow);

    private static async Task<JsonElement> SendAsync(ServiceProcess service, HttpMethod method, string url, object? body, string token, int status)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await service.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, $"{method} {url}: {text}\n{service.Output}");
        return string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Notifications_scheduled_before_a_hard_kill_are_delivered_once_after_the_restart_and_a_reminder_met_in_between_is_not_sent()
    {
        // The reminder time is a time of day: keep clear of midnight in Vietnam.
        if (VietnamNow.TimeOfDay > new TimeSpan(23, 57, 0)) await Task.Delay(VietnamNow.Date.AddDays(1).AddSeconds(10) - VietnamNow);

        var remindAt = VietnamNow.AddSeconds(60);
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Monitoring"] = _connectionString,
            ["Auth__SigningKey"] = AppFixture.TestSigningKey,
            ["Notifications__PublicBaseUrl"] = "https://giamsat.tinhuy.example",
            ["Notifications__Smtp__Host"] = "127.0.0.1",
            ["Notifications__Smtp__Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Notifications__Smtp__Security"] = "None",
            ["Notifications__Secretariat__Emails__0"] = "van.phong@tinhuy.example",
            ["Notifications__SchedulePollingSeconds"] = "0.5",
            ["Notifications__RemindAt"] = remindAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            // Approval waits of 20 seconds; no overdue reminders (only "due in n days", whatever n is today).
            ["Notifications__ApprovalWaitDays"] = (20 / 86400.0).ToString("R", CultureInfo.InvariantCulture),
            ["Notifications__ReminderDaysAfter__0"] = "400",
        };
        for (var day = 1; day <= 60; day++) settings[$"Notifications__ReminderDaysBefore__{day - 1}"] = day.ToString(CultureInfo.InvariantCulture);

        var first = await StartAsync(settings);
        var secretariat = Token(Roles.Secretariat);
        var codes = new[] { "KILL-A", "KILL-B", "KILL-C" };
        var units = new List<Guid>();
        foreach (var code in codes)
            units.Add((await SendAsync(first, HttpMethod.Post, "/api/units", new { code, name = $"Đơn vị {code}", kind = "Department" }, secretariat, 201))
                .GetProperty("id").GetGuid());
        var today = DateOnly.FromDateTime(VietnamNow.DateTime);
        var resolution = await SendAsync(first, HttpMethod.Post, "/api/resolutions", new
        {
            number = "1405-CTr/TU", kind = "ActionProgramme", issuingBody = "Ban Thường vụ Tỉnh ủy", issueDate = today.AddDays(-1).ToString("yyyy-MM-dd"),
            periodStartYear = today.Year, periodEndYear = today.Year + 1, title = "Chương trình hành động báo cáo hằng tháng",
            reportingPeriods = new[] { "Month" },
            tasks = units.Select((u, i) => new { group = "Cải cách hành chính", statement = $"Báo cáo giải ngân hằng tháng {i + 1}", leadUnitId = u }).ToArray(),
        }, secretariat, 201);
        var tasks = resolution.GetProperty("taskIds").EnumerateArray().Select(t => t.GetGuid()).ToList();
        foreach (var (unit, path) in new[] { (units[0], "/a"), (units[1], "/b") })
            await SendAsync(first, HttpMethod.Put, $"/api/units/{unit}/recipients", new
            {
                emails = new[] { $"{path.Trim('/')}@donvi.example" }, webhooks = new[] { new { url = _hooks.Url(path), secret = Secret } },
            }, secretariat, 200);
        var owed = (await SendAsync(first, HttpMethod.Get, $"/api/obligations?unitId={units[0]}", null, secretariat, 200)).EnumerateArray().ToList();
        owed.Count.ShouldBe(1);
        var period = owed[0].GetProperty("period").GetString()!;

        // C submits: the approval wait is scheduled 20 s ahead. The sweep schedules A's and B's reminders for the reminder time.
        await SendAsync(first, HttpMethod.Post, "/api/reports", new { period, taskUpdates = new[] { new { taskId = tasks[2], percentDone = 30 } } },
            Token(Roles.Reporter, codes[2]), 201);
        var swept = await SendAsync(first, HttpMethod.Post, "/api/notifications/sweep", new { reason = "Kiểm thử khởi động lại" }, secretariat, 200);
        swept.GetProperty("reminders").GetInt32().ShouldBe(2);
        VietnamNow.ShouldBeLessThan(remindAt.AddSeconds(-20), "the setup took too long to kill before the reminders are due");
        first.KillHard();
        _smtp.Messages.ShouldBeEmpty();
        _hooks.Hits.ShouldBeEmpty();

        // A new process on the same database; B submits before the reminder time.
        var second = await StartAsync(settings);
        await SendAsync(second, HttpMethod.Post, "/api/reports", new { period, taskUpdates = new[] { new { taskId = tasks[1], percentDone = 50 } } },
            Token(Roles.Reporter, codes[1]), 201);
        VietnamNow.ShouldBeLessThan(remindAt, "B must submit before the reminder time");

        await Eventually.UntilAsync(() => _smtp.To("a@donvi.example").Count >= 1 && _hooks.At("/a").Count >= 1
                                          && _smtp.To("van.phong@tinhuy.example").Count >= 2,
            "A's reminder and both approval waits arrived", TimeSpan.FromSeconds(120));
        await Eventually.UntilAsync(async () =>
        {
            var listed = await SendAsync(second, HttpMethod.Get, $"/api/notifications?unitId={units[1]}", null, secretariat, 200);
            return listed.GetProperty("items").EnumerateArray().Any(n => n.GetProperty("status").GetString() == "Skipped");
        }, "B's reminder was recorded as skipped");
        await Task.Delay(TimeSpan.FromSeconds(3)); // anything sent twice would have arrived by now

        _smtp.To("a@donvi.example").Count.ShouldBe(1);
        _hooks.At("/a").Count.ShouldBe(1);
        _smtp.To("b@donvi.example").ShouldBeEmpty();
        _hooks.At("/b").ShouldBeEmpty();
        var approvals = _smtp.To("van.phong@tinhuy.example");
        approvals.Count.ShouldBe(2);
        approvals.Select(m => m.MessageId).Distinct().Count().ShouldBe(2);
        approvals.ShouldAllBe(m => m.Subject!.Contains("chờ phê duyệt"));
        WebhookReceiver.SignatureIsValid(_hooks.At("/a").Single(), Secret).ShouldBeTrue();

        var all = (await SendAsync(second, HttpMethod.Get, "/api/notifications", null, secretariat, 200)).GetProperty("items").EnumerateArray().ToList();
        all.Count.ShouldBe(4, string.Join("\n", all));
        all.Count(n => n.GetProperty("status").GetString() == "Sent").ShouldBe(3);
        all.SelectMany(n => n.GetProperty("deliveries").EnumerateArray()).ShouldAllBe(d => d.GetProperty("attemptCount").GetInt32() == 1);
    }
}
