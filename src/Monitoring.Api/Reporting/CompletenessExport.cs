using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure.Excel;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Units;
using Wolverine.Http;

namespace Monitoring.Api.Reporting;

/// <summary>
/// One period's reporting completeness as a spreadsheet: the same reading, parameters, checks and access as
/// GET /api/reporting/completeness, laid out as a summary and one sheet per list. The file is in Vietnamese (like the
/// review); refusals answer in the caller's language.
/// </summary>
public static class CompletenessExport
{
    [Authorize(Policy = Policies.ReadAll)]
    [WolverineGet("/api/reporting/completeness.xlsx", OperationId = "ExportReportingCompleteness"), Tags("Reports"),
     EndpointSummary("One period's reporting completeness as .xlsx, with the same parameters as GET /api/reporting/completeness")]
    [EndpointDescription("Sheets: \"Tổng hợp\" (expected, submitted, on time, late, missing, approved, returned, rates), \"Theo nghị quyết\", \"Theo đơn vị\", \"Nộp muộn\", \"Chưa nộp\" and \"Tất cả báo cáo\" (every unit's report of the period: due date, first submitted at, days overdue, state, timeliness).")]
    [ProducesResponseType<Stream>(200, XlsxWorkbook.ContentType)]
    public static async Task<IResult> Get(string? period, Guid? resolutionId, Guid? unitId, string? asOf, IQuerySession session,
        ReportingCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var (reading, problem) = await CompletenessReading.ReadAsync(period, resolutionId, unitId, asOf, session, calendar, clock, ct);
        if (problem is not null) return problem;
        var view = reading!.View;

        var summary = new XlsxSheet("Tổng hợp", [new XlsxColumn("Nội dung", Width: 40), new XlsxColumn("Giá trị", XlsxKind.Number, Width: 14)])
        {
            Title =
            {
                $"Tình hình báo cáo kỳ {view.PeriodName} ({view.Period})",
                $"Số liệu từ ngày {Day(view.DataFrom)} đến ngày {Day(view.DataTo)}; hạn nộp báo cáo ngày {Day(view.DueDate)}",
                $"Tình hình tính đến ngày {Day(view.AsOf)}",
            },
        };
        var filters = new List<string>();
        if (resolutionId is { } r && await session.LoadAsync<Resolution>(r, ct) is { } resolution) filters.Add($"nghị quyết {resolution.Number}");
        if (unitId is { } u && await session.LoadAsync<Unit>(u, ct) is { } unit) filters.Add($"đơn vị {unit.Code} – {unit.Name}");
        if (filters.Count > 0) summary.Title.Add("Lọc: " + string.Join("; ", filters) + ".");
        var c = view.Total;
        summary.Row("Số báo cáo phải nộp", c.Expected).Row("Đã nộp", c.Submitted).Row("Nộp đúng hạn", c.OnTime).Row("Nộp muộn", c.Late)
            .Row("Chưa nộp (đã quá hạn)", c.Missing).Row("Chưa đến hạn", c.NotYetDue).Row("Bản nháp (chưa nộp)", c.Draft)
            .Row("Chờ phê duyệt", c.AwaitingApproval).Row("Đã phê duyệt", c.Approved).Row("Bị trả lại", c.Returned)
            .Row("Tỷ lệ nộp báo cáo (%)", c.ReportingRate).Row("Tỷ lệ nộp đúng hạn (%)", c.OnTimeRate);

        var byResolution = Counted("Theo nghị quyết", [
            new XlsxColumn("Số hiệu", Width: 14), new XlsxColumn("Nghị quyết", Width: 48), new XlsxColumn("Báo cáo theo kỳ này", Width: 10),
        ], [new XlsxColumn("Đơn vị nộp muộn", Width: 30), new XlsxColumn("Đơn vị chưa nộp", Width: 30)]);
        foreach (var x in view.Resolutions)
            byResolution.Row([x.Number, x.Title, x.ReportedOnPeriod ? "có" : "không", .. Counts(x.Counts),
                Codes(x.LateUnits), Codes(x.MissingUnits)]);
        var byUnit = Counted("Theo đơn vị", [new XlsxColumn("Mã đơn vị", Width: 16), new XlsxColumn("Đơn vị", Width: 40)], []);
        foreach (var x in view.Units) byUnit.Row([x.Code, x.Name, .. Counts(x.Counts)]);

        return XlsxDownload.Named(XlsxWorkbook.Write(summary, byResolution, byUnit,
                Reports("Nộp muộn", view.Late, view.AsOf), Reports("Chưa nộp", view.Missing, view.AsOf), Reports("Tất cả báo cáo", reading.Reports, view.AsOf)),
            "tinh-hinh-bao-cao", "Tình hình báo cáo", view.Period, view.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static readonly string[] CountHeaders =
    [
        "Phải nộp", "Đã nộp", "Đúng hạn", "Nộp muộn", "Chưa nộp", "Chưa đến hạn", "Bản nháp", "Chờ phê duyệt", "Đã phê duyệt", "Bị trả lại",
    ];

    /// <summary>A sheet of counts: its own columns, the counts and the two rates, then more columns.</summary>
    private static XlsxSheet Counted(string name, IEnumerable<XlsxColumn> first, IEnumerable<XlsxColumn> last) => new(name,
    [
        .. first, .. CountHeaders.Select(h => new XlsxColumn(h, XlsxKind.Integer, Width: 10)),
        new XlsxColumn("Tỷ lệ nộp (%)", XlsxKind.Number, Width: 10), new XlsxColumn("Tỷ lệ đúng hạn (%)", XlsxKind.Number, Width: 10), .. last,
    ]);

    private static object?[] Counts(CompletenessCounts c) =>
        [c.Expected, c.Submitted, c.OnTime, c.Late, c.Missing, c.NotYetDue, c.Draft, c.AwaitingApproval, c.Approved, c.Returned, c.ReportingRate, c.OnTimeRate];

    private static string Codes(IReadOnlyList<UnitReference> units) => string.Join(", ", units.Select(u => u.Code));

    private static XlsxSheet Reports(string name, IReadOnlyList<LateOrMissingReport> reports, DateOnly asOf)
    {
        var sheet = new XlsxSheet(name, [
            new XlsxColumn("Mã đơn vị", Width: 16), new XlsxColumn("Đơn vị", Width: 40), new XlsxColumn("Nghị quyết", Width: 14),
            new XlsxColumn("Hạn nộp", XlsxKind.Date, Width: 12), new XlsxColumn("Nộp lần đầu lúc", XlsxKind.DateTime, Width: 17),
            new XlsxColumn("Số ngày quá hạn", XlsxKind.Integer, Width: 10), new XlsxColumn("Trạng thái", Width: 16), new XlsxColumn("Tình hình nộp", Width: 14),
        ]);
        foreach (var x in reports)
            sheet.Row(x.UnitCode, x.UnitName, x.ResolutionNumber, x.DueDate, x.FirstSubmittedAt, x.DaysOverdue(asOf), StateText(x.State), TimelinessText(x.Timeliness));
        return sheet;
    }

    /// <summary>The reporting cycle's states as the pages say them in Vietnamese.</summary>
    public static string StateText(SubmissionState state) => state switch
    {
        SubmissionState.NotStarted => "chưa lập",
        SubmissionState.Draft => "bản nháp",
        SubmissionState.Submitted => "chờ phê duyệt",
        SubmissionState.Approved => "đã phê duyệt",
        _ => "bị trả lại",
    };

    public static string TimelinessText(Timeliness timeliness) => timeliness switch
    {
        Timeliness.OnTime => "đúng hạn",
        Timeliness.Late => "nộp muộn",
        Timeliness.Missing => "chưa nộp",
        _ => "chưa đến hạn",
    };

    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
