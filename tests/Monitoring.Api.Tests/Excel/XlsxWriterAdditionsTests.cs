using Monitoring.Api.Infrastructure.Excel;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Excel;

/// <summary>What the exports added to the writer: years shown without grouping, and long sheets written row by row.</summary>
public class XlsxWriterAdditionsTests
{
    [Fact]
    public async Task A_year_is_a_number_shown_without_grouping_and_an_input_year_stays_unlocked()
    {
        var bytes = XlsxWorkbook.Write(new XlsxSheet("Năm", [new XlsxColumn("Năm", XlsxKind.Year), new XlsxColumn("Số", XlsxKind.Integer),
            new XlsxColumn("Năm nhập", XlsxKind.Year, Input: true)]) { Protect = true }.Row(2025, 6150, null).Row(2020m, 15, 2021));
        var sheet = ExportedWorkbook.Read(bytes).Single();
        sheet.Table[0][0]!.IsNumber.ShouldBeTrue();
        sheet.Table[0][0]!.Format.ShouldBe("0");
        sheet.Table[0][1]!.Format.ShouldBe("#,##0");
        sheet.Table[1][2]!.Format.ShouldBe("0");
        (await LibreOffice.ToCsvAsync(bytes))["Năm"].Skip(1).Select(r => string.Join(",", r)).ShouldBe(["2025,6150,", "2020,15,2021"]);
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var formats = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<DocumentFormat.OpenXml.Spreadsheet.CellFormat>().ToList();
        var input = document.WorkbookPart.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Single(c => c.CellReference == "C3");
        formats[(int)input.StyleIndex!.Value].Protection!.Locked!.Value.ShouldBeFalse();
    }

    [Fact]
    public void A_long_sheet_is_written_row_by_row_and_reads_back_whole()
    {
        var sheet = new XlsxSheet("Dài", [new XlsxColumn("Số", XlsxKind.Integer), new XlsxColumn("Nội dung", Width: 40), new XlsxColumn("Lúc", XlsxKind.DateTime)])
        {
            Title = { "Tiêu đề" },
        };
        var at = new DateTimeOffset(2023, 7, 15, 2, 0, 0, TimeSpan.Zero);
        for (var i = 1; i <= 20_000; i++) sheet.Row(i, $"Dòng thứ {i}", at.AddMinutes(i));
        var read = ExportedWorkbook.Read(XlsxWorkbook.Write(sheet)).Single();
        read.Title.ShouldBe(["Tiêu đề"]);
        read.Table.Count.ShouldBe(20_000);
        read.Table[^1][0]!.Number.ShouldBe(20_000);
        read.Table[^1][1]!.Text.ShouldBe("Dòng thứ 20000");
        read.Table[^1][2]!.Date.ShouldBe(new DateTime(2023, 7, 15, 9, 0, 0).AddMinutes(20_000), TimeSpan.FromSeconds(1));
        read.AutoFilter.ShouldBe("A3:C20003");
    }
}
