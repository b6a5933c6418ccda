using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Monitoring.Api.Infrastructure.Excel;

/// <summary>
/// An .xlsx answer with its file name said twice, as RFC 6266 lets a server: <c>filename</c> in ASCII for any client
/// (chi-tieu-99-KL-TU-2023-07-15.xlsx) and <c>filename*=UTF-8''…</c> in Vietnamese for those that read it
/// (Chỉ tiêu 99-KL-TU 2023-07-15.xlsx).
/// </summary>
public sealed class XlsxDownload(byte[] content, string asciiName, string vietnameseName) : IResult
{
    public string AsciiName { get; } = asciiName;
    public string VietnameseName { get; } = vietnameseName;

    public Task ExecuteAsync(HttpContext context)
    {
        var disposition = new ContentDispositionHeaderValue("attachment") { FileName = AsciiName, FileNameStar = VietnameseName };
        context.Response.Headers.ContentDisposition = disposition.ToString();
        return Results.File(content, XlsxWorkbook.ContentType).ExecuteAsync(context);
    }

    /// <summary>
    /// A file named by its kind ("chi-tieu" and "Chỉ tiêu") and <paramref name="parts"/> (a resolution's number, a day): joined by
    /// '-' and without diacritics in the ASCII name (chi-tieu-99-KL-TU-2023-07-15.xlsx), by spaces in the Vietnamese one
    /// (Chỉ tiêu 99-KL-TU 2023-07-15.xlsx); a '/' or any character a file name should not hold becomes '-'.
    /// </summary>
    public static XlsxDownload Named(byte[] content, string asciiKind, string vietnameseKind, params string[] parts)
    {
        var ascii = string.Join('-', parts.Select(p => Safe(p, ascii: true)).Prepend(asciiKind).Where(p => p.Length > 0));
        var vietnamese = string.Join(' ', parts.Select(p => Safe(p, ascii: false)).Prepend(vietnameseKind).Where(p => p.Length > 0));
        return new XlsxDownload(content, ascii + ".xlsx", vietnamese + ".xlsx");
    }

    /// <summary>Letters, digits and '.' (ASCII ones only, marks dropped, when <paramref name="ascii"/>; spaces kept otherwise); the rest '-'.</summary>
    public static string Safe(string text, bool ascii)
    {
        var source = ascii ? WithoutMarks(text) : text.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder();
        foreach (var c in source)
        {
            var next = ascii
                ? c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '.' ? c : '-'
                : char.IsLetterOrDigit(c) || c is '.' or ' ' ? c : '-';
            if (next == '-' && builder.Length > 0 && builder[^1] == '-') continue;
            builder.Append(next);
        }
        return builder.ToString().Trim('-', ' ', '.');
    }

    private static string WithoutMarks(string text)
    {
        var decomposed = text.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD);
        return new string(decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());
    }
}
