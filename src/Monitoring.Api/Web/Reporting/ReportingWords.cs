using Monitoring.Api.Infrastructure;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;

namespace Monitoring.Api.Web.Reporting;

/// <summary>How the reporting, approval and audit pages name the reporting cycle's states, in the reader's language.</summary>
public static class ReportingWords
{
    public static string Name(this SubmissionState state) => state switch
    {
        SubmissionState.NotStarted => Localized.Text("not started", "chưa lập"),
        SubmissionState.Draft => Localized.Text("draft", "bản nháp"),
        SubmissionState.Submitted => Localized.Text("waiting for approval", "chờ phê duyệt"),
        SubmissionState.Approved => Localized.Text("approved", "đã phê duyệt"),
        _ => Localized.Text("returned", "bị trả lại"),
    };

    /// <summary>The badge colour of a state: approved green, returned red, waiting amber, nothing sent grey.</summary>
    public static string CssClass(this SubmissionState state) => state switch
    {
        SubmissionState.Approved => "status-green",
        SubmissionState.Returned => "status-red",
        SubmissionState.Submitted => "status-amber",
        _ => "status-grey",
    };

    public static string Name(this Timeliness timeliness) => timeliness switch
    {
        Timeliness.OnTime => Localized.Text("on time", "đúng hạn"),
        Timeliness.Late => Localized.Text("late", "nộp muộn"),
        Timeliness.Missing => Localized.Text("not submitted", "chưa nộp"),
        _ => Localized.Text("not yet due", "chưa đến hạn"),
    };

    public static string Name(this FigureApproval approval) => approval switch
    {
        FigureApproval.Approved => Localized.Text("approved", "đã phê duyệt"),
        FigureApproval.Returned => Localized.Text("returned", "bị trả lại"),
        _ => Localized.Text("waiting for approval", "chờ phê duyệt"),
    };

    /// <summary>A period as people say it: "6 tháng đầu năm 2023" (Vietnamese) or its code (2023-H1) in English.</summary>
    public static string Name(this ReportingPeriod period) => Localized.Vietnamese ? period.ToVietnamese() : period.Kind switch
    {
        PeriodKind.HalfYear => $"{(period.Half == 1 ? "first" : "second")} half of {period.FirstYear}",
        PeriodKind.Year => $"year {period.FirstYear}",
        PeriodKind.Quarter => $"Q{period.Part} {period.FirstYear}",
        PeriodKind.Month => $"{new DateOnly(period.FirstYear, period.Part, 1):MMMM yyyy}",
        _ => $"{period.FirstYear}–{period.LastYear}",
    };

    public static string PeriodName(string period) => ReportingPeriod.TryParse(period, out var parsed) ? parsed.Name() : period;
}
