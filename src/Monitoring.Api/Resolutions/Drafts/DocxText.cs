using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Monitoring.Api.Resolutions.Drafts;

/// <summary>Why an upload is not a Word document the drafter can read (said to the caller as a 400 naming <c>file</c>).</summary>
public sealed class NotADocxException(string english, string vietnamese) : Exception(english)
{
    public string Vietnamese { get; } = vietnamese;
}

/// <summary>
/// The text of a <c>.docx</c>, paragraph by paragraph, in the plain form the drafter reads: a paragraph bold from end to
/// end is wrapped in <c>**</c> (a heading), a list item starts with "- ", a footnote reference is <c>&lt;sup&gt;n&lt;/sup&gt;</c>
/// and the footnotes follow the body as "<c>&lt;sup&gt;n&lt;/sup&gt; text</c>". The package is checked as a zip first:
/// at most <see cref="MaxEntries"/> entries, <see cref="MaxUncompressedBytes"/> in all and a ratio no zip bomb stays under.
/// </summary>
public static class DocxText
{
    public const int MaxEntries = 2000;
    public const long MaxUncompressedBytes = 64L * 1024 * 1024;
    public const long MaxRatio = 200;

    public static string Read(byte[] bytes)
    {
        Check(bytes);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = MaxUncompressedBytes });
            var body = document.MainDocumentPart?.Document?.Body
                       ?? throw new NotADocxException("The Word document has no body (word/document.xml).", "Tài liệu Word không có phần nội dung (word/document.xml).");
            var text = new StringBuilder();
            foreach (var block in body.ChildElements)
                switch (block)
                {
                    case Paragraph paragraph:
                        text.Append(Line(paragraph)).Append("\n\n");
                        break;
                    case Table table:
                        foreach (var row in table.Descendants<TableRow>()) text.Append(Row(row)).Append("\n\n");
                        break;
                    default:
                        foreach (var paragraph in block.Descendants<Paragraph>()) text.Append(Line(paragraph)).Append("\n\n");
                        break;
                }
            var footnotes = document.MainDocumentPart!.FootnotesPart?.Footnotes;
            if (footnotes is not null)
                foreach (var footnote in footnotes.Elements<Footnote>().Where(f => f.Id?.Value > 0))
                {
                    var note = string.Join(' ', footnote.Descendants<Paragraph>().Select(Line)).Trim();
                    if (note.Length > 0) text.Append($"<sup>{footnote.Id!.Value}</sup> {note}\n\n");
                }
            return text.ToString();
        }
        catch (NotADocxException) { throw; }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or IOException or InvalidOperationException
                                      or ArgumentException or FormatException or NotSupportedException)
        {
            throw new NotADocxException($"The file is not a Word document (.docx) that can be read: {e.GetType().Name}.",
                "Tệp không phải tài liệu Word (.docx) đọc được.");
        }
    }

    /// <summary>A zip with word/document.xml, of a size and ratio a resolution has, before anything parses it.</summary>
    private static void Check(byte[] bytes)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw new NotADocxException("The file is not a Word document (.docx): it is not a zip package.",
                "Tệp không phải tài liệu Word (.docx): không phải gói zip.");
        }
        using (zip)
        {
            if (zip.Entries.Count > MaxEntries)
                throw new NotADocxException($"The package has more than {MaxEntries} entries.", $"Gói có hơn {MaxEntries} mục.");
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > MaxUncompressedBytes || entry.CompressedLength > 0 && entry.Length / Math.Max(1, entry.CompressedLength) > MaxRatio && entry.Length > 1024 * 1024)
                    throw new NotADocxException("The package unpacks to far more than a document holds (a zip bomb?); refused unread.",
                        "Gói giải nén ra lớn hơn nhiều so với một văn bản (có thể là zip bomb); từ chối, không đọc.");
            }
            if (zip.GetEntry("word/document.xml") is null)
                throw new NotADocxException("The zip has no word/document.xml: it is not a Word document (.docx).",
                    "Gói zip không có word/document.xml: không phải tài liệu Word (.docx).");
        }
    }

    private static readonly System.Text.RegularExpressions.Regex NumberCell = new(@"^(?:khoảng|trên|dưới|≥|≤|>|<)?\s*\d[\d.,]*(?:\s*[-–]\s*\d[\d.,]*)?\s*%?$");

    /// <summary>
    /// A row of a table of targets ("1 | Tốc độ tăng trưởng GRDP | %/năm | 7 - 7,5") as the sentence it stands for
    /// ("- Tốc độ tăng trưởng GRDP đạt 7 - 7,5%/năm"); any other row, its cells joined with "; ".
    /// </summary>
    private static string Row(TableRow row)
    {
        var cells = row.Elements<TableCell>().Select(c => string.Join(' ', c.Descendants<Paragraph>().Select(Line)).Replace("**", "").Trim()).ToList();
        var filled = cells.Where(c => c.Length > 0).ToList();
        if (filled.Count == 0) return "";
        // The first cell numbering the row ("1", "2.", "II", "a)") is not a value.
        var numbered = System.Text.RegularExpressions.Regex.IsMatch(filled[0], @"^(?:\d{1,3}(?:\.\d{1,2})*\.?|[IVX]{1,5}|[a-zđ]\))$");
        var rest = numbered ? filled.Skip(1).ToList() : filled;
        var name = rest.FirstOrDefault(c => c.Count(char.IsLetter) > 3 && !NumberCell.IsMatch(c) && !IsUnit(c));
        var unit = rest.FirstOrDefault(IsUnit);
        var value = rest.LastOrDefault(c => NumberCell.IsMatch(c));
        if (name is not null && value is not null && unit is not null)
            return $"- {name} đạt {value}{(unit.StartsWith('%') ? "" : " ")}{(value.EndsWith('%') && unit.StartsWith('%') ? unit[1..] : unit)}";
        return string.Join("; ", filled);
    }

    private static bool IsUnit(string cell)
    {
        var folded = Monitoring.Domain.Drafting.Vietnamese.Fold(cell.Trim());
        return folded.StartsWith('%') && folded.Length <= 8 || Monitoring.Domain.Drafting.Quantities.UnitAt(folded, 0) is { Unit.Length: > 0 } u && u.End == folded.Length;
    }

    private static string Line(Paragraph paragraph)
    {
        var text = new StringBuilder();
        var runs = paragraph.Descendants<Run>().ToList();
        var allBold = runs.Count > 0;
        foreach (var run in runs)
        {
            var superscript = run.RunProperties?.VerticalTextAlignment?.Val?.Value == VerticalPositionValues.Superscript;
            var bold = run.RunProperties?.Bold is { } b && (b.Val is null || b.Val.Value);
            var runText = new StringBuilder();
            foreach (var child in run.ChildElements)
                switch (child)
                {
                    case Text t: runText.Append(t.Text); break;
                    case TabChar: runText.Append(' '); break;
                    case Break or CarriageReturn: runText.Append(' '); break;
                    case FootnoteReference f: runText.Append($"<sup>{f.Id?.Value}</sup>"); break;
                }
            var value = runText.ToString();
            if (value.Trim().Length > 0 && !bold) allBold = false;
            text.Append(superscript && value.Trim().All(char.IsDigit) && value.Trim().Length > 0 ? $"<sup>{value.Trim()}</sup>" : value);
        }
        var line = text.ToString().Replace('\n', ' ').Trim();
        if (line.Length == 0) return "";
        var listItem = paragraph.ParagraphProperties?.NumberingProperties is not null;
        if (listItem) line = "- " + line;
        else if (allBold || paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value?.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) == true)
            line = $"**{line}**";
        return line;
    }
}
