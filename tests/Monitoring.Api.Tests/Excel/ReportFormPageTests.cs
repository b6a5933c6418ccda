using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Monitoring.Api.Infrastructure.Excel;
using Monitoring.Api.Reporting.Forms;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Excel;

/// <summary>
/// The Excel form on the unit's pages: "Tải biểu mẫu Excel" on /unit and on the report page downloads the API's form; the
/// report page's upload records it through the API (a draft, or the report sent) and shows each problem with its sheet,
/// row and column; a reporter only its own unit's.
/// </summary>
[Collection(ReportFormCollection.Name)]
public class ReportFormPageTests(ReportFormWorld world)
{
    private const string Targets = ReportFormLayout.TargetSheet;
    private const string Download = "Tải biểu mẫu Excel";

    private static string ReportPage(ReportFormWorld.Scene s) => $"/unit/reports/{s.Resolution}/{ReportFormWorld.Period}";

    private static byte[] Filled(byte[] form, ReportFormWorld.Scene s, string value)
    {
        var filler = FormFiller.Of(form);
        var row = filler.RowOf(Targets, s.Grdp);
        return filler.Text(Targets, row, ReportFormLayout.Value, value).Text(Targets, row, ReportFormLayout.Stage, "sơ bộ").Bytes();
    }

    private static async Task<HttpResponseMessage> UploadAsync(PageSession session, string page, byte[]? file, string mode) =>
        await session.SubmitFileAsync(page, page.Contains('?') ? page.Replace("?", "?handler=Upload&") : page + "?handler=Upload",
            [new("UploadMode", mode)], file is null ? null : ("Upload", "bieu-mau.xlsx", file, XlsxWorkbook.ContentType));

    [Fact]
    public async Task A_reporter_downloads_the_form_from_the_pages_and_uploads_it_filled_as_a_draft_then_sends_it()
    {
        var s = await world.SceneAsync("831-KL/TU");
        using var session = await PageSession.SignedInAsync(world.Host, "reporter", ReportFormWorld.CodeA);

        // /unit and the report page both offer the download, through the report page's handler.
        var (status, unitHtml) = await session.GetHtmlAsync("/unit");
        status.ShouldBe(HttpStatusCode.OK);
        unitHtml.ShouldContain(Download);
        unitHtml.ShouldContain($"href=\"{ReportPage(s)}?handler=Excel\"");
        var (_, reportHtml) = await session.GetHtmlAsync(ReportPage(s));
        reportHtml.ShouldContain(Download);
        reportHtml.ShouldContain("enctype=\"multipart/form-data\"");
        reportHtml.ShouldContain("<label for=\"upload-file\">");

        var download = await session.GetAsync($"{ReportPage(s)}?handler=Excel");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe(XlsxWorkbook.ContentType);
        download.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldEndWith(".xlsx");
        var form = await download.Content.ReadAsByteArrayAsync();
        using (var document = SpreadsheetDocument.Open(new MemoryStream(form), false))
            document.WorkbookPart!.Workbook.Sheets!.ChildElements.Count.ShouldBe(4);

        // Uploaded as a draft: recorded through the API, confirmed, and shown in the report's form as the clerk typed it.
        var before = await world.EventCountAsync();
        var saved = await UploadAsync(session, ReportPage(s), Filled(form, s, "29.240,3"), "draft");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        saved.Headers.Location!.ToString().ShouldBe(ReportPage(s));
        (await world.EventCountAsync()).ShouldBe(before + 1);
        (await world.EventTypesAsync(s.SubmissionOf(world.UnitA))).ShouldBe(["submission_draft_saved"]);
        var (_, after) = await session.GetHtmlAsync(ReportPage(s));
        after.ShouldContain("Đã lưu biểu mẫu Excel thành bản nháp");
        after.ShouldContain("value=\"29.240,3\"");

        // Then sent: the report waits for approval.
        var sent = await UploadAsync(session, ReportPage(s), Filled(form, s, "29.240,3"), "submit");
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect, await sent.Content.ReadAsStringAsync());
        (await world.EventTypesAsync(s.SubmissionOf(world.UnitA))).ShouldBe(["submission_draft_saved", "submission_draft_saved", "submission_submitted"]);
        var (_, submitted) = await session.GetHtmlAsync(ReportPage(s));
        submitted.ShouldContain("Đã ghi nhận biểu mẫu Excel và gửi báo cáo");
    }

    [Fact]
    public async Task The_pages_show_the_problems_with_sheet_row_and_column_and_record_nothing()
    {
        var s = await world.SceneAsync("832-KL/TU");
        using var session = await PageSession.SignedInAsync(world.Host, "reporter", ReportFormWorld.CodeA);
        var form = await (await session.GetAsync($"{ReportPage(s)}?handler=Excel")).Content.ReadAsByteArrayAsync();

        var before = await world.EventCountAsync();
        var refused = await UploadAsync(session, ReportPage(s), Filled(form, s, "khoảng 29 nghìn"), "draft");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        html.ShouldContain("Biểu mẫu Excel chưa được ghi nhận");
        html.ShouldContain("Trang 'Chỉ tiêu', dòng 9, cột J: 'khoảng 29 nghìn' không phải là số");
        html.ShouldContain("aria-describedby=\"upload-errors\"");

        // No file chosen, and a file that is not a workbook: the API's answers, on the page.
        var none = await UploadAsync(session, ReportPage(s), null, "draft");
        none.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await none.Content.ReadAsStringAsync()).ShouldContain("Cần đính kèm biểu mẫu đã điền");
        var csv = await UploadAsync(session, ReportPage(s), "Mã,Số liệu\nKT-01,1\n"u8.ToArray(), "draft");
        csv.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        WebUtility.HtmlDecode(await csv.Content.ReadAsStringAsync()).ShouldContain("không phải là bảng tính Excel");
        // 2 MB is over the pages' general body limit (1 MiB) but within the upload's: judged by what it is.
        var big = new byte[2 * 1024 * 1024];
        new Random(2).NextBytes(big);
        (await UploadAsync(session, ReportPage(s), big, "draft")).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await world.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_reporter_neither_downloads_nor_uploads_another_units_form_through_the_pages()
    {
        var s = await world.SceneAsync("833-KL/TU");
        using var reporterB = await PageSession.SignedInAsync(world.Host, "reporter", ReportFormWorld.CodeB);
        (await reporterB.GetAsync($"{ReportPage(s)}?handler=Excel&unitId={world.UnitA}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Unit A's form, uploaded on unit B's own report page: the API's 403, nothing recorded.
        using var reporterA = await PageSession.SignedInAsync(world.Host, "reporter", ReportFormWorld.CodeA);
        var formA = await (await reporterA.GetAsync($"{ReportPage(s)}?handler=Excel")).Content.ReadAsByteArrayAsync();
        var before = await world.EventCountAsync();
        (await UploadAsync(reporterB, ReportPage(s), Filled(formA, s, "29.240,3"), "draft")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await world.EventCountAsync()).ShouldBe(before);

        // The secretariat works on a unit's behalf: the link names the unit, and the form is that unit's.
        using var secretariat = await PageSession.SignedInAsync(world.Host, "secretariat");
        var (_, unitHtml) = await secretariat.GetHtmlAsync($"/unit?unitId={world.UnitB}");
        unitHtml.ShouldContain($"{ReportPage(s)}?handler=Excel&amp;unitId={world.UnitB}");
        var formB = await secretariat.GetAsync($"{ReportPage(s)}?handler=Excel&unitId={world.UnitB}");
        formB.StatusCode.ShouldBe(HttpStatusCode.OK);
        FormFiller.Of(await formB.Content.ReadAsByteArrayAsync()).RowOf(Targets, s.TargetOfB).ShouldBe(9);
        // The committee reads the report page but is not offered the form.
        using var committee = await PageSession.SignedInAsync(world.Host, "committee");
        var (_, committeeHtml) = await committee.GetHtmlAsync($"{ReportPage(s)}?unitId={world.UnitA}");
        committeeHtml.ShouldNotContain(Download);
        (await committee.GetAsync($"{ReportPage(s)}?handler=Excel&unitId={world.UnitA}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
