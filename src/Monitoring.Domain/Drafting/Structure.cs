using System.Text.RegularExpressions;

namespace Monitoring.Domain.Drafting;

/// <summary>What a part of a resolution does, read from its heading: it is why the same sentence is a target in one and a figure in another.</summary>
public enum SectionKind
{
    /// <summary>Before the first section: "Tại Hội nghị …, Ban Chấp hành Đảng bộ tỉnh kết luận:".</summary>
    Preamble,
    /// <summary>"Đánh giá", "Kết quả", "Tình hình thực hiện …", "Sơ kết", "Kiểm điểm": what was done, with figures.</summary>
    Results,
    /// <summary>"Quan điểm".</summary>
    Principles,
    /// <summary>"Mục tiêu chung", "Mục tiêu tổng quát".</summary>
    GeneralObjectives,
    /// <summary>"Mục tiêu", "Chỉ tiêu", "Mục tiêu cụ thể đến năm 2025".</summary>
    Targets,
    /// <summary>"Nhiệm vụ, giải pháp", "Phương hướng", or a lead-in "… tập trung thực hiện tốt một số nhiệm vụ trọng tâm sau:".</summary>
    Tasks,
    /// <summary>"Tổ chức thực hiện": who does what.</summary>
    Assignments,
    /// <summary>"Nơi nhận", the signature.</summary>
    End,
}

/// <summary>A paragraph with its place in the document: its marker, whether it is a heading, and the section it belongs to.</summary>
public sealed record Block(Paragraph Paragraph, string? Marker, int Level, bool IsHeading, SectionKind Kind, IReadOnlyList<Block> Headings, string Body, int BodyStart)
{
    /// <summary>The nearest heading's text, as printed.</summary>
    public string? Group => Headings.Count == 0 ? null : Headings[^1].Paragraph.Text;
}

/// <summary>Reads the outline: section numbers (I-, 1., 1.1., a), -), headings and the kind of each section.</summary>
public static partial class Structure
{
    [GeneratedRegex(@"^(?<m>[IVXLC]+)\s*[.\-–)]\s*")]
    private static partial Regex Roman();

    [GeneratedRegex(@"^(?<m>\d+(?:\.\d+)*)\s*[.)]?\s+(?=\S)")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^(?<m>[a-zđ])\)\s+")]
    private static partial Regex Lettered();

    [GeneratedRegex(@"^(?<m>[-–•+])\s+")]
    private static partial Regex Bullet();

    public const int BulletLevel = 9;

    [GeneratedRegex(@"^(?<m>[A-ZĐ])\s*[.\-–)]\s+(?=\S)")]
    private static partial Regex Part();

    /// <summary>The level of a part "A. ĐÁNH GIÁ TÌNH HÌNH", "B- MỤC TIÊU": above the roman sections.</summary>
    public const int PartLevel = 0;

    public static (string? Marker, int Level, int BodyStart) MarkerOf(string text)
    {
        Match m;
        // "A. ĐÁNH GIÁ TÌNH HÌNH": a capital letter opening a line in capitals is a part of the document, not a person's initial.
        // C, D, L, M as roman numerals (100, 500, 50, 1000) never number a section; I, V, X do.
        if ((m = Part().Match(text)).Success && text.Length <= 200 && text[m.Length..].Where(char.IsLetter).All(char.IsUpper)
            && m.Groups["m"].Value is not ("I" or "V" or "X"))
            return (m.Groups["m"].Value, PartLevel, m.Length);
        if ((m = Roman().Match(text)).Success && Vietnamese.Roman(m.Groups["m"].Value) is not null && m.Groups["m"].Value.Length <= 5
            && (m.Value.TrimEnd().Length > m.Groups["m"].Length))
            return (m.Groups["m"].Value, 1, m.Length);
        if ((m = Numbered().Match(text)).Success)
        {
            var marker = m.Groups["m"].Value;
            // A year or an amount opening a sentence is not a section number.
            if (marker.Length <= 8 && !Regex.IsMatch(marker, @"^\d{4}$") && !Regex.IsMatch(text, @"^\d+(\.\d+)*\s+(?:%|[\p{Ll}])"))
                return (marker, 1 + marker.Split('.').Length, m.Length);
        }
        if ((m = Lettered().Match(text)).Success) return (m.Groups["m"].Value + ")", 6, m.Length);
        if ((m = Bullet().Match(text)).Success) return (m.Groups["m"].Value, BulletLevel, m.Length);
        return (null, 0, 0);
    }

    private static readonly string[] ResultWords = ["đánh giá", "kết quả", "tình hình", "sơ kết", "tổng kết", "kiểm điểm", "hạn chế", "nguyên nhân", "bối cảnh", "thực trạng"];
    private static readonly string[] TaskWords = ["nhiệm vụ", "giải pháp", "phương hướng", "kiến nghị", "đề xuất"];

    /// <summary>The kind a heading gives its section, or null when it does not say (it then takes its parent's).</summary>
    public static SectionKind? KindOf(string heading)
    {
        var f = Vietnamese.Fold(heading);
        if (Regex.IsMatch(f, @"^(nơi nhận|t/m\b|tm\.|k/t\b|bí thư\b|\(đã ký\)|người ký)")) return SectionKind.End;
        if (f.Contains("tổ chức thực hiện")) return SectionKind.Assignments;
        if (Regex.IsMatch(f, @"mục tiêu (chung|tổng quát)")) return SectionKind.GeneralObjectives;
        var result = First(f, ResultWords);
        var task = First(f, TaskWords);
        var target = First(f, ["mục tiêu", "chỉ tiêu"]);
        if (result >= 0 && (task < 0 || result < task) && (target < 0 || result < target)) return SectionKind.Results;
        if (target >= 0 && (task < 0 || target < task)) return SectionKind.Targets;
        if (task >= 0) return SectionKind.Tasks;
        if (f.Contains("quan điểm")) return SectionKind.Principles;
        // "Mục đích, yêu cầu" of an action programme: how it is to be carried out, neither targets nor tasks.
        if (Regex.IsMatch(f, @"^\W*(?:[ivxlc]+\s*[.\-–)]\s*)?mục đích\b")) return SectionKind.Principles;
        return null;
    }

    /// <summary>"Về thực hiện các mục tiêu, chỉ tiêu", "Việc thực hiện nhiệm vụ", "Kết quả đạt được": a heading about what was done.</summary>
    public static bool ReportsImplementation(string heading) =>
        Regex.IsMatch(Vietnamese.Fold(heading).Trim(), @"^\W*(?:về\s+)?(?:(?:việc|tình hình|kết quả)\s+)?(?:triển khai\s+)?thực hiện\b|\bđã đạt được\b|\bđạt được\b");

    private static int First(string folded, string[] words) =>
        words.Select(w => folded.IndexOf(w, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();

    /// <summary>A sentence that announces tasks: "… tập trung thực hiện tốt một số nhiệm vụ trọng tâm sau:".</summary>
    public static bool AnnouncesTasks(string sentence)
    {
        var f = Vietnamese.Fold(sentence).TrimEnd();
        if (!f.EndsWith(':')) return false;
        return Regex.IsMatch(f, @"(nhiệm vụ|giải pháp|phương hướng|trọng tâm|tập trung)[^:]*:$");
    }

    /// <summary>Whether a paragraph is a heading: printed as one, or a short numbered line that does not end a sentence.</summary>
    public static bool IsHeading(Paragraph p, string? marker, int level, string body)
    {
        var text = p.Text;
        if (KindOf(text) == SectionKind.End && text.Length < 80) return true;
        if (p.Emphasised) return text.Length <= 400;
        // "Định hướng đến năm 2030:", "Giai đoạn đến năm 2025:" printed plain: a short line that opens what follows.
        if (marker is null && text.Length <= 100 && text.TrimEnd().EndsWith(':')
            && Regex.IsMatch(Vietnamese.Fold(text), @"^\W*(giai đoạn|định hướng|tầm nhìn|mục tiêu|chỉ tiêu|đến năm|phấn đấu đến năm|các chỉ tiêu)")) return true;
        if (marker is null || level == BulletLevel) return false;
        if (text.Length > 300) return false;
        var sentences = Sentences.Split(body).Count;
        if (sentences > 1) return false;
        var end = text.TrimEnd()[^1];
        if (end is not ('.' or ';' or ':' or '!' or '?')) return true;
        return Regex.IsMatch(Vietnamese.Fold(body), @"^về\s") && end == '.';
    }

    /// <summary>The document's blocks after its heading, each with its section kind and the headings above it.</summary>
    public static IReadOnlyList<Block> Outline(IReadOnlyList<Paragraph> paragraphs, int from, out int end)
    {
        var blocks = new List<Block>();
        var stack = new List<(int Level, Block? Heading, SectionKind Kind)> { (0, null, SectionKind.Preamble) };
        end = paragraphs.Count;
        for (var i = from; i < paragraphs.Count; i++)
        {
            var p = paragraphs[i];
            var (marker, level, bodyStart) = MarkerOf(p.Text);
            var body = p.Text[bodyStart..];
            var heading = IsHeading(p, marker, level, body);
            var kind = stack[^1].Kind;
            if (heading)
            {
                var headingLevel = marker is null ? (p.Emphasised && KindOf(p.Text) is { } k && k != SectionKind.End ? 1 : 7) : level;
                if (KindOf(p.Text) == SectionKind.End)
                {
                    end = i;
                    break;
                }
                // An unnumbered heading printed inside a numbered section ("Mục tiêu chung", "* Định hướng đến năm 2030:") is below it.
                if (marker is null && KindOf(p.Text) is { } own && own != SectionKind.End)
                    headingLevel = stack.Count > 1 ? stack[^1].Level + 1 : 1;
                while (stack.Count > 1 && stack[^1].Level >= headingLevel) stack.RemoveAt(stack.Count - 1);
                kind = KindOf(body) ?? stack[^1].Kind;
                if (KindOf(body) is null && stack.Count == 1 && marker is not null && level <= 2) kind = SectionKind.Tasks;
                // Inside an assessment, "1. Về thực hiện các mục tiêu, chỉ tiêu", "2. Về thực hiện các nhiệm vụ, giải pháp" report what
                // was done about the objectives and the tasks: the part is still the assessment, its numbers figures, not targets.
                if (stack.Count > 1 && stack[^1].Kind == SectionKind.Results && kind is SectionKind.Targets or SectionKind.GeneralObjectives or SectionKind.Tasks
                    && ReportsImplementation(body))
                    kind = SectionKind.Results;
                var block = new Block(p, marker, headingLevel, true, kind, stack.Where(s => s.Heading is not null).Select(s => s.Heading!).ToList(), body, bodyStart);
                stack.Add((headingLevel, block, kind));
                blocks.Add(block);
                continue;
            }
            // A numbered paragraph that is not a heading closes deeper sections of the same or lower rank.
            if (marker is not null && level < BulletLevel)
                while (stack.Count > 1 && stack[^1].Level >= level && stack[^1].Heading is null) stack.RemoveAt(stack.Count - 1);
            var headings = stack.Where(s => s.Heading is not null).Select(s => s.Heading!).ToList();
            blocks.Add(new Block(p, marker, level, false, kind, headings, body, bodyStart));
            var sentences = Sentences.Split(body);
            if (sentences.Count > 0 && AnnouncesTasks(body.Substring(sentences[^1].Start, sentences[^1].Length)) && kind != SectionKind.Assignments)
            {
                var scopeLevel = marker is not null && level < BulletLevel ? level : stack[^1].Level + 1;
                if (marker is not null && level < BulletLevel) scopeLevel = level;
                stack.Add((scopeLevel, null, SectionKind.Tasks));
            }
        }
        return blocks;
    }
}

/// <summary>Sentences and clauses the way Vietnamese administrative prose punctuates them.</summary>
public static partial class Sentences
{
    private static readonly string[] Abbreviations = ["TP", "Tp", "TX", "TT", "TS", "ThS", "PGS", "GS", "BS", "v.v", "St", "Q", "P"];

    /// <summary>Sentences of <paramref name="text"/> as (start, length), ending after their full stop.</summary>
    public static IReadOnlyList<(int Start, int Length)> Split(string text)
    {
        var result = new List<(int, int)>();
        var start = 0;
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '(') depth++;
            else if (c == ')') depth = Math.Max(0, depth - 1);
            if (depth > 0 || c is not ('.' or '!' or '?' or '…')) continue;
            var j = i + 1;
            while (j < text.Length && text[j] is '.' or '…' or '"' or '”' or '’' or ')') j++;
            if (j >= text.Length) break;
            if (text[j] != ' ') continue;
            var k = j;
            while (k < text.Length && text[k] == ' ') k++;
            if (k >= text.Length) break;
            var next = text[k];
            if (!(char.IsUpper(next) || next is '"' or '“' or '(' or '-' or '–' || char.IsDigit(next) && c != '.')) continue;
            if (c == '.' && i - start > 0)
            {
                var word = Regex.Match(text[Math.Max(0, i - 40)..i], @"[\p{L}.]+$").Value;
                if (Abbreviations.Contains(word) || word.Length == 1 && char.IsUpper(word[0])) continue;
            }
            result.Add((start, j - start));
            start = k;
            i = k - 1;
        }
        if (start < text.Length && text[start..].Trim().Length > 0) result.Add((start, text.Length - start));
        return result;
    }

    /// <summary>Clauses of a sentence split at ';' outside parentheses, as (start, length), without the ';'.</summary>
    public static IReadOnlyList<(int Start, int Length)> Clauses(string sentence)
    {
        var result = new List<(int, int)>();
        var start = 0;
        var depth = 0;
        for (var i = 0; i < sentence.Length; i++)
        {
            if (sentence[i] == '(') depth++;
            else if (sentence[i] == ')') depth = Math.Max(0, depth - 1);
            else if (sentence[i] == ';' && depth == 0)
            {
                result.Add((start, i - start));
                start = i + 1;
            }
        }
        result.Add((start, sentence.Length - start));
        return result.Select(r => Trim(sentence, r)).Where(r => r.Length > 0).ToList();
    }

    public static (int Start, int Length) Trim(string text, (int Start, int Length) range)
    {
        var (s, l) = range;
        while (l > 0 && text[s] is ' ' or ',') { s++; l--; }
        while (l > 0 && text[s + l - 1] is ' ' or ',') l--;
        return (s, l);
    }
}
