using System.Globalization;
using System.Text.RegularExpressions;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Web;
using Monitoring.Api.Reporting;
using Monitoring.Domain.Common;
using Monitoring.Domain.Explanations;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;

namespace Monitoring.Api.Web.UnitPages;

/// <summary>The words the unit's pages use for states, days and stages, and how they read what a clerk types.</summary>
public static partial class UnitTexts
{
    public static string Name(this SubmissionState state) => state switch
    {
        SubmissionState.NotStarted => Localized.Text("not started", "chưa lập"),
        SubmissionState.Draft => Localized.Text("draft", "bản nháp"),
        SubmissionState.Submitted => Localized.Text("submitted, awaiting approval", "đã gửi, chờ duyệt"),
        SubmissionState.Approved => Localized.Text("approved", "đã duyệt"),
        _ => Localized.Text("returned", "bị trả lại"),
    };

    /// <summary>A badge colour for the state (the word is always written too).</summary>
    public static string CssClass(this SubmissionState state) => state switch
    {
        SubmissionState.Approved => "status-green",
        SubmissionState.Submitted => "status-grey",
        SubmissionState.Returned => "status-red",
        SubmissionState.Draft => "status-amber",
        _ => "status-grey",
    };

    public static string Name(this Timeliness timeliness) => timeliness switch
    {
        Timeliness.NotYetDue => Localized.Text("not yet due", "chưa đến hạn"),
        Timeliness.OnTime => Localized.Text("on time", "đúng hạn"),
        Timeliness.Late => Localized.Text("late", "nộp muộn"),
        _ => Localized.Text("missing: past the due date", "chưa nộp, đã quá hạn"),
    };

    public static string CssClass(this Timeliness timeliness) => timeliness switch
    {
        Timeliness.OnTime => "status-green",
        Timeliness.Late => "status-amber",
        Timeliness.Missing => "status-red",
        _ => "status-grey",
    };

    /// <summary>"còn 5 ngày", "hôm nay là hạn cuối", "quá hạn 3 ngày".</summary>
    public static string DaysWords(int daysLeft) => daysLeft switch
    {
        > 0 => Localized.Text($"{daysLeft} day{(daysLeft == 1 ? "" : "s")} left", $"còn {daysLeft} ngày"),
        0 => Localized.Text("due today", "hôm nay là hạn cuối"),
        _ => Localized.Text($"{-daysLeft} day{(daysLeft == -1 ? "" : "s")} overdue", $"quá hạn {-daysLeft} ngày"),
    };

    public static string Name(this ExplanationState state) => state switch
    {
        ExplanationState.Open => Localized.Text("awaiting the explanation", "chờ giải trình"),
        ExplanationState.Answered => Localized.Text("explained, under consideration", "đã giải trình, chờ xem xét"),
        ExplanationState.FollowUpAsked => Localized.Text("awaiting a further explanation", "chờ giải trình thêm"),
        _ => Localized.Text("explanation accepted", "đã chấp nhận giải trình"),
    };

    public static string CssClass(this ExplanationState state) => state switch
    {
        ExplanationState.Open or ExplanationState.FollowUpAsked => "status-amber",
        ExplanationState.Accepted => "status-green",
        _ => "status-grey",
    };

    /// <summary>The period as documents name it: "6 tháng đầu năm 2023" (in English: "first half of 2023").</summary>
    public static string PeriodName(string period)
    {
        if (!ReportingPeriod.TryParse(period, out var p)) return period;
        if (Localized.Vietnamese) return p.ToVietnamese();
        return p.Kind switch
        {
            PeriodKind.HalfYear => p.Half == 1 ? $"first half of {p.FirstYear}" : $"second half of {p.FirstYear}",
            PeriodKind.Year => $"year {p.FirstYear}",
            PeriodKind.Quarter => $"Q{p.Part} {p.FirstYear}",
            PeriodKind.Month => $"{CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(p.Part)} {p.FirstYear}",
            _ => $"{p.FirstYear}–{p.LastYear}",
        };
    }

    /// <summary>What a target commits to, in a few words: "≥ 95 %", "10 – 12 %/năm", "≤ 3 %", "15/22".</summary>
    public static string Goal(TargetShape shape, TargetGoal goal, string unitOfMeasure, int targetYear)
    {
        var unit = string.IsNullOrWhiteSpace(unitOfMeasure) ? "" : " " + unitOfMeasure;
        var what = shape switch
        {
            TargetShape.Milestone => Localized.Text("done", "hoàn thành"),
            TargetShape.CountMeetingStandard when goal.Total is { } total => $"{Display.Number(goal.Minimum)}/{total}{unit}",
            _ when goal is { Minimum: { } min, Maximum: { } max } => $"{Display.Number(min)} – {Display.Number(max)}{unit}",
            _ when goal.Minimum is { } min => $"≥ {Display.Number(min)}{unit}",
            _ when goal.Maximum is { } max => $"≤ {Display.Number(max)}{unit}",
            _ => "—",
        };
        return $"{what} ({Localized.Text("by", "đến năm")} {targetYear})";
    }

    /// <summary>A figure's value as the clerk would type it back: full precision, the reader's way (29.240,3 in Vietnamese).</summary>
    public static string Typed(decimal? value) => value is not { } v ? ""
        : Localized.Vietnamese ? VietnameseNumber.ToText(v, 0, 6)
        : v.ToString("0.######", CultureInfo.InvariantCulture);

    public static string Typed(DateOnly? day) => day?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    // English: optional thousands commas in whole groups, '.' for decimals (29,240.3 or 29240.3).
    [GeneratedRegex(@"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")]
    private static partial Regex EnglishShape();

    /// <summary>
    /// A number as the clerk typed it, read the reader's way: in Vietnamese '.' groups thousands and ',' marks decimals
    /// (29.240,3), read by the Domain's <see cref="VietnameseNumber"/>; an English decimal point (29240.3) is refused there
    /// rather than guessed, since 1.500 would be 1500 to a Vietnamese reader. In English the other way round.
    /// </summary>
    public static bool TryParseNumber(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.Trim().Replace(" ", "").Replace("\u00a0", "");
        if (Localized.Vietnamese)
        {
            if (!VietnameseNumber.TryParse(trimmed, out var parsed)) return false;
            value = parsed.Value;
            return true;
        }
        trimmed = trimmed.Replace('\u2212', '-');
        return EnglishShape().IsMatch(trimmed)
            && decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out value);
    }

    public static string NotANumber => Localized.Text(
        "Not a number. Write it with a decimal point, digits grouped by commas if you like (29,240.3).",
        "Không phải là số. Viết số theo cách Việt Nam: dấu chấm ngăn cách hàng nghìn, dấu phẩy trước phần thập phân (ví dụ 29.240,3).");

    public static string NotADay => Localized.Text("Write the day as dd/MM/yyyy (30/06/2023).", "Ngày viết dạng dd/MM/yyyy (ví dụ 30/06/2023).");

    public static string NotAWholePercent => Localized.Text("Write a whole number from 0 to 100.", "Nhập số nguyên từ 0 đến 100.");

    public static string PercentMissing => Localized.Text("Give the percent done (or tick 'completed').",
        "Nhập tỷ lệ hoàn thành (%) hoặc đánh dấu 'đã hoàn thành'.");

    /// <summary>The evidence references as typed, one per line.</summary>
    public static List<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    /// <summary>A link to another unit page, naming the unit when a non-reporter looks on a unit's behalf.</summary>
    public static string WithUnit(string path, Guid? unitId) =>
        unitId is { } u ? path + (path.Contains('?') ? "&" : "?") + "unitId=" + u : path;
}
