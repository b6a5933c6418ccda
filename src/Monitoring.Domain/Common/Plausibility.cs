using System.Globalization;
using System.Text;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Common;

/// <summary>What a target's figures measure, as far as what values they can take.</summary>
public enum QuantityKind
{
    /// <summary>"tăng 10 – 12%/năm": may be negative (a fall), never −100 % or below.</summary>
    GrowthRate,
    /// <summary>"tỷ lệ hộ nghèo dưới 3,0%", "95% dân cư": a part of a whole, 0 to 100.</summary>
    Share,
    /// <summary>Counts and measures (lao động, tỷ đồng, xã, ha, điểm, thứ hạng): never negative.</summary>
    Amount,
}

/// <summary>The year span a resolution covers (giai đoạn 2021 - 2025), and the year its orientation looks to (định hướng đến năm 2030).</summary>
public sealed record ResolutionSpan(int StartYear, int EndYear, int? OrientationYear = null);

/// <summary>
/// Rules every clerk knows and a careless integration breaks: values a unit of measure allows, periods and dates that can
/// belong to a resolution. Each answers null when the value is plausible, else why not, in both languages, naming the field.
/// </summary>
public static class Plausibility
{
    /// <summary>Dates more than this many years before a resolution's period are taken for typing mistakes.</summary>
    public const int YearsBeforePeriod = 10;
    public const decimal HighestGrowthRate = 1000m;

    public static QuantityKind KindOf(TargetShape shape, string unitOfMeasure)
    {
        if (shape == TargetShape.GrowthRate) return QuantityKind.GrowthRate;
        var unit = unitOfMeasure.Replace(" ", "");
        if (unit.StartsWith("%/", StringComparison.Ordinal)) return QuantityKind.GrowthRate;
        return unit == "%" ? QuantityKind.Share : QuantityKind.Amount;
    }

    /// <summary>
    /// A rank ("thứ hạng", "hạng", "xếp hạng", "thứ"): the province placed 3rd is ahead of the one placed 5th, so a smaller
    /// number is better and a target on a rank has direction <see cref="Targets.Direction.Decrease"/>.
    /// </summary>
    public static bool IsRank(string unitOfMeasure) =>
        unitOfMeasure.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormC) is "thứ hạng" or "hạng" or "xếp hạng" or "thứ" or "thứ bậc";

    /// <summary>The direction a target takes when its definition gives none: down for a level to get below and for a rank, else up.</summary>
    public static Direction DefaultDirection(TargetShape shape, string unitOfMeasure) =>
        shape == TargetShape.LevelAtMost || IsRank(unitOfMeasure) ? Targets.Direction.Decrease : Targets.Direction.Increase;

    /// <summary>A rank rises by getting smaller: a target on a rank whose direction is up has the direction backwards.</summary>
    public static Rejection? RankDirection(string unitOfMeasure, Direction? direction, string field) =>
        IsRank(unitOfMeasure) && direction == Targets.Direction.Increase
            ? Invalid(field,
                $"A rank ({unitOfMeasure}) is better when smaller (3rd is ahead of 5th): its direction is Decrease.",
                $"Thứ hạng ({unitOfMeasure}) càng nhỏ càng tốt (hạng 3 đứng trên hạng 5): hướng của chỉ tiêu là Decrease (giảm).")
            : null;

    /// <summary>
    /// A count of units meeting a standard counts units (xã, huyện, cụm công nghiệp), of a total: "100% các cụm công nghiệp"
    /// is a share, a level of at least 100 in %, not a count of 100 units.
    /// </summary>
    public static Rejection? CountUnit(TargetShape shape, string unitOfMeasure, string field) =>
        shape == TargetShape.CountMeetingStandard && KindOf(shape, unitOfMeasure) != QuantityKind.Amount
            ? Invalid(field,
                $"A count of units meeting a standard is counted in units (xã, cụm công nghiệp), not in {unitOfMeasure}: a share such as \"100% các cụm công nghiệp\" is a LevelAtLeast target of 100 in %, or a count with its total and the list of the units.",
                $"Chỉ tiêu đếm số đơn vị đạt chuẩn tính bằng đơn vị (xã, cụm công nghiệp), không tính bằng {unitOfMeasure}: tỷ lệ như \"100% các cụm công nghiệp\" là chỉ tiêu LevelAtLeast 100 tính bằng %, hoặc chỉ tiêu đếm có tổng số và danh sách đơn vị.")
            : null;

    public static Rejection? Value(TargetShape shape, string unitOfMeasure, decimal? value, string field)
    {
        if (value is not { } v) return null;
        return KindOf(shape, unitOfMeasure) switch
        {
            QuantityKind.GrowthRate when v <= -100 || v > HighestGrowthRate => Invalid(field,
                $"A growth rate lies above -100 % and at most {HighestGrowthRate:0} % ({v.ToString(CultureInfo.InvariantCulture)} was sent).",
                $"Tốc độ tăng phải lớn hơn -100% và không quá {HighestGrowthRate:0}% (giá trị gửi lên: {VietnameseNumber.ToText(v, maxDecimals: 6)})."),
            QuantityKind.Share when v < 0 || v > 100 => Invalid(field,
                $"A share in % lies between 0 and 100 ({v.ToString(CultureInfo.InvariantCulture)} was sent); a growth rate would be in %/year.",
                $"Tỷ lệ (%) phải từ 0 đến 100 (giá trị gửi lên: {VietnameseNumber.ToText(v, maxDecimals: 6)}); tốc độ tăng thì tính bằng %/năm."),
            QuantityKind.Amount when v < 0 => Invalid(field,
                $"This figure counts or measures ({unitOfMeasure}): it cannot be negative.",
                $"Số liệu này là số đếm hoặc đo lường ({unitOfMeasure}): không thể âm."),
            _ => null,
        };
    }

    /// <summary>
    /// A figure is about a period of the resolution, or about the period just before it (a year, half-year or span
    /// ending the year before the resolution starts): that is what its baseline is measured on.
    /// </summary>
    public static Rejection? Period(ReportingPeriod period, ResolutionSpan span, string field)
    {
        var within = period.FirstYear >= span.StartYear && period.LastYear <= span.EndYear;
        var justBefore = period.LastYear == span.StartYear - 1;
        return within || justBefore
            ? null
            : Invalid(field,
                $"Period {period} is outside the resolution's period {span.StartYear}-{span.EndYear}. Figures are accepted for periods within it, and for the period just before it (ending in {span.StartYear - 1}), which is its baseline.",
                $"Kỳ {period} nằm ngoài giai đoạn {span.StartYear} - {span.EndYear} của nghị quyết. Chỉ nhận số liệu của các kỳ trong giai đoạn, và của kỳ ngay trước giai đoạn (kết thúc năm {span.StartYear - 1}) để làm mức nền.");
    }

    /// <summary>A date of something that has happened (a figure's as-of date, a completion, a decision): not in the future, not decades early.</summary>
    public static Rejection? PastDate(DateOnly date, DateOnly today, ResolutionSpan span, string field)
    {
        if (date > today)
            return Invalid(field,
                $"{date:yyyy-MM-dd} is later than today ({today:yyyy-MM-dd}, Vietnam time): only what has happened can be recorded.",
                $"Ngày {date:dd/MM/yyyy} sau ngày hôm nay ({today:dd/MM/yyyy}, giờ Việt Nam): chỉ ghi nhận việc đã xảy ra.");
        var earliest = new DateOnly(span.StartYear - YearsBeforePeriod, 1, 1);
        return date < earliest
            ? Invalid(field,
                $"{date:yyyy-MM-dd} is more than {YearsBeforePeriod} years before the resolution's period ({span.StartYear}-{span.EndYear}): check the year.",
                $"Ngày {date:dd/MM/yyyy} sớm hơn giai đoạn của nghị quyết ({span.StartYear} - {span.EndYear}) quá {YearsBeforePeriod} năm: hãy kiểm tra lại năm.")
            : null;
    }

    /// <summary>
    /// A new deadline inside the resolution's period, or at most <paramref name="marginYears"/> years after the later of its
    /// end, its orientation year and the deadline the text itself set (<paramref name="committed"/>).
    /// </summary>
    public static Rejection? Deadline(DateOnly deadline, ResolutionSpan span, int marginYears, string field, DateOnly? committed = null)
    {
        var lastYear = Math.Max(Math.Max(span.EndYear, span.OrientationYear ?? 0), committed?.Year ?? 0);
        var latest = new DateOnly(lastYear + marginYears, 12, 31);
        var earliest = new DateOnly(span.StartYear - 1, 1, 1);
        if (deadline > latest)
            return Invalid(field,
                $"{deadline:yyyy-MM-dd} is more than {marginYears} year(s) after the resolution's period ({span.StartYear}-{lastYear}): the latest deadline is {latest:yyyy-MM-dd}.",
                $"Ngày {deadline:dd/MM/yyyy} vượt quá giai đoạn của nghị quyết ({span.StartYear} - {lastYear}) hơn {marginYears} năm: hạn muộn nhất là {latest:dd/MM/yyyy}.");
        return deadline < earliest
            ? Invalid(field,
                $"{deadline:yyyy-MM-dd} is before the resolution's period ({span.StartYear}-{span.EndYear}).",
                $"Ngày {deadline:dd/MM/yyyy} trước giai đoạn của nghị quyết ({span.StartYear} - {span.EndYear}).")
            : null;
    }

    /// <summary>A target belongs to one of the fields its resolution lists (a resolution that lists none takes any).</summary>
    public static Rejection? Field(string field, IReadOnlyCollection<string> resolutionFields, string path)
    {
        if (resolutionFields.Count == 0 || resolutionFields.Any(f => SameField(f, field))) return null;
        var listed = string.Join("; ", resolutionFields);
        return Invalid(path,
            $"'{field}' is not one of the resolution's fields: {listed}.",
            $"'{field}' không thuộc các lĩnh vực của nghị quyết: {listed}.");
    }

    public static bool SameField(string a, string b) =>
        string.Equals(a.Trim().Normalize(NormalizationForm.FormC), b.Trim().Normalize(NormalizationForm.FormC), StringComparison.OrdinalIgnoreCase);

    private static Rejection Invalid(string field, string english, string vietnamese) => new(RejectionKind.Invalid, field, english, vietnamese);
}
