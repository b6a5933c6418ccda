using System.Reflection;
using System.Text.Json.Nodes;
using JasperFx.Events;
using Marten;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Domain.Explanations;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;
using Monitoring.Domain.Units;

namespace Monitoring.Api.Tests.Projections;

/// <summary>
/// Issue 12, "one fold": each aggregate evolves in one place, the Domain's <c>Evolve</c>. Streams holding every event
/// type of every aggregate are written through the HTTP API; each is then folded by hand with that function and compared
/// with the document Marten projected inline and with Marten's live aggregation of the stream.
/// </summary>
public class OneFoldTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Folding_each_stream_by_hand_gives_the_document_Marten_projected_for_every_event_type()
    {
        var unitA = await app.RegisterUnitAsync("FOLD-A");
        var unitB = await app.RegisterUnitAsync("FOLD-B");
        var resolution = await app.PostAsync("/api/resolutions", new
        {
            number = "12-KL/TU", kind = "Conclusion", issuingBody = "Tỉnh ủy", issueDate = "2021-10-20", periodStartYear = 2021, periodEndYear = 2025,
            title = "Kết luận thử một hàm tiến hóa", fields = new[] { "Kinh tế", "Hạ tầng" },
            targets = new[] { new { field = "Kinh tế", statement = "Thu ngân sách tăng 10 – 12%/năm", shape = "GrowthRate", minimum = 10, maximum = 12, unitOfMeasure = "%/năm", targetYear = 2025, leadUnitId = unitA } },
            tasks = new[] { new { group = "Hạ tầng", statement = "Nâng cấp cửa khẩu Thường Phước", leadUnitId = unitA, deadline = "2024-12-31" } },
        }, 201);
        var resolutionId = resolution.GetProperty("id").GetGuid();
        var target = resolution.GetProperty("targetIds")[0].GetGuid();
        var task = resolution.GetProperty("taskIds")[0].GetGuid();
        var reporterA = app.TokenFor(Roles.Reporter, "FOLD-A");

        // Target: defined and assigned (above), baseline, a figure, its revision, an adjustment, a second assignment.
        await app.PostAsync($"/api/targets/{target}/baseline", new { value = 100, year = 2020, source = "Niên giám thống kê 2020" }, 200);
        await app.PostAsync($"/api/tasks/{task}/assignment", new { leadUnitId = unitA, cooperatingUnitIds = new[] { unitB } }, 200);
        var report = await app.PostAsync("/api/reports", new
        {
            period = "2023-H1",
            figures = new[] { new { targetId = target, value = 12.5, stage = "Estimate", note = "Ước tính" } },
            taskUpdates = new[] { new { taskId = task, percentDone = 40, note = "Đang giải phóng mặt bằng" } },
            narrative = new { results = "Thu ngân sách đạt khá", limitations = "Giải ngân chậm" },
        }, 201, token: reporterA);
        var reportId = report.GetProperty("reportId").GetGuid();
        var figure = report.GetProperty("figures")[0].GetProperty("figureId").GetGuid();
        await app.PostAsync($"/api/targets/{target}/figures/{figure}/revisions", new { value = 13, stage = "Preliminary", reason = "Số sơ bộ của Cục Thống kê" }, 201);
        // Submission: submitted (the report above), returned, a draft, submitted again, approved, a lock exception, reopened by a revision.
        var submission = ApiScenarios.SubmissionId(unitA, resolutionId, "2023-H1");
        await app.PostAsync($"/api/submissions/{submission}/return",
            new { reason = "Thiếu nguồn số liệu", comments = new[] { new { figureId = figure, text = "Ghi rõ nguồn" } } }, 200);
        await app.PutAsync("/api/submissions/draft", new
        {
            resolutionId, period = "2023-H1",
            figures = new[] { new { targetId = target, value = 12.8, stage = "Preliminary", source = "Cục Thống kê" } },
            narrative = new { results = "Thu ngân sách đạt khá" },
        }, 200, token: reporterA);
        var resubmitted = await app.PostAsync($"/api/submissions/{submission}/submit", new { }, 200, token: reporterA);
        await app.PostAsync($"/api/submissions/{submission}/approve", new { comment = "Thống nhất" }, 200);
        await app.PostAsync($"/api/submissions/{submission}/lock-exceptions", new { reason = "Số chính thức", expiresAt = "2023-08-01T00:00:00+07:00" }, 200);
        await app.PostAsync($"/api/targets/{target}/figures/{resubmitted.GetProperty("figures")[0].GetProperty("figureId").GetGuid()}/revisions",
            new { value = 13.2, stage = "Official", reason = "Số chính thức của Cục Thống kê" }, 201, token: reporterA);
        await app.PostAsync($"/api/targets/{target}/adjustments", new { minimum = 11, maximum = 13, decisionNumber = "12-QĐ/TU", decisionDate = "2023-07-01", reason = "Điều chỉnh giữa kỳ" }, 200);
        await app.PostAsync($"/api/targets/{target}/assignment", new { leadUnitId = unitB, cooperatingUnitIds = new[] { unitA } }, 200);

        // Unit: registered (above), its notification recipients set.
        await app.PutAsync($"/api/units/{unitA}/recipients", new
        {
            emails = new[] { "van.thu@fold-a.example" }, webhooks = new[] { new { url = "https://hooks.fold-a.example/", secret = "bi-mat-cua-don-vi-fold-a" } },
        }, 200);

        // Task: defined, assigned, progress (the report above), completed, reopened from done, suspended, reopened, extended.
        await app.PostAsync($"/api/tasks/{task}/completion", new { completedOn = "2023-07-01", note = "Đã bàn giao" }, 200);
        await app.PostAsync($"/api/tasks/{task}/reopening", new { reason = "Còn hạng mục chưa nghiệm thu" }, 200);
        await app.PostAsync($"/api/tasks/{task}/suspension", new { reason = "Chờ vốn" }, 200);
        await app.PostAsync($"/api/tasks/{task}/reopening", new { reason = "Đã bố trí vốn" }, 200);
        await app.PostAsync($"/api/tasks/{task}/deadline-extensions", new { newDeadline = "2025-06-30", reason = "Chậm giải phóng mặt bằng", decisionNumber = "13-QĐ/TU" }, 200);

        // Resolution: defined, a review generated, the committee's conclusion on it.
        var review = (await app.PostAsync($"/api/resolutions/{resolutionId}/reviews", new { kind = "MidTerm", cutOff = "2023-07-15" }, 201))
            .GetProperty("reviewId").GetGuid();
        await app.PostAsync($"/api/resolutions/{resolutionId}/reviews/{review}/conclusions",
            new
            {
                text = "Cơ bản thống nhất với báo cáo", decisions = new[] { "Tập trung giải ngân" },
                targetsToAdjust = new[] { new { targetId = target, proposal = "Xem xét điều chỉnh theo tình hình thực tế" } },
            }, 200, token: app.TokenFor(Roles.Committee));

        // Explanation requests on the target, the task and the submission: opened, answered, followed up, answered again, accepted.
        var committee = app.TokenFor(Roles.Committee);
        foreach (var (key, subject) in new[] { ("targetId", target), ("taskId", task), ("submissionId", submission) })
        {
            var request = (await app.PostAsync("/api/explanation-requests",
                    new Dictionary<string, object> { [key] = subject, ["question"] = "Đề nghị giải trình nguyên nhân", ["dueDate"] = "2023-07-31" }, 201,
                    token: committee))
                .GetProperty("requestId").GetGuid();
            await app.PostAsync($"/api/explanation-requests/{request}/answers",
                new { text = "Do khó khăn chung", evidenceReferences = new[] { "Báo cáo số 12/BC-UBND" } }, 200, token: reporterA);
            await app.PostAsync($"/api/explanation-requests/{request}/follow-ups", new { question = "Nêu rõ giải pháp", dueDate = "2023-08-15" }, 200,
                token: committee);
            await app.PostAsync($"/api/explanation-requests/{request}/answers", new { text = "Tập trung tháo gỡ vướng mắc" }, 200, token: reporterA);
            await app.PostAsync($"/api/explanation-requests/{request}/acceptance", new { comment = "Thống nhất" }, 200, token: committee);
        }

        await using var session = app.QuerySession();
        var seen = new List<Type>();
        seen.AddRange(await SameStateAsync<Target>(session, target, Target.Evolve, (t, v) => t with { Version = v }));
        seen.AddRange(await SameStateAsync<ResolutionTask>(session, task, ResolutionTask.Evolve, (t, v) => t with { Version = v }));
        seen.AddRange(await SameStateAsync<Resolution>(session, resolutionId, Resolution.Evolve, (r, v) => r with { Version = v }));
        seen.AddRange(await SameStateAsync<Unit>(session, unitA, Unit.Evolve, (u, v) => u with { Version = v }));
        seen.AddRange(await SameStateAsync<ProgressReport>(session, reportId, ProgressReport.Evolve, (r, v) => r with { Version = v }));
        seen.AddRange(await SameStateAsync<Submission>(session, submission, Submission.Evolve, (r, v) => r with { Version = v }));

        // Every event type of every aggregate appeared above, so a new event type without a case here fails this test; and
        // each aggregate's list of event types (what its Marten projection takes) is exactly its event records.
        // Explanation requests' events go on the stream of what they concern: a target, a task or a submission.
        EventTypesOf<Target>("TargetId").Concat(ExplanationRequests.EventTypes).ShouldBe(Target.EventTypes, ignoreOrder: true);
        EventTypesOf<ResolutionTask>("TaskId").Concat(ExplanationRequests.EventTypes).ShouldBe(ResolutionTask.EventTypes, ignoreOrder: true);
        EventTypesOf<Resolution>("ResolutionId").ShouldBe(Resolution.EventTypes, ignoreOrder: true);
        EventTypesOf<Unit>("UnitId").ShouldBe(Unit.EventTypes, ignoreOrder: true);
        EventTypesOf<ProgressReport>("ReportId").ShouldBe(ProgressReport.EventTypes, ignoreOrder: true);
        EventTypesOf<Submission>("SubmissionId").Concat(ExplanationRequests.EventTypes).ShouldBe(Submission.EventTypes, ignoreOrder: true);
        EventTypesOf<ExplanationRequest>("RequestId").ShouldBe(ExplanationRequests.EventTypes, ignoreOrder: true);
        var expected = EventTypesOf<Target>("TargetId").Concat(EventTypesOf<ResolutionTask>("TaskId")).Concat(EventTypesOf<Resolution>("ResolutionId"))
            .Concat(EventTypesOf<Unit>("UnitId")).Concat(EventTypesOf<ProgressReport>("ReportId")).Concat(EventTypesOf<Submission>("SubmissionId"))
            .Concat(ExplanationRequests.EventTypes).ToList();
        expected.Except(seen).Select(t => t.Name).ShouldBeEmpty("event types no stream of this test contains");
        seen.Distinct().Except(expected).Select(t => t.Name).ShouldBeEmpty("events stored that the aggregate's event types do not list");
    }

    /// <summary>
    /// The stream folded by hand with the Domain's one function equals the document Marten stored and Marten's live
    /// aggregation of the stream, compared as JSON written by Marten's own serializer. The version is Marten's metadata,
    /// not the fold's: it is the last event's version on the document, and is put on the hand-folded state the same way.
    /// </summary>
    private async Task<IEnumerable<Type>> SameStateAsync<T>(IQuerySession session, Guid id, Func<T?, object, T?> evolve, Func<T, int, T> withVersion)
        where T : class
    {
        var events = await session.Events.FetchStreamAsync(id);
        events.ShouldNotBeEmpty();
        var byHand = events.Aggregate((T?)null, (state, e) =>
        {
            var next = evolve(state, e.Data);
            // Every event has its own case in Evolve: none falls through to "the state unchanged".
            ReferenceEquals(next, state).ShouldBeFalse($"{typeof(T).Name}.Evolve ignored a {e.Data.GetType().Name}");
            return next;
        }).ShouldNotBeNull();
        byHand = withVersion(byHand, (int)events[^1].Version);

        var stored = (await session.LoadAsync<T>(id)).ShouldNotBeNull();
        var live = (await session.Events.AggregateStreamAsync<T>(id)).ShouldNotBeNull();

        var serializer = app.Store.Options.Serializer();
        var expected = JsonNode.Parse(serializer.ToJson(byHand));
        JsonNode.DeepEquals(expected, JsonNode.Parse(serializer.ToJson(stored)))
            .ShouldBeTrue($"{typeof(T).Name} {id}\nby hand: {serializer.ToJson(byHand)}\nstored:  {serializer.ToJson(stored)}");
        JsonNode.DeepEquals(expected, JsonNode.Parse(serializer.ToJson(live)))
            .ShouldBeTrue($"{typeof(T).Name} {id}\nby hand: {serializer.ToJson(byHand)}\nlive:    {serializer.ToJson(live)}");
        return events.Select(e => e.Data.GetType());
    }

    /// <summary>
    /// The event records of an aggregate, found in the Domain assembly: records in the aggregate's namespace whose
    /// primary constructor starts with the aggregate's id (every event of a stream names the stream it belongs to).
    /// </summary>
    private static IEnumerable<Type> EventTypesOf<T>(string idName) =>
        typeof(T).Assembly.GetTypes().Where(t => t.Namespace == typeof(T).Namespace && t != typeof(T) && t.IsSealed
            && t.GetMethod("<Clone>$") is not null
            && t.GetConstructors().MaxBy(c => c.GetParameters().Length)?.GetParameters() is [var first, ..]
            && first.Name == idName && first.ParameterType == typeof(Guid));
}
