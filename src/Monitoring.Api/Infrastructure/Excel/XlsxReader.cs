using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Monitoring.Api.Infrastructure.Excel;

/// <summary>What a cell holds, as the file stores it.</summary>
public enum XlsxCellKind { Number, Text, Boolean, Error }

/// <summary>
/// One cell of an uploaded workbook: its address, what it holds (a number, text, a boolean or an error such as #VALUE!) and
/// whether its number format shows a percentage (a clerk typing "50%" into Excel stores 0.5).
/// </summary>
public sealed record XlsxCell(int Row, int Column, XlsxCellKind Kind, string Text, double? Number, bool Percent)
{
    public string Reference => XlsxWorkbook.ColumnName(Column) + Row;
}

/// <summary>The non-empty cells of one sheet, by row and column (1-based).</summary>
public sealed class XlsxGrid(string name, IReadOnlyDictionary<(int Row, int Column), XlsxCell> cells)
{
    public string Name { get; } = name;
    public IReadOnlyDictionary<(int Row, int Column), XlsxCell> Cells { get; } = cells;
    public int LastRow { get; } = cells.Count == 0 ? 0 : cells.Keys.Max(k => k.Row);

    public XlsxCell? this[int row, int column] => Cells.GetValueOrDefault((row, column));

    /// <summary>The cell's text as a person reads it (numbers in invariant form), trimmed; empty for an empty cell.</summary>
    public string TextAt(int row, int column) => this[row, column]?.Text.Trim() ?? "";
}

/// <summary>
/// Reads the cells of a workbook that <see cref="XlsxUpload.Check"/> accepted, as Excel and LibreOffice save them: shared
/// strings, inline strings, numbers, booleans, error values, formulas (their cached result), cells with or without an address.
/// Sheets are streamed row by row; the number of cells read is capped.
/// </summary>
public sealed class XlsxReader : IDisposable
{
    public const int MaxCells = 200_000;

    private readonly SpreadsheetDocument _document;
    private readonly List<string> _sharedStrings = [];
    private readonly List<bool> _percentStyles = [];

    private XlsxReader(SpreadsheetDocument document)
    {
        _document = document;
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("The package has no workbook part.");
        if (workbook.SharedStringTablePart is { } strings)
        {
            using var reader = OpenXmlReader.Create(strings);
            while (reader.Read())
                if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
                {
                    var item = (SharedStringItem)reader.LoadCurrentElement()!;
                    _sharedStrings.Add(item.Text?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text)));
                    if (_sharedStrings.Count > MaxCells) throw new InvalidDataException("Too many shared strings.");
                }
        }
        if (workbook.WorkbookStylesPart?.Stylesheet is { } styles)
        {
            var custom = styles.NumberingFormats?.Elements<NumberingFormat>()
                .Where(f => f.NumberFormatId?.Value is not null)
                .GroupBy(f => f.NumberFormatId!.Value).ToDictionary(g => g.Key, g => g.First().FormatCode?.Value ?? "") ?? [];
            foreach (var format in styles.CellFormats?.Elements<CellFormat>() ?? [])
            {
                var id = format.NumberFormatId?.Value ?? 0;
                _percentStyles.Add(id is 9 or 10 || custom.TryGetValue(id, out var code) && IsPercent(code));
            }
        }
    }

    /// <summary>A '%' outside quoted text and escapes makes a format a percentage.</summary>
    private static bool IsPercent(string code)
    {
        var quoted = false;
        for (var i = 0; i < code.Length; i++)
        {
            if (code[i] == '"') quoted = !quoted;
            else if (!quoted && code[i] == '\\') i++;
            else if (!quoted && code[i] == '%') return true;
        }
        return false;
    }

    public static XlsxReader Open(byte[] bytes) =>
        new(SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), false,
            new OpenSettings { MaxCharactersInPart = XlsxUpload.MaxEntryBytes, AutoSave = false }));

    /// <summary>The names of the workbook's sheets, in order.</summary>
    public IReadOnlyList<string> SheetNames =>
        _document.WorkbookPart!.Workbook?.Sheets?.Elements<Sheet>().Select(s => s.Name?.Value ?? "").ToList() ?? [];

    /// <summary>The sheet's cells, or null when the workbook has no sheet of that name.</summary>
    public XlsxGrid? Sheet(string name)
    {
        var workbook = _document.WorkbookPart!;
        var sheet = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault(s => s.Name?.Value == name);
        if (sheet?.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part) return null;

        var cells = new Dictionary<(int, int), XlsxCell>();
        using var reader = OpenXmlReader.Create(part);
        var rowNumber = 0;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
            var row = (Row)reader.LoadCurrentElement()!;
            rowNumber = row.RowIndex?.Value is { } index ? (int)index : rowNumber + 1;
            var column = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                column = cell.CellReference?.Value is { } reference && ColumnOf(reference) is { } at ? at : column + 1;
                if (Read(cell, rowNumber, column) is not { } value) continue;
                cells[(rowNumber, column)] = value;
                if (cells.Count > MaxCells) throw new InvalidDataException($"The sheet '{name}' has more than {MaxCells} cells.");
            }
        }
        return new XlsxGrid(name, cells);
    }

    private static int? ColumnOf(string reference)
    {
        var n = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z') n = n * 26 + (c - 'A' + 1);
            else if (c is >= 'a' and <= 'z') n = n * 26 + (c - 'a' + 1);
            else break;
            if (++letters > 3) return null;
        }
        return letters == 0 ? null : n;
    }

    private XlsxCell? Read(Cell cell, int row, int column)
    {
        var percent = cell.StyleIndex?.Value is { } style && style < _percentStyles.Count && _percentStyles[(int)style];
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            var inline = cell.InlineString;
            var text = inline?.Text?.Text ?? string.Concat(inline?.Elements<Run>().Select(r => r.Text?.Text) ?? []);
            return text.Length == 0 ? null : new XlsxCell(row, column, XlsxCellKind.Text, text, null, percent);
        }
        if (raw is null) return null;
        if (type == CellValues.SharedString)
        {
            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= _sharedStrings.Count)
                throw new InvalidDataException($"Cell {XlsxWorkbook.ColumnName(column)}{row} names a shared string that does not exist.");
            var text = _sharedStrings[index];
            return text.Length == 0 ? null : new XlsxCell(row, column, XlsxCellKind.Text, text, null, percent);
        }
        if (type == CellValues.String || type == CellValues.Date)
            return raw.Length == 0 ? null : new XlsxCell(row, column, XlsxCellKind.Text, raw, null, percent);
        if (type == CellValues.Boolean) return new XlsxCell(row, column, XlsxCellKind.Boolean, raw == "1" ? "TRUE" : "FALSE", null, percent);
        if (type == CellValues.Error) return new XlsxCell(row, column, XlsxCellKind.Error, raw, null, percent);
        if (raw.Length == 0) return null;
        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? new XlsxCell(row, column, XlsxCellKind.Number, raw, number, percent)
            : new XlsxCell(row, column, XlsxCellKind.Text, raw, null, percent);
    }

    public void Dispose() => _document.Dispose();
}
