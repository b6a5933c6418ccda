using Marten;

namespace Monitoring.Api.Infrastructure.Http;

public static class AsOfState
{
    /// <summary>Streams folded from the events recorded up to <paramref name="instant"/>; streams that did not exist yet are left out.</summary>
    public static async Task<List<T>> FoldAsync<T>(IQuerySession session, IEnumerable<Guid> streamIds, DateTimeOffset instant,
        Func<T?, object, T?> fold, CancellationToken ct) where T : class
    {
        var ids = streamIds.ToArray();
        if (ids.Length == 0) return [];
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(ids) && e.Timestamp <= instant)
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        return events.GroupBy(e => e.StreamId)
            .Select(g => g.Aggregate((T?)null, (state, e) => fold(state, e.Data)))
            .OfType<T>()
            .ToList();
    }
}
