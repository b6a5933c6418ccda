using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Monitoring.Domain.Common;

namespace Monitoring.Api.Infrastructure.Excel;

/// <summary>What a column holds, which decides the cell type and its number format.</summary>
public enum XlsxKind
{
    Text,
    /// <summary>A number shown with thousands grouped and up to three decimals (a Vietnamese reader's Excel shows 29.240,3).</summary>
    Number,
    /// <summary>A whole number, grouped.</summary>
    Integer,
    /// <summary>A day, stored as a date serial and shown dd/mm/yyyy.</summary>
    Date,
    /// <summary>A moment, stored as a date serial in Vietnam's time and shown dd/mm/yyyy hh:mm.</summary>
    DateTime,
    /// <summary>A whole number shown without grouping: a year (2025, where <see cref="Integer"/> would show 2.025 to a Vietnamese reader).</summary>
    Year,
}

/// <param name="Width">In characters.</param>
/// <param name="Input">A cell the person filling the form types into: left unlocked when the sheet is protected.</param>
/// <param name="Hidden">Kept in the file (ids a form carries back) but not shown.</param>
/// <param name="Choices">A drop-down of these values (data validation list).</param>
public sealed record XlsxColumn(string Header, XlsxKind Kind = XlsxKind.Text, double Width = 14, bool Input = false, bool Hidden = false,
    IReadOnlyList<string>? Choices = null);

/// <summary>One sheet: a title block (optional lines above the table), a header row, rows of values.</summary>
public sealed class XlsxSheet(string name, IReadOnlyList<XlsxColumn> columns)
{
    public string Name { get; } = name.Length > 31 ? name[..31] : name;
    public IReadOnlyList<XlsxColumn> Columns { get; } = columns;
    public List<string> Title { get; } = [];
    public List<object?[]> Rows { get; } = [];
    /// <summary>Protect the sheet: only <see cref="XlsxColumn.Input"/> cells of the table's rows can be edited.</summary>
    public bool Protect { get; init; }
    /// <summary>A whole sheet hidden from view (a form's own data).</summary>
    public bool Hidden { get; init; }
    /// <summary>Hidden so that the spreadsheet program's "Unhide" does not list it (only a macro or an XML editor shows it).</summary>
    public bool VeryHidden { get; init; }

    public XlsxSheet Row(params object?[] values)
    {
        Rows.Add(values);
        return this;
    }

    /// <summary>The 1-based row number of the header (after the title lines and a blank line, if any).</summary>
    public int HeaderRow => Title.Count == 0 ? 1 : Title.Count + 2;

    /// <summary>The 1-based row number in the file of the table row at <paramref name="index"/>.</summary>
    public int RowNumberOf(int index) => HeaderRow + 1 + index;
}

/// <summary>
/// Writes .xlsx files with the Open XML SDK (already used for the Word reviews): numbers stay numbers and dates dates, the
/// header row is frozen and filtered, widths are set; a form sheet can be protected with its input cells unlocked, carry
/// hidden columns and drop-downs. ClosedXML (0.95.4, the version served) cannot be used: its workbook fails to initialise on
/// .NET 10 with DocumentFormat.OpenXml 3 (InvalidProgramException); MiniExcel has no data validation or sheet protection.
/// </summary>
public static class XlsxWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Style indexes in the stylesheet below.
    private const uint Plain = 0, Header = 1, NumberStyle = 2, IntegerStyle = 3, DateStyle = 4, DateTimeStyle = 5, TitleStyle = 6;
    private const uint UnlockedOffset = 7; // Plain..DateTimeStyle again, unlocked, for input cells
    private const uint YearStyle = 13, UnlockedYearStyle = 14;

    public static byte[] Write(params XlsxSheet[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheetList = workbookPart.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var sheet in sheets)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                WriteWorksheet(part, sheet);
                sheetList.Append(new Sheet
                {
                    Id = workbookPart.GetIdOfPart(part), SheetId = id++, Name = sheet.Name,
                    State = sheet.VeryHidden ? SheetStateValues.VeryHidden : sheet.Hidden ? SheetStateValues.Hidden : null,
                });
            }
            workbookPart.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>A1-style column letters: 1 → A, 27 → AA.</summary>
    public static string ColumnName(int number)
    {
        var name = "";
        for (; number > 0; number = (number - 1) / 26) name = (char)('A' + (number - 1) % 26) + name;
        return name;
    }

    /// <summary>
    /// Writes the sheet into its part: what surrounds the table (views, widths, title, header, filter, validations) is built as
    /// elements, the table's rows are streamed one at a time. Built whole, a 100 000-row audit export held over a gigabyte of
    /// cell objects; streamed, only the rows' values are held.
    /// </summary>
    private static void WriteWorksheet(WorksheetPart part, XlsxSheet sheet)
    {
        var worksheet = Worksheet(sheet);
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        foreach (var child in worksheet.ChildElements)
        {
            if (child is not SheetData head)
            {
                writer.WriteElement(child);
                continue;
            }
            writer.WriteStartElement(new SheetData());
            foreach (var row in head.ChildElements) writer.WriteElement(row);
            foreach (var row in TableRows(sheet)) writer.WriteElement(row);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    /// <summary>The worksheet around its table rows: the sheet data holds the title lines and the header only.</summary>
    private static Worksheet Worksheet(XlsxSheet sheet)
    {
        var worksheet = new Worksheet();
        var headerRow = sheet.HeaderRow;
        worksheet.Append(new SheetViews(new SheetView(new Pane
        {
            VerticalSplit = headerRow, TopLeftCell = $"A{headerRow + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
        })
        { WorkbookViewId = 0 }));
        worksheet.Append(new Columns(sheet.Columns.Select((c, i) => new Column
        {
            Min = (uint)(i + 1), Max = (uint)(i + 1), Width = c.Width, CustomWidth = true, Hidden = c.Hidden ? true : null,
        })));

        var data = new SheetData();
        for (var t = 0; t < sheet.Title.Count; t++)
            data.Append(new Row(TextCell($"A{t + 1}", sheet.Title[t], TitleStyle)) { RowIndex = (uint)(t + 1) });
        data.Append(new Row(sheet.Columns.Select((c, i) => TextCell($"{ColumnName(i + 1)}{headerRow}", c.Header, Header))) { RowIndex = (uint)headerRow });
        worksheet.Append(data);

        var lastColumn = ColumnName(sheet.Columns.Count);
        var lastRow = Math.Max(headerRow, sheet.RowNumberOf(sheet.Rows.Count - 1));
        if (sheet.Protect)
            worksheet.Append(new SheetProtection { Sheet = true, Objects = true, Scenarios = true, FormatColumns = false, FormatRows = false, AutoFilter = false });
        else
            worksheet.Append(new AutoFilter { Reference = $"A{headerRow}:{lastColumn}{lastRow}" });

        var validations = sheet.Columns
            .Select((c, i) => (Column: c, Letter: ColumnName(i + 1)))
            .Where(x => x.Column.Choices is { Count: > 0 } && sheet.Rows.Count > 0)
            .Select(x => new DataValidation(new Formula1($"\"{string.Join(',', x.Column.Choices!)}\""))
            {
                Type = DataValidationValues.List, AllowBlank = true, ShowErrorMessage = true, ShowDropDown = false,
                SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{x.Letter}{headerRow + 1}:{x.Letter}{lastRow}" },
                ErrorTitle = "Giá trị không hợp lệ", Error = "Hãy chọn một giá trị trong danh sách: " + string.Join(", ", x.Column.Choices!),
            })
            .ToList();
        if (validations.Count > 0) worksheet.Append(new DataValidations(validations) { Count = (uint)validations.Count });
        return worksheet;
    }

    private static IEnumerable<Row> TableRows(XlsxSheet sheet)
    {
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            var number = sheet.RowNumberOf(r);
            var values = sheet.Rows[r];
            var row = new Row { RowIndex = (uint)number };
            for (var c = 0; c < sheet.Columns.Count; c++)
            {
                var column = sheet.Columns[c];
                var value = c < values.Length ? values[c] : null;
                var cell = Cell($"{ColumnName(c + 1)}{number}", column.Kind, value, column.Input && sheet.Protect);
                if (cell is not null) row.Append(cell);
            }
            yield return row;
        }
    }

    private static Cell? Cell(string reference, XlsxKind kind, object? value, bool unlocked)
    {
        var offset = unlocked ? UnlockedOffset : 0;
        var style = kind == XlsxKind.Year ? (unlocked ? UnlockedYearStyle : YearStyle) : offset + StyleOf(kind);
        if (value is null)
            return unlocked ? new Cell { CellReference = reference, StyleIndex = style } : null;
        return (kind, value) switch
        {
            (XlsxKind.Number or XlsxKind.Integer or XlsxKind.Year, decimal d) => NumberCell(reference, (double)d, style),
            (XlsxKind.Number or XlsxKind.Integer or XlsxKind.Year, int i) => NumberCell(reference, i, style),
            (XlsxKind.Number or XlsxKind.Integer or XlsxKind.Year, long l) => NumberCell(reference, l, style),
            (XlsxKind.Number or XlsxKind.Integer or XlsxKind.Year, double x) => NumberCell(reference, x, style),
            (XlsxKind.Date, DateOnly day) => NumberCell(reference, day.ToDateTime(TimeOnly.MinValue).ToOADate(), offset + DateStyle),
            (XlsxKind.Date, DateTimeOffset moment) => NumberCell(reference, VietnamTime.Of(moment).Date.ToOADate(), offset + DateStyle),
            (XlsxKind.DateTime, DateTimeOffset moment) => NumberCell(reference, VietnamTime.Of(moment).DateTime.ToOADate(), offset + DateTimeStyle),
            _ => TextCell(reference, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "", offset + Plain),
        };
    }

    private static uint StyleOf(XlsxKind kind) => kind switch
    {
        XlsxKind.Number => NumberStyle,
        XlsxKind.Integer => IntegerStyle,
        XlsxKind.Date => DateStyle,
        XlsxKind.DateTime => DateTimeStyle,
        _ => Plain,
    };

    private static Cell NumberCell(string reference, double value, uint style) =>
        new() { CellReference = reference, CellValue = new CellValue(value), DataType = CellValues.Number, StyleIndex = style };

    // Inline strings: no shared-string table to keep in step; Excel and LibreOffice read them alike.
    private static Cell TextCell(string reference, string text, uint style) =>
        new(new InlineString(new Text(Sanitized(text)) { Space = SpaceProcessingModeValues.Preserve }))
        {
            CellReference = reference, DataType = CellValues.InlineString, StyleIndex = style,
        };

    /// <summary>XML 1.0 refuses most control characters (an inline string is text, never evaluated as a formula).</summary>
    private static string Sanitized(string text)
    {
        var clean = new string(text.Where(c => c is '\t' or '\n' or '\r' || c >= ' ').ToArray());
        return clean.Length > 32_767 ? clean[..32_767] : clean;
    }

    private static Stylesheet Stylesheet()
    {
        var numberFormats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.###" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "dd/mm/yyyy" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "dd/mm/yyyy hh:mm" })
        { Count = 3 };
        var fonts = new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 13 }, new FontName { Val = "Calibri" })) { Count = 3 };
        var fills = new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDE5F0" }) { PatternType = PatternValues.Solid }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFFFF8DC" }) { PatternType = PatternValues.Solid })) { Count = 4 };
        var borders = new Borders(new Border()) { Count = 1 };

        CellFormat Format(uint numberFormat, uint font = 0, uint fill = 0, bool locked = true, bool wrap = false) => new(
            new Alignment { WrapText = wrap ? true : null, Vertical = VerticalAlignmentValues.Top },
            new Protection { Locked = locked })
        {
            NumberFormatId = numberFormat, FontId = font, FillId = fill, BorderId = 0, ApplyNumberFormat = numberFormat != 0, ApplyFont = font != 0,
            ApplyFill = fill != 0, ApplyAlignment = true, ApplyProtection = true,
        };

        var formats = new CellFormats(
            Format(0, wrap: true),           // Plain
            Format(0, font: 1, fill: 2, wrap: true), // Header
            Format(164),                     // Number
            Format(3),                       // Integer (#,##0)
            Format(165),                     // Date
            Format(166),                     // DateTime
            Format(0, font: 2),              // Title
            Format(0, fill: 3, locked: false, wrap: true), // unlocked Plain (input)
            Format(0, font: 1, fill: 2, locked: false),
            Format(164, fill: 3, locked: false),
            Format(3, fill: 3, locked: false),
            Format(165, fill: 3, locked: false),
            Format(166, fill: 3, locked: false),
            Format(1),                       // Year (0)
            Format(1, fill: 3, locked: false));
        formats.Count = (uint)formats.ChildElements.Count;
        return new Stylesheet(numberFormats, fonts, fills, borders, new CellStyleFormats(new CellFormat()) { Count = 1 }, formats);
    }
}
