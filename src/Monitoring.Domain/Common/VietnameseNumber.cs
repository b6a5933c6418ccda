using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitoring.Domain.Common;

/// <summary>
/// Numbers as Vietnamese documents write them: '.' groups thousands and ',' marks decimals
/// (<c>6.150</c> = 6150, <c>29.240,3</c> = 29240.3, <c>3,0</c> = 3.0).
/// </summary>
public static partial class VietnameseNumber
{
    public static readonly NumberFormatInfo Format = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        NumberGroupSizes = [3],
        NegativeSign = "-",
        PercentDecimalSeparator = ",",
        PercentGroupSeparator = ".",
    };

    // Thousands groups must be whole: "1.5" is rejected rather than read as 15 (it is an English decimal).
    [GeneratedRegex(@"^[-+]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")]
    private static partial Regex Shape();

    public static bool TryParse(string? text, [NotNullWhen(true)] out decimal? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.Trim().Replace('\u2212', '-');
        if (!Shape().IsMatch(trimmed)) return false;
        if (!decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint,
                Format, out var parsed)) return false;
        value = parsed;
        return true;
    }

    public static decimal Parse(string text) =>
        TryParse(text, out var value)
            ? value.Value
            : throw new FormatException($"'{text}' is not a number written the Vietnamese way (e.g. 6.150 or 29.240,3).");

    /// <summary>As the document wrote it: "3,0" stays "3,0" (a decimal keeps the scale it was read with).</summary>
    public static string AsWritten(decimal value)
    {
        var scale = Math.Min((int)value.Scale, 6);
        return ToText(value, minDecimals: scale, maxDecimals: Math.Max(scale, 2));
    }

    /// <summary>Thousands grouped with '.', decimals after ',', trailing zeros kept only up to <paramref name="minDecimals"/>.</summary>
    public static string ToText(decimal value, int minDecimals = 0, int maxDecimals = 2)
    {
        var rounded = Math.Round(value, maxDecimals, MidpointRounding.AwayFromZero);
        var pattern = "#,0" + (maxDecimals > 0 ? "." + new string('0', minDecimals) + new string('#', maxDecimals - minDecimals) : "");
        return rounded.ToString(pattern, Format);
    }
}
