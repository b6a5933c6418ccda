using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Monitoring.Api.Infrastructure.Excel;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Excel;

public class XlsxWorkbookTests
{
    public static byte[] Sample() => XlsxWorkbook.Write(new XlsxSheet("Chỉ tiêu", [
            new XlsxColumn("Mã"), new XlsxColumn("Chỉ tiêu", Width: 50), new XlsxColumn("Giá trị", XlsxKind.Number),
            new XlsxColumn("Ngày số liệu", XlsxKind.Date), new XlsxColumn("Ghi nhận lúc", XlsxKind.DateTime), new XlsxColumn("Số đơn vị", XlsxKind.Integer),
        ]) { Title = { "Kết luận số 1492-KL/TU", "Số liệu tính đến ngày 30/06/2023" } }
        .Row("KT-01", "Tổng sản phẩm trên địa bàn tỉnh (GRDP)", 29240.3m, new DateOnly(2023, 6, 30), new DateTimeOffset(2023, 7, 10, 2, 30, 0, TimeSpan.Zero), 6150)
        .Row("KT-04", "Tổng vốn đầu tư toàn xã hội", 17644m, null, null, null));

    [Fact]
    public void A_workbook_is_valid_Open_XML_with_numbers_as_numbers_and_dates_as_date_serials()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(Sample()), false);
        new OpenXmlValidator().Validate(document).Select(e => e.Description).ShouldBeEmpty();
    }

    [Fact]
    public async Task LibreOffice_opens_it_and_reads_the_same_values()
    {
        var csv = await LibreOffice.ToCsvAsync(Sample());
        var rows = csv["Chỉ tiêu"];
        rows[0][0].ShouldBe("Kết luận số 1492-KL/TU");
        rows[3].ShouldBe(["Mã", "Chỉ tiêu", "Giá trị", "Ngày số liệu", "Ghi nhận lúc", "Số đơn vị"]);
        // Cells as stored: numbers plain, dates in LibreOffice's own (en-US) order; read back as the values they are.
        rows[4][..3].ShouldBe(["KT-01", "Tổng sản phẩm trên địa bàn tỉnh (GRDP)", "29240.3"]);
        LibreOffice.Date(rows[4][3]).ShouldBe(new DateTime(2023, 6, 30));
        LibreOffice.Date(rows[4][4]).ShouldBe(new DateTime(2023, 7, 10, 9, 30, 0), "Vietnam's time");
        rows[4][5].ShouldBe("6150");
        rows[5].ShouldBe(["KT-04", "Tổng vốn đầu tư toàn xã hội", "17644", "", "", ""]);
    }
}
