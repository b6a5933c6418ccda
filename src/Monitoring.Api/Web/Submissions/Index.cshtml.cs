using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Web;
using Monitoring.Api.Reporting;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Units;

namespace Monitoring.Api.Web.Submissions;

/// <summary>The secretariat's queue: the units' reports waiting for approval (or, filtered, in another state), oldest first.</summary>
public sealed class IndexModel : MonitoringPage
{
    public const int PageSize = 50;
    public const string AllStates = "all";

    /// <summary>A submission state; empty is "waiting for approval", <c>all</c> is every state.</summary>
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? ResolutionId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Page<SubmissionView> Submissions { get; private set; } = null!;
    public IReadOnlyList<SubmissionView> Rows { get; private set; } = [];
    public IReadOnlyDictionary<Guid, Unit> Units { get; private set; } = new Dictionary<Guid, Unit>();
    public IReadOnlyList<Resolution> Resolutions { get; private set; } = [];

    public string ChosenState => string.IsNullOrWhiteSpace(State) ? nameof(SubmissionState.Submitted) : State.Trim();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var state = string.Equals(ChosenState, AllStates, StringComparison.OrdinalIgnoreCase) ? null : ChosenState;
        var submissions = await Api.GetAsync<Page<SubmissionView>>(InProcessApi.Query("/api/submissions",
            ("resolutionId", ResolutionId), ("period", Period?.Trim()), ("state", state), ("page", PageNumber), ("pageSize", PageSize)), ct);
        if (!submissions.Ok) return Refused(submissions);
        Submissions = submissions.Value!;
        // Those that waited longest first: the queue is worked from the top.
        Rows = Submissions.Items.OrderBy(s => s.LastSubmittedAt ?? DateTimeOffset.MaxValue).ToList();

        var units = await Api.GetAsync<Page<Unit>>(InProcessApi.Query("/api/units", ("pageSize", Paging.MaxPageSize)), ct);
        if (!units.Ok) return Refused(units);
        Units = units.Value!.Items.ToDictionary(u => u.Id);
        var resolutions = await Api.GetAsync<Page<Resolution>>(InProcessApi.Query("/api/resolutions", ("pageSize", Paging.MaxPageSize)), ct);
        if (!resolutions.Ok) return Refused(resolutions);
        Resolutions = resolutions.Value!.Items.OrderBy(r => r.Number).ToList();
        return Page();
    }

    public string ResolutionNumber(Guid id) => Resolutions.FirstOrDefault(r => r.Id == id)?.Number ?? id.ToString()[..8];

    public string PageLink(int page) => InProcessApi.Query("/submissions", ("state", State), ("resolutionId", ResolutionId), ("period", Period),
        ("asOf", AsOfIso), ("page", page));
}
