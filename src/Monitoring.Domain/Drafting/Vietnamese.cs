using System.Globalization;
using System.Text;

namespace Monitoring.Domain.Drafting;

/// <summary>Small facts about written Vietnamese the rules lean on.</summary>
public static class Vietnamese
{
    private static readonly (string Old, string New)[] TonePlacement =
    [
        ("uỷ", "ủy"), ("uý", "úy"), ("uỳ", "ùy"), ("uỵ", "ụy"), ("uỹ", "ũy"),
        ("oá", "óa"), ("oà", "òa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
        ("oé", "óe"), ("oè", "òe"), ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe"),
    ];

    /// <summary>
    /// Lower case with the old and the new tone placement made one ("Uỷ ban" = "ủy ban", "hoá" = "hóa"), same length as
    /// the input so that a match found in the folded text is at the same place in the original.
    /// </summary>
    public static string Fold(string text)
    {
        var lower = text.Normalize(NormalizationForm.FormC).ToLowerInvariant();
        if (lower.Length != text.Length) return text.ToLowerInvariant();
        // Only an open syllable moves its tone: "hoá" = "hóa", but "đoạn", "hoàn" keep theirs.
        var chars = lower.ToCharArray();
        for (var i = 0; i + 1 < chars.Length; i++)
        {
            if (i + 2 < chars.Length && char.IsLetter(chars[i + 2])) continue;
            foreach (var (old, @new) in TonePlacement)
                if (chars[i] == old[0] && chars[i + 1] == old[1])
                {
                    chars[i] = @new[0];
                    chars[i + 1] = @new[1];
                    break;
                }
        }
        return new string(chars);
    }

    /// <summary>Without diacritics, for codes: "Đồng Tháp" → "Dong Thap".</summary>
    public static string Ascii(string text)
    {
        var decomposed = text.Replace('Đ', 'D').Replace('đ', 'd').Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) builder.Append(c);
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Roman numerals as party congresses and terms write them (khóa XI, lần thứ XX).</summary>
    public static int? Roman(string text)
    {
        var values = new Dictionary<char, int> { ['I'] = 1, ['V'] = 5, ['X'] = 10, ['L'] = 50, ['C'] = 100 };
        var total = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!values.TryGetValue(char.ToUpperInvariant(text[i]), out var v)) return null;
            var next = i + 1 < text.Length && values.TryGetValue(char.ToUpperInvariant(text[i + 1]), out var n) ? n : 0;
            total += v < next ? -v : v;
        }
        return total > 0 ? total : null;
    }

    /// <summary>First letter upper case, the rest as written.</summary>
    public static string Capitalise(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.GetCultureInfo("vi-VN")) + text[1..];

    /// <summary>"KẾT LUẬN" → "Kết luận": a line printed in capitals, in sentence case.</summary>
    public static string SentenceCase(string text)
    {
        var letters = text.Where(char.IsLetter).ToList();
        if (letters.Count == 0 || letters.Any(char.IsLower)) return text;
        var lower = text.ToLower(CultureInfo.GetCultureInfo("vi-VN"));
        return Capitalise(lower);
    }

    /// <summary>Whitespace collapsed, trimmed.</summary>
    public static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
