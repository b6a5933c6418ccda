using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Reporting;
using Monitoring.Api.Targets;
using Monitoring.Domain.Judging;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Wolverine.Http;

namespace Monitoring.Api.Provinces;

/// <param name="Unavailable">Why this province has no figures in this answer (its database did not answer); the others still do.</param>
public sealed record ProvinceOverview(string Code, string Name, int Resolutions, int Targets, IReadOnlyDictionary<TargetStatus, int> TargetsByStatus,
    string? Period, string? PeriodName, CompletenessCounts? Completeness, string? Unavailable);

public sealed record NationalOverview(DateOnly AsOf, int Provinces, IReadOnlyDictionary<TargetStatus, int> TargetsByStatus,
    IReadOnlyList<ProvinceOverview> ByProvince);

public sealed record ProvinceListing(string Code, string Name, DateTimeOffset AddedAt, string AddedBy);

/// <summary>
/// What the central bodies read: for each province, its targets counted by status and its reporting completeness, each
/// computed in the province's own database by the same code its own committee's answers come from. Nothing else of a
/// province's record is visible to a national role.
/// </summary>
public static class NationalOverviewEndpoint
{
    [Authorize(Policy = Policies.National)]
    [WolverineGet("/api/national/overview", OperationId = "GetNationalOverview"), Tags("Provinces"),
     EndpointSummary("Across provinces: targets by status and reporting completeness, each province's computed in its own database")]
    [EndpointDescription("asOf (a date, or a timestamp with its offset): each province's record as it stood then. period: the reporting period whose completeness is counted (default: each province's latest due half-year or year).")]
    [ProducesResponseType<NationalOverview>(200)]
    public static async Task<IResult> Get(string? asOf, string? period, ProvinceRegistry registry, IDocumentStore store, HttpContext context,
        ReportingCalendar calendar, TimeProvider clock, ILogger<ProvinceRegistry> logger, CancellationToken ct)
    {
        if (!PeriodParameter.TryParse(period, calendar, out _, out var badPeriod)) return badPeriod!;
        if (!AsOf.TryParse(asOf, out var when, out var badAsOf)) return badAsOf!;
        var cutOff = when?.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var provinces = await registry.AllAsync(ct);
        var overviews = await Task.WhenAll(provinces.Select(async province =>
        {
            try
            {
                await using var session = store.QuerySession(province.Code);
                var resolutions = await session.Query<Resolution>().CountAsync(ct);
                var (listing, _) = await TargetListing.ReadAsync(session, context, clock, null, null, null, null, null, cutOff, asOf, null, null, ct);
                var byStatus = Enum.GetValues<TargetStatus>().ToDictionary(s => s, s => listing!.Items.Count(i => i.View.Judgement.Status == s));
                var (reading, _) = await CompletenessReading.ReadAsync(period, null, null, asOf, session, calendar, clock, ct);
                return new ProvinceOverview(province.Code, province.Name, resolutions, listing!.Items.Count, byStatus,
                    reading!.View.Period, reading.View.PeriodName, reading.View.Total, null);
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Province {Province} left out of the national overview: {Message}", province.Code, e.Message);
                return new ProvinceOverview(province.Code, province.Name, 0, 0, new Dictionary<TargetStatus, int>(), null, null, null,
                    Infrastructure.Localized.Text("Its database did not answer.", "Cơ sở dữ liệu của tỉnh không phản hồi."));
            }
        }));
        var total = Enum.GetValues<TargetStatus>().ToDictionary(s => s, s => overviews.Sum(o => o.TargetsByStatus.GetValueOrDefault(s)));
        return Results.Ok(new NationalOverview(when?.Day ?? clock.Today(), provinces.Count, total, overviews));
    }

    [Authorize(Policy = Policies.National)]
    [WolverineGet("/api/provinces", OperationId = "ListProvinces"), Tags("Provinces"), EndpointSummary("The provinces this deployment serves")]
    [ProducesResponseType<IReadOnlyList<ProvinceListing>>(200)]
    public static async Task<IResult> List(ProvinceRegistry registry, CancellationToken ct) =>
        Results.Ok((await registry.AllAsync(ct)).Select(p => new ProvinceListing(p.Code, p.Name, p.AddedAt, p.AddedBy)).ToList());
}
