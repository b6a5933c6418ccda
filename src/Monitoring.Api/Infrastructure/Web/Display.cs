using System.Globalization;
using Monitoring.Domain.Common;
using Monitoring.Domain.Judging;

namespace Monitoring.Api.Infrastructure.Web;

/// <summary>How the pages write numbers, dates and statuses: the Vietnamese way (29.240,3; 30/06/2023) unless the reader chose English.</summary>
public static class Display
{
    public static string Number(decimal? value, int maxDecimals = 2) => value is not { } v ? "—"
        : Localized.Vietnamese ? VietnameseNumber.ToText(v, 0, maxDecimals)
        : Math.Round(v, maxDecimals, MidpointRounding.AwayFromZero).ToString("#,0." + new string('#', maxDecimals), CultureInfo.InvariantCulture);

    public static string Percent(decimal? value, int maxDecimals = 1) => value is null ? "—" : Number(value, maxDecimals) + " %";

    public static string Date(DateOnly? day) => day?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "—";

    public static string Date(DateTimeOffset? moment) => moment is { } m ? Date(DateOnly.FromDateTime(VietnamTime.Of(m).DateTime)) : "—";

    public static string DateTime(DateTimeOffset? moment) =>
        moment is { } m ? VietnamTime.Of(m).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Name(this DashboardColour colour) => colour switch
    {
        DashboardColour.Red => Localized.Text("At risk or off track", "Khó đạt hoặc không đạt"),
        DashboardColour.Amber => Localized.Text("Behind the needed pace", "Chậm so với tiến độ cần thiết"),
        DashboardColour.Green => Localized.Text("On track or achieved", "Đảm bảo tiến độ hoặc đạt/vượt"),
        _ => Localized.Text("No data", "Chưa có số liệu"),
    };

    public static string CssClass(this DashboardColour colour) => "status-" + colour.ToString().ToLowerInvariant();

    /// <summary>A figure's stage in the reader's language: ước tính, sơ bộ, chính thức.</summary>
    public static string Name(this Monitoring.Domain.Targets.FigureStage stage) => stage switch
    {
        Monitoring.Domain.Targets.FigureStage.Estimate => Localized.Text("estimate", "ước tính"),
        Monitoring.Domain.Targets.FigureStage.Preliminary => Localized.Text("preliminary", "sơ bộ"),
        _ => Localized.Text("official", "chính thức"),
    };

    public static string Name(this TargetStatus status) => Localized.Vietnamese ? status.ToVietnamese() : status switch
    {
        TargetStatus.NoData => "no data",
        TargetStatus.OffTrack => "off track",
        TargetStatus.AtRisk => "at risk",
        TargetStatus.OnTrack => "on track",
        _ => "achieved or exceeded",
    };
}


public static class TargetColours
{
    /// <summary>The target's dashboard colour from its judgement: the forecast set against the goal in its direction.</summary>
    public static DashboardColour Colour(this Targets.TargetStatusView target)
    {
        var lowerIsBetter = target.Direction == Domain.Targets.Direction.Decrease;
        var goal = lowerIsBetter ? target.Goal.Maximum ?? target.Goal.Minimum : target.Goal.Minimum ?? target.Goal.Maximum;
        return DashboardColours.Of(target.Judgement.Status, target.Judgement.Forecast?.Value, goal, lowerIsBetter);
    }
}

/// <summary>Targets counted by colour.</summary>
public sealed record ColourCounts(int Red, int Amber, int Green, int Grey)
{
    public int Total => Red + Amber + Green + Grey;

    public int this[DashboardColour colour] => colour switch
    {
        DashboardColour.Red => Red,
        DashboardColour.Amber => Amber,
        DashboardColour.Green => Green,
        _ => Grey,
    };

    /// <summary>Most red first, then most amber, then fewest green.</summary>
    public (int, int, int) WorstFirstKey => (-Red, -Amber, Green);

    public static ColourCounts Of(IEnumerable<DashboardColour> colours)
    {
        var list = colours.ToList();
        return new ColourCounts(list.Count(c => c == DashboardColour.Red), list.Count(c => c == DashboardColour.Amber),
            list.Count(c => c == DashboardColour.Green), list.Count(c => c == DashboardColour.Grey));
    }
}
