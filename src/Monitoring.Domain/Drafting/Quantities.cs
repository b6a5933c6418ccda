using System.Text.RegularExpressions;
using Monitoring.Domain.Common;

namespace Monitoring.Domain.Drafting;

/// <summary>How a number is bounded by the words before or after it.</summary>
public enum Comparator
{
    /// <summary>"đạt 95%", "là 56,5%": the level itself.</summary>
    None,
    /// <summary>"trên", "hơn", "ít nhất", "tối thiểu", "không dưới", "từ … trở lên".</summary>
    AtLeast,
    /// <summary>"dưới", "không quá", "tối đa", "giảm (xuống) còn".</summary>
    AtMost,
    /// <summary>"khoảng", "gần".</summary>
    About,
}

/// <summary>
/// A number the text commits to or reports, with what it counts: "hơn 6.150 lao động", "10 - 12%/năm", "15/22 xã",
/// "tất cả các xã" (all of the units, no number printed). Positions are in the text the scanner read.
/// </summary>
public sealed record Quantity
{
    public int Start { get; init; }
    public int End { get; init; }
    /// <summary>Where the number itself starts (after any comparator).</summary>
    public int NumberStart { get; init; }
    public decimal? Value { get; init; }
    /// <summary>As printed: "6.150", "3,0", "01".</summary>
    public string? ValueText { get; init; }
    public decimal? Upper { get; init; }
    public string? UpperText { get; init; }
    /// <summary>"15/22 xã": 22.</summary>
    public int? Total { get; init; }
    public string Unit { get; init; } = "";
    /// <summary>The unit is one the rules know (%, tỷ đồng, lao động, xã …), not a guess from the words after the number.</summary>
    public bool UnitKnown { get; init; }
    /// <summary>"32.000 tỷ đồng/năm".</summary>
    public bool PerYear { get; init; }
    /// <summary>"tất cả các xã", "toàn bộ các huyện": every unit, no number printed.</summary>
    public bool All { get; init; }
    /// <summary>"thêm 01 huyện": on top of what there is.</summary>
    public bool Increment { get; init; }
    /// <summary>"nhất là 02 cửa khẩu", "như 03 chương trình": an example inside something else, not what is measured.</summary>
    public bool Example { get; init; }
    /// <summary>Inside parentheses; the words that open them ("bình quân", "NQ", "kế hoạch").</summary>
    public bool InParentheses { get; init; }
    public string? ParenthesesLead { get; init; }
    public Comparator Comparator { get; init; }
    public string Text { get; init; } = "";

    public bool IsShare => Unit == "%";
    public bool IsRate => Unit.StartsWith("%/", StringComparison.Ordinal);
    public bool IsPercent => Unit.StartsWith('%');
}

/// <summary>
/// Finds the numbers of a sentence that measure something, after setting aside those that only name or date things:
/// years, dates, document numbers ("27-KL/TU", "38/2020/QĐ-TTg"), ordinals ("lần thứ 10", "Trung ương 7"), durations
/// ("6 tháng đầu năm", "Qua 05 năm"), and numbers that are part of a name ("Covid-19", "ĐT.841", "Quân khu 9").
/// </summary>
public static partial class Quantities
{
    /// <summary>Units the rules know, longest first within a family (matched on folded text).</summary>
    public static readonly string[] KnownUnits =
    [
        "nghìn tỷ đồng", "ngàn tỷ đồng", "tỷ đồng", "triệu đồng/người/năm", "triệu đồng/người/tháng", "triệu đồng/người", "triệu đồng/tháng",
        "triệu đồng", "nghìn đồng", "tỷ usd", "triệu usd", "nghìn usd", "usd/người/năm", "usd/người", "usd",
        "giường bệnh/vạn dân", "giường bệnh", "bác sĩ/vạn dân", "bác sỹ/vạn dân", "bác sĩ", "bác sỹ", "dược sĩ/vạn dân", "nhân viên y tế/vạn dân",
        "km²", "km2", "km", "m²", "m2", "m3", "m³", "ha", "hécta", "héc-ta", "triệu tấn", "nghìn tấn", "tấn", "mw", "kwh", "triệu kwh",
        "lao động", "nghìn lao động", "lượt người", "nghìn người", "người", "lượt khách", "triệu lượt khách", "nghìn lượt khách", "triệu lượt", "nghìn lượt", "lượt",
        "đơn vị cấp huyện", "đơn vị cấp xã",
        "hộ gia đình", "hộ nghèo", "hộ", "xã", "phường", "thị trấn", "huyện", "thị xã", "thành phố", "đơn vị hành chính", "thôn", "ấp", "bản", "làng",
        "tổ dân phố", "khu dân cư", "doanh nghiệp", "hợp tác xã", "tổ hợp tác", "dự án fdi", "dự án", "công trình", "trường học", "trường",
        "phòng học", "trạm y tế", "bệnh viện", "cán bộ", "đảng viên", "tổ chức cơ sở đảng", "chi bộ", "công nhân", "học sinh", "sinh viên",
        "sản phẩm ocop", "sản phẩm", "cụm công nghiệp", "khu công nghiệp", "khu công nghệ cao", "khu kinh tế", "khu đô thị", "đô thị",
        "cửa khẩu quốc tế", "cửa khẩu", "chợ", "siêu thị", "trung tâm thương mại", "điểm", "bậc", "căn hộ", "căn nhà", "căn", "cơ sở",
        "mô hình", "làng nghề", "di tích", "thiết chế", "tiêu chí", "chuỗi", "hợp đồng", "vụ", "vụ án", "giờ", "cây", "con",
    ];

    /// <summary>Things a text counts without measuring anything: programmes, documents, meetings.</summary>
    public static readonly string[] NarrativeNouns =
    [
        "chương trình", "đề án", "nghị quyết", "kết luận", "cuốn sách", "văn bản", "kế hoạch", "quyết định", "chỉ thị", "đợt", "hội nghị",
        "nhiệm vụ", "giải pháp", "nội dung", "lĩnh vực", "đột phá", "khâu đột phá", "trụ cột", "nhóm", "cấp", "mặt", "bước",
    ];

    private static readonly string[] CountUnits =
    [
        "xã", "phường", "thị trấn", "huyện", "thị xã", "thành phố", "đơn vị hành chính", "đơn vị cấp huyện", "đơn vị cấp xã", "thôn", "ấp", "bản", "làng",
        "tổ dân phố", "khu dân cư", "trường", "trường học", "trạm y tế", "bệnh viện", "hộ", "hộ gia đình", "doanh nghiệp", "hợp tác xã", "cụm công nghiệp", "khu công nghiệp",
        "chợ", "cơ sở", "đô thị", "cửa khẩu", "cửa khẩu quốc tế", "làng nghề", "di tích", "thiết chế", "tổ chức cơ sở đảng", "chi bộ",
    ];

    /// <summary>Administrative and service units whose count meets a standard ("… xã đạt chuẩn nông thôn mới").</summary>
    public static bool IsCountUnit(string unit) => CountUnits.Contains(Vietnamese.Fold(unit));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> NormalUnits = new(StringComparer.Ordinal);

    /// <summary>Units written two ways for one thing: "đơn vị cấp huyện" for "huyện".</summary>
    private static readonly Dictionary<string, string> UnitSynonyms = new(StringComparer.Ordinal)
    {
        ["đơn vị cấp huyện"] = "huyện", ["đơn vị cấp xã"] = "xã",
    };

    /// <summary>
    /// Whether two units measure the same thing at the same scale: the same words, one the other with words added ("trường" and
    /// "trường học", "triệu lượt" and "triệu lượt khách", "cơ sở" and "cơ sở lưu trú"), or two ways of writing one unit.
    /// "lượt" and "triệu lượt khách" are not (a million times apart).
    /// </summary>
    public static bool SameUnit(string a, string b)
    {
        // Units are few: each is read once.
        static string Norm(string u) => NormalUnits.GetOrAdd(u, static v =>
        {
            var f = Regex.Replace(Vietnamese.Fold(v).Trim(), @"\s*/\s*", "/");
            return UnitSynonyms.TryGetValue(f, out var s) ? s : f;
        });
        if (NormalUnits.Count > 10_000) NormalUnits.Clear();
        var x = Norm(a);
        var y = Norm(b);
        if (x.Length == 0 || y.Length == 0) return false;
        // A rate ("bác sĩ/vạn dân", "triệu đồng/ha") is only the same rate: "giường" counts beds, "giường bệnh/vạn dân" measures a ratio.
        if (x.Contains('/') || y.Contains('/')) return x == y;
        return x == y || x.StartsWith(y + " ", StringComparison.Ordinal) || y.StartsWith(x + " ", StringComparison.Ordinal);
    }

    private static readonly (string Phrase, Comparator Comparator)[] Before =
    [
        ("không dưới", Comparator.AtLeast), ("không thấp hơn", Comparator.AtLeast), ("không ít hơn", Comparator.AtLeast),
        ("ít nhất là", Comparator.AtLeast), ("ít nhất", Comparator.AtLeast), ("tối thiểu là", Comparator.AtLeast), ("tối thiểu", Comparator.AtLeast),
        ("lên trên", Comparator.AtLeast), ("đạt trên", Comparator.AtLeast), ("trên", Comparator.AtLeast), ("hơn", Comparator.AtLeast),
        ("vượt", Comparator.AtLeast), ("từ", Comparator.AtLeast),
        ("không vượt quá", Comparator.AtMost), ("không quá", Comparator.AtMost), ("tối đa là", Comparator.AtMost), ("tối đa", Comparator.AtMost),
        ("thấp hơn", Comparator.AtMost), ("còn dưới", Comparator.AtMost), ("xuống dưới", Comparator.AtMost), ("dưới", Comparator.AtMost),
        ("giảm xuống còn", Comparator.AtMost), ("giảm còn", Comparator.AtMost), ("xuống còn", Comparator.AtMost), ("còn", Comparator.AtMost),
        ("khoảng", Comparator.About), ("gần", Comparator.About), ("xấp xỉ", Comparator.About),
    ];

    private static readonly string[] StopWords =
    [
        "đạt", "được", "có", "trên", "trong", "theo", "của", "và", "ở", "tại", "cho", "với", "trở", "là", "đi", "làm", "tham", "sử", "so",
        "để", "nhằm", "thuộc", "các", "những", "mỗi", "từ", "đến", "tới", "vào", "ra", "bị", "do", "tăng", "giảm", "về", "tham gia", "sau",
    ];

    [GeneratedRegex(@"(?<![\p{L}\d.,/])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d\p{L}])")]
    private static partial Regex Number();

    private static readonly Regex[] Masks =
    [
        // Dates: 20/10/2016, 30-6-2023, ngày 28 tháng 6 năm 2023, tháng 6/2023, tháng 6 năm 2023.
        new(@"\b\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{4}\b"),
        new(@"(?i)\bngày\s+\d{1,2}(\s+tháng\s+\d{1,2})?(\s+năm\s+\d{4})?"),
        new(@"(?i)\btháng\s+\d{1,2}(\s*/\s*\d{4}|\s+năm\s+\d{4})?"),
        new(@"(?i)\bquý\s+(\d|[IV]+)\b"),
        // Document numbers: 27-KL/TU, 38/2020/QĐ-TTg, 08/CT-TTg, 279-TB/UBKTTW, số 798, 799.
        new(@"\b\d+(?:/\d{4})?[/\-][A-ZĐ][\p{L}]*(?:[/\-][\p{L}\d]+)*"),
        new(@"(?i)(?<!tổng\s)\bsố\s+\d+(?:\s*,\s*\d+)*(?=\s*(?:[,;.)]|ngày|của|về|$))"),
        // Ordinals, terms, classes: lần thứ 10, thứ 4, Trung ương 7, khóa XX, loại 3, nhóm 1.
        new(@"(?i)\b(lần\s+)?thứ\s+\d+"),
        new(@"\bTrung ương\s+\d+\b"),
        new(@"(?i)\b(loại|nhóm|hạng|cấp độ|cấp|mức|vùng|khu vực|giai đoạn|phần|mục|điểm|khoản|điều|chương)\s+\d+\b(?!\s*%)"),
        // Durations: Qua 05 năm, 6 tháng đầu năm, 3 năm 2021 - 2023, 10 ngày.
        new(@"(?i)\b\d+\s+(năm|tháng|quý|tuần|ngày)(?!\s*(?:/|đạt|tăng))\b"),
        // Ages describe who is counted: "trẻ em dưới 5 tuổi", "người từ 60 tuổi trở lên".
        new(@"(?i)\b(?:dưới|trên|từ|đủ)?\s*\d+\s*(?:[-–]\s*\d+\s*)?tuổi(?:\s+trở\s+(?:lên|xuống))?"),
        // Names with numbers: Covid-19, ĐT.841, QL.1A, 4.0.
        new(@"\p{L}+[\-.]\d+[\p{L}\d]*"),
        new(@"\b\d\.0\b"),
    ];

    [GeneratedRegex(@"\b(19[5-9]\d|20\d\d|2100)\b")]
    private static partial Regex Year();

    private static readonly string[] KnownUnitsLongestFirst = KnownUnits.OrderByDescending(u => u.Length).ToArray();
    private static readonly string[] NarrativeLongestFirst = NarrativeNouns.OrderByDescending(u => u.Length).ToArray();

    /// <summary>Characters of <paramref name="text"/> that are part of a year, a date, a document number, an ordinal or a name.</summary>
    public static bool[] Masked(string text)
    {
        var masked = new bool[text.Length];
        foreach (var mask in Masks)
            foreach (Match m in mask.Matches(text))
                for (var i = m.Index; i < m.Index + m.Length; i++) masked[i] = true;
        var folded = Vietnamese.Fold(text);
        foreach (Match m in Year().Matches(text))
        {
            var after = folded.AsSpan(m.Index + m.Length).TrimStart();
            if (after.StartsWith("%") || UnitAt(folded, m.Index + m.Length).Unit is { Length: > 0 } && !after.StartsWith("-") && !after.StartsWith("–")) continue;
            for (var i = m.Index; i < m.Index + m.Length; i++) masked[i] = true;
        }
        // An age or a number of years that is itself the goal or the level: "tuổi thọ trung bình đạt 75 tuổi", "số năm sống khỏe đạt tối thiểu 67 năm".
        foreach (Match m in Regex.Matches(folded, @"\b(?:đạt|lên|là)(?:\s+(?:mức|tối thiểu|ít nhất|trên|hơn|khoảng|bình quân))?\s+(?<n>\d+(?:,\d+)?)\s+(?:tuổi|năm)\b(?!\s*(?:\d|tới|qua|gần đây))"))
            for (var i = m.Groups["n"].Index; i < m.Groups["n"].Index + m.Groups["n"].Length; i++) masked[i] = false;
        // A number right after a capitalised word, with no unit, is part of a name: "Quân khu 9", "Thường Phước 1", "Chương trình 135".
        foreach (Match m in Number().Matches(text))
        {
            if (masked[m.Index]) continue;
            var before = text[..m.Index].TrimEnd();
            var lastWord = before.Length == 0 ? "" : before[(before.LastIndexOfAny([' ', '(', ',', ';', ':']) + 1)..];
            var capitalised = lastWord.Length > 0 && char.IsUpper(lastWord[0]) && before.Length < m.Index && !IsSentenceStart(before);
            var next = m.Index + m.Length;
            var range = Regex.Match(folded[next..], @"^\s*[-–]\s*\d+(?:[.,]\d+)*");
            if (range.Success) next += range.Length;
            var hasUnit = UnitAt(folded, next).Unit.Length > 0 || folded.AsSpan(next).TrimStart().StartsWith("%")
                          || folded.AsSpan(next).TrimStart().StartsWith("/");
            // … or a number after a word, with no unit, ending the phrase: "Quân khu 9,", "Quốc phòng 959 với".
            var after = text[next..].TrimStart();
            var ends = after.Length == 0 || after[0] is ',' or ';' or '.' or ')' or ':';
            if ((capitalised || ends && lastWord.Length > 0 && char.IsLetter(lastWord[^1])) && !hasUnit && !IsComparatorWord(lastWord))
                for (var i = m.Index; i < m.Index + m.Length; i++) masked[i] = true;
        }
        return masked;
    }

    private static bool IsSentenceStart(string before)
    {
        var trimmed = before.TrimEnd();
        var space = trimmed.LastIndexOf(' ');
        var prefix = space < 0 ? "" : trimmed[..space].TrimEnd();
        return prefix.Length == 0 || prefix[^1] is '.' or ':' or ';' or '-' or '–';
    }

    private static bool IsComparatorWord(string word) =>
        Vietnamese.Fold(word) is "có" or "đạt" or "là" or "trên" or "dưới" or "hơn" or "thêm" or "tăng" or "giảm" or "còn" or "từ" or "khoảng";

    /// <summary>The numbers of <paramref name="text"/> that are not names, dates or years, as (start, length).</summary>
    public static IReadOnlyList<(int Start, int Length)> FreeNumbers(string text)
    {
        var masked = Masked(text);
        return Number().Matches(text).Where(m => !masked[m.Index]).Select(m => (m.Index, m.Length)).ToList();
    }

    /// <summary>Every measured quantity of <paramref name="text"/>, left to right.</summary>
    public static IReadOnlyList<Quantity> Scan(string text)
    {
        var folded = Vietnamese.Fold(text);
        var masked = Masked(text);
        var result = new List<Quantity>();
        var numbers = Number().Matches(text).Where(m => !masked[m.Index]).ToList();
        var consumed = new HashSet<int>();
        for (var k = 0; k < numbers.Count; k++)
        {
            var m = numbers[k];
            if (consumed.Contains(m.Index)) continue;
            var value = Parse(m.Value);
            if (value is null) continue;
            var end = m.Index + m.Length;
            decimal? upper = null;
            string? upperText = null;
            int? total = null;
            // A range: "10 - 12%", "từ 10 đến 12", "9 – 11%/năm".
            var range = Regex.Match(text[end..], @"^\s*%?\s*(?:-|–|—|đến|tới)\s*(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d\p{L}])");
            if (range.Success && Parse(range.Groups[1].Value) is { } up && up > value)
            {
                upper = up;
                upperText = range.Groups[1].Value;
                end += range.Length;
                var next = numbers.FirstOrDefault(n => n.Index == end - range.Groups[1].Length);
                if (next is not null) consumed.Add(next.Index);
            }
            else
            {
                var fraction = Regex.Match(text[end..], @"^\s*/\s*(\d+)(?![\d\p{L}])");
                if (fraction.Success && int.TryParse(fraction.Groups[1].Value, out var n) && n >= value)
                {
                    total = n;
                    end += fraction.Length;
                }
            }
            var (unit, unitEnd, known, perYear) = UnitAfter(text, folded, end);
            var start = m.Index;
            var (comparator, comparatorStart) = ComparatorBefore(folded, m.Index);
            if (comparatorStart < start) start = comparatorStart;
            var afterUnit = folded[unitEnd..];
            var trailing = Regex.Match(afterUnit, @"^\s*trở lên");
            if (trailing.Success)
            {
                comparator = Comparator.AtLeast;
                unitEnd += trailing.Length;
            }
            else if (Regex.Match(afterUnit, @"^\s*trở xuống") is { Success: true } down)
            {
                comparator = Comparator.AtMost;
                unitEnd += down.Length;
            }
            var (inParens, lead) = Parentheses(text, m.Index);
            result.Add(new Quantity
            {
                Start = start, End = Math.Max(unitEnd, end), NumberStart = m.Index, Value = value, ValueText = m.Value, Upper = upper, UpperText = upperText,
                Total = total, Unit = unit, UnitKnown = known, PerYear = perYear, Comparator = comparator,
                Increment = EndsWithWord(folded[..start], "thêm"), Example = IsExample(folded, start),
                InParentheses = inParens, ParenthesesLead = lead, Text = text[start..Math.Max(unitEnd, end)],
            });
        }
        // "giá trị sản phẩm thu được trên 1 ha … đạt 100 triệu đồng": "1 ha" is what the amount is counted on, its unit "triệu đồng/ha".
        for (var i = 0; i + 1 < result.Count; i++)
        {
            var per = result[i];
            var next = result[i + 1];
            if (per.Value != 1 || per.Upper is not null || !per.UnitKnown || per.IsPercent || !next.UnitKnown || next.IsPercent || next.Unit.Contains('/')) continue;
            if (per.End > next.Start || !Regex.IsMatch(folded[..per.NumberStart], @"(?:\btrên|\bmỗi|\bcho)\s*$") || Regex.IsMatch(text[per.End..next.Start], @"[,;:()]")) continue;
            result[i + 1] = next with { Unit = $"{next.Unit}/{per.Unit}", PerYear = false };
            result.RemoveAt(i);
            i--;
        }
        // "tất cả các xã", "toàn bộ các huyện": all the units, no number.
        foreach (Match m in Regex.Matches(folded, @"\b(tất cả|toàn bộ)\s+(các\s+)?"))
        {
            var (unit, unitEnd, known, _) = UnitAfter(text, folded, m.Index + m.Length);
            if (!known || !IsCountUnit(unit)) continue;
            result.Add(new Quantity
            {
                Start = m.Index, End = unitEnd, NumberStart = m.Index, Unit = unit, UnitKnown = true, All = true, Comparator = Comparator.AtLeast,
                Text = text[m.Index..unitEnd],
            });
        }
        return result.OrderBy(q => q.Start).ToList();
    }

    public static decimal? Parse(string text)
    {
        if (VietnameseNumber.TryParse(text, out var v)) return v;
        // "01", "05": a count written with a leading zero.
        return decimal.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var plain) ? plain : null;
    }

    /// <summary>The unit right after position <paramref name="at"/>: "%/năm", "%", a known unit, else up to three words that name one.</summary>
    private static (string Unit, int End, bool Known, bool PerYear) UnitAfter(string text, string folded, int at)
    {
        var i = at;
        while (i < folded.Length && folded[i] == ' ') i++;
        if (i < folded.Length && folded[i] == '‰') return ("‰", i + 1, true, false);
        if (i < folded.Length && folded[i] == '%')
        {
            var rate = Regex.Match(folded[(i + 1)..], @"^\s*/\s*năm\b");
            return rate.Success ? ("%/năm", i + 1 + rate.Length, true, false) : ("%", i + 1, true, false);
        }
        var (unit, end) = UnitAt(folded, at);
        if (unit.Length > 0)
        {
            var perYear = Regex.Match(folded[end..], @"^\s*/\s*năm\b");
            if (perYear.Success) return (unit, end + perYear.Length, true, true);
            return (unit, end, true, false);
        }
        // Not a unit the rules know: the words that follow, up to a verb or a preposition.
        var words = Regex.Match(text[i..], @"^([\p{L}]+)(\s+[\p{L}]+){0,3}");
        if (!words.Success) return ("", at, false, false);
        var taken = new List<string>();
        var position = i;
        foreach (var word in words.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = Vietnamese.Fold(word);
            if (StopWords.Contains(f) || taken.Count >= 3) break;
            taken.Add(word);
            position = text.IndexOf(word, position, StringComparison.Ordinal) + word.Length;
        }
        return taken.Count == 0 ? ("", at, false, false) : (string.Join(' ', taken), position, false, false);
    }

    /// <summary>A known unit starting at <paramref name="at"/> (after spaces), in folded text.</summary>
    public static (string Unit, int End) UnitAt(string folded, int at)
    {
        var i = at;
        while (i < folded.Length && folded[i] == ' ') i++;
        foreach (var unit in KnownUnitsLongestFirst)
        {
            if (string.CompareOrdinal(folded, i, unit, 0, unit.Length) != 0) continue;
            var end = i + unit.Length;
            if (end < folded.Length && char.IsLetterOrDigit(folded[end])) continue;
            return (Display(unit == "bác sỹ/vạn dân" ? "bác sĩ/vạn dân" : unit), end);
        }
        return ("", at);
    }

    /// <summary>A unit as it is written: "USD", "FDI", "OCOP", "MW", "kWh" keep their capitals.</summary>
    private static string Display(string unit) =>
        Regex.Replace(unit, @"\b(usd|fdi|ocop|mw|kwh)\b", m => m.Value == "kwh" ? "kWh" : m.Value.ToUpperInvariant());

    /// <summary>Whether a programme, a document or a meeting is what the number at <paramref name="at"/> counts ("03 Chương trình").</summary>
    public static bool CountsNarrative(string text, int at)
    {
        var folded = Vietnamese.Fold(text);
        var i = at;
        while (i < folded.Length && folded[i] == ' ') i++;
        return NarrativeLongestFirst.Any(n => string.CompareOrdinal(folded, i, n, 0, n.Length) == 0
                                              && (i + n.Length >= folded.Length || !char.IsLetter(folded[i + n.Length])));
    }

    private static (Comparator, int Start) ComparatorBefore(string folded, int at)
    {
        var before = folded[..at].TrimEnd();
        foreach (var (phrase, comparator) in Before)
        {
            if (!EndsWithWord(before, phrase)) continue;
            return (comparator, before.Length - phrase.Length);
        }
        return (Comparator.None, at);
    }

    private static bool EndsWithWord(string text, string word)
    {
        var trimmed = text.TrimEnd();
        if (!trimmed.EndsWith(word, StringComparison.Ordinal)) return false;
        var start = trimmed.Length - word.Length;
        return start == 0 || !char.IsLetter(trimmed[start - 1]);
    }

    private static bool IsExample(string folded, int at)
    {
        var before = folded[..at].TrimEnd().TrimEnd(':', ',').TrimEnd();
        return EndsWithWord(before, "nhất là") || EndsWithWord(before, "đặc biệt là") || EndsWithWord(before, "như") || EndsWithWord(before, "gồm")
               || EndsWithWord(before, "bao gồm") || EndsWithWord(before, "của") || EndsWithWord(before, "với");
    }

    private static (bool Inside, string? Lead) Parentheses(string text, int at)
    {
        var depth = 0;
        for (var i = at - 1; i >= 0; i--)
        {
            if (text[i] == ')') depth++;
            else if (text[i] == '(')
            {
                if (depth == 0) return (true, text[(i + 1)..at].Trim());
                depth--;
            }
        }
        return (false, null);
    }
}
