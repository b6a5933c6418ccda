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
    string? GoalSetBy = null,
    decimal? GoalOverBaseline = null,
    BaselineChange? BaselineSince = null)
{
    /// <summary>As given; else down for a level to get below and for a rank (a smaller place is better), up otherwise.</summary>
    public Direction EffectiveDirection => Direction ?? Plausibility.DefaultDirection(Shape, UnitOfMeasure ?? "");

    /// <summary>The goal as given, or, for "thêm 01 huyện", the baseline plus the amount over it.</summary>
    public TargetGoal Goal
    {
        get
        {
            var total = Total ?? (StandardUnits is { Count: > 0 } units ? units.Count : null);
            return GoalOverBaseline is { } over && BaselineValue is { } value
                ? TargetGoal.Over(new Baseline(value, BaselineYear ?? 0), over, EffectiveDirection, total)
                : new(Minimum, Maximum, total);
        }
    }

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

            // A goal may be missing only when another document sets it and the statement just cites it, or when it is set
            // relative to the baseline ("thêm 01 huyện": goalOverBaseline).
            RuleFor(x => x.Minimum).NotNull()
                .When(x => x.Shape is TargetShape.GrowthRate or TargetShape.LevelAtLeast or TargetShape.QuantityPerYear
                    or TargetShape.Cumulative or TargetShape.CountMeetingStandard && string.IsNullOrWhiteSpace(x.GoalSetBy) && x.GoalOverBaseline is null);
            RuleFor(x => x.GoalSetBy).MaximumLength(300);
            RuleFor(x => x.Minimum).GreaterThan(0).When(x => x.Shape is TargetShape.QuantityPerYear or TargetShape.Cumulative or TargetShape.CountMeetingStandard);
            RuleFor(x => x.Maximum).NotNull().When(x => x.Shape == TargetShape.LevelAtMost && string.IsNullOrWhiteSpace(x.GoalSetBy) && x.GoalOverBaseline is null);

            // "thêm 01 huyện đạt chuẩn nông thôn mới": a goal over the baseline needs the baseline, and a level or count to add to.
            RuleFor(x => x.GoalOverBaseline).GreaterThan(0);
            RuleFor(x => x.GoalOverBaseline).Must((_, _) => false).When(x => x.GoalOverBaseline is not null
                    && x.Shape is not (TargetShape.LevelAtLeast or TargetShape.LevelAtMost or TargetShape.CountMeetingStandard))
                .WithMessage(_ => Localized.Text(
                    "A goal over the baseline is a level (LevelAtLeast, LevelAtMost) or a count of units meeting a standard (CountMeetingStandard).",
                    "Mục tiêu tính thêm so với mức gốc chỉ áp dụng cho chỉ tiêu mức (LevelAtLeast, LevelAtMost) hoặc chỉ tiêu đếm số đơn vị đạt chuẩn (CountMeetingStandard)."));
            RuleFor(x => x.BaselineValue).NotNull().When(x => x.GoalOverBaseline is not null)
                .WithMessage(_ => Localized.Text("A goal over the baseline (goalOverBaseline) needs the baseline: its value and year.",
                    "Mục tiêu tính thêm so với mức gốc (goalOverBaseline) cần số liệu gốc: giá trị và năm."));
            RuleFor(x => x.Minimum).Equal(x => x.Goal.Minimum)
                .When(x => x.GoalOverBaseline is not null && x.BaselineValue is not null && x.Minimum is not null && x.EffectiveDirection == Domain.Targets.Direction.Increase)
                .WithMessage(x => Localized.Text($"With goalOverBaseline the minimum is the baseline plus it ({x.Goal.Minimum}); leave it out or give that.",
                    $"Khi có goalOverBaseline, giá trị tối thiểu là mức gốc cộng thêm ({x.Goal.Minimum}); bỏ trống hoặc ghi đúng giá trị đó."));
            RuleFor(x => x.Maximum).Equal(x => x.Goal.Maximum)
                .When(x => x.GoalOverBaseline is not null && x.BaselineValue is not null && x.Maximum is not null && x.EffectiveDirection == Domain.Targets.Direction.Decrease)
                .WithMessage(x => Localized.Text($"With goalOverBaseline the maximum is the baseline minus it ({x.Goal.Maximum}); leave it out or give that.",
                    $"Khi có goalOverBaseline, giá trị tối đa là mức gốc trừ đi ({x.Goal.Maximum}); bỏ trống hoặc ghi đúng giá trị đó."));
            // The goal it makes is a value like any other: 98 % + 5 is not a share.
            RuleFor(x => x.GoalOverBaseline).Plausible((t, v) => v is null ? null
                : Plausibility.Value(t.Shape, t.UnitOfMeasure ?? "", t.Goal.Minimum ?? t.Goal.Maximum, "goalOverBaseline"));

            // "tăng 11 xã so với năm 2015": how the baseline moved since an earlier year.
            RuleFor(x => x.BaselineValue).NotNull().When(x => x.BaselineSince is not null);
            RuleFor(x => x.BaselineSince!.Year).InclusiveBetween(1900, 2100).LessThan(x => x.BaselineYear ?? int.MaxValue)
                .When(x => x.BaselineSince is not null).OverridePropertyName("baselineSince.year");

            // Which way is better: a rank rises by getting smaller; a count of units is counted in units, not in %.
            RuleFor(x => x.Direction).Plausible((t, v) => Plausibility.RankDirection(t.UnitOfMeasure ?? "", v, "direction"));
            RuleFor(x => x.UnitOfMeasure).Plausible((t, v) => Plausibility.CountUnit(t.Shape, v ?? "", "unitOfMeasure"));
            RuleFor(x => x.Maximum).GreaterThanOrEqualTo(x => x.Minimum!.Value)
                .When(x => x.Minimum is not null && x.Maximum is not null);
            // A count of units meeting a standard is judged against how many there are: 22 xã, or the list of them.
            RuleFor(x => x.Total).GreaterThan(0);
            RuleFor(x => x.Total).NotNull()
                .When(x => x.Shape == TargetShape.CountMeetingStandard && x.StandardUnits is not { Count: > 0 })
                .WithMessage(_ => Localized.Text(
                    "A count of units meeting a standard needs its total (out of how many units), or the list of the units (standardUnits). A share such as \"100% of the clusters\" is a LevelAtLeast target in %.",
                    "Chỉ tiêu đếm số đơn vị đạt chuẩn cần tổng số đơn vị (total) hoặc danh sách đơn vị (standardUnits). Tỷ lệ như \"100% các cụm công nghiệp\" là chỉ tiêu LevelAtLeast tính bằng %."));
            RuleFor(x => x.Total).GreaterThanOrEqualTo(x => (int)x.Goal.Minimum!.Value)
                .When(x => x.Shape == TargetShape.CountMeetingStandard && x.Total is not null && x.Goal.Minimum is not null);
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
