using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;
using Monitoring.Api.Resolutions;
using Monitoring.Api.Targets;
using Monitoring.Api.Tasks;
using Monitoring.Api.Web.Committee;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Tasks;

namespace Monitoring.Api.Web.Resolutions;

/// <summary>
/// One resolution as it stood on the as-of day: its targets counted by colour and listed by field (status, achievement,
/// latest figure with its stage, forecast and its method, goal), then its tasks by state. Five reads whatever the number
/// of targets: the resolution, its targets, its tasks, its overview (explanations, lateness) and the unit registry.
/// </summary>
[Authorize(Policy = Policies.ReadAll)]
public sealed class DetailsModel : MonitoringPage
{
    public sealed record FieldGroup(string Field, IReadOnlyList<TargetStatusView> Targets, ColourCounts Counts);

    public sealed record TaskGroup(TaskProgressStatus Status, IReadOnlyList<TaskStatusView> Tasks);

    public Resolution Resolution { get; private set; } = null!;
    public IReadOnlyList<TargetStatusView> Targets { get; private set; } = [];
    public IReadOnlyList<FieldGroup> Fields { get; private set; } = [];
    public ColourCounts Counts { get; private set; } = new(0, 0, 0, 0);
    public IReadOnlyList<TaskStatusView> Tasks { get; private set; } = [];
    public IReadOnlyList<TaskGroup> TasksByStatus { get; private set; } = [];
    public ResolutionOverviewView? Overview { get; private set; }
    public UnitNames Units { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var resolution = await Api.GetAsync<Resolution>($"/api/resolutions/{id}", ct);
        if (!resolution.Ok) return Refused(resolution);
        Resolution = resolution.Value!;

        var targets = new List<TargetStatusView>();
        for (var page = 1; ; page++)
        {
            var answer = await Api.GetAsync<Page<TargetStatusView>>(InProcessApi.Query("/api/targets",
                ("resolutionId", id), ("cutOff", AsOfIso), ("page", page), ("pageSize", Paging.MaxPageSize)), ct);
            if (!answer.Ok) return Refused(answer);
            targets.AddRange(answer.Value!.Items);
            if (page >= answer.Value.TotalPages) break;
        }
        Targets = targets;

        var tasks = new List<TaskStatusView>();
        for (var page = 1; ; page++)
        {
            var answer = await Api.GetAsync<Page<TaskStatusView>>(InProcessApi.Query("/api/tasks",
                ("resolutionId", id), ("cutOff", AsOfIso), ("page", page), ("pageSize", Paging.MaxPageSize)), ct);
            if (!answer.Ok) return Refused(answer);
            tasks.AddRange(answer.Value!.Items);
            if (page >= answer.Value.TotalPages) break;
        }
        Tasks = tasks;

        var overview = await Api.GetAsync<ResolutionOverviewView>(InProcessApi.Query($"/api/resolutions/{id}/overview", ("cutOff", AsOfIso)), ct);
        if (!overview.Ok) return Refused(overview);
        Overview = overview.Value;
        Units = await UnitNames.LoadAsync(Api, HttpContext, ct);

        Counts = ColourCounts.Of(targets.Select(t => t.Colour()));
        // The resolution's own order of fields; a field it does not list comes after, in the order met.
        var order = Resolution.Fields.Concat(targets.Select(t => t.Field)).Distinct().ToList();
        Fields = targets.GroupBy(t => t.Field)
            .OrderBy(g => order.IndexOf(g.Key))
            .Select(g => new FieldGroup(g.Key, g.ToList(), ColourCounts.Of(g.Select(t => t.Colour()))))
            .ToList();
        TasksByStatus = CommitteeText.TaskStatusOrder
            .Select(s => new TaskGroup(s, tasks.Where(t => t.Status == s).ToList()))
            .Where(g => g.Tasks.Count > 0)
            .ToList();
        return Page();
    }

    /// <summary>The width of an achievement bar: the percent reached, 0 to 100.</summary>
    public static string BarWidth(decimal achievement) =>
        Math.Clamp(achievement, 0, 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";

    public string ReportingLink => InProcessApi.Query("/reporting", ("resolutionId", Resolution.Id), ("asOf", AsOfIso));
}
