using System.Collections.Concurrent;
using Marten;
using Monitoring.Domain.Units;

namespace Monitoring.Api.Infrastructure.Security;

/// <summary>Each province's unit codes to ids. A unit's code never changes once registered, so a found id is kept for good.</summary>
public sealed class UnitDirectory(IDocumentStore store)
{
    private readonly ConcurrentDictionary<(string Province, string Code), Guid> _ids = new();

    public async Task<Guid?> FindAsync(string province, string code, CancellationToken ct)
    {
        var normalized = code.Trim().ToUpperInvariant();
        if (_ids.TryGetValue((province, normalized), out var known)) return known;
        await using var session = store.QuerySession(province);
        var unit = await session.Query<Unit>().FirstOrDefaultAsync(u => u.Code == normalized, ct);
        if (unit is null) return null;
        _ids[(province, normalized)] = unit.Id;
        return unit.Id;
    }
}
