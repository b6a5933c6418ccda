using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Web;
using Monitoring.Domain.Units;

namespace Monitoring.Api.Web.Committee;

/// <summary>
/// Unit ids written as code and name, from the API's unit registry (GET /api/units: shared reference data any reading role
/// may list), asked once per page request however many units the page names.
/// </summary>
public sealed class UnitNames
{
    private const string ItemKey = "monitoring.committee.units";
    private readonly IReadOnlyDictionary<Guid, Unit> _units;

    private UnitNames(IReadOnlyDictionary<Guid, Unit> units) => _units = units;

    public Unit? Find(Guid? id) => id is { } key ? _units.GetValueOrDefault(key) : null;

    /// <summary>"DT-UBND-TINH – Ban cán sự đảng UBND Tỉnh"; the id itself for a unit the caller may not list.</summary>
    public string Name(Guid? id) => id is null ? "—" : Find(id) is { } unit ? $"{unit.Code} – {unit.Name}" : id.Value.ToString();

    public string Code(Guid? id) => id is null ? "—" : Find(id)?.Code ?? id.Value.ToString();

    public static async Task<UnitNames> LoadAsync(InProcessApi api, HttpContext context, CancellationToken ct)
    {
        if (context.Items[ItemKey] is UnitNames cached) return cached;
        var units = new Dictionary<Guid, Unit>();
        for (var page = 1; ; page++)
        {
            var answer = await api.GetAsync<Page<Unit>>(InProcessApi.Query("/api/units", ("page", page), ("pageSize", Paging.MaxPageSize)), ct);
            // A role that may not list units sees ids: the page's own data was already allowed or refused by the API.
            if (!answer.Ok || answer.Value is null) break;
            foreach (var unit in answer.Value.Items) units[unit.Id] = unit;
            if (page >= answer.Value.TotalPages) break;
        }
        var names = new UnitNames(units);
        context.Items[ItemKey] = names;
        return names;
    }
}
