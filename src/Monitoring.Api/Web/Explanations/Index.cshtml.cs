using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Explanations;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;
using Monitoring.Api.Reporting;
using Monitoring.Api.Targets;
using Monitoring.Api.Tasks;
using Monitoring.Domain.Explanations;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Units;

namespace Monitoring.Api.Web.Explanations;

/// <summary>
/// The committee's explanation requests (yêu cầu giải trình): who was asked what, by when, where each stands and what the units
/// answered; and the targets that need explaining (at risk or off track on approved data), each with a form to ask.
/// </summary>
// The committee's view across units; a reporting unit answers its own requests on /unit/explanations.
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Monitoring.Api.Infrastructure.Security.Policies.ReadAll)]
public sealed class IndexModel : MonitoringPage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public Guid? ResolutionId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public ExplanationState? State { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Overdue { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }
    /// <summary>Set after a request was opened (post, redirect, get): the page says so.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Opened { get; set; }

    // The form to open a request for a candidate target.
    [BindProperty] public Guid? TargetId { get; set; }
    [BindProperty] public string? Question { get; set; }
    [BindProperty] public string? DueDate { get; set; }
    [BindProperty] public List<Guid> UnitIds { get; set; } = [];

    public Page<ExplanationRequestDetails> Requests { get; private set; } = null!;
    public IReadOnlyList<ExplanationCandidate>? Candidates { get; private set; }
    public IReadOnlyDictionary<Guid, Unit> Units { get; private set; } = new Dictionary<Guid, Unit>();
    public IReadOnlyList<Resolution> Resolutions { get; private set; } = [];
    public IReadOnlyDictionary<Guid, (string Text, string? Link)> Subjects { get; private set; } = new Dictionary<Guid, (string, string?)>();
    public bool MayAsk { get; private set; }

    /// <summary>The API's answer to the form, when it refused it (400): its messages go beside the fields.</summary>
    public ApiAnswer<ExplanationRequestWritten>? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostOpenAsync(CancellationToken ct)
    {
        var body = new Dictionary<string, object?>
        {
            ["targetId"] = TargetId,
            ["question"] = Question ?? "",
            ["dueDate"] = string.IsNullOrWhiteSpace(DueDate) ? null
                : ParseDay(DueDate)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? DueDate.Trim(),
            ["unitIds"] = UnitIds.Count == 0 ? null : UnitIds,
        };
        var answer = await Api.SendAsync<ExplanationRequestWritten>("POST", "/api/explanation-requests", body, ct);
        if (answer.Ok) return Redirect(InProcessApi.Query("/explanations", ("resolutionId", ResolutionId), ("asOf", AsOfIso), ("opened", answer.Value!.RequestId)));
        if (answer.Status != StatusCodes.Status400BadRequest) return Refused(answer);
        Refusal = answer;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await LoadAsync(ct) ?? Page();
    }

    public IReadOnlyList<string> ErrorsFor(Guid targetId, string field) =>
        Refusal is not null && TargetId == targetId ? Refusal.ErrorsFor(field) : [];

    /// <summary>The API's messages on the form that name no field shown (or the body as a whole).</summary>
    public IEnumerable<string> OtherErrors(Guid targetId) =>
        Refusal is not null && TargetId == targetId
            ? Refusal.Problem?.Errors.Where(e => e.Key is not ("question" or "dueDate" or "unitIds" or "targetId")).SelectMany(e => e.Value) ?? []
            : [];

    public string UnitCode(Guid id) => Units.TryGetValue(id, out var u) ? u.Code : id.ToString()[..8];
    public string? UnitName(Guid id) => Units.TryGetValue(id, out var u) ? u.Name : null;

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var requests = await Api.GetAsync<Page<ExplanationRequestDetails>>(InProcessApi.Query("/api/explanation-requests",
            ("resolutionId", ResolutionId), ("unitId", UnitId), ("state", State), ("overdue", Overdue), ("asOf", AsOfIso), ("page", PageNumber), ("pageSize", PageSize)), ct);
        if (!requests.Ok) return Refused(requests);
        Requests = requests.Value!;

        var units = await Api.GetAsync<Page<Unit>>(InProcessApi.Query("/api/units", ("pageSize", Paging.MaxPageSize)), ct);
        if (!units.Ok) return Refused(units);
        Units = units.Value!.Items.ToDictionary(u => u.Id);
        var resolutions = await Api.GetAsync<Page<Resolution>>(InProcessApi.Query("/api/resolutions", ("pageSize", Paging.MaxPageSize)), ct);
        if (!resolutions.Ok) return Refused(resolutions);
        Resolutions = resolutions.Value!.Items.OrderBy(r => r.Number).ToList();

        // What needs explaining is read across units: shown to those the API shows it to.
        var candidates = await Api.GetAsync<List<ExplanationCandidate>>(InProcessApi.Query("/api/explanation-requests/candidates",
            ("resolutionId", ResolutionId)), ct);
        if (candidates.Ok) Candidates = candidates.Value!;
        else if (candidates.Status != StatusCodes.Status403Forbidden) return Refused(candidates);
        MayAsk = (await HttpContext.RequestServices.GetRequiredService<IAuthorizationService>()
            .AuthorizeAsync(User, Policies.RequestExplanation)).Succeeded;

        var subjects = new Dictionary<Guid, (string, string?)>();
        foreach (var request in Requests.Items.DistinctBy(r => r.SubjectId))
            subjects[request.SubjectId] = await SubjectAsync(request.SubjectKind, request.SubjectId, ct);
        Subjects = subjects;
        return null;
    }

    /// <summary>What a request is about, in words, with the page that shows it.</summary>
    private async Task<(string Text, string? Link)> SubjectAsync(ExplanationSubjectKind kind, Guid id, CancellationToken ct)
    {
        switch (kind)
        {
            case ExplanationSubjectKind.Target:
                var target = await Api.GetAsync<TargetStatusView>(InProcessApi.Query($"/api/targets/{id}", ("cutOff", AsOfIso)), ct);
                return (T("Target", "Chỉ tiêu") + ": " + (target.Value is { } t ? Prefix(t.Code) + t.Statement : id.ToString()), WithAsOf($"/targets/{id}"));
            case ExplanationSubjectKind.Task:
                var task = await Api.GetAsync<TaskStatusView>($"/api/tasks/{id}", ct);
                return (T("Task", "Nhiệm vụ") + ": " + (task.Value is { } k ? Prefix(k.Code) + k.Statement : id.ToString()), WithAsOf($"/tasks/{id}"));
            default:
                var submission = await Api.GetAsync<SubmissionView>($"/api/submissions/{id}", ct);
                return (T("Report", "Báo cáo") + (submission.Value is { } s
                    ? $" {Reporting.ReportingWords.PeriodName(s.Period)} — {UnitCode(s.UnitId)}" : " " + id), $"/submissions/{id}");
        }
    }

    private static string Prefix(string? code) => string.IsNullOrWhiteSpace(code) ? "" : code + ": ";

    public string StateName(ExplanationState state, string stateText) => Infrastructure.Localized.Vietnamese ? stateText : state switch
    {
        ExplanationState.Open => "waiting for an answer",
        ExplanationState.Answered => "answered, to be considered",
        ExplanationState.FollowUpAsked => "follow-up asked",
        _ => "accepted",
    };

    public static string StateClass(ExplanationRequestDetails r) => r.Overdue ? "status-red"
        : r.State switch { ExplanationState.Accepted => "status-green", ExplanationState.Answered => "status-amber", _ => "status-grey" };

    /// <summary>The due date the form offers: two weeks from the page's day.</summary>
    public string DefaultDueDate => Display.Date(Day.AddDays(14));

    public string PageLink(int page) => InProcessApi.Query("/explanations", ("resolutionId", ResolutionId), ("unitId", UnitId), ("state", State),
        ("overdue", Overdue), ("asOf", AsOfIso), ("page", page));
}
