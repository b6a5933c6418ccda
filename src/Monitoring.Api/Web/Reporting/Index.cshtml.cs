using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;
using Monitoring.Api.Reporting;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;

namespace Monitoring.Api.Web.Reporting;

/// <summary>
/// Reporting completeness for a period: how many reports were expected, sent, on time, late or missing, approved or returned,
/// and which units are late or have sent nothing — as the API's completeness endpoint answers it, judged on the as-of day.
/// </summary>
[Authorize(Policy = Policies.ReadAll)]
public sealed class IndexModel : MonitoringPage
{
    /// <summary>The period (2023-H1, 2023, 2023-Q3, 2023-07); empty is the API's default: the latest report whose due date has passed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ResolutionId { get; set; }

    public CompletenessView View { get; private set; } = null!;
    public IReadOnlyList<Resolution> Resolutions { get; private set; } = [];
    public IReadOnlyList<ReportingPeriod> Periods { get; private set; } = [];

    /// <summary>The periods by kind, for the select's groups: half-years and years first, then quarters, then months.</summary>
    public IEnumerable<(string Label, IReadOnlyList<ReportingPeriod> Periods)> PeriodGroups =>
        new[]
        {
            (T("Half-years and years", "Sáu tháng và năm"), Periods.Where(p => p.Kind is PeriodKind.HalfYear or PeriodKind.Year).ToList()),
            (T("Quarters", "Quý"), Periods.Where(p => p.Kind == PeriodKind.Quarter).ToList()),
            (T("Months", "Tháng"), Periods.Where(p => p.Kind == PeriodKind.Month).ToList()),
        }.Where(g => g.Item2.Count > 0).Select(g => (g.Item1, (IReadOnlyList<ReportingPeriod>)g.Item2));

    public sealed record Row(LateOrMissingReport Report, int DaysOverdue);
    public IReadOnlyList<Row> Late { get; private set; } = [];
    public IReadOnlyList<Row> Missing { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var completeness = await Api.GetAsync<CompletenessView>(InProcessApi.Query("/api/reporting/completeness",
            ("period", Period), ("resolutionId", ResolutionId), ("asOf", AsOfIso)), ct);
        if (!completeness.Ok) return Refused(completeness);
        View = completeness.Value!;

        var resolutions = await Api.GetAsync<Page<Resolution>>(InProcessApi.Query("/api/resolutions", ("pageSize", Paging.MaxPageSize)), ct);
        if (!resolutions.Ok) return Refused(resolutions);
        Resolutions = resolutions.Value!.Items.OrderBy(r => r.Number).ToList();

        Periods = RecentPeriods(HttpContext.RequestServices.GetRequiredService<ReportingCalendar>(), View.AsOf, View.Period);
        // Late: days between the due date and the first submission; missing: days from the due date to the as-of day.
        Late = View.Late.Select(r => new Row(r, r.DaysOverdue(View.AsOf) ?? 0)).ToList();
        Missing = View.Missing.Select(r => new Row(r, r.DaysOverdue(View.AsOf) ?? 0)).ToList();
        return Page();
    }

    /// <summary>The same completeness (period, resolution, as-of day) as a spreadsheet.</summary>
    public string ExcelLink => InProcessApi.Query("/reporting/excel", ("period", Period), ("resolutionId", ResolutionId), ("asOf", AsOfIso));

    /// <summary>
    /// The periods to choose from: those the calendar runs over this year and the last whose data has begun by the day, newest
    /// first (and the one shown, should it be older).
    /// </summary>
    public static IReadOnlyList<ReportingPeriod> RecentPeriods(ReportingCalendar calendar, DateOnly day, string shown)
    {
        var periods = ReportingCalendar.PeriodsOf(calendar.Kinds, day.Year - 1, day.Year)
            .Where(p => calendar.DataOf(p).From <= day).ToList();
        if (ReportingPeriod.TryParse(shown, out var current) && !periods.Contains(current)) periods.Add(current);
        return periods.OrderDescending().ToList();
    }
}
