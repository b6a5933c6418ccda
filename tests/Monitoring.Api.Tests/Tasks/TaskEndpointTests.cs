using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Tasks;

public class TaskEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<(Guid Task, Guid Unit)> TaskAsync(string number, string deadline = "2023-12-31")
    {
        var unit = await app.RegisterUnitAsync($"T-{Guid.NewGuid():N}"[..20]);
        var resolution = await app.PostAsync("/api/resolutions", new
        {
            number, kind = "Conclusion", issuingBody = "Tỉnh ủy", issueDate = "2023-07-10", periodStartYear = 2023, periodEndYear = 2023,
            title = "Kết luận về tình hình 6 tháng đầu năm và nhiệm vụ 6 tháng cuối năm 2023",
        }, 201);
        var task = await app.PostAsync("/api/tasks", new
        {
            resolutionId = resolution.GetProperty("id").GetGuid(),
            task = new { group = "Nhiệm vụ trọng tâm 6 tháng cuối năm", statement = "Đẩy nhanh tiến độ giải ngân vốn đầu tư công", deadline },
        }, 201);
        return (task.GetProperty("id").GetGuid(), unit);
    }

    [Fact]
    public async Task A_task_moves_from_not_started_to_in_progress_to_done_on_time()
    {
        var (task, unit) = await TaskAsync("201-KL/TU");
        (await app.GetAsync($"/api/tasks/{task}")).GetProperty("status").GetString().ShouldBe("NotStarted");

        await app.PostAsync($"/api/tasks/{task}/assignment", new { leadUnitId = unit, version = 1 }, 200);
        await app.PostAsync("/api/reports", new { unitId = unit, period = "2023-H1", taskUpdates = new[] { new { taskId = task, percentDone = 40, note = "Đã giải ngân 40%" } } }, 201);
        var inProgress = await app.GetAsync($"/api/tasks/{task}");
        inProgress.GetProperty("status").GetString().ShouldBe("InProgress");
        inProgress.GetProperty("statusText").GetString().ShouldBe("đang thực hiện");
        inProgress.GetProperty("percentDone").GetInt32().ShouldBe(40);

        await app.PostAsync($"/api/tasks/{task}/completion", new { completedOn = "2023-07-14" }, 200);
        (await app.GetAsync($"/api/tasks/{task}")).GetProperty("status").GetString().ShouldBe("DoneOnTime");
        (await app.EventTypesAsync(task)).ShouldBe(["task_defined", "task_assigned", "task_progress_reported", "task_completed"]);

        await app.RefusedAsync(() => app.PostAsync($"/api/tasks/{task}/completion", new { completedOn = "2023-07-14" }, 409));
    }

    [Fact]
    public async Task A_task_past_its_deadline_is_overdue_and_an_extension_with_a_reason_brings_it_back()
    {
        var (task, _) = await TaskAsync("202-KL/TU", deadline: "2023-06-30");
        (await app.GetAsync($"/api/tasks/{task}")).GetProperty("status").GetString().ShouldBe("Overdue");

        var noReason = await app.RefusedAsync(() => app.PostAsync($"/api/tasks/{task}/deadline-extensions", new { newDeadline = "2023-12-31" }, 400));
        noReason.ErrorFields().ShouldBe(["reason"]);
        await app.RefusedAsync(() => app.PostAsync($"/api/tasks/{task}/deadline-extensions", new { newDeadline = "2023-01-31", reason = "sớm hơn" }, 400));

        await app.PostAsync($"/api/tasks/{task}/deadline-extensions", new { newDeadline = "2023-12-31", reason = "Chờ hướng dẫn của Trung ương", decisionNumber = "88-TB/TU" }, 200);
        var extended = await app.GetAsync($"/api/tasks/{task}");
        extended.GetProperty("status").GetString().ShouldBe("NotStarted");
        extended.GetProperty("originalDeadline").GetString().ShouldBe("2023-06-30");
        extended.GetProperty("deadline").GetString().ShouldBe("2023-12-31");
    }

    [Fact]
    public async Task Suspend_and_reopen_say_why_and_refuse_what_makes_no_sense()
    {
        var (task, _) = await TaskAsync("203-KL/TU");
        await app.RefusedAsync(() => app.PostAsync($"/api/tasks/{task}/reopening", new { reason = "không có gì để mở lại" }, 409));
        await app.PostAsync($"/api/tasks/{task}/suspension", new { reason = "Chờ điều chỉnh quy hoạch" }, 200);
        (await app.GetAsync($"/api/tasks/{task}")).GetProperty("status").GetString().ShouldBe("Suspended");
        await app.RefusedAsync(() => app.PostAsync($"/api/tasks/{task}/suspension", new { reason = "lần nữa" }, 409));
        await app.PostAsync($"/api/tasks/{task}/reopening", new { reason = "Quy hoạch đã được phê duyệt" }, 200);
        (await app.GetAsync($"/api/tasks/{task}")).GetProperty("status").GetString().ShouldBe("NotStarted");
    }

    [Fact]
    public async Task Unknown_tasks_are_404_and_stale_versions_409_with_nothing_appended()
    {
        var (task, unit) = await TaskAsync("204-KL/TU");
        var missing = Guid.NewGuid();
        await app.GetAsync($"/api/tasks/{missing}", 404);
        await app.RefusedAsync(() => app.PostAsync($"/api/tasks/{missing}/completion", new { completedOn = "2023-07-01" }, 404));
        await app.RefusedAsync(() => app.PostAsync($"/api/tasks/{missing}/suspension", new { reason = "x" }, 404));
        await app.RefusedAsync(() => app.PostAsync($"/api/tasks/{missing}/reopening", new { reason = "x" }, 404));
        await app.RefusedAsync(() => app.PostAsync($"/api/tasks/{missing}/deadline-extensions", new { newDeadline = "2024-01-01", reason = "x" }, 404));
        await app.RefusedAsync(() => app.PostAsync($"/api/tasks/{missing}/assignment", new { leadUnitId = unit }, 404));
        await app.RefusedAsync(() => app.PostAsync($"/api/tasks/{task}/completion", new { completedOn = "2023-07-01", version = 5 }, 409));
        await app.RefusedAsync(() => app.PostAsync($"/api/tasks/{task}/completion", new { completedOn = "2030-01-01" }, 400));

        // Stale versions in the body or If-Match, on a write Wolverine's aggregate workflow loads.
        var current = (await app.GetAsync($"/api/tasks/{task}")).GetProperty("version").GetInt64();
        var stale = await app.RefusedAsync(() => app.PostAsync($"/api/tasks/{task}/suspension", new { reason = "x", version = current + 3 }, 409));
        stale.GetProperty("detail").GetString()!.ShouldContain($"{current}");
        await app.RefusedAsync(() => app.PostAsync($"/api/tasks/{task}/suspension", new { reason = "x" }, 409, s => s.WithRequestHeader("If-Match", $"\"{current + 1}\"")));
        var unknown = await app.RefusedAsync(() => app.PostAsync($"/api/tasks/{missing}/suspension", new { reason = "x" }, 404));
        unknown.GetProperty("status").GetInt32().ShouldBe(404);
        var done = await app.PostAsync($"/api/tasks/{task}/suspension", new { reason = "Tạm dừng" }, 200, s => s.WithRequestHeader("If-Match", $"\"{current}\""));
        done.GetProperty("version").GetInt64().ShouldBe(current + 1);
    }

    [Fact]
    public async Task Lists_filter_by_status_and_unit()
    {
        var (task, unit) = await TaskAsync("205-KL/TU", deadline: "2023-01-31");
        await app.PostAsync($"/api/tasks/{task}/assignment", new { leadUnitId = unit }, 200);
        var overdue = await app.GetAsync($"/api/tasks?status=Overdue&unitId={unit}");
        overdue.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ShouldBe([task]);
        (await app.GetAsync($"/api/tasks?status=DoneOnTime&unitId={unit}")).GetProperty("totalItems").GetInt32().ShouldBe(0);
        await app.GetAsync("/api/tasks?pageSize=0", 400);
    }
    [Fact]
    public async Task A_task_read_with_a_cut_off_shows_the_state_it_had_on_that_day()
    {
        var (task, unit) = await TaskAsync("299-KL/TU");
        await app.PostAsync($"/api/tasks/{task}/assignment", new { leadUnitId = unit, version = 1 }, 200);
        await app.PostAsync($"/api/tasks/{task}/completion", new { completedOn = "2023-07-14" }, 200);
        (await app.GetAsync($"/api/tasks/{task}")).GetProperty("status").GetString().ShouldBe("DoneOnTime");

        var before = await app.GetAsync($"/api/tasks/{task}?cutOff=2023-07-10");
        before.GetProperty("status").GetString().ShouldBe("NotStarted");
        before.GetProperty("completedOn").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var listed = (await app.GetAsync($"/api/tasks?cutOff=2023-07-10&pageSize=500")).GetProperty("items").EnumerateArray()
            .Single(t => t.GetProperty("id").GetGuid() == task);
        listed.GetProperty("status").GetString().ShouldBe("NotStarted");

        (await app.GetAsync($"/api/tasks/{task}?cutOff=10/07/2023", 400)).ErrorFields().ShouldBe(["cutOff"]);
        (await app.GetAsync($"/api/tasks?cutOff=2099-01-01", 400)).ErrorFields().ShouldBe(["cutOff"]);
    }
}
