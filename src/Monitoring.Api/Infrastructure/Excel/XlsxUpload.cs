using System.IO.Compression;
using System.Xml;

namespace Monitoring.Api.Infrastructure.Excel;

/// <summary>Why an uploaded file is not read: the status to answer (400, 413 or 415) and the reason in both languages.</summary>
public sealed record XlsxRefusal(int Status, string English, string Vietnamese)
{
    public string Message => Localized.Text(English, Vietnamese);
}

/// <summary>
/// What an uploaded spreadsheet must be before anything parses it: an Office Open XML workbook (.xlsx: a zip whose main part
/// is a worksheet workbook), not an old binary .xls or an encrypted file (OLE compound document), not a Word or PowerPoint
/// file, not macro-enabled (.xlsm: its content type, or a <c>vbaProject.bin</c> part), and not a compression bomb. The zip's
/// directory is read first (entry count, declared sizes, compression ratios); then every entry is inflated once with the
/// bytes counted against caps, because declared sizes can lie — so the workbook reader that follows inflates no more than
/// was counted here.
/// </summary>
public static class XlsxUpload
{
    /// <summary>The largest file the service reads (a form for hundreds of targets is well under 1 MB).</summary>
    public const long MaxFileBytes = 5 * 1024 * 1024;
    /// <summary>A form saved by Excel or LibreOffice has a dozen or two parts.</summary>
    public const int MaxEntries = 500;
    /// <summary>The most one part may expand to.</summary>
    public const long MaxEntryBytes = 16 * 1024 * 1024;
    /// <summary>The most the whole workbook may expand to.</summary>
    public const long MaxExpandedBytes = 48 * 1024 * 1024;
    /// <summary>Spreadsheet XML compresses 5–20 times; a part above 1 MB expanding more than this is a bomb, not a form.</summary>
    public const int MaxRatio = 100;

    public const string WorkbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    public const string MacroEnabledFileType = "application/vnd.ms-excel.sheet.macroEnabled.12";

    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static XlsxRefusal NotXlsx(string english, string vietnamese) => new(StatusCodes.Status415UnsupportedMediaType, english, vietnamese);

    private static XlsxRefusal TooBig(string english, string vietnamese) => new(StatusCodes.Status413PayloadTooLarge, english, vietnamese);

    private static readonly XlsxRefusal Macro = NotXlsx(
        "Macro-enabled workbooks (.xlsm) are not accepted: save the form as an Excel workbook (.xlsx).",
        "Không nhận tệp có macro (.xlsm): hãy lưu biểu mẫu dạng Excel Workbook (.xlsx).");

    /// <summary>The refusal, or null when the bytes are a workbook that is safe to open.</summary>
    /// <param name="declaredType">The media type the client gave the file part (may be absent or generic).</param>
    public static XlsxRefusal? Check(byte[] bytes, string? declaredType, string? fileName)
    {
        if (bytes.Length > MaxFileBytes)
            return TooBig($"The file is larger than {MaxFileBytes / (1024 * 1024)} MB.", $"Tệp lớn hơn {MaxFileBytes / (1024 * 1024)} MB.");
        var type = declaredType?.Split(';')[0].Trim() ?? "";
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (type.Equals(MacroEnabledFileType, StringComparison.OrdinalIgnoreCase) || extension is ".xlsm" or ".xltm" or ".xlam") return Macro;
        if (bytes.AsSpan().StartsWith(Ole))
            return NotXlsx("This is an old binary Excel file (.xls) or a password-protected workbook: save the form as an unprotected Excel workbook (.xlsx).",
                "Đây là tệp Excel cũ (.xls) hoặc tệp có đặt mật khẩu: hãy lưu biểu mẫu dạng Excel Workbook (.xlsx), không đặt mật khẩu.");
        if (!bytes.AsSpan().StartsWith(Zip))
            return NotXlsx("The file is not an Excel workbook (.xlsx).", "Tệp không phải là bảng tính Excel (.xlsx).");

        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var entries = archive.Entries;
            if (entries.Count > MaxEntries)
                return TooBig($"The workbook has {entries.Count} parts; a form has far fewer (at most {MaxEntries} are read).",
                    $"Tệp có {entries.Count} thành phần; biểu mẫu có ít hơn nhiều (tối đa {MaxEntries}).");
            long declared = 0;
            foreach (var entry in entries)
            {
                if (entry.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)) return Macro;
                if (entry.IsEncrypted)
                    return NotXlsx("The workbook is encrypted.", "Tệp bảng tính đã bị mã hoá.");
                declared += entry.Length;
                if (entry.Length > MaxEntryBytes || declared > MaxExpandedBytes ||
                    entry.Length > 1024 * 1024 && entry.Length > (long)MaxRatio * Math.Max(entry.CompressedLength, 1))
                    return Bomb();
            }

            // Inflate each part once, counting: a part that expands beyond what its header declared, or beyond the caps, stops here.
            byte[]? contentTypes = null;
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in entries)
            {
                var keep = entry.FullName == "[Content_Types].xml";
                using var kept = keep ? new MemoryStream() : null;
                using var stream = entry.Open();
                long read = 0;
                for (int n; (n = stream.Read(buffer, 0, buffer.Length)) > 0;)
                {
                    read += n;
                    total += n;
                    if (read > entry.Length || read > MaxEntryBytes || total > MaxExpandedBytes) return Bomb();
                    kept?.Write(buffer, 0, n);
                }
                if (keep) contentTypes = kept!.ToArray();
            }
            if (contentTypes is null)
                return NotXlsx("The file is a zip archive, not an Excel workbook (.xlsx).", "Tệp là tệp nén zip, không phải bảng tính Excel (.xlsx).");
            return ContentTypes(contentTypes);
        }
        // Whatever a damaged or hostile archive makes the zip or XML reader throw, it is not a workbook to read.
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            return NotXlsx("The file cannot be read as an Excel workbook (.xlsx); it may be damaged.",
                "Không đọc được tệp như một bảng tính Excel (.xlsx); tệp có thể bị hỏng.");
        }
    }

    private static XlsxRefusal Bomb() => TooBig(
        $"The workbook expands to more than the service reads ({MaxExpandedBytes / (1024 * 1024)} MB in all, {MaxEntryBytes / (1024 * 1024)} MB per part, at most {MaxRatio} times its compressed size): it is not a report form.",
        $"Tệp bảng tính khi giải nén vượt giới hạn ({MaxExpandedBytes / (1024 * 1024)} MB tổng cộng, {MaxEntryBytes / (1024 * 1024)} MB mỗi thành phần, tối đa gấp {MaxRatio} lần khi nén): không phải biểu mẫu báo cáo.");

    /// <summary>What [Content_Types].xml says the main part is: a workbook, not a macro-enabled one, not a document or a presentation.</summary>
    private static XlsxRefusal? ContentTypes(byte[] xml)
    {
        var types = new List<(string Part, string Type)>();
        using (var reader = XmlReader.Create(new MemoryStream(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
            while (reader.Read())
                if (reader is { NodeType: XmlNodeType.Element, LocalName: "Override" or "Default" })
                    types.Add((reader.GetAttribute("PartName") ?? reader.GetAttribute("Extension") ?? "", reader.GetAttribute("ContentType") ?? ""));
        if (types.Any(t => t.Type.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase) || t.Type.Contains("vbaProject", StringComparison.OrdinalIgnoreCase)))
            return Macro;
        if (!types.Any(t => t.Type.Equals(WorkbookContentType, StringComparison.OrdinalIgnoreCase)))
            return types.Any(t => t.Type.Contains("wordprocessingml", StringComparison.OrdinalIgnoreCase))
                ? NotXlsx("This is a Word document, not an Excel workbook (.xlsx).", "Đây là văn bản Word, không phải bảng tính Excel (.xlsx).")
                : NotXlsx("The file is not an Excel workbook (.xlsx).", "Tệp không phải là bảng tính Excel (.xlsx).");
        return null;
    }
}
