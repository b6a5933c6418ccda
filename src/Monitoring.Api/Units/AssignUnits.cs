using FluentValidation;

namespace Monitoring.Api.Units;

/// <summary>Who carries out a target or a task: a lead unit and the units that co-operate.</summary>
public sealed record AssignUnits(Guid LeadUnitId, IReadOnlyList<Guid>? CooperatingUnitIds, long? Version)
{
    public sealed class Validator : AbstractValidator<AssignUnits>
    {
        public Validator()
        {
            RuleFor(x => x.LeadUnitId).NotEmpty();
            RuleFor(x => x.CooperatingUnitIds).DistinctFromLead(x => x.LeadUnitId);
        }
    }
}
