using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Web;
using Monitoring.Api.Targets;
using Monitoring.Domain.Judging;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;

namespace Monitoring.Api.Web.Committee;

/// <summary>The words the committee's pages use for what the API gives as names: stages, forecast methods, goals, periods, task states.</summary>
public static class CommitteeText
{
    private static string T(string english, string vietnamese) => Localized.Text(english, vietnamese);

    public static string Stage(FigureStage stage) => stage.Name();

    public static string Approval(FigureApproval approval) => approval switch
    {
        FigureApproval.Approved => T("approved", "đã phê duyệt"),
        FigureApproval.Returned => T("returned", "bị trả lại"),
        _ => T("awaiting approval", "chưa phê duyệt"),
    };

    /// <summary>How a forecast was obtained (Domain/Judging <see cref="ForecastMethods"/>), in words.</summary>
    public static string ForecastMethod(string method) => method switch
    {
        ForecastMethods.CompoundAnnualGrowth => T("compound annual growth so far, carried on", "theo tốc độ tăng bình quân hằng năm đến nay"),
        ForecastMethods.LinearTrend => T("linear trend of the figures so far", "theo xu hướng tuyến tính của số liệu đến nay"),
        ForecastMethods.ProRata => T("pro rata for the time elapsed", "quy đổi theo thời gian đã qua"),
        ForecastMethods.RequiredVsObservedGrowth => T("average growth the remaining years need", "tốc độ tăng bình quân các năm còn lại cần đạt"),
        _ => method,
    };

    /// <summary>"6 tháng đầu năm 2023" (vi) or "2023-H1" (en).</summary>
    public static string Period(string period) =>
        Localized.Vietnamese && ReportingPeriod.TryParse(period, out var parsed) ? parsed.ToVietnamese() : period;

    /// <summary>The commitment as a reader expects it: "10 – 12", "≥ 6.150", "≤ 3", "22/22".</summary>
    public static string Goal(TargetGoal goal, TargetShape shape, string? goalSetBy = null)
    {
        string N(decimal v) => Display.Number(v, 3);
        return (goal.Minimum, goal.Maximum, goal.Total) switch
        {
            ({ } min, { } max, _) when min == max => N(min),
            ({ } min, { } max, _) => $"{N(min)} – {N(max)}",
            ({ } min, null, { } total) => $"{N(min)}/{total}",
            ({ } min, null, null) => $"≥ {N(min)}",
            (null, { } max, _) => $"≤ {N(max)}",
            _ => goalSetBy is { } by ? T($"as set by {by}", $"theo {by}") : shape == TargetShape.Milestone ? T("done", "hoàn thành") : "—",
        };
    }

    public static string Goal(TargetStatusView target) => Goal(target.Goal, target.Shape, target.GoalSetBy);

    /// <summary>Whether the goal is a number (or a range) the figures can be set against.</summary>
    public static bool HasNumericGoal(TargetGoal goal) => goal.Minimum is not null || goal.Maximum is not null;

    /// <summary>"≥ 35.000 tỷ đồng"; a goal set elsewhere ("theo Kết luận số …") without the unit.</summary>
    public static string GoalWithUnit(TargetStatusView target) =>
        HasNumericGoal(target.Goal) && !string.IsNullOrWhiteSpace(target.UnitOfMeasure) ? $"{Goal(target)} {target.UnitOfMeasure}" : Goal(target);

    public static string Shape(TargetShape shape) => shape switch
    {
        TargetShape.GrowthRate => T("average annual growth", "tốc độ tăng bình quân hằng năm"),
        TargetShape.LevelAtLeast => T("a level to reach", "mức cần đạt"),
        TargetShape.LevelAtMost => T("a level to get below", "mức cần giảm xuống dưới"),
        TargetShape.QuantityPerYear => T("a quantity every year", "số lượng hằng năm"),
        TargetShape.Cumulative => T("a running total over the period", "tổng cộng dồn cả giai đoạn"),
        TargetShape.CountMeetingStandard => T("units meeting a standard", "số đơn vị đạt chuẩn"),
        TargetShape.Milestone => T("a milestone with steps", "mốc hoàn thành theo các bước"),
        _ => T("compared with another series", "so với chỉ số tham chiếu"),
    };

    public static string Direction(Direction direction) =>
        direction == Domain.Targets.Direction.Decrease ? T("lower is better", "càng thấp càng tốt") : T("higher is better", "càng cao càng tốt");

    public static string TaskStatus(TaskProgressStatus status) => Localized.Vietnamese ? status.ToVietnamese() : status switch
    {
        TaskProgressStatus.NotStarted => "not started",
        TaskProgressStatus.InProgress => "in progress",
        TaskProgressStatus.DoneOnTime => "done on time",
        TaskProgressStatus.DoneLate => "done late",
        TaskProgressStatus.Overdue => "overdue",
        _ => "suspended",
    };

    /// <summary>Worst first: what the committee must look at before what is done.</summary>
    public static readonly TaskProgressStatus[] TaskStatusOrder =
    [
        TaskProgressStatus.Overdue, TaskProgressStatus.Suspended, TaskProgressStatus.NotStarted, TaskProgressStatus.InProgress,
        TaskProgressStatus.DoneLate, TaskProgressStatus.DoneOnTime,
    ];

    /// <summary>A colour class for a task state, shared with the targets' badges (red overdue, amber suspended or late, green done, grey the rest).</summary>
    public static string TaskCss(TaskProgressStatus status) => status switch
    {
        TaskProgressStatus.Overdue => "status-red",
        TaskProgressStatus.Suspended or TaskProgressStatus.DoneLate => "status-amber",
        TaskProgressStatus.DoneOnTime => "status-green",
        TaskProgressStatus.InProgress => "status-grey",
        _ => "status-grey",
    };

    /// <summary>A value with its unit of measure: "29.240,3 tỷ đồng".</summary>
    public static string Value(decimal? value, string? unitOfMeasure) =>
        value is null ? "—" : string.IsNullOrWhiteSpace(unitOfMeasure) ? Display.Number(value, 3) : $"{Display.Number(value, 3)} {unitOfMeasure}";
}
