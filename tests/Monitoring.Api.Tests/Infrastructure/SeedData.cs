namespace Monitoring.Api.Tests.Infrastructure;

/// <summary>Resolutions shaped after the seed documents, for the HTTP scenarios.</summary>
public static class SeedData
{
    /// <summary>A conclusion like 000 (border areas, Đồng Tháp, 2021–2025) with a few of its targets and tasks.</summary>
    public static object BorderConclusion(string number, Guid leadUnit, Guid cooperatingUnit) => new
    {
        number,
        kind = "Conclusion",
        issuingBody = "Ban Chấp hành Đảng bộ Tỉnh Đồng Tháp",
        term = "XI",
        issueDate = "2021-10-20",
        periodStartYear = 2021,
        periodEndYear = 2025,
        title = "Kết luận về phát triển kinh tế - xã hội khu vực biên giới tỉnh Đồng Tháp, giai đoạn 2021 - 2025",
        fields = new[] { "Kinh tế", "Văn hoá - xã hội" },
        targets = new object[]
        {
            new
            {
                code = "KT-01", field = "Kinh tế", statement = "Thu ngân sách tăng 10 – 12%/năm", shape = "GrowthRate",
                minimum = 10, maximum = 12, unitOfMeasure = "%/năm", targetYear = 2025, leadUnitId = leadUnit, cooperatingUnitIds = new[] { cooperatingUnit },
            },
            new
            {
                code = "XH-01", field = "Văn hoá - xã hội", statement = "Tỷ lệ hộ nghèo giảm còn dưới 3,0%", shape = "LevelAtMost",
                maximum = 3.0, unitOfMeasure = "%", targetYear = 2025, baselineValue = 5.2, baselineYear = 2020, leadUnitId = cooperatingUnit,
            },
            new
            {
                code = "XH-02", field = "Văn hoá - xã hội", statement = "Tất cả các xã khu vực biên giới đạt chuẩn nông thôn mới",
                shape = "CountMeetingStandard", minimum = 22, total = 22, unitOfMeasure = "xã", targetYear = 2025, baselineValue = 15, baselineYear = 2020,
                leadUnitId = leadUnit,
            },
        },
        tasks = new object[]
        {
            new { group = "Phát triển kết cấu hạ tầng", statement = "Hoàn thành nâng cấp cửa khẩu quốc tế Thường Phước", leadUnitId = leadUnit, deadline = "2024-12-31" },
            new { group = "Phát triển kinh tế biên mậu", statement = "Hoàn chỉnh hồ sơ đề nghị công nhận khu kinh tế cửa khẩu trình Thủ tướng", leadUnitId = leadUnit, deadline = "2023-06-30" },
        },
    };
}
