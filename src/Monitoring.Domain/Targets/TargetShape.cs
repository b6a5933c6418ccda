using System.Text.Json.Serialization;

namespace Monitoring.Domain.Targets;

/// <summary>The shapes a target takes in the documents (DOMAIN.md, "Targets come in shapes").</summary>
[JsonConverter(typeof(Monitoring.Domain.Common.NamedEnumConverter<TargetShape>))]
public enum TargetShape
{
    /// <summary>"thu ngân sách tăng 10 – 12%/năm": average annual growth, often a range; judged on the lower bound.</summary>
    GrowthRate,
    /// <summary>"95% dân cư tham gia bảo hiểm y tế", "đạt trên 213.000 tỷ đồng": a level to reach by the target year.</summary>
    LevelAtLeast,
    /// <summary>"tỷ lệ hộ nghèo giảm còn dưới 3,0%": a level to get below.</summary>
    LevelAtMost,
    /// <summary>"hằng năm, hỗ trợ việc làm cho hơn 6.150 lao động": every year on its own.</summary>
    QuantityPerYear,
    /// <summary>"tổng vốn đầu tư thu hút đạt trên 160.000 tỷ đồng": a running total over the period.</summary>
    Cumulative,
    /// <summary>"tất cả các xã đạt chuẩn nông thôn mới" (15/22 in 2020): k of n units, with which.</summary>
    CountMeetingStandard,
    /// <summary>"hoàn thành nâng cấp cửa khẩu quốc tế Thường Phước": done or not, with dated steps.</summary>
    Milestone,
    /// <summary>"đạt mức bình quân của Tỉnh", "duy trì và nâng cao chỉ số PCI": compared with another series.</summary>
    RelativeToReference,
}

/// <summary>Which way is better.</summary>
[JsonConverter(typeof(Monitoring.Domain.Common.NamedEnumConverter<Direction>))]
public enum Direction { Increase, Decrease }

/// <summary>Stages a figure goes through: ước tính, sơ bộ, chính thức.</summary>
[JsonConverter(typeof(Monitoring.Domain.Common.NamedEnumConverter<FigureStage>))]
public enum FigureStage { Estimate = 1, Preliminary = 2, Official = 3 }

/// <summary>
/// What a target commits to. <see cref="Minimum"/> and <see cref="Maximum"/> read per shape: the growth range in %/year
/// (judged on the minimum), the level to reach (minimum) or to get below (maximum), the yearly quantity, the period total,
/// or the number of units that must meet the standard (minimum, of <see cref="Total"/>).
/// </summary>
/// <param name="OverBaseline">
/// When the text sets the goal relative to the baseline ("thêm 01 huyện đạt chuẩn nông thôn mới"), the amount it names: the
/// goal is then the baseline plus it (<see cref="Minimum"/>), or minus it for a target to get below (<see cref="Maximum"/>),
/// and moves with the baseline when the baseline is recorded again. <see cref="Minimum"/> and <see cref="Maximum"/> always
/// hold the goal itself, so every reader sees 2 huyện, not 1.
/// </param>
public sealed record TargetGoal(decimal? Minimum = null, decimal? Maximum = null, int? Total = null, decimal? OverBaseline = null)
{
    /// <summary>The goal "<paramref name="amount"/> more than the baseline" (or less, for <see cref="Direction.Decrease"/>).</summary>
    public static TargetGoal Over(Baseline baseline, decimal amount, Direction direction, int? total = null) =>
        direction == Direction.Decrease
            ? new(Maximum: baseline.Value - amount, Total: total, OverBaseline: amount)
            : new(Minimum: baseline.Value + amount, Total: total, OverBaseline: amount);

    /// <summary>The same commitment measured from another baseline: a goal set relative to the baseline moves with it.</summary>
    public TargetGoal From(Baseline baseline, Direction direction) =>
        OverBaseline is { } amount ? Over(baseline, amount, direction, Total) : this;
}

/// <param name="Since">How the text says the baseline moved from an earlier year ("tăng 11 xã so với năm 2015").</param>
public sealed record Baseline(decimal Value, int Year, string? Source = null, BaselineChange? Since = null);

/// <summary>"tăng 11 xã so với năm 2015": the change (<paramref name="Change"/>, negative for a fall) from <paramref name="Year"/> to the baseline's year.</summary>
public sealed record BaselineChange(decimal Change, int Year);

public sealed record MilestoneStep(string Name, DateOnly? Due = null);
