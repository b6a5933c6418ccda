using System.Collections.Concurrent;
using Marten;
using Monitoring.Domain.Common;
using Monitoring.Domain.Resolutions;

namespace Monitoring.Api.Resolutions;

/// <summary>
/// The year span of each resolution, which the plausibility rules of reports, deadlines and dates need. No event changes
/// a resolution's period once defined, so a span read once is kept for the life of the process.
/// </summary>
public static class ResolutionSpans
{
    private static readonly ConcurrentDictionary<Guid, ResolutionSpan> Known = new();

    public static ResolutionSpan Of(Resolution resolution) =>
        Known.GetOrAdd(resolution.Id, _ => new ResolutionSpan(resolution.PeriodStartYear, resolution.PeriodEndYear, resolution.OrientationYear));

    public static async Task<IReadOnlyDictionary<Guid, ResolutionSpan>> ForAsync(IQuerySession session, IEnumerable<Guid> resolutionIds, CancellationToken ct)
    {
        var ids = resolutionIds.Distinct().ToList();
        var missing = ids.Where(id => !Known.ContainsKey(id)).ToArray();
        if (missing.Length > 0)
            foreach (var resolution in await session.LoadManyAsync<Resolution>(ct, missing))
                Of(resolution);
        return ids.Where(Known.ContainsKey).ToDictionary(id => id, id => Known[id]);
    }

    public static async Task<ResolutionSpan?> ForAsync(IQuerySession session, Guid resolutionId, CancellationToken ct) =>
        (await ForAsync(session, [resolutionId], ct)).GetValueOrDefault(resolutionId);
}
