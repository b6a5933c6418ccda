using System.Text.Json;
using Monitoring.Domain.Judging;

namespace Monitoring.Domain.Tests.Judging;

public class TargetStatusTests
{
    [Theory]
    [InlineData(TargetStatus.NoData, "chưa có số liệu")]
    [InlineData(TargetStatus.OffTrack, "không đạt")]
    [InlineData(TargetStatus.AtRisk, "khó đạt")]
    [InlineData(TargetStatus.OnTrack, "đảm bảo tiến độ")]
    [InlineData(TargetStatus.AchievedOrExceeded, "đạt/vượt")]
    public void Each_status_has_the_words_reviews_use(TargetStatus status, string vietnamese) =>
        status.ToVietnamese().ShouldBe(vietnamese);

    [Fact]
    public void Status_is_written_to_json_as_its_name()
    {
        var judgement = new TargetJudgement(TargetStatus.AtRisk, 7.36m, 98.1m, null, JudgingRules.GrowthRate, "…");

        JsonSerializer.Serialize(judgement).ShouldContain("\"Status\":\"AtRisk\"");
        JsonSerializer.Deserialize<TargetStatus>("\"OnTrack\"").ShouldBe(TargetStatus.OnTrack);
    }

    [Fact]
    public void Every_shape_has_a_rule()
    {
        foreach (var shape in Enum.GetValues<Targets.TargetShape>())
        {
            var target = Targets.Target.Evolve(null, new Targets.TargetDefined(Guid.NewGuid(), Guid.NewGuid(), null, "", "", shape,
                Targets.Direction.Increase, new Targets.TargetGoal(1), "", 2025, 2021, null, [], null, [], [], null, "", DateTimeOffset.UnixEpoch))!;

            TargetJudge.Judge(target, new DateOnly(2022, 1, 1)).Status.ShouldBe(TargetStatus.NoData);
        }
    }
}
