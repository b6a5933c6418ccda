using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Monitoring.Api.Infrastructure.Excel;
using Monitoring.Api.Reporting.Forms;

namespace Monitoring.Api.Tests.Excel;

/// <summary>
/// Everything an upload is refused for — not an .xlsx, macros, size, compression bombs, a form that is not this service's
/// or whose ids were edited, another unit's, period's or resolution's form, a malformed request — each with its status, a
/// problem, nothing appended, and never a 500.
/// </summary>
[Collection(ReportFormCollection.Name)]
public class ReportFormRefusalTests(ReportFormWorld world)
{
    private const string Targets = ReportFormLayout.TargetSheet;

    /// <summary>A form with one figure typed in: accepted as it is, so each refusal below is for the one thing changed.</summary>
    private async Task<(ReportFormWorld.Scene Scene, byte[] File)> FilledAsync(string number, Action<FormFiller, ReportFormWorld.Scene>? change = null)
    {
        var scene = await world.SceneAsync(number);
        var form = FormFiller.Of(await world.DownloadAsync(scene, world.ReporterA));
        var row = form.RowOf(Targets, scene.Grdp);
        form.Number(Targets, row, ReportFormLayout.Value, 29240.3).Text(Targets, row, ReportFormLayout.Stage, "sơ bộ");
        change?.Invoke(form, scene);
        return (scene, form.Bytes());
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var entry = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(content);
            }
        return stream.ToArray();
    }

    /// <summary>The form's zip with one part added or replaced.</summary>
    private static byte[] WithPart(byte[] xlsx, string name, byte[] content)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            archive.GetEntry(name)?.Delete();
            using var entry = archive.CreateEntry(name).Open();
            entry.Write(content);
        }
        return stream.ToArray();
    }

    private static string Part(byte[] xlsx, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static byte[] Docx()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            document.AddMainDocumentPart().Document = new Document(new Body(new Paragraph(new Run(new Text("Báo cáo 6 tháng đầu năm 2023")))));
        }
        return stream.ToArray();
    }

    [Fact]
    public async Task Anything_but_an_xlsx_is_415_and_appends_nothing()
    {
        var random = new byte[4096];
        new Random(16).NextBytes(random);
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[4088]];

        (await world.RefusedAsync(() => world.UploadAsync(Docx(), fileName: "bao-cao.docx",
            contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), 415)).Body.GetProperty("detail").GetString()!.ShouldContain("Word");
        await world.RefusedAsync(() => world.UploadAsync(Encoding.UTF8.GetBytes("Mã,Giá trị\nKT-01,29240.3\n"), fileName: "bieu-mau.csv", contentType: "text/csv"), 415);
        await world.RefusedAsync(() => world.UploadAsync(random), 415);
        (await world.RefusedAsync(() => world.UploadAsync(ole, fileName: "bieu-mau.xls", contentType: "application/vnd.ms-excel"), 415))
            .Body.GetProperty("detail").GetString()!.ShouldContain(".xls");
        await world.RefusedAsync(() => world.UploadAsync(Zip(("ghi-chu.txt", "không phải bảng tính"u8.ToArray()))), 415);
        // A zip that claims to be a zip but is cut short.
        var (_, form) = await FilledAsync("821-KL/TU");
        await world.RefusedAsync(() => world.UploadAsync(form[..(form.Length / 2)]), 415);
        // A 2 MB file is above the service's general body limit (1 MiB) but within the upload's own: judged by what it is (415), not its size.
        var twoMegabytes = new byte[2 * 1024 * 1024];
        new Random(2).NextBytes(twoMegabytes);
        await world.RefusedAsync(() => world.UploadAsync(twoMegabytes), 415);
    }

    [Fact]
    public async Task A_macro_enabled_workbook_is_415_by_its_media_type_its_content_type_or_a_vba_part()
    {
        var (_, form) = await FilledAsync("822-KL/TU");
        (await world.RefusedAsync(() => world.UploadAsync(form, fileName: "bieu-mau.xlsm", contentType: XlsxUpload.MacroEnabledFileType), 415))
            .Body.GetProperty("detail").GetString()!.ShouldContain(".xlsm");
        await world.RefusedAsync(() => world.UploadAsync(WithPart(form, "xl/vbaProject.bin", new byte[512])), 415);
        var macroType = Part(form, "[Content_Types].xml").Replace(XlsxUpload.WorkbookContentType, "application/vnd.ms-excel.sheet.macroEnabled.main+xml");
        await world.RefusedAsync(() => world.UploadAsync(WithPart(form, "[Content_Types].xml", Encoding.UTF8.GetBytes(macroType))), 415);
        // The untouched form is accepted: each refusal was for the macro alone.
        (await world.UploadAsync(form)).Status.ShouldBe(200);
    }

    [Fact]
    public async Task An_oversize_file_is_413()
    {
        // Just over the file's 5 MB: refused by the upload; 6 MB: the request itself is over the upload's body limit.
        var over = new byte[XlsxUpload.MaxFileBytes + 1];
        new Random(5).NextBytes(over);
        (await world.RefusedAsync(() => world.UploadAsync(over), 413)).Body.GetProperty("detail").GetString()!.ShouldContain("5 MB");
        var big = new byte[6 * 1024 * 1024];
        new Random(6).NextBytes(big);
        (await world.RefusedAsync(() => world.UploadAsync(big), 413)).Body.GetProperty("detail").GetString()!
            .ShouldContain(UploadReportFormEndpoint.MaxRequestBytes.ToString());
    }

    [Fact]
    public async Task Compression_bombs_are_413_before_they_are_inflated()
    {
        // 200 MB of zeros in a zip of a few hundred kB: refused on its declared size, before inflating.
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = archive.CreateEntry("[Content_Types].xml").Open()) types.Write("<Types/>"u8);
            using var sheet = archive.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 200; i++) sheet.Write(zeros);
        }
        var bomb = stream.ToArray();
        ((long)bomb.Length).ShouldBeLessThan(XlsxUpload.MaxFileBytes);
        await world.RefusedAsync(() => world.UploadAsync(bomb), 413);

        // Under the per-part cap but an absurd ratio (5 MB of zeros), and a huge number of parts.
        var ratio = Zip(("[Content_Types].xml", "<Types/>"u8.ToArray()), ("xl/sharedStrings.xml", new byte[5 * 1024 * 1024]));
        await world.RefusedAsync(() => world.UploadAsync(ratio), 413);
        var parts = Zip(Enumerable.Range(0, 2000).Select(i => ($"xl/media/image{i}.png", new byte[8])).ToArray());
        await world.RefusedAsync(() => world.UploadAsync(parts), 413);
        world.Logs.Lines.ShouldNotContain(l => l.StartsWith("Error"));
    }

    [Fact]
    public async Task A_workbook_that_is_not_the_services_form_or_whose_ids_were_edited_is_400_naming_the_cell()
    {
        // An .xlsx with no identity sheet.
        var plain = XlsxWorkbook.Write(new XlsxSheet(Targets, [new XlsxColumn("Mã"), new XlsxColumn("Số liệu", XlsxKind.Number)]).Row("KT-01", 29240.3m));
        (await world.RefusedAsync(() => world.UploadAsync(plain), 400)).Fields.ShouldBe(["file"]);

        // A row's hidden id changed to an id the form does not hold (a new one, or another unit's target).
        var (_, newId) = await FilledAsync("823-KL/TU", (form, s) => form.TextAt(Targets, $"A{form.RowOf(Targets, s.Grdp)}", Guid.NewGuid().ToString()));
        var edited = await world.RefusedAsync(() => world.UploadAsync(newId), 400);
        edited.Fields.ShouldBe(["Chỉ tiêu!A9"]);
        edited.MessageOf("Chỉ tiêu!A9").ShouldStartWith("Trang 'Chỉ tiêu', dòng 9, cột A: mã định danh của dòng đã bị sửa");
        var (_, othersId) = await FilledAsync("824-KL/TU", (form, s) =>
        {
            form.TextAt(Targets, $"A{form.RowOf(Targets, s.Budget)}", s.TargetOfB.ToString("D"));
            form.Number(Targets, 10, ReportFormLayout.Value, 11).Text(Targets, 10, ReportFormLayout.Stage, "ước tính");
        });
        (await world.RefusedAsync(() => world.UploadAsync(othersId), 400)).Fields.ShouldBe(["Chỉ tiêu!A10"]);
        // A row typed below the table (no id).
        var (_, extra) = await FilledAsync("825-KL/TU", (form, _) => form.Number(Targets, 12, ReportFormLayout.Value, 5));
        (await world.RefusedAsync(() => world.UploadAsync(extra), 400)).Fields.ShouldBe(["Chỉ tiêu!A12"]);

        // The identity itself changed (the period, then the unit): the signature no longer holds.
        const string Identity = ReportFormLayout.IdentitySheet;
        var (_, period) = await FilledAsync("826-KL/TU", (form, _) => form.TextAt(Identity, $"B{form.RowOf(Identity, "period")}", "2024"));
        var forged = await world.RefusedAsync(() => world.UploadAsync(period), 400);
        forged.Fields.ShouldBe(["Thông tin biểu mẫu!B12"]);
        forged.MessageOf("Thông tin biểu mẫu!B12").ShouldContain("đã bị sửa");
        var (_, unit) = await FilledAsync("827-KL/TU", (form, _) => form.TextAt(Identity, $"B{form.RowOf(Identity, "unitId")}", world.UnitB.ToString("D")));
        (await world.RefusedAsync(() => world.UploadAsync(unit, token: world.ReporterB), 400)).Fields.ShouldBe(["Thông tin biểu mẫu!B12"]);
    }

    [Fact]
    public async Task Another_units_periods_or_resolutions_form_is_refused()
    {
        var (scene, form) = await FilledAsync("828-KL/TU");
        // Unit B's reporter uploading unit A's form: 403.
        await world.RefusedAsync(() => world.UploadAsync(form, token: world.ReporterB), 403);
        await world.RefusedAsync(() => world.UploadAsync(form, token: world.ReporterA, fields: [("unitId", world.UnitB.ToString())]), 403);
        // Named, the period, resolution and unit must be the form's.
        (await world.RefusedAsync(() => world.UploadAsync(form, fields: [("period", "2023-H1")]), 400)).Fields.ShouldBe(["period"]);
        (await world.RefusedAsync(() => world.UploadAsync(form, fields: [("resolutionId", Guid.NewGuid().ToString())]), 400)).Fields.ShouldBe(["resolutionId"]);
        (await world.RefusedAsync(() => world.UploadAsync(form, token: world.SecretariatToken, fields: [("unitId", world.UnitB.ToString())]), 400))
            .Fields.ShouldBe(["unitId"]);
        // As named, it is recorded.
        (await world.UploadAsync(form, fields: [("period", "2023"), ("resolutionId", scene.Resolution.ToString())])).Status.ShouldBe(200);
    }

    [Fact]
    public async Task A_malformed_request_is_400_naming_the_field_or_415_when_not_multipart()
    {
        var (_, form) = await FilledAsync("829-KL/TU");
        (await world.RefusedAsync(() => world.UploadAsync(null), 400)).Fields.ShouldBe(["file"]);
        (await world.RefusedAsync(() => world.UploadAsync([]), 400)).Fields.ShouldBe(["file"]);
        (await world.RefusedAsync(() => world.UploadAsync(form, files: 2), 400)).Fields.ShouldBe(["file"]);
        (await world.RefusedAsync(() => world.UploadAsync(null, fields: [("file", "bieu-mau.xlsx")]), 400)).Fields.ShouldBe(["file"]);
        (await world.RefusedAsync(() => world.UploadAsync(form, mode: "final"), 400)).Fields.ShouldBe(["mode"]);
        (await world.RefusedAsync(() => world.SendAsync(ReportFormWorld.Content(form, null)), 400)).Fields.ShouldBe(["mode"]);
        (await world.RefusedAsync(() => world.UploadAsync(form, fields: [("comment", "gửi lại")]), 400)).Fields.ShouldBe(["comment"]);
        (await world.RefusedAsync(() => world.UploadAsync(form, fields: [("period", "2023-H3")]), 400)).Fields.ShouldBe(["period"]);

        var json = new StringContent("""{"mode": "draft"}""", Encoding.UTF8);
        json.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        await world.RefusedAsync(() => world.SendAsync(json), 415);
        await world.RefusedAsync(() => world.SendAsync(new FormUrlEncodedContent([new("mode", "draft")])), 415);
        world.Logs.Lines.ShouldNotContain(l => l.StartsWith("Error"));
    }
}
