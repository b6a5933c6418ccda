using Monitoring.Domain.Common;
using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Tests.Common;

/// <summary>Issue 17: the general rules behind two seed corrections.</summary>
public class SeedReadingPlausibilityTests
{
    // 002 CN-11: "Phân đầu 100% các cụm công nghiệp có hệ thống xử lý nước thải tập trung" is a share, not 100 clusters.
    [Fact]
    public void A_count_of_units_meeting_a_standard_is_not_counted_in_percent()
    {
        var refused = Plausibility.CountUnit(TargetShape.CountMeetingStandard, "%", "unitOfMeasure");
        refused.ShouldNotBeNull();
        refused.Field.ShouldBe("unitOfMeasure");
        refused.Vietnamese.ShouldContain("100% các cụm công nghiệp");

        Plausibility.CountUnit(TargetShape.LevelAtLeast, "%", "unitOfMeasure").ShouldBeNull();
        Plausibility.CountUnit(TargetShape.CountMeetingStandard, "cụm công nghiệp", "unitOfMeasure").ShouldBeNull();
        Plausibility.CountUnit(TargetShape.CountMeetingStandard, "xã", "unitOfMeasure").ShouldBeNull();
    }

    // 002 CN-TQ-01: "nằm trong nhóm các tỉnh dẫn đầu vùng đồng bằng Bắc bộ": a rank, better when smaller.
    [Theory]
    [InlineData("thứ hạng", true)]
    [InlineData("Hạng", true)]
    [InlineData("xếp hạng", true)]
    [InlineData("điểm", false)]
    [InlineData("%", false)]
    public void A_rank_goes_down_by_default_and_is_never_up(string unit, bool rank)
    {
        Plausibility.IsRank(unit).ShouldBe(rank);
        Plausibility.DefaultDirection(TargetShape.RelativeToReference, unit).ShouldBe(rank ? Direction.Decrease : Direction.Increase);
        (Plausibility.RankDirection(unit, Direction.Increase, "direction") is not null).ShouldBe(rank);
        Plausibility.RankDirection(unit, Direction.Decrease, "direction").ShouldBeNull();
        Plausibility.RankDirection(unit, null, "direction").ShouldBeNull();
    }

    [Fact]
    public void A_level_to_get_below_goes_down_by_default()
    {
        Plausibility.DefaultDirection(TargetShape.LevelAtMost, "%").ShouldBe(Direction.Decrease);
        Plausibility.DefaultDirection(TargetShape.LevelAtLeast, "%").ShouldBe(Direction.Increase);
    }
}
