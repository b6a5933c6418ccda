using System.Globalization;
using System.Text;
using System.Text.Json;
using Alba;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Audit;

public class HistoryTests(HistoryTests.Story story) : IClassFixture<HistoryTests.Story>
{
    /// <summary>A resolution whose target is reported by a unit's officer, revised, and adjusted by decision; a task extended.</summary>
    public sealed class Story : AppFixture
    {
        public Guid Unit, Resolution, Target, Task, Figure;
        public string Committee = "";

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Committee = TokenFor(Roles.Committee, user: "uy.vien.btv");
            Unit = await this.RegisterUnitAsync("HIS-SO-TC", "Ban cán sự đảng Sở Tài chính");
            var resolution = await this.PostAsync("/api/resolutions", new
            {
                number = "HIS-01", kind = "Conclusion", issuingBody = "Tỉnh ủy", issueDate = "2021-10-20", periodStartYear = 2021, periodEndYear = 2025, title = "Kết luận thử lịch sử",
                targets = new[] { new { code = "KT-01", field = "Kinh tế", statement = "Thu ngân sách tăng 10 – 12%/năm", shape = "GrowthRate", minimum = 10, maximum = 12, unitOfMeasure = "%/năm", targetYear = 2025, leadUnitId = Unit } },
                tasks = new[] { new { group = "Hạ tầng", statement = "Nâng cấp cửa khẩu Thường Phước", leadUnitId = Unit, deadline = "2023-12-31" } },
            }, 201);
            Resolution = resolution.GetProperty("id").GetGuid();
            Target = resolution.GetProperty("targetIds")[0].GetGuid();
            Task = resolution.GetProperty("taskIds")[0].GetGuid();

            var reporter = TokenFor(Roles.Reporter, "HIS-SO-TC", "can.bo.stc");
            var report = await this.PostAsync("/api/reports", new { period = "2021-2023", figures = new[] { new { targetId = Target, value = 15.4, stage = "Estimate" } } }, 201,
                s => s.WithRequestHeader("X-Correlation-Id", "bao-cao-giua-ky"), token: reporter);
            Figure = report.GetProperty("figures")[0].GetProperty("figureId").GetGuid();
            Clock.Advance(TimeSpan.FromDays(30));
            await this.PostAsync($"/api/targets/{Target}/figures/{Figure}/revisions", new { value = 15.1, stage = "Preliminary", reason = "Số liệu sơ bộ của Cục Thống kê" }, 201, token: reporter);
            Clock.Advance(TimeSpan.FromDays(30));
            await this.PostAsync($"/api/targets/{Target}/adjustments", new { minimum = 11, decisionNumber = "310-QĐ/TU", decisionDate = "2023-09-01", reason = "Kết luận giữa nhiệm kỳ" }, 200);
            await this.PostAsync($"/api/tasks/{Task}/deadline-extensions", new { newDeadline = "2024-06-30", reason = "Chờ Bộ Ngoại giao", decisionNumber = "88-TB/TU" }, 200);
        }
    }

    private Task<JsonElement> Get(string url, int status = 200) => story.GetAsync(url, status, story.Committee);

    private static List<JsonElement> Entries(JsonElement page) => page.GetProperty("entries").EnumerateArray().ToList();

    [Fact]
    public async Task A_targets_history_says_who_when_from_which_unit_what_why_and_what_before()
    {
        var entries = Entries(await Get($"/api/targets/{story.Target}/history"));
        entries.Select(e => e.GetProperty("eventType").GetString())
            .ShouldBe(["target_defined", "target_assigned", "progress_reported", "figure_revised", "target_adjusted"]);
        entries.Select(e => e.GetProperty("sequence").GetInt64()).ShouldBeInOrder();

        var reported = entries[2];
        reported.GetProperty("user").GetString().ShouldBe("can.bo.stc");
        reported.GetProperty("unitId").GetGuid().ShouldBe(story.Unit);
        reported.GetProperty("correlationId").GetString().ShouldBe("bao-cao-giua-ky");
        reported.GetProperty("summary").GetString().ShouldBe("Báo cáo số liệu giai đoạn 2021 - 2023 (ước tính): 15,4");

        var revised = entries[3];
        revised.GetProperty("reason").GetString().ShouldBe("Số liệu sơ bộ của Cục Thống kê");
        revised.GetProperty("before").GetString().ShouldBe("15,4 (ước tính)");
        revised.GetProperty("after").GetString().ShouldBe("15,1 (sơ bộ)");
        revised.GetProperty("timestamp").GetDateTimeOffset().ShouldBeGreaterThan(reported.GetProperty("timestamp").GetDateTimeOffset());

        var adjusted = entries[4];
        adjusted.GetProperty("user").GetString().ShouldBe("van.phong@tinhuy");
        adjusted.GetProperty("reason").GetString()!.ShouldContain("310-QĐ/TU");
        adjusted.GetProperty("before").GetString().ShouldBe("10 – 12, năm 2025");
        adjusted.GetProperty("after").GetString().ShouldBe("11 – 12, năm 2025");
    }

    [Fact]
    public async Task Task_resolution_and_unit_histories()
    {
        var task = Entries(await Get($"/api/tasks/{story.Task}/history"));
        var extended = task.Single(e => e.GetProperty("eventType").GetString() == "task_deadline_extended");
        extended.GetProperty("before").GetString().ShouldBe("31/12/2023");
        extended.GetProperty("after").GetString().ShouldBe("30/06/2024");
        extended.GetProperty("reason").GetString().ShouldBe("88-TB/TU: Chờ Bộ Ngoại giao");

        var resolution = Entries(await Get($"/api/resolutions/{story.Resolution}/history"));
        // The resolution, its target's five events, its task's two, and the unit's submission for the period.
        resolution.Count.ShouldBe(1 + 5 + 2 + 1);
        resolution[0].GetProperty("summary").GetString().ShouldBe("Nhập kết luận số HIS-01: Kết luận thử lịch sử");

        var unit = Entries(await Get($"/api/units/{story.Unit}/history"));
        unit.Select(e => e.GetProperty("eventType").GetString()).ShouldBe(["unit_registered", "progress_reported", "submission_submitted", "report_submitted", "figure_revised"]);

        await Get($"/api/targets/{Guid.NewGuid()}/history", 404);
    }

    [Fact]
    public async Task The_feed_filters_by_user_type_unit_resolution_and_time_and_pages_with_a_cursor()
    {
        Entries(await Get("/api/audit?user=can.bo.stc")).Select(e => e.GetProperty("eventType").GetString())
            .ShouldBe(["progress_reported", "submission_submitted", "report_submitted", "figure_revised"]);
        Entries(await Get("/api/audit?eventType=TargetAdjusted")).Single().GetProperty("streamId").GetGuid().ShouldBe(story.Target);
        Entries(await Get($"/api/audit?resolutionId={story.Resolution}&eventType=figure_revised")).Count.ShouldBe(1);
        Entries(await Get($"/api/audit?unitId={story.Unit}&to=2023-07-15")).Count.ShouldBe(4);
        Entries(await Get("/api/audit?from=2023-09-01")).Select(e => e.GetProperty("eventType").GetString())
            .ShouldBe(["target_adjusted", "task_deadline_extended"]);

        var all = Entries(await Get("/api/audit?limit=1000"));
        var seen = new List<long>();
        long? cursor = null;
        do
        {
            var page = await Get($"/api/audit?limit=3" + (cursor is null ? "" : $"&after={cursor}"));
            seen.AddRange(Entries(page).Select(e => e.GetProperty("sequence").GetInt64()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetInt64();
        } while (cursor is not null);
        seen.ShouldBe(all.Select(e => e.GetProperty("sequence").GetInt64()).ToList());

        (await Get("/api/audit?limit=0", 400)).ErrorFields().ShouldBe(["limit"]);
        (await Get("/api/audit?from=hôm-qua", 400)).ErrorFields().ShouldBe(["from"]);
    }

    [Fact]
    public async Task The_feed_exports_as_CSV_and_JSON_with_the_same_filters()
    {
        var csv = await story.Host.Scenario(s =>
        {
            s.Get.Url("/api/audit/export?format=csv&user=can.bo.stc");
            s.Authorized(story.Committee);
            s.ContentTypeShouldBe("text/csv; charset=utf-8");
        });
        var lines = (await csv.ReadAsTextAsync()).TrimStart('\uFEFF').Trim().Split('\n');
        lines[0].ShouldStartWith("Sequence,EventId,StreamId");
        lines.Length.ShouldBe(1 + 4);
        lines.ShouldContain(l => l.Contains("Số liệu sơ bộ của Cục Thống kê"));
        // Timestamps as ISO 8601 in Vietnam's time with the offset, never MM/dd/yyyy.
        var timestamp = lines[1].Split(',')[4];
        timestamp.ShouldMatch(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+07:00$");
        DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture).Offset.ShouldBe(TimeSpan.FromHours(7));

        var json = await story.Host.Scenario(s =>
        {
            s.Get.Url("/api/audit/export?format=json&eventType=figure_revised");
            s.Authorized(story.Committee);
        });
        var exported = JsonDocument.Parse(await json.ReadAsTextAsync()).RootElement;
        exported.GetArrayLength().ShouldBe(1);
        exported[0].GetProperty("after").GetString().ShouldBe("15,1 (sơ bộ)");
    }
}
