using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Reporting;
using Monitoring.Api.Targets;
using Monitoring.Domain.Explanations;
using Monitoring.Domain.Judging;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Units;
using Wolverine.Http;

namespace Monitoring.Api.Explanations;

public sealed record CandidateUnit(Guid UnitId, string Code, string Name, bool Lead);

/// <summary>A target the committee may ask to have explained: judged at risk or off track on approved data.</summary>
/// <param name="Periods">The periods of the approved reports on it that brought it here.</param>
/// <param name="Latest">The approved figure judging read last.</param>
/// <param name="Explanation">Why it is judged so (Vietnamese, with the forecast).</param>
/// <param name="Units">The units assigned to it: those a request asks by default.</param>
/// <param name="OpenRequestIds">Requests on it not yet accepted.</param>
public sealed record ExplanationCandidate(Guid TargetId, Guid ResolutionId, string? Code, string Statement, IReadOnlyList<string> Periods,
    TargetStatus Status, string StatusText, FigureView? Latest, decimal? Achievement, Forecast? Forecast, string Explanation,
    IReadOnlyList<CandidateUnit> Units, bool RequestOpen, IReadOnlyList<Guid> OpenRequestIds);

public static class ExplanationCandidatesEndpoint
{
    [Authorize(Policy = Policies.ReadAll)]
    [WolverineGet("/api/explanation-requests/candidates", OperationId = "ListExplanationCandidates"), Tags("Explanations"),
     EndpointSummary("What needs explaining: the targets that approved reports (of a period, of a resolution) are on and that are judged at risk or off track, with their status, latest figure, the units assigned and whether a request is already open; nothing is opened")]
    [ProducesResponseType<IReadOnlyList<ExplanationCandidate>>(200)]
    public static async Task<IResult> Get(string? period, Guid? resolutionId, IQuerySession session, TimeProvider clock, ReportingCalendar calendar,
        CancellationToken ct)
    {
        if (!PeriodParameter.TryParse(period, calendar, out var asked, out var invalid)) return invalid!;
        var query = session.Query<Submission>().Where(s => s.ApprovedAt != null);
        if (resolutionId is not null) query = query.Where(s => s.ResolutionId == resolutionId);
        var approved = (await query.ToListAsync(ct)).Where(s => asked is null || s.Period == asked).ToList();
        var reportIds = approved.SelectMany(s => s.ReportIds).Distinct().ToArray();
        var reports = reportIds.Length == 0 ? [] : (await session.LoadManyAsync<ProgressReport>(ct, reportIds)).ToDictionary(r => r.Id);

        // Per target, the approved submissions (of its resolution) whose reports carried a figure for it.
        var periodsOf = new Dictionary<Guid, SortedSet<ReportingPeriod>>();
        var resolutionOf = new Dictionary<Guid, Guid>();
        foreach (var submission in approved)
            foreach (var targetId in submission.ReportIds.Where(reports.ContainsKey).SelectMany(r => reports[r].TargetIds).Distinct())
            {
                if (!periodsOf.TryGetValue(targetId, out var periods)) periodsOf[targetId] = periods = [];
                periods.Add(submission.Period);
                resolutionOf[targetId] = submission.ResolutionId;
            }
        var targets = periodsOf.Count == 0 ? [] : await session.LoadManyAsync<Target>(ct, periodsOf.Keys.ToArray());
        var today = clock.Today();
        var lagging = targets.Where(t => resolutionOf[t.Id] == t.ResolutionId)
            .Select(t => (Target: t, Judgement: TargetJudge.Judge(t, today)))
            .Where(x => x.Judgement.Status is TargetStatus.AtRisk or TargetStatus.OffTrack)
            .ToList();
        var unitIds = lagging.SelectMany(x => x.Target.AssignedUnitIds).Distinct().ToArray();
        var units = unitIds.Length == 0 ? [] : (await session.LoadManyAsync<Unit>(ct, unitIds)).ToDictionary(u => u.Id);

        return Results.Ok(lagging
            .OrderBy(x => x.Target.ResolutionId).ThenBy(x => x.Target.Code ?? "", StringComparer.Ordinal).ThenBy(x => x.Target.DefinedAt)
            .Select(x =>
            {
                var t = x.Target;
                var latest = t.EffectiveFiguresAbout(today).LastOrDefault();
                var open = t.Explanations.Where(r => r.State != ExplanationState.Accepted).Select(r => r.RequestId).ToList();
                return new ExplanationCandidate(t.Id, t.ResolutionId, t.Code, t.Statement, periodsOf[t.Id].Select(p => p.ToString()).ToList(),
                    x.Judgement.Status, x.Judgement.Status.ToVietnamese(), latest is null ? null : FigureView.From(latest), x.Judgement.Achievement,
                    x.Judgement.Forecast, x.Judgement.Explanation,
                    t.AssignedUnitIds.Distinct().Select(u => new CandidateUnit(u, units.GetValueOrDefault(u)?.Code ?? "", units.GetValueOrDefault(u)?.Name ?? "",
                        u == t.LeadUnitId)).ToList(),
                    open.Count > 0, open);
            }).ToList());
    }
}
