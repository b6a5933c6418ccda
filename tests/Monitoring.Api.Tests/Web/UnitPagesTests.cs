using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Web;

/// <summary>
/// The reporting unit's pages over HTTP, as a district clerk uses them at the end of June: what is due, the report form
/// (draft, Vietnamese numbers, the API's messages beside the fields, submit), returned reports, explanation requests; and a
/// reporter of another unit refused. Resolutions are defined on 2 May 2023, so their units owe the 2023-H1 report (data
/// cut-off 14/06, due 21/06/2023); the clock then stands on 15 July 2023, when that report is overdue.
/// </summary>
public class UnitPagesTests(UnitPagesTests.World world) : IClassFixture<UnitPagesTests.World>
{
    /// <summary>One resolution: for unit A an amount target (tỷ đồng), a share target (%) and a task; for unit B a target and a task.</summary>
    public sealed record Defined(Guid Id, string Number, Guid Amount, Guid Share, Guid TargetB, Guid Task, Guid TaskB);

    public sealed class World : AppFixture
    {
        protected override DateTimeOffset StartsAt => new(2023, 5, 2, 2, 0, 0, TimeSpan.Zero);

        public Guid UnitA, UnitB, Explanation;
        public Defined Listed = null!, Drafted = null!, Refused = null!, Submitted = null!, Returned = null!, Guarded = null!, English = null!, Behalf = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            UnitA = await this.RegisterUnitAsync("DV-HUYEN-A", "Ủy ban nhân dân huyện A");
            UnitB = await this.RegisterUnitAsync("DV-HUYEN-B", "Ủy ban nhân dân huyện B");
            Listed = await DefineAsync("501-NQ/TU");
            Drafted = await DefineAsync("502-NQ/TU");
            Refused = await DefineAsync("503-NQ/TU");
            Submitted = await DefineAsync("504-NQ/TU");
            Returned = await DefineAsync("505-NQ/TU");
            Guarded = await DefineAsync("506-NQ/TU");
            English = await DefineAsync("507-NQ/TU");
            Behalf = await DefineAsync("508-NQ/TU");
            Clock.SetUtcNow(new DateTimeOffset(2023, 7, 15, 2, 0, 0, TimeSpan.Zero));

            // Unit A sent 505's report through the API; the secretariat returned it with a remark on the amount target.
            var reporterA = TokenFor(Roles.Reporter, "DV-HUYEN-A");
            await this.PutAsync("/api/submissions/draft", new
            {
                resolutionId = Returned.Id, period = "2023-H1",
                figures = new[] { new { targetId = Returned.Amount, value = 27000.5m, stage = "Estimate", asOf = "2023-06-30" } },
            }, 200, token: reporterA);
            var submission = ApiScenarios.SubmissionId(UnitA, Returned.Id, "2023-H1");
            await this.PostAsync($"/api/submissions/{submission}/submit", new { version = 1 }, 200, token: reporterA);
            await this.PostAsync($"/api/submissions/{submission}/return", new
            {
                reason = "Thiếu nguồn số liệu thu ngân sách",
                comments = new[] { new { targetId = Returned.Amount, text = "Ghi rõ nguồn: Kho bạc Nhà nước tỉnh" } },
                version = 2,
            }, 200);

            // The committee asks unit A to explain its share target.
            Explanation = (await this.PostAsync("/api/explanation-requests", new
            {
                targetId = Listed.Share, question = "Đề nghị giải trình nguyên nhân tỷ lệ tham gia bảo hiểm y tế thấp", dueDate = "2023-07-31",
            }, 201, token: TokenFor(Roles.Committee))).GetProperty("requestId").GetGuid();
        }

        private async Task<Defined> DefineAsync(string number)
        {
            var body = await this.PostAsync("/api/resolutions", new
            {
                number, kind = "Resolution", issuingBody = "Tỉnh ủy", issueDate = "2021-10-20", periodStartYear = 2021, periodEndYear = 2025,
                title = $"Nghị quyết {number} về phát triển kinh tế - xã hội", fields = new[] { "Kinh tế", "Xã hội", "Hạ tầng" },
                targets = new object[]
                {
                    new { field = "Kinh tế", statement = $"Thu ngân sách nhà nước trên địa bàn đạt trên 29.000 tỷ đồng ({number})", shape = "LevelAtLeast", minimum = 29000, unitOfMeasure = "tỷ đồng", targetYear = 2025, leadUnitId = UnitA },
                    new { field = "Xã hội", statement = $"Tỷ lệ dân số tham gia bảo hiểm y tế đạt 95% ({number})", shape = "LevelAtLeast", minimum = 95, unitOfMeasure = "%", targetYear = 2025, leadUnitId = UnitA },
                    new { field = "Xã hội", statement = $"Tỷ lệ hộ nghèo huyện B giảm còn dưới 3% ({number})", shape = "LevelAtMost", maximum = 3, unitOfMeasure = "%", targetYear = 2025, leadUnitId = UnitB },
                },
                tasks = new object[]
                {
                    new { group = "Hạ tầng", statement = $"Nâng cấp cửa khẩu Thường Phước ({number})", leadUnitId = UnitA, deadline = "2024-12-31" },
                    new { group = "Hạ tầng", statement = $"Xây dựng cầu qua sông huyện B ({number})", leadUnitId = UnitB, deadline = "2025-06-30" },
                },
            }, 201);
            var targets = body.GetProperty("targetIds").EnumerateArray().Select(e => e.GetGuid()).ToArray();
            var tasks = body.GetProperty("taskIds").EnumerateArray().Select(e => e.GetGuid()).ToArray();
            return new Defined(body.GetProperty("id").GetGuid(), number, targets[0], targets[1], targets[2], tasks[0], tasks[1]);
        }
    }

    private Task<PageSession> ReporterAsync(string unit = "DV-HUYEN-A") => PageSession.SignedInAsync(world.Host, "reporter", unit);

    private static string Form(Defined r) => $"/unit/reports/{r.Id}/2023-H1";

    /// <summary>The form as a clerk fills it: one row per owed target and task of unit A, the given values typed in.</summary>
    private static List<KeyValuePair<string, string>> Fields(Defined r, string intent, string amount = "", string share = "", string percent = "",
        bool completed = false, string completedOn = "", string results = "", string? version = null, string amountAsOf = "", string amountSource = "")
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Figures[0].TargetId", r.Amount.ToString()), new("Figures[0].Value", amount), new("Figures[0].Stage", "Preliminary"),
            new("Figures[0].AsOf", amountAsOf), new("Figures[0].Source", amountSource), new("Figures[0].Note", ""),
            new("Figures[1].TargetId", r.Share.ToString()), new("Figures[1].Value", share), new("Figures[1].Stage", "Estimate"),
            new("Figures[1].AsOf", ""), new("Figures[1].Source", ""), new("Figures[1].Note", ""),
            new("Tasks[0].TaskId", r.Task.ToString()), new("Tasks[0].PercentDone", percent), new("Tasks[0].CompletedOn", completedOn),
            new("Tasks[0].Note", ""),
            new("Narrative.Results", results), new("Evidence", ""), new("Version", version ?? ""), new("Intent", intent),
        };
        if (completed) fields.Add(new("Tasks[0].Completed", "true"));
        return fields;
    }

    /// <summary>The table row of the obligations page for a resolution.</summary>
    private static string RowOf(string html, string number, string period = "6 tháng đầu năm 2023") =>
        Regex.Matches(html, "<tr>.*?</tr>", RegexOptions.Singleline).Select(m => m.Value)
            .Single(row => row.Contains(number) && row.Contains($"<td>{period}</td>"));

    private async Task<JsonElement> SubmissionAsync(Defined r) =>
        await world.GetAsync($"/api/submissions/{ApiScenarios.SubmissionId(world.UnitA, r.Id, "2023-H1")}");

    [Fact]
    public async Task The_obligations_page_lists_the_due_period_with_its_due_date_days_overdue_state_and_a_link_to_the_form()
    {
        using var session = await ReporterAsync();
        var (status, html) = await session.GetHtmlAsync("/unit");
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("<h1>Việc cần báo cáo</h1>");
        html.ShouldContain("DV-HUYEN-A — Ủy ban nhân dân huyện A");
        var row = RowOf(html, "501-NQ/TU</td>");
        row.ShouldContain("6 tháng đầu năm 2023");
        row.ShouldContain("15/12/2022 – 14/06/2023");
        row.ShouldContain("21/06/2023");
        row.ShouldContain("quá hạn 24 ngày");
        row.ShouldContain("chưa lập");
        row.ShouldContain("chưa nộp, đã quá hạn");
        row.ShouldContain("2 chỉ tiêu");
        row.ShouldContain("1 nhiệm vụ");
        row.ShouldContain($"href=\"/unit/reports/{world.Listed.Id}/2023-H1\"");
        row.ShouldContain("Lập báo cáo");
        // The year 2023 has begun (its data from 15/12/2022) and is due on 21/12/2023.
        var year = RowOf(html, "501-NQ/TU</td>", "năm 2023");
        year.ShouldContain("21/12/2023");
        year.ShouldContain("còn 159 ngày");
        year.ShouldContain("chưa đến hạn");
        // Unit B's targets are not unit A's business.
        html.ShouldNotContain("DV-HUYEN-B");
    }

    private static IEnumerable<string> RegexRowsOf(string html, string number) =>
        Regex.Matches(html, "<tr>.*?</tr>", RegexOptions.Singleline).Select(m => m.Value).Where(row => row.Contains(number));

    [Fact]
    public async Task A_returned_report_comes_first_with_the_secretariats_reason_and_remarks_and_its_form_is_prefilled_to_correct()
    {
        using var session = await ReporterAsync();
        var (_, html) = await session.GetHtmlAsync("/unit");
        var returned = html.IndexOf("Bị Văn phòng Tỉnh ủy trả lại", StringComparison.Ordinal);
        returned.ShouldBeGreaterThan(0);
        returned.ShouldBeLessThan(html.IndexOf("Cần báo cáo", StringComparison.Ordinal));
        html.ShouldContain("Thiếu nguồn số liệu thu ngân sách");
        html.ShouldContain("Ghi rõ nguồn: Kho bạc Nhà nước tỉnh");
        html.ShouldContain("<h3>505-NQ/TU · 6 tháng đầu năm 2023</h3>");
        RegexRowsOf(html, "505-NQ/TU</td>").ShouldNotContain(r => r.Contains("<td>6 tháng đầu năm 2023</td>"), "a returned report is listed once, first");

        var (status, form) = await session.GetHtmlAsync(Form(world.Returned));
        status.ShouldBe(HttpStatusCode.OK);
        form.ShouldContain("Văn phòng Tỉnh ủy đã trả lại báo cáo");
        form.ShouldContain("Ghi rõ nguồn: Kho bạc Nhà nước tỉnh");
        form.ShouldContain("value=\"27.000,5\"");
        form.ShouldContain("Lưu nháp");
    }

    [Fact]
    public async Task Saving_a_draft_stores_the_vietnamese_value_29_240_3_as_29240_3_sends_no_empty_row_and_prefills_the_form()
    {
        using var session = await ReporterAsync();
        var form = Form(world.Drafted);
        var answer = await session.SubmitAsync(form, form, Fields(world.Drafted, "save", amount: "29.240,3", percent: "60", amountAsOf: "30/06/2023",
            amountSource: "Cục Thống kê tỉnh", results: "Thu ngân sách 6 tháng đạt 52% dự toán"));
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        answer.Headers.Location!.ToString().ShouldBe(form);

        var id = ApiScenarios.SubmissionId(world.UnitA, world.Drafted.Id, "2023-H1");
        (await world.EventTypesAsync(id)).ShouldBe(["submission_draft_saved"]);
        var submission = await SubmissionAsync(world.Drafted);
        submission.GetProperty("state").GetString().ShouldBe("Draft");
        var draft = submission.GetProperty("draft");
        var figures = draft.GetProperty("figures");
        figures.GetArrayLength().ShouldBe(1, "the share row was left empty and is not sent");
        figures[0].GetProperty("targetId").GetGuid().ShouldBe(world.Drafted.Amount);
        figures[0].GetProperty("value").GetDecimal().ShouldBe(29240.3m);
        figures[0].GetProperty("stage").GetString().ShouldBe("Preliminary");
        figures[0].GetProperty("asOf").GetString().ShouldBe("2023-06-30");
        figures[0].GetProperty("source").GetString().ShouldBe("Cục Thống kê tỉnh");
        draft.GetProperty("taskUpdates")[0].GetProperty("percentDone").GetInt32().ShouldBe(60);
        draft.GetProperty("narrative").GetProperty("results").GetString().ShouldBe("Thu ngân sách 6 tháng đạt 52% dự toán");

        var (status, html) = await session.GetHtmlAsync(form);
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("Đã lưu bản nháp lúc 15/07/2023");
        html.ShouldContain("bản nháp");
        html.ShouldContain("id=\"fig-0-value\" name=\"Figures[0].Value\" value=\"29.240,3\"");
        html.ShouldContain("value=\"30/06/2023\"");
        html.ShouldContain("<option value=\"Preliminary\" selected=\"selected\">sơ bộ</option>");
        html.ShouldContain("Thu ngân sách 6 tháng đạt 52% dự toán");
        html.ShouldContain("name=\"Version\" value=\"1\"");

        // A form loaded before someone else saved: the API's 409, said in words, and the page reloaded.
        var stale = await session.SubmitAsync(form, form, Fields(world.Drafted, "save", amount: "1", version: "0"));
        stale.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await world.EventTypesAsync(id)).Count.ShouldBe(1);
        var (_, reloaded) = await session.GetHtmlAsync(form);
        reloaded.ShouldContain("đã được thay đổi ở nơi khác");
        reloaded.ShouldContain("value=\"29.240,3\"");
    }

    [Fact]
    public async Task A_value_that_is_not_a_number_or_that_the_api_refuses_is_shown_beside_its_row_keeps_what_was_typed_and_appends_nothing()
    {
        using var session = await ReporterAsync();
        var form = Form(world.Refused);
        var before = await world.EventCountAsync();

        // Text in the percent target: read by the page, nothing sent.
        var text = await session.SubmitAsync(form, form, Fields(world.Refused, "save", amount: "29.240,3", share: "chín mươi lăm"));
        text.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await text.Content.ReadAsStringAsync();
        html.ShouldContain("<div class=\"error\" id=\"fig-1-value-error\">");
        html.ShouldContain("Không phải là số");
        Regex.IsMatch(html, "id=\"fig-1-value\"[^>]*value=\"chín mươi lăm\"[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"fig-1-value-error number-hint\"")
            .ShouldBeTrue();
        html.ShouldContain("value=\"29.240,3\"");
        html.ShouldNotContain("id=\"fig-0-value-error\"");

        // An English decimal point is not guessed at: 29240.3 is refused in Vietnamese, as 1.500 would be read as 1500.
        var english = await session.SubmitAsync(form, form, Fields(world.Refused, "save", amount: "29240.3"));
        english.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await english.Content.ReadAsStringAsync()).ShouldContain("<div class=\"error\" id=\"fig-0-value-error\">");

        // 120 % is a number the API refuses; it is the only row sent (figures[0]) and its message lands on the share row.
        var refused = await session.SubmitAsync(form, form, Fields(world.Refused, "save", share: "120"));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        html = await refused.Content.ReadAsStringAsync();
        html.ShouldContain("<div class=\"error\" id=\"fig-1-value-error\">");
        html.ShouldContain("Tỷ lệ (%) phải từ 0 đến 100");
        html.ShouldNotContain("id=\"fig-0-value-error\"");
        html.ShouldContain("value=\"120\"");

        // A task marked completed without its day: the API's message beside "Ngày hoàn thành".
        var task = await session.SubmitAsync(form, form, Fields(world.Refused, "save", percent: "100", completed: true));
        task.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await task.Content.ReadAsStringAsync()).ShouldContain("<div class=\"error\" id=\"task-0-completedOn-error\">");

        (await world.EventCountAsync()).ShouldBe(before);
        (await world.EventTypesAsync(ApiScenarios.SubmissionId(world.UnitA, world.Refused.Id, "2023-H1"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Submitting_through_the_form_records_the_figures_awaiting_approval_and_shows_the_report_read_only()
    {
        using var session = await ReporterAsync();
        var form = Form(world.Submitted);
        var answer = await session.SubmitAsync(form, form, Fields(world.Submitted, "submit", amount: "29.240,3", share: "91,5", percent: "100",
            completed: true, completedOn: "30/06/2023", results: "Hoàn thành nâng cấp cửa khẩu"));
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());

        var submission = await SubmissionAsync(world.Submitted);
        submission.GetProperty("state").GetString().ShouldBe("Submitted");
        submission.GetProperty("pending").GetArrayLength().ShouldBe(2);
        var id = ApiScenarios.SubmissionId(world.UnitA, world.Submitted.Id, "2023-H1");
        (await world.EventTypesAsync(id)).ShouldBe(["submission_draft_saved", "submission_submitted"]);
        var target = await world.GetAsync($"/api/targets/{world.Submitted.Amount}");
        var waiting = target.GetProperty("awaitingApproval");
        waiting.GetArrayLength().ShouldBe(1);
        waiting[0].GetProperty("value").GetDecimal().ShouldBe(29240.3m);
        waiting[0].GetProperty("period").GetString().ShouldBe("2023-H1");
        target.GetProperty("latest").ValueKind.ShouldBe(JsonValueKind.Null, "not approved yet: nothing counts");
        (await world.GetAsync($"/api/tasks/{world.Submitted.Task}")).GetProperty("completedOn").GetString().ShouldBe("2023-06-30");

        var (status, html) = await session.GetHtmlAsync(form);
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("Đã gửi báo cáo 6 tháng đầu năm 2023: 2 số liệu và 1 nhiệm vụ đang chờ Văn phòng Tỉnh ủy phê duyệt.");
        html.ShouldContain("đã gửi, chờ duyệt");
        html.ShouldContain("29.240,3");
        html.ShouldContain("91,5");
        html.ShouldContain("chưa phê duyệt");
        html.ShouldContain("Hoàn thành nâng cấp cửa khẩu");
        html.ShouldNotContain("Lưu nháp");
        html.ShouldNotContain("name=\"Figures[0].Value\"");

        var (_, list) = await session.GetHtmlAsync("/unit");
        var row = RowOf(list, "504-NQ/TU</td>");
        row.ShouldContain("đã gửi ngày 15/07/2023");
        row.ShouldContain("nộp muộn");
        row.ShouldContain("Xem báo cáo");
    }

    [Fact]
    public async Task A_reporter_of_unit_B_is_refused_unit_As_report_form_and_its_post_appends_nothing()
    {
        using var session = await ReporterAsync("DV-HUYEN-B");
        var other = $"{Form(world.Guarded)}?unitId={world.UnitA}";
        var (status, html) = await session.GetHtmlAsync(other);
        status.ShouldBe(HttpStatusCode.Forbidden);
        html.ShouldContain("Không có quyền truy cập");
        html.ShouldNotContain("Thu ngân sách nhà nước");
        (await session.GetHtmlAsync($"/unit?unitId={world.UnitA}")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await session.GetHtmlAsync($"/unit/explanations?unitId={world.UnitA}")).Status.ShouldBe(HttpStatusCode.Forbidden);

        var before = await world.EventCountAsync();
        var post = await session.SubmitAsync("/unit", other, Fields(world.Guarded, "submit", amount: "1"));
        post.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await world.EventCountAsync()).ShouldBe(before);

        // B's own form: B's target and task, none of A's.
        var (own, mine) = await session.GetHtmlAsync(Form(world.Guarded));
        own.ShouldBe(HttpStatusCode.OK);
        mine.ShouldContain("Tỷ lệ hộ nghèo huyện B giảm còn dưới 3% (506-NQ/TU)");
        mine.ShouldContain("Xây dựng cầu qua sông huyện B (506-NQ/TU)");
        mine.ShouldNotContain("Thu ngân sách nhà nước");

        // The secretariat may open unit A's form on its behalf.
        using var secretariat = await PageSession.SignedInAsync(world.Host, "secretariat");
        var (allowed, behalf) = await secretariat.GetHtmlAsync(other);
        allowed.ShouldBe(HttpStatusCode.OK);
        behalf.ShouldContain("DV-HUYEN-A — Ủy ban nhân dân huyện A");
        behalf.ShouldContain("Thu ngân sách nhà nước trên địa bàn đạt trên 29.000 tỷ đồng (506-NQ/TU)");
    }

    [Fact]
    public async Task Answering_an_explanation_request_records_the_answer_and_an_empty_one_gets_the_apis_message_beside_the_field()
    {
        using var session = await ReporterAsync();
        var (status, html) = await session.GetHtmlAsync("/unit/explanations");
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("Đề nghị giải trình nguyên nhân tỷ lệ tham gia bảo hiểm y tế thấp");
        html.ShouldContain("Chỉ tiêu Tỷ lệ dân số tham gia bảo hiểm y tế đạt 95% (501-NQ/TU)");
        html.ShouldContain("31/07/2023");
        html.ShouldContain("chờ giải trình");

        var before = await world.EventCountAsync();
        var empty = await session.SubmitAsync("/unit/explanations", "/unit/explanations?handler=Answer",
            [new("requestId", world.Explanation.ToString()), new("text", "  "), new("evidence", "")]);
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var refused = await empty.Content.ReadAsStringAsync();
        refused.ShouldContain($"<div class=\"error\" id=\"answer-{world.Explanation}-error\">");
        refused.ShouldContain($"aria-describedby=\"answer-{world.Explanation}-error\"");
        (await world.EventCountAsync()).ShouldBe(before);

        var answer = await session.SubmitAsync("/unit/explanations", "/unit/explanations?handler=Answer",
            [new("requestId", world.Explanation.ToString()), new("text", "Do người dân chưa quen với bảo hiểm y tế hộ gia đình"),
             new("evidence", "Báo cáo số 12/BC-UBND\nCông văn 34/BHXH")]);
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());

        var recorded = await world.GetAsync($"/api/explanation-requests/{world.Explanation}");
        recorded.GetProperty("state").GetString().ShouldBe("Answered");
        var given = recorded.GetProperty("answers")[0];
        given.GetProperty("text").GetString().ShouldBe("Do người dân chưa quen với bảo hiểm y tế hộ gia đình");
        given.GetProperty("unitId").GetGuid().ShouldBe(world.UnitA);
        given.GetProperty("evidenceReferences").EnumerateArray().Select(e => e.GetString()).ShouldBe(["Báo cáo số 12/BC-UBND", "Công văn 34/BHXH"]);

        var (_, after) = await session.GetHtmlAsync("/unit/explanations");
        after.ShouldContain("Đã ghi nhận nội dung giải trình");
        after.ShouldContain("đã giải trình, chờ xem xét");
        after.ShouldContain("Do người dân chưa quen với bảo hiểm y tế hộ gia đình");
    }

    [Fact]
    public async Task In_english_the_form_reads_numbers_the_english_way()
    {
        using var session = await ReporterAsync();
        (await session.GetAsync("/language?to=en&returnUrl=/unit")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var form = Form(world.English);
        var (status, html) = await session.GetHtmlAsync(form);
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("Report for first half of 2023");
        html.ShouldContain("Save draft");

        var answer = await session.SubmitAsync(form, form, Fields(world.English, "save", amount: "29,240.3", share: "91.5"));
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        var figures = (await SubmissionAsync(world.English)).GetProperty("draft").GetProperty("figures");
        figures[0].GetProperty("value").GetDecimal().ShouldBe(29240.3m);
        figures[1].GetProperty("value").GetDecimal().ShouldBe(91.5m);
        (await session.GetHtmlAsync(form)).Html.ShouldContain("value=\"29240.3\"");
    }

    [Fact]
    public async Task The_secretariat_saves_a_draft_on_unit_As_behalf_from_the_form_opened_with_its_unitId()
    {
        using var secretariat = await PageSession.SignedInAsync(world.Host, "secretariat", name: "chuyen.vien.vp");
        var form = $"{Form(world.Behalf)}?unitId={world.UnitA}";
        var answer = await secretariat.SubmitAsync(form, form, Fields(world.Behalf, "save", amount: "1.000"));
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        answer.Headers.Location!.ToString().ShouldBe(form);
        var submission = await SubmissionAsync(world.Behalf);
        submission.GetProperty("state").GetString().ShouldBe("Draft");
        submission.GetProperty("steps")[0].GetProperty("by").GetString().ShouldBe("chuyen.vien.vp");
        submission.GetProperty("draft").GetProperty("figures")[0].GetProperty("value").GetDecimal().ShouldBe(1000m);

        // Without naming the unit the secretariat is asked to (several units owe this report).
        (await secretariat.GetHtmlAsync(Form(world.Behalf))).Status.ShouldBe(HttpStatusCode.BadRequest);
    }
}
