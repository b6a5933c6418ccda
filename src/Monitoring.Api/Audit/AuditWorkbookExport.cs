using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Excel;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Domain.Common;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Units;
using Wolverine.Http;

namespace Monitoring.Api.Audit;

/// <summary>
/// The audit feed as a spreadsheet: the same filters, checks, access and cap (<see cref="AuditEndpoints.MaxExport"/> entries,
/// oldest first) as GET /api/audit/export, every entry with the unit's code and name beside its id. In Vietnamese, as the
/// entries' narration is; refusals answer in the caller's language.
/// </summary>
public static class AuditWorkbookExport
{
    [Authorize(Policy = Policies.Audit)]
    [WolverineGet("/api/audit/export.xlsx", OperationId = "ExportAuditWorkbook"), Tags("Audit"),
     EndpointSummary("The audit feed with the same filters as GET /api/audit/export, as .xlsx (at most 100 000 entries, oldest first)")]
    [ProducesResponseType<Stream>(200, XlsxWorkbook.ContentType)]
    public static async Task<IResult> Get(Guid? resolutionId, Guid? unitId, string? user, string? eventType, string? from, string? to,
        IQuerySession session, AuditQuery audit, TimeProvider clock, CancellationToken ct)
    {
        if (AuditEndpoints.Filter(session, resolutionId, unitId, user, eventType, from, to, null, AuditQuery.MaxLimit, out var filter) is { } problem)
            return problem;
        var (entries, capped) = await AuditEndpoints.ExportEntriesAsync(session, audit, filter!, ct);

        var unitIds = entries.Select(e => e.UnitId).OfType<Guid>().Append(unitId ?? Guid.Empty).Distinct().ToArray();
        var units = (await session.LoadManyAsync<Unit>(ct, unitIds)).ToDictionary(u => u.Id);
        var now = VietnamTime.Of(clock.GetUtcNow());
        var sheet = new XlsxSheet("Nhật ký", [
            new XlsxColumn("Số thứ tự", XlsxKind.Integer, Width: 10), new XlsxColumn("Thời điểm", XlsxKind.DateTime, Width: 17),
            new XlsxColumn("Người thực hiện", Width: 24), new XlsxColumn("Mã đơn vị", Width: 16), new XlsxColumn("Đơn vị", Width: 30),
            new XlsxColumn("Loại sự kiện", Width: 24), new XlsxColumn("Nội dung", Width: 60), new XlsxColumn("Lý do", Width: 30),
            new XlsxColumn("Trước", Width: 24), new XlsxColumn("Sau", Width: 24), new XlsxColumn("Mã đối tượng", Width: 38),
            new XlsxColumn("Phiên bản", XlsxKind.Integer, Width: 9), new XlsxColumn("Mã sự kiện", Width: 38), new XlsxColumn("Mã đơn vị (id)", Width: 38),
            new XlsxColumn("Mã tương quan", Width: 24),
        ])
        {
            Title =
            {
                "Nhật ký hệ thống theo dõi thực hiện nghị quyết",
                $"Lập lúc {now.ToString("HH:mm", CultureInfo.InvariantCulture)} ngày {now.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}; " +
                $"{entries.Count.ToString("#,##0", CultureInfo.GetCultureInfo("vi-VN"))} mục, cũ nhất trước" +
                (capped ? $" (chỉ xuất {AuditEndpoints.MaxExport.ToString("#,##0", CultureInfo.GetCultureInfo("vi-VN"))} mục đầu tiên; hãy thu hẹp điều kiện lọc để xuất phần còn lại)." : "."),
            },
        };
        var filters = new List<string>();
        if (resolutionId is { } r)
            filters.Add($"nghị quyết {(await session.LoadAsync<Resolution>(r, ct) is { } resolution ? resolution.Number : r.ToString())}");
        if (unitId is { } u) filters.Add($"đơn vị {(units.TryGetValue(u, out var named) ? $"{named.Code} – {named.Name}" : u.ToString())}");
        if (!string.IsNullOrWhiteSpace(user)) filters.Add($"người thực hiện {user}");
        if (!string.IsNullOrWhiteSpace(eventType)) filters.Add($"loại sự kiện {eventType}");
        if (filter!.From is { } since) filters.Add($"từ {Moment(since)}");
        if (filter.To is { } until) filters.Add($"đến {Moment(until)}");
        if (filters.Count > 0) sheet.Title.Add("Lọc: " + string.Join("; ", filters) + ".");

        foreach (var e in entries)
        {
            var unit = e.UnitId is { } id ? units.GetValueOrDefault(id) : null;
            sheet.Row(e.Sequence, e.Timestamp, e.User, unit?.Code, unit?.Name, e.EventType, e.Summary, e.Reason, e.Before, e.After, e.StreamId.ToString(),
                e.Version, e.EventId.ToString(), e.UnitId?.ToString(), e.CorrelationId);
        }
        return XlsxDownload.Named(XlsxWorkbook.Write(sheet), "nhat-ky", "Nhật ký", now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static string Moment(DateTimeOffset at)
    {
        var local = VietnamTime.Of(at);
        return local.ToString("HH:mm", CultureInfo.InvariantCulture) + " ngày " + local.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
    }
}
