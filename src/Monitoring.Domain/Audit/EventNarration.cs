using Monitoring.Domain.Common;
using Monitoring.Domain.Explanations;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;
using Monitoring.Domain.Units;

namespace Monitoring.Domain.Audit;

/// <summary>What an event says, for a reader of the audit trail: a Vietnamese sentence, why, and what changed.</summary>
public sealed record EventDescription(string Summary, string? Reason = null, string? Before = null, string? After = null);

public static class EventNarration
{
    public static EventDescription Describe(object data) => data switch
    {
        UnitRegistered e => new($"Đăng ký đơn vị {e.Code} – {e.Name}"),
        UnitRecipientsSet e => new($"Cập nhật nơi nhận thông báo của đơn vị: {e.Emails.Count} địa chỉ thư, {e.Webhooks.Count} webhook"),
        ResolutionDefined e => new($"Nhập {Kind(e.Kind)} số {e.Number}: {e.Title}"),
        TargetDefined e => new($"Xác định chỉ tiêu {Code(e.Code)}{e.Statement} (mục tiêu: {Goal(e.Goal, e.UnitOfMeasure)}, năm {e.TargetYear})"),
        TargetAssigned e => new($"Phân công đơn vị chủ trì và {e.CooperatingUnitIds.Count} đơn vị phối hợp thực hiện chỉ tiêu"),
        BaselineRecorded e => new($"Ghi nhận số liệu gốc năm {e.Baseline.Year}: {Number(e.Baseline.Value)}", e.Reason,
            e.Previous is null ? null : $"{Number(e.Previous.Value)} (năm {e.Previous.Year})", $"{Number(e.Baseline.Value)} (năm {e.Baseline.Year})"),
        ProgressReported e => new($"Báo cáo số liệu {e.Period.ToVietnamese()} ({Stage(e.Stage)}): {Value(e.Value, e.Items)}", e.Note),
        FigureRevised e => new($"Điều chỉnh số liệu từ {Number(e.PreviousValue)} ({Stage(e.PreviousStage)}) thành {Value(e.Value, e.Items)} ({Stage(e.Stage)})",
            e.Reason, $"{Number(e.PreviousValue)} ({Stage(e.PreviousStage)})", $"{Value(e.Value, e.Items)} ({Stage(e.Stage)})"),
        TargetAdjusted e => new($"Điều chỉnh chỉ tiêu theo {e.DecisionNumber} ngày {e.DecisionDate:dd/MM/yyyy}",
            string.IsNullOrWhiteSpace(e.Reason) ? e.DecisionNumber : $"{e.DecisionNumber}: {e.Reason}",
            $"{Goal(e.PreviousGoal, "")}, năm {e.PreviousTargetYear}", $"{Goal(e.Goal, "")}, năm {e.TargetYear}"),
        TaskDefined e => new($"Xác định nhiệm vụ {Code(e.Code)}{e.Statement}" + (e.Deadline is { } d ? $" (hạn {d:dd/MM/yyyy})" : "")),
        TaskAssigned e => new($"Phân công đơn vị chủ trì và {e.CooperatingUnitIds.Count} đơn vị phối hợp thực hiện nhiệm vụ"),
        TaskProgressReported e => new($"Báo cáo tiến độ nhiệm vụ {e.Period.ToVietnamese()}: {e.PercentDone}%", e.Note),
        TaskCompleted e => new($"Hoàn thành nhiệm vụ ngày {e.CompletedOn:dd/MM/yyyy}", e.Note),
        TaskSuspended e => new("Tạm dừng nhiệm vụ", e.Reason),
        TaskReopened e => new("Mở lại nhiệm vụ", e.Reason),
        TaskDeadlineExtended e => new($"Gia hạn nhiệm vụ đến {e.NewDeadline:dd/MM/yyyy}",
            string.IsNullOrWhiteSpace(e.DecisionNumber) ? e.Reason : $"{e.DecisionNumber}: {e.Reason}",
            e.PreviousDeadline?.ToString("dd/MM/yyyy") ?? "không có hạn", e.NewDeadline.ToString("dd/MM/yyyy")),
        ReviewGenerated e => new($"Lập báo cáo {(e.Kind == Reviews.ReviewKind.MidTerm ? "sơ kết giữa nhiệm kỳ" : "tổng kết")} với số liệu đến ngày {e.CutOff:dd/MM/yyyy} ({e.Figures.Count} chỉ tiêu; chuỗi kiểm toán {e.AuditHeadHash[..12]}…)"),
        ReviewConcluded e => new($"Ban Thường vụ kết luận về báo cáo: {e.Text}", e.Decisions.Count == 0 ? null : string.Join("; ", e.Decisions)),
        ReportSubmitted e => new($"Nộp báo cáo {e.Period.ToVietnamese()}: {e.FigureIds.Count} số liệu, {e.TaskIds.Count} nhiệm vụ"),
        SubmissionDraftSaved e => new($"Lưu bản nháp báo cáo {e.Period.ToVietnamese()}: {e.Content.Figures.Count} số liệu, {e.Content.TaskUpdates.Count} nhiệm vụ"),
        SubmissionSubmitted e => new((e.Imported ? "Nhập báo cáo " : "Nộp báo cáo ") +
            $"{e.Period.ToVietnamese()} để phê duyệt: {e.Figures.Count} số liệu, {e.TaskIds.Count} nhiệm vụ"),
        SubmissionApproved e => new($"Phê duyệt báo cáo {e.Period.ToVietnamese()} ({e.Figures.Count} số liệu); số liệu kỳ này được khoá", e.Comment),
        SubmissionReturned e => new($"Trả lại báo cáo {e.Period.ToVietnamese()} để hoàn chỉnh ({e.Figures.Count} số liệu" +
            (e.Comments.Count > 0 ? $", {e.Comments.Count} ý kiến" : "") + ")",
            e.Comments.Count == 0 ? e.Reason : $"{e.Reason}. Ý kiến: {string.Join("; ", e.Comments.Select(c => c.Text))}"),
        LockExceptionGranted e => new($"Cho phép mở khoá số liệu báo cáo {e.Period.ToVietnamese()} đến {VietnamTime(e.ExpiresAt)}", e.Reason),
        SubmissionReopened e => new($"Điều chỉnh số liệu trong thời hạn mở khoá: báo cáo {e.Period.ToVietnamese()} chờ phê duyệt lại", e.Reason),
        FiguresApproved e => new($"Phê duyệt {e.FigureIds.Count} số liệu {e.Period.ToVietnamese()} của chỉ tiêu"),
        FiguresReturned e => new($"Trả lại {e.FigureIds.Count} số liệu {e.Period.ToVietnamese()} của chỉ tiêu", e.Reason),
        ExplanationRequested e => new((e.OnBehalfOfCommittee ? "Văn phòng Tỉnh ủy, thay mặt Ban Thường vụ, yêu cầu " : "Ban Thường vụ yêu cầu ") +
            (e.UnitIds.Count == 1 ? "đơn vị" : $"{e.UnitIds.Count} đơn vị") + $" giải trình về {Subject(e.SubjectKind)}, hạn {e.DueDate:dd/MM/yyyy}: {e.Question}"),
        ExplanationGiven e => new("Đơn vị giải trình: " + e.Text +
            (e.EvidenceReferences.Count == 0 ? "" : $" (tài liệu kèm theo: {string.Join("; ", e.EvidenceReferences)})")),
        ExplanationAccepted e => new("Chấp nhận nội dung giải trình", e.Comment),
        FollowUpAsked e => new($"Yêu cầu giải trình thêm, hạn {e.DueDate:dd/MM/yyyy}: {e.Question}"),
        _ => new(data.GetType().Name),
    };

    public static string Stage(FigureStage stage) => stage switch
    {
        FigureStage.Estimate => "ước tính",
        FigureStage.Preliminary => "sơ bộ",
        FigureStage.Official => "chính thức",
        _ => stage.ToString(),
    };

    private static string Subject(ExplanationSubjectKind kind) => kind switch
    {
        ExplanationSubjectKind.Target => "chỉ tiêu",
        ExplanationSubjectKind.Task => "nhiệm vụ",
        _ => "báo cáo kỳ của đơn vị",
    };

    private static string Kind(ResolutionKind kind) => kind switch
    {
        ResolutionKind.Resolution => "nghị quyết",
        ResolutionKind.Conclusion => "kết luận",
        ResolutionKind.ActionProgramme => "chương trình hành động",
        _ => kind.ToString(),
    };

    /// <summary>A moment as Vietnam reads it (UTC+7): 31/12/2023 17:00.</summary>
    public static string VietnamTime(DateTimeOffset at) => Common.VietnamTime.Of(at).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static string Code(string? code) => string.IsNullOrWhiteSpace(code) ? "" : $"{code}: ";

    private static string Number(decimal? value) => value is { } v ? VietnameseNumber.ToText(v, maxDecimals: 4) : "không có";

    private static string Value(decimal? value, IReadOnlyList<string> items) =>
        items.Count == 0 ? Number(value) : $"{Number(value ?? items.Count)} ({string.Join(", ", items)})";

    private static string Goal(TargetGoal goal, string unit)
    {
        var suffix = string.IsNullOrWhiteSpace(unit) ? "" : $" {unit}";
        return (goal.Minimum, goal.Maximum) switch
        {
            ({ } min, { } max) when min == max => $"{Number(min)}{suffix}",
            ({ } min, { } max) => $"{Number(min)} – {Number(max)}{suffix}",
            ({ } min, null) => $"tối thiểu {Number(min)}{suffix}" + (goal.Total is { } t ? $"/{t}" : ""),
            (null, { } max) => $"tối đa {Number(max)}{suffix}",
            _ => "chưa có giá trị",
        };
    }
}
