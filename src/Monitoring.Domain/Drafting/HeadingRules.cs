using System.Globalization;
using System.Text.RegularExpressions;
using Monitoring.Domain.Resolutions;

namespace Monitoring.Domain.Drafting;

/// <summary>
/// The heading of a resolution: its kind (NGHỊ QUYẾT, KẾT LUẬN, CHƯƠNG TRÌNH HÀNH ĐỘNG), number ("Số 05-NQ/TU"), issuing
/// body, date ("Đồng Tháp, ngày 20 tháng 10 năm 2021"), term ("khóa XI"), period ("giai đoạn 2021 - 2025", or the term
/// "nhiệm kỳ 2020 - 2025" → 2021–2025), orientation ("định hướng đến năm 2030") and title.
/// </summary>
public static partial class HeadingRules
{
    /// <summary>How many paragraphs from the top the heading may take.</summary>
    public const int HeadingWindow = 14;

    [GeneratedRegex(@"^(?:ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\b|\*)", RegexOptions.IgnoreCase)]
    private static partial Regex Letterhead();

    [GeneratedRegex(@"^(?:Số|SỐ)\s*[:.]?\s*(?<n>\d+[\-/][\p{L}Đ][\p{L}\d\-/]*)")]
    private static partial Regex NumberLine();

    [GeneratedRegex(@"(?<place>[\p{L} .]{2,40}),\s*ngày\s+(?<d>\d{1,2})\s+tháng\s+(?<m>\d{1,2})\s+năm\s+(?<y>\d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex PlaceDate();

    [GeneratedRegex(@"\b(?:họp\s+)?ngày\s+(?<d>\d{1,2})\s*[\-/]\s*(?<m>\d{1,2})\s*[\-/]\s*(?<y>\d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex ShortDate();

    [GeneratedRegex(@"^Ngày\s+(?<d>\d{1,2})\s+tháng\s+(?<m>\d{1,2})\s+năm\s+(?<y>\d{4})")]
    private static partial Regex OpeningDate();

    [GeneratedRegex(@"kh(?:óa|oá|oa)\s*\(?\s*(?<t>[IVXLC]+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Term();

    [GeneratedRegex(@"(?:giai đoạn|thời kỳ|kế hoạch 5 năm)\s+(?<a>\d{4})\s*[\-–—]\s*(?<b>\d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex Period();

    [GeneratedRegex(@"nhiệm kỳ\s+(?<a>\d{4})\s*[\-–—]\s*(?<b>\d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex TermYears();

    [GeneratedRegex(@"(?:định hướng|tầm nhìn)\s+đến\s+năm\s+(?<y>\d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex Orientation();

    [GeneratedRegex(@"\b[Tt]ỉnh\s+(?<p>[A-ZĐ][\p{Ll}]+(?:\s+[A-ZĐ][\p{Ll}]+){1,2})")]
    private static partial Regex Province();

    [GeneratedRegex(@"(?:TỈNH ỦY|TỈNH UỶ|ĐẢNG BỘ TỈNH)\s+(?!KH[OÓ])(?<p>[\p{Lu}]{2,}(?:\s+(?!KH[OÓ])[\p{Lu}]{2,}){0,2})")]
    private static partial Regex ProvinceLetterhead();

    public sealed record Result(DraftHeading Heading, int BodyStart, IReadOnlyList<Paragraph> HeadingParagraphs);

    public static Result Read(SourceText source, Func<DateOnly?> latestFigureDay)
    {
        var paragraphs = source.Paragraphs;
        var window = paragraphs.Take(HeadingWindow).ToList();
        // The kind: the first paragraph that is, or starts with, the kind's name in capitals.
        var kindIndex = -1;
        ResolutionKind kind = ResolutionKind.Resolution;
        for (var i = 0; i < window.Count && kindIndex < 0; i++)
        {
            var t = window[i].Text.Trim();
            if (Regex.IsMatch(t, @"^CHƯƠNG TRÌNH HÀNH ĐỘNG\b")) (kind, kindIndex) = (ResolutionKind.ActionProgramme, i);
            else if (Regex.IsMatch(t, @"^KẾT LUẬN\b")) (kind, kindIndex) = (ResolutionKind.Conclusion, i);
            else if (Regex.IsMatch(t, @"^NGHỊ QUYẾT\b")) (kind, kindIndex) = (ResolutionKind.Resolution, i);
        }
        var kindSource = kindIndex >= 0
            ? new Provenance("kind-word", 0.95, window[kindIndex].Span, window[kindIndex].Text)
            : Provenance.Placeholder("kind-not-printed");

        // The heading: from the top to the end of the title block after the kind.
        var bodyStart = kindIndex + 1;
        var titleParts = new List<Paragraph>();
        if (kindIndex >= 0)
        {
            titleParts.Add(window[kindIndex]);
            for (var i = kindIndex + 1; i < window.Count; i++)
            {
                var p = window[i];
                var (marker, _, _) = Structure.MarkerOf(p.Text);
                var end = p.Text.TrimEnd()[^1];
                var isTitle = marker is null && (p.Emphasised || p.Text.Length <= 220 && end is not ('.' or ':' or ';'));
                if (!isTitle || NumberLine().IsMatch(p.Text)) break;
                titleParts.Add(p);
                bodyStart = i + 1;
            }
        }
        else
        {
            bodyStart = 0;
            while (bodyStart < window.Count && window[bodyStart].Emphasised && Structure.MarkerOf(window[bodyStart].Text).Marker is null
                   && Structure.KindOf(window[bodyStart].Text) is null)
            {
                titleParts.Add(window[bodyStart]);
                bodyStart++;
            }
        }
        var headingArea = paragraphs.Take(Math.Max(bodyStart, 0)).ToList();
        var body = paragraphs.Skip(bodyStart).ToList();
        var opening = body.Take(3).ToList();

        // Number: "Số 05-NQ/TU" at the head of a line in the heading area, never a number the body cites.
        Drafted<string>? number = null;
        foreach (var p in headingArea)
            if (NumberLine().Match(p.Text) is { Success: true } m)
            {
                number = new(m.Groups["n"].Value, new Provenance("number-line", 0.95, p.SpanOf(m.Groups["n"].Index, m.Groups["n"].Length), p.Text));
                break;
            }

        // Dates.
        Drafted<DateOnly>? issueDate = null;
        Drafted<DateOnly?> contentAsOf = new(null, Provenance.Placeholder("no-meeting-date"));
        foreach (var p in headingArea)
            if (PlaceDate().Match(p.Text) is { Success: true } m && Day(m) is { } d)
            {
                issueDate = new(d, new Provenance("place-date-line", 0.95, p.SpanOf(m.Index, m.Length), m.Value.Trim()));
                break;
            }
        foreach (var p in opening)
        {
            Match m;
            if ((m = OpeningDate().Match(p.Text)).Success && Day(m) is { } d1)
            {
                contentAsOf = new(d1, new Provenance("meeting-date", 0.9, p.SpanOf(m.Index, m.Length), m.Value));
                break;
            }
            if ((m = ShortDate().Match(p.Text)).Success && Regex.IsMatch(p.Text[..m.Index], @"(Hội nghị|họp|\()", RegexOptions.IgnoreCase) && Day(m) is { } d2)
            {
                contentAsOf = new(d2, new Provenance("meeting-date", 0.85, p.SpanOf(m.Index, m.Length), m.Value));
                break;
            }
        }

        // Title, period and orientation from the title block.
        var titleText = Vietnamese.Squash(string.Join(' ', titleParts.Select(p => p.Text)));
        var title = titleParts.Count > 0
            ? new Drafted<string>(titleText, new Provenance("title-block", 0.9, Cover(titleParts), titleText))
            : new Drafted<string>("(chưa có tiêu đề)", Provenance.Placeholder("title-not-printed"));

        Drafted<int> start, end2;
        var period = titleParts.Select(p => (p, m: Period().Match(p.Text))).FirstOrDefault(x => x.m.Success);
        if (period.p is not null)
        {
            var span = period.p.SpanOf(period.m.Index, period.m.Length);
            start = new(int.Parse(period.m.Groups["a"].Value), new Provenance("title-period", 0.95, span, period.m.Value));
            end2 = new(int.Parse(period.m.Groups["b"].Value), new Provenance("title-period", 0.95, span, period.m.Value));
        }
        else if (issueDate is { } issued && titleParts.Select(p => (p, m: Regex.Match(p.Text, @"(?<!(?:định hướng|tầm nhìn)\s+)\bđến năm\s+(?<y>\d{4})\b", RegexOptions.IgnoreCase)))
                     .FirstOrDefault(x => x.m.Success) is { p: not null } until && int.Parse(until.m.Groups["y"].Value) > issued.Value.Year)
        {
            // "… đến năm 2025, định hướng đến năm 2030", issued in 2021: from the year it is issued to the year it names.
            var span = until.p.SpanOf(until.m.Index, until.m.Length);
            start = new(issued.Value.Year, new Provenance("issue-year-to-title-year", 0.8, span, until.m.Value));
            end2 = new(int.Parse(until.m.Groups["y"].Value), new Provenance("title-until-year", 0.9, span, until.m.Value));
        }
        else if (titleParts.Select(p => (p, m: Regex.Match(p.Text, @"năm\s+(?<y>\d{4})\b"))).LastOrDefault(x => x.m.Success) is { p: not null } single
                 && !titleParts.Any(p => TermYears().IsMatch(p.Text)))
        {
            var span = single.p.SpanOf(single.m.Index, single.m.Length);
            var year = int.Parse(single.m.Groups["y"].Value);
            start = new(year, new Provenance("title-year", 0.85, span, single.m.Value));
            end2 = new(year, new Provenance("title-year", 0.85, span, single.m.Value));
        }
        else if (paragraphs.Select(p => (p, m: TermYears().Match(p.Text))).FirstOrDefault(x => x.m.Success) is { p: not null } term)
        {
            // A party congress term "nhiệm kỳ 2020 - 2025" carries the five-year plan 2021 - 2025.
            var a = int.Parse(term.m.Groups["a"].Value);
            var b = int.Parse(term.m.Groups["b"].Value);
            var span = term.p.SpanOf(term.m.Index, term.m.Length);
            start = new(b - a == 5 ? a + 1 : a, new Provenance("term-years", 0.6, span, term.m.Value));
            end2 = new(b, new Provenance("term-years", 0.6, span, term.m.Value));
        }
        else if (paragraphs.Select(p => (p, m: Period().Match(p.Text))).FirstOrDefault(x => x.m.Success) is { p: not null } any)
        {
            var span = any.p.SpanOf(any.m.Index, any.m.Length);
            start = new(int.Parse(any.m.Groups["a"].Value), new Provenance("body-period", 0.5, span, any.m.Value));
            end2 = new(int.Parse(any.m.Groups["b"].Value), new Provenance("body-period", 0.5, span, any.m.Value));
        }
        else
        {
            var year = (issueDate?.Value ?? contentAsOf.Value)?.Year ?? DateTime.UtcNow.Year;
            start = new(year, Provenance.Placeholder("period-not-printed"));
            end2 = new(year, Provenance.Placeholder("period-not-printed"));
        }

        Drafted<int?> orientation = new(null, new Provenance("no-orientation", 0.8));
        foreach (var p in titleParts)
            if (Orientation().Match(p.Text) is { Success: true } m && int.Parse(m.Groups["y"].Value) > end2.Value)
            {
                orientation = new(int.Parse(m.Groups["y"].Value), new Provenance("title-orientation", 0.95, p.SpanOf(m.Index, m.Length), m.Value));
                break;
            }

        // Term: "khóa XI" in the heading, else in the opening, else the latest congress of the provincial party the text cites.
        Drafted<string?> term2 = new(null, Provenance.Placeholder("term-not-printed"));
        foreach (var p in titleParts.Concat(headingArea).Concat(opening))
            if (Term().Match(p.Text) is { Success: true } m)
            {
                term2 = new(m.Groups["t"].Value.ToUpperInvariant(), new Provenance(titleParts.Contains(p) ? "heading-term" : "opening-term", titleParts.Contains(p) ? 0.95 : 0.8,
                    p.SpanOf(m.Index, m.Length), m.Value));
                break;
            }
        if (term2.Value is null)
        {
            var best = paragraphs.SelectMany(p => Regex.Matches(p.Text, @"Đại hội (?:đại biểu )?Đảng bộ tỉnh lần thứ (?<t>[IVXLC]+)\b", RegexOptions.IgnoreCase)
                    .Select(m => (p, m, n: Vietnamese.Roman(m.Groups["t"].Value) ?? 0)))
                .OrderByDescending(x => x.n).FirstOrDefault();
            if (best.p is not null)
                term2 = new(best.m.Groups["t"].Value.ToUpperInvariant(), new Provenance("congress-number", 0.6, best.p.SpanOf(best.m.Index, best.m.Length), best.m.Value));
        }

        // Province: the letterhead, else the name the text gives most often after "tỉnh".
        Drafted<string?> province = new(null, Provenance.Placeholder("province-not-named"));
        foreach (var p in headingArea)
            if (ProvinceLetterhead().Match(p.Text) is { Success: true } m)
            {
                var name = CultureInfo.GetCultureInfo("vi-VN").TextInfo.ToTitleCase(m.Groups["p"].Value.ToLower(CultureInfo.GetCultureInfo("vi-VN")));
                province = new(name, new Provenance("letterhead-province", 0.9, p.SpanOf(m.Groups["p"].Index, m.Groups["p"].Length), m.Value));
                break;
            }
        if (province.Value is null)
        {
            var names = paragraphs.SelectMany(p => Province().Matches(p.Text).Select(m => (p, m))).GroupBy(x => x.m.Groups["p"].Value)
                .OrderByDescending(g => g.Count()).FirstOrDefault();
            if (names is not null)
            {
                var (p, m) = names.First();
                province = new(names.Key, new Provenance("named-province", Math.Min(0.9, 0.5 + 0.1 * names.Count()),
                    p.SpanOf(m.Groups["p"].Index, m.Groups["p"].Length), m.Value));
            }
        }

        // Issuing body.
        var issuing = IssuingBody(titleParts.Concat(headingArea).Concat(opening).Distinct().ToList(), paragraphs, province.Value);

        // Fill what the text does not print, said as a placeholder.
        var issue = issueDate ?? (contentAsOf.Value is { } asOf
            ? new Drafted<DateOnly>(asOf, contentAsOf.Source with { Rule = "meeting-date-as-issue-date", Confidence = 0.7 })
            : new Drafted<DateOnly>(latestFigureDay() ?? new DateOnly(start.Value, 1, 1), Provenance.Placeholder("issue-date-not-printed")));
        number ??= new(PlaceholderNumber(kind, start.Value, end2.Value, titleText), Provenance.Placeholder("number-not-printed"));

        var heading = new DraftHeading(number, new Drafted<ResolutionKind>(kind, kindSource), issuing, term2, issue, start, end2, orientation, title,
            province, contentAsOf);
        return new Result(heading, Math.Max(bodyStart, 0), titleParts);
    }

    private static SourceSpan? Cover(IReadOnlyList<Paragraph> parts)
    {
        if (parts.Count == 0) return null;
        var first = parts[0].Span;
        var last = parts[^1].Span;
        return new SourceSpan(first.Start, last.Start + last.Length - first.Start, first.Line);
    }

    private static DateOnly? Day(Match m)
    {
        var y = int.Parse(m.Groups["y"].Value);
        var mo = int.Parse(m.Groups["m"].Value);
        var d = int.Parse(m.Groups["d"].Value);
        return y is >= 1990 and <= 2100 && mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo) ? new DateOnly(y, mo, d) : null;
    }

    private static string PlaceholderNumber(ResolutionKind kind, int start, int end, string title)
    {
        var prefix = kind switch { ResolutionKind.Conclusion => "KL", ResolutionKind.ActionProgramme => "CTHD", _ => "NQ" };
        var hash = (uint)title.Aggregate(17, (h, c) => unchecked(h * 31 + c));
        return $"DU-THAO-{prefix}-{start}-{end}-{hash % 10000:0000}";
    }

    private static Drafted<string> IssuingBody(IReadOnlyList<Paragraph> top, IReadOnlyList<Paragraph> all, string? province)
    {
        var suffix = province is null ? "" : $" {province}";
        (string Pattern, string Name, double Confidence)[] rules =
        [
            (@"BAN CHẤP HÀNH ĐẢNG BỘ TỈNH", "Ban Chấp hành Đảng bộ tỉnh", 0.9),
            (@"BAN THƯỜNG VỤ TỈNH (ỦY|UỶ)", "Ban Thường vụ Tỉnh ủy", 0.9),
            (@"\bTỈNH (ỦY|UỶ)\b", "Tỉnh ủy", 0.85),
            (@"HỘI ĐỒNG NHÂN DÂN TỈNH", "Hội đồng nhân dân tỉnh", 0.85),
            (@"(ỦY|UỶ) BAN NHÂN DÂN TỈNH", "Ủy ban nhân dân tỉnh", 0.85),
        ];
        // "KẾT LUẬN của Ban Thường vụ Tỉnh ủy về …": the body the title line itself names, before the letterhead's "TỈNH ỦY".
        foreach (var p in top.Take(6))
            if (Regex.Match(p.Text, @"^(?:(?:NGHỊ QUYẾT|KẾT LUẬN|CHƯƠNG TRÌNH HÀNH ĐỘNG)\s+)?của\s+(?<b>Ban Thường vụ Tỉnh [uủ][ỷy]|Ban Chấp hành Đảng bộ tỉnh|Tỉnh [uủ][ỷy])\b",
                    RegexOptions.IgnoreCase) is { Success: true } named)
            {
                var folded = Vietnamese.Fold(named.Groups["b"].Value);
                var name = folded.StartsWith("ban thường") ? "Ban Thường vụ Tỉnh ủy" : folded.StartsWith("ban chấp") ? "Ban Chấp hành Đảng bộ tỉnh" : "Tỉnh ủy";
                return new(name + suffix, new Provenance("title-names-body", 0.9, p.SpanOf(named.Groups["b"].Index, named.Groups["b"].Length), named.Value));
            }
        foreach (var p in top)
            foreach (var (pattern, name, confidence) in rules)
                if (Regex.Match(p.Text, pattern) is { Success: true } m)
                    return new(name + suffix, new Provenance("heading-body", confidence, p.SpanOf(m.Index, m.Length), m.Value));
        foreach (var p in top.Concat(all))
        {
            var m = Regex.Match(p.Text, @"(Ban Chấp hành Đảng bộ tỉnh|Tỉnh (ủy|uỷ)|Ban Thường vụ Tỉnh (ủy|uỷ))[^.;:]{0,80}\bkết luận\b");
            if (m.Success)
            {
                var name = Vietnamese.Fold(m.Groups[1].Value).StartsWith("ban chấp") ? "Ban Chấp hành Đảng bộ tỉnh"
                    : Vietnamese.Fold(m.Groups[1].Value).StartsWith("ban thường") ? "Ban Thường vụ Tỉnh ủy" : "Tỉnh ủy";
                return new(name + suffix, new Provenance("body-concludes", 0.7, p.SpanOf(m.Index, m.Length), m.Value));
            }
        }
        foreach (var p in all.Reverse())
            if (Regex.Match(p.Text, @"^T/?M\.?\s+(?<b>[\p{Lu} ]+)") is { Success: true } m)
            {
                var name = Vietnamese.Fold(m.Groups["b"].Value).Contains("ban thường vụ") ? "Ban Thường vụ Tỉnh ủy" : "Tỉnh ủy";
                return new(name + suffix, new Provenance("signature-on-behalf", 0.6, p.SpanOf(m.Index, m.Length), m.Value));
            }
        return new("Tỉnh ủy" + suffix, Provenance.Placeholder("issuing-body-not-printed"));
    }
}
