using System.Net;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Web;

/// <summary>The secretariat's approval pages: the queue (/submissions) and one report (/submissions/{id}) with its approve and return forms.</summary>
public class ApprovalPagesTests(ApprovalPagesTests.World world) : IClassFixture<ApprovalPagesTests.World>
{
    public sealed class World : SampleWorld
    {
        private int _count;

        /// <summary>A fresh resolution whose target and task unit A leads, and unit A's report on them for the first half of 2023, waiting for approval.</summary>
        public async Task<(Guid Submission, Guid Resolution, Guid Target, Guid Task, string Number)> WaitingReportAsync()
        {
            var number = $"{Interlocked.Increment(ref _count) + 40}-KL/TU";
            var resolution = await this.PostAsync("/api/resolutions", new
            {
                number, kind = "Conclusion", issuingBody = "Tỉnh ủy", issueDate = "2021-10-20", periodStartYear = 2021, periodEndYear = 2025,
                title = "Kết luận thử duyệt báo cáo", fields = new[] { "Xã hội" },
                targets = new[] { new { field = "Xã hội", statement = "Tỷ lệ hộ nghèo giảm còn dưới 2%", shape = "LevelAtMost", maximum = 2, unitOfMeasure = "%", targetYear = 2025, leadUnitId = UnitA } },
                tasks = new[] { new { group = "Xã hội", statement = "Xây dựng nhà văn hoá thôn", leadUnitId = UnitA, deadline = "2024-12-31" } },
            }, 201);
            var resolutionId = resolution.GetProperty("id").GetGuid();
            var target = resolution.GetProperty("targetIds")[0].GetGuid();
            var task = resolution.GetProperty("taskIds")[0].GetGuid();
            await this.PostAsync("/api/reports", new
            {
                period = "2023-H1",
                figures = new[] { new { targetId = target, value = 2.35, stage = "Preliminary", source = "Phòng Lao động" } },
                taskUpdates = new[] { new { taskId = task, percentDone = 40, note = "Đã khởi công" } },
                narrative = new { results = "Giảm nghèo đạt kết quả bước đầu", limitations = "Nguồn lực còn hạn chế" },
            }, 201, token: ReporterA);
            return (ApiScenarios.SubmissionId(UnitA, resolutionId, "2023-H1"), resolutionId, target, task, number);
        }
    }

    [Fact]
    public async Task The_queue_lists_the_reports_waiting_and_a_report_shows_its_figures_tasks_narrative_and_history()
    {
        var (submission, _, target, task, number) = await world.WaitingReportAsync();
        using var session = await PageSession.SignedInAsync(world.Host, "secretariat");

        var (status, queue) = await session.GetHtmlAsync("/submissions");
        status.ShouldBe(HttpStatusCode.OK, queue);
        queue.ShouldContain("<h1>Duyệt báo cáo</h1>");
        queue.ShouldContain($"<td>{number}</td>");
        queue.ShouldContain("DON-VI-A");
        queue.ShouldContain("<td>6 tháng đầu năm 2023</td>");
        queue.ShouldContain("<td>15/07/2023 09:00</td>");
        queue.ShouldContain($"href=\"/submissions/{submission}\"");

        var (detailStatus, html) = await session.GetHtmlAsync($"/submissions/{submission}");
        detailStatus.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain($"<a href=\"/targets/{target}\">Tỷ lệ hộ nghèo giảm còn dưới 2%</a>");
        html.ShouldContain("<td class=\"num\">2,35 <span class=\"muted\">%</span></td>");
        html.ShouldContain("<td>sơ bộ</td>");
        html.ShouldContain("Phòng Lao động");
        html.ShouldContain($"<a href=\"/tasks/{task}\">Xây dựng nhà văn hoá thôn</a>");
        html.ShouldContain("<td class=\"num\">40 %</td>");
        html.ShouldContain("Đã khởi công");
        html.ShouldContain("Giảm nghèo đạt kết quả bước đầu");
        html.ShouldContain("Nguồn lực còn hạn chế");
        html.ShouldContain("<span class=\"badge status-amber\" id=\"state\">chờ phê duyệt</span>");
        html.ShouldContain("reporter.DON-VI-A@test");
        html.ShouldContain("Phê duyệt báo cáo");
        html.ShouldContain("<label for=\"reason\">Lý do trả lại</label>");
    }

    [Fact]
    public async Task Approving_through_the_form_appends_the_approval_and_the_report_shows_approved()
    {
        var (submission, _, target, _, _) = await world.WaitingReportAsync();
        using var session = await PageSession.SignedInAsync(world.Host, "secretariat");
        var before = await world.EventCountAsync();

        var answer = await session.SubmitAsync($"/submissions/{submission}", $"/submissions/{submission}?handler=Approve",
            new Dictionary<string, string> { ["version"] = "1", ["comment"] = "Thống nhất số liệu" });

        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        answer.Headers.Location!.ToString().ShouldBe($"/submissions/{submission}?done=approved");
        // The submission's approval and the figures' approval on the target's stream.
        (await world.EventCountAsync()).ShouldBe(before + 2);
        (await world.EventTypesAsync(submission)).ShouldContain("submission_approved");
        (await world.EventTypesAsync(target)).ShouldContain("figures_approved");

        var (status, html) = await session.GetHtmlAsync($"/submissions/{submission}?done=approved");
        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("Đã phê duyệt báo cáo");
        html.ShouldContain("<span class=\"badge status-green\" id=\"state\">đã phê duyệt</span>");
        html.ShouldContain("Thống nhất số liệu");
        html.ShouldNotContain("handler=Approve");
    }

    [Fact]
    public async Task Returning_without_a_reason_shows_the_APIs_message_beside_the_reason_and_appends_nothing()
    {
        var (submission, _, _, _, _) = await world.WaitingReportAsync();
        using var session = await PageSession.SignedInAsync(world.Host, "secretariat");
        var before = await world.EventCountAsync();

        var answer = await session.SubmitAsync($"/submissions/{submission}", $"/submissions/{submission}?handler=Return",
            new Dictionary<string, string> { ["version"] = "1", ["reason"] = "", ["remarks[0].figureId"] = Guid.Empty.ToString(), ["remarks[0].text"] = "" });

        var html = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest, html);
        html.ShouldContain("aria-invalid=\"true\" aria-describedby=\"reason-error\"");
        // The API's own message (FluentValidation's, in Vietnamese), beside the field it names.
        html.ShouldMatch("<p class=\"error\" id=\"reason-error\">[^<]*reason[^<]* không được rỗng.</p>");
        (await world.EventCountAsync()).ShouldBe(before);
        var (_, page) = await session.GetHtmlAsync($"/submissions/{submission}");
        page.ShouldContain("id=\"state\">chờ phê duyệt</span>");
    }

    [Fact]
    public async Task Returning_with_a_reason_and_a_remark_on_a_figure_sends_the_report_back_with_them()
    {
        var (submission, _, _, _, _) = await world.WaitingReportAsync();
        using var session = await PageSession.SignedInAsync(world.Host, "secretariat");
        var (_, form) = await session.GetHtmlAsync($"/submissions/{submission}");
        var figureId = System.Text.RegularExpressions.Regex.Match(form, "name=\"remarks\\[0\\].figureId\" value=\"([^\"]+)\"").Groups[1].Value;
        figureId.ShouldNotBeEmpty(form);
        var before = await world.EventCountAsync();

        var answer = await session.SubmitAsync($"/submissions/{submission}", $"/submissions/{submission}?handler=Return", new Dictionary<string, string>
        {
            ["version"] = "1", ["reason"] = "Số liệu chưa khớp với Cục Thống kê",
            ["remarks[0].figureId"] = figureId, ["remarks[0].text"] = "Ghi rõ nguồn số liệu",
            ["remarks[1].taskId"] = Guid.NewGuid().ToString(), ["remarks[1].text"] = "",
        });

        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        (await world.EventCountAsync()).ShouldBeGreaterThan(before);
        (await world.EventTypesAsync(submission)).ShouldContain("submission_returned");
        var (_, html) = await session.GetHtmlAsync($"/submissions/{submission}?done=returned");
        html.ShouldContain("Đã trả lại báo cáo cho đơn vị kèm lý do.");
        html.ShouldContain("id=\"state\">bị trả lại</span>");
        html.ShouldContain("Số liệu chưa khớp với Cục Thống kê");
        html.ShouldContain("<strong>Tỷ lệ hộ nghèo giảm còn dưới 2%</strong>: <span lang=\"vi\">Ghi rõ nguồn số liệu</span>");
    }

    [Fact]
    public async Task A_stale_form_gets_the_APIs_conflict_and_appends_nothing()
    {
        var (submission, _, _, _, _) = await world.WaitingReportAsync();
        using var session = await PageSession.SignedInAsync(world.Host, "secretariat");
        var before = await world.EventCountAsync();

        var answer = await session.SubmitAsync($"/submissions/{submission}", $"/submissions/{submission}?handler=Approve",
            new Dictionary<string, string> { ["version"] = "7" });

        var html = await answer.Content.ReadAsStringAsync();
        ((int)answer.StatusCode).ShouldBeOneOf(409, 412);
        html.ShouldContain("<p class=\"error\" role=\"alert\">Xung đột dữ liệu: Dữ liệu đang ở phiên bản 1, không phải 7.");
        (await world.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_reporter_posting_the_approve_form_is_refused_and_nothing_is_appended()
    {
        var (submission, _, _, _, _) = await world.WaitingReportAsync();
        using var reporter = await PageSession.SignedInAsync(world.Host, "reporter", "DON-VI-A");
        // The reporter reads its own unit's report (as the API allows) but is offered no form.
        var (status, html) = await reporter.GetHtmlAsync($"/submissions/{submission}");
        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldNotContain("handler=Approve");
        var before = await world.EventCountAsync();

        var answer = await reporter.SubmitAsync($"/submissions/{submission}", $"/submissions/{submission}?handler=Approve",
            new Dictionary<string, string> { ["version"] = "1" });

        answer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await world.EventCountAsync()).ShouldBe(before);

        // Another unit's reporter may not even read it.
        using var other = await PageSession.SignedInAsync(world.Host, "reporter", "DON-VI-B");
        (await other.GetHtmlAsync($"/submissions/{submission}")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }
}
