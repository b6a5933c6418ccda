using System.Globalization;
using Monitoring.Domain.Common;

namespace Monitoring.Domain.Judging;

/// <summary>Vietnamese phrasing for explanations.</summary>
internal static class Wording
{
    /// <summary>Keeps the decimals a figure was entered with ("3,0"), up to two.</summary>
    public static string Number(decimal value) => VietnameseNumber.ToText(value, minDecimals: Math.Min((int)value.Scale, 2));

    public static string Percent(decimal value) => Number(value) + "%";

    public static string Amount(decimal value, string unit) =>
        string.IsNullOrWhiteSpace(unit) ? Number(value)
        : unit.StartsWith('%') ? Number(value) + unit
        : $"{Number(value)} {unit}";

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string YearRange(int first, int last) => first == last ? $"năm {first}" : $"giai đoạn {first} - {last}";

    public static string Years(IEnumerable<int> years) => string.Join(", ", years);

    /// <summary>Each part becomes a sentence: capitalised, ending with a full stop.</summary>
    public static string Sentences(params string?[] parts) =>
        string.Join(" ", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => Sentence(p!)));

    private static string Sentence(string text)
    {
        var trimmed = text.Trim();
        var capitalised = char.ToUpperInvariant(trimmed[0]) + trimmed[1..];
        return capitalised.EndsWith('.') ? capitalised : capitalised + ".";
    }
}
