using System.Text;
using System.Text.RegularExpressions;
using Monitoring.Domain.Units;

namespace Monitoring.Domain.Drafting;

/// <summary>A unit named in a sentence, where, and what kind of unit it is.</summary>
public sealed record UnitMention(string Name, UnitKind Kind, int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>
/// The implementing units provincial documents name: party committees and their boards, the people's committee's party
/// board, the council's party delegation, departments, the Front and the mass organisations — by the forms they are
/// written in ("Ban cán sự đảng UBND tỉnh", "Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy", "Huyện ủy Tân Hồng").
/// </summary>
public static partial class UnitNames
{
    private const string Province = @"(?:tỉnh ủy|đảng bộ tỉnh|tỉnh)";
    private const string ProperName = @"(?:\s+\p{Lu}[\p{Ll}\p{Lu}]*){1,3}";

    private static readonly (Regex Pattern, UnitKind Kind, bool Proper)[] Patterns =
    [
        (new(@"các huyện ủy(?:,\s*(?:thị ủy|thành ủy))*(?:,\s*(?:các\s+)?đảng ủy trực thuộc " + Province + ")?"), UnitKind.DistrictPartyCommittee, false),
        (new(@"các (?:thành ủy|thị ủy)(?:,\s*(?:huyện ủy|thị ủy|thành ủy))*(?:,\s*(?:các\s+)?đảng ủy trực thuộc " + Province + ")?"), UnitKind.DistrictPartyCommittee, false),
        (new(@"(?:các\s+)?đảng ủy trực thuộc " + Province), UnitKind.AffiliatedPartyCommittee, false),
        (new(@"các ban cán sự đảng,\s*đảng đoàn"), UnitKind.Other, false),
        (new(@"(?:các\s+)?cơ quan (?:chuyên trách\s+)?tham mưu,\s*giúp việc " + Province), UnitKind.PartyCommitteeBoard, false),
        (new(@"các sở,\s*ban,\s*ngành(?:,\s*(?:mặt trận|đoàn thể)(?:,\s*(?:các\s+)?tổ chức chính trị\s*-\s*xã hội)?)?(?:\s+tỉnh)?"), UnitKind.Department, false),
        (new(@"ban cán sự đảng (?:ủy ban nhân dân|ubnd) tỉnh"), UnitKind.ProvincialPeoplesCommitteeParty, false),
        (new(@"đảng đoàn (?:hội đồng nhân dân|hđnd) tỉnh"), UnitKind.ProvincialCouncilParty, false),
        (new(@"đảng đoàn (?:ủy ban\s+)?mặt trận tổ quốc(?: việt nam)?(?: tỉnh)?(?: và các tổ chức chính trị\s*-\s*xã hội(?: tỉnh)?)?"), UnitKind.Front, false),
        (new(@"(?:ủy ban\s+)?mặt trận tổ quốc(?: việt nam)?(?: tỉnh)?"), UnitKind.Front, false),
        (new(@"(?:các\s+)?tổ chức chính trị\s*-\s*xã hội(?: tỉnh)?"), UnitKind.Front, false),
        (new(@"ban thường vụ (?:tỉnh đoàn|đoàn thanh niên cộng sản hồ chí minh tỉnh)"), UnitKind.Front, false),
        (new(@"(?:tỉnh đoàn|hội nông dân tỉnh|công đoàn tỉnh(?: \p{L}+(?: \p{L}+)?)?|liên đoàn lao động tỉnh|hội liên hiệp phụ nữ tỉnh|hội cựu chiến binh tỉnh)"), UnitKind.Front, false),
        (new(@"ban thường vụ tỉnh ủy"), UnitKind.PartyCommitteeBoard, false),
        (new(@"thường trực (?:tỉnh ủy|hđnd tỉnh|hội đồng nhân dân tỉnh)"), UnitKind.PartyCommitteeBoard, false),
        (new(@"ủy ban kiểm tra tỉnh ủy"), UnitKind.PartyCommitteeBoard, false),
        (new(@"văn phòng tỉnh ủy"), UnitKind.PartyCommitteeBoard, false),
        (new(@"(?:các\s+)?ban (?:xây dựng đảng (?:của\s+)?|của\s+|thuộc\s+)tỉnh ủy"), UnitKind.PartyCommitteeBoard, false),
        (new(@"ban (?:tổ chức|tuyên giáo|dân vận|nội chính|kinh tế|tuyên giáo và dân vận) tỉnh ủy"), UnitKind.PartyCommitteeBoard, false),
        (new(@"ban chỉ đạo [\p{L} ,\-]{3,80}? tỉnh\b"), UnitKind.Other, false),
        (new(@"đảng ủy (?:quân sự|công an|bộ đội biên phòng|khối [\p{L} ]{3,40}?) tỉnh"), UnitKind.AffiliatedPartyCommittee, false),
        (new(@"(?:ủy ban nhân dân|ubnd) tỉnh"), UnitKind.Other, false),
        (new(@"(?:hội đồng nhân dân|hđnd) tỉnh"), UnitKind.Other, false),
        (new(@"(?:huyện ủy|thành ủy|thị ủy)"), UnitKind.DistrictPartyCommittee, true),
        (new(@"sở"), UnitKind.Department, true),
    ];

    /// <summary>Every unit <paramref name="text"/> names, longest first where two overlap.</summary>
    public static IReadOnlyList<UnitMention> Find(string text)
    {
        var folded = Vietnamese.Fold(text);
        var found = new List<UnitMention>();
        foreach (var (pattern, kind, proper) in Patterns)
            foreach (Match m in pattern.Matches(folded))
            {
                if (m.Index > 0 && char.IsLetter(folded[m.Index - 1])) continue;
                var end = m.Index + m.Length;
                if (end < folded.Length && char.IsLetter(folded[end])) continue;
                if (proper && Department(folded, end) is { } department)
                    end = department;
                else if (proper)
                {
                    // "Huyện ủy Tân Hồng", "Sở Kế hoạch và Đầu tư": the name that follows, in capitals.
                    var name = Regex.Match(text[end..], @"^(?:\s+\p{Lu}[\p{L}]*(?:\s+và\s+\p{Lu}[\p{L}]*)?){1,4}");
                    if (!name.Success) continue;
                    end += name.Length;
                }
                found.Add(new UnitMention(Vietnamese.Squash(text[m.Index..end]), kind, m.Index, end - m.Index));
            }
        // "các Huyện uỷ: Tân Hồng, Hồng Ngự": one unit per name listed.
        foreach (Match m in Regex.Matches(text, @"(?:[Cc]ác\s+)?(?<head>[Hh]uyện [uủ][ỷy]|[Tt]hành [uủ][ỷy]|[Tt]hị [uủ][ỷy]|[Đđ]ảng [uủ][ỷy]|[Ss]ở)\s*:\s*"))
        {
            var head = Vietnamese.Capitalise(m.Groups["head"].Value);
            var kind = Vietnamese.Fold(head).StartsWith("sở") ? UnitKind.Department : Vietnamese.Fold(head).StartsWith("đảng") ? UnitKind.AffiliatedPartyCommittee : UnitKind.DistrictPartyCommittee;
            var at = m.Index + m.Length;
            var listed = new List<UnitMention>();
            while (true)
            {
                var name = Regex.Match(text[at..], @"^\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*){0,3}");
                if (!name.Success) break;
                var next = at + name.Length;
                var rest = text[next..];
                var separator = Regex.Match(rest, @"^(?:\s*,\s*|\s+và\s+)");
                if (!separator.Success && !Regex.IsMatch(rest, @"^\s*(?:[.;]|$|\p{Ll})")) break;
                var from = listed.Count == 0 ? m.Index : at;
                listed.Add(new UnitMention($"{head} {name.Value}", kind, from, next - from));
                if (!separator.Success) break;
                at = next + separator.Length;
                if (Regex.IsMatch(text[at..], @"^\p{Lu}[\p{L}]*\s+\p{Ll}")) break;
            }
            if (listed.Count == 0) continue;
            found.RemoveAll(f => f.Start < listed[^1].End && m.Index < f.End);
            found.AddRange(listed);
        }
        var kept = new List<UnitMention>();
        foreach (var mention in found.OrderByDescending(f => f.Length).ThenBy(f => f.Start))
            if (!kept.Any(k => mention.Start < k.End && k.Start < mention.End)) kept.Add(mention);
        return kept.OrderBy(k => k.Start).ToList();
    }

    /// <summary>The provincial departments, named the same in every province.</summary>
    private static readonly string[] Departments =
    [
        "kế hoạch và đầu tư", "tài chính", "công thương", "nông nghiệp và phát triển nông thôn", "nông nghiệp và môi trường", "giao thông vận tải",
        "xây dựng", "tài nguyên và môi trường", "thông tin và truyền thông", "lao động - thương binh và xã hội", "lao động, thương binh và xã hội",
        "văn hóa, thể thao và du lịch", "văn hóa và thể thao", "văn hóa - thể thao và du lịch", "du lịch", "khoa học và công nghệ",
        "giáo dục và đào tạo", "y tế", "nội vụ", "tư pháp", "ngoại vụ", "dân tộc và tôn giáo",
    ];

    private static int? Department(string folded, int at)
    {
        var i = at;
        while (i < folded.Length && folded[i] == ' ') i++;
        foreach (var name in Departments.OrderByDescending(d => d.Length))
            if (string.CompareOrdinal(folded, i, name, 0, name.Length) == 0 && (i + name.Length >= folded.Length || !char.IsLetter(folded[i + name.Length])))
                return i + name.Length;
        return null;
    }

    [GeneratedRegex(@"^(?:(?:trong đó|đồng thời|riêng|theo đó|bên cạnh đó),\s*)?(?:giao(?:\s+cho)?\s+)?")]
    private static partial Regex GiveTo();

    /// <summary>
    /// Who leads and who co-operates in a sentence: "Giao X chủ trì, phối hợp (với) Y và Z …", "X chủ trì", "phối hợp với Y",
    /// or the units the sentence opens with ("Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy tổ chức …").
    /// </summary>
    public static (UnitMention? Lead, IReadOnlyList<UnitMention> Cooperating, string Rule, double Confidence) Assignment(string sentence)
    {
        var mentions = Find(sentence);
        if (mentions.Count == 0) return (null, [], "", 0);
        var folded = Vietnamese.Fold(sentence);
        UnitMention? lead = null;
        var cooperating = new List<UnitMention>();
        var rule = "";
        var confidence = 0.0;

        foreach (var m in mentions)
        {
            var after = folded[m.End..].TrimStart(' ', ',');
            if (after.StartsWith("chủ trì") || after.StartsWith("có trách nhiệm chủ trì") || after.StartsWith("làm đầu mối"))
            {
                lead = m;
                rule = "presides";
                confidence = 0.9;
                break;
            }
        }
        var cooperateAt = Regex.Match(folded, @"phối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+");
        if (cooperateAt.Success)
            cooperating.AddRange(mentions.Where(m => m.Start >= cooperateAt.Index + cooperateAt.Length && m != lead
                                                     && Regex.IsMatch(folded[(cooperateAt.Index + cooperateAt.Length)..m.Start], @"^[\p{L}\s,]*$")
                                                     && !Regex.IsMatch(folded[(cooperateAt.Index + cooperateAt.Length)..m.Start], @"\b(để|nhằm|trong|về)\b")));

        // "Ban cán sự đảng UBND tỉnh chỉ đạo Sở Y tế chủ trì …": the unit that directs is the one the sentence assigns; the one it
        // directs carries the work out, beside it.
        if (lead is not null && Subjects(folded, mentions) is { Count: > 0 } openers && !openers.Contains(lead)
            && Regex.IsMatch(folded[openers[^1].End..lead.Start], @"^\s*,?\s*(?:lãnh đạo(?:,\s*chỉ đạo)?|chỉ đạo|giao|yêu cầu|đề nghị)\b"))
        {
            cooperating.Insert(0, lead);
            lead = openers[0];
            cooperating.InsertRange(0, openers.Skip(1));
            rule = "directs";
            confidence = 0.85;
        }
        if (lead is null)
        {
            // The units the sentence opens with: "X, Y và Z <verb> …".
            var opening = GiveTo().Match(folded).Length;
            var subjects = new List<UnitMention>();
            var at = opening;
            foreach (var m in mentions)
            {
                if (m.Start < at) continue;
                var between = folded[at..m.Start];
                if (!Regex.IsMatch(between, @"^[\s,;]*(?:và\s+|các\s+|cùng\s+)?$")) break;
                subjects.Add(m);
                at = m.End;
            }
            if (subjects.Count > 0)
            {
                lead = subjects[0];
                cooperating.InsertRange(0, subjects.Skip(1));
                rule = opening > 0 ? "assigned-to" : "subject";
                confidence = opening > 0 ? 0.9 : 0.8;
            }
        }
        if (lead is null && cooperating.Count == 0) return (null, [], "", 0);
        if (rule.Length == 0)
        {
            rule = "cooperates";
            confidence = 0.7;
        }
        return (lead, cooperating.Where(c => lead is null || !string.Equals(Key(c.Name), Key(lead.Name), StringComparison.Ordinal)).DistinctBy(c => Key(c.Name)).ToList(),
            rule, confidence);
    }

    /// <summary>The units a sentence opens with, after "Giao": "X, Y và Z …".</summary>
    private static List<UnitMention> Subjects(string folded, IReadOnlyList<UnitMention> mentions)
    {
        var at = GiveTo().Match(folded).Length;
        var subjects = new List<UnitMention>();
        foreach (var m in mentions)
        {
            if (m.Start < at) continue;
            if (!Regex.IsMatch(folded[at..m.Start], @"^[\s,;]*(?:và\s+|các\s+|cùng\s+)?$")) break;
            subjects.Add(m);
            at = m.End;
        }
        return subjects;
    }

    public static string Key(string name) => Vietnamese.Fold(Vietnamese.Squash(name));

    private static readonly (string Phrase, string Code)[] Abbreviations =
    [
        ("ban cán sự đảng", "BCSD"), ("ủy ban nhân dân", "UBND"), ("hội đồng nhân dân", "HDND"), ("ban thường vụ", "BTV"), ("thường trực", "TT"),
        ("tỉnh ủy", "TU"), ("đảng đoàn", "DD"), ("đảng ủy trực thuộc", "DU-TRUC-THUOC"), ("đảng ủy", "DU"), ("ủy ban kiểm tra", "UBKT"), ("văn phòng", "VP"),
        ("mặt trận tổ quốc", "MTTQ"), ("tổ chức chính trị - xã hội", "TC-CTXH"), ("huyện ủy", "HU"), ("thành ủy", "THANHUY"), ("thị ủy", "THIUY"),
        ("ban chỉ đạo", "BCD"), ("tỉnh đoàn", "TINH-DOAN"), ("đoàn thanh niên cộng sản hồ chí minh", "DTN"), ("cơ quan chuyên trách tham mưu, giúp việc", "CQ-THAM-MUU"),
        ("cơ quan tham mưu, giúp việc", "CQ-THAM-MUU"), ("sở, ban, ngành", "SO-BAN-NGANH"), ("ban cán sự đảng, đảng đoàn", "BCSD-DD"),
        ("ubnd", "UBND"), ("hđnd", "HDND"), ("ban xây dựng đảng", "BAN-XDD"),
    ];

    /// <summary>A code for a unit's name: the province's initials, then the usual abbreviations ("Ban cán sự đảng UBND tỉnh" → "DT-BCSD-UBND-TINH").</summary>
    public static string Code(string name, string? province)
    {
        var folded = Vietnamese.Fold(Vietnamese.Squash(name));
        foreach (var (phrase, abbreviation) in Abbreviations.OrderByDescending(a => a.Phrase.Length))
            folded = folded.Replace(phrase, $" {abbreviation.ToLowerInvariant()} ");
        var words = Regex.Split(Vietnamese.Ascii(folded), @"[^A-Za-z0-9]+").Where(w => w.Length > 0 && w is not "cac" and not "va" and not "cua" and not "thuoc")
            .Select(w => w.ToUpperInvariant());
        var body = string.Join('-', words);
        var prefix = ProvinceCode(province);
        var code = prefix is null ? body : $"{prefix}-{body}";
        if (code.Length > 50) code = code[..50].TrimEnd('-');
        return code.Length == 0 ? "DON-VI" : code;
    }

    /// <summary>"Đồng Tháp" → "DT".</summary>
    public static string? ProvinceCode(string? province) =>
        string.IsNullOrWhiteSpace(province) ? null
            : new string(Vietnamese.Ascii(province).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0])).ToArray());

    /// <summary>A name as a unit's record keeps it: its words as printed, the first letter upper case.</summary>
    public static string Display(string name)
    {
        var squashed = Vietnamese.Squash(name);
        var builder = new StringBuilder(squashed);
        if (builder.Length > 0) builder[0] = char.ToUpperInvariant(builder[0]);
        return builder.ToString();
    }
}
