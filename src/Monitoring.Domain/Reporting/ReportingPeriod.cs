using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Monitoring.Domain.Reporting;

public enum PeriodKind { HalfYear, Year, Span, Quarter, Month }

/// <summary>
/// A reporting period as units name it: a half-year (<c>2023-H1</c>), a year (<c>2023</c>), a span of whole years
/// (<c>2021-2023</c>, for averages over several years), a quarter (<c>2023-Q3</c>) or a month (<c>2023-07</c>).
/// </summary>
[JsonConverter(typeof(ReportingPeriodJsonConverter))]
public sealed partial record ReportingPeriod : IComparable<ReportingPeriod>
{
    public PeriodKind Kind { get; }
    public int FirstYear { get; }
    public int LastYear { get; }
    /// <summary>1 or 2 for a half-year, else 0.</summary>
    public int Half { get; }
    /// <summary>1 to 4 for a quarter, 1 to 12 for a month, else 0.</summary>
    public int Part { get; }

    private ReportingPeriod(PeriodKind kind, int firstYear, int lastYear, int half, int part = 0)
    {
        Kind = kind;
        FirstYear = firstYear;
        LastYear = lastYear;
        Half = half;
        Part = part;
    }

    public static ReportingPeriod HalfYear(int year, int half) =>
        half is 1 or 2 ? new(PeriodKind.HalfYear, year, year, half) : throw new ArgumentOutOfRangeException(nameof(half));
    public static ReportingPeriod Year(int year) => new(PeriodKind.Year, year, year, 0);
    public static ReportingPeriod Span(int firstYear, int lastYear) =>
        lastYear > firstYear ? new(PeriodKind.Span, firstYear, lastYear, 0) : throw new ArgumentOutOfRangeException(nameof(lastYear));

    public static ReportingPeriod Quarter(int year, int quarter) =>
        quarter is >= 1 and <= 4 ? new(PeriodKind.Quarter, year, year, 0, quarter) : throw new ArgumentOutOfRangeException(nameof(quarter));
    public static ReportingPeriod Month(int year, int month) =>
        month is >= 1 and <= 12 ? new(PeriodKind.Month, year, year, 0, month) : throw new ArgumentOutOfRangeException(nameof(month));

    public DateOnly Start => Kind switch
    {
        PeriodKind.HalfYear when Half == 2 => new(FirstYear, 7, 1),
        PeriodKind.Quarter => new(FirstYear, Part * 3 - 2, 1),
        PeriodKind.Month => new(FirstYear, Part, 1),
        _ => new(FirstYear, 1, 1),
    };

    public DateOnly End => Kind switch
    {
        PeriodKind.HalfYear when Half == 1 => new(LastYear, 6, 30),
        PeriodKind.Quarter => new DateOnly(LastYear, Part * 3, 1).AddMonths(1).AddDays(-1),
        PeriodKind.Month => new DateOnly(LastYear, Part, 1).AddMonths(1).AddDays(-1),
        _ => new(LastYear, 12, 31),
    };
    public int Years => LastYear - FirstYear + 1;

    /// <summary>The half-year holding a date: what "the current period" means for reminders.</summary>
    public static ReportingPeriod HalfYearContaining(DateOnly date) => HalfYear(date.Year, date.Month <= 6 ? 1 : 2);

    public ReportingPeriod PreviousHalfYear() =>
        Kind == PeriodKind.HalfYear
            ? (Half == 1 ? HalfYear(FirstYear - 1, 2) : HalfYear(FirstYear, 1))
            : throw new InvalidOperationException("Only a half-year has a previous half-year");

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    [GeneratedRegex(@"^\s*(\d{4})(?:-(?:H([12])|(\d{4})|Q([1-4])|(\d{2})))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, [NotNullWhen(true)] out ReportingPeriod? period)
    {
        period = null;
        var match = Pattern().Match(text ?? "");
        if (!match.Success) return false;
        var year = int.Parse(match.Groups[1].Value);
        if (year is < 1900 or > 2200) return false;
        if (match.Groups[2].Success)
            period = HalfYear(year, int.Parse(match.Groups[2].Value));
        else if (match.Groups[4].Success)
            period = Quarter(year, int.Parse(match.Groups[4].Value));
        else if (match.Groups[5].Success)
        {
            var month = int.Parse(match.Groups[5].Value);
            if (month is < 1 or > 12) return false;
            period = Month(year, month);
        }
        else if (match.Groups[3].Success)
        {
            var last = int.Parse(match.Groups[3].Value);
            if (last <= year || last > 2200) return false;
            period = Span(year, last);
        }
        else period = Year(year);
        return true;
    }

    public static ReportingPeriod Parse(string text) =>
        TryParse(text, out var period) ? period : throw new FormatException($"'{text}' is not a period such as 2023-H1, 2023, 2021-2023, 2023-Q3 or 2023-07");

    public override string ToString() => Kind switch
    {
        PeriodKind.HalfYear => $"{FirstYear}-H{Half}",
        PeriodKind.Year => $"{FirstYear}",
        PeriodKind.Quarter => $"{FirstYear}-Q{Part}",
        PeriodKind.Month => $"{FirstYear}-{Part:00}",
        _ => $"{FirstYear}-{LastYear}",
    };

    /// <summary>Vietnamese wording used in documents: "6 tháng đầu năm 2023", "năm 2023", "giai đoạn 2021 - 2023".</summary>
    public string ToVietnamese() => Kind switch
    {
        PeriodKind.HalfYear => Half == 1 ? $"6 tháng đầu năm {FirstYear}" : $"6 tháng cuối năm {FirstYear}",
        PeriodKind.Year => $"năm {FirstYear}",
        PeriodKind.Quarter => $"quý {new[] { "I", "II", "III", "IV" }[Part - 1]} năm {FirstYear}",
        PeriodKind.Month => $"tháng {Part} năm {FirstYear}",
        _ => $"giai đoạn {FirstYear} - {LastYear}",
    };

    /// <summary>Ordered by end date, then by length (a half-year before the year that ends with it).</summary>
    public int CompareTo(ReportingPeriod? other)
    {
        if (other is null) return 1;
        var byEnd = End.CompareTo(other.End);
        return byEnd != 0 ? byEnd : other.Start.CompareTo(Start);
    }
}

public sealed class ReportingPeriodJsonConverter : JsonConverter<ReportingPeriod>
{
    public override ReportingPeriod Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReportingPeriod.TryParse(reader.GetString(), out var period)
            ? period
            : throw new JsonException($"'{reader.GetString()}' is not a period such as 2023-H1, 2023 or 2021-2023");

    public override void Write(Utf8JsonWriter writer, ReportingPeriod value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
