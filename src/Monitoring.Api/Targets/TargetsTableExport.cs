using System.Globalization;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Excel;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Reviews;
using Monitoring.Domain.Audit;
using Monitoring.Domain.Common;
using Monitoring.Domain.Judging;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Reviews;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Units;
using Wolverine.Http;

namespace Monitoring.Api.Targets;

/// <summary>A figure as the targets table shows it.</summary>
public sealed record TableFigure(decimal? Value, string? ItemsText, FigureStage Stage, ReportingPeriod Period, DateOnly? AsOf, FigureApproval Approval);

/// <summary>One row of the targets table (the review's table): from a live reading, or from a stored review.</summary>
public sealed record TargetTableRow(string Field, string? Code, string Statement, string UnitOfMeasure, Baseline? Baseline, TargetGoal Goal,
    string GoalText, int TargetYear, IReadOnlyList<string> AdjustedBy, TableFigure? Latest, decimal? Achievement, Forecast? Forecast,
    string StatusText, string Explanation);

/// <summary>
/// A resolution's targets table as a spreadsheet: the table of the review (by field, with the commitment, the baseline, the
/// latest figure that counts, achievement, forecast and the status in Vietnamese), either as the targets stand now (the same
/// reading, filters, checks and access as GET /api/targets) or exactly as a stored review recorded it. The file is a Vietnamese
/// document like the review itself; refusals answer in the caller's language.
/// </summary>
public static class TargetsTableExport
{
    [Authorize(Policy = Policies.Read)]
    [WolverineGet("/api/resolutions/{id}/targets.xlsx", OperationId = "ExportTargetsTable"), Tags("Targets"),
     EndpointSummary("A resolution's targets table (the review's table) as .xlsx: the targets GET /api/targets?resolutionId= lists, with the same filters, cutOff, knownAt and includeSubmitted")]
    [EndpointDescription("Sheet \"Chỉ tiêu\": one row per target by field (code, statement, unit, baseline, goal, latest figure with its stage, period and date, achievement %, forecast, status in Vietnamese); sheet \"Số liệu theo kỳ\": each target's current figures by period and stage. A reporter gets its own unit's targets, as from GET /api/targets.")]
    [ProducesResponseType<Stream>(200, XlsxWorkbook.ContentType)]
    public static async Task<IResult> Live(Guid id, string? field, Guid? unitId, TargetShape? shape, TargetStatus? status, string? cutOff, string? knownAt,
        string? asOf, bool? includeSubmitted, IQuerySession session, HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        var (listing, problem) = await TargetListing.ReadAsync(session, context, clock, id, field, unitId, shape, status, cutOff, knownAt, asOf,
            includeSubmitted, ct);
        if (problem is not null) return problem;
        var cut = listing!.Cut;
        // The resolution as recorded by knownAt, as the overview and the review read it.
        var resolution = cut.KnownAt is null
            ? await session.LoadAsync<Resolution>(id, ct)
            : await session.Events.AggregateStreamAsync<Resolution>(id, timestamp: cut.KnownAt.Instant, token: ct);
        if (resolution is null) return Problems.NotFound("Resolution", id);

        var ordered = InFieldOrder(resolution, listing.Items, i => i.Target.Field, i => i.Target.Code, i => i.Target.DefinedAt);
        var rows = ordered.Select(i => RowOf(i, cut)).ToList();
        var unitIds = ordered.SelectMany(i => i.Target.LatestFigures.Select(f => f.UnitId)).Append(listing.UnitId ?? Guid.Empty).Distinct().ToArray();
        var units = (await session.LoadManyAsync<Unit>(ct, unitIds)).ToDictionary(u => u.Id);

        var table = Table(rows);
        table.Title.Add(Heading(resolution));
        table.Title.Add($"Số liệu tính đến ngày {Day(cut.CutOff)}");
        table.Title.Add(listing.Basis.Text);
        var filters = new List<string>();
        if (!string.IsNullOrWhiteSpace(field)) filters.Add($"lĩnh vực {field}");
        if (listing.UnitId is { } unit) filters.Add($"đơn vị {(units.TryGetValue(unit, out var u) ? $"{u.Code} – {u.Name}" : unit.ToString())}");
        if (shape is not null) filters.Add($"dạng chỉ tiêu {shape}");
        if (status is not null) filters.Add($"đánh giá \"{status.Value.ToVietnamese()}\"");
        if (filters.Count > 0) table.Title.Add("Lọc: " + string.Join("; ", filters) + ".");

        var figures = new XlsxSheet("Số liệu theo kỳ", [
            new XlsxColumn("Mã", Width: 10), new XlsxColumn("Chỉ tiêu", Width: 48), new XlsxColumn("Kỳ số liệu", Width: 24),
            new XlsxColumn("Năm", XlsxKind.Year, Width: 8), new XlsxColumn("Loại số liệu", Width: 12), new XlsxColumn("Giá trị", XlsxKind.Number, Width: 14),
            new XlsxColumn("Đơn vị tính", Width: 10), new XlsxColumn("Ngày số liệu", XlsxKind.Date, Width: 12), new XlsxColumn("Phê duyệt", Width: 16),
            new XlsxColumn("Đơn vị báo cáo", Width: 16), new XlsxColumn("Được dùng để đánh giá", Width: 12),
        ]);
        figures.Title.Add($"Số liệu hiện hành của từng chỉ tiêu theo kỳ và loại số liệu, tính đến ngày {Day(cut.CutOff)}");
        figures.Title.Add(listing.Basis.Text);
        foreach (var item in ordered)
        {
            var t = item.Target;
            var judged = t.EffectiveFiguresAbout(cut.CutOff, cut.IncludeSubmitted).Select(f => f.FigureId).ToHashSet();
            foreach (var f in t.CountingFigures(cut.IncludeSubmitted).Where(f => f.IsAboutOnOrBefore(cut.CutOff)).OrderBy(f => f.Period).ThenBy(f => f.Stage))
                figures.Row(t.Code, t.Statement, f.Period.ToVietnamese(), f.Period.LastYear, EventNarration.Stage(f.Stage),
                    f.Value is { } v ? v : (object)string.Join(", ", f.Items), t.UnitOfMeasure, f.AsOf, ApprovalTexts.Of(f.Approval),
                    units.TryGetValue(f.UnitId, out var by) ? by.Code : f.UnitId.ToString(), judged.Contains(f.FigureId) ? "có" : "không");
        }

        return XlsxDownload.Named(XlsxWorkbook.Write(table, figures), "chi-tieu", "Chỉ tiêu", resolution.Number, cut.CutOff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    [Authorize(Policy = Policies.ReadAll)]
    [WolverineGet("/api/resolutions/{id}/reviews/{reviewId}/table.xlsx", OperationId = "ExportReviewTable"), Tags("Reviews"),
     EndpointSummary("A stored review's targets table as .xlsx, exactly as the review recorded it (its data, cut-off and data basis)")]
    [ProducesResponseType<Stream>(200, XlsxWorkbook.ContentType)]
    public static async Task<IResult> Stored(Guid id, Guid reviewId, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<ReviewFile>(reviewId, ct) is not { } file || file.ResolutionId != id) return Problems.NotFound("Review", reviewId);
        var data = JsonSerializer.Deserialize<ReviewData>(file.Json, JsonDefaults.Web)!;
        var review = data.Content;
        var table = Table(review.Targets.Select(RowOf).ToList());
        table.Title.Add(Heading(review.ResolutionKind, review.Number, review.Title));
        table.Title.Add($"Số liệu tính đến ngày {Day(review.CutOff)}");
        if (review.DataBasis is { } basis) table.Title.Add(basis);
        var generated = VietnamTime.Of(data.GeneratedAt);
        table.Title.Add($"Bảng chỉ tiêu của báo cáo {(review.Kind == ReviewKind.MidTerm ? "sơ kết giữa nhiệm kỳ" : "tổng kết")} mã {data.ReviewId}, " +
                        $"lập lúc {generated.ToString("HH:mm", CultureInfo.InvariantCulture)} ngày {Day(DateOnly.FromDateTime(generated.DateTime))}.");
        return XlsxDownload.Named(XlsxWorkbook.Write(table), "chi-tieu-bao-cao", "Chỉ tiêu báo cáo", review.Number,
            review.CutOff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reviewId.ToString("N")[..8]);
    }

    /// <summary>The table's sheet: one row per target, in the order given.</summary>
    public static XlsxSheet Table(IReadOnlyList<TargetTableRow> rows)
    {
        var sheet = new XlsxSheet("Chỉ tiêu", [
            new XlsxColumn("STT", XlsxKind.Integer, Width: 6), new XlsxColumn("Lĩnh vực", Width: 18), new XlsxColumn("Mã", Width: 10),
            new XlsxColumn("Chỉ tiêu", Width: 48), new XlsxColumn("Đơn vị tính", Width: 10),
            new XlsxColumn("Số liệu gốc", XlsxKind.Number, Width: 12), new XlsxColumn("Năm gốc", XlsxKind.Year, Width: 9),
            new XlsxColumn("Mục tiêu", Width: 14), new XlsxColumn("Mục tiêu tối thiểu", XlsxKind.Number, Width: 12),
            new XlsxColumn("Mục tiêu tối đa", XlsxKind.Number, Width: 12), new XlsxColumn("Năm mục tiêu", XlsxKind.Year, Width: 9),
            new XlsxColumn("Điều chỉnh theo", Width: 20),
            new XlsxColumn("Thực hiện", XlsxKind.Number, Width: 14), new XlsxColumn("Loại số liệu", Width: 12), new XlsxColumn("Kỳ số liệu", Width: 24),
            new XlsxColumn("Năm số liệu", XlsxKind.Year, Width: 9), new XlsxColumn("Ngày số liệu", XlsxKind.Date, Width: 12),
            new XlsxColumn("Phê duyệt", Width: 16), new XlsxColumn("Tỷ lệ đạt (%)", XlsxKind.Number, Width: 10),
            new XlsxColumn("Dự báo", XlsxKind.Number, Width: 12), new XlsxColumn("Năm dự báo", XlsxKind.Year, Width: 9),
            new XlsxColumn("Phương pháp dự báo", Width: 22), new XlsxColumn("Đánh giá", Width: 16), new XlsxColumn("Giải thích", Width: 60),
        ]);
        var n = 0;
        foreach (var r in rows)
        {
            var f = r.Latest;
            sheet.Row(++n, r.Field, r.Code, r.Statement, r.UnitOfMeasure, r.Baseline?.Value, r.Baseline?.Year, r.GoalText, r.Goal.Minimum,
                r.Goal.Maximum, r.TargetYear, r.AdjustedBy.Count == 0 ? null : string.Join("; ", r.AdjustedBy),
                f is null ? null : f.Value is { } v ? v : (object?)f.ItemsText, f is null ? null : EventNarration.Stage(f.Stage), f?.Period.ToVietnamese(),
                f?.Period.LastYear, f?.AsOf, f is null ? null : ApprovalTexts.Of(f.Approval), r.Achievement, r.Forecast?.Value, r.Forecast?.Year,
                r.Forecast is { } forecast ? ReviewDocx.MethodText(forecast.Method) : null, r.StatusText, r.Explanation);
        }
        return sheet;
    }

    private static TargetTableRow RowOf(ListedTarget item, DataCut cut)
    {
        var (t, view) = (item.Target, item.View);
        var latest = view.Latest is { } l ? t.LatestFigures.FirstOrDefault(f => f.FigureId == l.FigureId) : null;
        return new TargetTableRow(t.Field, t.Code, t.Statement, t.UnitOfMeasure, t.Baseline, t.Goal, ReviewCompiler.GoalText(t), t.TargetYear,
            t.Adjustments.Select(a => $"{a.DecisionNumber} ngày {Day(a.DecisionDate)}").ToList(),
            latest is null ? null : new TableFigure(latest.Value, Items(latest.Items), latest.Stage, latest.Period, latest.AsOf, latest.Approval),
            view.Judgement.Achievement, view.Judgement.Forecast, view.Judgement.StatusText, view.Judgement.Explanation);
    }

    private static TargetTableRow RowOf(ReviewTarget t) => new(t.Field, t.Code, t.Statement, t.UnitOfMeasure, t.Baseline, t.Goal, t.GoalText,
        t.TargetYear, t.AdjustedBy,
        t.Latest is { } f && ReportingPeriod.TryParse(f.Period, out var period)
            ? new TableFigure(f.Value, f.Value is null ? f.ValueText : null, f.Stage, period, f.AsOf, f.Approval)
            : null,
        t.Achievement, t.Forecast, t.StatusText, t.Explanation);

    /// <summary>The review's order: the resolution's fields in its own order (others after), then by code, then as defined.</summary>
    private static List<T> InFieldOrder<T>(Resolution resolution, IEnumerable<T> items, Func<T, string> field, Func<T, string?> code,
        Func<T, DateTimeOffset> defined) =>
        items.OrderBy(i => resolution.Fields.IndexOf(field(i)) is var at and >= 0 ? at : int.MaxValue)
            .ThenBy(i => code(i) ?? "", StringComparer.Ordinal).ThenBy(defined).ToList();

    private static string? Items(IReadOnlyList<string> items) => items.Count == 0 ? null : string.Join(", ", items);

    private static string Heading(Resolution r) => Heading(r.Kind, r.Number, r.Title);

    private static string Heading(ResolutionKind kind, string number, string title) => kind switch
    {
        ResolutionKind.Conclusion => "Kết luận",
        ResolutionKind.ActionProgramme => "Chương trình hành động",
        _ => "Nghị quyết",
    } + $" số {number}: {title}";

    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
