using System.Text.RegularExpressions;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Units;

namespace Monitoring.Domain.Drafting;

/// <summary>
/// Drafts a resolution's import document from its text, offline, by rules of Vietnamese administrative writing: the
/// heading, the quantitative targets (shape, direction, bounds, unit, year, baseline, parent, footnotes), the tasks under
/// their headings with their lead and co-operating units, and the figures the text reports with their stage. Every item
/// carries its span and a confidence; a sentence with numbers no rule could place is listed, never dropped.
/// </summary>
public static partial class ResolutionDrafter
{
    public static ResolutionDraft Draft(string text) => new Run(SourceText.Read(text)).Draft();

    static ResolutionDrafter()
    {
        // The rules use a few hundred patterns through Regex's static methods; with the default cache of 15 each call would parse
        // its pattern again (a long text took seconds more for it).
        if (Regex.CacheSize < 512) Regex.CacheSize = 512;
    }

    /// <summary>A count of units "k/n" the text states ("15/22 xã … đạt chuẩn nông thôn mới"): the total and, for the standard, a baseline.</summary>
    private sealed record KnownCount(string Unit, int Count, int Total, int? Year, string? Standard, string Sentence, int? SinceYear = null, decimal? SinceChange = null);

    private sealed record Clause(Block Block, string Text, int Offset, string Sentence, int SentenceOffset)
    {
        public SourceSpan Span(int start, int length) => Block.Paragraph.SpanOf(Block.BodyStart + Offset + start, length);
        public SourceSpan Whole => Span(0, Text.Length);
    }

    /// <summary>A figure read, waiting for every target to be drafted: what it is about, whether it is a part ("trong đó"), the goal cited beside it.</summary>
    private sealed record PendingFigure(DraftFigure Figure, string Indicator, string About, bool Part, Quantity Quantity, Clause Clause, Quantity? Goal, bool Tentative);

    private sealed partial class Run(SourceText source)
    {
        private readonly List<DraftTarget> _targets = [];
        private readonly List<DraftTask> _tasks = [];
        private readonly List<DraftFigure> _figures = [];
        private readonly List<Unplaced> _unplaced = [];
        private readonly List<string> _reasons = [];
        private readonly List<KnownCount> _counts = [];
        private readonly Dictionary<string, DraftUnit> _units = new(StringComparer.Ordinal);
        private readonly List<PendingFigure> _pendingFigures = [];
        private readonly Dictionary<(int, int), int> _unplacedAt = [];
        private readonly Dictionary<string, StatementFacts> _statementWords = new(StringComparer.Ordinal);
        private readonly Dictionary<Block, List<(string Period, DateOnly? AsOf, int At)>> _periodsOfBlock = new(ReferenceEqualityComparer.Instance);
        private KeyValuePair<(Block, int), string?> _lastIndicator;
        private DraftHeading _heading = null!;
        private string? _goalDocument;

        public ResolutionDraft Draft()
        {
            if (source.Paragraphs.Count == 0)
            {
                _reasons.Add("Văn bản trống: không có đoạn văn nào để đọc. / The text is empty: there is no paragraph to read.");
                var empty = HeadingRules.Read(source, () => null).Heading;
                return new ResolutionDraft(empty, [], [], [], [], [], null, [], _reasons);
            }
            var read = HeadingRules.Read(source, LatestHalfYearEnd);
            _heading = read.Heading;
            var blocks = Structure.Outline(source.Paragraphs, read.BodyStart, out _);
            _goalDocument = GoalDocument(blocks);
            CollectCounts(blocks);

            foreach (var block in blocks.Where(b => !b.IsHeading))
            {
                switch (block.Kind)
                {
                    case SectionKind.Targets or SectionKind.GeneralObjectives:
                        foreach (var clause in ClausesOf(block)) Targets(clause, strict: block.Kind == SectionKind.GeneralObjectives);
                        break;
                    case SectionKind.Tasks or SectionKind.Assignments:
                        TasksOf(block);
                        foreach (var clause in ClausesOf(block)) Targets(clause, strict: true);
                        break;
                    case SectionKind.Results or SectionKind.Preamble:
                        foreach (var clause in ClausesOf(block)) Figures(clause);
                        break;
                    case SectionKind.Principles:
                        foreach (var clause in ClausesOf(block)) UnplacedNumbers(clause, "Phần quan điểm, mục đích, yêu cầu: số không phải chỉ tiêu. / A number in the principles or the purpose, not a target.");
                        break;
                }
            }
            AttachFigures();
            AddReasons();
            var fields = _targets.Select(t => t.Field).Distinct().ToList();
            var reporter = _figures.Count == 0 ? null : ReportingUnit();
            return new ResolutionDraft(_heading, fields, _units.Values.ToList(), _targets, _tasks, _figures, reporter, _unplaced, _reasons);
        }

        private DateOnly? LatestHalfYearEnd()
        {
            var last = source.Paragraphs.Take(HeadingRules.HeadingWindow)
                .Select(p => Regex.Match(p.Text, @"6 tháng (?:đầu|cuối) năm.*?(\d{4})|6 tháng đầu năm (\d{4})")).LastOrDefault(m => m.Success);
            return last is null ? null : new DateOnly(int.Parse(last.Groups[1].Success ? last.Groups[1].Value : last.Groups[2].Value), 6, 30);
        }

        // ---------------------------------------------------------------- reading units of text

        private IEnumerable<Clause> ClausesOf(Block block)
        {
            var body = block.Body;
            foreach (var (s, l) in Sentences.Split(body))
            {
                var sentence = body.Substring(s, l);
                foreach (var (cs, cl) in Sentences.Clauses(sentence))
                    yield return new Clause(block, sentence.Substring(cs, cl), s + cs, sentence, s);
            }
        }

        /// <summary>A k/n count ("15/22 xã") anywhere in the text: the total number of such units, and a baseline for its standard.</summary>
        private void CollectCounts(IReadOnlyList<Block> blocks)
        {
            foreach (var block in blocks.Where(b => !b.IsHeading))
                foreach (var clause in ClausesOf(block))
                    foreach (var q in Quantities.Scan(clause.Text).Where(q => q.Total is not null && Quantities.IsCountUnit(q.Unit)))
                    {
                        // "15/22 xã … (tăng 11 xã so với năm 2015)": how the count moved since an earlier year.
                        var since = Regex.Match(Vietnamese.Fold(clause.Text[q.End..]), @"^[^;]{0,120}?\(?\s*(tăng|giảm)\s+(\d+(?:,\d+)?)\s+" + Regex.Escape(q.Unit) + @"\s+so với năm\s+(\d{4})");
                        _counts.Add(new KnownCount(q.Unit, (int)q.Value!.Value, q.Total!.Value, YearOf(clause.Sentence), Standard(clause.Text[q.End..]),
                            clause.Sentence, since.Success ? int.Parse(since.Groups[3].Value) : null,
                            since.Success ? Quantities.Parse(since.Groups[2].Value) * (since.Groups[1].Value == "giảm" ? -1 : 1) : null));
                    }
        }

        private static readonly Regex StandardPhrase = new(@"(?:đạt chuẩn|đạt tiêu chí|đạt danh hiệu|được công nhận(?: đạt chuẩn)?(?: là)?)\s+(?<s>[^,;.()]+)");

        private static string? Standard(string after)
        {
            var m = StandardPhrase.Match(Vietnamese.Fold(after));
            if (!m.Success || m.Index > 60) return null;
            var words = m.Groups["s"].Value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeWhile(w => w is not ("và" or "trong" or "theo" or "của" or "vào" or "năm" or "đến"));
            return string.Join(' ', words);
        }

        private static int? YearOf(string text)
        {
            var m = Regex.Match(text, @"(?:cuối\s+)?năm\s+(\d{4})\b", RegexOptions.IgnoreCase);
            return m.Success ? int.Parse(m.Groups[1].Value) : null;
        }

        /// <summary>Where the goals of the indicators a report-like text gives are set ("các chỉ tiêu … tại Kết luận số 1492-KL/TU ngày 05/12/2022").</summary>
        private static string? GoalDocument(IReadOnlyList<Block> blocks)
        {
            var reference = new Regex(@"(?:(?:Nghị quyết|Kết luận|Chương trình hành động|Kế hoạch|Quyết định)\s+số\s+\d+[\-/][\p{L}\d\-/]+(?:,?\s+ngày\s+\d{1,2}/\d{1,2}/\d{4})?(?:\s+của\s+[^,;.]{3,80})?|Nghị quyết Đại hội(?: đại biểu)?(?: Đảng bộ tỉnh)?(?: lần thứ [IVXLC]+)?)");
            foreach (var block in blocks)
                foreach (var (s, l) in Sentences.Split(block.Body))
                {
                    var sentence = block.Body.Substring(s, l);
                    var f = Vietnamese.Fold(sentence);
                    if (!f.Contains("chỉ tiêu")) continue;
                    var m = reference.Match(sentence);
                    if (m.Success) return Vietnamese.Squash(m.Value).TrimEnd(',', ' ');
                }
            return null;
        }

        // ---------------------------------------------------------------- targets

        private static readonly string[] FlowVerbs =
        [
            "tạo việc làm", "giải quyết việc làm", "thu hút", "xây dựng", "đào tạo", "hỗ trợ", "trồng mới", "trồng", "phát triển mới", "thành lập mới",
            "thành lập", "kết nạp", "đưa vào sử dụng", "cấp mới", "đưa đi", "vận động", "huy động", "tạo", "giải ngân", "sửa chữa", "làm mới", "nâng cấp",
            "cứng hóa", "bê tông hóa", "di dời", "bố trí", "tuyển sinh", "đón", "xuất khẩu",
        ];

        private static readonly string[] MilestoneVerbs = ["hoàn thành", "hoàn chỉnh", "hoàn tất", "khởi công", "đưa vào vận hành", "đưa vào hoạt động"];

        private static string StripAmbition(string folded) =>
            Regex.Replace(folded, @"^(?:(?:phấn đấu|phần đầu|phân đầu|phấn dấu|tiếp tục|đảm bảo|bảo đảm|cố gắng|(?:trong\s+)?giai đoạn \d{4}\s*[-–]\s*\d{4},?|đến năm \d{4},?|hằng năm,?|hàng năm,?|mỗi năm,?)\s*(?:đến năm \d{4},?\s*)?(?:có\s+)?)+", "");

        /// <summary>The quantitative targets of a clause: one per measured quantity, split where the clause lists several.</summary>
        private void Targets(Clause clause, bool strict)
        {
            var text = clause.Text;
            var (label, labelEnd) = FieldLabel(text);
            var quantities = Quantities.Scan(text);
            var primaries = quantities.Where(q => !q.Example && !(q.InParentheses && !IsGoalParenthesis(q.ParenthesesLead))
                                                  && !Quantities.CountsNarrative(text, q.End - q.Unit.Length) && (q.Unit.Length > 0 || q.All)
                                                  && q.Start >= labelEnd).ToList();
            if (strict) primaries = primaries.Where(q => StrongCue(text, q)).ToList();
            if (primaries.Count == 0)
            {
                if (!strict) NonNumericTarget(clause, label, labelEnd);
                if (!strict || quantities.Any(q => q.Comparator != Comparator.None && q.Unit.Length > 0 && !q.Example))
                    UnplacedNumbers(clause, strict
                        ? "Câu có số trong phần nhiệm vụ nhưng không khớp quy tắc chỉ tiêu nào. / A sentence with numbers among the tasks that matched no target rule."
                        : "Câu có số trong phần mục tiêu nhưng không khớp quy tắc nào (thiếu đơn vị hoặc cách so sánh). / A sentence with numbers among the targets that matched no rule.");
                return;
            }

            // Segments: a clause listing several quantities ("… 30%, … 20%, … 23,5% …") is split at the first comma or "và" between them.
            var segments = new List<(int Start, int End, Quantity Q)>();
            var segmentStart = labelEnd;
            for (var i = 0; i < primaries.Count; i++)
            {
                var q = primaries[i];
                var segmentEnd = text.Length;
                if (i + 1 < primaries.Count)
                {
                    var next = primaries[i + 1];
                    // A unit guessed from the words after a number may run into the next one's comparator ("dưới 1 tui gảm còn 10‰").
                    var between = next.Start > q.End ? text[q.End..next.Start] : "";
                    var cut = FirstSeparator(between);
                    if (cut < 0)
                    {
                        // Two numbers in one phrase: the one with a unit the rules know measures; the other qualifies it.
                        var better = (next.IsPercent || next.UnitKnown) && !(q.IsPercent || q.UnitKnown);
                        primaries.RemoveAt(better ? i : i + 1);
                        i--;
                        continue;
                    }
                    segmentEnd = q.End + cut;
                }
                segments.Add((segmentStart, segmentEnd, q));
                segmentStart = segmentEnd;
            }

            var clauseFolded = Vietnamese.Fold(text);
            var perYearClause = Regex.IsMatch(clauseFolded, @"\b(hằng năm|hàng năm|mỗi năm|từng năm)\b");
            DraftTarget? previous = null;
            foreach (var (start, end, q) in segments)
            {
                var (s, l) = Sentences.Trim(text, (start, end - start));
                var segment = text.Substring(s, l).Trim().TrimStart('-', '–', ' ').TrimEnd('.', ' ', ',', ';');
                segment = Regex.Replace(segment, @"^(và|đồng thời)\s+", "");
                var folded = Vietnamese.Fold(segment);
                var qStart = q.NumberStart - s - (text.Substring(s, l).Length - text.Substring(s, l).TrimStart().Length);
                // "…, trong đó …", "…, riêng hộ nghèo đồng bào dân tộc thiểu số …": a part of the target just before it.
                var child = Regex.IsMatch(folded, @"^(?:trong đó|riêng)\b") && previous is not null;
                // "… đạt trên 60 triệu đồng/người/năm, tăng 1,5 lần so với năm 2020": the change since a year restates the goal before it.
                if (previous is not null && !child && Regex.IsMatch(folded, @"^(?:tăng|giảm|gấp|bằng)\b[^;]*\bso với\b")) continue;
                var target = Shape(clause, segment, folded, Math.Clamp(qStart, 0, segment.Length), q, perYearClause || (child && previous!.Shape == TargetShape.QuantityPerYear));
                if (target is null) continue;
                var segmentAt = text.IndexOf(segment, s, StringComparison.Ordinal);
                var span = segmentAt >= 0 ? clause.Span(segmentAt, segment.Length) : clause.Span(s, l);
                target = target with
                {
                    Code = $"CT-{_targets.Count + 1:00}",
                    Field = label ?? FieldOf(clause.Block),
                    Statement = segment,
                    TargetYear = TargetYear(clause, segment),
                    Footnotes = FootnotesOf(clause),
                    ParentCode = child ? previous!.Code : null,
                    Source = target.Source with { Span = span, Text = segment },
                };
                if (target.Shape == TargetShape.CountMeetingStandard && target.Baseline is { } b && b.Year > target.TargetYear) target = target with { Baseline = null };
                if (child && previous!.Shape != target.Shape && previous.Shape == TargetShape.QuantityPerYear && !target.IsIncrement
                    && Quantities.SameUnit(previous.UnitOfMeasure, target.UnitOfMeasure))
                    target = target with { Shape = TargetShape.QuantityPerYear };
                // "trong đó" opens a part of what precedes it, whatever it counts in ("600 cơ sở lưu trú, trong đó … 40 khách sạn").
                _targets.Add(target);
                BaselineBeside(clause, target, quantities.Where(x => x.InParentheses && x.Start >= start && x.Start < end));
                if (!child) previous = target;
            }
        }

        /// <summary>"Tỷ lệ trường đạt chuẩn quốc gia đạt 55% (năm 2020 đạt 38,6%)": the level of a year before, beside the goal — a figure and the baseline.</summary>
        private void BaselineBeside(Clause clause, DraftTarget target, IEnumerable<Quantity> inParentheses)
        {
            foreach (var q in inParentheses)
            {
                var lead = Regex.Match(Vietnamese.Fold(q.ParenthesesLead ?? ""), @"^(?:đến\s+)?(?:cuối\s+)?năm\s+(?<y>\d{4})\s*(?:(?<e>ước\s+)?(?:đạt|là)|:)?\s*$");
                if (!lead.Success || q.Value is null || !(Quantities.SameUnit(q.Unit, target.UnitOfMeasure) || q.IsPercent && target.UnitOfMeasure.StartsWith('%'))) continue;
                var year = int.Parse(lead.Groups["y"].Value);
                if (year >= target.TargetYear) continue;
                var contentDay = _heading.ContentAsOf.Value ?? (_heading.IssueDate.Source.IsPlaceholder ? null : _heading.IssueDate.Value);
                var stage = lead.Groups["e"].Success ? FigureStage.Estimate : FigureStage.Official;
                _figures.Add(new DraftFigure(target.Code, q.Value.Value, q.ValueText!, stage, $"{year}", Min(new DateOnly(year, 12, 31), contentDay), Vietnamese.Squash(clause.Sentence),
                    new Provenance("figure-beside-goal", 0.8, clause.Span(q.NumberStart, q.End - q.NumberStart), clause.Text[q.NumberStart..q.End])));
                if (target.Baseline is null && year <= _heading.PeriodStartYear.Value)
                {
                    var at = _targets.IndexOf(target);
                    _targets[at] = target with { Baseline = new DraftBaseline(q.Value.Value, q.ValueText!, year, Vietnamese.Squash(clause.Sentence)) };
                }
            }
        }

        private static int FirstSeparator(string between)
        {
            var depth = 0;
            for (var i = 0; i < between.Length; i++)
            {
                if (between[i] == '(') depth++;
                else if (between[i] == ')') depth = Math.Max(0, depth - 1);
                else if (depth == 0 && between[i] == ',') return i;
                else if (depth == 0 && i + 4 <= between.Length && between.Substring(i, 4) == " và ") return i;
            }
            return -1;
        }

        private static bool IsGoalParenthesis(string? lead) => lead is not null && Regex.IsMatch(Vietnamese.Fold(lead), @"^(nq|nghị quyết|kh|kế hoạch|chỉ tiêu|mục tiêu|ct)\b");

        /// <summary>Among tasks a number is a target only with a commitment: "phấn đấu", "ít nhất", "đạt", "trở lên", "dưới", "100%".</summary>
        private static bool StrongCue(string text, Quantity q)
        {
            if (q.Comparator is Comparator.AtLeast or Comparator.AtMost || q.All) return true;
            var before = Vietnamese.Fold(text[..q.Start]);
            return Regex.IsMatch(before, @"(phấn đấu|phần đầu|đạt|chiếm|tăng|giảm)[^,;]{0,60}$") && (q.IsPercent || q.UnitKnown);
        }

        private static (string? Label, int End) FieldLabel(string text)
        {
            var m = Regex.Match(text, @"^\s*(?:[-–•+]\s*)?Về\s+(?<f>[^:]{2,80}):\s*");
            if (!m.Success) return (null, 0);
            var field = m.Groups["f"].Value.Trim();
            field = Regex.Replace(field, @"^(phát triển|lĩnh vực)\s+", "", RegexOptions.IgnoreCase);
            return (Vietnamese.Capitalise(field), m.Length);
        }

        private string FieldOf(Block block)
        {
            // A paragraph opened by "Về X:" gives its field to every clause of it.
            if (FieldLabel(block.Body) is { Label: { } label }) return label;
            foreach (var heading in block.Headings.AsEnumerable().Reverse())
            {
                var f = Vietnamese.Fold(heading.Body);
                if (Regex.IsMatch(f, @"(mục tiêu|chỉ tiêu|giai đoạn|định hướng|nhiệm vụ|giải pháp|tổ chức thực hiện|quan điểm)")) continue;
                var text = Regex.Replace(heading.Body.Trim().TrimStart('*', ' ').TrimEnd(':', '.'), @"^Về\s+", "", RegexOptions.IgnoreCase);
                if (text.Length is > 1 and <= 120) return Vietnamese.Capitalise(Vietnamese.SentenceCase(text));
            }
            return "Chung";
        }

        private int TargetYear(Clause clause, string segment)
        {
            var m = Regex.Match(segment, @"(?:đến|tới|vào|trong|cuối)?\s*năm\s+(\d{4})\b(?!\s*[-–])");
            if (m.Success && !Regex.IsMatch(segment[..m.Index], @"so với\s*$") && int.Parse(m.Groups[1].Value) is var y && y >= _heading.PeriodStartYear.Value)
                return y;
            // "Đến năm 2025 đạt 33 giường …, 11 bác sĩ …; đến năm 2030 đạt 35 giường …, 15 bác sĩ …": the year named last before the segment.
            var at = clause.Text.IndexOf(segment, StringComparison.Ordinal);
            if (at > 0 && Regex.Matches(clause.Text[..at], @"(?:đến|tới|vào)\s+năm\s+(\d{4})\b", RegexOptions.IgnoreCase).LastOrDefault() is { } last)
                return int.Parse(last.Groups[1].Value);
            m = Regex.Match(clause.Sentence, @"(?:Đến|đến|tới|Tới)\s+năm\s+(\d{4})\b");
            if (m.Success) return int.Parse(m.Groups[1].Value);
            foreach (var heading in clause.Block.Headings.AsEnumerable().Reverse())
            {
                var h = Regex.Match(heading.Paragraph.Text, @"(?:đến|tới)\s+năm\s+(\d{4})\b", RegexOptions.IgnoreCase);
                if (h.Success) return int.Parse(h.Groups[1].Value);
            }
            return _heading.PeriodEndYear.Value;
        }

        private IReadOnlyList<string> FootnotesOf(Clause clause)
        {
            var p = clause.Block.Paragraph;
            var from = clause.Block.BodyStart + clause.SentenceOffset;
            var to = from + clause.Sentence.Length;
            var labels = p.FootnoteMarks.Where(m => m.At >= from && m.At <= to).Select(m => m.Label.Trim('(', ')')).ToHashSet();
            return source.Footnotes.Where(f => labels.Contains(f.Label)).Select(f => f.Text).Distinct().ToList();
        }

        /// <summary>The shape of a target from the words around its quantity (DOMAIN.md, "Targets come in shapes").</summary>
        private DraftTarget? Shape(Clause clause, string segment, string folded, int qAt, Quantity q, bool perYear)
        {
            var before = folded[..Math.Min(qAt, folded.Length)];
            var after = folded[Math.Min(qAt, folded.Length)..];
            var subject = StripAmbition(folded);
            var growth = Regex.IsMatch(before, @"(tăng|tăng trưởng|tốc độ|bình quân)");
            var decrease = Regex.IsMatch(before, @"\bgiảm\b") && !Regex.IsMatch(before[Math.Max(0, before.LastIndexOf("giảm", StringComparison.Ordinal))..], @"\btăng\b");
            var multiYear = _heading.PeriodEndYear.Value > _heading.PeriodStartYear.Value;
            var unit = q.Unit;
            // "Số bác sĩ/vạn dân đạt 10 bác sĩ", "số giường bệnh/vạn dân đạt 30 giường": the rate the subject names is the unit.
            unit = PerPopulation(before, q) ?? unit;
            var min = q.Value;
            var max = q.Upper;
            DraftTarget Make(TargetShape shape, string rule, double confidence, decimal? minimum, decimal? maximum, string unitOfMeasure, Direction direction,
                int? total = null, DraftBaseline? baseline = null, bool increment = false) => new()
            {
                Code = "", Field = "", Statement = segment, Shape = shape, Direction = direction, Minimum = minimum, Maximum = maximum,
                MinimumText = minimum is null ? null : minimum == q.Value ? q.ValueText : minimum == q.Upper ? q.UpperText : minimum.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                MaximumText = maximum is null ? null : maximum == q.Upper ? q.UpperText : maximum == q.Value ? q.ValueText : null,
                Total = total, UnitOfMeasure = unitOfMeasure, TargetYear = 0, Baseline = baseline, IsIncrement = increment,
                Source = new Provenance(rule, q.UnitKnown || q.IsPercent ? confidence : Math.Min(confidence, 0.5)),
            };

            // "giảm xuống dưới 1%/năm": a ceiling every year, not a growth.
            if (q.IsRate && q.Comparator == Comparator.AtMost)
                return Make(TargetShape.LevelAtMost, "level-at-most-per-year", 0.8, null, max ?? min, unit, Direction.Decrease);
            // "Hằng năm, giảm 5% số ca mắc mới … so với năm trước": a change of the indicator itself every year; "giảm … ít nhất 10% so với
            // năm 2020": its change over the period.
            if (q.IsShare && q.Comparator is Comparator.None or Comparator.AtLeast
                && Regex.IsMatch(before, @"\b(tăng|giảm)\b[^,;%]{0,80}?(?:bình quân\s*)?(?:ít nhất|tối thiểu|trên|hơn|khoảng)?\s*$") && Regex.IsMatch(after, @"so với\s+(?:năm|cùng kỳ|đầu kỳ|kỳ trước|giai đoạn)")
                && !Regex.IsMatch(before, @"(tỷ lệ|tỷ trọng)[^,;]*\b(tăng|giảm)\b[^,;]*\b(còn|xuống|lên)\b"))
            {
                var yearly = perYear || Regex.IsMatch(after, @"so với (?:năm trước|cùng kỳ)");
                return Make(TargetShape.GrowthRate, yearly ? "change-every-year" : "change-since-a-year", 0.75, min, max, yearly ? "%/năm" : "%",
                    decrease ? Direction.Decrease : Direction.Increase);
            }
            // 1. Growth: "tăng 10 - 12%/năm", "tăng trưởng bình quân 12,6%/năm", "tốc độ tăng … 8%".
            if (q.IsRate || q.IsShare && growth && q.Comparator != Comparator.AtMost && !Regex.IsMatch(before, @"(tỷ lệ|tỷ trọng)[^,]*$") )
            {
                var rateUnit = q.IsRate || Regex.IsMatch(before, @"bình quân|hằng năm|hàng năm|mỗi năm") || perYear ? "%/năm" : "%";
                return Make(TargetShape.GrowthRate, q.IsRate ? "growth-rate-per-year" : "growth-rate", q.IsRate ? 0.95 : 0.75, min, max, rateUnit,
                    decrease ? Direction.Decrease : Direction.Increase);
            }
            // 2. A level to get below: "giảm còn dưới 3,0%", "không quá", "tối đa".
            if (q.Comparator == Comparator.AtMost)
                return Make(TargetShape.LevelAtMost, "level-at-most", 0.9, max is null ? null : min, max ?? min, unit, Direction.Decrease);
            // 3. Every unit: "tất cả các xã đạt chuẩn nông thôn mới".
            if (q.All)
            {
                var standard = Standard(after);
                var known = KnownTotal(q.Unit, standard);
                if (known is { } k && standard is not null)
                    return Make(TargetShape.CountMeetingStandard, "all-units-meet-standard", 0.8, k.Total, null, unit, Direction.Increase, k.Total,
                        Baseline(k, standard)) with { MinimumText = k.Total.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                return Make(TargetShape.LevelAtLeast, "all-units-share", 0.6, 100, null, "%", Direction.Increase) with { MinimumText = "100" };
            }
            // 4. A share: "95% dân cư", "100% các cụm công nghiệp có …", "đạt tối thiểu 25%".
            if (q.IsShare)
                return Make(TargetShape.LevelAtLeast, "share-at-least", q.Comparator == Comparator.AtLeast ? 0.9 : 0.85, min, max, "%",
                    decrease ? Direction.Decrease : Direction.Increase);
            // 5. Every year: "hằng năm, hỗ trợ việc làm cho hơn 6.150 lao động", "32.000 tỷ đồng/năm".
            if (perYear || q.PerYear)
                return Make(TargetShape.QuantityPerYear, "quantity-per-year", 0.85, min, max, unit, Direction.Increase);
            var standardAfter = Standard(after);
            // 6. On top of what there is: "thêm 01 huyện đạt chuẩn nông thôn mới".
            if (q.Increment && Quantities.IsCountUnit(unit))
            {
                var known = KnownTotal(unit, standardAfter);
                if (known is { } k && Baseline(k, standardAfter) is { } b)
                    return Make(TargetShape.CountMeetingStandard, "increment-on-baseline", 0.75, b.Value + min, null, unit, Direction.Increase, k.Total, b)
                        with { MinimumText = (b.Value + min!.Value).ToString(System.Globalization.CultureInfo.InvariantCulture), GoalOverBaseline = min };
                return Make(TargetShape.Cumulative, "increment-without-baseline", 0.6, min, max, unit, Direction.Increase, increment: true);
            }
            // 7. A count of units meeting a standard: "ít nhất 01 xã đạt chuẩn nông thôn mới nâng cao".
            if (Quantities.IsCountUnit(unit) && standardAfter is not null)
            {
                var known = KnownTotal(unit, standardAfter);
                if (known is { } k && k.Total >= min)
                    return Make(TargetShape.CountMeetingStandard, "count-meets-standard", 0.8, min, null, unit, Direction.Increase, k.Total, Baseline(k, standardAfter));
                return Make(TargetShape.LevelAtLeast, "count-meets-standard-no-total", 0.6, min, max, unit, Direction.Increase);
            }
            // 8. A milestone with a count: "hoàn thành thủ tục thành lập … 01 khu công nghệ cao".
            if (MilestoneVerbs.Any(v => subject.StartsWith(v, StringComparison.Ordinal)))
                return Make(TargetShape.Milestone, "milestone-with-count", 0.6, min, null, unit, Direction.Increase) with
                {
                    Steps = [Vietnamese.Capitalise(Regex.Replace(segment, @"^(?:Phấn đấu|Phần đầu|Phân đầu)\s+", "", RegexOptions.IgnoreCase))],
                };
            // 9. A period total: "Tổng vốn đầu tư thu hút đạt trên 160.000 tỷ đồng (bình quân 32.000 tỷ đồng/năm)", "Tạo việc làm mới cho trên 50.000 lao động".
            var total = Regex.IsMatch(before, @"\btổng\b");
            var flow = FlowVerbs.Any(v => subject.StartsWith(v, StringComparison.Ordinal));
            var averageAfter = Regex.IsMatch(after, @"^\S*[^(]{0,40}\(\s*bình quân");
            // "năm 2025 đạt …", "Năm 2025, tổng lượt khách đạt …": the level of one year.
            var level = Regex.IsMatch(before, @"(nâng\b.*\blên|năm \d{4}\s+(?:đạt|là)|\bđạt mức\b|^\W*(?:vào\s+)?năm \d{4}\s*,)");
            // What is counted year by year (revenue, visitors, exports, output) and set with no span ("tổng thu từ khách du lịch đạt 9.000 tỷ
            // đồng", "đón 10 triệu lượt khách") is the level of the target year, like "giá trị sản xuất công nghiệp năm 2025 đạt …".
            var periodCue = averageAfter || Regex.IsMatch(folded, @"(giai đoạn|nhiệm kỳ|\b\d+ năm\b|lũy kế|cộng dồn|tổng cộng)");
            var annualMeasure = Regex.IsMatch(Regex.Replace(subject, @"^(?:vào\s+)?năm \d{4}\s*,?\s*", ""), @"^(?:tổng\s+)?(?:thu\s+(?:từ|ngân sách|nội địa)|doanh thu|(?:số\s+)?lượt khách|kim ngạch|giá trị (?:xuất|nhập|sản xuất)|sản lượng|sản phẩm trên địa bàn|tổng sản phẩm|grdp|đón\b)");
            if (annualMeasure && !periodCue) level = true;
            if ((total || flow || averageAfter) && multiYear && !level)
                return Make(TargetShape.Cumulative, total ? "period-total" : "period-flow", total || averageAfter ? 0.8 : 0.7, min, max, unit, Direction.Increase);
            // 10. A level to reach.
            return Make(TargetShape.LevelAtLeast, q.Comparator == Comparator.AtLeast ? "level-at-least" : "level", q.Comparator == Comparator.AtLeast ? 0.85 : 0.7,
                min, max, unit, Direction.Increase);
        }

        /// <summary>"Số bác sĩ/vạn dân đạt 10 bác sĩ": the rate the words before the number name is its unit.</summary>
        private static string? PerPopulation(string foldedBefore, Quantity q)
        {
            var m = Regex.Match(foldedBefore, @"(?<u>[\p{L}]+(?:\s[\p{L}]+)?)\s*/\s*(?<d>vạn dân|nghìn dân|1\.000 dân|10\.000 dân|100\.000 dân|1\.000 trẻ[\p{L} ]*)");
            return m.Success && !q.IsPercent && (q.Unit.Length == 0 || m.Groups["u"].Value.StartsWith(Vietnamese.Fold(q.Unit).Split(' ')[0], StringComparison.Ordinal))
                ? $"{m.Groups["u"].Value}/{m.Groups["d"].Value.Trim()}" : null;
        }

        private KnownCount? KnownTotal(string unit, string? standard) =>
            _counts.Where(c => Quantities.SameUnit(c.Unit, unit)).OrderByDescending(c => c.Standard == standard).ThenByDescending(c => c.Year ?? 0).FirstOrDefault();

        private DraftBaseline? Baseline(KnownCount count, string? standard)
        {
            if (standard is null || count.Standard != standard || count.Year is not { } year || year > _heading.PeriodStartYear.Value) return null;
            return new DraftBaseline(count.Count, count.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), year, count.Sentence.Trim(),
                count.SinceYear, count.SinceChange);
        }

        /// <summary>Targets with no number: a milestone ("Hoàn thành …") or a comparison ("đạt mức bình quân của Tỉnh", "nằm trong nhóm …").</summary>
        private void NonNumericTarget(Clause clause, string? label, int labelEnd)
        {
            var text = clause.Text[labelEnd..].Trim().TrimEnd('.', ' ');
            if (text.Length < 8) return;
            var folded = StripAmbition(Vietnamese.Fold(text));
            var field = label ?? FieldOf(clause.Block);
            var span = clause.Span(labelEnd, clause.Text.Length - labelEnd);
            // "nằm trong nhóm 10 tỉnh, thành phố dẫn đầu", "thuộc tốp 15 tỉnh": a rank of at most 10, better when smaller.
            var rank = Regex.Match(folded, @"\b(?:nằm trong|thuộc|vào|trong|đứng trong|lọt vào)\s+(?:nhóm|tốp|top)\s+(?<n>\d{1,2})\s+(?:tỉnh|địa phương|đơn vị)");
            if (rank.Success)
            {
                var n = int.Parse(rank.Groups["n"].Value);
                _targets.Add(new DraftTarget
                {
                    Code = $"CT-{_targets.Count + 1:00}", Field = field, Statement = text, Shape = TargetShape.LevelAtMost, Direction = Direction.Decrease,
                    Maximum = n, MaximumText = rank.Groups["n"].Value, UnitOfMeasure = "thứ hạng", TargetYear = TargetYear(clause, text),
                    ReferenceSeries = Vietnamese.Capitalise(text.Length > 300 ? text[..300] : text), Footnotes = FootnotesOf(clause),
                    Source = new Provenance("rank-among-provinces", 0.7, span, text),
                });
                return;
            }
            var reference = Regex.Match(folded, @"(đạt|bằng|cao hơn|vượt)\s+(mức\s+)?(bình quân|trung bình)\s+(của|chung của)\s+[^,;.]+|nằm trong nhóm[^,;.]+|(duy trì|cải thiện|nâng cao)[^,;.]*\b(chỉ số|thứ hạng|vị trí|xếp hạng)[^,;.]*");
            if (reference.Success)
            {
                _targets.Add(new DraftTarget
                {
                    Code = $"CT-{_targets.Count + 1:00}", Field = field, Statement = text, Shape = TargetShape.RelativeToReference,
                    Direction = Regex.IsMatch(reference.Value, @"thứ hạng|xếp hạng|nằm trong nhóm") ? Direction.Decrease : Direction.Increase,
                    UnitOfMeasure = Regex.IsMatch(reference.Value, @"thứ hạng|xếp hạng|nằm trong nhóm") ? "thứ hạng" : "chỉ số",
                    TargetYear = TargetYear(clause, text), ReferenceSeries = Vietnamese.Capitalise(text.Length > 300 ? text[..300] : text),
                    Footnotes = FootnotesOf(clause), Source = new Provenance("relative-to-reference", 0.6, span, text),
                });
                return;
            }
            if (MilestoneVerbs.Any(v => folded.StartsWith(v, StringComparison.Ordinal)))
            {
                var unit = Regex.Match(folded, @"^(?:hoàn thành|hoàn chỉnh|hoàn tất|khởi công|đưa vào vận hành|đưa vào hoạt động)\s+(?:cơ bản\s+)?(?:việc\s+)?(?<u>\p{L}+(?:\s+\p{L}+)?)");
                var milestone = new DraftTarget
                {
                    Code = $"CT-{_targets.Count + 1:00}", Field = field, Statement = text, Shape = TargetShape.Milestone,
                    UnitOfMeasure = unit.Success ? unit.Groups["u"].Value : "mốc", TargetYear = TargetYear(clause, text),
                    Steps = [Vietnamese.Capitalise(text.Length > 1000 ? text[..1000] : text)], Footnotes = FootnotesOf(clause),
                    Source = new Provenance("milestone", 0.6, span, text),
                };
                _targets.Add(milestone);
                // "Hoàn thành … , nhất là 02 cửa khẩu quốc tế theo quy hoạch": the units it singles out must all be done.
                foreach (var q in Quantities.Scan(clause.Text).Where(q => q.Example && q.Value is >= 1 and <= 1000 && Quantities.IsCountUnit(q.Unit)
                                                                         && Regex.IsMatch(Vietnamese.Fold(clause.Text[..q.Start]).TrimEnd(), @"(nhất là|đặc biệt là)$")))
                {
                    var phrase = clause.Text[(clause.Text.LastIndexOf(',', Math.Max(0, q.Start - 1)) + 1)..];
                    var end = phrase.IndexOf(',');
                    phrase = (end < 0 ? phrase : phrase[..end]).Trim().TrimEnd('.');
                    var at = clause.Text.IndexOf(phrase, StringComparison.Ordinal);
                    _targets.Add(new DraftTarget
                    {
                        Code = $"CT-{_targets.Count + 1:00}", Field = field, Statement = phrase, Shape = TargetShape.CountMeetingStandard, Direction = Direction.Increase,
                        Minimum = q.Value, MinimumText = q.ValueText, Total = (int)q.Value!.Value, UnitOfMeasure = q.Unit, TargetYear = milestone.TargetYear,
                        ParentCode = milestone.Code, Footnotes = milestone.Footnotes,
                        Source = new Provenance("milestone-singles-out-units", 0.5, at >= 0 ? clause.Span(at, phrase.Length) : span, phrase),
                    });
                }
            }
        }

        // ---------------------------------------------------------------- figures

        /// <summary>What the text reports ("ước tính đạt 29.240,3 tỷ đồng, tăng 2,65%"), with its stage and period.</summary>
        private void Figures(Clause clause)
        {
            var text = clause.Text;
            var folded = Vietnamese.Fold(text);
            var quantities = Quantities.Scan(text).ToList();
            // "xếp thứ 18/63 tỉnh, thành phố": a rank reported (an ordinal, so not among the quantities).
            foreach (Match r in Regex.Matches(folded, @"\b(?:xếp|đứng|xếp hạng|đứng hạng)\s+(?:thứ|hạng)\s+(?<n>\d{1,3})(?:\s*/\s*\d{1,3})?"))
                quantities.Add(new Quantity
                {
                    Start = r.Index, End = r.Index + r.Length, NumberStart = r.Groups["n"].Index, Value = int.Parse(r.Groups["n"].Value), ValueText = r.Groups["n"].Value,
                    Unit = "thứ hạng", UnitKnown = true, Text = text.Substring(r.Index, r.Length),
                });
            quantities = quantities.OrderBy(q => q.Start).ToList();
            var used = false;
            var leftovers = new List<Quantity>();
            // "Năm 2021, giá trị xuất khẩu nông sản đạt 195 triệu USD; năm 2022 đạt 230 triệu USD": the clauses of a sentence share the indicator.
            var sentenceKey = (clause.Block, clause.SentenceOffset);
            var lastIndicator = _lastIndicator.Key == sentenceKey ? _lastIndicator.Value : null;
            for (var i = 0; i < quantities.Count; i++)
            {
                var q = quantities[i];
                if (q.All || q.Value is null || q.InParentheses) continue;
                var after = folded[q.End..];
                var before = folded[..q.Start];
                // "giảm từ 19,5% năm 2015 xuống còn 15,8% năm 2020": where the indicator started from, beside the figure.
                if (Regex.IsMatch(folded[..q.NumberStart], @"\btừ\s*$") && Regex.IsMatch(after, @"^[^,;]{0,30}?\b(?:xuống|lên)\b")) continue;
                // "… sản phẩm được công nhận đạt chuẩn OCOP từ 3 sao trở lên", "khách sạn được xếp hạng từ 3 sao trở lên": a grade that
                // qualifies the units counted just before it, in the same phrase.
                if (q.Comparator == Comparator.AtLeast && !q.UnitKnown && !q.IsPercent && i > 0 && quantities[i - 1].End <= q.Start
                    && !Regex.IsMatch(text[quantities[i - 1].End..q.Start], @"[,;:]")) continue;
                // A unit the rules do not know ("25 khách sạn") is a figure only if a target counts in it: decided once the targets are drafted.
                var tentative = !(q.UnitKnown || q.IsPercent) && q.Unit.Length > 0;
                if (q.Example || !(q.UnitKnown || q.IsPercent || tentative) || Quantities.CountsNarrative(text, q.End - q.Unit.Length))
                {
                    leftovers.Add(q);
                    continue;
                }
                // "còn 7 xã chưa đạt chuẩn": the units that do not meet the standard are not a figure of the ones that do.
                if (Regex.IsMatch(after, @"^\s*(?:chưa|không)\b"))
                {
                    leftovers.Add(q);
                    continue;
                }
                // "Đến cuối năm 2020, có 15/22 xã …" is a count reported; "tăng 11 xã so với năm 2015" is a change, kept in the note.
                var lastCut = Math.Max(before.LastIndexOf(','), before.LastIndexOf('('));
                var local = before[(lastCut + 1)..];
                if (Regex.IsMatch(after, @"^\s*so với") && !q.IsPercent)
                {
                    leftovers.Add(q);
                    continue;
                }
                // "số bác sĩ/vạn dân đạt 9,8 bác sĩ": counted per population, like the target.
                if (PerPopulation(before[Math.Max(0, LastSeparator(before, before.Length) + 1)..], q) is { } rate)
                {
                    q = q with { Unit = rate, UnitKnown = true };
                    tentative = false;
                }
                var measured = q.Total is not null || q.IsPercent || q.Comparator != Comparator.None || q.Unit == "thứ hạng"
                               || Regex.IsMatch(local, @"(đạt|là|có|được|chiếm|còn|ước|tăng|giảm|thu hút|chấp thuận|cấp|thành lập|giải quyết|tạo|hỗ trợ|kết nạp|xây dựng|hoàn thành|đón|xếp|đứng|thiếu)[^,;]*$")
                               // "42 xã đạt chuẩn nông thôn mới nâng cao", "35% đã qua đào tạo": the verb after the count says what it counts.
                               || Regex.IsMatch(after, @"^\s*(?:đã\s+)?(?:đạt|được|có|hoàn thành|qua)\b");
                if (!measured)
                {
                    leftovers.Add(q);
                    continue;
                }
                var goal = quantities.Skip(i + 1).FirstOrDefault(g => g.InParentheses && g.Start - q.End < 40
                                                                      && (IsGoalParenthesis(g.ParenthesesLead) || GoalBeforeParenthesis(folded, g)));
                var indicator = Indicator(text, q, lastIndicator);
                lastIndicator = indicator;
                _lastIndicator = new(sentenceKey, indicator);
                // "ước", "ước tính", "ước đạt" as words: "nhà nước đạt 85%" says nothing of an estimate.
                var stage = Regex.IsMatch(before, @"\bước\b") ? FigureStage.Estimate
                    : Regex.IsMatch(before, @"sơ bộ") ? FigureStage.Preliminary : FigureStage.Official;
                var period = PeriodOf(clause, q);
                // A figure about a period not over on the day the text speaks (a 2021 - 2023 average on 28/6/2023) can only be an estimate.
                var notOver = stage == FigureStage.Official && period.Stated && period.AsOf is { } day && PeriodEnd(period.Period) is { } periodEnd && periodEnd > day;
                if (notOver) stage = FigureStage.Estimate;
                var span = clause.Span(q.NumberStart, q.End - q.NumberStart);
                var figure = new DraftFigure("", q.Value.Value, q.ValueText!, stage, period.Period, period.AsOf, Vietnamese.Squash(clause.Sentence),
                    new Provenance(notOver ? "figure-period-not-over" : stage switch { FigureStage.Estimate => "figure-estimate", FigureStage.Preliminary => "figure-preliminary", _ => "figure-official" },
                        stage == FigureStage.Official || notOver ? 0.75 : 0.85, span, text[q.NumberStart..q.End]));
                // What the figure is about: the indicator before it, the unit, and the words after it up to the next break ("… đạt 125.000 lượt").
                var phrase = Regex.Match(text[q.End..], @"^[^,;:()]{0,80}").Value;
                var about = $"{indicator} {q.Unit} {phrase}";
                var part = Regex.IsMatch(local, @"trong đó") || Regex.IsMatch(before, @"trong đó\s*,?\s*[^,;]*$") || Regex.IsMatch(Vietnamese.Fold(indicator), @"^trong đó\b");
                _pendingFigures.Add(new PendingFigure(figure, indicator, about, part, q, clause, goal, tentative));
                used = true;
            }
            if (!used) UnplacedNumbers(clause, "Câu có số trong phần đánh giá nhưng không đọc được thành số liệu của một chỉ tiêu. / A sentence with numbers among the results that is not a figure of an indicator.");
            else if (leftovers.Count > 0)
                Unplace(clause, "Số trong phần đánh giá không đọc được thành số liệu của chỉ tiêu nào: " + string.Join("; ", leftovers.Select(l => Vietnamese.Squash(l.Text)))
                                + ". / Numbers among the results that are not figures of an indicator.");
        }

        /// <summary>"thấp hơn mục tiêu Nghị quyết (45%)": the words before the parentheses say they hold the goal.</summary>
        private static bool GoalBeforeParenthesis(string folded, Quantity g)
        {
            var open = folded.LastIndexOf('(', Math.Max(0, g.NumberStart - 1));
            return open > 0 && Regex.IsMatch(folded[..open], @"(?:mục tiêu|chỉ tiêu|kế hoạch)(?:\s+(?:của\s+)?(?:nghị quyết|kết luận|kế hoạch|đại hội|đề ra|năm \d{4}))*\s*$");
        }

        /// <summary>The last ',', ';' or ':' before <paramref name="at"/> that separates words, not the decimal comma of "19,5".</summary>
        private static int LastSeparator(string text, int at)
        {
            for (var i = Math.Min(at, text.Length) - 1; i >= 0; i--)
                if (text[i] is ';' or ':' || text[i] == ',' && !(i > 0 && char.IsDigit(text[i - 1]) && i + 1 < text.Length && char.IsDigit(text[i + 1])))
                    return i;
            return -1;
        }

        private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

        private static string Indicator(string text, Quantity q, string? previous)
        {
            var before = text[..q.Start];
            var cut = LastSeparator(before, before.Length);
            // "…, bình quân 17,53%/năm": the words after the comma only qualify the number; the indicator is before it.
            while (cut > 0 && Regex.IsMatch(Vietnamese.Fold(before[(cut + 1)..]), @"^\s*(?:(?:bình quân|trung bình|đạt|ước đạt|ước tính|ước|khoảng|là|năm \d{4}|chỉ)\s*)*$"))
                cut = LastSeparator(before, cut);
            // "giá trị sản xuất nông, lâm, thủy sản …", "có bằng cấp, chứng chỉ đạt 27%": a comma inside a list of nouns does not end the indicator.
            while (cut > 0 && before[cut] == ',')
            {
                var previousCut = LastSeparator(before, cut);
                var piece = before[(previousCut + 1)..cut];
                var name0 = Regex.Replace(before[(cut + 1)..], @"(?<!\p{L})(?:(?:mới|chỉ|đã)\s+)?(ước tính đạt|ước tính|ước đạt|đạt|là|chiếm)\s*$", "", RegexOptions.IgnoreCase);
                if (Words(piece) <= 2)
                {
                    // ", lâm," is an item of a list: the list goes on back to the piece that opens it ("giá trị sản xuất nông").
                    cut = previousCut;
                    while (cut > 0 && before[cut] == ',' && Words(before[(LastSeparator(before, cut) + 1)..cut]) <= 2) cut = LastSeparator(before, cut);
                    if (cut > 0 && before[cut] == ',') cut = LastSeparator(before, cut);
                    break;
                }
                // "… được thu gom, xử lý đạt 96,5%": two words after the comma continue the phrase before it, unless that phrase holds
                // a number of its own (another figure), a year aside.
                if (Words(name0) <= 2 && (!Regex.IsMatch(piece, @"\d") || Regex.IsMatch(piece, @"^\D*\b(?:19|20)\d{2}\b\D*$"))) cut = previousCut;
                else break;
            }
            // "…, kinh tế biển của tỉnh giữ vai trò quan trọng, đóng góp khoảng 58% GRDP": a predicate alone takes its subject with it.
            if (cut > 0 && Regex.IsMatch(Vietnamese.Fold(before[(cut + 1)..]).Trim(), @"^(?:đóng góp|chiếm|góp phần|đạt|tăng|giảm)\b")
                && !Regex.IsMatch(Vietnamese.Fold(before[(cut + 1)..]).Trim(), @"^(?:tăng|giảm)\s*$"))
                cut = LastSeparator(before, cut);
            var name = before[(cut + 1)..].Trim();
            name = Regex.Replace(name, @"(?<!\p{L})(ước tính đạt|ước tính|ước đạt|ước thực hiện|ước|sơ bộ|đạt được|đạt|là|có|được|chiếm|tăng|giảm|còn|khoảng)\s*$", "", RegexOptions.IgnoreCase).Trim();
            name = Regex.Replace(name, @"(?<!\p{L})(mới|chỉ|đã|vẫn|cũng)\s*$", "", RegexOptions.IgnoreCase).Trim();
            name = Regex.Replace(name, @"^(Đến cuối năm \d{4}|Đến hết năm \d{4}|Đến năm \d{4}|Năm \d{4}|năm \d{4}|đến nay|riêng năm \d{4}|Riêng năm \d{4})\s*,?\s*", "").Trim();
            var growthOnly = Regex.IsMatch(Vietnamese.Fold(before[(cut + 1)..]), @"^\s*(tăng|giảm)\s*$");
            if (growthOnly && previous is not null)
                return (Regex.IsMatch(Vietnamese.Fold(before[(cut + 1)..]), @"giảm") ? "Tốc độ giảm " : "Tốc độ tăng ") + Vietnamese.Fold(previous[..1]) + previous[1..];
            // "năm 2022 đạt 230 triệu USD" after "Năm 2021, giá trị xuất khẩu nông sản đạt 195 triệu USD": the same indicator.
            if (name.Length < 3 && previous is not null && ContentWords(Regex.Match(text[q.End..], @"^[^,;:()]{0,80}").Value).Count < 2) return previous;
            if (name.Length < 3) name = text.Trim();
            return Vietnamese.Capitalise(name);
        }

        /// <summary>
        /// The period a figure is about and whether the text states it: a year right after the number ("15,8% năm 2020"), else the
        /// last period named before it in its clause, its sentence, its paragraph, then its headings; else the document's own period
        /// when the document is about one period; else the day the text speaks (not stated).
        /// </summary>
        private (string Period, DateOnly? AsOf, bool Stated) PeriodOf(Clause clause, Quantity q)
        {
            var contentDay = _heading.ContentAsOf.Value ?? (_heading.IssueDate.Source.IsPlaceholder ? null : _heading.IssueDate.Value);
            (string Period, DateOnly? AsOf, int At) Last(string text)
            {
                var found = Mentions(text);
                return found.Count == 0 ? ("", null, -1) : found.MaxBy(f => f.At);
            }
            List<(string Period, DateOnly? AsOf, int At)> Mentions(string text)
            {
                var found = new List<(string, DateOnly?, int)>();
                // What comes just before a mention, read in a short window (a paragraph may be long).
                string Before(int at) => text[Math.Max(0, at - 30)..at];
                foreach (Match m in Regex.Matches(text, @"6 tháng (đầu|cuối) năm\s+(\d{4})", RegexOptions.IgnoreCase))
                {
                    var y = int.Parse(m.Groups[2].Value);
                    var first = Vietnamese.Fold(m.Groups[1].Value) == "đầu";
                    found.Add(($"{y}-H{(first ? 1 : 2)}", Min(first ? new DateOnly(y, 6, 30) : new DateOnly(y, 12, 31), contentDay), m.Index));
                }
                foreach (Match m in Regex.Matches(text, @"quý\s+(I{1,3}|IV|[1-4])\s+(?:năm\s+)?(\d{4})", RegexOptions.IgnoreCase))
                {
                    var quarter = int.TryParse(m.Groups[1].Value, out var qn) ? qn : Vietnamese.Roman(m.Groups[1].Value) ?? 1;
                    var y = int.Parse(m.Groups[2].Value);
                    found.Add(($"{y}-Q{quarter}", Min(new DateOnly(y, quarter * 3, DateTime.DaysInMonth(y, quarter * 3)), contentDay), m.Index));
                }
                foreach (Match m in Regex.Matches(text, @"(\d{4})\s*[-–]\s*(\d{4})"))
                    if (int.Parse(m.Groups[2].Value) > int.Parse(m.Groups[1].Value) && !Regex.IsMatch(Before(m.Index), @"(?:nhiệm kỳ|khóa|khoá)\s*$", RegexOptions.IgnoreCase))
                        found.Add(($"{m.Groups[1].Value}-{m.Groups[2].Value}", Min(new DateOnly(int.Parse(m.Groups[2].Value), 12, 31), contentDay), m.Index));
                var spans = found.ToDictionary(f => f.Item3, f => f.Item1);
                foreach (Match m in Regex.Matches(text, @"năm\s+(\d{4})\b", RegexOptions.IgnoreCase))
                {
                    // "so với năm 2020", "từ đầu năm 2023" name a point to compare with or start from, not the period a figure is about.
                    if (Regex.IsMatch(Before(m.Index), @"(so với|từ|đầu|giữa)\s*$", RegexOptions.IgnoreCase)) continue;
                    // The year of a half, a quarter or a span already found ("6 tháng đầu năm 2023") is not a period of its own.
                    var inside = false;
                    for (var back = 0; back <= 30 && !inside; back++)
                        inside = spans.TryGetValue(m.Index - back, out var period) && period.Contains(m.Groups[1].Value, StringComparison.Ordinal);
                    if (inside) continue;
                    var y = int.Parse(m.Groups[1].Value);
                    found.Add(($"{y}", Min(new DateOnly(y, 12, 31), contentDay), m.Index));
                }
                return found;
            }
            // "15,8% năm 2020": the year the number is about, printed right after it.
            var right = Regex.Match(clause.Text[q.End..], @"^\s*(?:vào\s+)?(?:cuối\s+)?năm\s+(\d{4})\b", RegexOptions.IgnoreCase);
            if (right.Success)
            {
                var y = int.Parse(right.Groups[1].Value);
                return ($"{y}", Min(new DateOnly(y, 12, 31), contentDay), true);
            }
            var block = clause.Block.Body;
            var sentenceAt = clause.SentenceOffset;
            var near = new[] { clause.Text[..q.End], clause.Sentence[..Math.Min(clause.Sentence.Length, clause.Offset - clause.SentenceOffset + q.End)], "" };
            // The periods a paragraph names, found once per paragraph, in order: the last one before the sentence.
            if (!_periodsOfBlock.TryGetValue(clause.Block, out var ofBlock)) _periodsOfBlock[clause.Block] = ofBlock = Mentions(block).OrderBy(f => f.At).ToList();
            (string Period, DateOnly? AsOf, int At) LastBefore(int at)
            {
                int lo = 0, hi = ofBlock.Count - 1, found = -1;
                while (lo <= hi)
                {
                    var mid = (lo + hi) / 2;
                    if (ofBlock[mid].At < at) { found = mid; lo = mid + 1; }
                    else hi = mid - 1;
                }
                return found < 0 ? ("", null, -1) : ofBlock[found];
            }
            for (var k = 0; k < near.Length; k++)
                if ((k < 2 ? Last(near[k]) : LastBefore(sentenceAt)) is { Period.Length: > 0 } found)
                {
                    // A year the paragraph names, under a heading of a part of that year ("6 tháng đầu năm 2023"): the part.
                    if (k == 2 && Regex.IsMatch(found.Period, @"^\d{4}$"))
                        foreach (var heading in clause.Block.Headings.AsEnumerable().Reverse())
                            if (Last(heading.Paragraph.Text) is { Period.Length: > 0 } part && part.Period.StartsWith(found.Period + "-", StringComparison.Ordinal)
                                && Regex.IsMatch(part.Period, @"-[HQ]\d$"))
                                return (part.Period, part.AsOf, true);
                    return (found.Period, found.AsOf, true);
                }
            foreach (var heading in clause.Block.Headings.AsEnumerable().Reverse())
                if (Last(heading.Paragraph.Text) is { Period.Length: > 0 } found) return (found.Period, found.AsOf, true);
            // A document about one period ("… 6 tháng đầu năm 2023") speaks of it; one that sets goals to a year does not report that year.
            if (!Regex.IsMatch(Vietnamese.Fold(_heading.Title.Value), @"giai đoạn|đến năm|nhiệm kỳ|định hướng|tầm nhìn") && Last(_heading.Title.Value) is { Period.Length: > 0 } titled)
                return (titled.Period, titled.AsOf, true);
            // Nothing says: an assessment speaks of the years completed in the period before the day it is made ("sau 3 năm" on 18/3/2024:
            // 2021 - 2023), or of the present when the period has just begun.
            var day = contentDay ?? new DateOnly(_heading.PeriodStartYear.Value, 12, 31);
            var start = _heading.PeriodStartYear.Value;
            return day.Year - 1 > start ? ($"{start}-{day.Year - 1}", day, false) : day.Year - 1 == start ? ($"{start}", day, false) : ($"{day.Year}", day, false);
        }

        private static DateOnly? Min(DateOnly a, DateOnly? b) => b is { } day && day < a ? day : a;

        /// <summary>The last day of a period written "2023", "2023-H1", "2023-Q2", "2021-2023".</summary>
        private static DateOnly? PeriodEnd(string period)
        {
            Match m;
            if ((m = Regex.Match(period, @"^(\d{4})-H([12])$")).Success) return new DateOnly(int.Parse(m.Groups[1].Value), m.Groups[2].Value == "1" ? 6 : 12, m.Groups[2].Value == "1" ? 30 : 31);
            if ((m = Regex.Match(period, @"^(\d{4})-Q([1-4])$")).Success)
            {
                var y = int.Parse(m.Groups[1].Value);
                var month = int.Parse(m.Groups[2].Value) * 3;
                return new DateOnly(y, month, DateTime.DaysInMonth(y, month));
            }
            if ((m = Regex.Match(period, @"(\d{4})$")).Success) return new DateOnly(int.Parse(m.Groups[1].Value), 12, 31);
            return null;
        }

        /// <summary>
        /// Figures go to the target they measure: the one with the same unit and the most words in common. A figure no target of a
        /// document that sets its own targets measures is listed as unplaced; in a report that sets none (a six-month conclusion) it
        /// names a new indicator whose goal another document sets.
        /// </summary>
        private void AttachFigures()
        {
            var ownTargets = _targets.Any(t => t.IsNumeric);
            // Keyed by the clause's place: a Clause record's hash would read its whole paragraph, for every figure.
            var attached = new Dictionary<(Block, int), DraftTarget>(new PlaceComparer());
            foreach (var pending in _pendingFigures)
            {
                var (figure, indicator, about, part, q, clause, goal, tentative) = pending;
                DraftTarget? target = null;
                var rule = "";
                if (goal is not null)
                {
                    // "mới đạt 32%, thấp hơn mục tiêu Nghị quyết (45%)": a goal the document sets itself as well is that target.
                    target = _targets.FirstOrDefault(t => t.GoalSetBy is null && (Quantities.SameUnit(t.UnitOfMeasure, goal.Unit) || t.UnitOfMeasure.StartsWith('%') && goal.IsPercent)
                                                          && (t.Minimum == goal.Value && t.Maximum == goal.Upper || t.Maximum == goal.Value && t.Minimum is null && goal.Upper is null)
                                                          && StatementWords(t.Statement).Words.Overlaps(ContentWords(about)));
                    if (target is not null) rule = "figure-of-target-the-cited-goal-restates";
                }
                if (goal is not null && target is null)
                {
                    // "đạt 15,4%/năm (NQ 11 - 12%/năm)": the goal the text cites, as a target, with this figure on it.
                    var unit = goal.IsRate || q.IsRate ? "%/năm" : goal.Unit;
                    var shape = goal.IsRate || Regex.IsMatch(Vietnamese.Fold(clause.Text[..q.Start]), @"tăng|tốc độ") && goal.IsPercent ? TargetShape.GrowthRate
                        : goal.Comparator == Comparator.AtMost ? TargetShape.LevelAtMost : TargetShape.LevelAtLeast;
                    var statement = Vietnamese.Squash(clause.Text);
                    target = new DraftTarget
                    {
                        Code = $"CT-{_targets.Count + 1:00}", Field = FieldOf(clause.Block), Statement = statement, Shape = shape,
                        Direction = shape == TargetShape.LevelAtMost ? Direction.Decrease : Direction.Increase,
                        Minimum = shape == TargetShape.LevelAtMost ? null : goal.Value, MinimumText = shape == TargetShape.LevelAtMost ? null : goal.ValueText,
                        Maximum = shape == TargetShape.LevelAtMost ? goal.Value : goal.Upper, MaximumText = shape == TargetShape.LevelAtMost ? goal.ValueText : goal.UpperText,
                        UnitOfMeasure = unit, TargetYear = _heading.PeriodEndYear.Value,
                        GoalSetBy = GoalSetBy(goal, clause),
                        Source = new Provenance("goal-cited-with-figure", 0.75, clause.Span(goal.NumberStart, goal.End - goal.NumberStart), goal.Text),
                    };
                    _targets.Add(target);
                    rule = "figure-of-cited-goal";
                }
                target ??= MatchTarget(about, part, q, clause, figure, attached.GetValueOrDefault((clause.Block, clause.Offset)), out rule);
                if (tentative && (target is null || !Quantities.SameUnit(target.UnitOfMeasure, q.Unit)))
                {
                    Unplace(clause, $"Số {Vietnamese.Squash(q.Text)} không khớp chỉ tiêu nào (đơn vị không có trong chỉ tiêu). / A number in a unit no target counts in.");
                    continue;
                }
                if (target is null && ownTargets)
                {
                    // The document sets its own targets and none measures this: listed for a reader to place, never a target.
                    Unplace(clause, $"Số liệu {Vietnamese.Squash(q.Text)} ({figure.Period}) không khớp chỉ tiêu nào của văn bản (cùng đơn vị và cùng nội dung). / A figure no target of the document measures.");
                    continue;
                }
                if (target is null)
                {
                    var growth = q.IsPercent && Regex.IsMatch(Vietnamese.Fold(indicator), @"^tốc độ|tăng|tăng trưởng");
                    var unit = q.IsRate ? "%/năm" : growth && Regex.IsMatch(Vietnamese.Fold(indicator), "bình quân") ? "%/năm" : q.Unit;
                    // A flow the text reports for a year or part of one (GRDP, investment, revenue, projects approved) is a yearly quantity.
                    var flow = !q.IsPercent && (Regex.IsMatch(q.Unit, @"(đồng|USD)") || Regex.IsMatch(Vietnamese.Fold(indicator), @"^(thu hút|chấp thuận|cấp|tạo|giải quyết|thành lập|kết nạp|đón|xuất khẩu|tổng sản phẩm|tổng vốn|thu ngân sách|kim ngạch|sản lượng)"));
                    var shape = growth || q.IsRate ? TargetShape.GrowthRate : flow ? TargetShape.QuantityPerYear : TargetShape.LevelAtLeast;
                    target = new DraftTarget
                    {
                        Code = $"CT-{_targets.Count + 1:00}", Field = FieldOf(clause.Block), Statement = indicator.Length > 4000 ? indicator[..4000] : indicator,
                        Shape = shape, Direction = Direction.Increase, UnitOfMeasure = unit, TargetYear = _heading.PeriodEndYear.Value,
                        GoalSetBy = _goalDocument ?? "Văn bản đặt chỉ tiêu (chưa xác định: cần ghi rõ)",
                        Source = new Provenance("indicator-of-reported-figure", 0.5, figure.Source.Span, indicator),
                    };
                    _targets.Add(target);
                    rule = "figure-of-new-indicator";
                }
                attached[(clause.Block, clause.Offset)] = target;
                _figures.Add(figure with { TargetCode = target.Code, Source = figure.Source with { Rule = $"{figure.Source.Rule}/{rule}" } });
            }
        }

        /// <summary>Who set a cited goal: "NQ" → the resolution; "Nghị quyết" → the one the title names, when it names one.</summary>
        private string? GoalSetBy(Quantity goal, Clause clause)
        {
            var lead = goal.ParenthesesLead is { } l ? Regex.Match(l, @"^[\p{L}\s]+").Value.Trim() : "";
            if (lead.Length == 0 || lead.Length > 20)
                lead = Regex.Match(Vietnamese.Fold(clause.Text[..goal.Start]), @"(nghị quyết|kết luận|kế hoạch)[^(]*\(\s*$") is { Success: true } m ? Vietnamese.Capitalise(m.Groups[1].Value) : "";
            if (lead.Length == 0) return null;
            var folded = Vietnamese.Fold(lead);
            var cited = Regex.Matches(_heading.Title.Value, @"(?:Nghị quyết|Kết luận)\s+số\s+\d+[\-/][\p{L}\d\-/]+").Select(m => m.Value).Distinct().ToList();
            if (folded.StartsWith("nghị quyết") && cited.Count == 1 && cited[0].StartsWith("Nghị quyết")) return cited[0];
            return ExpandGoalSource(lead);
        }

        private static string ExpandGoalSource(string lead) => Vietnamese.Fold(lead) switch
        {
            "nq" => "Nghị quyết (NQ)", "kh" => "Kế hoạch (KH)", _ => lead,
        };

        /// <summary>Pairs of words that tell two indicators apart however many other words they share ("đúng hạn" / "quá hạn").</summary>
        private static readonly (string A, string B)[] Opposites =
        [
            ("đúng hạn", "quá hạn"), ("đúng hạn", "trễ hạn"), ("trước hạn", "quá hạn"), ("thành thị", "nông thôn"), ("đô thị", "nông thôn"), ("nội địa", "quốc tế"),
            ("trong nước", "nước ngoài"),
        ];

        private DraftTarget? MatchTarget(string about, bool part, Quantity q, Clause clause, DraftFigure figure, DraftTarget? previous, out string rule)
        {
            rule = "";
            var words = ContentWords(about);
            // The words right around the figure (not a whole clause an indicator may fall back to) say which side of a pair it is on.
            var nearStart = LastSeparator(clause.Text, q.Start) + 1;
            var foldedAbout = Vietnamese.Fold(clause.Text[nearStart..q.End] + Regex.Match(clause.Text[q.End..], @"^[^,;:()]{0,80}").Value);
            var figureEnd = PeriodEnd(figure.Period)?.Year;
            bool Compatible(DraftTarget t) => Quantities.SameUnit(t.UnitOfMeasure, q.Unit) || q.IsPercent && t.UnitOfMeasure.StartsWith('%');
            // The opposite qualifiers the figure's words hold, found once.
            var sides = Opposites.Where(o => foldedAbout.Contains(o.A) != foldedAbout.Contains(o.B)).Select(o => foldedAbout.Contains(o.A) ? (Has: o.A, Not: o.B) : (Has: o.B, Not: o.A)).ToList();
            bool Opposed(DraftTarget t)
            {
                if (sides.Count == 0) return false;
                var statement = StatementWords(t.Statement).Folded;
                return sides.Any(side => statement.Contains(side.Not) && !statement.Contains(side.Has));
            }
            // A target of its own span ("trong giai đoạn 2024 - 2025") is not measured by a figure of the years before it.
            bool Before(DraftTarget t) => StatementWords(t.Statement).SpanStart is { } spanStart && figureEnd is { } end && end < spanStart;
            // A change ("giảm 3,02%", "tăng bình quân 12,5%/năm") measures a growth target; a level ("còn 8,87%", "đạt 96,5%") a level target.
            var change = q.IsRate || q.IsPercent && Regex.IsMatch(Vietnamese.Fold(clause.Text[..q.Start]), @"\b(tăng|giảm|tăng trưởng|tốc độ tăng)(?:\s+bình quân)?\s*$");
            bool Kind(DraftTarget t) => !q.IsPercent || (t.Shape == TargetShape.GrowthRate) == change;
            // "100% khu công nghiệp … có hệ thống xử lý nước thải": the units a share counts, right after it, are the target's units.
            var counted = q.IsPercent ? Regex.Match(Vietnamese.Fold(clause.Text[q.End..]), @"^\s*(?:các\s+|số\s+)?(?<a>\p{L}+)\s+(?<b>\p{L}+)") : Match.Empty;
            var countedPair = counted.Success && !Regex.IsMatch(counted.Groups["a"].Value, @"^(đã|được|có|đạt|là|và|so|trở|theo|của|trên|dưới|tổng|giá|gdp|grdp|năm)$")
                ? $"{counted.Groups["a"].Value} {counted.Groups["b"].Value}" : null;
            bool Counts(DraftTarget t) => countedPair is null || StatementWords(t.Statement).Folded.Contains(countedPair, StringComparison.Ordinal);
            var pairs = WordPairs(about);
            var candidates = _targets.Where(t => t.GoalSetBy is null)
                .Where(t => Compatible(t) && !Opposed(t) && !Before(t) && Kind(t) && Counts(t))
                .Select(t => (t, overlap: StatementWords(t.Statement).Words.Count(words.Contains), pairs: StatementWords(t.Statement).Pairs.Count(pairs.Contains))).ToList();
            // "… 4,35 triệu lượt khách, trong đó khách quốc tế đạt 125.000 lượt": a part goes to a sub-target, of the parent just reported.
            int Fit(DraftTarget t) => (part ? t.ParentCode is not null && (previous is null || t.ParentCode == previous.Code) : t.ParentCode is null) ? 1 : 0;
            if (Quantities.IsCountUnit(q.Unit) && Standard(clause.Text[q.End..]) is { } standard)
            {
                // "42 xã đạt chuẩn nông thôn mới nâng cao": the count of the target of the same standard.
                var count = candidates.Where(c => StandardOfTarget(c.t) == standard).OrderByDescending(c => Fit(c.t)).ThenByDescending(c => c.overlap).FirstOrDefault();
                if (count.t is not null)
                {
                    rule = "count-of-target-units";
                    return count.t;
                }
            }
            var best = candidates.OrderByDescending(c => c.pairs + Fit(c.t)).ThenByDescending(c => c.overlap).ThenBy(c => c.t.TargetYear).FirstOrDefault();
            if (best.t is null) return null;
            // The only target of its unit, among those of its kind (a part or not), needs one word in common — not a share: being the only
            // share in a text says nothing of what it is a share of.
            var sameUnit = candidates.Count(c => Quantities.SameUnit(c.t.UnitOfMeasure, best.t.UnitOfMeasure) && Fit(c.t) == Fit(best.t));
            // Vietnamese words are mostly two syllables: two words in common ("hồ sơ" alone is not enough), or one with the only target in that unit.
            if (best.pairs >= 2 && best.overlap >= 2 || best.pairs >= 1 && sameUnit == 1 && best.t.UnitOfMeasure != "%")
            {
                rule = "same-unit-and-words";
                return best.t;
            }
            return null;
        }

        /// <summary>The standard the units of a target meet: "ít nhất 80 xã đạt chuẩn nông thôn mới nâng cao" → "nông thôn mới nâng cao".</summary>
        private static string? StandardOfTarget(DraftTarget t)
        {
            var folded = Vietnamese.Fold(t.Statement);
            var unit = Vietnamese.Fold(t.UnitOfMeasure);
            var at = folded.IndexOf(unit, StringComparison.Ordinal);
            return at < 0 ? null : Standard(folded[(at + unit.Length)..]);
        }

        private static readonly HashSet<string> Function =
        [
            "của", "và", "các", "những", "trên", "trong", "đạt", "là", "có", "được", "cho", "với", "theo", "tại", "từ", "đến", "năm", "giai", "đoạn", "bình",
            "quân", "tỉnh", "toàn", "tăng", "giảm", "mức", "tổng", "số", "tỷ", "lệ", "trọng", "phấn", "đấu", "về",
        ];

        /// <summary>The words and word pairs of a target's statement, read once.</summary>
        private StatementFacts StatementWords(string statement)
        {
            if (!_statementWords.TryGetValue(statement, out var facts))
            {
                var span = Regex.Match(statement, @"(\d{4})\s*[-–]\s*(\d{4})");
                _statementWords[statement] = facts = new StatementFacts(Vietnamese.Fold(statement), ContentWords(statement), WordPairs(statement),
                    span.Success ? int.Parse(span.Groups[1].Value) : null);
            }
            return facts;
        }

        /// <summary>What matching reads of a target's statement, once: folded, its words and word pairs, the first year of a span it names.</summary>
        private sealed record StatementFacts(string Folded, HashSet<string> Words, HashSet<string> Pairs, int? SpanStart);

        /// <summary>A clause's place: its block by reference, its offset.</summary>
        private sealed class PlaceComparer : IEqualityComparer<(Block Block, int Offset)>
        {
            public bool Equals((Block Block, int Offset) x, (Block Block, int Offset) y) => ReferenceEquals(x.Block, y.Block) && x.Offset == y.Offset;
            public int GetHashCode((Block Block, int Offset) place) => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(place.Block), place.Offset);
        }

        /// <summary>Words that join others and name nothing by themselves ("tỷ lệ", "của", "đạt"): no pair with them tells indicators apart.</summary>
        private static readonly HashSet<string> Glue =
        [
            "của", "và", "các", "những", "trên", "trong", "đạt", "là", "có", "được", "cho", "với", "theo", "tại", "từ", "đến", "năm", "tỉnh", "toàn",
            "mức", "tỷ", "lệ", "về", "đó", "còn",
        ];

        /// <summary>Words that bound or hedge a number ("khoảng 58%", "đạt trên 90%"): left out, so that "đóng góp khoảng 60% GRDP" pairs as "đóng góp GRDP".</summary>
        private static readonly HashSet<string> Hedges = ["khoảng", "gần", "trên", "dưới", "hơn", "đạt", "chiếm", "là", "ít", "nhất", "tối", "thiểu", "xấp", "xỉ", "ước", "tính"];

        /// <summary>Pairs of syllables in a row, the usual shape of a Vietnamese word ("bảo hiểm", "y tế"), leaving out pairs of function words.</summary>
        private static HashSet<string> WordPairs(string text)
        {
            var syllables = Regex.Split(Vietnamese.Fold(text), @"[^\p{L}]+").Where(w => w.Length > 0 && !Hedges.Contains(w)).ToList();
            var pairs = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < syllables.Count; i++)
                if (!Glue.Contains(syllables[i]) && !Glue.Contains(syllables[i + 1])) pairs.Add($"{syllables[i]} {syllables[i + 1]}");
            return pairs;
        }

        private static HashSet<string> ContentWords(string text) =>
            Regex.Split(Vietnamese.Fold(text), @"[^\p{L}]+").Where(w => w.Length > 1 && !Function.Contains(w)).ToHashSet();

        // ---------------------------------------------------------------- tasks

        private void TasksOf(Block block)
        {
            var body = block.Body;
            var sentences = Sentences.Split(body);
            var group = GroupOf(block);
            foreach (var (s, l) in sentences)
            {
                var sentence = body.Substring(s, l).Trim();
                if (sentence.Length < 8 || sentence.TrimEnd().EndsWith(':')) continue;
                if (Regex.IsMatch(Vietnamese.Fold(sentence), @"^(lưu ý|ghi chú)\s*:?$")) continue;
                // "Nghị quyết này được phổ biến đến các chi bộ đảng./." and like closing formulas are not tasks.
                if (Regex.IsMatch(Vietnamese.Fold(sentence), @"^(nghị quyết|kết luận|chương trình) này (được )?(phổ biến|có hiệu lực)")) continue;
                var statement = Regex.Replace(sentence, @"\s*\./\.\s*$", ".");
                var (lead, cooperating, rule, confidence) = UnitNames.Assignment(statement);
                var span = block.Paragraph.SpanOf(block.BodyStart + s, l);
                var code = block.Kind == SectionKind.Assignments ? $"TC-{_tasks.Count(t => t.Code.StartsWith("TC-")) + 1:00}" : $"NV-{_tasks.Count(t => t.Code.StartsWith("NV-")) + 1:00}";
                var leadCode = lead is null ? null : Unit(lead, span);
                var coop = cooperating.Select(c => Unit(c, span)).Where(c => c != leadCode).Distinct().ToList();
                var deadline = Deadline(statement, block);
                _tasks.Add(new DraftTask(code, group, statement.Length > 4000 ? statement[..4000] : statement, leadCode, coop, deadline,
                    new Provenance(lead is null ? "task-sentence" : $"task-sentence/{rule}", lead is null ? 0.8 : Math.Min(0.85, confidence), span, statement)));
            }
        }

        private static string GroupOf(Block block)
        {
            var heading = block.Headings.LastOrDefault();
            if (heading is null) return "Nhiệm vụ";
            var text = Vietnamese.Squash(heading.Paragraph.Text).TrimEnd(':');
            return text.Length > 500 ? text[..500] : text;
        }

        private DateOnly? Deadline(string sentence, Block block)
        {
            Match m;
            if ((m = Regex.Match(sentence, @"(?:trước|chậm nhất|trong|đến|hoàn thành trong)\s+ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", RegexOptions.IgnoreCase)).Success
                && Safe(int.Parse(m.Groups[3].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[1].Value)) is { } d1)
                return d1;
            if ((m = Regex.Match(sentence, @"(?<before>trước|trong|đến hết|đến cuối|chậm nhất)\s+tháng\s+(\d{1,2})\s*(?:/|năm)\s*(\d{4})", RegexOptions.IgnoreCase)).Success)
            {
                var y = int.Parse(m.Groups[2].Value);
                var mo = int.Parse(m.Groups[1].Value);
                // "trước tháng 12/2023": before December begins, so by the end of November.
                if (Vietnamese.Fold(m.Groups["before"].Value) == "trước" && mo is >= 1 and <= 12)
                    return mo == 1 ? new DateOnly(y - 1, 12, 31) : new DateOnly(y, mo - 1, DateTime.DaysInMonth(y, mo - 1));
                if (mo is >= 1 and <= 12) return new DateOnly(y, mo, DateTime.DaysInMonth(y, mo));
            }
            if ((m = Regex.Match(sentence, @"(?<before>trước|trong|đến hết|đến cuối|hoàn thành trong)\s+quý\s+(I{1,3}|IV|[1-4])(?:\s+năm|\s*/)?\s+(\d{4})", RegexOptions.IgnoreCase)).Success)
            {
                var quarter = int.TryParse(m.Groups[1].Value, out var qn) ? qn : Vietnamese.Roman(m.Groups[1].Value) ?? 4;
                var y = int.Parse(m.Groups[2].Value);
                // "trước quý II năm 2023": before the quarter begins.
                if (Vietnamese.Fold(m.Groups["before"].Value) == "trước")
                    return quarter == 1 ? new DateOnly(y - 1, 12, 31) : new DateOnly(y, (quarter - 1) * 3, DateTime.DaysInMonth(y, (quarter - 1) * 3));
                return new DateOnly(y, quarter * 3, DateTime.DaysInMonth(y, quarter * 3));
            }
            // "hoàn thành trước năm 2024": before 2024 begins.
            if ((m = Regex.Match(sentence, @"\btrước\s+năm\s+(\d{4})", RegexOptions.IgnoreCase)).Success)
                return new DateOnly(int.Parse(m.Groups[1].Value) - 1, 12, 31);
            if ((m = Regex.Match(sentence, @"(?:trong|đến hết|đến cuối|hoàn thành)\s+(?:trong\s+)?năm\s+(\d{4})", RegexOptions.IgnoreCase)).Success)
                return new DateOnly(int.Parse(m.Groups[1].Value), 12, 31);
            // "đến năm 2025 hoàn thành đường ven biển": the year the work is to be done by.
            if ((m = Regex.Match(sentence, @"\bđến năm\s+(\d{4}),?\s+(?:phải\s+)?(?:cơ bản\s+)?(?:hoàn thành|hoàn tất|xong|đưa vào)", RegexOptions.IgnoreCase)).Success)
                return new DateOnly(int.Parse(m.Groups[1].Value), 12, 31);
            foreach (var heading in block.Headings.AsEnumerable().Reverse())
            {
                var h = Regex.Match(heading.Paragraph.Text, @"6 tháng cuối năm\s+(\d{4})", RegexOptions.IgnoreCase);
                if (h.Success) return new DateOnly(int.Parse(h.Groups[1].Value), 12, 31);
            }
            return null;
        }

        private static DateOnly? Safe(int y, int m, int d) => m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m) ? new DateOnly(y, m, d) : null;

        private string Unit(UnitMention mention, SourceSpan span)
        {
            var key = UnitNames.Key(mention.Name);
            var existing = _units.Values.FirstOrDefault(u => UnitNames.Key(u.Name) == key);
            if (existing is not null) return existing.Code;
            var code = UnitNames.Code(mention.Name, _heading.Province.Value);
            var unique = code;
            for (var i = 2; _units.ContainsKey(unique); i++) unique = $"{code[..Math.Min(code.Length, 46)]}-{i}";
            _units[unique] = new DraftUnit(unique, UnitNames.Display(mention.Name), mention.Kind, new Provenance("unit-named", 0.8, span, mention.Name));
            return unique;
        }

        private string ReportingUnit()
        {
            var board = _units.Values.FirstOrDefault(u => u.Kind == UnitKind.ProvincialPeoplesCommitteeParty);
            if (board is not null) return board.Code;
            // The text names no reporting unit: the people's committee's party board, as the documents' figures are its figures.
            var code = UnitNames.Code("Ban cán sự đảng Ủy ban nhân dân tỉnh", _heading.Province.Value);
            _units[code] = new DraftUnit(code, "Ban cán sự đảng Ủy ban nhân dân tỉnh", UnitKind.ProvincialPeoplesCommitteeParty,
                Provenance.Placeholder("reporting-unit-not-named"));
            return code;
        }

        // ---------------------------------------------------------------- what could not be placed

        private void UnplacedNumbers(Clause clause, string reason)
        {
            var free = Quantities.FreeNumbers(clause.Text);
            if (free.Count == 0) return;
            Unplace(clause, reason);
        }

        /// <summary>A clause listed as unplaced, once, with every reason found for it.</summary>
        private void Unplace(Clause clause, string reason)
        {
            var span = clause.Whole;
            if (!_unplacedAt.TryGetValue((span.Start, span.Length), out var at))
            {
                _unplacedAt[(span.Start, span.Length)] = _unplaced.Count;
                _unplaced.Add(new Unplaced(Vietnamese.Squash(clause.Text), span, reason));
            }
            else if (!_unplaced[at].Reason.Contains(reason, StringComparison.Ordinal)) _unplaced[at] = _unplaced[at] with { Reason = $"{_unplaced[at].Reason} {reason}" };
        }

        private void AddReasons()
        {
            var h = _heading;
            void Gap<T>(Drafted<T> value, string field, string why)
            {
                if (value.Source.IsPlaceholder) _reasons.Add($"{field}: {why}");
            }
            Gap(h.Number, "resolution.number", "văn bản không in số hiệu; đã đặt mã tạm, cần sửa trước khi nhập. / The text prints no number; a placeholder is set.");
            Gap(h.IssueDate, "resolution.issueDate", "văn bản không in ngày ban hành; đã đặt ngày tạm. / The text prints no date; a placeholder is set.");
            Gap(h.PeriodStartYear, "resolution.periodStartYear", "văn bản không nêu giai đoạn. / The text gives no period.");
            Gap(h.Kind, "resolution.kind", "không thấy chữ NGHỊ QUYẾT / KẾT LUẬN / CHƯƠNG TRÌNH HÀNH ĐỘNG ở đầu văn bản. / The kind is not printed at the top.");
            Gap(h.Title, "resolution.title", "không thấy tiêu đề. / No title found.");
            Gap(h.IssuingBody, "resolution.issuingBody", "văn bản không nêu cơ quan ban hành. / The text names no issuing body.");
            if (_targets.Count(t => t.IsNumeric) == 0)
                _reasons.Add("targets: không tìm thấy chỉ tiêu định lượng nào (câu có số kèm đơn vị và mức cam kết trong phần mục tiêu/chỉ tiêu). / No quantitative target found.");
            if (_tasks.Count == 0)
                _reasons.Add("tasks: không tìm thấy phần nhiệm vụ, giải pháp hay tổ chức thực hiện. / No task section found.");
            foreach (var t in _targets.Where(t => t.IsIncrement))
                _reasons.Add($"targets[{t.Code}]: \"thêm\" cộng vào mức hiện có nhưng văn bản không cho mức nền; đã nhập dạng Cumulative (số tăng thêm), nếu biết mức nền hãy đổi sang CountMeetingStandard. / An increment without a baseline, drafted as a period total.");
            foreach (var t in _targets.Where(t => t.GoalSetBy is not null && !t.IsNumeric))
                _reasons.Add($"targets[{t.Code}]: chỉ tiêu do văn bản khác đặt ({t.GoalSetBy}); cần bổ sung mức chỉ tiêu bằng điều chỉnh. / A goal set by another document.");
        }
    }
}
