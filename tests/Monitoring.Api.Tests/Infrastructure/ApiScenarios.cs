using System.Text.Json;
using Alba;
using Npgsql;

namespace Monitoring.Api.Tests.Infrastructure;

/// <summary>Short forms for the HTTP calls and store checks the scenarios repeat.</summary>
public static class ApiScenarios
{
    /// <summary>Posts as the secretariat unless another token is given ("" for no token at all).</summary>
    public static async Task<JsonElement> PostAsync(this AppFixture app, string url, object body, int status, Action<Scenario>? more = null,
        string? token = null)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.Authorized(token ?? app.SecretariatToken);
            more?.Invoke(s);
            s.StatusCodeShouldBe(status);
        });
        var text = await result.ReadAsTextAsync();
        return string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetAsync(this AppFixture app, string url, int status = 200, string? token = null)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.Authorized(token ?? app.SecretariatToken);
            s.StatusCodeShouldBe(status);
        });
        var text = await result.ReadAsTextAsync();
        return string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Puts as the secretariat unless another token is given ("" for no token at all).</summary>
    public static async Task<JsonElement> PutAsync(this AppFixture app, string url, object body, int status, Action<Scenario>? more = null,
        string? token = null)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Put.Json(body).ToUrl(url);
            s.Authorized(token ?? app.SecretariatToken);
            more?.Invoke(s);
            s.StatusCodeShouldBe(status);
        });
        var text = await result.ReadAsTextAsync();
        return string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The one submission of a unit for a resolution and period.</summary>
    public static Guid SubmissionId(Guid unitId, Guid resolutionId, string period) =>
        Monitoring.Domain.Reporting.Submission.IdFor(unitId, resolutionId, Monitoring.Domain.Reporting.ReportingPeriod.Parse(period));

    /// <summary>The secretariat approves the unit's submitted report for the resolution and period: from then on its figures count.</summary>
    public static Task<JsonElement> ApproveAsync(this AppFixture app, Guid unitId, Guid resolutionId, string period) =>
        app.PostAsync($"/api/submissions/{SubmissionId(unitId, resolutionId, period)}/approve", new { }, 200);

    /// <summary>The secretariat approves every submitted report (of one unit, if named), as it would before reading judged figures.</summary>
    public static async Task<int> ApproveSubmittedAsync(this AppFixture app, Guid? unitId = null)
    {
        var list = await app.GetAsync($"/api/submissions?state=Submitted&pageSize=500" + (unitId is { } unit ? $"&unitId={unit}" : ""));
        var ids = list.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();
        foreach (var id in ids) await app.PostAsync($"/api/submissions/{id}/approve", new { }, 200);
        return ids.Count;
    }

    public static async Task<Guid> RegisterUnitAsync(this AppFixture app, string code, string? name = null)
    {
        var body = await app.PostAsync("/api/units", new { code, name = name ?? $"Đơn vị {code}", kind = "Department" }, 201);
        return body.GetProperty("id").GetGuid();
    }

    /// <summary>The event types of a stream, in order, as Marten stored them.</summary>
    public static async Task<List<string>> EventTypesAsync(this AppFixture app, Guid streamId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select type from monitoring.mt_events where stream_id = $1 order by version", connection)
        {
            Parameters = { new NpgsqlParameter { Value = streamId } },
        };
        var types = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) types.Add(reader.GetString(0));
        return types;
    }

    /// <summary>Runs a request that must be refused and proves the store did not change.</summary>
    public static async Task<JsonElement> RefusedAsync(this AppFixture app, Func<Task<JsonElement>> request)
    {
        var before = await app.EventCountAsync();
        var problem = await request();
        (await app.EventCountAsync()).ShouldBe(before, "a refused request must append nothing");
        return problem;
    }

    public static void Authorized(this Scenario scenario, string token)
    {
        if (token.Length > 0) scenario.WithRequestHeader("Authorization", "Bearer " + token);
    }

    public static string[] ErrorFields(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();
}
