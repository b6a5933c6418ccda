using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Web;
using Monitoring.Api.Reporting;
using Monitoring.Domain.Reporting;

namespace Monitoring.Api.Web.UnitPages;

/// <summary>
/// What the unit owes: every report due per resolution and period, with the due date, the days left or overdue and the
/// state; the reports the secretariat returned come first, with its reason and remarks. The secretariat may open it for
/// a unit (<c>?unitId=</c>); whether the caller may see that unit is the API's answer.
/// </summary>
public sealed class IndexModel : MonitoringPage
{
    /// <summary>A returned report: the obligation, and the secretariat's last return (reason and remarks).</summary>
    public sealed record ReturnedRow(ObligationView Obligation, SubmissionStep? Return, IReadOnlyDictionary<Guid, Guid> TargetOfFigure);

    [BindProperty(SupportsGet = true)]
    public Guid? UnitId { get; set; }

    public IReadOnlyList<ReturnedRow> Returned { get; private set; } = [];
    public IReadOnlyList<ObligationView> Open { get; private set; } = [];
    public IReadOnlyList<ObligationView> Done { get; private set; } = [];
    public bool ShowUnit { get; private set; }
    public string? UnitName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Refused(BadUnitId());
        var obligations = await Api.GetAsync<List<ObligationView>>(InProcessApi.Query("/api/obligations", ("unitId", UnitId), ("asOf", AsOfIso)), ct);
        if (!obligations.Ok) return Refused(obligations);
        var returned = await Api.GetAsync<Page<SubmissionView>>(InProcessApi.Query("/api/submissions", ("unitId", UnitId),
            ("state", nameof(SubmissionState.Returned)), ("pageSize", Paging.MaxPageSize)), ct);
        if (!returned.Ok) return Refused(returned);
        var returns = returned.Value!.Items.ToDictionary(s => s.Id);

        var all = obligations.Value!;
        ShowUnit = all.Select(o => o.UnitId).Distinct().Count() > 1 || (!Caller.IsReporter && UnitId is null);
        UnitName = all.Select(o => $"{o.UnitCode} — {o.UnitName}").Distinct().Count() == 1 ? all.Select(o => $"{o.UnitCode} — {o.UnitName}").First() : null;
        var rows = new List<ReturnedRow>();
        foreach (var o in all.Where(o => o.State == SubmissionState.Returned))
        {
            var submission = returns.GetValueOrDefault(o.SubmissionId);
            // A remark may name only a figure: the returned report says which target each of its figures is about.
            var targetOf = new Dictionary<Guid, Guid>();
            if (submission?.ReportIds.LastOrDefault() is { } reportId && reportId != Guid.Empty)
            {
                var report = await Api.GetAsync<ProgressReport>($"/api/reports/{reportId}", ct);
                if (!report.Ok) return Refused(report);
                for (var i = 0; i < Math.Min(report.Value!.FigureIds.Count, report.Value.TargetIds.Count); i++)
                    targetOf[report.Value.FigureIds[i]] = report.Value.TargetIds[i];
            }
            rows.Add(new ReturnedRow(o, submission?.Steps.LastOrDefault(x => x.State == SubmissionState.Returned), targetOf));
        }
        Returned = rows;
        // What still has to be done first, the nearest due date first; what was sent, the latest period first.
        Open = all.Where(o => o.State is SubmissionState.NotStarted or SubmissionState.Draft).OrderBy(o => o.DueDate).ThenBy(o => o.ResolutionNumber).ToList();
        Done = all.Where(o => o.State is SubmissionState.Submitted or SubmissionState.Approved).OrderByDescending(o => o.DueDate)
            .ThenBy(o => o.ResolutionNumber).ToList();
        return Page();
    }

    internal static ApiAnswer<object> BadUnitId() => new(StatusCodes.Status400BadRequest, null, Problems.InvalidDetails("unitId",
        T("unitId is the id of a unit (a GUID).", "unitId phải là mã định danh (GUID) của một đơn vị.")));

    /// <summary>The report form of an obligation (naming the unit when the caller looks on a unit's behalf).</summary>
    public string FormLink(ObligationView o) =>
        UnitTexts.WithUnit($"/unit/reports/{o.ResolutionId}/{o.Period}", Caller.IsReporter ? null : o.UnitId);

    /// <summary>The obligation's Excel form, downloaded through the report page (which asks the API as the signed-in user).</summary>
    public string ExcelLink(ObligationView o) =>
        UnitTexts.WithUnit($"/unit/reports/{o.ResolutionId}/{o.Period}?handler=Excel", Caller.IsReporter ? null : o.UnitId);

    /// <summary>The Excel form is offered where the report can still be written, to those who write it (the API's Report policy).</summary>
    public bool OffersExcel(ObligationView o) =>
        Caller.Role is Infrastructure.Security.Roles.Reporter or Infrastructure.Security.Roles.Secretariat
        && o.State is SubmissionState.NotStarted or SubmissionState.Draft or SubmissionState.Returned;

    public static string LinkText(SubmissionState state) => state switch
    {
        SubmissionState.NotStarted => T("Write the report", "Lập báo cáo"),
        SubmissionState.Draft or SubmissionState.Returned => T("Edit the report", "Sửa báo cáo"),
        _ => T("View the report", "Xem báo cáo"),
    };

    /// <summary>What the secretariat's remark is about: the target or task of the obligation it names.</summary>
    public static string About(ReturnedRow row, ReturnComment c)
    {
        var o = row.Obligation;
        var targetId = c.TargetId ?? (c.FigureId is { } f ? row.TargetOfFigure.GetValueOrDefault(f) : null);
        var item = o.Targets.FirstOrDefault(t => t.Id == targetId) ?? o.Tasks.FirstOrDefault(t => t.Id == c.TaskId);
        return item is null ? T("The report", "Báo cáo") : (item.Code is { Length: > 0 } code ? $"{code} — {item.Statement}" : item.Statement);
    }
}
