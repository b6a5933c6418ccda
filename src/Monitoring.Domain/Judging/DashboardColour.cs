namespace Monitoring.Domain.Judging;

/// <summary>
/// The four colours a dashboard groups targets by (as Ho Chi Minh City's execution dashboard does), worst first:
/// red — at risk or off track; amber — judged on track, but its own forecast falls short of the goal (behind the pace
/// needed); green — on track or achieved; grey — no data.
/// </summary>
public enum DashboardColour { Red, Amber, Green, Grey }

public static class DashboardColours
{
    public static DashboardColour Of(TargetStatus status, decimal? forecast, decimal? goal, bool lowerIsBetter) => status switch
    {
        TargetStatus.OffTrack or TargetStatus.AtRisk => DashboardColour.Red,
        TargetStatus.NoData => DashboardColour.Grey,
        TargetStatus.OnTrack when forecast is { } f && goal is { } g && (lowerIsBetter ? f > g : f < g) => DashboardColour.Amber,
        _ => DashboardColour.Green,
    };
}
