using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;
using Monitoring.Api.Reporting;
using Monitoring.Api.Targets;
using Monitoring.Api.Tasks;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Tasks;
using Monitoring.Domain.Units;

namespace Monitoring.Api.Web.Submissions;

/// <summary>
/// One unit's report for a resolution and period: what it holds (figures against their targets, task progress, the narrative),
/// every step it went through, and — while it waits — the secretariat's forms to approve it or return it with a reason and
/// remarks on single figures and tasks. The API decides and validates; its messages are shown beside the fields.
/// </summary>
public sealed class DetailsModel : MonitoringPage
{
    [FromRoute] public Guid Id { get; set; }

    /// <summary>After a successful approval or return (post, redirect, get): <c>approved</c> or <c>returned</c>.</summary>
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    // The forms. Version is the submission's version the form was drawn from: a step by someone else in between is refused.
    [BindProperty] public long? Version { get; set; }
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public List<RemarkInput> Remarks { get; set; } = [];

    public sealed class RemarkInput
    {
        public Guid? TargetId { get; set; }
        public Guid? FigureId { get; set; }
        public Guid? TaskId { get; set; }
        public string? Text { get; set; }
    }

    public sealed record FigureRow(TimelineEntry Entry, string Statement, string UnitOfMeasure, Guid TargetId, bool Pending);
    public sealed record TaskRow(TaskStatusView Task, TaskUpdate? Update);

    public SubmissionView Submission { get; private set; } = null!;
    public Unit? Unit { get; private set; }
    public Resolution? Resolution { get; private set; }
    public ProgressReport? Report { get; private set; }
    public IReadOnlyList<FigureRow> Figures { get; private set; } = [];
    public IReadOnlyList<TaskRow> Tasks { get; private set; } = [];
    public bool MayApprove { get; private set; }

    /// <summary>Which form the API refused (approve or return), with its answer.</summary>
    public string? RefusedForm { get; private set; }
    public HttpValidationProblemDetails? Refusal { get; private set; }
    /// <summary>The API's index of each remark sent (the filled ones only) → the form's index, to put messages beside the right field.</summary>
    private readonly Dictionary<int, int> _sentRemark = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostApproveAsync(CancellationToken ct)
    {
        var answer = await Api.SendAsync<SubmissionWritten>("POST", $"/api/submissions/{Id}/approve",
            new { comment = string.IsNullOrWhiteSpace(Comment) ? null : Comment.Trim(), version = Version }, ct);
        return await AfterAsync(answer, "approve", ct);
    }

    public async Task<IActionResult> OnPostReturnAsync(CancellationToken ct)
    {
        var sent = new List<object>();
        for (var i = 0; i < Remarks.Count; i++)
        {
            var remark = Remarks[i];
            if (string.IsNullOrWhiteSpace(remark.Text)) continue;
            _sentRemark[sent.Count] = i;
            sent.Add(new { targetId = remark.TargetId, figureId = remark.FigureId, taskId = remark.TaskId, text = remark.Text.Trim() });
        }
        var answer = await Api.SendAsync<SubmissionWritten>("POST", $"/api/submissions/{Id}/return",
            new { reason = Reason ?? "", comments = sent, version = Version }, ct);
        return await AfterAsync(answer, "return", ct);
    }

    /// <summary>PRG on success; the API's 400 or 409 redraws the page with its messages; anything else is the API's refusal.</summary>
    private async Task<IActionResult> AfterAsync(ApiAnswer<SubmissionWritten> answer, string form, CancellationToken ct)
    {
        if (answer.Ok) return Redirect(InProcessApi.Query($"/submissions/{Id}", ("done", form == "approve" ? "approved" : "returned")));
        if (answer.Status is not (StatusCodes.Status400BadRequest or StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed))
            return Refused(answer);
        RefusedForm = form;
        Refusal = answer.Problem;
        Response.StatusCode = answer.Status;
        return await LoadAsync(ct) ?? Page();
    }

    public IReadOnlyList<string> ErrorsFor(string form, string field) =>
        RefusedForm == form && Refusal?.Errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value is { } m ? m : [];

    /// <summary>The API's messages on one remark of the return form (by the form's index).</summary>
    public IReadOnlyList<string> RemarkErrors(int formIndex)
    {
        if (RefusedForm != "return" || Refusal is null) return [];
        var sent = _sentRemark.Where(x => x.Value == formIndex).Select(x => x.Key).Cast<int?>().FirstOrDefault();
        if (sent is null) return [];
        return Refusal.Errors.Where(e => e.Key.StartsWith($"comments[{sent}]", StringComparison.OrdinalIgnoreCase)).SelectMany(e => e.Value).ToList();
    }

    /// <summary>What the API said about the form that belongs to no field shown: a conflict, the version, the state.</summary>
    public IEnumerable<string> GeneralErrors(string form)
    {
        if (RefusedForm != form || Refusal is null) yield break;
        if (Refusal.Errors.Count == 0)
        {
            yield return string.Join(": ", new[] { Refusal.Title, Refusal.Detail }.Where(t => !string.IsNullOrWhiteSpace(t)));
            yield break;
        }
        foreach (var (field, messages) in Refusal.Errors)
            if (!(field is "reason" or "comment" || field.StartsWith("comments[", StringComparison.OrdinalIgnoreCase)))
                foreach (var message in messages) yield return message;
    }

    /// <summary>The remark the form sent back, when the page is redrawn after a refusal.</summary>
    public string? RemarkText(int index) => RefusedForm == "return" && index < Remarks.Count ? Remarks[index].Text : null;

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var submission = await Api.GetAsync<SubmissionView>($"/api/submissions/{Id}", ct);
        if (!submission.Ok) return Refused(submission);
        Submission = submission.Value!;

        var unit = await Api.GetAsync<Unit>($"/api/units/{Submission.UnitId}", ct);
        Unit = unit.Value;
        var resolution = await Api.GetAsync<Resolution>($"/api/resolutions/{Submission.ResolutionId}", ct);
        Resolution = resolution.Value;

        if (Submission.ReportIds.LastOrDefault() is var reportId && reportId != Guid.Empty)
        {
            var report = await Api.GetAsync<ProgressReport>($"/api/reports/{reportId}", ct);
            if (!report.Ok) return Refused(report);
            Report = report.Value;
        }

        // The figures: those of the latest report and those waiting for approval (a revision under a lock exception included).
        var pending = Submission.Pending.Select(p => p.FigureId).ToHashSet();
        var figureIds = (Report?.FigureIds ?? []).Concat(pending).ToHashSet();
        var targetIds = (Report?.TargetIds ?? []).Concat(Submission.Pending.Select(p => p.TargetId)).Distinct();
        var figures = new List<FigureRow>();
        foreach (var targetId in targetIds)
        {
            var timeline = await Api.GetAsync<TargetTimeline>($"/api/targets/{targetId}/timeline", ct);
            if (!timeline.Ok) return Refused(timeline);
            var t = timeline.Value!;
            figures.AddRange(t.Figures.Where(e => figureIds.Contains(e.Figure.FigureId))
                .Select(e => new FigureRow(e, t.Statement, t.UnitOfMeasure, targetId, pending.Contains(e.Figure.FigureId))));
        }
        Figures = figures;

        var tasks = new List<TaskRow>();
        foreach (var taskId in (Report?.TaskIds ?? []).Concat(Submission.TaskIds).Distinct())
        {
            var task = await Api.GetAsync<TaskStatusView>($"/api/tasks/{taskId}", ct);
            if (!task.Ok) return Refused(task);
            tasks.Add(new TaskRow(task.Value!, task.Value!.Updates.LastOrDefault(u => Report is not null && u.ReportId == Report.Id)));
        }
        Tasks = tasks;

        MayApprove = (await HttpContext.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(User, Policies.Approve)).Succeeded;
        return null;
    }

    /// <summary>What a remark of the history is about, in words.</summary>
    public string RemarkSubject(ReturnComment comment)
    {
        if (comment.FigureId is { } f && Figures.FirstOrDefault(x => x.Entry.Figure.FigureId == f) is { } figure)
            return figure.Statement;
        if (comment.TargetId is { } t && Figures.FirstOrDefault(x => x.TargetId == t) is { } target) return target.Statement;
        if (comment.TaskId is { } k && Tasks.FirstOrDefault(x => x.Task.Id == k) is { } task) return task.Task.Statement;
        return T("the report", "báo cáo");
    }
}
