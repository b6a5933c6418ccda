using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Monitoring.Api.Infrastructure.Excel;

namespace Monitoring.Api.Tests.Excel;

/// <summary>
/// Fills a downloaded report form the way a clerk's spreadsheet program saves it: numbers typed into number cells, text
/// (as shared strings, as Excel stores typed text, or inline), dates as date serials; rows found by their hidden id.
/// </summary>
public sealed class FormFiller : IDisposable
{
    private readonly MemoryStream _stream = new();
    private readonly SpreadsheetDocument _document;

    public FormFiller(byte[] form)
    {
        _stream.Write(form);
        _stream.Position = 0;
        _document = SpreadsheetDocument.Open(_stream, true);
    }

    public static FormFiller Of(byte[] form) => new(form);

    public Worksheet Sheet(string name)
    {
        var workbook = _document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
    }

    private IEnumerable<Cell> Cells(string sheet) => Sheet(sheet).Descendants<Cell>();

    public string? Text(Cell cell)
    {
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText;
        if (cell.DataType?.Value == CellValues.SharedString)
            return _document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(cell.CellValue!.Text)).InnerText;
        return cell.CellValue?.Text;
    }

    /// <summary>The row whose cell (in any column) holds <paramref name="text"/>: a row id in the hidden column, a heading, a key.</summary>
    public int RowOf(string sheet, string text) =>
        (int)Cells(sheet).First(c => Text(c) == text).Ancestors<Row>().First().RowIndex!.Value;

    public int RowOf(string sheet, Guid id) => RowOf(sheet, id.ToString("D"));

    /// <summary>The column letter of a heading.</summary>
    public string ColumnOf(string sheet, string header)
    {
        var reference = Cells(sheet).First(c => Text(c) == header).CellReference!.Value!;
        return new string(reference.TakeWhile(char.IsLetter).ToArray());
    }

    public Cell Cell(string sheet, string reference)
    {
        var worksheet = Sheet(sheet);
        var data = worksheet.GetFirstChild<SheetData>()!;
        var rowNumber = uint.Parse(new string(reference.SkipWhile(char.IsLetter).ToArray()), CultureInfo.InvariantCulture);
        var row = data.Elements<Row>().FirstOrDefault(r => r.RowIndex!.Value == rowNumber);
        if (row is null)
        {
            row = new Row { RowIndex = rowNumber };
            var after = data.Elements<Row>().LastOrDefault(r => r.RowIndex!.Value < rowNumber);
            if (after is null) data.PrependChild(row); else after.InsertAfterSelf(row);
        }
        var cell = row.Elements<Cell>().FirstOrDefault(c => c.CellReference == reference);
        if (cell is null)
        {
            cell = new Cell { CellReference = reference };
            var before = row.Elements<Cell>().FirstOrDefault(c => Compare(c.CellReference!.Value!, reference) > 0);
            if (before is null) row.Append(cell); else before.InsertBeforeSelf(cell);
        }
        return cell;
    }

    private static int Compare(string a, string b)
    {
        var la = new string(a.TakeWhile(char.IsLetter).ToArray());
        var lb = new string(b.TakeWhile(char.IsLetter).ToArray());
        return la.Length != lb.Length ? la.Length.CompareTo(lb.Length) : string.CompareOrdinal(la, lb);
    }

    private string At(string sheet, int row, string header) => ColumnOf(sheet, header) + row;

    /// <summary>A number typed into a cell (stored as a number, whatever the cell's format).</summary>
    public FormFiller Number(string sheet, int row, string header, double value)
    {
        var cell = Cell(sheet, At(sheet, row, header));
        cell.InlineString = null;
        cell.DataType = CellValues.Number;
        cell.CellValue = new CellValue(value);
        return this;
    }

    /// <summary>Text typed into a cell: kept in the shared-string table as Excel does (or inline, as some writers do).</summary>
    public FormFiller Text(string sheet, int row, string header, string text, bool inline = false) => TextAt(sheet, At(sheet, row, header), text, inline);

    public FormFiller TextAt(string sheet, string reference, string text, bool inline = false)
    {
        var cell = Cell(sheet, reference);
        cell.CellValue = null;
        cell.InlineString = null;
        if (inline)
        {
            cell.DataType = CellValues.InlineString;
            cell.InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
            return this;
        }
        var part = _document.WorkbookPart!.SharedStringTablePart ?? _document.WorkbookPart.AddNewPart<SharedStringTablePart>();
        part.SharedStringTable ??= new SharedStringTable();
        part.SharedStringTable.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        cell.DataType = CellValues.SharedString;
        cell.CellValue = new CellValue(part.SharedStringTable.Elements<SharedStringItem>().Count() - 1);
        return this;
    }

    /// <summary>A date typed into a date cell (a serial number).</summary>
    public FormFiller Date(string sheet, int row, string header, DateOnly day) =>
        Number(sheet, row, header, day.ToDateTime(TimeOnly.MinValue).ToOADate());

    public FormFiller Clear(string sheet, int row, string header)
    {
        var cell = Cell(sheet, At(sheet, row, header));
        cell.CellValue = null;
        cell.InlineString = null;
        cell.DataType = null;
        return this;
    }

    /// <summary>The workbook's cell formats, to give a cell the format a spreadsheet program would.</summary>
    public FormStyles Styles() => new(_document.WorkbookPart!.WorkbookStylesPart!.Stylesheet);

    public sealed class FormStyles(Stylesheet stylesheet)
    {
        /// <summary>A cell format showing a percentage (built-in number format 9, "0%"), as Excel adds when "40%" is typed.</summary>
        public uint AddPercentFormat()
        {
            var formats = stylesheet.CellFormats!;
            formats.Append(new CellFormat(new Protection { Locked = false }) { NumberFormatId = 9, ApplyNumberFormat = true, ApplyProtection = true });
            formats.Count = (uint)formats.ChildElements.Count;
            return formats.Count.Value - 1;
        }
    }

    private bool _closed;

    /// <summary>The filled file (the document is saved and closed).</summary>
    public byte[] Bytes()
    {
        Dispose();
        return _stream.ToArray();
    }

    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        _document.Dispose();
    }

    public static string Column(int number) => XlsxWorkbook.ColumnName(number);
}
