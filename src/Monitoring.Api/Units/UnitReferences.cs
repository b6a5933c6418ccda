using FluentValidation;
using Marten;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Units;

namespace Monitoring.Api.Units;

/// <summary>Lead and co-operating units, as every assignment names them.</summary>
public static class UnitReferences
{
    /// <summary>404 for the first unit that is not registered, or null when all are.</summary>
    public static async Task<IResult?> FirstMissingAsync(IQuerySession session, Guid? lead, IReadOnlyList<Guid>? cooperating, CancellationToken ct)
    {
        var ids = new[] { lead }.Concat((cooperating ?? []).Cast<Guid?>()).OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0) return null;
        var found = (await session.LoadManyAsync<Unit>(ct, ids)).Select(u => u.Id).ToHashSet();
        return ids.FirstOrDefault(id => !found.Contains(id)) is var missing && missing != Guid.Empty ? Problems.NotFound("Unit", missing) : null;
    }

    /// <summary>Each co-operating unit once, and not the lead as well.</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<Guid>?> DistinctFromLead<T>(this IRuleBuilder<T, IReadOnlyList<Guid>?> rule, Func<T, Guid?> lead) =>
        rule.Must((command, ids) => ids is null || (ids.Distinct().Count() == ids.Count && !ids.Contains(lead(command) ?? Guid.Empty)))
            .WithMessage(_ => Localized.Text("Each unit appears once, and not also as the lead.", "Mỗi đơn vị chỉ nêu một lần và không trùng đơn vị chủ trì."));
}
