using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monitoring.Api.Resolutions.Drafts;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Domain.Common;
using Monitoring.Domain.Drafting;
using Xunit.Abstractions;

namespace Monitoring.Api.Tests.Resolutions;

/// <summary>
/// The drafts of the five seed texts against the hand-made <c>seeds/*.json</c>: recall and precision of the numeric
/// targets (goal ≥ 95 % recall with ≥ 90 % precision), of the tasks and of the reported figures, per document and
/// overall, printed and written to <c>TestResults/drafting-report.md</c>.
///
/// Matching, one to one, greedily in the seed's order:
/// <list type="bullet">
/// <item>A <b>numeric target</b> is a target with a <c>minimum</c> or a <c>maximum</c>. Two match when their bounds are the
/// same numbers (read the Vietnamese way: "6.150" = 6150, "01" = 1, "3,0" = 3), their target year is the same, their units
/// are the same after lower-casing and squeezing spaces ("% / năm" = "%/năm"; one unit may be the other with words added:
/// "cửa khẩu" = "cửa khẩu quốc tế"), and their shape is the same — except where the hand-made file reads something the
/// text does not print: "thêm 01 huyện" is <c>CountMeetingStandard</c> with the baseline the secretariat knows (minimum
/// = baseline + 1) in the seed, and the increment (a period total of 1) in a draft that has no baseline: they match when the
/// draft's minimum is what the seed adds to its baseline (goalOverBaseline, or its minimum less its baseline); "tất cả các xã" with no known total is a share of 100 % in a
/// draft and a count of all n in a seed: they match too.</item>
/// <item>A <b>task</b> matches when its statement is the same after squeezing whitespace, dropping Markdown emphasis,
/// unifying quotes and ignoring a final full stop. The hand-made files split sentences into tasks differently from one file
/// to another, so a second figure counts a seed task <i>covered</i> when its statement is inside one drafted task or is
/// made of drafted tasks (each inside it).</item>
/// <item>A <b>figure</b> matches when its value and its stage are the same; it is <i>on its target</i> when, besides, the
/// target it is drafted for is the one matched with the target the hand-made file gives it.</item>
/// </list>
///
/// The same measure runs over <b>unseen texts</b> (<c>DraftingHoldout/*.txt</c>: five resolutions of other provinces and
/// topics the rules were not written from), against expectations written by hand from each text's meaning before the drafter
/// was run on them (<c>DraftingHoldout/*.json</c>, the import format plus <c>unplaced</c>: fragments of the assessment that
/// measure no target and must be listed, not drafted). For those it also reports the sub-targets' parents, the figures
/// placed on their target, the fragments listed as unplaced, the heading, the lead units and the deadlines of tasks.
/// </summary>
public class DraftingMeasurementTests(ITestOutputHelper output)
{
    private static readonly string Seeds = Path.Combine(SolutionPaths.Root, "seeds");
    public static readonly string Holdout = Path.Combine(SolutionPaths.Root, "tests", "Monitoring.Api.Tests", "Resolutions", "DraftingHoldout");

    public sealed record Score(int Expected, int Drafted, int Matched)
    {
        public double Recall => Expected == 0 ? 1 : (double)Matched / Expected;
        public double Precision => Drafted == 0 ? (Expected == 0 ? 1 : 0) : (double)Matched / Drafted;
        public static Score operator +(Score a, Score b) => new(a.Expected + b.Expected, a.Drafted + b.Drafted, a.Matched + b.Matched);
        public override string ToString() => $"{Matched}/{Expected} recall {Recall:P1}, {Matched}/{Drafted} precision {Precision:P1}";
        public static readonly Score Zero = new(0, 0, 0);
    }

    public sealed record DocumentScore(string Document, Score Targets, Score Tasks, Score TasksCovered, Score Figures, IReadOnlyList<string> Missed,
        IReadOnlyList<string> Extra)
    {
        public Score Parents { get; init; } = Score.Zero;
        public Score FiguresPlaced { get; init; } = Score.Zero;
        public Score Unplaced { get; init; } = Score.Zero;
        public Score Heading { get; init; } = Score.Zero;
        public Score Leads { get; init; } = Score.Zero;
        public Score Deadlines { get; init; } = Score.Zero;
        public Score NonNumeric { get; init; } = Score.Zero;
        /// <summary>Which batch of unseen texts: 1 written before the rules were changed for them, 2 and 3 each written after the rules the batch before asked for.</summary>
        public int Batch { get; init; }
        public IReadOnlyList<string> Notes { get; init; } = [];
    }

    public static IEnumerable<(string Seed, string Source)> Documents() =>
        Directory.GetFiles(Seeds, "*.json").Where(f => !f.EndsWith(".schema.json")).OrderBy(f => f)
            .Select(f => (f, Path.Combine(Seeds, "sources", JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("source").GetProperty("document").GetString()!)));

    /// <summary>The unseen texts and their hand-made expectations.</summary>
    public static IEnumerable<(string Expected, string Source)> UnseenDocuments() =>
        Directory.GetFiles(Holdout, "*.json").OrderBy(f => f)
            .Select(f => (f, Path.Combine(Holdout, JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("source").GetProperty("document").GetString()!)));

    public static DocumentScore Measure(string seedFile, string sourceFile)
    {
        var seed = JsonDocument.Parse(File.ReadAllText(seedFile)).RootElement;
        var answer = DraftDocument.From(ResolutionDrafter.Draft(File.ReadAllText(sourceFile)), Path.GetFileName(sourceFile), new DateOnly(2026, 1, 1));
        var draft = JsonSerializer.SerializeToElement(answer.Draft, JsonOptions);
        var notes = new List<string>();

        // Numeric targets.
        var expected = Array(seed, "targets").Where(IsNumeric).ToList();
        var drafted = Array(draft, "targets").Where(IsNumeric).ToList();
        var free = drafted.ToList();
        var missed = new List<string>();
        var matchedCodes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in expected)
        {
            var match = free.FirstOrDefault(d => SameTarget(s, d));
            if (match.ValueKind == JsonValueKind.Undefined) missed.Add($"{s.GetProperty("code").GetString()}: {Describe(s)}");
            else
            {
                free.Remove(match);
                matchedCodes[s.GetProperty("code").GetString()!] = match.GetProperty("code").GetString()!;
            }
        }
        var targets = new Score(expected.Count, drafted.Count, expected.Count - missed.Count);
        var extra = free.Select(d => $"{d.GetProperty("code").GetString()}: {Describe(d)}").ToList();

        // Targets with no number (milestones, references, indicators a figure needs): the same statement, either way round.
        var expectedOther = Array(seed, "targets").Where(t => !IsNumeric(t)).Select(t => Normal(t.GetProperty("statement").GetString()!)).ToList();
        var draftedOther = Array(draft, "targets").Where(t => !IsNumeric(t)).Select(t => Normal(t.GetProperty("statement").GetString()!)).ToList();
        var otherMatched = expectedOther.Count(e => draftedOther.Any(d => d.Contains(e, StringComparison.Ordinal) || e.Contains(d, StringComparison.Ordinal)));
        foreach (var d in draftedOther.Where(d => !expectedOther.Any(e => d.Contains(e, StringComparison.Ordinal) || e.Contains(d, StringComparison.Ordinal))))
            notes.Add($"target without a number not expected: «{Short(d)}»");

        // Sub-targets: the drafted child of a matched expected child names the drafted match of its parent.
        var children = expected.Where(s => Text(s, "parentCode") is not null).ToList();
        var parentsRight = children.Count(s => matchedCodes.TryGetValue(s.GetProperty("code").GetString()!, out var d)
                                              && matchedCodes.TryGetValue(Text(s, "parentCode")!, out var parent)
                                              && Text(drafted.First(t => t.GetProperty("code").GetString() == d), "parentCode") == parent);
        var draftChildren = drafted.Count(t => Text(t, "parentCode") is not null);

        // Tasks.
        var seedTasks = Array(seed, "tasks").Select(t => Normal(t.GetProperty("statement").GetString()!)).ToList();
        var draftTasks = Array(draft, "tasks").Select(t => Normal(t.GetProperty("statement").GetString()!)).ToList();
        var left = draftTasks.ToList();
        var exact = 0;
        foreach (var s in seedTasks)
            if (left.Remove(s)) exact++;
        var covered = seedTasks.Count(s => draftTasks.Any(d => d.Contains(s, StringComparison.Ordinal))
                                           || draftTasks.Where(d => s.Contains(d, StringComparison.Ordinal)).Sum(d => d.Length) >= s.Length * 0.8);

        // Lead units and deadlines of the tasks that have them, on the drafted task that holds the same sentence.
        var seedUnits = Array(seed, "units").ToDictionary(u => u.GetProperty("code").GetString()!, u => u.GetProperty("name").GetString()!);
        var draftUnits = Array(draft, "units").ToDictionary(u => u.GetProperty("code").GetString()!, u => u.GetProperty("name").GetString()!);
        int leadsExpected = 0, leadsRight = 0, deadlinesExpected = 0, deadlinesRight = 0;
        foreach (var t in Array(seed, "tasks"))
        {
            var statement = Normal(t.GetProperty("statement").GetString()!);
            var holder = Array(draft, "tasks").FirstOrDefault(d => Normal(d.GetProperty("statement").GetString()!).Contains(statement, StringComparison.Ordinal));
            if (Text(t, "lead") is { } lead && seedUnits.TryGetValue(lead, out var leadName))
            {
                leadsExpected++;
                var drafted1 = holder.ValueKind == JsonValueKind.Object && Text(holder, "lead") is { } dl && draftUnits.TryGetValue(dl, out var n) ? n : null;
                if (drafted1 is not null && UnitKey(drafted1) == UnitKey(leadName)) leadsRight++;
                else notes.Add($"lead of «{Short(statement)}»: expected {leadName}, drafted {drafted1 ?? "none"}");
            }
            if (Text(t, "deadline") is { } deadline)
            {
                deadlinesExpected++;
                var draftedDeadline = holder.ValueKind == JsonValueKind.Object ? Text(holder, "deadline") : null;
                if (draftedDeadline == deadline) deadlinesRight++;
                else notes.Add($"deadline of «{Short(statement)}»: expected {deadline}, drafted {draftedDeadline ?? "none"}");
            }
        }

        // Figures.
        var seedFigures = Array(seed, "reports").SelectMany(r => Array(r, "figures")).Select(f => (Value: Value(f, "value"), Stage: f.GetProperty("stage").GetString(), Target: Text(f, "target"))).ToList();
        var draftFigures = Array(draft, "reports").SelectMany(r => Array(r, "figures")).Select(f => (Value: Value(f, "value"), Stage: f.GetProperty("stage").GetString(), Target: Text(f, "target"))).ToList();
        var figuresLeft = draftFigures.Select(f => (f.Value, f.Stage)).ToList();
        var figuresMatched = seedFigures.Count(f => figuresLeft.Remove((f.Value, f.Stage)));
        var placedLeft = draftFigures.ToList();
        var figuresPlaced = 0;
        foreach (var f in seedFigures)
        {
            var target = f.Target is not null && matchedCodes.TryGetValue(f.Target, out var d) ? d : null;
            var hit = placedLeft.FindIndex(x => x.Value == f.Value && x.Stage == f.Stage && target is not null && x.Target == target);
            if (hit >= 0)
            {
                figuresPlaced++;
                placedLeft.RemoveAt(hit);
            }
            else notes.Add($"figure {f.Value?.ToString(CultureInfo.InvariantCulture)} {f.Stage} of {f.Target}: not drafted on its target");
        }
        foreach (var x in draftFigures.Where(x => !seedFigures.Any(f => f.Value == x.Value && f.Stage == x.Stage)))
            notes.Add($"figure {x.Value?.ToString(CultureInfo.InvariantCulture)} {x.Stage} drafted for {x.Target}: not in the expectation");

        // What must be listed as unplaced (a number the assessment gives that measures no target).
        var unplacedExpected = Array(seed, "unplaced").Select(u => u.GetString()!).ToList();
        var unplacedFound = unplacedExpected.Count(u =>
        {
            var found = answer.Unplaced.Any(x => Normal(x.Text).Contains(Normal(u), StringComparison.Ordinal));
            if (!found) notes.Add($"not listed as unplaced: «{u}»");
            return found;
        });

        // The heading.
        var heading = Score.Zero;
        if (seed.TryGetProperty("resolution", out var sr) && draft.TryGetProperty("resolution", out var dr))
        {
            var fields = new[] { "number", "kind", "issueDate", "periodStartYear", "periodEndYear", "orientationYear", "term", "issuingBody" };
            var right = 0;
            foreach (var field in fields)
            {
                var a = Text(sr, field);
                var b = Text(dr, field);
                var same = field == "issuingBody" ? a is not null && b is not null && BodyKey(a) == BodyKey(b) : a == b;
                if (same) right++;
                else notes.Add($"resolution.{field}: expected {a ?? "none"}, drafted {b ?? "none"}");
            }
            heading = new Score(fields.Length, fields.Length, right);
        }

        return new DocumentScore(Path.GetFileName(seedFile), targets, new Score(seedTasks.Count, draftTasks.Count, exact),
            new Score(seedTasks.Count, draftTasks.Count, covered),
            new Score(seedFigures.Count, draftFigures.Count, figuresMatched), missed, extra)
        {
            Parents = new Score(children.Count, draftChildren, parentsRight),
            FiguresPlaced = new Score(seedFigures.Count, draftFigures.Count, figuresPlaced),
            Unplaced = new Score(unplacedExpected.Count, answer.Unplaced.Count, unplacedFound),
            Heading = heading,
            Leads = new Score(leadsExpected, leadsExpected, leadsRight),
            Deadlines = new Score(deadlinesExpected, deadlinesExpected, deadlinesRight),
            NonNumeric = new Score(expectedOther.Count, draftedOther.Count, otherMatched),
            Notes = notes,
        };
    }

    private static string Short(string s) => s.Length <= 60 ? s : s[..60] + "…";

    private static string? Text(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();

    /// <summary>A unit's name compared the way a reader would: case, tone placement and the usual abbreviations aside.</summary>
    private static string UnitKey(string name)
    {
        var s = Vietnamese.Fold(Vietnamese.Squash(name));
        s = s.Replace("ủy ban nhân dân", "ubnd").Replace("hội đồng nhân dân", "hđnd");
        return Regex.Replace(s, @"^các\s+", "");
    }

    /// <summary>The Provincial Party Committee is its Executive Committee: "Tỉnh ủy X" and "Ban Chấp hành Đảng bộ tỉnh X" are one body.</summary>
    private static string BodyKey(string name) => Regex.Replace(UnitKey(name), @"^(ban chấp hành đảng bộ tỉnh|tỉnh ủy)", "tỉnh ủy");

    private static readonly JsonSerializerOptions JsonOptions = new(Monitoring.Api.Infrastructure.JsonDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : [];

    private static bool IsNumeric(JsonElement t) => Value(t, "minimum") is not null || Value(t, "maximum") is not null || Value(t, "goalOverBaseline") is not null;

    public static decimal? Value(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number) return v.GetDecimal();
        var text = v.GetString();
        if (VietnameseNumber.TryParse(text, out var parsed)) return parsed;
        return decimal.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var plain) ? plain : null;
    }

    private static string Unit(JsonElement t) => Regex.Replace(Regex.Replace(t.GetProperty("unitOfMeasure").GetString()!.ToLowerInvariant().Normalize(), @"\s+", " "), @"\s*/\s*", "/").Trim();

    private static bool SameUnit(string a, string b, string shape) =>
        a == b || a.StartsWith(b + " ", StringComparison.Ordinal) || b.StartsWith(a + " ", StringComparison.Ordinal)
        || shape == "GrowthRate" && a.StartsWith('%') && b.StartsWith('%');

    public static bool SameTarget(JsonElement seed, JsonElement draft)
    {
        if (seed.GetProperty("targetYear").GetInt32() != draft.GetProperty("targetYear").GetInt32()) return false;
        var seedShape = seed.GetProperty("shape").GetString()!;
        var draftShape = draft.GetProperty("shape").GetString()!;
        if (!SameUnit(Unit(seed), Unit(draft), seedShape) && !(seedShape == "CountMeetingStandard" && draftShape == "LevelAtLeast" && Unit(draft) == "%")) return false;
        var seedBounds = Bounds(seed);
        var draftBounds = Bounds(draft);
        if (seedShape == draftShape && Value(seed, "goalOverBaseline") is { } over && Value(draft, "goalOverBaseline") is { } draftOver) return over == draftOver;
        if (seedShape == draftShape) return seedBounds.SequenceEqual(draftBounds);
        // "thêm 01 huyện": the seed adds the baseline it knows; the draft, without one, drafts the increment.
        if (seedShape == "CountMeetingStandard" && draftShape == "Cumulative")
            return Value(seed, "goalOverBaseline") is { } increment ? draftBounds.SequenceEqual([increment])
                : seed.TryGetProperty("baseline", out var baseline) && Value(baseline, "value") is { } b && Value(seed, "minimum") is { } m && draftBounds.SequenceEqual([m - b]);
        // "tất cả các xã": all n units in the seed, 100 % of them in a draft that knows no n.
        if (seedShape == "CountMeetingStandard" && draftShape == "LevelAtLeast" && Unit(draft) == "%" && seed.TryGetProperty("total", out var total)
            && Value(seed, "minimum") == total.GetInt32())
            return draftBounds.SequenceEqual([100m]);
        return false;
    }

    /// <summary>The goal's numbers: minimum and maximum, or the baseline plus what the text adds to it.</summary>
    private static List<decimal> Bounds(JsonElement t)
    {
        var bounds = new[] { Value(t, "minimum"), Value(t, "maximum") }.OfType<decimal>().Order().ToList();
        if (bounds.Count == 0 && Value(t, "goalOverBaseline") is { } over && t.TryGetProperty("baseline", out var baseline) && Value(baseline, "value") is { } b)
            bounds.Add(b + over);
        return bounds;
    }

    private static string Describe(JsonElement t) =>
        $"{t.GetProperty("shape").GetString()} {Value(t, "minimum")?.ToString(CultureInfo.InvariantCulture) ?? "-"}..{Value(t, "maximum")?.ToString(CultureInfo.InvariantCulture) ?? "-"} " +
        $"{t.GetProperty("unitOfMeasure").GetString()} {t.GetProperty("targetYear").GetInt32()} «{t.GetProperty("statement").GetString()}»";

    public static string Normal(string statement)
    {
        var s = statement.Normalize(NormalizationForm.FormC).Replace("*", "").Replace('“', '"').Replace('”', '"').Replace('‘', '\'').Replace('’', '\'')
            .Replace("…", "...");
        s = Regex.Replace(s, @"\s+", " ").Trim();
        s = Regex.Replace(s, @"[.;,:\s]+$", "");
        return s;
    }

    private static readonly string[] Columns =
        ["numeric targets: recall", "precision", "tasks (exact): recall", "precision", "tasks covered", "figures: recall", "precision"];

    private static string Row(string name, DocumentScore s, bool unseen)
    {
        static string P(Score x, bool precision = false) => precision ? $"{x.Matched}/{x.Drafted} ({x.Precision:P0})" : $"{x.Matched}/{x.Expected} ({x.Recall:P0})";
        var row = $"| {name} | {P(s.Targets)} | {P(s.Targets, true)} | {P(s.Tasks)} | {P(s.Tasks, true)} | {P(s.TasksCovered)} | {P(s.Figures)} | {P(s.Figures, true)} |";
        if (unseen) row += $" {P(s.NonNumeric)} | {P(s.NonNumeric, true)} | {P(s.FiguresPlaced)} | {P(s.Parents)} | {P(s.Unplaced)} | {P(s.Heading)} | {P(s.Leads)} | {P(s.Deadlines)} |";
        return row;
    }

    private static DocumentScore Sum(IReadOnlyList<DocumentScore> scores) => scores.Aggregate(
        new DocumentScore("overall", Score.Zero, Score.Zero, Score.Zero, Score.Zero, [], []),
        (a, s) => new DocumentScore("overall", a.Targets + s.Targets, a.Tasks + s.Tasks, a.TasksCovered + s.TasksCovered, a.Figures + s.Figures, [], [])
        {
            Parents = a.Parents + s.Parents, FiguresPlaced = a.FiguresPlaced + s.FiguresPlaced, Unplaced = a.Unplaced + s.Unplaced,
            Heading = a.Heading + s.Heading, Leads = a.Leads + s.Leads, Deadlines = a.Deadlines + s.Deadlines, NonNumeric = a.NonNumeric + s.NonNumeric,
        });

    /// <summary>Both measures, printed and written to <c>TestResults/drafting-report.md</c>: the seed texts, then the unseen texts.</summary>
    private (DocumentScore Seeds, DocumentScore Unseen, string Report) MeasureAll()
    {
        var seeds = Documents().Select(d => Measure(d.Seed, d.Source)).ToList();
        var unseen = UnseenDocuments().Select(d => Measure(d.Expected, d.Source) with
        {
            Batch = JsonDocument.Parse(File.ReadAllText(d.Expected)).RootElement.GetProperty("source").TryGetProperty("batch", out var b) ? b.GetInt32() : 0,
        }).ToList();
        var seedTotal = Sum(seeds);
        var unseenTotal = Sum(unseen);
        var report = new StringBuilder();
        report.AppendLine("# Drafting from text: measured");
        report.AppendLine();
        report.AppendLine("Drafts (POST /api/resolutions/drafts) compared with hand-made expectations (matching rules: tests/Monitoring.Api.Tests/Resolutions/DraftingMeasurementTests.cs).");
        report.AppendLine();
        report.AppendLine("## The five seed texts");
        report.AppendLine();
        report.AppendLine("`seeds/sources/*.txt` against `seeds/*.json`.");
        report.AppendLine();
        report.AppendLine($"| document | {string.Join(" | ", Columns)} |");
        report.AppendLine($"|---|{string.Concat(Columns.Select(_ => "---|"))}");
        foreach (var s in seeds) report.AppendLine(Row(s.Document, s, false));
        report.AppendLine(Row("**overall**", seedTotal, false));
        report.AppendLine();
        report.AppendLine("## Unseen texts");
        report.AppendLine();
        report.AppendLine("`tests/Monitoring.Api.Tests/Resolutions/DraftingHoldout/*.txt` (provinces and topics the rules were not written from) against expectations written by hand from each text before the drafter was run on it.");
        report.AppendLine("Figures on target: the figure is drafted for the target matched with the one the expectation names. Parents: sub-targets (\"trong đó\") drafted under their parent. Unplaced: numbers of the assessment that measure no target, listed in `unplaced`.");
        report.AppendLine();
        string[] more = ["targets without a number: recall", "precision", "figures on target", "parents", "unplaced listed", "heading fields", "task leads", "task deadlines"];
        report.AppendLine($"| document | {string.Join(" | ", Columns.Concat(more))} |");
        report.AppendLine($"|---|{string.Concat(Columns.Concat(more).Select(_ => "---|"))}");
        foreach (var s in unseen) report.AppendLine(Row(s.Document, s, true));
        foreach (var batch in unseen.GroupBy(s => s.Batch).OrderBy(g => g.Key))
            report.AppendLine(Row($"batch {batch.Key} ({string.Join(", ", batch.Select(s => s.Document[..2]))})", Sum(batch.ToList()), true));
        report.AppendLine(Row("**overall**", unseenTotal, true));
        report.AppendLine();
        report.AppendLine("Each batch was written (text and expectation) before the drafter was run on it; the rules were then improved on what it revealed, so these rows are after tuning. The first runs, with the rules frozen, are in the README (\"Drafting a resolution from its text\").");
        report.AppendLine();
        // The seeds give every task the lead of the resolution's targets, a convention of theirs: only their targets are listed.
        foreach (var s in seeds.Select(s => s with { Notes = [] }).Concat(unseen).Where(s => s.Missed.Count + s.Extra.Count + s.Notes.Count > 0))
        {
            report.AppendLine($"### {s.Document}");
            foreach (var m in s.Missed) report.AppendLine($"- missed: {m}");
            foreach (var e in s.Extra) report.AppendLine($"- not expected: {e}");
            foreach (var n in s.Notes) report.AppendLine($"- {n}");
            report.AppendLine();
        }
        output.WriteLine(report.ToString());
        var directory = Path.Combine(SolutionPaths.Root, "TestResults");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "drafting-report.md"), report.ToString());
        return (seedTotal, unseenTotal, report.ToString());
    }

    [Fact]
    public void The_drafts_of_the_five_seed_texts_find_95_percent_of_their_numeric_targets_with_90_percent_precision()
    {
        var (total, _, report) = MeasureAll();
        total.Targets.Expected.ShouldBeGreaterThan(20);
        total.Targets.Recall.ShouldBeGreaterThanOrEqualTo(0.95, report);
        total.Targets.Precision.ShouldBeGreaterThanOrEqualTo(0.90, report);
        // Tasks and figures are reported; a floor keeps them from quietly getting worse.
        total.TasksCovered.Recall.ShouldBeGreaterThanOrEqualTo(0.75, report);
    }

    [Fact]
    public void The_drafts_of_unseen_texts_find_90_percent_of_their_numeric_targets_with_90_percent_precision()
    {
        var (_, total, report) = MeasureAll();
        total.Targets.Expected.ShouldBeGreaterThan(100);
        total.Targets.Recall.ShouldBeGreaterThanOrEqualTo(UnseenTargetFloor, report);
        total.Targets.Precision.ShouldBeGreaterThanOrEqualTo(UnseenTargetFloor, report);
        total.Figures.Recall.ShouldBeGreaterThanOrEqualTo(UnseenFigureFloor, report);
        total.FiguresPlaced.Recall.ShouldBeGreaterThanOrEqualTo(UnseenFigureFloor, report);
        total.Figures.Precision.ShouldBeGreaterThanOrEqualTo(UnseenFigureFloor, report);
        total.TasksCovered.Recall.ShouldBeGreaterThanOrEqualTo(0.90, report);
    }

    /// <summary>
    /// The floors on the unseen texts, stated in the README. Every batch has been tuned on after its first run, so the texts now
    /// score above these. The target floor is what a batch reached the first time, with the rules frozen (numeric targets 90.5 %
    /// to 92 % recall, 92 % to 92.7 % precision), rounded down: what to expect of a text never seen. The figure floor only keeps
    /// the figures from getting worse (their first runs were 67 % to 83 % recall).
    /// </summary>
    public const double UnseenTargetFloor = 0.90, UnseenFigureFloor = 0.85;
}
