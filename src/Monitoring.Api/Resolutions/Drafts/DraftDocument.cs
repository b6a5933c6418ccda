using System.Text.Json.Serialization;
using Monitoring.Api.Resolutions.Import;
using Monitoring.Domain.Common;
using Monitoring.Domain.Drafting;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;

namespace Monitoring.Api.Resolutions.Drafts;

/// <summary>Where an item of the draft comes from in the text: offset and length (in the text as received, NFC), 1-based line.</summary>
public sealed record DraftSpan(int Start, int Length, int Line);

/// <summary>
/// One item of the draft with its provenance: <c>path</c> names it in <c>draft</c> ("targets[3]", "resolution.number"),
/// <c>rule</c> is the rule that produced it, <c>confidence</c> runs from 0 (a placeholder: nothing in the text) to 1.
/// </summary>
public sealed record DraftItem(string Path, string? Code, string Rule, double Confidence, DraftSpan? Span, string? Text);

/// <summary>A sentence with numbers no rule placed, and why.</summary>
public sealed record DraftUnplaced(string Text, DraftSpan Span, string Reason);

/// <summary>
/// The answer of <c>POST /api/resolutions/drafts</c>: <c>draft</c> is a document in the import format
/// (<c>seeds/resolution-import.schema.json</c>) the secretariat edits and posts to <c>POST /api/resolutions/import</c>;
/// <c>items</c> says where each of its parts comes from and how sure the rule is; <c>unplaced</c> lists the sentences with
/// numbers no rule placed; <c>reasons</c> says what the text did not give (placeholders to fill, nothing found).
/// </summary>
public sealed record ResolutionDraftAnswer(ResolutionDocument Draft, IReadOnlyList<DraftItem> Items, IReadOnlyList<DraftUnplaced> Unplaced,
    IReadOnlyList<string> Reasons, DraftSummary Summary);

public sealed record DraftSummary(int Targets, int NumericTargets, int Tasks, int Units, int Figures, int Unplaced, int Placeholders);

/// <summary>The domain's draft as the import format, with only what the import accepts (every value plausible, every code known).</summary>
public static class DraftDocument
{
    public static ResolutionDraftAnswer From(ResolutionDraft draft, string? fileName, DateOnly today)
    {
        var items = new List<DraftItem>();
        var unplaced = draft.Unplaced.Select(u => new DraftUnplaced(u.Text, Span(u.Span)!, u.Reason)).ToList();
        var reasons = draft.Reasons.ToList();
        var h = draft.Heading;

        void Item(string path, string? code, Provenance p) =>
            items.Add(new DraftItem(path, code, p.Rule, Math.Round(p.Confidence, 2), Span(p.Span), p.Text is { Length: > 500 } t ? t[..500] : p.Text));

        var orientation = h.OrientationYear.Value is { } o && o > h.PeriodEndYear.Value ? o : (int?)null;
        var title = h.Title.Value.Length > 1000 ? h.Title.Value[..1000] : h.Title.Value;
        Item("resolution.number", null, h.Number.Source);
        Item("resolution.kind", null, h.Kind.Source);
        Item("resolution.issuingBody", null, h.IssuingBody.Source);
        Item("resolution.term", null, h.Term.Source);
        Item("resolution.issueDate", null, h.IssueDate.Source);
        Item("resolution.periodStartYear", null, h.PeriodStartYear.Source);
        Item("resolution.periodEndYear", null, h.PeriodEndYear.Source);
        Item("resolution.orientationYear", null, h.OrientationYear.Source);
        Item("resolution.title", null, h.Title.Source);
        Item("source.province", null, h.Province.Source);
        Item("source.contentAsOf", null, h.ContentAsOf.Source);
        var span = new ResolutionSpan(h.PeriodStartYear.Value, h.PeriodEndYear.Value, orientation);

        // Targets the import would refuse (a share above 100 %, a count of zero) are not drafted: said in unplaced.
        var targets = new List<TargetEntry>();
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in draft.Targets)
        {
            var problem = Plausibility.Value(t.Shape, t.UnitOfMeasure, t.Minimum, "minimum") ?? Plausibility.Value(t.Shape, t.UnitOfMeasure, t.Maximum, "maximum")
                          ?? (t.Minimum is <= 0 && t.Shape is TargetShape.QuantityPerYear or TargetShape.Cumulative or TargetShape.CountMeetingStandard
                              ? new Rejection(RejectionKind.Invalid, "minimum", "A count or total of zero is not a target.", "Tổng hoặc số đếm bằng 0 không phải chỉ tiêu.") : null);
            if (problem is not null || t.TargetYear is < 1990 or > 2100)
            {
                if (t.Source.Span is { } s)
                    unplaced.Add(new DraftUnplaced(t.Statement, Span(s)!, $"Đọc được chỉ tiêu nhưng giá trị không hợp lý: {problem?.Vietnamese ?? "năm"} / A target whose value is implausible: {problem?.English ?? "year"}"));
                continue;
            }
            kept.Add(t.Code);
            Item($"targets[{targets.Count}]", t.Code, t.Source);
            targets.Add(new TargetEntry
            {
                Code = t.Code, Field = Cut(t.Field, 200), Statement = Cut(t.Statement, 4000), Shape = t.Shape, Direction = t.Direction,
                Minimum = t.Minimum, Maximum = t.Maximum, Total = t.Total, GoalOverBaseline = t.GoalOverBaseline, StandardUnits = t.StandardUnits,
                UnitOfMeasure = Cut(t.UnitOfMeasure, 50), TargetYear = t.TargetYear,
                Baseline = t.Baseline is { } b
                    ? new BaselineEntry(b.Value, b.Year, b.Source is null ? null : Cut(b.Source, 500),
                        b.SinceYear is { } sinceYear && b.SinceChange is { } change && sinceYear < b.Year ? new BaselineSinceEntry(sinceYear, change) : null)
                    : null,
                Footnotes = t.Footnotes.Select(f => Cut(f, 2000)).ToList(), ParentCode = t.ParentCode,
                Steps = t.Steps.Select(s => new MilestoneStep(Cut(s, 1000))).ToList(),
                ReferenceSeries = t.ReferenceSeries is null ? null : Cut(t.ReferenceSeries, 300), GoalSetBy = t.GoalSetBy is null ? null : Cut(t.GoalSetBy, 300),
                Lead = t.Lead, Cooperating = t.Cooperating,
            });
        }
        targets = targets.Select(t => t.ParentCode is { } p && !kept.Contains(p) ? t with { ParentCode = null } : t).ToList();

        var tasks = new List<TaskEntry>();
        foreach (var t in draft.Tasks)
        {
            Item($"tasks[{tasks.Count}]", t.Code, t.Source);
            tasks.Add(new TaskEntry(t.Code, Cut(t.Group, 500), Cut(t.Statement, 4000), t.Lead, t.Cooperating.Count == 0 ? null : t.Cooperating, t.Deadline));
        }

        // Figures: one report per period from the unit the text credits; a figure the reporting rules would refuse is not drafted.
        var reports = new List<ReportEntry>();
        var byCode = targets.ToDictionary(t => t.Code);
        var contentAsOf = h.ContentAsOf.Value ?? h.IssueDate.Value;
        foreach (var period in draft.Figures.GroupBy(f => f.Period))
        {
            if (!ReportingPeriod.TryParse(period.Key, out var parsed) || draft.ReportingUnit is null) continue;
            var figures = new List<FigureEntry>();
            foreach (var f in period)
            {
                if (!byCode.TryGetValue(f.TargetCode, out var target)) continue;
                var problems = ReportPlausibility.Check(parsed, [new FigureFacts(target.Shape, target.UnitOfMeasure, span, f.Value, null, f.AsOf ?? contentAsOf)], [], today);
                if (problems.Count > 0)
                {
                    if (f.Source.Span is { } s)
                        unplaced.Add(new DraftUnplaced(f.Note, Span(s)!, $"Số liệu đọc được nhưng không nhập được: {problems[0].Vietnamese} / A figure the reporting rules refuse: {problems[0].English}"));
                    continue;
                }
                Item($"reports[{reports.Count}].figures[{figures.Count}]", f.TargetCode, f.Source);
                figures.Add(new FigureEntry { Target = f.TargetCode, Value = f.Value, Stage = f.Stage, AsOf = f.AsOf, Note = Cut(f.Note, 4000) });
            }
            if (figures.Count > 0) reports.Add(new ReportEntry { Unit = draft.ReportingUnit, Period = period.Key, Figures = figures });
        }

        var usedUnits = targets.SelectMany(t => t.Cooperating.Prepend(t.Lead)).Concat(tasks.SelectMany(t => (t.Cooperating ?? []).Prepend(t.Lead)))
            .Concat(reports.Select(r => r.Unit)).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var units = new List<UnitEntry>();
        foreach (var u in draft.Units.Where(u => usedUnits.Contains(u.Code)))
        {
            Item($"units[{units.Count}]", u.Code, u.Source);
            units.Add(new UnitEntry(u.Code, Cut(u.Name, 300), u.Kind));
        }

        var fields = targets.Select(t => t.Field).Distinct().ToList();
        var document = new ResolutionDocument
        {
            Schema = "./resolution-import.schema.json",
            Source = new DocumentSource(fileName, h.Province.Value,
                "Bản nháp do máy đọc từ văn bản theo quy tắc (POST /api/resolutions/drafts): kiểm tra từng mục theo items/unplaced/reasons trước khi nhập.",
                h.ContentAsOf.Value),
            Units = units,
            Resolution = new ResolutionEntry(h.Number.Value, h.Kind.Value, Cut(h.IssuingBody.Value, 300), h.Term.Value, h.IssueDate.Value,
                h.PeriodStartYear.Value, Math.Max(h.PeriodEndYear.Value, h.PeriodStartYear.Value), orientation, title, fields.Count == 0 ? null : fields),
            Targets = targets,
            Tasks = tasks,
            Reports = reports,
        };
        var summary = new DraftSummary(targets.Count, targets.Count(t => t.Minimum is not null || t.Maximum is not null || t.GoalOverBaseline is not null), tasks.Count, units.Count,
            reports.Sum(r => r.Figures.Count), unplaced.Count, items.Count(i => i.Confidence == 0));
        return new ResolutionDraftAnswer(document, items, unplaced, reasons, summary);
    }

    private static DraftSpan? Span(SourceSpan? span) => span is null ? null : new DraftSpan(span.Start, span.Length, span.Line);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
