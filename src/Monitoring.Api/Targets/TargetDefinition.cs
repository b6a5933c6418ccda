using FluentValidation;
using Monitoring.Api.Units;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Common;
using Monitoring.Domain.Targets;

namespace Monitoring.Api.Targets;

/// <summary>A target as the secretariat enters it, alone or inside a resolution.</summary>
public sealed record TargetDefinition(
    string Field,
    string Statement,
    TargetShape Shape,
    decimal? Minimum,
    decimal? Maximum,
    string UnitOfMeasure,
    int TargetYear,
    string? Code = null,
    Direction? Direction = null,
    int? Total = null,
    decimal? BaselineValue = null,
    int? BaselineYear = null,
    string? BaselineSource = null,
    IReadOnlyList<string>? Footnotes = null,
    Guid? ParentTargetId = null,
    IReadOnlyList<string>? StandardUnits = null,
    IReadOnlyList<MilestoneStep>? Steps = null,
    string? ReferenceSeries = null,
    Guid? LeadUnitId = null,
    IReadOnlyList<Guid>? CooperatingUnitIds = null,
    string? GoalSetBy = null)
{
    public Direction EffectiveDirection => Direction ?? (Shape == TargetShape.LevelAtMost ? Domain.Targets.Direction.Decrease : Domain.Targets.Direction.Increase);

    public TargetGoal Goal => new(Minimum, Maximum, Total ?? (StandardUnits is { Count: > 0 } units ? units.Count : null));

    public sealed class Validator : AbstractValidator<TargetDefinition>
    {
        public Validator()
        {
            RuleFor(x => x.Field).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Statement).NotEmpty().MaximumLength(4000);
            RuleFor(x => x.Code).MaximumLength(50);
            RuleFor(x => x.Shape).IsInEnum();
            RuleFor(x => x.UnitOfMeasure).NotEmpty().MaximumLength(50);
            RuleFor(x => x.TargetYear).InclusiveBetween(1990, 2100);
            RuleForEach(x => x.Footnotes).NotEmpty().MaximumLength(2000);
            RuleForEach(x => x.StandardUnits).NotEmpty().MaximumLength(300);
            RuleForEach(x => x.Steps).ChildRules(step => step.RuleFor(s => s.Name).NotEmpty().MaximumLength(1000));
            RuleFor(x => x.ReferenceSeries).MaximumLength(300);

            // A goal may be missing only when another document sets it and the statement just cites it.
            RuleFor(x => x.Minimum).NotNull()
                .When(x => x.Shape is TargetShape.GrowthRate or TargetShape.LevelAtLeast or TargetShape.QuantityPerYear
                    or TargetShape.Cumulative or TargetShape.CountMeetingStandard && string.IsNullOrWhiteSpace(x.GoalSetBy));
            RuleFor(x => x.GoalSetBy).MaximumLength(300);
            RuleFor(x => x.Minimum).GreaterThan(0).When(x => x.Shape is TargetShape.QuantityPerYear or TargetShape.Cumulative or TargetShape.CountMeetingStandard);
            RuleFor(x => x.Maximum).NotNull().When(x => x.Shape == TargetShape.LevelAtMost && string.IsNullOrWhiteSpace(x.GoalSetBy));
            RuleFor(x => x.Maximum).GreaterThanOrEqualTo(x => x.Minimum!.Value)
                .When(x => x.Minimum is not null && x.Maximum is not null);
            // A count of units meeting a standard is judged against how many there are: 22 xã, or the list of them.
            RuleFor(x => x.Total).GreaterThan(0);
            RuleFor(x => x.Total).NotNull()
                .When(x => x.Shape == TargetShape.CountMeetingStandard && x.StandardUnits is not { Count: > 0 })
                .WithMessage(_ => Localized.Text(
                    "A count of units meeting a standard needs its total (out of how many units), or the list of the units (standardUnits). A share such as \"100% of the clusters\" is a LevelAtLeast target in %.",
                    "Chỉ tiêu đếm số đơn vị đạt chuẩn cần tổng số đơn vị (total) hoặc danh sách đơn vị (standardUnits). Tỷ lệ như \"100% các cụm công nghiệp\" là chỉ tiêu LevelAtLeast tính bằng %."));
            RuleFor(x => x.Total).GreaterThanOrEqualTo(x => (int)x.Minimum!.Value)
                .When(x => x.Shape == TargetShape.CountMeetingStandard && x.Total is not null && x.Minimum is not null);
            RuleFor(x => x.Minimum).Plausible((t, v) => Plausibility.Value(t.Shape, t.UnitOfMeasure ?? "", v, "minimum"));
            RuleFor(x => x.Maximum).Plausible((t, v) => Plausibility.Value(t.Shape, t.UnitOfMeasure ?? "", v, "maximum"));
            RuleFor(x => x.BaselineValue).Plausible((t, v) => Plausibility.Value(t.Shape, t.UnitOfMeasure ?? "", v, "baselineValue"));
            RuleFor(x => x.BaselineYear).InclusiveBetween(1900, 2100);
            RuleFor(x => x.ReferenceSeries).NotEmpty().When(x => x.Shape == TargetShape.RelativeToReference);
            RuleFor(x => x.BaselineYear).NotNull().LessThanOrEqualTo(x => x.TargetYear).When(x => x.BaselineValue is not null);
            RuleFor(x => x.BaselineValue).NotNull().When(x => x.BaselineYear is not null);
            RuleFor(x => x.CooperatingUnitIds).DistinctFromLead(x => x.LeadUnitId);
        }
    }
}
