using System.Text.Json;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Reporting;

public class ReportEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<(Guid[] Targets, Guid[] Tasks, Guid Lead, Guid Coop)> ResolutionAsync(string number)
    {
        var lead = await app.RegisterUnitAsync($"L-{Guid.NewGuid():N}"[..20]);
        var coop = await app.RegisterUnitAsync($"C-{Guid.NewGuid():N}"[..20]);
        var body = await app.PostAsync("/api/resolutions", SeedData.BorderConclusion(number, lead, coop), 201);
        return (body.GetProperty("targetIds").EnumerateArray().Select(e => e.GetGuid()).ToArray(),
            body.GetProperty("taskIds").EnumerateArray().Select(e => e.GetGuid()).ToArray(), lead, coop);
    }

    private static object Submission(Guid unit, Guid[] targets, Guid task) => new
    {
        unitId = unit,
        period = "2023-H1",
        figures = new object[]
        {
            new { targetId = targets[0], value = 15.4, stage = "Estimate", asOf = "2023-06-30", source = "Báo cáo 6 tháng" },
            new { targetId = targets[2], value = 19, stage = "Preliminary", items = new[] { "Xã Thường Phước 1", "Xã Thường Thới Hậu A" } },
        },
        taskUpdates = new[] { new { taskId = task, percentDone = 60, note = "Đang hoàn thiện hồ sơ" } },
        narrative = new
        {
            results = "Thu ngân sách ước đạt 55% dự toán",
            limitations = "Giải ngân vốn đầu tư công còn chậm",
            objectiveCauses = "Giá vật liệu xây dựng tăng",
            subjectiveCauses = "Công tác phối hợp chưa chặt chẽ",
            proposals = "Đề nghị bổ sung vốn",
        },
        evidenceReferences = new[] { "Báo cáo số 123/BC-UBND ngày 30/6/2023" },
    };

    [Fact]
    public async Task A_submission_appends_its_figures_task_updates_and_narrative_together()
    {
        var (targets, tasks, lead, _) = await ResolutionAsync("301-KL/TU");
        var before = await app.EventCountAsync();
        var accepted = await app.PostAsync("/api/reports", Submission(lead, targets, tasks[0]), 201);
        // Two figures, a task update, the report, and the submission of the unit for the resolution and period.
        (await app.EventCountAsync()).ShouldBe(before + 5);

        var reportId = accepted.GetProperty("reportId").GetGuid();
        accepted.GetProperty("figures").GetArrayLength().ShouldBe(2);
        (await app.EventTypesAsync(reportId)).ShouldBe(["report_submitted"]);
        (await app.EventTypesAsync(targets[0])).ShouldContain("progress_reported");
        (await app.EventTypesAsync(tasks[0])).ShouldContain("task_progress_reported");
        var submissionId = accepted.GetProperty("submissionIds").EnumerateArray().Single().GetGuid();
        (await app.EventTypesAsync(submissionId)).ShouldBe(["submission_submitted"]);

        var report = await app.GetAsync($"/api/reports/{reportId}");
        report.GetProperty("period").GetString().ShouldBe("2023-H1");
        report.GetProperty("narrative").GetProperty("subjectiveCauses").GetString().ShouldBe("Công tác phối hợp chưa chặt chẽ");

        // Submitted, not yet approved: the figure waits; approved, it is the latest preliminary figure.
        (await app.GetAsync($"/api/targets/{targets[2]}")).GetProperty("latestPreliminary").ValueKind.ShouldBe(JsonValueKind.Null);
        (await app.ApproveSubmittedAsync(lead)).ShouldBe(1);
        var communes = await app.GetAsync($"/api/targets/{targets[2]}");
        communes.GetProperty("latestPreliminary").GetProperty("items").GetArrayLength().ShouldBe(2);
        (await app.GetAsync($"/api/reports?unitId={lead}&period=2023-H1")).GetProperty("totalItems").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task The_budget_growing_15_4_percent_a_year_against_10_to_12_is_judged_exceeded()
    {
        var (targets, _, lead, _) = await ResolutionAsync("302-KL/TU");
        await app.PostAsync("/api/reports", new { unitId = lead, period = "2021-2023", figures = new[] { new { targetId = targets[0], value = 15.4, stage = "Estimate" } } }, 201);
        await app.ApproveSubmittedAsync(lead);
        var judgement = (await app.GetAsync($"/api/targets/{targets[0]}")).GetProperty("judgement");
        judgement.GetProperty("status").GetString().ShouldBe("AchievedOrExceeded");
        judgement.GetProperty("statusText").GetString().ShouldBe("đạt/vượt");
        judgement.GetProperty("explanation").GetString()!.ShouldContain("15,4");
    }

    [Fact]
    public async Task Stored_events_carry_the_correlation_id_the_unit_and_the_reason()
    {
        var (targets, tasks, lead, _) = await ResolutionAsync("307-KL/TU");
        var accepted = await app.PostAsync("/api/reports", Submission(lead, targets, tasks[0]), 201,
            s => s.WithRequestHeader("X-Correlation-Id", "bc-6-thang-2023"));
        var figure = accepted.GetProperty("figures")[0].GetProperty("figureId").GetGuid();
        await app.PostAsync($"/api/targets/{targets[0]}/figures/{figure}/revisions",
            new { value = 15.1, stage = "Preliminary", reason = "Cục Thống kê công bố số sơ bộ" }, 201);

        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "select type, correlation_id, headers->>'unit', headers->>'reason', user_name from monitoring.mt_events where stream_id = $1 order by version",
            connection) { Parameters = { new Npgsql.NpgsqlParameter { Value = targets[0] } } };
        var rows = new List<(string Type, string? Correlation, string? Unit, string? Reason, string? User)>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                rows.Add((reader.GetString(0), reader[1] as string, reader[2] as string, reader[3] as string, reader[4] as string));

        var reported = rows.Single(r => r.Type == "progress_reported");
        reported.Correlation.ShouldBe("bc-6-thang-2023");
        reported.Unit.ShouldBe(lead.ToString());
        reported.User.ShouldNotBeNullOrWhiteSpace();
        var revised = rows.Single(r => r.Type == "figure_revised");
        revised.Reason.ShouldBe("Cục Thống kê công bố số sơ bộ");
        revised.Correlation.ShouldNotBe("bc-6-thang-2023");
    }

    [Fact]
    public async Task One_unknown_target_refuses_the_whole_submission_and_nothing_is_appended()
    {
        var (targets, _, lead, _) = await ResolutionAsync("303-KL/TU");
        var missing = Guid.NewGuid();
        var problem = await app.RefusedAsync(() => app.PostAsync("/api/reports", new
        {
            unitId = lead, period = "2023-H1",
            figures = new object[] { new { targetId = targets[0], value = 12, stage = "Estimate" }, new { targetId = missing, value = 1, stage = "Estimate" } },
        }, 404));
        problem.GetProperty("detail").GetString()!.ShouldContain(missing.ToString());
    }

    [Fact]
    public async Task Invalid_submissions_name_each_field_and_append_nothing()
    {
        var (targets, tasks, lead, _) = await ResolutionAsync("304-KL/TU");
        var problem = await app.RefusedAsync(() => app.PostAsync("/api/reports", new
        {
            unitId = lead, period = "2023-H3",
            figures = new object[] { new { targetId = targets[0], stage = "Estimate" } },
            taskUpdates = new[] { new { taskId = tasks[0], percentDone = 140 } },
        }, 400));
        problem.ErrorFields().ShouldBe(["period", "figures[0].value", "taskUpdates[0].percentDone"], ignoreOrder: true);

        var stale = await app.RefusedAsync(() => app.PostAsync("/api/reports", new
        {
            unitId = lead, period = "2023-H1", figures = new[] { new { targetId = targets[0], value = 12, stage = "Estimate", expectedVersion = 99 } },
        }, 409));
        stale.GetProperty("status").GetInt32().ShouldBe(409);

        await app.RefusedAsync(() => app.PostAsync("/api/reports", new { unitId = Guid.NewGuid(), period = "2023", narrative = new { results = "x" } }, 404));
    }

    [Fact]
    public async Task A_malformed_body_is_a_400_problem_and_appends_nothing()
    {
        var before = await app.EventCountAsync();
        await app.Host.Scenario(s =>
        {
            s.Post.Text("{ \"unitId\": ").ToUrl("/api/reports");
            s.Authorized(app.SecretariatToken);
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
        });
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_gives_the_first_answer_again_and_appends_nothing()
    {
        var (targets, tasks, lead, _) = await ResolutionAsync("305-KL/TU");
        var body = Submission(lead, targets, tasks[0]);
        var first = await app.PostAsync("/api/reports", body, 201, s => s.WithRequestHeader("Idempotency-Key", "bc-2023-h1-lead"));

        var again = await app.RefusedAsync(() => app.PostAsync("/api/reports", body, 201, s => s.WithRequestHeader("Idempotency-Key", "bc-2023-h1-lead")));
        again.GetProperty("reportId").GetGuid().ShouldBe(first.GetProperty("reportId").GetGuid());
        again.GetProperty("figures")[0].GetProperty("figureId").GetGuid().ShouldBe(first.GetProperty("figures")[0].GetProperty("figureId").GetGuid());

        var different = new { unitId = lead, period = "2023-H1", narrative = new { results = "khác" } };
        var problem = await app.RefusedAsync(() => app.PostAsync("/api/reports", different, 422, s => s.WithRequestHeader("Idempotency-Key", "bc-2023-h1-lead")));
        problem.GetProperty("status").GetInt32().ShouldBe(422);
    }

    [Fact]
    public async Task Simultaneous_submissions_of_one_unit_for_one_period_are_all_kept()
    {
        var (_, _, lead, _) = await ResolutionAsync("308-KL/TU");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            app.PostAsync("/api/reports", new { unitId = lead, period = "2023-H1", narrative = new { results = $"báo cáo {i}" } }, 201)));

        var submissions = (await app.GetAsync($"/api/units/{lead}/submissions")).EnumerateArray().Single();
        submissions.GetProperty("submissions").GetArrayLength().ShouldBe(8);
    }

    [Fact]
    public async Task Unit_submissions_show_each_period_on_time_or_late_against_the_due_date()
    {
        var (_, _, lead, _) = await ResolutionAsync("306-KL/TU");
        // The clock reads 15 July 2023. July's report is due on 19 July (data to Friday 14/7, three working days after it);
        // 2022-H2's was due on 21 December 2022 (data to 14/12, five working days).
        await app.PostAsync("/api/reports", new { unitId = lead, period = "2023-07", narrative = new { results = "đúng hạn" } }, 201);
        await app.PostAsync("/api/reports", new { unitId = lead, period = "2022-H2", narrative = new { results = "trễ hạn" } }, 201);

        var submissions = (await app.GetAsync($"/api/units/{lead}/submissions")).EnumerateArray().ToList();
        submissions.Select(s => s.GetProperty("period").GetString()).ShouldBe(["2022-H2", "2023-07"]);
        submissions[0].GetProperty("late").GetBoolean().ShouldBeTrue();
        submissions[0].GetProperty("dueDate").GetString().ShouldBe("2022-12-21");
        submissions[1].GetProperty("dueDate").GetString().ShouldBe("2023-07-19");
        submissions[1].GetProperty("onTime").GetBoolean().ShouldBeTrue();
        await app.GetAsync($"/api/units/{Guid.NewGuid()}/submissions", 404);
    }
}
