using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Web;
using Monitoring.Api.Targets;
using Monitoring.Domain.Judging;
using Monitoring.Domain.Resolutions;

namespace Monitoring.Api.Web.Resolutions;

/// <summary>The committee's start page: every resolution with its targets counted by colour, the worst first.</summary>
public sealed class IndexModel : MonitoringPage
{
    public sealed record Row(Resolution Resolution, int Targets, ColourCounts Counts);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var resolutions = await Api.GetAsync<Page<Resolution>>(InProcessApi.Query("/api/resolutions", ("pageSize", Paging.MaxPageSize)), ct);
        if (!resolutions.Ok) return Refused(resolutions);
        var rows = new List<Row>();
        foreach (var resolution in resolutions.Value!.Items)
        {
            var targets = await Api.GetAsync<Page<TargetStatusView>>(InProcessApi.Query("/api/targets",
                ("resolutionId", resolution.Id), ("cutOff", AsOfIso), ("pageSize", Paging.MaxPageSize)), ct);
            if (!targets.Ok) return Refused(targets);
            rows.Add(new Row(resolution, targets.Value!.Items.Count, ColourCounts.Of(targets.Value.Items.Select(t => t.Colour()))));
        }
        Rows = rows.OrderBy(r => r.Counts.WorstFirstKey).ToList();
        return Page();
    }
}
