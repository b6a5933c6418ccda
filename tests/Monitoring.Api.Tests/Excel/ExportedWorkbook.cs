using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Monitoring.Api.Tests.Excel;

/// <summary>One cell as the file stores it: its text (inline string or number as written), whether it is a number, and its number format.</summary>
public sealed record StoredCell(string Reference, string Text, bool IsNumber, string? Format)
{
    public double Number => double.Parse(Text, CultureInfo.InvariantCulture);
    public bool IsDate => IsNumber && Format is "dd/mm/yyyy";
    public bool IsDateTime => IsNumber && Format is "dd/mm/yyyy hh:mm";
    public DateTime Date => DateTime.FromOADate(Number);
}

/// <summary>One sheet read back with the Open XML SDK: where its header is, what it freezes, filters and sizes, and its cells by row.</summary>
public sealed record StoredSheet(string Name, int HeaderRow, string? FrozenTopLeft, string? AutoFilter, IReadOnlyList<double> Widths,
    IReadOnlyDictionary<int, IReadOnlyList<StoredCell?>> Rows)
{
    public IReadOnlyList<string> Header => Rows[HeaderRow].Select(c => c?.Text ?? "").ToList();

    /// <summary>The table's rows below the header, each as wide as the header.</summary>
    public IReadOnlyList<IReadOnlyList<StoredCell?>> Table => Rows.Where(r => r.Key > HeaderRow).OrderBy(r => r.Key).Select(r => r.Value).ToList();

    public int Column(string header) => Header.ToList().IndexOf(header) is var i and >= 0 ? i : throw new ShouldAssertException($"{Name}: no column {header}");

    /// <summary>The title lines above the table.</summary>
    public IReadOnlyList<string> Title => Rows.Where(r => r.Key < HeaderRow).OrderBy(r => r.Key).Select(r => r.Value[0]?.Text ?? "").ToList();
}

/// <summary>An .xlsx the service answered, read back with DocumentFormat.OpenXml (valid Open XML, every sheet).</summary>
public static class ExportedWorkbook
{
    public static IReadOnlyList<StoredSheet> Read(byte[] xlsx)
    {
        Encoding.ASCII.GetString(xlsx, 0, 2).ShouldBe("PK", "an .xlsx is a zip archive");
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        new OpenXmlValidator().Validate(document).Select(e => e.Description).ShouldBeEmpty();
        var workbook = document.WorkbookPart!;
        var formats = workbook.WorkbookStylesPart!.Stylesheet.NumberingFormats!.Elements<NumberingFormat>()
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!);
        var cellFormats = workbook.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        string? FormatOf(Cell cell)
        {
            var id = cellFormats[(int)(cell.StyleIndex?.Value ?? 0)].NumberFormatId?.Value ?? 0;
            return formats.TryGetValue(id, out var code) ? code : id switch { 1 => "0", 3 => "#,##0", _ => null };
        }

        var sheets = new List<StoredSheet>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
            var pane = worksheet.Descendants<Pane>().SingleOrDefault();
            var frozen = pane?.State?.Value == PaneStateValues.Frozen ? pane.TopLeftCell?.Value : null;
            var rows = new Dictionary<int, IReadOnlyList<StoredCell?>>();
            var width = worksheet.Descendants<Column>().Count();
            foreach (var row in worksheet.Descendants<Row>())
            {
                var cells = new StoredCell?[Math.Max(width, 1)];
                foreach (var cell in row.Elements<Cell>())
                {
                    var reference = cell.CellReference!.Value!;
                    var column = ColumnIndex(reference);
                    if (column >= cells.Length) Array.Resize(ref cells, column + 1);
                    var isNumber = cell.DataType is null || cell.DataType.Value == CellValues.Number;
                    var text = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? "";
                    cells[column] = cell.CellValue is null && cell.InlineString is null ? null : new StoredCell(reference, text, isNumber, FormatOf(cell));
                }
                rows[(int)row.RowIndex!.Value] = cells;
            }
            var frozenRow = frozen is null ? 0 : int.Parse(new string(frozen.Where(char.IsDigit).ToArray())) - 1;
            sheets.Add(new StoredSheet(sheet.Name!.Value!, frozenRow, frozen, worksheet.Descendants<AutoFilter>().SingleOrDefault()?.Reference?.Value,
                worksheet.Descendants<Column>().Select(c => c.Width?.Value ?? 0).ToList(), rows));
        }
        return sheets;
    }

    public static StoredSheet Sheet(this IReadOnlyList<StoredSheet> sheets, string name) =>
        sheets.SingleOrDefault(s => s.Name == name) ?? throw new ShouldAssertException($"No sheet {name}: {string.Join(", ", sheets.Select(s => s.Name))}");

    /// <summary>A frozen header, widths on every column and a filter over the table: what every export sheet has.</summary>
    public static void ShouldBeAnExportTable(this StoredSheet sheet)
    {
        sheet.HeaderRow.ShouldBeGreaterThan(0, $"{sheet.Name}: the header row is frozen");
        sheet.FrozenTopLeft.ShouldBe($"A{sheet.HeaderRow + 1}", sheet.Name);
        sheet.Widths.Count.ShouldBe(sheet.Header.Count, $"{sheet.Name}: a width for every column");
        sheet.Widths.ShouldAllBe(w => w > 0);
        sheet.AutoFilter.ShouldNotBeNull($"{sheet.Name}: filtered");
        sheet.AutoFilter!.ShouldStartWith($"A{sheet.HeaderRow}:");
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter)) index = index * 26 + (c - 'A' + 1);
        return index - 1;
    }
}
