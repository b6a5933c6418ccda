using System.Text.Json;
using Monitoring.Api.Reporting.Forms;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Excel;

/// <summary>
/// POST /api/submissions/form: a form filled as a clerk fills it, uploaded as a draft and submitted, gives exactly the events
/// the JSON draft and submission give; a wrong cell is a 400 naming its sheet, row and column and nothing is recorded, not
/// even the right rows; the same file twice records once.
/// </summary>
[Collection(ReportFormCollection.Name)]
public class ReportFormUploadTests(ReportFormWorld world)
{
    private const string Targets = ReportFormLayout.TargetSheet, Tasks = ReportFormLayout.TaskSheet, Narrative = ReportFormLayout.NarrativeSheet;
    private static readonly DateOnly Day = new(2023, 7, 10);

    /// <summary>The draft the filled form carries, as a JSON client would send it.</summary>
    private static object JsonDraft(ReportFormWorld.Scene s) => new
    {
        resolutionId = s.Resolution, period = ReportFormWorld.Period,
        figures = new object[]
        {
            new { targetId = s.Grdp, value = 29240.3m, stage = "Preliminary", asOf = "2023-07-10", source = "Cục Thống kê tỉnh" },
            new { targetId = s.Budget, value = 11.5m, stage = "Estimate", asOf = "2023-07-10" },
        },
        taskUpdates = new[] { new { taskId = s.Task, percentDone = 40, note = "Đang thi công" } },
        narrative = new { results = "Kinh tế tăng trưởng khá", proposals = "Đề nghị bố trí thêm vốn" },
        evidenceReferences = new[] { "Báo cáo số 12/BC-UBND" },
    };

    /// <summary>The same draft typed into the form: GRDP as text the Vietnamese way, the budget as a number, dates as a date and as text.</summary>
    private async Task<byte[]> FilledAsync(ReportFormWorld.Scene s, Action<FormFiller>? more = null)
    {
        var form = FormFiller.Of(await world.DownloadAsync(s, world.ReporterA));
        var grdp = form.RowOf(Targets, s.Grdp);
        var budget = form.RowOf(Targets, s.Budget);
        form.Text(Targets, grdp, ReportFormLayout.Value, "29.240,3")
            .Text(Targets, grdp, ReportFormLayout.Stage, "sơ bộ")
            .Date(Targets, grdp, ReportFormLayout.AsOf, Day)
            .Text(Targets, grdp, ReportFormLayout.Source, "Cục Thống kê tỉnh")
            .Number(Targets, budget, ReportFormLayout.Value, 11.5)
            .Text(Targets, budget, ReportFormLayout.Stage, "ước tính", inline: true)
            .Text(Targets, budget, ReportFormLayout.AsOf, "10/07/2023");
        var task = form.RowOf(Tasks, s.Task);
        form.Number(Tasks, task, ReportFormLayout.PercentDone, 40).Text(Tasks, task, ReportFormLayout.TaskNote, "Đang thi công");
        form.Text(Narrative, form.RowOf(Narrative, "results"), ReportFormLayout.Text, "Kinh tế tăng trưởng khá")
            .Text(Narrative, form.RowOf(Narrative, "proposals"), ReportFormLayout.Text, "Đề nghị bố trí thêm vốn")
            .Text(Narrative, form.RowOf(Narrative, "Tài liệu kèm theo 1 (số, ký hiệu văn bản)"), ReportFormLayout.Text, "Báo cáo số 12/BC-UBND");
        more?.Invoke(form);
        return form.Bytes();
    }

    private async Task<List<string>> TypesAsync(Guid stream) => await world.EventTypesAsync(stream);

    [Fact]
    public async Task A_filled_form_saved_as_a_draft_and_submitted_gives_the_events_of_the_JSON_path()
    {
        var json = await world.SceneAsync("811-KL/TU");
        var xlsx = await world.SceneAsync("812-KL/TU");
        var file = await FilledAsync(xlsx);

        // Draft: one PUT on the JSON side, one upload on the other.
        await world.PutAsync("/api/submissions/draft", JsonDraft(json), 200, token: world.ReporterA);
        var drafted = await world.UploadAsync(file, "draft");
        drafted.Status.ShouldBe(200, drafted.Body + string.Join("\n", world.Logs.Lines));
        drafted.Body.GetProperty("state").GetString().ShouldBe("Draft");
        drafted.Body.GetProperty("figures").GetInt32().ShouldBe(2);
        drafted.Body.GetProperty("taskUpdates").GetInt32().ShouldBe(1);
        (await TypesAsync(xlsx.SubmissionOf(world.UnitA))).ShouldBe(await TypesAsync(json.SubmissionOf(world.UnitA)));

        // The draft holds what the clerk typed: "29.240,3" is 29240.3, the number cell 11.5, dates from a date cell and from text.
        var draft = (await world.GetAsync($"/api/submissions/{xlsx.SubmissionOf(world.UnitA)}", token: world.ReporterA)).GetProperty("draft");
        var jsonDraft = (await world.GetAsync($"/api/submissions/{json.SubmissionOf(world.UnitA)}", token: world.ReporterA)).GetProperty("draft");
        Normalize(draft, xlsx, json).ShouldBe(jsonDraft.ToString());
        draft.GetProperty("figures")[0].GetProperty("value").GetDecimal().ShouldBe(29240.3m);
        draft.GetProperty("figures")[1].GetProperty("asOf").GetString().ShouldBe("2023-07-10");

        // Submit: the upload saves the draft again and submits it, as a client would with PUT then POST .../submit.
        await world.PutAsync("/api/submissions/draft", JsonDraft(json), 200, token: world.ReporterA);
        await world.PostAsync($"/api/submissions/{json.SubmissionOf(world.UnitA)}/submit", new { }, 200, token: world.ReporterA);
        var submitted = await world.UploadAsync(file, "submit");
        submitted.Status.ShouldBe(200, submitted.Body.ToString());
        submitted.Body.GetProperty("state").GetString().ShouldBe("Submitted");
        var report = submitted.Body.GetProperty("reportId").GetGuid();

        (await TypesAsync(xlsx.SubmissionOf(world.UnitA))).ShouldBe(await TypesAsync(json.SubmissionOf(world.UnitA)));
        (await TypesAsync(xlsx.SubmissionOf(world.UnitA))).ShouldBe(["submission_draft_saved", "submission_draft_saved", "submission_submitted"]);
        (await TypesAsync(xlsx.Grdp)).ShouldBe(await TypesAsync(json.Grdp));
        (await TypesAsync(xlsx.Grdp)).ShouldContain("progress_reported");
        (await TypesAsync(xlsx.Budget)).ShouldBe(await TypesAsync(json.Budget));
        (await TypesAsync(xlsx.Task)).ShouldBe(await TypesAsync(json.Task));
        (await TypesAsync(report)).ShouldBe(["report_submitted"]);

        // The figure waiting for approval on the target is 29240.3, as the clerk typed it.
        var status = await world.GetAsync($"/api/targets/{xlsx.Grdp}?includeSubmitted=true", token: world.ReporterA);
        status.GetProperty("awaitingApproval")[0].GetProperty("value").GetDecimal().ShouldBe(29240.3m);
        status.GetProperty("awaitingApproval")[0].GetProperty("stage").GetString().ShouldBe("Preliminary");
        status.GetProperty("awaitingApproval")[0].GetProperty("source").GetString().ShouldBe("Cục Thống kê tỉnh");
    }

    /// <summary>The draft as JSON with the other scene's ids, to compare the two drafts whole.</summary>
    private static string Normalize(JsonElement draft, ReportFormWorld.Scene from, ReportFormWorld.Scene to) => draft.ToString()
        .Replace(from.Grdp.ToString(), to.Grdp.ToString()).Replace(from.Budget.ToString(), to.Budget.ToString()).Replace(from.Task.ToString(), to.Task.ToString());

    [Fact]
    public async Task A_form_filled_and_saved_again_by_LibreOffice_Calc_is_read_the_same()
    {
        var s = await world.SceneAsync("819-KL/TU");
        var resaved = await LibreOffice.ResaveAsync(await FilledAsync(s));
        var uploaded = await world.UploadAsync(resaved, "draft");
        uploaded.Status.ShouldBe(200, uploaded.Body.ToString());
        var draft = (await world.GetAsync($"/api/submissions/{s.SubmissionOf(world.UnitA)}", token: world.ReporterA)).GetProperty("draft");
        draft.GetProperty("figures")[0].GetProperty("value").GetDecimal().ShouldBe(29240.3m);
        draft.GetProperty("figures")[0].GetProperty("stage").GetString().ShouldBe("Preliminary");
        draft.GetProperty("figures")[1].GetProperty("value").GetDecimal().ShouldBe(11.5m);
        draft.GetProperty("figures")[1].GetProperty("asOf").GetString().ShouldBe("2023-07-10");
        draft.GetProperty("taskUpdates")[0].GetProperty("percentDone").GetInt32().ShouldBe(40);
        draft.GetProperty("narrative").GetProperty("proposals").GetString().ShouldBe("Đề nghị bố trí thêm vốn");
        draft.GetProperty("evidenceReferences")[0].GetString().ShouldBe("Báo cáo số 12/BC-UBND");
    }

    [Fact]
    public async Task A_percentage_typed_as_one_and_a_formula_are_read_as_a_clerk_means_them()
    {
        var s = await world.SceneAsync("820-KL/TU");
        var file = await FilledAsync(s, form =>
        {
            // "40%" typed into Excel: the cell holds 0.4 and takes a percent format.
            var task = form.Cell(Tasks, $"{form.ColumnOf(Tasks, ReportFormLayout.PercentDone)}{form.RowOf(Tasks, s.Task)}");
            var styles = form.Styles();
            task.StyleIndex = styles.AddPercentFormat();
            task.CellValue = new DocumentFormat.OpenXml.Spreadsheet.CellValue(0.4);
            // A formula with its cached result in the value cell.
            var value = form.Cell(Targets, $"{form.ColumnOf(Targets, ReportFormLayout.Value)}{form.RowOf(Targets, s.Budget)}");
            value.CellFormula = new DocumentFormat.OpenXml.Spreadsheet.CellFormula("23/2");
            value.CellValue = new DocumentFormat.OpenXml.Spreadsheet.CellValue(11.5);
        });
        (await world.UploadAsync(file, "draft")).Status.ShouldBe(200);
        var draft = (await world.GetAsync($"/api/submissions/{s.SubmissionOf(world.UnitA)}", token: world.ReporterA)).GetProperty("draft");
        draft.GetProperty("taskUpdates")[0].GetProperty("percentDone").GetInt32().ShouldBe(40);
        draft.GetProperty("figures")[1].GetProperty("value").GetDecimal().ShouldBe(11.5m);
    }

    [Fact]
    public async Task Every_wrong_cell_is_named_by_sheet_row_and_column_and_nothing_is_recorded_not_even_the_right_rows()
    {
        var s = await world.SceneAsync("813-KL/TU");
        var file = await FilledAsync(s, form =>
        {
            var budget = form.RowOf(Targets, s.Budget);
            form.Text(Targets, budget, ReportFormLayout.Value, "khoảng 11")
                .Text(Targets, budget, ReportFormLayout.Stage, "dự kiến")
                .Text(Targets, budget, ReportFormLayout.AsOf, "31/02/2023");
            var task = form.RowOf(Tasks, s.Task);
            form.Text(Tasks, task, ReportFormLayout.PercentDone, "12,5").Text(Tasks, task, ReportFormLayout.CompletedOn, "hôm qua");
        });

        var refused = await world.RefusedAsync(() => world.UploadAsync(file, "submit"), 400);
        refused.Fields.ShouldBe(["Chỉ tiêu!J10", "Chỉ tiêu!K10", "Chỉ tiêu!L10", "Nhiệm vụ!F9", "Nhiệm vụ!G9"], ignoreOrder: true);
        refused.MessageOf("Chỉ tiêu!J10").ShouldStartWith("Trang 'Chỉ tiêu', dòng 10, cột J: 'khoảng 11' không phải là số");
        refused.MessageOf("Chỉ tiêu!K10").ShouldContain("ước tính, sơ bộ, chính thức");
        refused.MessageOf("Chỉ tiêu!L10").ShouldContain("không phải là ngày");
        refused.MessageOf("Nhiệm vụ!F9").ShouldStartWith("Trang 'Nhiệm vụ', dòng 9, cột F:");
        refused.Body.GetProperty("title").GetString()!.ShouldContain("chưa ghi nhận");
        await world.GetAsync($"/api/submissions/{s.SubmissionOf(world.UnitA)}", 404, world.ReporterA);

        // In English when asked.
        var english = await world.RefusedAsync(() => world.UploadAsync(file, "draft", language: "en"), 400);
        english.MessageOf("Chỉ tiêu!J10").ShouldStartWith("Sheet 'Chỉ tiêu', row 10, column J: 'khoảng 11' is not a number");
    }

    [Fact]
    public async Task The_APIs_own_rules_come_back_on_the_cells_and_nothing_is_recorded()
    {
        var s = await world.SceneAsync("814-KL/TU");
        var file = await FilledAsync(s, form =>
        {
            var grdp = form.RowOf(Targets, s.Grdp);
            var budget = form.RowOf(Targets, s.Budget);
            // GRDP in tỷ đồng cannot be negative; the budget's figure is dated after today; the source is too long.
            form.Number(Targets, grdp, ReportFormLayout.Value, -5)
                .Date(Targets, budget, ReportFormLayout.AsOf, new DateOnly(2023, 8, 1))
                .Text(Targets, budget, ReportFormLayout.Source, new string('x', 501));
            form.Number(Tasks, form.RowOf(Tasks, s.Task), ReportFormLayout.PercentDone, 140);
        });

        // The body's rules (FluentValidation) first: the source's length, the percent's range, each on its cell, named by its heading.
        var refused = await world.RefusedAsync(() => world.UploadAsync(file, "draft"), 400);
        refused.Fields.ShouldBe(["Chỉ tiêu!M10", "Nhiệm vụ!F9"], ignoreOrder: true);
        refused.MessageOf("Chỉ tiêu!M10").ShouldStartWith("Trang 'Chỉ tiêu', dòng 10, cột M: ");
        refused.MessageOf("Chỉ tiêu!M10").ShouldContain(ReportFormLayout.Source);
        refused.MessageOf("Nhiệm vụ!F9").ShouldStartWith("Trang 'Nhiệm vụ', dòng 9, cột F: ");
        var all = string.Join("\n", refused.Messages);
        all.ShouldNotContain("figures[");
        all.ShouldNotContain("taskUpdates[");
        refused.Messages.ShouldAllBe(m => m.StartsWith("Trang '"));
        await world.GetAsync($"/api/submissions/{s.SubmissionOf(world.UnitA)}", 404, world.ReporterA);

        // Once the FluentValidation rules pass, the plausibility rules are the API's too: each on its cell.
        var plausible = await FilledAsync(s, form =>
        {
            form.Number(Targets, form.RowOf(Targets, s.Grdp), ReportFormLayout.Value, -5)
                .Date(Targets, form.RowOf(Targets, s.Budget), ReportFormLayout.AsOf, new DateOnly(2023, 8, 1));
        });
        var implausible = await world.RefusedAsync(() => world.UploadAsync(plausible, "draft", language: "en"), 400);
        implausible.Fields.ShouldBe(["Chỉ tiêu!J9", "Chỉ tiêu!L10"], ignoreOrder: true);
        implausible.MessageOf("Chỉ tiêu!J9").ShouldStartWith("Sheet 'Chỉ tiêu', row 9, column J: This figure counts or measures (tỷ đồng)");
    }

    [Fact]
    public async Task The_same_file_uploaded_twice_is_recorded_once()
    {
        var s = await world.SceneAsync("815-KL/TU");
        var file = await FilledAsync(s);

        var before = await world.EventCountAsync();
        var first = await world.UploadAsync(file, "draft");
        first.Status.ShouldBe(200);
        first.Replayed.ShouldBeFalse();
        (await world.EventCountAsync()).ShouldBe(before + 1);
        var again = await world.UploadAsync(file, "draft");
        again.Status.ShouldBe(200);
        again.Replayed.ShouldBeTrue();
        again.Body.ToString().ShouldBe(first.Body.ToString());
        (await world.EventCountAsync()).ShouldBe(before + 1);

        // Submitted twice: the second answer is the first, nothing is appended (no second report, no second figure).
        var submitted = await world.UploadAsync(file, "submit");
        submitted.Status.ShouldBe(200, submitted.Body.ToString());
        var afterSubmit = await world.EventCountAsync();
        var resubmitted = await world.UploadAsync(file, "submit");
        resubmitted.Status.ShouldBe(200);
        resubmitted.Replayed.ShouldBeTrue();
        resubmitted.Body.GetProperty("reportId").GetGuid().ShouldBe(submitted.Body.GetProperty("reportId").GetGuid());
        (await world.EventCountAsync()).ShouldBe(afterSubmit);
        (await world.EventTypesAsync(s.SubmissionOf(world.UnitA))).Count(t => t == "submission_submitted").ShouldBe(1);
        (await world.EventTypesAsync(s.Grdp)).Count(t => t == "progress_reported").ShouldBe(1);
    }

    [Fact]
    public async Task The_same_file_after_another_one_is_a_new_upload()
    {
        var s = await world.SceneAsync("816-KL/TU");
        var first = await FilledAsync(s);
        var second = await FilledAsync(s, form => form.Text(Tasks, form.RowOf(Tasks, s.Task), ReportFormLayout.TaskNote, "Đã hoàn thành phần móng"));

        (await world.UploadAsync(first, "draft")).Status.ShouldBe(200);
        (await world.UploadAsync(second, "draft")).Status.ShouldBe(200);
        var back = await world.UploadAsync(first, "draft");
        back.Status.ShouldBe(200);
        back.Replayed.ShouldBeFalse();
        back.Body.GetProperty("version").GetInt64().ShouldBe(3);
        var draft = (await world.GetAsync($"/api/submissions/{s.SubmissionOf(world.UnitA)}", token: world.ReporterA)).GetProperty("draft");
        draft.GetProperty("taskUpdates")[0].GetProperty("note").GetString().ShouldBe("Đang thi công");
    }

    [Fact]
    public async Task The_secretariat_uploads_a_units_form_and_a_reporter_only_its_own()
    {
        var s = await world.SceneAsync("817-KL/TU");
        var formB = FormFiller.Of(await world.DownloadAsync(s, world.SecretariatToken, unit: world.UnitB));
        var row = formB.RowOf(Targets, s.TargetOfB);
        var fileB = formB.Number(Targets, row, ReportFormLayout.Value, 65).Text(Targets, row, ReportFormLayout.Stage, "ước tính").Bytes();

        // Unit A's reporter may not record unit B's form; unit B's reporter may not record unit A's.
        (await world.RefusedAsync(() => world.UploadAsync(fileB, "draft", world.ReporterA), 403)).Body.GetProperty("detail").GetString()!
            .ShouldContain(world.UnitB.ToString());
        await world.RefusedAsync(async () => await world.UploadAsync(await FilledAsync(s), "draft", world.ReporterB), 403);
        await world.RefusedAsync(() => world.UploadAsync(fileB, "draft", world.TokenFor(Monitoring.Api.Infrastructure.Security.Roles.Committee)), 403);

        var recorded = await world.UploadAsync(fileB, "draft", world.SecretariatToken);
        recorded.Status.ShouldBe(200, recorded.Body.ToString());
        recorded.Body.GetProperty("submissionId").GetGuid().ShouldBe(s.SubmissionOf(world.UnitB));
        var draft = await world.GetAsync($"/api/submissions/{s.SubmissionOf(world.UnitB)}", token: world.ReporterB);
        draft.GetProperty("draft").GetProperty("figures")[0].GetProperty("value").GetDecimal().ShouldBe(65m);
    }

    [Fact]
    public async Task A_refusal_of_the_reporting_cycle_comes_back_as_the_API_gave_it()
    {
        var s = await world.SceneAsync("818-KL/TU");
        (await world.UploadAsync(await FilledAsync(s), "submit")).Status.ShouldBe(200);
        // Submitted and waiting for approval: another form is refused with the cycle's 409.
        var other = await FilledAsync(s, form => form.Number(Tasks, form.RowOf(Tasks, s.Task), ReportFormLayout.PercentDone, 60));
        var refused = await world.RefusedAsync(() => world.UploadAsync(other, "draft"), 409);
        refused.Body.GetProperty("detail").GetString()!.ShouldContain("chờ phê duyệt");
    }
}
