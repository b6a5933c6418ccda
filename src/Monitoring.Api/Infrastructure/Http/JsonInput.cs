using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitoring.Api.Infrastructure.Http;

/// <summary>A value in a request body that cannot be what its field is, said in both languages the API speaks.</summary>
public class JsonInputException(string english, string vietnamese) : JsonException(english)
{
    public string Vietnamese { get; } = vietnamese;
}

/// <summary>
/// What any number or date in a request may be. Figures in the documents run to hundreds of thousands of billions of
/// đồng at most; a value beyond these bounds is a mistake (or an attack on the arithmetic), refused before any rule sees it.
/// </summary>
public static class InputBounds
{
    public const decimal MaxMagnitude = 1_000_000_000_000_000m;
    public const int MaxDecimals = 10;
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);
    public static readonly DateOnly LatestDate = new(2199, 12, 31);

    public static decimal Check(decimal value)
    {
        if (Math.Abs(value) > MaxMagnitude)
            throw new JsonInputException("A number between -10^15 and 10^15 (1.000.000.000.000.000).",
                "Số phải nằm trong khoảng -10^15 đến 10^15 (1.000.000.000.000.000).");
        if (value.Scale > MaxDecimals && decimal.Round(value, MaxDecimals) != value)
            throw new JsonInputException($"A number with at most {MaxDecimals} digits after the decimal point.",
                $"Số có tối đa {MaxDecimals} chữ số thập phân.");
        return value;
    }

    public static bool IsPlausible(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    public static readonly string DateFormatEnglish = $"A date written yyyy-MM-dd (2023-06-30), between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}.";
    public static readonly string DateFormatVietnamese = $"Ngày viết theo dạng yyyy-MM-dd (2023-06-30), từ {EarliestDate:yyyy-MM-dd} đến {LatestDate:yyyy-MM-dd}.";
}

/// <summary>Numbers in requests: JSON numbers only (no text), inside <see cref="InputBounds"/>.</summary>
public sealed class BoundedDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
            throw new JsonInputException("A JSON number (12.5), not text.", "Một số JSON (12.5), không phải chuỗi ký tự.");
        if (!reader.TryGetDecimal(out var value))
            throw new JsonInputException("A number between -10^15 and 10^15.", "Số phải nằm trong khoảng -10^15 đến 10^15.");
        return InputBounds.Check(value);
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}

/// <summary>Dates in requests: <c>yyyy-MM-dd</c>, inside <see cref="InputBounds"/>.</summary>
public sealed class BoundedDateOnlyConverter : JsonConverter<DateOnly>
{
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String
            && DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && InputBounds.IsPlausible(date))
            return date;
        throw new JsonInputException(InputBounds.DateFormatEnglish, InputBounds.DateFormatVietnamese);
    }

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
