using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Notifications;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Api.Explanations;
using Monitoring.Api.Tests.Reporting;
using Wolverine;
using Wolverine.Tracking;

namespace Monitoring.Api.Tests.Explanations;

/// <summary>
/// Explanation requests (yêu cầu giải trình) over HTTP, with the fixture's clock: what needs explaining after approval, the
/// committee asks, the assigned unit answers, a follow-up, the answer, acceptance; overdue requests; who may do what; the
/// overview's counts and the review's section. Every refusal appends nothing.
/// </summary>
public class ExplanationRequestTests(ExplanationRequestTests.World app) : IClassFixture<ExplanationRequestTests.World>
{
    public sealed class World : AppFixture;

    private string Committee => app.TokenFor(Roles.Committee);

    private DateOnly Today => app.Clock.Today();

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// A resolution like 000 whose poverty target (XH-01, at most 3,0 % by 2025 from 5,2 % in 2020, led by the co-operating
    /// unit of the setup) got an approved 2023-H1 figure of 5,0 %: judged at risk or off track.
    /// </summary>
    private async Task<(SubmissionCycleTests.Setup Setup, Guid Target)> LaggingTargetAsync(string number)
    {
        var s = await SubmissionCycleTests.ResolutionAsync(app, number);
        var poverty = s.Targets[1];
        await app.PostAsync("/api/reports", new
        {
            period = "2023-H1",
            figures = new[] { new { targetId = poverty, value = 5.0, stage = "Estimate", asOf = "2023-06-30" } },
            narrative = new { results = "Tỷ lệ hộ nghèo giảm chậm" },
        }, 201, token: s.CoopToken);
        return (s, poverty);
    }

    private async Task<JsonElement> CandidatesAsync(Guid resolution, string? token = null) =>
        await app.GetAsync($"/api/explanation-requests/candidates?period=2023-H1&resolutionId={resolution}", token: token ?? Committee);

    private async Task<Guid> OpenAsync(object body, string? token = null) =>
        (await app.PostAsync("/api/explanation-requests", body, 201, token: token ?? Committee)).GetProperty("requestId").GetGuid();

    [Fact]
    public async Task A_lagging_target_is_a_candidate_after_approval_then_asked_answered_followed_up_answered_and_accepted()
    {
        var (s, target) = await LaggingTargetAsync("601-KL/TU");
        // Submitted, not approved: nothing to explain yet.
        (await CandidatesAsync(s.Resolution)).GetArrayLength().ShouldBe(0);
        await app.ApproveAsync(s.Coop, s.Resolution, "2023-H1");
        var candidate = (await CandidatesAsync(s.Resolution)).EnumerateArray().ShouldHaveSingleItem();
        candidate.GetProperty("targetId").GetGuid().ShouldBe(target);
        candidate.GetProperty("status").GetString().ShouldBeOneOf("AtRisk", "OffTrack");
        candidate.GetProperty("latest").GetProperty("value").GetDecimal().ShouldBe(5.0m);
        candidate.GetProperty("periods").EnumerateArray().Select(p => p.GetString()).ShouldBe(["2023-H1"]);
        candidate.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unitId").GetGuid()).ShouldBe([s.Coop]);
        candidate.GetProperty("requestOpen").GetBoolean().ShouldBeFalse();
        await app.GetAsync($"/api/explanation-requests/candidates?resolutionId={s.Resolution}", 403, s.CoopToken);

        // Refused, appending nothing: a reporter cannot ask; exactly one subject; a due date not past; only assigned units.
        var question = "Đề nghị giải trình nguyên nhân tỷ lệ hộ nghèo giảm chậm so với lộ trình";
        var due = Day(Today.AddDays(16));
        await app.RefusedAsync(() => app.PostAsync("/api/explanation-requests", new { targetId = target, question, dueDate = due }, 403, token: s.CoopToken));
        (await app.RefusedAsync(() => app.PostAsync("/api/explanation-requests", new { targetId = target, taskId = s.Tasks[0], question, dueDate = due }, 400)))
            .ErrorFields().ShouldBe(["targetId"]);
        (await app.RefusedAsync(() => app.PostAsync("/api/explanation-requests", new { targetId = target, question, dueDate = Day(Today.AddDays(-1)) }, 400)))
            .ErrorFields().ShouldBe(["dueDate"]);
        (await app.RefusedAsync(() => app.PostAsync("/api/explanation-requests", new { targetId = target, question, dueDate = due, unitIds = new[] { s.Lead } }, 400)))
            .ErrorFields().ShouldBe(["unitIds[0]"]);
        await app.RefusedAsync(() => app.PostAsync("/api/explanation-requests", new { targetId = Guid.NewGuid(), question, dueDate = due }, 404));

        var opened = await app.PostAsync("/api/explanation-requests", new { targetId = target, question, dueDate = due }, 201, token: Committee);
        var id = opened.GetProperty("requestId").GetGuid();
        opened.GetProperty("state").GetString().ShouldBe("Open");
        opened.GetProperty("unitIds").EnumerateArray().Select(u => u.GetGuid()).ShouldBe([s.Coop]);
        (await app.EventTypesAsync(target)).ShouldContain("explanation_requested");
        (await CandidatesAsync(s.Resolution))[0].GetProperty("openRequestIds").EnumerateArray().Select(r => r.GetGuid()).ShouldBe([id]);

        // Nothing to accept or follow up before an answer; a unit that was not asked neither answers nor reads it.
        await app.RefusedAsync(() => app.PostAsync($"/api/explanation-requests/{id}/acceptance", new { comment = "Thống nhất" }, 409, token: Committee));
        await app.RefusedAsync(() => app.PostAsync($"/api/explanation-requests/{id}/follow-ups", new { question = "Hỏi thêm", dueDate = due }, 409));
        await app.RefusedAsync(() => app.PostAsync($"/api/explanation-requests/{id}/answers", new { text = "Không thuộc đơn vị" }, 403, token: s.LeadToken));
        await app.GetAsync($"/api/explanation-requests/{id}", 403, s.LeadToken);
        await app.GetAsync($"/api/explanation-requests?unitId={s.Coop}", 403, s.LeadToken);
        (await app.GetAsync("/api/explanation-requests", token: s.LeadToken)).GetProperty("totalItems").GetInt32().ShouldBe(0);
        (await app.GetAsync("/api/explanation-requests", token: s.CoopToken)).GetProperty("items").EnumerateArray()
            .Select(r => r.GetProperty("id").GetGuid()).ShouldBe([id]);

        var answered = await app.PostAsync($"/api/explanation-requests/{id}/answers",
            new { text = "Do ảnh hưởng thiên tai, nhiều hộ tái nghèo", evidenceReferences = new[] { "Báo cáo số 88/BC-SLĐTBXH" } }, 200, token: s.CoopToken);
        answered.GetProperty("state").GetString().ShouldBe("Answered");
        var followedUp = await app.PostAsync($"/api/explanation-requests/{id}/follow-ups",
            new { question = "Đề nghị nêu rõ giải pháp giảm nghèo 6 tháng cuối năm", dueDate = Day(Today.AddDays(30)) }, 200);
        followedUp.GetProperty("state").GetString().ShouldBe("FollowUpAsked");
        followedUp.GetProperty("round").GetInt32().ShouldBe(2);
        followedUp.GetProperty("awaitingUnitIds").EnumerateArray().Select(u => u.GetGuid()).ShouldBe([s.Coop]);
        await app.PostAsync($"/api/explanation-requests/{id}/answers", new { text = "Hỗ trợ sinh kế cho 1.200 hộ" }, 200, token: s.CoopToken);
        var accepted = await app.PostAsync($"/api/explanation-requests/{id}/acceptance", new { comment = "Thống nhất, theo dõi kết quả" }, 200, token: Committee);
        accepted.GetProperty("state").GetString().ShouldBe("Accepted");
        await app.RefusedAsync(() => app.PostAsync($"/api/explanation-requests/{id}/answers", new { text = "Bổ sung" }, 409, token: s.CoopToken));

        var details = await app.GetAsync($"/api/explanation-requests/{id}", token: s.CoopToken);
        details.GetProperty("state").GetString().ShouldBe("Accepted");
        details.GetProperty("stateText").GetString().ShouldBe("đã chấp nhận giải trình");
        details.GetProperty("onBehalfOfCommittee").GetBoolean().ShouldBeFalse();
        details.GetProperty("questions").GetArrayLength().ShouldBe(2);
        details.GetProperty("question").GetString().ShouldBe("Đề nghị nêu rõ giải pháp giảm nghèo 6 tháng cuối năm");
        details.GetProperty("answers").EnumerateArray().Select(a => $"{a.GetProperty("round").GetInt32()}: {a.GetProperty("text").GetString()}")
            .ShouldBe(["1: Do ảnh hưởng thiên tai, nhiều hộ tái nghèo", "2: Hỗ trợ sinh kế cho 1.200 hộ"]);
        details.GetProperty("answers")[0].GetProperty("evidenceReferences")[0].GetString().ShouldBe("Báo cáo số 88/BC-SLĐTBXH");
        details.GetProperty("acceptance").GetProperty("comment").GetString().ShouldBe("Thống nhất, theo dõi kết quả");
        (await CandidatesAsync(s.Resolution))[0].GetProperty("requestOpen").GetBoolean().ShouldBeFalse();

        // Every step is on the target's history, in Vietnamese, and in the audit feed under the unit asked.
        var history = (await app.GetAsync($"/api/targets/{target}/history", token: Committee)).GetProperty("entries").EnumerateArray()
            .Select(e => e.GetProperty("summary").GetString()!).ToList();
        history.ShouldContain($"Ban Thường vụ yêu cầu đơn vị giải trình về chỉ tiêu, hạn {Today.AddDays(16):dd/MM/yyyy}: {question}");
        history.ShouldContain("Đơn vị giải trình: Do ảnh hưởng thiên tai, nhiều hộ tái nghèo (tài liệu kèm theo: Báo cáo số 88/BC-SLĐTBXH)");
        history.ShouldContain(h => h.StartsWith("Yêu cầu giải trình thêm"));
        history.ShouldContain("Chấp nhận nội dung giải trình");
        var feed = (await app.GetAsync($"/api/audit?unitId={s.Coop}&eventType=ExplanationAccepted", token: Committee)).GetProperty("entries");
        feed.EnumerateArray().ShouldContain(e => e.GetProperty("streamId").GetGuid() == target && e.GetProperty("unitId").GetGuid() == s.Coop);

        var counts = (await app.GetAsync($"/api/resolutions/{s.Resolution}/overview")).GetProperty("explanations");
        counts.GetProperty("total").GetInt32().ShouldBe(1);
        counts.GetProperty("accepted").GetInt32().ShouldBe(1);
        counts.GetProperty("open").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task An_unanswered_request_is_listed_overdue_after_its_due_day_and_counted_so_until_answered()
    {
        var s = await SubmissionCycleTests.ResolutionAsync(app, "602-KL/TU");
        var task = s.Tasks[0];
        var before = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        // The secretariat asks on the committee's behalf: the task's lead unit, due in two days.
        var id = await OpenAsync(new { taskId = task, question = "Đề nghị giải trình tiến độ nâng cấp cửa khẩu", dueDate = Day(Today.AddDays(2)) },
            app.SecretariatToken);
        (await app.GetAsync($"/api/explanation-requests/{id}")).GetProperty("onBehalfOfCommittee").GetBoolean().ShouldBeTrue();

        async Task<List<Guid>> OverdueAsync(string? token = null) =>
            (await app.GetAsync($"/api/explanation-requests?overdue=true&resolutionId={s.Resolution}", token: token)).GetProperty("items").EnumerateArray()
            .Select(r => r.GetProperty("id").GetGuid()).ToList();

        (await OverdueAsync()).ShouldBeEmpty();
        app.Clock.Advance(TimeSpan.FromDays(2));
        (await OverdueAsync()).ShouldBeEmpty("the due day itself is not late");
        app.Clock.Advance(TimeSpan.FromDays(1));
        (await OverdueAsync()).ShouldBe([id]);
        (await OverdueAsync(s.LeadToken)).ShouldBe([id]);
        var details = await app.GetAsync($"/api/explanation-requests/{id}", token: s.LeadToken);
        details.GetProperty("overdue").GetBoolean().ShouldBeTrue();
        details.GetProperty("daysOverdue").GetInt32().ShouldBe(1);
        var counts = (await app.GetAsync($"/api/resolutions/{s.Resolution}/overview")).GetProperty("explanations");
        counts.GetProperty("open").GetInt32().ShouldBe(1);
        counts.GetProperty("overdue").GetInt32().ShouldBe(1);
        // As known before the request was opened: none.
        (await app.GetAsync($"/api/resolutions/{s.Resolution}/overview?knownAt={Uri.EscapeDataString(before.ToString("O", CultureInfo.InvariantCulture))}"))
            .GetProperty("explanations").GetProperty("total").GetInt32().ShouldBe(0);

        await app.PostAsync($"/api/explanation-requests/{id}/answers", new { text = "Đang hoàn thiện hồ sơ thiết kế" }, 200, token: s.LeadToken);
        (await OverdueAsync()).ShouldBeEmpty();
        counts = (await app.GetAsync($"/api/resolutions/{s.Resolution}/overview")).GetProperty("explanations");
        counts.GetProperty("answered").GetInt32().ShouldBe(1);
        counts.GetProperty("overdue").GetInt32().ShouldBe(0);
        (await app.GetAsync($"/api/explanation-requests?state=Answered&resolutionId={s.Resolution}")).GetProperty("totalItems").GetInt32().ShouldBe(1);

        // As things stood at the end of the due day: open, not yet late, not answered; the day before it was opened: nothing.
        var dueDay = Day(app.Clock.Today().AddDays(-1));
        var then = (await app.GetAsync($"/api/explanation-requests?resolutionId={s.Resolution}&asOf={dueDay}")).GetProperty("items").EnumerateArray().Single();
        then.GetProperty("state").GetString().ShouldBe("Open");
        then.GetProperty("overdue").GetBoolean().ShouldBeFalse();
        (await app.GetAsync($"/api/explanation-requests?state=Answered&resolutionId={s.Resolution}&asOf={dueDay}")).GetProperty("totalItems").GetInt32().ShouldBe(0);
        (await app.GetAsync($"/api/explanation-requests?resolutionId={s.Resolution}&asOf={Day(app.Clock.Today().AddDays(-4))}")).GetProperty("totalItems").GetInt32().ShouldBe(0);
        (await app.GetAsync("/api/explanation-requests?asOf=31/12/2023", 400)).ErrorFields().ShouldBe(["asOf"]);
    }

    [Fact]
    public async Task A_request_on_a_submission_asks_its_unit_and_the_secretariat_may_record_an_answer_on_a_units_behalf()
    {
        var (s, _) = await LaggingTargetAsync("603-KL/TU");
        var submission = ApiScenarios.SubmissionId(s.Coop, s.Resolution, "2023-H1");
        var id = await OpenAsync(new { submissionId = submission, question = "Đề nghị giải trình số liệu ước tính", dueDate = Day(Today.AddDays(10)) });
        var details = await app.GetAsync($"/api/explanation-requests/{id}");
        details.GetProperty("subjectKind").GetString().ShouldBe("Submission");
        details.GetProperty("unitIds").EnumerateArray().Select(u => u.GetGuid()).ShouldBe([s.Coop]);
        (await app.EventTypesAsync(submission)).ShouldContain("explanation_requested");
        // The secretariat records the unit's answer (one unit asked: no need to name it); naming a unit not asked is refused.
        await app.RefusedAsync(() => app.PostAsync($"/api/explanation-requests/{id}/answers", new { unitId = s.Lead, text = "Thay mặt đơn vị" }, 400));
        var answered = await app.PostAsync($"/api/explanation-requests/{id}/answers", new { text = "Số ước tính theo báo cáo nhanh của các xã" }, 200);
        answered.GetProperty("state").GetString().ShouldBe("Answered");

        // A target with two assigned units asks both by default: the secretariat then names whose answer it records.
        var budget = await OpenAsync(new { targetId = s.Targets[0], question = "Đề nghị giải trình", dueDate = Day(Today.AddDays(10)) });
        (await app.GetAsync($"/api/explanation-requests/{budget}")).GetProperty("unitIds").GetArrayLength().ShouldBe(2);
        (await app.RefusedAsync(() => app.PostAsync($"/api/explanation-requests/{budget}/answers", new { text = "Thay mặt đơn vị" }, 400)))
            .ErrorFields().ShouldBe(["unitId"]);
        var partly = await app.PostAsync($"/api/explanation-requests/{budget}/answers", new { unitId = s.Lead, text = "Thu chưa đạt do giãn thuế" }, 200);
        partly.GetProperty("state").GetString().ShouldBe("Open");
        partly.GetProperty("awaitingUnitIds").EnumerateArray().Select(u => u.GetGuid()).ShouldBe([s.Coop]);
        await app.RefusedAsync(() => app.PostAsync($"/api/explanation-requests/{Guid.NewGuid()}/answers", new { text = "?" }, 404));
    }

    [Fact]
    public async Task The_review_lists_who_was_asked_what_what_they_answered_and_whether_it_was_accepted_as_known_then()
    {
        var (s, target) = await LaggingTargetAsync("604-KL/TU");
        await app.ApproveAsync(s.Coop, s.Resolution, "2023-H1");
        var before = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var id = await OpenAsync(new { targetId = target, question = "Vì sao tỷ lệ hộ nghèo giảm chậm?", dueDate = Day(Today.AddDays(10)) });
        await app.PostAsync($"/api/explanation-requests/{id}/answers",
            new { text = "Nhiều hộ tái nghèo do thiên tai", evidenceReferences = new[] { "Báo cáo số 90/BC-UBND" } }, 200, token: s.CoopToken);
        await app.PostAsync($"/api/explanation-requests/{id}/acceptance", new { comment = "Thống nhất" }, 200);

        var created = await app.PostAsync($"/api/resolutions/{s.Resolution}/reviews", new { kind = "MidTerm", cutOff = Day(Today) }, 201);
        var data = await app.GetAsync(created.GetProperty("data").GetString()!, token: Committee);
        var listed = data.GetProperty("content").GetProperty("explanations").EnumerateArray().ShouldHaveSingleItem();
        listed.GetProperty("requestId").GetGuid().ShouldBe(id);
        listed.GetProperty("subject").GetString()!.ShouldContain("XH-01");
        listed.GetProperty("units")[0].GetString()!.ShouldStartWith("Đơn vị C-");
        listed.GetProperty("questions")[0].GetProperty("question").GetString().ShouldBe("Vì sao tỷ lệ hộ nghèo giảm chậm?");
        listed.GetProperty("questions")[0].GetProperty("answers")[0].GetProperty("text").GetString().ShouldBe("Nhiều hộ tái nghèo do thiên tai");
        listed.GetProperty("state").GetString().ShouldBe("Accepted");

        var docx = await app.Host.Scenario(x =>
        {
            x.Get.Url(created.GetProperty("document").GetString()!);
            x.Authorized(Committee);
        });
        var bytes = new MemoryStream();
        await docx.Context.Response.Body.CopyToAsync(bytes);
        using (var document = WordprocessingDocument.Open(new MemoryStream(bytes.ToArray()), false))
        {
            var text = string.Join("\n", document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText));
            text.ShouldContain("4. Yêu cầu giải trình");
            text.ShouldContain("giải trình về chỉ tiêu XH-01");
            text.ShouldContain("\"Vì sao tỷ lệ hộ nghèo giảm chậm?\"");
            text.ShouldContain("giải trình ngày");
            text.ShouldContain("Nhiều hộ tái nghèo do thiên tai (tài liệu kèm theo: Báo cáo số 90/BC-UBND)");
            text.ShouldContain("Kết quả: đã chấp nhận giải trình (Thống nhất).");
        }

        // Asked what was known before the request: none.
        var earlier = await app.PostAsync($"/api/resolutions/{s.Resolution}/reviews",
            new { kind = "MidTerm", cutOff = Day(Today), knownAt = before.ToString("O", CultureInfo.InvariantCulture) }, 201);
        (await app.GetAsync(earlier.GetProperty("data").GetString()!, token: Committee)).GetProperty("content").GetProperty("explanations")
            .GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Opening_a_request_and_asking_a_follow_up_notify_each_unit_asked_and_schedule_the_overdue_notice()
    {
        var s = await SubmissionCycleTests.ResolutionAsync(app, "605-KL/TU");
        var due = Today.AddDays(5);
        var id = Guid.Empty;
        async Task<List<NotifyUnit>> NoticesAsync(Func<Task> step)
        {
            var tracked = await app.Host.TrackActivity().DoNotAssertOnExceptionsDetected().Timeout(TimeSpan.FromSeconds(30))
                .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(_ => step()));
            return tracked.AllRecordsInOrder().Select(r => r.Envelope?.Message).OfType<NotifyUnit>().DistinctBy(n => n.Key).ToList();
        }

        // The budget target: the lead and the co-operating unit are both asked, each told now and scheduled an overdue notice.
        var opened = await NoticesAsync(async () => id = await OpenAsync(new { targetId = s.Targets[0], question = "Vì sao thu ngân sách đạt thấp?", dueDate = Day(due) }));
        opened.Where(n => n.Kind == "ExplanationOpened").Select(n => n.UnitId).ShouldBe([s.Lead, s.Coop], ignoreOrder: true);
        opened.Where(n => n.Kind == "ExplanationOverdue").Select(n => n.UnitId).ShouldBe([s.Lead, s.Coop], ignoreOrder: true);
        var notice = opened.First(n => n.Kind == "ExplanationOpened" && n.UnitId == s.Lead);
        notice.Key.ShouldBe($"explanation-opened:{id}:{s.Lead}");
        notice.Subject.ShouldBe("Yêu cầu giải trình: chỉ tiêu KT-01 (Thu ngân sách tăng 10 – 12%/năm)");
        notice.Body.ShouldContain("Vì sao thu ngân sách đạt thấp?");
        notice.Body.ShouldContain($"Hạn giải trình: {due:dd/MM/yyyy}.");
        notice.Link.ShouldBe($"/api/explanation-requests/{id}");
        // The request is filed under every unit it asks, not only the first.
        (await app.GetAsync($"/api/audit?unitId={s.Coop}&eventType=ExplanationRequested", token: Committee)).GetProperty("entries").EnumerateArray()
            .ShouldContain(e => e.GetProperty("streamId").GetGuid() == s.Targets[0]);
        ExplanationNotices.OverdueAt(due).ShouldBe(new DateTimeOffset(due.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7)));

        // A refused step tells nobody; a follow-up tells the units again, under keys of its own.
        (await NoticesAsync(() => app.PostAsync($"/api/explanation-requests/{id}/follow-ups", new { question = "Hỏi thêm", dueDate = Day(due) }, 409)))
            .ShouldBeEmpty();
        await app.PostAsync($"/api/explanation-requests/{id}/answers", new { text = "Do giãn thuế" }, 200, token: s.LeadToken);
        var followUp = await NoticesAsync(() => app.PostAsync($"/api/explanation-requests/{id}/follow-ups",
            new { question = "Nêu rõ giải pháp tăng thu", dueDate = Day(due.AddDays(10)) }, 200));
        followUp.Select(n => n.Key).ShouldBe([$"explanation-opened:{id}:{s.Lead}:2", $"explanation-overdue:{id}:{s.Lead}:2",
            $"explanation-opened:{id}:{s.Coop}:2", $"explanation-overdue:{id}:{s.Coop}:2"], ignoreOrder: true);
        followUp.First(n => n.Kind == "ExplanationOpened").Subject.ShouldStartWith("Yêu cầu giải trình thêm: ");
    }
}

/// <summary>
/// When an overdue notice comes due, it is sent only if the unit still owes an answer to that same question: an answer or a
/// follow-up since it was scheduled makes it obsolete (and it is recorded as skipped, with why).
/// </summary>
public class ExplanationOverdueCheckTests(ExplanationRequestTests.World app) : IClassFixture<ExplanationRequestTests.World>
{
    [Fact]
    public async Task An_overdue_notice_for_a_question_since_answered_or_followed_up_is_skipped()
    {
        var s = await SubmissionCycleTests.ResolutionAsync(app, "611-KL/TU");
        var target = s.Targets[1];
        var due = app.Clock.Today().AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var request = (await app.PostAsync("/api/explanation-requests",
            new { targetId = target, question = "Vì sao tỷ lệ hộ nghèo giảm chậm?", dueDate = due }, 201, token: app.TokenFor(Roles.Committee)))
            .GetProperty("requestId").GetGuid();
        var check = new ExplanationNotificationCheck();
        string Key(int round) => $"explanation-overdue:{request}:{s.Coop}:{round}";

        async Task<string?> SkipAsync(int round)
        {
            await using var session = app.QuerySession();
            return await check.SkipReasonAsync(session, ExplanationNotices.Overdue, Key(round), CancellationToken.None);
        }

        check.Handles(ExplanationNotices.Overdue).ShouldBeTrue();
        check.Handles(ExplanationNotices.Opened).ShouldBeFalse();
        (await SkipAsync(1)).ShouldBeNull();

        await app.PostAsync($"/api/explanation-requests/{request}/answers", new { text = "Do dịch bệnh", evidenceReferences = new[] { "12/BC-UBND" } }, 200,
            token: s.CoopToken);
        (await SkipAsync(1)).ShouldBe("Đơn vị đã trả lời hoặc yêu cầu đã được xử lý trước hạn nhắc.");

        await app.PostAsync($"/api/explanation-requests/{request}/follow-ups", new { question = "Nêu giải pháp cụ thể", dueDate = due }, 200,
            token: app.TokenFor(Roles.Committee));
        // The first question's notice stays obsolete; the follow-up's own notice is due unless answered.
        (await SkipAsync(1)).ShouldNotBeNull();
        (await SkipAsync(2)).ShouldBeNull();
    }
}
