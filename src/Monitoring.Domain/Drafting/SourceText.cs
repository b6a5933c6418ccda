using System.Text;
using System.Text.RegularExpressions;

namespace Monitoring.Domain.Drafting;

/// <summary>Where in the text (as received, after Unicode NFC normalisation) an item comes from: offset, length, 1-based line.</summary>
public sealed record SourceSpan(int Start, int Length, int Line);

/// <summary>A footnote of the text: its label ("1"), what it says, and where it is printed.</summary>
public sealed record Footnote(string Label, string Text, SourceSpan Span);

/// <summary>
/// A paragraph as a reader sees it: markup removed (Markdown emphasis and headings, HTML tags), lines broken by the page
/// or the converter joined again, footnote markers lifted out. Every character keeps its offset in the text as received.
/// </summary>
public sealed class Paragraph
{
    internal Paragraph(string text, int[] map, int line, bool emphasised, IReadOnlyList<(int At, string Label)> marks, SourceText source)
    {
        Text = text;
        Map = map;
        Line = line;
        Emphasised = emphasised;
        FootnoteMarks = marks;
        Source = source;
    }

    public string Text { get; }
    internal int[] Map { get; }
    public int Line { get; }
    /// <summary>Printed as a heading: a Markdown heading, or a line bold or italic from end to end.</summary>
    public bool Emphasised { get; }
    /// <summary>Footnote markers (<c>&lt;sup&gt;1&lt;/sup&gt;</c>, ¹, [^1], "(1)" after a word), at their position in <see cref="Text"/>.</summary>
    public IReadOnlyList<(int At, string Label)> FootnoteMarks { get; }
    internal SourceText Source { get; }

    /// <summary>The span in the text as received of <paramref name="length"/> characters of <see cref="Text"/> from <paramref name="start"/>.</summary>
    public SourceSpan SpanOf(int start, int length)
    {
        if (Text.Length == 0) return new SourceSpan(0, 0, Line);
        start = Math.Clamp(start, 0, Text.Length - 1);
        var end = Math.Clamp(start + Math.Max(length, 1), 1, Text.Length) - 1;
        var from = Map[start];
        var to = Map[end] + 1;
        return new SourceSpan(from, to - from, Source.LineOf(from));
    }

    public SourceSpan Span => SpanOf(0, Text.Length);

    public override string ToString() => Text;
}

/// <summary>The text of a resolution read into paragraphs and footnotes (no interpretation yet).</summary>
public sealed partial class SourceText
{
    private readonly int[] _lineStarts;

    private SourceText(string original)
    {
        Original = original;
        var starts = new List<int> { 0 };
        for (var i = 0; i < original.Length; i++)
            if (original[i] == '\n') starts.Add(i + 1);
        _lineStarts = starts.ToArray();
    }

    /// <summary>The text as received, NFC-normalised: spans are offsets into it.</summary>
    public string Original { get; }
    public IReadOnlyList<Paragraph> Paragraphs { get; private set; } = [];
    public IReadOnlyList<Footnote> Footnotes { get; private set; } = [];

    public int LineOf(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    public static string Normalise(string text) => text.Normalize(NormalizationForm.FormC);

    public static SourceText Read(string text)
    {
        var source = new SourceText(Normalise(text));
        source.Split();
        return source;
    }

    private sealed class Line
    {
        public required string Text;
        public required int[] Map;
        public required int Number;
        public required bool Emphasised;
        public required List<(int At, string Label)> Marks;
        public bool FootnoteDefinition;
        public string? FootnoteLabel;
    }

    private void Split()
    {
        var lines = new List<Line>();
        var ruleBefore = new List<bool>();
        var rule = false;
        var number = 0;
        var offset = 0;
        foreach (var rawLine in Original.Split('\n'))
        {
            number++;
            var start = offset;
            offset += rawLine.Length + 1;
            // Two headings printed on one line by a converter ("**I- ĐÁNH GIÁ****1. Kết quả**") are two lines.
            var pieces = new List<(string Text, int Start)>();
            var piece = rawLine;
            var pieceStart = start;
            int cut;
            while ((cut = piece.IndexOf("****", StringComparison.Ordinal)) > 0)
            {
                pieces.Add((piece[..(cut + 2)], pieceStart));
                pieceStart += cut + 2;
                piece = piece[(cut + 2)..];
            }
            pieces.Add((piece, pieceStart));
            foreach (var (pieceText, at) in pieces)
            {
                var line = Clean(pieceText.TrimEnd('\r'), at, number);
                if (line is null || IsRule(line.Text))
                {
                    if (line is not null) rule = true;
                    continue;
                }
                lines.Add(line);
                ruleBefore.Add(rule);
                rule = false;
            }
        }

        // "(1)" after a word is a footnote marker only when a line of the text starts with "(1)" too.
        var inline = lines.SelectMany(l => l.Marks).Select(m => m.Label).Where(l => l.StartsWith('(')).ToHashSet();
        foreach (var line in lines.Where(l => !l.FootnoteDefinition && l.FootnoteLabel is not null && inline.Contains(l.FootnoteLabel)))
        {
            var cut = line.FootnoteLabel!.Length + 1;
            line.Text = line.Text[cut..];
            line.Map = line.Map[cut..];
            line.FootnoteDefinition = true;
        }
        var definitions = lines.Where(l => l.FootnoteDefinition).Select(l => l.FootnoteLabel!).ToHashSet();
        foreach (var line in lines.Where(l => !l.FootnoteDefinition))
            line.Marks.RemoveAll(m => m.Label.StartsWith('(') && !definitions.Contains(m.Label));

        // A text whose lines were broken at a width (a PDF or a fax turned to text) continues sentences on the next line even
        // before a capital; a text of one line per paragraph does not. The width is the usual length of a broken line.
        var broken = lines.Zip(lines.Skip(1)).Where(x => !x.First.FootnoteDefinition && !x.First.Emphasised && !x.Second.Emphasised
                                                         && x.Second.Text.Length > 0 && char.IsLower(x.Second.Text[0]) && !ItemStart().IsMatch(x.Second.Text))
            .Select(x => x.First.Text.Length).Order().ToList();
        var wrapWidth = broken.Count >= 3 ? broken[broken.Count / 2] * 0.8 : double.MaxValue;

        var footnotes = new List<Footnote>();
        var paragraphs = new List<Paragraph>();
        Line? open = null;
        var text = new StringBuilder();
        var map = new List<int>();
        var marks = new List<(int, string)>();
        void Close()
        {
            if (open is null) return;
            paragraphs.Add(new Paragraph(text.ToString(), map.ToArray(), open.Number, open.Emphasised, marks.ToList(), this));
            text.Clear();
            map.Clear();
            marks.Clear();
            open = null;
        }

        Line? last = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.FootnoteDefinition)
            {
                var body = line.Text.Trim();
                var span = new SourceSpan(line.Map[0], line.Map[^1] - line.Map[0] + 1, line.Number);
                footnotes.Add(new Footnote(line.FootnoteLabel!.Trim('(', ')'), body, span));
                continue;
            }
            var joins = open is not null && last is not null && !ruleBefore[i] && !open.Emphasised && !line.Emphasised && Continues(last.Text, line.Text, wrapWidth);
            if (!joins)
            {
                Close();
                open = line;
            }
            else
            {
                text.Append(' ');
                map.Add(last!.Map[^1] + 1 < Original.Length ? last.Map[^1] + 1 : last.Map[^1]);
            }
            foreach (var (at, label) in line.Marks) marks.Add((text.Length + at, label));
            text.Append(line.Text);
            map.AddRange(line.Map);
            last = line;
        }
        Close();
        Paragraphs = paragraphs;
        Footnotes = footnotes;
    }

    private static bool IsRule(string text) => text.Length >= 3 && text.All(c => c is '-' or '_' or '=' or '*' or '─' or '—');

    [GeneratedRegex(@"^([-–•+]\s|\d+(\.\d+)*[.)]\s|\d+(\.\d+)+\s|[IVXLC]+\s*[.\-–)]\s*|[a-zđ]\)\s|\(\d+\)\s)")]
    private static partial Regex ItemStart();

    /// <summary>Whether <paramref name="next"/> continues the sentence <paramref name="previous"/> was printing when the line broke.</summary>
    private static bool Continues(string previous, string next, double wrapWidth)
    {
        if (next.Length == 0 || previous.Length == 0) return false;
        if (ItemStart().IsMatch(next)) return char.IsLower(next[0]) && !next.StartsWith("a)") && !Regex.IsMatch(next, @"^[a-zđ]\)");
        var first = next[0];
        if (char.IsLower(first)) return true;
        var end = previous.TrimEnd()[^1];
        if (end is ',' or ';' or '-' or '–' or '(') return true;
        if (end is '.' or ':' or '!' or '?' or '…' or '"' or '”' or ')' or '»') return false;
        return previous.Length >= wrapWidth;
    }

    [GeneratedRegex(@"^<sup>\s*([^<]{1,4})\s*</sup>", RegexOptions.IgnoreCase)]
    private static partial Regex SupTag();

    [GeneratedRegex(@"^\[\^?(\d{1,3})\]")]
    private static partial Regex BracketMark();

    [GeneratedRegex(@"^\((\d{1,2})\)")]
    private static partial Regex ParenMark();

    private const string Superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /// <summary>One line without its markup, each character with its offset; null for a blank line.</summary>
    private Line? Clean(string raw, int start, int number)
    {
        var trimmed = raw.Trim();
        if (trimmed.Length == 0) return null;
        var markdownHeading = trimmed.StartsWith('#');
        var body = trimmed.TrimStart('#', ' ');
        var bold = body.Length > 4 && body.StartsWith("**") && body.TrimEnd().EndsWith("**");
        var italic = !bold && body.Length > 2 && body.StartsWith('*') && body.EndsWith('*') && body.TrimEnd('*').EndsWith(':');

        var text = new StringBuilder();
        var map = new List<int>();
        var marks = new List<(int, string)>();
        var i = 0;
        // Leading '#' of a Markdown heading.
        while (i < raw.Length && (raw[i] is ' ' or '\t' or '#' || (markdownHeading && raw[i] == '#'))) i++;
        string? definitionLabel = null;
        string? parenLabel = null;
        var atStart = true;
        while (i < raw.Length)
        {
            var c = raw[i];
            var rest = raw.AsSpan(i);
            Match m;
            if (c == '<' && (m = SupTag().Match(raw, i, raw.Length - i)).Success && m.Index == i)
            {
                var label = m.Groups[1].Value.Trim();
                if (atStart) definitionLabel = label;
                else marks.Add((text.Length, label));
                i += m.Length;
                continue;
            }
            if (c == '<')
            {
                var close = raw.IndexOf('>', i);
                if (close > i && close - i < 40 && Regex.IsMatch(raw[(i + 1)..close], @"^/?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?$"))
                {
                    i = close + 1;
                    continue;
                }
            }
            if (c == '[' && (m = BracketMark().Match(raw, i, raw.Length - i)).Success && m.Index == i && (atStart || raw.AsSpan(i).StartsWith("[^")))
            {
                if (atStart) definitionLabel = m.Groups[1].Value;
                else marks.Add((text.Length, m.Groups[1].Value));
                i += m.Length;
                if (atStart && i < raw.Length && raw[i] == ':') i++;
                continue;
            }
            if (Superscripts.Contains(c))
            {
                var j = i;
                var label = new StringBuilder();
                while (j < raw.Length && Superscripts.IndexOf(raw[j]) is var d and >= 0)
                {
                    label.Append((char)('0' + d));
                    j++;
                }
                if (atStart) definitionLabel = label.ToString();
                else marks.Add((text.Length, label.ToString()));
                i = j;
                continue;
            }
            if (c == '(' && (m = ParenMark().Match(raw, i, raw.Length - i)).Success && m.Index == i)
            {
                if (atStart && i + m.Length < raw.Length && raw[i + m.Length] == ' ')
                    parenLabel = m.Value;
                if (!atStart && text.Length > 0 && !char.IsWhiteSpace(text[^1]))
                {
                    marks.Add((text.Length, m.Value));
                    i += m.Length;
                    continue;
                }
            }
            if (c == '\\' && i + 1 < raw.Length && "*_-.#[]()\\`>+!".Contains(raw[i + 1]))
            {
                Append(text, map, raw[i + 1], start + i + 1);
                i += 2;
                atStart = false;
                continue;
            }
            if (c is '*' or '`')
            {
                i++;
                continue;
            }
            if (c == '_' && (i + 1 < raw.Length && raw[i + 1] == '_'))
            {
                i += 2;
                continue;
            }
            var ch = c is '\t' or '\u00A0' or '\u2007' or '\u202F' or '\u200B' ? ' ' : c;
            if (ch == ' ' && (text.Length == 0 || text[^1] == ' '))
            {
                i++;
                continue;
            }
            Append(text, map, ch, start + i);
            if (ch != ' ') atStart = false;
            i++;
        }
        while (text.Length > 0 && text[^1] == ' ')
        {
            text.Length--;
            map.RemoveAt(map.Count - 1);
        }
        if (text.Length == 0) return null;
        var line = new Line
        {
            Text = text.ToString(), Map = map.ToArray(), Number = number, Emphasised = markdownHeading || bold || italic, Marks = marks,
        };
        // "(1) ..." opening a line is a footnote only when its marker also stands after a word somewhere; decided by the caller.
        if (definitionLabel is not null)
        {
            line.FootnoteDefinition = true;
            line.FootnoteLabel = definitionLabel;
        }
        else if (parenLabel is not null) line.FootnoteLabel = parenLabel;
        return line;
    }

    private static void Append(StringBuilder text, List<int> map, char c, int at)
    {
        text.Append(c);
        map.Add(at);
    }
}
