using System.Collections.Concurrent;
using Marten;
using Monitoring.Domain.Units;

namespace Monitoring.Api.Infrastructure.Security;

/// <summary>Unit codes to ids. A unit's code never changes once registered, so a found id is kept for good.</summary>
public sealed class UnitDirectory(IDocumentStore store)
{
    private readonly ConcurrentDictionary<string, Guid> _ids = new(StringComparer.OrdinalIgnoreCase);

    public async Task<Guid?> FindAsync(string code, CancellationToken ct)
    {
        if (_ids.TryGetValue(code, out var known)) return known;
        await using var session = store.QuerySession();
        var normalized = code.Trim().ToUpperInvariant();
        var unit = await session.Query<Unit>().FirstOrDefaultAsync(u => u.Code == normalized, ct);
        if (unit is null) return null;
        _ids[code] = unit.Id;
        return unit.Id;
    }
}
