using System.Globalization;
using System.Text.RegularExpressions;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Excel;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Targets;
using Monitoring.Domain.Common;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;
using Monitoring.Domain.Units;
using Wolverine.Http;
using static Monitoring.Api.Reporting.Forms.ReportFormLayout;

namespace Monitoring.Api.Reporting.Forms;

/// <summary>
/// A unit's report form for one resolution and period as an Excel workbook: a row per target and per task the unit owes,
/// the narrative's headings, input cells (unlocked, on protected sheets) prefilled from the unit's saved draft, and a very
/// hidden, signed sheet saying what the form is for. Filled in and uploaded (POST /api/submissions/form), it is recorded
/// exactly as the JSON draft and submission are.
/// </summary>
public static partial class DownloadReportFormEndpoint
{
    [Authorize(Policy = Policies.Report)]
    [WolverineGet("/api/submissions/form", OperationId = "DownloadReportForm"), Tags("Submissions"),
     EndpointSummary("A unit's report form for a resolution and period, as an Excel workbook (.xlsx) to fill in and upload")]
    [EndpointDescription("One row per target and task the unit owes (statement, unit of measure, goal, baseline, latest approved figure) with input " +
                         "cells for the figure (value, stage, as-of day, source, note) and the task (percent done, completed on, note), a sheet for the " +
                         "narrative and evidence, prefilled from the unit's saved draft. A reporter gets its own unit's form; the secretariat names unitId. " +
                         "404 when the unit owes no report on the resolution for the period.")]
    [ProducesResponseType<Stream>(200, XlsxWorkbook.ContentType), ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(Guid? resolutionId, string? period, Guid? unitId, IQuerySession session, HttpContext context,
        ReportingCalendar calendar, TimeProvider clock, IConfiguration configuration, CancellationToken ct)
    {
        var caller = context.Caller();
        if (ReadScope.ForUnit(caller, ref unitId) is { } forbidden) return forbidden;
        var errors = new Dictionary<string, string[]>();
        if (resolutionId is null)
            errors["resolutionId"] = [Localized.Text("Name the resolution of the form.", "Cần nêu nghị quyết của biểu mẫu.")];
        if (period is null)
            errors["period"] = [Localized.Text("Name the reporting period of the form (2023-H1, 2023, 2023-Q3, 2023-07).",
                "Cần nêu kỳ báo cáo của biểu mẫu (2023-H1, 2023, 2023-Q3, 2023-07).")];
        else if (!PeriodParameter.TryParse(period, calendar, out _, out _))
            errors["period"] = [Localized.Text("Use a reporting period such as 2023-H1, 2023, 2023-Q3 or 2023-07, of a kind the reporting calendar runs.",
                "Kỳ báo cáo có dạng 2023-H1, 2023, 2023-Q3 hoặc 2023-07, thuộc loại kỳ lịch báo cáo có.")];
        if (unitId is null)
            errors["unitId"] = [Localized.Text("Name the unit whose form this is.", "Cần nêu đơn vị của biểu mẫu.")];
        if (errors.Count > 0) return Results.Problem(Problems.InvalidDetails(errors));

        var reportingPeriod = ReportingPeriod.Parse(period!);
        var unit = await session.LoadAsync<Unit>(unitId!.Value, ct);
        if (unit is null) return Problems.NotFound("Unit", unitId.Value);
        var resolution = await session.LoadAsync<Resolution>(resolutionId!.Value, ct);
        if (resolution is null) return Problems.NotFound("Resolution", resolutionId.Value);

        var today = clock.Today();
        var world = await ObligationReader.LoadAsync(session, resolution.Id, unit.Id, null, ct);
        if (world.Obligations(calendar, today, reportingPeriod, unit.Id).FirstOrDefault() is not { } obligation)
            return Results.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = Localized.Text("No report is owed", "Không có báo cáo phải gửi"),
                Detail = Localized.Text(
                    $"Unit {unit.Code} owes no report on resolution {resolution.Number} for {reportingPeriod}: no target or task of it is assigned to the unit for that period.",
                    $"Đơn vị {unit.Code} không phải báo cáo nghị quyết {resolution.Number} kỳ {reportingPeriod.ToVietnamese()}: không có chỉ tiêu hay nhiệm vụ nào được giao cho đơn vị trong kỳ này."),
            });

        var submission = world.Submissions.FirstOrDefault(s => s.UnitId == unit.Id && s.Period == reportingPeriod);
        // Rows in the order of the targets' and tasks' codes (KT-01, KT-02…): the same form every time.
        var targets = obligation.TargetIds.Select(id => world.Targets.First(t => t.Id == id))
            .OrderBy(t => t.Code is null).ThenBy(t => t.Code, StringComparer.Ordinal).ThenBy(t => t.Statement, StringComparer.Ordinal).ThenBy(t => t.Id).ToList();
        var tasks = obligation.TaskIds.Select(id => world.Tasks.First(t => t.Id == id))
            .OrderBy(t => t.Code is null).ThenBy(t => t.Code, StringComparer.Ordinal).ThenBy(t => t.Statement, StringComparer.Ordinal).ThenBy(t => t.Id).ToList();
        // The saved draft; a returned report is corrected from what was sent.
        var saved = submission switch
        {
            { State: SubmissionState.Draft, Draft: { } draft } => draft,
            { State: SubmissionState.Returned } returned => await SentAsync(session, returned, tasks, ct),
            _ => null,
        };
        var bytes = ReportFormWriter.Write(new ReportFormContent(unit, resolution, obligation, targets, tasks, saved, today, clock.GetUtcNow()),
            FormIdentity.KeyFrom(configuration));
        return Results.File(bytes, XlsxWorkbook.ContentType, FileName(unit.Code, resolution.Number, reportingPeriod.ToString()));
    }

    /// <summary>What the unit last sent, as a draft to correct: its report's figures as they stand now (revisions followed), task updates, narrative.</summary>
    private static async Task<DraftContent?> SentAsync(IQuerySession session, Submission submission, IReadOnlyList<ResolutionTask> tasks, CancellationToken ct)
    {
        if (submission.ReportIds.Count == 0 || await session.LoadAsync<ProgressReport>(submission.ReportIds[^1], ct) is not { } report) return null;
        var records = new Dictionary<Guid, FigureRecord>();
        for (var next = report.FigureIds.ToArray(); next.Length > 0;)
        {
            var loaded = await session.LoadManyAsync<FigureRecord>(ct, next);
            foreach (var r in loaded) records[r.Id] = r;
            next = loaded.Select(r => r.Figure.RevisedBy).OfType<Guid>().Where(id => !records.ContainsKey(id)).Distinct().ToArray();
        }
        var figures = new List<DraftFigure>();
        foreach (var id in report.FigureIds)
        {
            if (!records.TryGetValue(id, out var record)) continue;
            var f = record.Figure;
            for (var hops = 0; f.RevisedBy is { } by && records.TryGetValue(by, out var revision) && hops < 100; hops++) f = revision.Figure;
            figures.Add(new DraftFigure(record.TargetId, f.Value, f.Stage, f.AsOf, f.Source, f.Note, f.Items, f.ReferenceValue));
        }
        var updates = tasks.Select(t => (Task: t, Update: t.Updates.LastOrDefault(u => u.ReportId == report.Id)))
            .Where(x => x.Update is not null)
            .Select(x => new DraftTaskUpdate(x.Task.Id, x.Update!.PercentDone, x.Task.CompletedOn is not null, x.Task.CompletedOn, x.Update.Note))
            .ToList();
        return new DraftContent(figures, updates, report.Narrative, report.EvidenceReferences);
    }

    public static string FileName(string unitCode, string resolutionNumber, string period) =>
        $"bieu-mau-bao-cao-{Slug(unitCode)}-{Slug(resolutionNumber)}-{Slug(period)}.xlsx";

    private static string Slug(string text) => Unsafe().Replace(text.Normalize(System.Text.NormalizationForm.FormD), "-").Trim('-').ToLowerInvariant();

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex Unsafe();
}

/// <summary>What a form is made of: the unit, the resolution, what the unit owes for the period, and the saved draft if any.</summary>
public sealed record ReportFormContent(Unit Unit, Resolution Resolution, Obligation Obligation, IReadOnlyList<Target> Targets,
    IReadOnlyList<ResolutionTask> Tasks, DraftContent? Draft, DateOnly Today, DateTimeOffset Now);

public static class ReportFormWriter
{
    public static byte[] Write(ReportFormContent form, byte[] key)
    {
        var o = form.Obligation;
        var identity = new FormIdentity(form.Unit.Id, form.Resolution.Id, o.Period.ToString(), form.Targets.Select(t => t.Id).ToList(),
            form.Tasks.Select(t => t.Id).ToList());
        List<string> Title(string what) =>
        [
            $"BIỂU MẪU BÁO CÁO — {what.ToUpper(CultureInfo.GetCultureInfo("vi"))}",
            $"Nghị quyết: {form.Resolution.Number} — {form.Resolution.Title}",
            $"Đơn vị: {form.Unit.Code} — {form.Unit.Name}",
            $"Kỳ báo cáo: {o.Period.ToVietnamese()} (số liệu từ {Day(o.Data.From)} đến {Day(o.Data.To)})",
            $"Hạn nộp: {Day(o.DueDate)}",
            "Chỉ nhập vào các ô nền vàng. Số: nhập dạng số, hoặc viết kiểu Việt Nam (29.240,3). Ngày: dd/mm/yyyy. Dòng để trống không được gửi. Không thêm, xoá hay đổi thứ tự dòng.",
        ];

        var targets = new XlsxSheet(TargetSheet, TargetColumns) { Protect = true };
        targets.Title.AddRange(Title("chỉ tiêu"));
        foreach (var t in form.Targets)
        {
            var latest = TargetStatusView.From(t, form.Today).Latest;
            var draft = form.Draft?.Figures.FirstOrDefault(f => f.TargetId == t.Id);
            targets.Row(t.Id.ToString("D"), t.Code, t.Statement, t.UnitOfMeasure, GoalText(t), t.Baseline?.Value,
                t.Baseline?.Year.ToString(CultureInfo.InvariantCulture),
                latest?.Value, latest is null ? null : $"{ReportingPeriod.Parse(latest.Period).ToVietnamese()} ({StageName(latest.Stage)})",
                draft?.Value, draft is null ? null : StageName(draft.Stage), draft?.AsOf, draft?.Source, draft?.Note);
        }

        var tasks = new XlsxSheet(TaskSheet, TaskColumns) { Protect = true };
        tasks.Title.AddRange(Title("nhiệm vụ"));
        foreach (var t in form.Tasks)
        {
            var draft = form.Draft?.TaskUpdates.FirstOrDefault(u => u.TaskId == t.Id);
            tasks.Row(t.Id.ToString("D"), t.Code, t.Statement, t.Deadline, t.PercentDone, draft?.PercentDone, draft?.CompletedOn, draft?.Note);
        }

        var narrative = new XlsxSheet(NarrativeSheet, NarrativeColumns) { Protect = true };
        narrative.Title.AddRange(Title("đánh giá"));
        var saved = form.Draft?.Narrative;
        foreach (var (field, heading) in NarrativeHeadings)
            narrative.Row(field, heading, field switch
            {
                "results" => saved?.Results,
                "limitations" => saved?.Limitations,
                "objectiveCauses" => saved?.ObjectiveCauses,
                "subjectiveCauses" => saved?.SubjectiveCauses,
                _ => saved?.Proposals,
            });
        var evidence = form.Draft?.EvidenceReferences ?? [];
        for (var i = 0; i < evidence.Count + FreeEvidenceRows; i++)
            narrative.Row(EvidenceKey, $"Tài liệu kèm theo {i + 1} (số, ký hiệu văn bản)", i < evidence.Count ? evidence[i] : null);

        var about = new XlsxSheet(IdentitySheet, IdentityColumns) { Protect = true, VeryHidden = true }
            .Row(KindKey, Kind, "Loại biểu mẫu")
            .Row(VersionKey, FormVersion, "Phiên bản biểu mẫu")
            .Row(UnitIdKey, form.Unit.Id.ToString("D"), "Mã định danh đơn vị")
            .Row(UnitCodeKey, form.Unit.Code, "Đơn vị")
            .Row(ResolutionIdKey, form.Resolution.Id.ToString("D"), "Mã định danh nghị quyết")
            .Row(ResolutionNumberKey, form.Resolution.Number, "Số nghị quyết")
            .Row(PeriodKey, identity.Period, o.Period.ToVietnamese())
            .Row(TargetIdsKey, FormIdentity.Ids(identity.TargetIds), "Các chỉ tiêu của biểu mẫu, theo thứ tự dòng")
            .Row(TaskIdsKey, FormIdentity.Ids(identity.TaskIds), "Các nhiệm vụ của biểu mẫu, theo thứ tự dòng")
            .Row(GeneratedAtKey, form.Now.ToString("O", CultureInfo.InvariantCulture), "Thời điểm lập biểu mẫu")
            .Row(SignatureKey, identity.Sign(key), "Chữ ký của hệ thống: biểu mẫu bị sửa mã định danh sẽ không được nhận");
        return XlsxWorkbook.Write(targets, tasks, narrative, about);
    }

    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Number(decimal? value) => value is { } v ? VietnameseNumber.ToText(v, 0, 3) : "";

    /// <summary>What the target commits to, in a few words: "10 – 12 %/năm (đến năm 2025)", "≥ 95 %", "≤ 3 %", "15/22".</summary>
    public static string GoalText(Target t)
    {
        var unit = string.IsNullOrWhiteSpace(t.UnitOfMeasure) ? "" : " " + t.UnitOfMeasure;
        var goal = t.Goal;
        var what = t.Shape switch
        {
            TargetShape.Milestone => "hoàn thành",
            TargetShape.CountMeetingStandard when goal.Total is { } total => $"{Number(goal.Minimum)}/{total}{unit}",
            _ when goal is { Minimum: { } min, Maximum: { } max } => $"{Number(min)} – {Number(max)}{unit}",
            _ when goal.Minimum is { } min => $"≥ {Number(min)}{unit}",
            _ when goal.Maximum is { } max => $"≤ {Number(max)}{unit}",
            _ => "—",
        };
        return $"{what} (đến năm {t.TargetYear})";
    }
}
