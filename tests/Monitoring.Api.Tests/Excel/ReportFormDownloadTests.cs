using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Reporting.Forms;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Excel;

/// <summary>
/// GET /api/submissions/form: the unit's form for a resolution and period, read back with the Open XML SDK (sheets, protection,
/// hidden ids, the stage drop-down, number and date formats, the draft's values) and with LibreOffice (the values as another
/// program reads them); who gets which unit's form.
/// </summary>
[Collection(ReportFormCollection.Name)]
public class ReportFormDownloadTests(ReportFormWorld world)
{
    private const int FirstRow = 9; // six title lines, a blank line, the header row

    /// <summary>Unit A's 2023 draft (a GRDP figure, a task update, a narrative) and an approved 2022 budget figure.</summary>
    private async Task<ReportFormWorld.Scene> DraftedAsync(string number)
    {
        var scene = await world.SceneAsync(number);
        await world.PostAsync("/api/reports", new
        {
            period = "2022", figures = new[] { new { targetId = scene.Budget, value = 11.2, stage = "Official", asOf = "2022-12-31" } },
        }, 201, token: world.ReporterA);
        await world.ApproveAsync(world.UnitA, scene.Resolution, "2022");
        await world.PutAsync("/api/submissions/draft", new
        {
            resolutionId = scene.Resolution, period = ReportFormWorld.Period,
            figures = new[] { new { targetId = scene.Grdp, value = 29240.3, stage = "Preliminary", asOf = "2023-07-10", source = "Cục Thống kê", note = "Số sơ bộ" } },
            taskUpdates = new[] { new { taskId = scene.Task, percentDone = 40, note = "Đang thi công" } },
            narrative = new { results = "Kinh tế tăng trưởng khá" },
            evidenceReferences = new[] { "Báo cáo số 12/BC-UBND" },
        }, 200, token: world.ReporterA);
        return scene;
    }

    [Fact]
    public async Task The_form_has_the_units_rows_protected_sheets_hidden_ids_a_stage_drop_down_formats_and_the_draft_prefilled()
    {
        var scene = await DraftedAsync("801-KL/TU");
        var bytes = await world.DownloadAsync(scene, world.ReporterA);

        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
            new OpenXmlValidator().Validate(document).Select(e => e.Description).ShouldBeEmpty();

        using var form = FormFiller.Of(bytes);
        using var package = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheets = package.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
        sheets.Select(s => s.Name!.Value).ShouldBe(["Chỉ tiêu", "Nhiệm vụ", "Báo cáo", "Thông tin biểu mẫu"]);
        sheets.Take(3).ShouldAllBe(s => s.State == null);
        sheets[3].State!.Value.ShouldBe(SheetStateValues.VeryHidden);
        foreach (var name in sheets.Select(s => s.Name!.Value!))
            form.Sheet(name).GetFirstChild<SheetProtection>().ShouldNotBeNull(name).Sheet!.Value.ShouldBeTrue();

        // Title lines: the resolution, the unit, the period and the due date.
        var targets = form.Sheet("Chỉ tiêu");
        string Text(string sheet, string reference) => form.Text(form.Cell(sheet, reference)) ?? "";
        Text("Chỉ tiêu", "A2").ShouldContain("801-KL/TU");
        Text("Chỉ tiêu", "A3").ShouldContain(ReportFormWorld.CodeA);
        Text("Chỉ tiêu", "A4").ShouldContain("năm 2023");
        Text("Chỉ tiêu", "A5").ShouldStartWith("Hạn nộp: ");

        // The id column is hidden; the header row names every column; one row per target unit A owes (not unit B's).
        targets.GetFirstChild<Columns>()!.Elements<Column>().First().Hidden!.Value.ShouldBeTrue();
        Text("Chỉ tiêu", "A8").ShouldBe(ReportFormLayout.IdHeader);
        Text("Chỉ tiêu", "J8").ShouldBe(ReportFormLayout.Value);
        form.RowOf("Chỉ tiêu", scene.Grdp).ShouldBe(FirstRow);
        form.RowOf("Chỉ tiêu", scene.Budget).ShouldBe(FirstRow + 1);
        targets.Descendants<Cell>().Select(form.Text).ShouldNotContain(scene.TargetOfB.ToString("D"));
        Text("Chỉ tiêu", "B9").ShouldBe("KT-01");
        Text("Chỉ tiêu", "D9").ShouldBe("tỷ đồng");
        Text("Chỉ tiêu", "E9").ShouldBe("≥ 30.000 tỷ đồng (đến năm 2025)");
        Text("Chỉ tiêu", "F9").ShouldBe("21500.5");
        Text("Chỉ tiêu", "G9").ShouldBe("2020");
        // The latest approved figure: the budget's 2022 official figure.
        Text("Chỉ tiêu", "H10").ShouldBe("11.2");
        Text("Chỉ tiêu", "I10").ShouldBe("năm 2022 (chính thức)");

        // The draft's values in the input cells: a number, the stage's name, a date serial, text.
        var value = form.Cell("Chỉ tiêu", "J9");
        value.DataType!.Value.ShouldBe(CellValues.Number);
        value.CellValue!.Text.ShouldBe("29240.3");
        Text("Chỉ tiêu", "K9").ShouldBe("sơ bộ");
        DateTime.FromOADate(double.Parse(Text("Chỉ tiêu", "L9"), System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(new DateTime(2023, 7, 10));
        Text("Chỉ tiêu", "M9").ShouldBe("Cục Thống kê");
        Text("Chỉ tiêu", "N9").ShouldBe("Số sơ bộ");
        Text("Nhiệm vụ", "F9").ShouldBe("40");
        Text("Nhiệm vụ", "H9").ShouldBe("Đang thi công");
        Text("Báo cáo", $"C{form.RowOf("Báo cáo", "results")}").ShouldBe("Kinh tế tăng trưởng khá");
        Text("Báo cáo", $"C{form.RowOf("Báo cáo", "Tài liệu kèm theo 1 (số, ký hiệu văn bản)")}").ShouldBe("Báo cáo số 12/BC-UBND");

        // Formats: the value shows 29.240,3 to a Vietnamese reader (#,##0.###) and is an unlocked input; the as-of day is a date; the code is locked.
        var styles = package.WorkbookPart.WorkbookStylesPart!.Stylesheet;
        var formats = styles.CellFormats!.Elements<CellFormat>().ToList();
        CellFormat Format(string reference) => formats[(int)form.Cell("Chỉ tiêu", reference).StyleIndex!.Value];
        string Code(CellFormat f) => styles.NumberingFormats!.Elements<NumberingFormat>().First(n => n.NumberFormatId!.Value == f.NumberFormatId!.Value).FormatCode!;
        Code(Format("J9")).ShouldBe("#,##0.###");
        Format("J9").Protection!.Locked!.Value.ShouldBeFalse();
        Code(Format("L9")).ShouldBe("dd/mm/yyyy");
        Format("L9").Protection!.Locked!.Value.ShouldBeFalse();
        Format("B9").Protection!.Locked!.Value.ShouldBeTrue();
        Format("F9").Protection!.Locked!.Value.ShouldBeTrue();

        // The stage is a drop-down of the three stages over the rows.
        var validation = targets.Descendants<DataValidation>().Single();
        validation.Type!.Value.ShouldBe(DataValidationValues.List);
        validation.Formula1!.Text.ShouldBe("\"ước tính,sơ bộ,chính thức\"");
        validation.SequenceOfReferences!.InnerText.ShouldBe("K9:K10");

        // The identity sheet: the unit, the resolution, the period, the rows, signed.
        var identity = form.Sheet("Thông tin biểu mẫu").Descendants<Cell>().Select(form.Text).ToList();
        identity.ShouldContain(world.UnitA.ToString("D"));
        identity.ShouldContain(scene.Resolution.ToString("D"));
        identity.ShouldContain("2023");
        identity.ShouldContain($"{scene.Grdp:D},{scene.Budget:D}");
        identity.ShouldContain(x => x != null && x.StartsWith("hmac-sha256:"));
    }

    [Fact]
    public async Task LibreOffice_reads_the_same_rows_and_values()
    {
        var scene = await DraftedAsync("802-KL/TU");
        var csv = await LibreOffice.ToCsvAsync(await world.DownloadAsync(scene, world.ReporterA));

        var targets = csv["Chỉ tiêu"];
        targets[0][0].ShouldStartWith("BIỂU MẪU BÁO CÁO");
        targets[7][1..].ShouldBe(["Mã", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Giá trị gốc", "Năm gốc", "Số liệu đã duyệt gần nhất", "Kỳ của số liệu đã duyệt",
            "Số liệu kỳ này", "Mức độ số liệu", "Số liệu tính đến ngày", "Nguồn số liệu", "Ghi chú"]);
        targets[8][0].ShouldBe(scene.Grdp.ToString("D"));
        targets[8][1..7].ShouldBe(["KT-01", "Tổng sản phẩm trên địa bàn tỉnh (GRDP) đạt trên 30.000 tỷ đồng", "tỷ đồng", "≥ 30.000 tỷ đồng (đến năm 2025)", "21500.5", "2020"]);
        targets[8][9..11].ShouldBe(["29240.3", "sơ bộ"]);
        LibreOffice.Date(targets[8][11]).ShouldBe(new DateTime(2023, 7, 10));
        targets[8][12..].ShouldBe(["Cục Thống kê", "Số sơ bộ"]);
        targets[9][1].ShouldBe("KT-02");
        targets[9][7..9].ShouldBe(["11.2", "năm 2022 (chính thức)"]);
        targets.Count.ShouldBe(10);

        var tasks = csv["Nhiệm vụ"];
        tasks[8][1..3].ShouldBe(["NV-01", "Hoàn thành nâng cấp cửa khẩu quốc tế Thường Phước"]);
        LibreOffice.Date(tasks[8][3]).ShouldBe(new DateTime(2024, 12, 31));
        tasks[8][5].ShouldBe("40");
        csv["Báo cáo"].ShouldContain(row => row.Length > 2 && row[1] == "Kết quả đạt được" && row[2] == "Kinh tế tăng trưởng khá");
    }

    [Fact]
    public async Task A_reporter_gets_only_its_own_units_form_and_the_secretariat_names_the_unit()
    {
        var scene = await world.SceneAsync("803-KL/TU");
        // A reporter without naming its unit, or naming it; the secretariat naming it.
        await world.DownloadAsync(scene, world.ReporterA);
        await world.DownloadAsync(scene, world.ReporterA, unit: world.UnitA);
        await world.DownloadAsync(scene, world.SecretariatToken, unit: world.UnitB);
        // Another unit's form, a unit not named by the secretariat, the committee and the auditor: refused.
        await world.GetAsync(ReportFormWorld.FormUrl(scene, unit: world.UnitB), 403, world.ReporterA);
        (await world.GetAsync(ReportFormWorld.FormUrl(scene), 400)).ErrorFields().ShouldBe(["unitId"]);
        await world.GetAsync(ReportFormWorld.FormUrl(scene, unit: world.UnitA), 403, world.TokenFor(Roles.Committee));
        await world.GetAsync(ReportFormWorld.FormUrl(scene, unit: world.UnitA), 403, world.TokenFor(Roles.Auditor));
        await world.GetAsync(ReportFormWorld.FormUrl(scene, unit: world.UnitA), 401, "");
        // Missing and malformed parameters are all named at once.
        (await world.GetAsync("/api/submissions/form?period=2023-H3", 400, world.ReporterA)).ErrorFields().ShouldBe(["resolutionId", "period"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_returned_report_is_prefilled_with_what_was_sent()
    {
        var scene = await world.SceneAsync("805-KL/TU");
        await world.PutAsync("/api/submissions/draft", new
        {
            resolutionId = scene.Resolution, period = ReportFormWorld.Period,
            figures = new[] { new { targetId = scene.Budget, value = 11.5, stage = "Estimate", asOf = "2023-07-10", note = "Ước tính" } },
            taskUpdates = new[] { new { taskId = scene.Task, percentDone = 60, note = "Đang thi công" } },
            narrative = new { limitations = "Giải ngân chậm" },
        }, 200, token: world.ReporterA);
        var id = scene.SubmissionOf(world.UnitA);
        await world.PostAsync($"/api/submissions/{id}/submit", new { }, 200, token: world.ReporterA);
        await world.PostAsync($"/api/submissions/{id}/return", new { reason = "Thiếu nguồn số liệu" }, 200);

        using var form = FormFiller.Of(await world.DownloadAsync(scene, world.ReporterA));
        string Text(string sheet, string reference) => form.Text(form.Cell(sheet, reference)) ?? "";
        Text("Chỉ tiêu", "J10").ShouldBe("11.5");
        Text("Chỉ tiêu", "K10").ShouldBe("ước tính");
        Text("Chỉ tiêu", "N10").ShouldBe("Ước tính");
        Text("Chỉ tiêu", "J9").ShouldBe("");
        Text("Nhiệm vụ", "F9").ShouldBe("60");
        Text("Báo cáo", $"C{form.RowOf("Báo cáo", "limitations")}").ShouldBe("Giải ngân chậm");
    }

    [Fact]
    public async Task A_unit_that_owes_nothing_for_the_resolution_and_period_gets_404_with_a_clear_message()
    {
        var scene = await world.SceneAsync("804-KL/TU");
        var other = await world.RegisterUnitAsync("XL-DON-VI-C");
        var problem = await world.GetAsync(ReportFormWorld.FormUrl(scene, unit: other), 404);
        problem.GetProperty("detail").GetString()!.ShouldContain("XL-DON-VI-C");
        // Assigned after the first half-year's cut-off (14/06/2023): unit A owes nothing for it. Outside the resolution's years: nothing either.
        await world.GetAsync(ReportFormWorld.FormUrl(scene, period: "2023-H1", unit: world.UnitA), 404);
        await world.GetAsync(ReportFormWorld.FormUrl(scene, period: "2030-H1", unit: world.UnitA), 404);
        await world.GetAsync($"/api/submissions/form?resolutionId={Guid.NewGuid()}&period=2023-H1&unitId={world.UnitA}", 404);
    }
}
