using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Audit;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;
using Monitoring.Api.Targets;
using Monitoring.Api.Web.Committee;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;

namespace Monitoring.Api.Web.Targets;

/// <summary>
/// One target as it stood on the as-of day: what it commits to, its status and why, its latest figures, a timeline chart,
/// every figure with the revisions that replaced it, and (for those who may read the audit trail) its history.
/// </summary>
[Authorize(Policy = Policies.Read)]
public sealed class DetailsModel : MonitoringPage
{
    public const int HistoryLimit = 200;

    public TargetStatusView Target { get; private set; } = null!;
    public UnitNames Units { get; private set; } = null!;

    /// <summary>Every figure about the as-of day or before, chain by chain: a figure, then the revisions that replaced it in turn.</summary>
    public IReadOnlyList<IReadOnlyList<TimelineEntry>> Chains { get; private set; } = [];
    public IReadOnlyDictionary<Guid, TimelineEntry> FiguresById { get; private set; } = new Dictionary<Guid, TimelineEntry>();

    public ChartInput Chart { get; private set; } = new([]);
    public ChartTexts ChartTexts { get; private set; } = new();

    public AuditPage? History { get; private set; }
    /// <summary>Why the history is not shown (the API's refusal: only the committee and auditors read the audit trail).</summary>
    public string? HistoryRefusal { get; private set; }
    public long? HistoryAfter { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, long? historyAfter, CancellationToken ct)
    {
        var target = await Api.GetAsync<TargetStatusView>(InProcessApi.Query($"/api/targets/{id}", ("cutOff", AsOfIso)), ct);
        if (!target.Ok) return Refused(target);
        Target = target.Value!;
        var timeline = await Api.GetAsync<TargetTimeline>($"/api/targets/{id}/timeline", ct);
        if (!timeline.Ok) return Refused(timeline);
        HistoryAfter = historyAfter;
        var history = await Api.GetAsync<AuditPage>(InProcessApi.Query($"/api/targets/{id}/history", ("after", historyAfter), ("limit", HistoryLimit)), ct);
        if (history.Ok) History = history.Value;
        else HistoryRefusal = history.Problem?.Detail ?? history.Problem?.Title ?? T("Not allowed.", "Không có quyền xem.");
        Units = await UnitNames.LoadAsync(Api, HttpContext, ct);

        // What the day's picture holds: figures about periods begun and dates reached by then (as the status reads them).
        var day = Day;
        var entries = timeline.Value!.Figures
            .Where(e => ReportingPeriod.TryParse(e.Figure.Period, out var period) && period.Start <= day && e.Figure.AsOf <= day)
            .ToList();
        FiguresById = entries.ToDictionary(e => e.Figure.FigureId);
        Chains = ChainsOf(entries);
        ChartTexts = Texts();
        Chart = ChartOf(Target, entries);
        return Page();
    }

    /// <summary>A chain starts with a figure that revises none shown, and follows each figure's revision.</summary>
    private static List<IReadOnlyList<TimelineEntry>> ChainsOf(IReadOnlyList<TimelineEntry> entries)
    {
        var byId = entries.ToDictionary(e => e.Figure.FigureId);
        var chains = new List<IReadOnlyList<TimelineEntry>>();
        foreach (var root in entries.Where(e => e.Figure.Revises is not { } previous || !byId.ContainsKey(previous)))
        {
            var chain = new List<TimelineEntry> { root };
            var seen = new HashSet<Guid> { root.Figure.FigureId };
            for (var next = root.Figure.RevisedBy; next is { } n && byId.TryGetValue(n, out var revision) && seen.Add(n); next = revision.Figure.RevisedBy)
                chain.Add(revision);
            chains.Add(chain);
        }
        return chains;
    }

    /// <summary>
    /// The chart's points: figures not replaced by a revision (those waiting for approval drawn hollow, returned ones left
    /// out) and any figure judging still counts; the baseline, the goal and the forecast as the API gives them.
    /// </summary>
    private ChartInput ChartOf(TargetStatusView target, IReadOnlyList<TimelineEntry> entries)
    {
        var unit = target.UnitOfMeasure;
        var points = entries
            .Where(e => e.Figure.Value is not null && (e.Counts || e.IsCurrent && e.Figure.Approval != FigureApproval.Returned))
            .Select(e =>
            {
                var f = e.Figure;
                var pending = f.Approval == FigureApproval.Submitted;
                var label = $"{CommitteeText.Stage(f.Stage)}, {CommitteeText.Period(f.Period)}: {CommitteeText.Value(f.Value, unit)}"
                            + (pending ? $" ({CommitteeText.Approval(f.Approval)})" : "");
                return new ChartPoint(PeriodEnd(f.Period), f.Value!.Value, f.Stage, label, pending);
            })
            .ToList();
        var baseline = target.Baseline is { } b
            ? new ChartBaseline(new DateOnly(b.Year, 12, 31), b.Value, $"{T("Baseline", "Số liệu gốc")} {b.Year}: {CommitteeText.Value(b.Value, unit)}")
            : null;
        var goal = target.Goal.Minimum is not null || target.Goal.Maximum is not null
            ? new ChartGoal(target.Goal.Minimum, target.Goal.Maximum, $"{T("Goal", "Mục tiêu")} {target.TargetYear}: {CommitteeText.Goal(target)} {unit}".TrimEnd())
            : null;
        var forecast = target.Judgement.Forecast is { } f
            ? new ChartForecast(new DateOnly(f.Year, 12, 31), f.Value, $"{T("Forecast", "Dự báo")} {f.Year}: {CommitteeText.Value(f.Value, unit)}")
            : null;
        return new ChartInput(points, baseline, goal, forecast, baseline?.At, new DateOnly(target.TargetYear, 12, 31));
    }

    private static DateOnly PeriodEnd(string period) => ReportingPeriod.TryParse(period, out var p) ? p.End : default;

    private ChartTexts Texts()
    {
        var texts = new ChartTexts
        {
            Title = T($"Figures of {Target.Code ?? "the target"} over time", $"Diễn biến số liệu chỉ tiêu {Target.Code}".TrimEnd()),
            Estimate = T("Estimate", "Ước tính"),
            Preliminary = T("Preliminary", "Sơ bộ"),
            Official = T("Official", "Chính thức"),
            Pending = T("Awaiting approval (hollow)", "Chưa phê duyệt (điểm rỗng)"),
            Baseline = T("Baseline", "Số liệu gốc"),
            Goal = T("Goal", "Mục tiêu"),
            Forecast = T("Forecast", "Dự báo"),
            TimeAxis = T("Time (end of the period a figure is about)", "Thời điểm (cuối kỳ số liệu)"),
            NoData = T("No figure yet: there is nothing to chart.", "Chỉ tiêu chưa có số liệu: chưa có gì để vẽ biểu đồ."),
            Number = (value, decimals) => Display.Number(value, decimals),
        };
        return texts;
    }

    /// <summary>One sentence for the chart's &lt;desc&gt;: how many figures, from when to when, the goal and the forecast.</summary>
    public string ChartDescription()
    {
        var points = Chart.Points.OrderBy(p => p.At).ToList();
        if (points.Count == 0) return ChartTexts.NoData;
        var parts = new List<string>
        {
            T($"{points.Count} figures from {Display.Date(points[0].At)} to {Display.Date(points[^1].At)}; the latest: {points[^1].Label}.",
              $"{points.Count} số liệu từ {Display.Date(points[0].At)} đến {Display.Date(points[^1].At)}; mới nhất: {points[^1].Label}."),
        };
        if (Chart.Baseline is { } b) parts.Add(b.Label + ".");
        if (Chart.Goal is { } g) parts.Add(g.Label + ".");
        if (Chart.Forecast is { } f) parts.Add(f.Label + ".");
        parts.Add(T("The table below lists the same points.", "Bảng dưới biểu đồ liệt kê các điểm này."));
        return string.Join(' ', parts);
    }

    public string ChartHtml() => TimelineChart.Html(Chart, ChartTexts with { Description = ChartDescription() }, "target-chart");
}
