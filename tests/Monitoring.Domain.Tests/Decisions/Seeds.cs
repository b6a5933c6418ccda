using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;

namespace Monitoring.Domain.Tests.Decisions;

/// <summary>
/// Streams taken from the seeds. 000 (Kết luận của BCH Đảng bộ tỉnh Đồng Tháp khoá XI, khu vực biên giới, giai đoạn
/// 2021 - 2025): "Thu ngân sách trên địa bàn tăng 10 - 12%/năm" and the task "hoàn chỉnh hồ sơ nâng cấp cửa khẩu chính
/// Mộc Rá trình Thủ tướng Chính phủ". 004 (mid-term review): "tốc độ tăng bình quân 3 năm 2021 - 2023 đạt 15,4%/năm".
/// </summary>
internal static class Seeds
{
    public static readonly Guid ResolutionId = Guid.Parse("0e000000-0000-0000-0000-000000002125");
    public static readonly Guid FinanceDepartment = Guid.Parse("5e000000-0000-0000-0000-0000000000a1"); // Sở Tài chính
    public static readonly Guid TaxDepartment = Guid.Parse("5e000000-0000-0000-0000-0000000000a2");     // Cục Thuế
    public static readonly Guid IndustryAndTrade = Guid.Parse("5e000000-0000-0000-0000-0000000000b1");  // Sở Công Thương
    public static readonly Guid BorderGuard = Guid.Parse("5e000000-0000-0000-0000-0000000000b2");       // BCH Bộ đội Biên phòng

    /// <summary>"Thu ngân sách trên địa bàn tăng 10 - 12%/năm" (000, Về phát triển kinh tế).</summary>
    public static class BudgetRevenue
    {
        public static readonly Guid Id = Guid.Parse("7a000000-0000-0000-0000-000000000001");
        public static readonly TargetGoal Goal = new(Minimum: 10m, Maximum: 12m);

        public static TargetDefined Defined() => new(
            Id, ResolutionId, "KT-01", "kinh tế", "Thu ngân sách trên địa bàn tăng 10 - 12%/năm",
            TargetShape.GrowthRate, Direction.Increase, Goal, "%/năm", 2025, 2021,
            new Baseline(1_785m, 2020, "Báo cáo quyết toán ngân sách năm 2020"), [], null, [], [], null,
            "van-phong-tinh-uy", On.At("2021-03-15"));

        public static TargetAssigned Assigned() =>
            new(Id, FinanceDepartment, [TaxDepartment], "van-phong-tinh-uy", On.At("2021-03-20"));

        public static ProgressReported Reported(Guid figureId, string period, decimal? value, FigureStage stage, string asOf,
            string reportedAt, string? source = null, string[]? items = null, decimal? reference = null) =>
            new(Id, figureId, Guid.NewGuid(), FinanceDepartment, On.Period(period), value, stage, On.Day(asOf), source, null,
                items ?? [], reference, "so-tai-chinh", On.At(reportedAt));

        public static TargetAdjusted Adjusted(TargetGoal goal, int year, TargetGoal previousGoal, int previousYear,
            string decisionNumber, string decisionDate) =>
            new(Id, goal, year, previousGoal, previousYear, decisionNumber, On.Day(decisionDate), "Điều chỉnh theo kết quả giữa nhiệm kỳ",
                "van-phong-tinh-uy", On.At(decisionDate, 14));
    }

    /// <summary>"hoàn chỉnh hồ sơ nâng cấp cửa khẩu chính Mộc Rá trình Thủ tướng Chính phủ" (000, Về kết cấu hạ tầng).</summary>
    public static class MocRaBorderGate
    {
        public static readonly Guid Id = Guid.Parse("7b000000-0000-0000-0000-000000000001");
        public static readonly DateOnly Deadline = On.Day("2023-12-31");

        public static TaskDefined Defined(DateOnly? deadline = null, bool withoutDeadline = false) => new(
            Id, ResolutionId, "HT-03", "kết cấu hạ tầng",
            "Hoàn chỉnh hồ sơ nâng cấp cửa khẩu chính Mộc Rá trình Thủ tướng Chính phủ",
            IndustryAndTrade, [BorderGuard], withoutDeadline ? null : deadline ?? Deadline, "van-phong-tinh-uy", On.At("2021-03-15"));

        public static TaskProgressReported Progress(string period, int percent, string reportedAt, string? note = null) =>
            new(Id, Guid.NewGuid(), IndustryAndTrade, On.Period(period), percent, note, "so-cong-thuong", On.At(reportedAt));

        public static TaskCompleted Completed(string on, string recordedAt) =>
            new(Id, On.Day(on), "Đã trình Thủ tướng Chính phủ hồ sơ nâng cấp cửa khẩu Mộc Rá", IndustryAndTrade, "so-cong-thuong",
                On.At(recordedAt));

        public static TaskSuspended Suspended(string at) =>
            new(Id, "Chờ ý kiến của Bộ Ngoại giao về cặp cửa khẩu phía Campuchia", "van-phong-tinh-uy", On.At(at));

        public static TaskReopened Reopened(string at) =>
            new(Id, "Bộ Ngoại giao đã có ý kiến", "van-phong-tinh-uy", On.At(at));

        public static TaskDeadlineExtended Extended(string newDeadline, DateOnly? previous, string at) =>
            new(Id, On.Day(newDeadline), previous, "Bổ sung hồ sơ theo ý kiến các bộ, ngành", null, "van-phong-tinh-uy", On.At(at));
    }
}
