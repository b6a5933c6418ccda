using Monitoring.Domain.Judging;

namespace Monitoring.Domain.Tests.Judging;

/// <summary>The dashboard's colours, as Ho Chi Minh City's execution dashboard groups targets.</summary>
public class DashboardColourTests
{
    [Theory]
    [InlineData(TargetStatus.OffTrack, DashboardColour.Red)]
    [InlineData(TargetStatus.AtRisk, DashboardColour.Red)]
    [InlineData(TargetStatus.OnTrack, DashboardColour.Green)]
    [InlineData(TargetStatus.AchievedOrExceeded, DashboardColour.Green)]
    [InlineData(TargetStatus.NoData, DashboardColour.Grey)]
    public void Each_status_has_its_colour_when_no_forecast_says_otherwise(TargetStatus status, DashboardColour colour) =>
        DashboardColours.Of(status, forecast: null, goal: 6.5m, lowerIsBetter: false).ShouldBe(colour);

    [Fact]
    public void On_track_so_far_but_forecast_short_of_the_goal_is_amber()
    {
        // GRDP per capita "đạt trên 90 triệu đồng" by 2025, forecast 84,6: behind the pace the goal needs.
        DashboardColours.Of(TargetStatus.OnTrack, forecast: 84.6m, goal: 90m, lowerIsBetter: false).ShouldBe(DashboardColour.Amber);
        DashboardColours.Of(TargetStatus.OnTrack, forecast: 90m, goal: 90m, lowerIsBetter: false).ShouldBe(DashboardColour.Green);
    }

    [Fact]
    public void For_a_level_to_get_below_a_forecast_above_the_goal_is_behind()
    {
        // "tỷ lệ hộ nghèo giảm xuống dưới 1,5%": a forecast of 2,1 % falls short, 1,2 % reaches it.
        DashboardColours.Of(TargetStatus.OnTrack, forecast: 2.1m, goal: 1.5m, lowerIsBetter: true).ShouldBe(DashboardColour.Amber);
        DashboardColours.Of(TargetStatus.OnTrack, forecast: 1.2m, goal: 1.5m, lowerIsBetter: true).ShouldBe(DashboardColour.Green);
    }

    [Fact]
    public void A_target_already_achieved_stays_green_and_one_at_risk_stays_red_whatever_the_forecast()
    {
        DashboardColours.Of(TargetStatus.AchievedOrExceeded, forecast: 80m, goal: 90m, lowerIsBetter: false).ShouldBe(DashboardColour.Green);
        DashboardColours.Of(TargetStatus.AtRisk, forecast: 95m, goal: 90m, lowerIsBetter: false).ShouldBe(DashboardColour.Red);
    }

    [Fact]
    public void Colours_sort_worst_first() =>
        Enum.GetValues<DashboardColour>().ShouldBe([DashboardColour.Red, DashboardColour.Amber, DashboardColour.Green, DashboardColour.Grey]);
}
