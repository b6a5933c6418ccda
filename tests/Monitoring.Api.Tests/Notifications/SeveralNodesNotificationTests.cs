using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Hosting;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Notifications;

/// <summary>
/// Two real nodes on one database, both running Wolverine in Balanced mode: an approval wait scheduled by each node is sent
/// once, by one node, not once per node.
/// </summary>
[Collection(SeveralNodesCollection.Name)]
public class SeveralNodesNotificationTests : IAsyncLifetime
{
    private readonly SmtpSink _smtp = new();
    private NodeCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var database = await TestDatabases.CreateDatabaseAsync(nameof(SeveralNodesNotificationTests));
        _cluster = await NodeCluster.StartAsync(database, 2, new Dictionary<string, string>
        {
            ["Notifications__PublicBaseUrl"] = "https://giamsat.tinhuy.example",
            ["Notifications__Smtp__Host"] = "127.0.0.1",
            ["Notifications__Smtp__Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Notifications__Smtp__Security"] = "None",
            ["Notifications__Secretariat__Emails__0"] = "van.phong@tinhuy.example",
            ["Notifications__SchedulePollingSeconds"] = "0.5",
            // Approval waits of 15 seconds; no reminders in the test's time.
            ["Notifications__ApprovalWaitDays"] = (15 / 86400.0).ToString("R", CultureInfo.InvariantCulture),
            ["Notifications__ReminderDaysAfter__0"] = "400",
            ["Notifications__ReminderDaysBefore__0"] = "400",
        });
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _smtp.Dispose();
    }

    private static string Token(string role, string? unit = null) =>
        TokenIssuer.Mint(new AuthOptions { SigningKey = AppFixture.TestSigningKey }, $"{role}.{unit ?? "tinh"}@test", role, unit, TimeSpan.FromHours(1),
            DateTimeOffset.UtcNow);

    private static async Task<JsonElement> SendAsync(NodeCluster.Node node, HttpMethod method, string url, object? body, string token, int status)
    {
        using var http = new HttpClient { BaseAddress = node.BaseAddress };
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, $"{method} {url}: {text}");
        return string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task An_approval_wait_scheduled_on_either_node_is_sent_once()
    {
        var (one, two) = (_cluster.Nodes[0], _cluster.Nodes[1]);
        var secretariat = Token(Roles.Secretariat);
        var codes = new[] { "HAI-NUT-A", "HAI-NUT-B" };
        var units = new List<Guid>();
        foreach (var code in codes)
            units.Add((await SendAsync(one, HttpMethod.Post, "/api/units", new { code, name = $"Đơn vị {code}", kind = "Department" }, secretariat, 201))
                .GetProperty("id").GetGuid());
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var resolution = await SendAsync(one, HttpMethod.Post, "/api/resolutions", new
        {
            number = "1806-CTr/TU", kind = "ActionProgramme", issuingBody = "Ban Thường vụ Tỉnh ủy", issueDate = today.AddDays(-1).ToString("yyyy-MM-dd"),
            periodStartYear = today.Year, periodEndYear = today.Year + 1, title = "Chương trình hành động báo cáo hằng tháng",
            reportingPeriods = new[] { "Month" },
            tasks = units.Select((u, i) => new { group = "Cải cách hành chính", statement = $"Báo cáo hằng tháng {i + 1}", leadUnitId = u }).ToArray(),
        }, secretariat, 201);
        var tasks = resolution.GetProperty("taskIds").EnumerateArray().Select(t => t.GetGuid()).ToList();
        var period = (await SendAsync(one, HttpMethod.Get, $"/api/obligations?unitId={units[0]}", null, secretariat, 200))[0].GetProperty("period").GetString()!;

        // A submits through node 1, B through node 2: each node schedules one approval wait, due in 15 s.
        await SendAsync(one, HttpMethod.Post, "/api/reports", new { period, taskUpdates = new[] { new { taskId = tasks[0], percentDone = 30 } } }, Token(Roles.Reporter, codes[0]), 201);
        await SendAsync(two, HttpMethod.Post, "/api/reports", new { period, taskUpdates = new[] { new { taskId = tasks[1], percentDone = 40 } } }, Token(Roles.Reporter, codes[1]), 201);

        await Eventually.UntilAsync(() => Task.FromResult(_smtp.To("van.phong@tinhuy.example").Count >= 2), "both approval waits arrived", TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(5)); // a second sending by the other node would have arrived by now
        var approvals = _smtp.To("van.phong@tinhuy.example");
        approvals.Count.ShouldBe(2);
        approvals.Select(m => m.MessageId).Distinct().Count().ShouldBe(2);
        var all = (await SendAsync(two, HttpMethod.Get, "/api/notifications", null, secretariat, 200)).GetProperty("items").EnumerateArray().ToList();
        all.Count.ShouldBe(2, string.Join("\n", all));
        all.SelectMany(n => n.GetProperty("deliveries").EnumerateArray()).ShouldAllBe(d => d.GetProperty("attemptCount").GetInt32() == 1);
    }
}
