using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Audit;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;
using Monitoring.Api.Tasks;
using Monitoring.Api.Web.Committee;

namespace Monitoring.Api.Web.Tasks;

/// <summary>One task: what it asks, of whom, by when (and its extensions), where it stands, the progress reported, its history.</summary>
[Authorize(Policy = Policies.Read)]
public sealed class DetailsModel : MonitoringPage
{
    public const string ExtensionEvent = "task_deadline_extended";

    public TaskStatusView Task { get; private set; } = null!;
    public UnitNames Units { get; private set; } = null!;
    public AuditPage? History { get; private set; }
    public string? HistoryRefusal { get; private set; }

    /// <summary>The deadline extensions, as the history records them (who, when, why); empty for a role that may not read it.</summary>
    public IReadOnlyList<AuditEntry> Extensions => History?.Entries.Where(e => e.EventType == ExtensionEvent).ToList() ?? [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var task = await Api.GetAsync<TaskStatusView>(InProcessApi.Query($"/api/tasks/{id}", ("cutOff", AsOfIso)), ct);
        if (!task.Ok) return Refused(task);
        Task = task.Value!;
        var history = await Api.GetAsync<AuditPage>(InProcessApi.Query($"/api/tasks/{id}/history", ("limit", 500)), ct);
        if (history.Ok) History = history.Value;
        else HistoryRefusal = history.Problem?.Detail ?? history.Problem?.Title ?? T("Not allowed.", "Không có quyền xem.");
        Units = await UnitNames.LoadAsync(Api, HttpContext, ct);
        return Page();
    }
}
