using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Explanations;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;
using Monitoring.Api.Reporting;
using Monitoring.Api.Targets;
using Monitoring.Api.Tasks;
using Monitoring.Domain.Explanations;

namespace Monitoring.Api.Web.UnitPages;

/// <summary>
/// The explanation requests (yêu cầu giải trình) addressed to the unit: what was asked about, the question and every
/// follow-up, the due date, the state, the answers given, and a form to answer. The API scopes a reporter to its own
/// unit's requests; the secretariat may open the page for a unit (<c>?unitId=</c>) and answer on its behalf.
/// </summary>
public sealed class ExplanationsModel : MonitoringPage
{
    [BindProperty(SupportsGet = true)]
    public Guid? UnitId { get; set; }

    [TempData] public string? Confirmation { get; set; }

    public IReadOnlyList<ExplanationRequestDetails> Requests { get; private set; } = [];
    /// <summary>What each request is about, in words: "Chỉ tiêu KT-01 — Thu ngân sách…", "Báo cáo 6 tháng đầu năm 2023".</summary>
    public Dictionary<Guid, string> Subjects { get; } = [];
    /// <summary>The request whose answer the API refused, with its messages and what was typed.</summary>
    public Guid? FailedRequest { get; private set; }
    public string? TypedText { get; private set; }
    public string? TypedEvidence { get; private set; }
    public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

    public bool MayAnswer => Caller.Role is Roles.Reporter or Roles.Secretariat;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAnswerAsync(Guid requestId, string? text, string? evidence, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        var answer = await Api.SendAsync<ExplanationRequestWritten>("POST", $"/api/explanation-requests/{requestId}/answers",
            new AnswerExplanationRequest(Caller.IsReporter ? null : UnitId, text ?? "", UnitTexts.Lines(evidence)), ct);
        if (answer.Ok)
        {
            Confirmation = T("Your explanation was recorded and sent to the standing committee.", "Đã ghi nhận nội dung giải trình và chuyển Ban Thường vụ xem xét.");
            return Redirect(UnitTexts.WithUnit("/unit/explanations", UnitId) + "#req-" + requestId);
        }
        if (answer.Status != StatusCodes.Status400BadRequest && answer.Status != StatusCodes.Status409Conflict) return Refused(answer);
        FailedRequest = requestId;
        TypedText = text;
        TypedEvidence = evidence;
        var problem = answer.Problem;
        if (problem is null || problem.Errors.Count == 0)
            Add("", problem?.Detail is { Length: > 0 } detail ? detail : problem?.Title ?? T("The answer was refused.", "Nội dung giải trình không được chấp nhận."));
        else
            foreach (var (path, messages) in problem.Errors)
                foreach (var message in messages)
                    Add(path.Equals("text", StringComparison.OrdinalIgnoreCase) ? "text"
                        : path.StartsWith("evidenceReferences", StringComparison.OrdinalIgnoreCase) ? "evidence" : "", message);
        Response.StatusCode = answer.Status;
        return Page();
    }

    private void Add(string key, string message)
    {
        if (!Errors.TryGetValue(key, out var list)) Errors[key] = list = [];
        list.Add(message);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid && ModelState.TryGetValue(nameof(UnitId), out var state) && state.Errors.Count > 0) return Refused(IndexModel.BadUnitId());
        var requests = await Api.GetAsync<Page<ExplanationRequestDetails>>(InProcessApi.Query("/api/explanation-requests", ("unitId", UnitId),
            ("asOf", AsOfIso), ("pageSize", Paging.MaxPageSize)), ct);
        if (!requests.Ok) return Refused(requests);
        Requests = requests.Value!.Items;
        foreach (var r in Requests)
        {
            if (Subjects.ContainsKey(r.SubjectId)) continue;
            Subjects[r.SubjectId] = r.SubjectKind switch
            {
                ExplanationSubjectKind.Target => await Api.GetAsync<TargetStatusView>($"/api/targets/{r.SubjectId}", ct) is { Ok: true, Value: { } t }
                    ? T("Target ", "Chỉ tiêu ") + Named(t.Code, t.Statement) : T("Target", "Chỉ tiêu"),
                ExplanationSubjectKind.Task => await Api.GetAsync<TaskStatusView>($"/api/tasks/{r.SubjectId}", ct) is { Ok: true, Value: { } k }
                    ? T("Task ", "Nhiệm vụ ") + Named(k.Code, k.Statement) : T("Task", "Nhiệm vụ"),
                _ => await Api.GetAsync<SubmissionView>($"/api/submissions/{r.SubjectId}", ct) is { Ok: true, Value: { } s }
                    ? T("Report for ", "Báo cáo ") + UnitTexts.PeriodName(s.Period) : T("Report", "Báo cáo"),
            };
        }
        return null;
    }

    private static string Named(string? code, string statement) => code is { Length: > 0 } ? $"{code} — {statement}" : statement;

    public IReadOnlyList<string> ErrorsOf(string key) => Errors.TryGetValue(key, out var list) ? list : [];

    /// <summary>Whether the form is shown for a request: not once it is accepted; a reporter's only while its unit is asked.</summary>
    public bool Answerable(ExplanationRequestDetails r) => MayAnswer && r.State != ExplanationState.Accepted;

    /// <summary>Whether the unit (the reporter's, or the one the secretariat looks for) still owes an answer to the current question.</summary>
    public bool Awaiting(ExplanationRequestDetails r) =>
        (Caller.IsReporter ? Caller.UnitId : UnitId) is { } unit ? r.AwaitingUnitIds.Contains(unit) : r.AwaitingUnitIds.Count > 0;
}
