using System.Text.Json;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Reporting;

/// <summary>
/// The reporting cycle over HTTP, with the fixture's clock: draft → submit → return → resubmit → approve, the lock and its
/// exceptions, direct submissions into a locked period, and who may do what. Every refusal appends nothing.
/// </summary>
public class SubmissionCycleTests(SubmissionCycleTests.World app) : IClassFixture<SubmissionCycleTests.World>
{
    public sealed class World : AppFixture;

    internal sealed record Setup(Guid Resolution, Guid[] Targets, Guid[] Tasks, Guid Lead, Guid Coop, string LeadToken, string CoopToken);

    private Task<Setup> ResolutionAsync(string number) => ResolutionAsync(app, number);

    internal static async Task<Setup> ResolutionAsync(AppFixture app, string number)
    {
        var leadCode = $"L-{Guid.NewGuid():N}"[..20];
        var coopCode = $"C-{Guid.NewGuid():N}"[..20];
        var lead = await app.RegisterUnitAsync(leadCode);
        var coop = await app.RegisterUnitAsync(coopCode);
        var body = await app.PostAsync("/api/resolutions", SeedData.BorderConclusion(number, lead, coop), 201);
        return new Setup(body.GetProperty("id").GetGuid(), body.GetProperty("targetIds").EnumerateArray().Select(e => e.GetGuid()).ToArray(),
            body.GetProperty("taskIds").EnumerateArray().Select(e => e.GetGuid()).ToArray(), lead, coop,
            app.TokenFor(Roles.Reporter, leadCode), app.TokenFor(Roles.Reporter, coopCode));
    }

    private static object Draft(Setup s, double budget = 15.4, string period = "2021-2023") => new
    {
        resolutionId = s.Resolution,
        period,
        figures = new object[]
        {
            new { targetId = s.Targets[0], value = budget, stage = "Estimate", source = "Báo cáo của UBND huyện" },
            new { targetId = s.Targets[2], value = 19, stage = "Preliminary", items = new[] { "Xã Thường Phước 1", "Xã Thường Thới Hậu A" } },
        },
        taskUpdates = new[] { new { taskId = s.Tasks[0], percentDone = 60, note = "Đang hoàn thiện hồ sơ" } },
        narrative = new { results = "Thu ngân sách tăng bình quân 15,4%/năm", limitations = "Giải ngân chậm" },
        evidenceReferences = new[] { "Báo cáo số 12/BC-UBND" },
    };

    private async Task<JsonElement> StatusAsync(Guid target, string? query = null) => await app.GetAsync($"/api/targets/{target}{query}");

    [Fact]
    public async Task Draft_submit_return_with_a_comment_resubmit_and_approve_and_only_approved_figures_are_judged()
    {
        var s = await ResolutionAsync("501-KL/TU");
        var id = ApiScenarios.SubmissionId(s.Lead, s.Resolution, "2021-2023");

        var saved = await app.PutAsync("/api/submissions/draft", Draft(s, budget: 14), 200, token: s.LeadToken);
        saved.GetProperty("submissionId").GetGuid().ShouldBe(id);
        saved.GetProperty("state").GetString().ShouldBe("Draft");
        saved.GetProperty("version").GetInt64().ShouldBe(1);
        // Saving again replaces the draft whole.
        saved = await app.PutAsync("/api/submissions/draft", Draft(s), 200, token: s.LeadToken);
        saved.GetProperty("version").GetInt64().ShouldBe(2);
        var draft = await app.GetAsync($"/api/submissions/{id}", token: s.LeadToken);
        draft.GetProperty("state").GetString().ShouldBe("Draft");
        draft.GetProperty("draft").GetProperty("figures")[0].GetProperty("value").GetDecimal().ShouldBe(15.4m);
        // A draft is recorded nowhere else: the target has no figure and no status.
        (await app.EventTypesAsync(s.Targets[0])).ShouldNotContain("progress_reported");
        (await StatusAsync(s.Targets[0])).GetProperty("judgement").GetProperty("status").GetString().ShouldBe("NoData");

        var submitted = await app.PostAsync($"/api/submissions/{id}/submit", new { }, 200, token: s.LeadToken);
        submitted.GetProperty("state").GetString().ShouldBe("Submitted");
        submitted.GetProperty("figures").GetArrayLength().ShouldBe(2);
        var reportId = submitted.GetProperty("reportId").GetGuid();
        (await app.EventTypesAsync(reportId)).ShouldBe(["report_submitted"]);
        (await app.EventTypesAsync(s.Targets[0])).ShouldContain("progress_reported");
        (await app.EventTypesAsync(s.Tasks[0])).ShouldContain("task_progress_reported");
        (await app.GetAsync($"/api/reports/{reportId}")).GetProperty("narrative").GetProperty("limitations").GetString().ShouldBe("Giải ngân chậm");
        // Submitted but not approved: not judged by default.
        var status = await StatusAsync(s.Targets[0]);
        status.GetProperty("judgement").GetProperty("status").GetString().ShouldBe("NoData");
        status.GetProperty("latest").ValueKind.ShouldBe(JsonValueKind.Null);
        var budgetFigure = submitted.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("targetId").GetGuid() == s.Targets[0])
            .GetProperty("figureId").GetGuid();

        // The secretariat returns it with a reason and a comment on one figure.
        await app.RefusedAsync(() => app.PostAsync($"/api/submissions/{id}/return", new { reason = "" }, 400));
        await app.RefusedAsync(() => app.PostAsync($"/api/submissions/{id}/return",
            new { reason = "Thiếu nguồn", comments = new[] { new { figureId = Guid.NewGuid(), text = "?" } } }, 400));
        var returned = await app.PostAsync($"/api/submissions/{id}/return", new
        {
            reason = "Số liệu thu ngân sách chưa có xác nhận của Cục Thống kê",
            comments = new[] { new { targetId = (Guid?)s.Targets[0], figureId = (Guid?)budgetFigure, text = "Đề nghị ghi rõ nguồn số liệu" } },
        }, 200);
        returned.GetProperty("state").GetString().ShouldBe("Returned");
        (await app.EventTypesAsync(s.Targets[0])).ShouldContain("figures_returned");
        var afterReturn = await app.GetAsync($"/api/submissions/{id}", token: s.LeadToken);
        afterReturn.GetProperty("state").GetString().ShouldBe("Returned");
        var step = afterReturn.GetProperty("steps").EnumerateArray().Last();
        step.GetProperty("state").GetString().ShouldBe("Returned");
        step.GetProperty("by").GetString().ShouldBe("van.phong@tinhuy");
        step.GetProperty("reason").GetString().ShouldBe("Số liệu thu ngân sách chưa có xác nhận của Cục Thống kê");
        step.GetProperty("comments")[0].GetProperty("figureId").GetGuid().ShouldBe(budgetFigure);
        step.GetProperty("comments")[0].GetProperty("text").GetString().ShouldBe("Đề nghị ghi rõ nguồn số liệu");
        afterReturn.GetProperty("pending").GetArrayLength().ShouldBe(0);
        // A returned figure never counts, and is corrected by submitting again, not by revising it.
        (await StatusAsync(s.Targets[0])).GetProperty("judgement").GetProperty("status").GetString().ShouldBe("NoData");
        (await app.RefusedAsync(() => app.PostAsync($"/api/targets/{s.Targets[0]}/figures/{budgetFigure}/revisions",
            new { value = 15.2, stage = "Preliminary", reason = "Bổ sung nguồn" }, 409, token: s.LeadToken)))
            .GetProperty("detail").GetString()!.ShouldContain("returned");

        // The unit corrects its draft and submits again; the secretariat approves.
        await app.PutAsync("/api/submissions/draft", Draft(s), 200, token: s.LeadToken);
        await app.PostAsync($"/api/submissions/{id}/submit", new { }, 200, token: s.LeadToken);
        await app.RefusedAsync(() => app.PostAsync($"/api/submissions/{id}/approve", new { version = 1 }, 409));
        var approved = await app.PostAsync($"/api/submissions/{id}/approve", new { comment = "Thống nhất" }, 200);
        approved.GetProperty("state").GetString().ShouldBe("Approved");
        await app.RefusedAsync(() => app.PostAsync($"/api/submissions/{id}/approve", new { }, 409));

        var judged = await StatusAsync(s.Targets[0]);
        judged.GetProperty("judgement").GetProperty("status").GetString().ShouldBe("AchievedOrExceeded");
        judged.GetProperty("latest").GetProperty("value").GetDecimal().ShouldBe(15.4m);
        var final = await app.GetAsync($"/api/submissions/{id}", token: app.TokenFor(Roles.Committee));
        final.GetProperty("state").GetString().ShouldBe("Approved");
        final.GetProperty("locked").GetBoolean().ShouldBeTrue();
        final.GetProperty("reportIds").GetArrayLength().ShouldBe(2);
        final.GetProperty("steps").EnumerateArray().Select(x => x.GetProperty("state").GetString())
            .ShouldBe(["Draft", "Draft", "Submitted", "Returned", "Draft", "Submitted", "Approved"]);

        // The history and the audit feed narrate every step in Vietnamese, with the unit.
        var committee = app.TokenFor(Roles.Committee);
        var history = (await app.GetAsync($"/api/submissions/{id}/history", token: committee)).GetProperty("entries").EnumerateArray().ToList();
        history.Count.ShouldBe(7);
        history.ShouldAllBe(e => e.GetProperty("unitId").GetGuid() == s.Lead);
        var summaries = history.Select(e => e.GetProperty("summary").GetString()!).ToList();
        summaries[0].ShouldStartWith("Lưu bản nháp báo cáo");
        summaries.ShouldContain(x => x.StartsWith("Nộp báo cáo") && x.Contains("để phê duyệt"));
        summaries.ShouldContain(x => x.StartsWith("Trả lại báo cáo"));
        summaries.Last().ShouldStartWith("Phê duyệt báo cáo");
        history.Single(e => e.GetProperty("eventType").GetString() == "submission_returned").GetProperty("reason").GetString()!
            .ShouldContain("Số liệu thu ngân sách chưa có xác nhận của Cục Thống kê");
        var feed = (await app.GetAsync($"/api/audit?unitId={s.Lead}&limit=1000", token: committee)).GetProperty("entries").EnumerateArray().ToList();
        var figuresApproved = feed.Where(e => e.GetProperty("eventType").GetString() == "figures_approved").ToList();
        figuresApproved.Count.ShouldBe(2);
        figuresApproved.ShouldAllBe(e => e.GetProperty("unitId").GetGuid() == s.Lead && e.GetProperty("summary").GetString()!.StartsWith("Phê duyệt"));
        feed.ShouldContain(e => e.GetProperty("eventType").GetString() == "figures_returned" && e.GetProperty("summary").GetString()!.StartsWith("Trả lại"));
        // The resolution's history tells the cycle too.
        var resolutionHistory = (await app.GetAsync($"/api/resolutions/{s.Resolution}/history?limit=1000", token: committee)).GetProperty("entries");
        resolutionHistory.EnumerateArray().ShouldContain(e => e.GetProperty("eventType").GetString() == "submission_approved");
    }

    [Fact]
    public async Task Submitted_figures_count_only_when_asked_for_and_approval_counts_them()
    {
        var s = await ResolutionAsync("502-KL/TU");
        await app.PostAsync("/api/reports", new { unitId = s.Lead, period = "2021-2023",
            figures = new[] { new { targetId = s.Targets[0], value = 15.4, stage = "Estimate" } } }, 201);
        var id = ApiScenarios.SubmissionId(s.Lead, s.Resolution, "2021-2023");
        var submission = await app.GetAsync($"/api/submissions/{id}");
        submission.GetProperty("state").GetString().ShouldBe("Submitted");
        submission.GetProperty("pending").GetArrayLength().ShouldBe(1);
        (await StatusAsync(s.Targets[0])).GetProperty("judgement").GetProperty("status").GetString().ShouldBe("NoData");

        await app.ApproveAsync(s.Lead, s.Resolution, "2021-2023");
        (await StatusAsync(s.Targets[0])).GetProperty("judgement").GetProperty("status").GetString().ShouldBe("AchievedOrExceeded");
    }

    [Fact]
    public async Task A_direct_report_into_a_locked_period_is_refused_and_appends_nothing()
    {
        var s = await ResolutionAsync("504-KL/TU");
        await app.PostAsync("/api/reports", new { period = "2023-H1",
            figures = new[] { new { targetId = s.Targets[0], value = 12.0, stage = "Estimate" } } }, 201, token: s.LeadToken);
        await app.ApproveAsync(s.Lead, s.Resolution, "2023-H1");

        var problem = await app.RefusedAsync(() => app.PostAsync("/api/reports", new { period = "2023-H1",
            figures = new[] { new { targetId = s.Targets[2], value = 18, stage = "Estimate" } },
            taskUpdates = new[] { new { taskId = s.Tasks[0], percentDone = 70 } } }, 409, token: s.LeadToken));
        problem.GetProperty("detail").GetString()!.ShouldContain("locked");
        // Another period, or another unit's report on the same resolution, is not locked.
        await app.PostAsync("/api/reports", new { period = "2023", figures = new[] { new { targetId = s.Targets[2], value = 18, stage = "Estimate" } } },
            201, token: s.LeadToken);
        await app.PostAsync("/api/reports", new { period = "2023-H1", figures = new[] { new { targetId = s.Targets[0], value = 12.2, stage = "Estimate" } } },
            201, token: s.CoopToken);
    }

    [Fact]
    public async Task A_report_touching_two_resolutions_submits_to_each_and_racing_reports_on_one_submission_are_both_recorded()
    {
        var s = await ResolutionAsync("505-KL/TU");
        // Two reports of the same unit and period on one resolution, at the same moment: both land on the one submission.
        var first = app.PostAsync("/api/reports", new { period = "2023-H1", figures = new[] { new { targetId = s.Targets[0], value = 12.0, stage = "Estimate" } } },
            201, token: s.LeadToken);
        var second = app.PostAsync("/api/reports", new { period = "2023-H1", figures = new[] { new { targetId = s.Targets[2], value = 18, stage = "Estimate" } } },
            201, token: s.LeadToken);
        await Task.WhenAll(first, second);
        var id = ApiScenarios.SubmissionId(s.Lead, s.Resolution, "2023-H1");
        var submission = await app.GetAsync($"/api/submissions/{id}");
        submission.GetProperty("reportIds").GetArrayLength().ShouldBe(2);
        submission.GetProperty("pending").GetArrayLength().ShouldBe(2);
        // Racing again on the submission that now exists: Marten's version check at commit, and the write runs again.
        await Task.WhenAll(
            app.PostAsync("/api/reports", new { period = "2023-H1", taskUpdates = new[] { new { taskId = s.Tasks[0], percentDone = 30 } } }, 201, token: s.LeadToken),
            app.PostAsync("/api/reports", new { period = "2023-H1", taskUpdates = new[] { new { taskId = s.Tasks[1], percentDone = 80 } } }, 201, token: s.LeadToken));
        submission = await app.GetAsync($"/api/submissions/{id}");
        submission.GetProperty("reportIds").GetArrayLength().ShouldBe(4);
        submission.GetProperty("taskIds").GetArrayLength().ShouldBe(2);
        submission.GetProperty("version").GetInt64().ShouldBe(4);

        var other = await ResolutionAsync("506-KL/TU");
        await app.PostAsync("/api/reports", new
        {
            unitId = s.Lead, period = "2023",
            figures = new[] { new { targetId = s.Targets[0], value = 12.0, stage = "Estimate" } },
            taskUpdates = new[] { new { taskId = s.Tasks[0], percentDone = 50 } },
        }, 201);
        await app.PostAsync("/api/reports", new { unitId = other.Lead, period = "2023", figures = new[] { new { targetId = other.Targets[0], value = 11.0, stage = "Estimate" } } }, 201);
        (await app.GetAsync($"/api/submissions/{ApiScenarios.SubmissionId(s.Lead, s.Resolution, "2023")}")).GetProperty("taskIds").GetArrayLength().ShouldBe(1);
        (await app.GetAsync($"/api/submissions?resolutionId={other.Resolution}")).GetProperty("totalItems").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_draft_names_only_targets_and_tasks_of_its_resolution_assigned_to_the_unit_and_every_refusal_appends_nothing()
    {
        var s = await ResolutionAsync("507-KL/TU");
        var other = await ResolutionAsync("508-KL/TU");
        object With(object figure) => new { resolutionId = s.Resolution, period = "2023-H1", figures = new[] { figure } };

        var unknown = Guid.NewGuid();
        (await app.RefusedAsync(() => app.PutAsync("/api/submissions/draft", With(new { targetId = unknown, value = 1, stage = "Estimate" }), 404,
            token: s.LeadToken))).GetProperty("detail").GetString()!.ShouldContain(unknown.ToString());
        (await app.RefusedAsync(() => app.PutAsync("/api/submissions/draft", With(new { targetId = other.Targets[0], value = 1, stage = "Estimate" }), 400,
            token: s.LeadToken))).ErrorFields().ShouldBe(["figures[0].targetId"]);
        // XH-01 is the co-operating unit's, not the lead's.
        await app.RefusedAsync(() => app.PutAsync("/api/submissions/draft", With(new { targetId = s.Targets[1], value = 1, stage = "Estimate" }), 403,
            token: s.LeadToken));
        await app.RefusedAsync(() => app.PutAsync("/api/submissions/draft", With(new { targetId = s.Targets[2], value = -1, stage = "Estimate" }), 400,
            token: s.LeadToken));
        await app.RefusedAsync(() => app.PutAsync("/api/submissions/draft", new { resolutionId = Guid.NewGuid(), period = "2023-H1",
            narrative = new { results = "x" } }, 404, token: s.LeadToken));
        await app.RefusedAsync(() => app.PutAsync("/api/submissions/draft", new { unitId = s.Lead, resolutionId = s.Resolution, period = "2023-H1",
            narrative = new { results = "x" } }, 400, token: s.LeadToken));
        await app.RefusedAsync(() => app.PutAsync("/api/submissions/draft", new { resolutionId = s.Resolution, period = "2023-H1" }, 400,
            token: s.LeadToken));
        await app.RefusedAsync(() => app.PutAsync("/api/submissions/draft", new { resolutionId = s.Resolution, period = "2023-H1",
            narrative = new { results = "x" } }, 400));

        var id = ApiScenarios.SubmissionId(s.Lead, s.Resolution, "2023-H1");
        await app.RefusedAsync(() => app.PostAsync($"/api/submissions/{id}/submit", new { }, 404, token: s.LeadToken));
        await app.PutAsync("/api/submissions/draft", With(new { targetId = s.Targets[0], value = 11, stage = "Estimate" }), 200, token: s.LeadToken);
        await app.RefusedAsync(() => app.PutAsync("/api/submissions/draft", new { resolutionId = s.Resolution, period = "2023-H1",
            narrative = new { results = "x" }, version = 7 }, 409, token: s.LeadToken));
        // Nothing to approve or return, no exception for what is not approved.
        await app.RefusedAsync(() => app.PostAsync($"/api/submissions/{id}/approve", new { }, 409));
        await app.RefusedAsync(() => app.PostAsync($"/api/submissions/{id}/return", new { reason = "x" }, 409));
        await app.RefusedAsync(() => app.PostAsync($"/api/submissions/{id}/lock-exceptions", new { reason = "x", expiresAt = "2023-08-01T00:00:00+07:00" }, 409));
        await app.PostAsync($"/api/submissions/{id}/submit", new { }, 200, token: s.LeadToken);
        // Submitted: no draft to submit and no new draft until the secretariat decides.
        await app.RefusedAsync(() => app.PostAsync($"/api/submissions/{id}/submit", new { }, 409, token: s.LeadToken));
        await app.RefusedAsync(() => app.PutAsync("/api/submissions/draft", With(new { targetId = s.Targets[0], value = 11, stage = "Estimate" }), 409,
            token: s.LeadToken));
        await app.RefusedAsync(() => app.PostAsync($"/api/submissions/{Guid.NewGuid()}/approve", new { }, 404));
    }

    [Fact]
    public async Task A_reporter_works_only_on_its_own_units_submissions_only_the_secretariat_decides_and_the_committee_reads()
    {
        var s = await ResolutionAsync("509-KL/TU");
        var id = ApiScenarios.SubmissionId(s.Lead, s.Resolution, "2023-H1");
        await app.PutAsync("/api/submissions/draft", new { resolutionId = s.Resolution, period = "2023-H1",
            figures = new[] { new { targetId = s.Targets[0], value = 11, stage = "Estimate" } } }, 200, token: s.LeadToken);

        // The co-operating unit (assigned to the target too) does not read or submit the lead's submission.
        await app.GetAsync($"/api/submissions/{id}", 403, s.CoopToken);
        await app.GetAsync($"/api/submissions?unitId={s.Lead}", 403, s.CoopToken);
        (await app.GetAsync("/api/submissions", token: s.CoopToken)).GetProperty("totalItems").GetInt32().ShouldBe(0);
        (await app.GetAsync("/api/submissions", token: s.LeadToken)).GetProperty("totalItems").GetInt32().ShouldBe(1);
        await app.RefusedAsync(() => app.PostAsync($"/api/submissions/{id}/submit", new { }, 403, token: s.CoopToken));
        await app.GetAsync($"/api/submissions/{id}/history", 403, s.LeadToken);

        await app.PostAsync($"/api/submissions/{id}/submit", new { }, 200, token: s.LeadToken);
        foreach (var (path, body) in new (string, object)[]
                 {
                     ("approve", new { }), ("return", new { reason = "Thiếu số liệu" }),
                     ("lock-exceptions", new { reason = "x", expiresAt = "2023-08-01T00:00:00+07:00" }),
                 })
        {
            await app.RefusedAsync(() => app.PostAsync($"/api/submissions/{id}/{path}", body, 403, token: s.LeadToken));
            await app.RefusedAsync(() => app.PostAsync($"/api/submissions/{id}/{path}", body, 403, token: app.TokenFor(Roles.Committee)));
        }
        var committee = app.TokenFor(Roles.Committee);
        (await app.GetAsync($"/api/submissions/{id}", token: committee)).GetProperty("state").GetString().ShouldBe("Submitted");
        (await app.GetAsync($"/api/submissions?unitId={s.Lead}&state=Submitted", token: committee)).GetProperty("totalItems").GetInt32().ShouldBe(1);
        (await app.GetAsync($"/api/submissions?resolutionId={s.Resolution}&period=2023-H1&state=Approved", token: committee))
            .GetProperty("totalItems").GetInt32().ShouldBe(0);
        await app.RefusedAsync(() => app.PutAsync("/api/submissions/draft", new { unitId = s.Lead, resolutionId = s.Resolution, period = "2023",
            narrative = new { results = "x" } }, 403, token: committee));
        await app.GetAsync("/api/submissions?state=Bogus", 400, committee);
    }
}

/// <summary>
/// The lock walk, on a clock of its own (it only moves forward): approve → refused revision → exception → revision →
/// re-approval → a second exception expires → refused.
/// </summary>
public class SubmissionLockTests(SubmissionLockTests.World app) : IClassFixture<SubmissionLockTests.World>
{
    /// <summary>Starts at 15/7/2023 09:00 Vietnam time, as every fixture does.</summary>
    public sealed class World : AppFixture;

    private async Task<JsonElement> StatusAsync(Guid target) => await app.GetAsync($"/api/targets/{target}");

    [Fact]
    public async Task Approval_locks_the_period_an_exception_lets_one_revision_through_and_its_expiry_locks_again()
    {
        var s = await SubmissionCycleTests.ResolutionAsync(app, "503-KL/TU");
        var accepted = await app.PostAsync("/api/reports", new { period = "2023-H1",
            figures = new[] { new { targetId = s.Targets[0], value = 12.0, stage = "Estimate" } } }, 201, token: s.LeadToken);
        var figure = accepted.GetProperty("figures")[0].GetProperty("figureId").GetGuid();
        var id = ApiScenarios.SubmissionId(s.Lead, s.Resolution, "2023-H1");
        // Before approval the unit revises freely.
        var revised = await app.PostAsync($"/api/targets/{s.Targets[0]}/figures/{figure}/revisions",
            new { value = 12.5, stage = "Preliminary", reason = "Số sơ bộ" }, 201, token: s.LeadToken);
        var preliminary = revised.GetProperty("figureId").GetGuid();
        await app.ApproveAsync(s.Lead, s.Resolution, "2023-H1");
        // The revision made while the report waited is the one approved.
        var status = await StatusAsync(s.Targets[0]);
        status.GetProperty("latest").GetProperty("figureId").GetGuid().ShouldBe(preliminary);

        // Locked: the revision is refused with a clear message, nothing appended.
        var refused = await app.RefusedAsync(() => app.PostAsync($"/api/targets/{s.Targets[0]}/figures/{preliminary}/revisions",
            new { value = 13.1, stage = "Official", reason = "Số chính thức" }, 409, token: s.LeadToken));
        refused.GetProperty("detail").GetString()!.ShouldContain("approved and is locked");
        var refusedVi = await app.RefusedAsync(() => app.PostAsync($"/api/targets/{s.Targets[0]}/figures/{preliminary}/revisions",
            new { value = 13.1, stage = "Official", reason = "Số chính thức" }, 409, more: x => x.WithRequestHeader("Accept-Language", "vi"),
            token: s.LeadToken));
        refusedVi.GetProperty("detail").GetString()!.ShouldContain("đã được phê duyệt và bị khoá");
        // So is a new draft of the approved period.
        await app.RefusedAsync(() => app.PutAsync("/api/submissions/draft", new { resolutionId = s.Resolution, period = "2023-H1",
            figures = new[] { new { targetId = s.Targets[0], value = 13.1, stage = "Official" } } }, 409, token: s.LeadToken));

        // The secretariat grants an exception until 20/7/2023 17:00 Vietnam time.
        await app.RefusedAsync(() => app.PostAsync($"/api/submissions/{id}/lock-exceptions",
            new { reason = "Cục Thống kê công bố số chính thức", expiresAt = "2023-07-01T00:00:00+07:00" }, 400));
        await app.RefusedAsync(() => app.PostAsync($"/api/submissions/{id}/lock-exceptions", new { reason = "", expiresAt = "2023-07-20T17:00:00+07:00" }, 400));
        var granted = await app.PostAsync($"/api/submissions/{id}/lock-exceptions",
            new { reason = "Cục Thống kê công bố số chính thức", expiresAt = "2023-07-20T17:00:00+07:00" }, 200);
        granted.GetProperty("state").GetString().ShouldBe("Approved");
        var unlocked = await app.GetAsync($"/api/submissions/{id}", token: s.LeadToken);
        unlocked.GetProperty("locked").GetBoolean().ShouldBeFalse();
        unlocked.GetProperty("lockException").GetProperty("reason").GetString().ShouldBe("Cục Thống kê công bố số chính thức");

        // Under the exception the revision is accepted and the report waits for approval again; the approved figure still counts.
        var official = (await app.PostAsync($"/api/targets/{s.Targets[0]}/figures/{preliminary}/revisions",
            new { value = 13.1, stage = "Official", reason = "Số chính thức" }, 201, token: s.LeadToken)).GetProperty("figureId").GetGuid();
        var reopened = await app.GetAsync($"/api/submissions/{id}", token: s.LeadToken);
        reopened.GetProperty("state").GetString().ShouldBe("Submitted");
        reopened.GetProperty("pending")[0].GetProperty("figureId").GetGuid().ShouldBe(official);
        (await StatusAsync(s.Targets[0])).GetProperty("latest").GetProperty("figureId").GetGuid().ShouldBe(preliminary);
        (await app.EventTypesAsync(id)).ShouldContain("submission_reopened");

        // Re-approval: the official figure counts; the exception the secretariat opened stays open until it expires.
        await app.ApproveAsync(s.Lead, s.Resolution, "2023-H1");
        (await StatusAsync(s.Targets[0])).GetProperty("latest").GetProperty("figureId").GetGuid().ShouldBe(official);
        (await app.GetAsync($"/api/submissions/{id}", token: s.LeadToken)).GetProperty("locked").GetBoolean().ShouldBeFalse();

        // The clock passes the exception's expiry: refused again, and the message says it expired.
        app.Clock.SetUtcNow(new DateTimeOffset(2023, 7, 20, 10, 0, 1, TimeSpan.Zero));
        (await app.GetAsync($"/api/submissions/{id}", token: s.LeadToken)).GetProperty("locked").GetBoolean().ShouldBeTrue();
        var expired = await app.RefusedAsync(() => app.PostAsync($"/api/targets/{s.Targets[0]}/figures/{official}/revisions",
            new { value = 13.2, stage = "Official", reason = "Sửa lỗi" }, 409, token: s.LeadToken));
        expired.GetProperty("detail").GetString()!.ShouldContain("expired");
        var expiredVi = await app.RefusedAsync(() => app.PostAsync($"/api/targets/{s.Targets[0]}/figures/{official}/revisions",
            new { value = 13.2, stage = "Official", reason = "Sửa lỗi" }, 409, more: x => x.WithRequestHeader("Accept-Language", "vi"), token: s.LeadToken));
        expiredVi.GetProperty("detail").GetString()!.ShouldContain("17:00 20/07/2023");

        var history = (await app.GetAsync($"/api/submissions/{id}/history", token: app.TokenFor(Roles.Committee))).GetProperty("entries")
            .EnumerateArray().ToList();
        var grant = history.First(e => e.GetProperty("eventType").GetString() == "lock_exception_granted");
        grant.GetProperty("summary").GetString().ShouldBe("Cho phép mở khoá số liệu báo cáo 6 tháng đầu năm 2023 đến 20/07/2023 17:00");
        grant.GetProperty("reason").GetString().ShouldBe("Cục Thống kê công bố số chính thức");
        history.ShouldContain(e => e.GetProperty("eventType").GetString() == "submission_reopened"
                                   && e.GetProperty("summary").GetString()!.Contains("chờ phê duyệt lại"));
    }
}
