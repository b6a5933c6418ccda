using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Audit;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;
using Monitoring.Domain.Explanations;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;
using Monitoring.Domain.Units;

namespace Monitoring.Api.Web.Audit;

/// <summary>
/// The audit feed (nhật ký): who recorded what, when, from which unit, why, and what it was before, filtered as the API filters
/// it, a page at a time, with the same rows as CSV.
/// </summary>
[Authorize(Policy = Policies.Audit)]
public sealed class IndexModel : AuditFeedPage
{
    public const int PageSize = 50;

    /// <summary>The cursor: the last sequence of the page before (the API's <c>after</c>).</summary>
    [BindProperty(SupportsGet = true)] public long? After { get; set; }

    public AuditPage? Feed { get; private set; }
    public ApiAnswer<AuditPage>? Refusal { get; private set; }
    public IReadOnlyDictionary<Guid, Unit> Units { get; private set; } = new Dictionary<Guid, Unit>();
    public IReadOnlyList<Resolution>? Resolutions { get; private set; }
    public IReadOnlyList<(string Name, string Label)> EventTypes { get; private set; } = [];
    private IReadOnlyDictionary<string, Type> _typeOf = new Dictionary<string, Type>();

    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var known = KnownEventTypes();
        _typeOf = known.ToDictionary(t => t.Stored, t => t.Type);
        EventTypes = known.Select(t => (t.Name, EventLabel(t.Name))).OrderBy(t => t.Item2, StringComparer.CurrentCulture).ToList();

        var feed = await Api.GetAsync<AuditPage>(InProcessApi.Query("/api/audit", [.. ApiFilters(), ("after", After), ("limit", PageSize)]), ct);
        if (feed.Status == StatusCodes.Status400BadRequest)
        {
            // The form is redrawn with the API's messages beside the filters it refused.
            Refusal = feed;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else if (!feed.Ok) return Refused(feed);
        else Feed = feed.Value!;

        // Names for the units and resolutions, where the caller may read them (an auditor reads the audit trail only).
        var units = await Api.GetAsync<Page<Unit>>(InProcessApi.Query("/api/units", ("pageSize", Paging.MaxPageSize)), ct);
        if (units.Ok) Units = units.Value!.Items.ToDictionary(u => u.Id);
        var resolutions = await Api.GetAsync<Page<Resolution>>(InProcessApi.Query("/api/resolutions", ("pageSize", Paging.MaxPageSize)), ct);
        if (resolutions.Ok) Resolutions = resolutions.Value!.Items.OrderBy(r => r.Number).ToList();

        if (Feed is { } page)
        {
            PageNumber = (int)((page.EntriesBefore + PageSize - 1) / PageSize) + 1;
            var remaining = page.TotalEntries - page.EntriesBefore;
            PageCount = PageNumber - 1 + (int)Math.Max(1, (remaining + PageSize - 1) / PageSize);
        }
        return Page();
    }

    public IReadOnlyList<string> ErrorsFor(string field) => Refusal?.ErrorsFor(field) ?? [];

    public string UnitName(Guid? id) => id is not { } unit ? "—" : Units.TryGetValue(unit, out var u) ? u.Code : unit.ToString()[..8];

    public string? UnitTitle(Guid? id) => id is { } unit && Units.TryGetValue(unit, out var u) ? u.Name : null;

    /// <summary>Where the entry's stream is shown: a target's, a task's, a submission's or a resolution's page; none for a unit.</summary>
    public string? StreamLink(AuditEntry entry)
    {
        if (!_typeOf.TryGetValue(entry.EventType, out var type) || ExplanationRequests.EventTypes.Contains(type)) return null;
        if (Target.EventTypes.Contains(type)) return $"/targets/{entry.StreamId}";
        if (ResolutionTask.EventTypes.Contains(type)) return $"/tasks/{entry.StreamId}";
        if (Submission.EventTypes.Contains(type)) return $"/submissions/{entry.StreamId}";
        if (Resolution.EventTypes.Contains(type)) return $"/resolutions/{entry.StreamId}";
        return null;
    }

    public string EventLabel(AuditEntry entry) => _typeOf.TryGetValue(entry.EventType, out var type) ? EventLabel(type.Name) : entry.EventType;

    /// <summary>An event type in the reader's words (the CLR name, e.g. SubmissionApproved, spelled out in English).</summary>
    public static string EventLabel(string name) => T(Words(name), name switch
    {
        "UnitRegistered" => "Đăng ký đơn vị",
        "UnitRecipientsSet" => "Cập nhật nơi nhận thông báo",
        "ResolutionDefined" => "Nhập nghị quyết",
        "TargetDefined" => "Xác định chỉ tiêu",
        "TargetAssigned" => "Phân công thực hiện chỉ tiêu",
        "BaselineRecorded" => "Ghi nhận số liệu gốc",
        "ProgressReported" => "Báo cáo số liệu",
        "FigureRevised" => "Điều chỉnh số liệu",
        "TargetAdjusted" => "Điều chỉnh chỉ tiêu",
        "FiguresApproved" => "Phê duyệt số liệu",
        "FiguresReturned" => "Trả lại số liệu",
        "TaskDefined" => "Xác định nhiệm vụ",
        "TaskAssigned" => "Phân công thực hiện nhiệm vụ",
        "TaskProgressReported" => "Báo cáo tiến độ nhiệm vụ",
        "TaskCompleted" => "Hoàn thành nhiệm vụ",
        "TaskSuspended" => "Tạm dừng nhiệm vụ",
        "TaskReopened" => "Mở lại nhiệm vụ",
        "TaskDeadlineExtended" => "Gia hạn nhiệm vụ",
        "ReviewGenerated" => "Lập báo cáo sơ kết, tổng kết",
        "ReviewConcluded" => "Kết luận của Ban Thường vụ",
        "ReportSubmitted" => "Nội dung báo cáo được nộp",
        "SubmissionDraftSaved" => "Lưu bản nháp báo cáo",
        "SubmissionSubmitted" => "Nộp báo cáo",
        "SubmissionApproved" => "Phê duyệt báo cáo",
        "SubmissionReturned" => "Trả lại báo cáo",
        "LockExceptionGranted" => "Cho phép mở khoá số liệu",
        "SubmissionReopened" => "Báo cáo chờ phê duyệt lại",
        "ExplanationRequested" => "Yêu cầu giải trình",
        "ExplanationGiven" => "Đơn vị giải trình",
        "ExplanationAccepted" => "Chấp nhận giải trình",
        "FollowUpAsked" => "Yêu cầu giải trình thêm",
        _ => Words(name),
    });

    private static string Words(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : c.ToString()));

    public string PageLink(long? after) => Link("/audit", ("after", after));
}
