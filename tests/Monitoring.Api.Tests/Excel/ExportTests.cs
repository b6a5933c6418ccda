using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alba;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Excel;

/// <summary>
/// The .xlsx exports against their JSON siblings, over HTTP: the targets table (GET /api/targets), a stored review's table
/// (the review's data), reporting completeness (GET /api/reporting/completeness) and the audit feed (GET /api/audit/export).
/// Each file is read back with the Open XML SDK (sheets, frozen header, widths, filter, numbers and dates stored as such) and
/// with LibreOffice (the values another reader sees), and compared with what the JSON answers for the same filters.
/// <para>
/// The world, along a timeline: on 2 May 2023 two border conclusions (501, 502) are defined, each with a lead and a
/// cooperating unit; on 20 June (before the 2023-H1 due date of 21/6) 501's lead reports; on 23 June 501's cooperating unit
/// and 502's lead report (late); on 26 June the first is approved and 502's lead's is returned; 502's cooperating unit never
/// reports. The clock then stays on 15 July 2023, when a mid-term review of 501 is generated.
/// </para>
/// </summary>
public partial class ExportTests(ExportTests.World app) : IClassFixture<ExportTests.World>
{
    public sealed class World : AppFixture
    {
        protected override DateTimeOffset StartsAt => At("2023-05-02");

        public Guid Resolution, Other, Lead, Coop, OtherLead, OtherCoop, Review;
        public string LeadCode = "", CoopCode = "", OtherLeadCode = "", OtherCoopCode = "";
        public Guid[] Targets = [];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            (LeadCode, CoopCode, OtherLeadCode, OtherCoopCode) = (Code("L"), Code("C"), Code("L"), Code("C"));
            Lead = await this.RegisterUnitAsync(LeadCode, "Sở Tài chính thử xuất Excel");
            Coop = await this.RegisterUnitAsync(CoopCode, "Sở Lao động thử xuất Excel");
            OtherLead = await this.RegisterUnitAsync(OtherLeadCode);
            OtherCoop = await this.RegisterUnitAsync(OtherCoopCode);
            var defined = await this.PostAsync("/api/resolutions", SeedData.BorderConclusion("501-KL/TU", Lead, Coop), 201);
            Resolution = defined.GetProperty("id").GetGuid();
            Targets = defined.GetProperty("targetIds").EnumerateArray().Select(t => t.GetGuid()).ToArray();
            var other = await this.PostAsync("/api/resolutions", SeedData.BorderConclusion("502-KL/TU", OtherLead, OtherCoop), 201);
            Other = other.GetProperty("id").GetGuid();
            var otherGrowth = other.GetProperty("targetIds")[0].GetGuid();

            Clock.SetUtcNow(At("2023-06-20"));
            await ReportAsync(LeadCode, new { targetId = Targets[0], value = 12.5m, stage = "Estimate", asOf = "2023-06-14" },
                new { targetId = Targets[2], value = 18m, stage = "Official", asOf = "2023-06-14" });
            Clock.SetUtcNow(At("2023-06-23"));
            await ReportAsync(CoopCode, new { targetId = Targets[1], value = 2.8m, stage = "Preliminary", asOf = "2023-06-14" });
            await ReportAsync(OtherLeadCode, new { targetId = otherGrowth, value = 9m, stage = "Estimate", asOf = "2023-06-14" });
            Clock.SetUtcNow(At("2023-06-26"));
            await this.ApproveAsync(Lead, Resolution, "2023-H1");
            await this.PostAsync($"/api/submissions/{ApiScenarios.SubmissionId(OtherLead, Other, "2023-H1")}/return",
                new { reason = "Thiếu nguồn số liệu" }, 200);
            Clock.SetUtcNow(At("2023-07-15"));
            Review = (await this.PostAsync($"/api/resolutions/{Resolution}/reviews", new { kind = "MidTerm", cutOff = "2023-07-15" }, 201))
                .GetProperty("reviewId").GetGuid();
        }

        private Task<JsonElement> ReportAsync(string unit, params object[] figures) =>
            this.PostAsync("/api/reports", new { period = "2023-H1", figures }, 201, token: TokenFor(Roles.Reporter, unit));

        private static string Code(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
    }

    private static DateTimeOffset At(string day, int hour = 9) =>
        new DateTimeOffset(DateOnly.Parse(day, CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(7)).ToUniversalTime();

    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private string Committee => app.TokenFor(Roles.Committee);

    private sealed record Answer(int Status, byte[] Body, string? ContentType, string Disposition)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
    }

    private async Task<Answer> GetAsync(string url, string? token = null, string? language = null)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.Authorized(token ?? Committee);
            if (language is not null) s.WithRequestHeader("Accept-Language", language);
            s.IgnoreStatusCode();
        });
        var bytes = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(bytes);
        return new Answer(result.Context.Response.StatusCode, bytes.ToArray(), result.Context.Response.ContentType,
            result.Context.Response.Headers.ContentDisposition.ToString());
    }

    private async Task<IReadOnlyList<StoredSheet>> WorkbookAsync(string url, string? token = null)
    {
        var answer = await GetAsync(url, token);
        answer.Status.ShouldBe(200, $"{url}: {System.Text.Encoding.UTF8.GetString(answer.Body)}");
        answer.ContentType.ShouldBe(XlsxType);
        return ExportedWorkbook.Read(answer.Body);
    }

    private static List<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    private static decimal? Decimal(StoredCell? cell) => cell is null ? null : (decimal)cell.Number;

    private static decimal? Decimal(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element.GetDecimal();

    private static JsonElement? Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>Each target's row as the list answers it and as the table holds it: code, status text, achievement, latest value, its date and approval.</summary>
    private static List<string> ListRows(IEnumerable<JsonElement> targets) => targets.Select(t =>
    {
        var latest = Property(t, "latest");
        return Line(t.GetProperty("code").GetString(), t.GetProperty("judgement").GetProperty("statusText").GetString(),
            Decimal(t.GetProperty("judgement").GetProperty("achievement")), latest?.GetProperty("value") is { } v ? Decimal(v) : null,
            latest?.GetProperty("asOf").GetString(), latest?.GetProperty("approvalText").GetString());
    }).Order().ToList();

    private static List<string> TableRows(StoredSheet sheet) => sheet.Table.Select(r =>
        Line(r[sheet.Column("Mã")]?.Text, r[sheet.Column("Đánh giá")]?.Text, Decimal(r[sheet.Column("Tỷ lệ đạt (%)")]),
            Decimal(r[sheet.Column("Thực hiện")]), r[sheet.Column("Ngày số liệu")] is { } day ? DateOnly.FromDateTime(day.Date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            r[sheet.Column("Phê duyệt")]?.Text)).Order().ToList();

    private static string Line(params object?[] values) => string.Join(" | ", values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "—"));

    [Fact]
    public async Task The_targets_table_holds_what_the_targets_list_answers_with_numbers_and_dates_stored_as_such()
    {
        var list = Items(await app.GetAsync($"/api/targets?resolutionId={app.Resolution}&pageSize=500", token: Committee));
        var answer = await GetAsync($"/api/resolutions/{app.Resolution}/targets.xlsx");
        answer.Status.ShouldBe(200);
        answer.ContentType.ShouldBe(XlsxType);
        answer.Disposition.ShouldBe("attachment; filename=chi-tieu-501-KL-TU-2023-07-15.xlsx; filename*=UTF-8''Ch%E1%BB%89%20ti%C3%AAu%20501-KL-TU%202023-07-15.xlsx");

        var book = ExportedWorkbook.Read(answer.Body);
        book.Select(s => s.Name).ShouldBe(["Chỉ tiêu", "Số liệu theo kỳ"]);
        var table = book.Sheet("Chỉ tiêu");
        table.ShouldBeAnExportTable();
        table.Title.ShouldBe([
            "Kết luận số 501-KL/TU: Kết luận về phát triển kinh tế - xã hội khu vực biên giới tỉnh Đồng Tháp, giai đoạn 2021 - 2025",
            "Số liệu tính đến ngày 15/07/2023",
            list[0].GetProperty("basis").GetProperty("text").GetString()!,
        ]);
        table.Header.Take(5).ShouldBe(["STT", "Lĩnh vực", "Mã", "Chỉ tiêu", "Đơn vị tính"]);
        // The review's order: the resolution's fields in its order, then by code.
        table.Table.Select(r => r[table.Column("Mã")]!.Text).ShouldBe(["KT-01", "XH-01", "XH-02"]);
        TableRows(table).ShouldBe(ListRows(list));
        TableRows(table).ShouldContain(r => r.StartsWith("KT-01 |") && r.Contains("| 12.5 | 2023-06-14 | đã phê duyệt"));

        // Numbers are numbers, years whole numbers, days dates; words are text.
        var growth = table.Table[0];
        growth[table.Column("STT")]!.IsNumber.ShouldBeTrue();
        growth[table.Column("Mục tiêu tối thiểu")]!.IsNumber.ShouldBeTrue();
        growth[table.Column("Mục tiêu tối thiểu")]!.Number.ShouldBe(10);
        growth[table.Column("Mục tiêu tối thiểu")]!.Format.ShouldBe("#,##0.###");
        growth[table.Column("Năm mục tiêu")]!.IsNumber.ShouldBeTrue();
        growth[table.Column("Năm mục tiêu")]!.Format.ShouldBe("0", "a year: 2025, never 2.025");
        growth[table.Column("STT")]!.Format.ShouldBe("#,##0");
        growth[table.Column("Năm mục tiêu")]!.Number.ShouldBe(2025);
        growth[table.Column("Thực hiện")]!.IsNumber.ShouldBeTrue();
        growth[table.Column("Tỷ lệ đạt (%)")]!.IsNumber.ShouldBeTrue();
        growth[table.Column("Ngày số liệu")]!.IsDate.ShouldBeTrue();
        growth[table.Column("Năm số liệu")]!.Number.ShouldBe(2023);
        growth[table.Column("Mục tiêu")]!.IsNumber.ShouldBeFalse();
        growth[table.Column("Mục tiêu")]!.Text.ShouldBe("10 – 12");
        growth[table.Column("Loại số liệu")]!.Text.ShouldBe("ước tính");
        growth[table.Column("Kỳ số liệu")]!.Text.ShouldBe("6 tháng đầu năm 2023");
        var poverty = table.Table[1];
        poverty[table.Column("Số liệu gốc")]!.Number.ShouldBe(5.2);
        poverty[table.Column("Năm gốc")]!.Number.ShouldBe(2020);
        poverty[table.Column("Thực hiện")].ShouldBeNull("the cooperating unit's figure waits for approval");

        // Each target's current figures by period and stage.
        var figures = book.Sheet("Số liệu theo kỳ");
        figures.ShouldBeAnExportTable();
        figures.Table.Select(r => Line(r[0]!.Text, r[figures.Column("Năm")]!.Number, r[figures.Column("Loại số liệu")]!.Text,
            r[figures.Column("Giá trị")]!.Number, r[figures.Column("Đơn vị báo cáo")]!.Text)).ShouldBe([
            Line("KT-01", 2023, "ước tính", 12.5, app.LeadCode), Line("XH-02", 2023, "chính thức", 18, app.LeadCode)]);

        // Another reader sees the same values: LibreOffice, converting each sheet to CSV.
        var csv = await LibreOffice.ToCsvAsync(answer.Body);
        var rows = csv["Chỉ tiêu"];
        rows[table.HeaderRow - 1].ShouldBe(table.Header.ToArray());
        var byCode = rows.Skip(table.HeaderRow).ToDictionary(r => r[table.Column("Mã")]);
        byCode.Keys.Order().ShouldBe(list.Select(t => t.GetProperty("code").GetString()!).Order());
        foreach (var target in list)
        {
            var row = byCode[target.GetProperty("code").GetString()!];
            var judgement = target.GetProperty("judgement");
            row[table.Column("Đánh giá")].ShouldBe(judgement.GetProperty("statusText").GetString());
            row[table.Column("Tỷ lệ đạt (%)")].ShouldBe(Decimal(judgement.GetProperty("achievement")) is { } a ? a.ToString(CultureInfo.InvariantCulture) : "");
            row[table.Column("Năm mục tiêu")].ShouldBe(target.GetProperty("targetYear").GetInt32().ToString(CultureInfo.InvariantCulture));
            if (Property(target, "latest") is { } latest)
            {
                row[table.Column("Thực hiện")].ShouldBe(latest.GetProperty("value").GetDecimal().ToString(CultureInfo.InvariantCulture));
                DateOnly.FromDateTime(LibreOffice.Date(row[table.Column("Ngày số liệu")])).ShouldBe(DateOnly.Parse(latest.GetProperty("asOf").GetString()!, CultureInfo.InvariantCulture));
            }
            else row[table.Column("Thực hiện")].ShouldBe("");
        }
    }

    [Theory]
    [InlineData("includeSubmitted=true")]
    [InlineData("field=Kinh%20t%E1%BA%BF")]
    [InlineData("cutOff=2023-06-13")]
    [InlineData("knownAt=2023-06-21")]
    [InlineData("knownAt=2023-06-24&includeSubmitted=true")]
    [InlineData("shape=LevelAtMost&includeSubmitted=true")]
    public async Task The_targets_table_takes_the_lists_filters_and_data_cut(string query)
    {
        var list = Items(await app.GetAsync($"/api/targets?resolutionId={app.Resolution}&pageSize=500&{query}", token: Committee));
        var table = (await WorkbookAsync($"/api/resolutions/{app.Resolution}/targets.xlsx?{query}")).Sheet("Chỉ tiêu");
        TableRows(table).ShouldBe(ListRows(list), query);
        if (list.Count > 0) table.Title.ShouldContain(list[0].GetProperty("basis").GetProperty("text").GetString()!);
        // A filter the list takes narrows the table the same way, and says so.
        if (query.StartsWith("field")) table.Title.ShouldContain("Lọc: lĩnh vực Kinh tế.");
    }

    [Fact]
    public async Task Submitted_figures_and_status_filters_narrow_and_change_the_table_as_the_list()
    {
        var withSubmitted = (await WorkbookAsync($"/api/resolutions/{app.Resolution}/targets.xlsx?includeSubmitted=true")).Sheet("Chỉ tiêu");
        TableRows(withSubmitted).ShouldContain(r => r.StartsWith("XH-01 |") && r.EndsWith("| 2.8 | 2023-06-14 | chưa phê duyệt"));
        withSubmitted.Title[2].ShouldContain("chưa phê duyệt");

        var statuses = Items(await app.GetAsync($"/api/targets?resolutionId={app.Resolution}&pageSize=500", token: Committee))
            .Select(t => t.GetProperty("judgement").GetProperty("status").GetString()!).Distinct().ToList();
        foreach (var status in statuses)
        {
            var list = Items(await app.GetAsync($"/api/targets?resolutionId={app.Resolution}&status={status}", token: Committee));
            var table = (await WorkbookAsync($"/api/resolutions/{app.Resolution}/targets.xlsx?status={status}")).Sheet("Chỉ tiêu");
            TableRows(table).ShouldBe(ListRows(list), status);
            table.Title[^1].ShouldStartWith("Lọc: đánh giá");
        }
        // As the cut-off said: the file is named by it.
        (await GetAsync($"/api/resolutions/{app.Resolution}/targets.xlsx?cutOff=2023-06-30")).Disposition.ShouldContain("filename=chi-tieu-501-KL-TU-2023-06-30.xlsx");
    }

    [Theory]
    [InlineData("cutOff=2199-12-31", "cutOff")]
    [InlineData("cutOff=30%2F06%2F2023", "cutOff")]
    [InlineData("knownAt=yesterday", "knownAt")]
    [InlineData("knownAt=2023-06-30&asOf=2023-06-30", "knownAt,asOf")]
    [InlineData("status=bogus", "status")]
    [InlineData("unitId=xyz", "unitId")]
    [InlineData("includeSubmitted=perhaps", "includeSubmitted")]
    [InlineData("colour=red", "colour")]
    public async Task A_bad_filter_is_the_lists_400_naming_it_in_the_callers_language_and_no_file(string query, string fields)
    {
        foreach (var language in new[] { "vi", "en" })
        {
            var before = await app.EventCountAsync();
            var json = await GetAsync($"/api/targets?resolutionId={app.Resolution}&{query}", language: language);
            var xlsx = await GetAsync($"/api/resolutions/{app.Resolution}/targets.xlsx?{query}", language: language);
            (await app.EventCountAsync()).ShouldBe(before);
            json.Status.ShouldBe(400);
            xlsx.Status.ShouldBe(400, query);
            xlsx.ContentType.ShouldStartWith("application/problem+json");
            xlsx.Disposition.ShouldBeEmpty();
            xlsx.Json.ErrorFields().Order().ShouldBe(fields.Split(',').Order());
            // The same messages; an unknown parameter's lists the operation's own parameters (the file has no paging).
            if (fields == "colour") xlsx.Json.GetProperty("errors").GetProperty("colour")[0].GetString()!.ShouldContain("'colour'");
            else xlsx.Json.GetProperty("errors").ToString().ShouldBe(json.Json.GetProperty("errors").ToString(), $"{query} in {language}");
        }
    }

    [Fact]
    public async Task An_unknown_resolution_is_404_and_a_reporter_gets_what_the_list_gives_it_its_own_units_targets()
    {
        var missing = await GetAsync($"/api/resolutions/{Guid.NewGuid()}/targets.xlsx");
        missing.Status.ShouldBe(404);
        missing.ContentType.ShouldStartWith("application/problem+json");

        // The cooperating unit works on KT-01 (with the lead) and leads XH-01.
        var coop = app.TokenFor(Roles.Reporter, app.CoopCode);
        var list = Items(await app.GetAsync($"/api/targets?resolutionId={app.Resolution}", token: coop));
        var table = (await WorkbookAsync($"/api/resolutions/{app.Resolution}/targets.xlsx", coop)).Sheet("Chỉ tiêu");
        table.Table.Select(r => r[table.Column("Mã")]!.Text).ShouldBe(["KT-01", "XH-01"]);
        TableRows(table).ShouldBe(ListRows(list));
        table.Title[^1].ShouldBe($"Lọc: đơn vị {app.CoopCode} – Sở Lao động thử xuất Excel.");
        // Another resolution's: none of its targets (as the list), and naming another unit is the list's 403.
        (await WorkbookAsync($"/api/resolutions/{app.Other}/targets.xlsx", coop)).Sheet("Chỉ tiêu").Table.ShouldBeEmpty();
        (await GetAsync($"/api/targets?resolutionId={app.Resolution}&unitId={app.Lead}", coop)).Status.ShouldBe(403);
        (await GetAsync($"/api/resolutions/{app.Resolution}/targets.xlsx?unitId={app.Lead}", coop)).Status.ShouldBe(403);
        // The auditor reads the audit trail only.
        (await GetAsync($"/api/resolutions/{app.Resolution}/targets.xlsx", app.TokenFor(Roles.Auditor))).Status.ShouldBe(403);
    }

    [Fact]
    public async Task A_stored_reviews_table_is_the_table_the_review_recorded()
    {
        var data = await app.GetAsync($"/api/resolutions/{app.Resolution}/reviews/{app.Review}", token: Committee);
        var answer = await GetAsync($"/api/resolutions/{app.Resolution}/reviews/{app.Review}/table.xlsx");
        answer.Status.ShouldBe(200);
        answer.Disposition.ShouldBe($"attachment; filename=chi-tieu-bao-cao-501-KL-TU-2023-07-15-{app.Review.ToString("N")[..8]}.xlsx; " +
                                    $"filename*=UTF-8''Ch%E1%BB%89%20ti%C3%AAu%20b%C3%A1o%20c%C3%A1o%20501-KL-TU%202023-07-15%20{app.Review.ToString("N")[..8]}.xlsx");
        var book = ExportedWorkbook.Read(answer.Body);
        book.Select(s => s.Name).ShouldBe(["Chỉ tiêu"]);
        var table = book.Sheet("Chỉ tiêu");
        table.ShouldBeAnExportTable();
        table.Title[1].ShouldBe("Số liệu tính đến ngày 15/07/2023");
        table.Title[2].ShouldBe(data.GetProperty("content").GetProperty("dataBasis").GetString());
        table.Title[3].ShouldStartWith($"Bảng chỉ tiêu của báo cáo sơ kết giữa nhiệm kỳ mã {app.Review}");
        var recorded = data.GetProperty("content").GetProperty("targets").EnumerateArray().Select(t =>
        {
            var latest = Property(t, "latest");
            return Line(t.GetProperty("code").GetString(), t.GetProperty("statusText").GetString(), Decimal(t.GetProperty("achievement")),
                latest?.GetProperty("value") is { } v ? Decimal(v) : null, latest?.GetProperty("asOf").GetString(),
                latest is null ? null : latest.Value.GetProperty("approval").GetString() == "Approved" ? "đã phê duyệt" : "chưa phê duyệt");
        }).Order().ToList();
        TableRows(table).ShouldBe(recorded);
        // Judged as the live table judges the same cut.
        TableRows(table).ShouldBe(TableRows((await WorkbookAsync($"/api/resolutions/{app.Resolution}/targets.xlsx?cutOff=2023-07-15")).Sheet("Chỉ tiêu")));

        (await GetAsync($"/api/resolutions/{app.Resolution}/reviews/{Guid.NewGuid()}/table.xlsx")).Status.ShouldBe(404);
        (await GetAsync($"/api/resolutions/{app.Other}/reviews/{app.Review}/table.xlsx")).Status.ShouldBe(404);
        // As the review's data: the committee's and the secretariat's, not a unit's.
        (await GetAsync($"/api/resolutions/{app.Resolution}/reviews/{app.Review}", app.TokenFor(Roles.Reporter, app.LeadCode))).Status.ShouldBe(403);
        (await GetAsync($"/api/resolutions/{app.Resolution}/reviews/{app.Review}/table.xlsx", app.TokenFor(Roles.Reporter, app.LeadCode))).Status.ShouldBe(403);
        (await GetAsync($"/api/resolutions/{app.Resolution}/reviews/{app.Review}/table.xlsx?cutOff=2023-06-30")).Status.ShouldBe(400);
    }

    private static List<string> Reports(JsonElement array) => array.EnumerateArray().Select(r => Line(r.GetProperty("unitCode").GetString(),
        r.GetProperty("resolutionNumber").GetString(), r.GetProperty("dueDate").GetString(),
        Property(r, "firstSubmittedAt") is { } at ? at.GetDateTimeOffset().ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : null,
        r.GetProperty("state").GetString(), r.GetProperty("timeliness").GetString())).ToList();

    private static readonly Dictionary<string, string> States = new()
    {
        ["chưa lập"] = "NotStarted", ["bản nháp"] = "Draft", ["chờ phê duyệt"] = "Submitted", ["đã phê duyệt"] = "Approved", ["bị trả lại"] = "Returned",
        ["đúng hạn"] = "OnTime", ["nộp muộn"] = "Late", ["chưa nộp"] = "Missing", ["chưa đến hạn"] = "NotYetDue",
    };

    private static List<string> Reports(StoredSheet sheet) => sheet.Table.Select(r => Line(r[sheet.Column("Mã đơn vị")]!.Text,
        r[sheet.Column("Nghị quyết")]!.Text, DateOnly.FromDateTime(r[sheet.Column("Hạn nộp")]!.Date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        r[sheet.Column("Nộp lần đầu lúc")] is { } at ? at.Date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : null,
        States[r[sheet.Column("Trạng thái")]!.Text], States[r[sheet.Column("Tình hình nộp")]!.Text])).ToList();

    private static readonly string[] CountNames =
        ["expected", "submitted", "onTime", "late", "missing", "notYetDue", "draft", "awaitingApproval", "approved", "returned", "reportingRate", "onTimeRate"];

    [Fact]
    public async Task Completeness_holds_what_its_JSON_answers_a_summary_and_a_sheet_per_list()
    {
        var json = await app.GetAsync("/api/reporting/completeness?period=2023-H1", token: Committee);
        var answer = await GetAsync("/api/reporting/completeness.xlsx?period=2023-H1");
        answer.Status.ShouldBe(200);
        answer.Disposition.ShouldStartWith("attachment; filename=tinh-hinh-bao-cao-2023-H1-2023-07-15.xlsx; filename*=UTF-8''T%C3%ACnh%20h%C3%ACnh%20b%C3%A1o%20c%C3%A1o%202023-H1%202023-07-15.xlsx");
        var book = ExportedWorkbook.Read(answer.Body);
        book.Select(s => s.Name).ShouldBe(["Tổng hợp", "Theo nghị quyết", "Theo đơn vị", "Nộp muộn", "Chưa nộp", "Tất cả báo cáo"]);
        foreach (var sheet in book) sheet.ShouldBeAnExportTable();

        var summary = book.Sheet("Tổng hợp");
        summary.Title.ShouldBe(["Tình hình báo cáo kỳ 6 tháng đầu năm 2023 (2023-H1)",
            "Số liệu từ ngày 15/12/2022 đến ngày 14/06/2023; hạn nộp báo cáo ngày 21/06/2023", "Tình hình tính đến ngày 15/07/2023"]);
        var total = json.GetProperty("total");
        summary.Table.Select(r => Decimal(r[1])).ShouldBe(CountNames.Select(n => Decimal(total.GetProperty(n))));
        summary.Table.ShouldAllBe(r => r[1] == null || r[1]!.IsNumber);
        // 501's lead on time and approved, its cooperating unit late and waiting, 502's lead late and returned, 502's other unit missing.
        summary.Table.Select(r => Line(r[0]!.Text, r[1]?.Number)).Take(10).ShouldBe([
            Line("Số báo cáo phải nộp", 4), Line("Đã nộp", 3), Line("Nộp đúng hạn", 1), Line("Nộp muộn", 2), Line("Chưa nộp (đã quá hạn)", 1),
            Line("Chưa đến hạn", 0), Line("Bản nháp (chưa nộp)", 0), Line("Chờ phê duyệt", 1), Line("Đã phê duyệt", 1), Line("Bị trả lại", 1)]);

        Reports(book.Sheet("Nộp muộn")).ShouldBe(Reports(json.GetProperty("late")));
        Reports(book.Sheet("Chưa nộp")).ShouldBe(Reports(json.GetProperty("missing")));
        var every = book.Sheet("Tất cả báo cáo");
        every.Table.Count.ShouldBe(total.GetProperty("expected").GetInt32());
        Reports(every).Where(r => r.EndsWith("| Late") || r.EndsWith("| Missing")).Order()
            .ShouldBe(Reports(json.GetProperty("late")).Concat(Reports(json.GetProperty("missing"))).Order());
        Reports(every).ShouldContain(r => r.StartsWith(app.LeadCode + " | 501-KL/TU | 2023-06-21 | 2023-06-20 09:00 | Approved | OnTime"));

        // Days overdue: a late report to the day it came, a missing one to the as-of day; dates and moments stored as such.
        var late = book.Sheet("Nộp muộn");
        late.Table.ShouldAllBe(r => r[late.Column("Số ngày quá hạn")]!.Number == 2 && r[late.Column("Số ngày quá hạn")]!.Format == "#,##0");
        late.Table.ShouldAllBe(r => r[late.Column("Hạn nộp")]!.IsDate && r[late.Column("Nộp lần đầu lúc")]!.IsDateTime);
        var missing = book.Sheet("Chưa nộp");
        missing.Table.Single()[missing.Column("Số ngày quá hạn")]!.Number.ShouldBe(24);
        missing.Table.Single()[missing.Column("Nộp lần đầu lúc")].ShouldBeNull();
        every.Table.Where(r => r[every.Column("Tình hình nộp")]!.Text == "đúng hạn").ShouldAllBe(r => r[every.Column("Số ngày quá hạn")] == null);

        var byResolution = book.Sheet("Theo nghị quyết");
        byResolution.Table.Select(r => Line([r[0]!.Text, .. CountNames.Select(n => Decimal(r[byResolution.Column(Header(n))]))])).ShouldBe(
            json.GetProperty("resolutions").EnumerateArray().Select(r => Line([r.GetProperty("number").GetString(),
                .. CountNames.Select(n => Decimal(r.GetProperty("counts").GetProperty(n)))])));
        byResolution.Table.Select(r => Line(r[0]!.Text, r[byResolution.Column("Đơn vị nộp muộn")]?.Text, r[byResolution.Column("Đơn vị chưa nộp")]?.Text))
            .ShouldBe([Line("501-KL/TU", app.CoopCode, null), Line("502-KL/TU", app.OtherLeadCode, app.OtherCoopCode)]);
        var byUnit = book.Sheet("Theo đơn vị");
        byUnit.Table.Select(r => Line([r[0]!.Text, .. CountNames.Select(n => Decimal(r[byUnit.Column(Header(n))]))])).ShouldBe(
            json.GetProperty("units").EnumerateArray().Select(u => Line([u.GetProperty("code").GetString(),
                .. CountNames.Select(n => Decimal(u.GetProperty("counts").GetProperty(n)))])));

        // LibreOffice reads the same: the due day, the first submission in Vietnam's time, the days overdue.
        var csv = await LibreOffice.ToCsvAsync(answer.Body);
        var lateRows = csv["Nộp muộn"].Skip(late.HeaderRow).ToList();
        lateRows.Select(r => Line(r[0], r[2], DateOnly.FromDateTime(LibreOffice.Date(r[3])).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                LibreOffice.Date(r[4]).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), States[r[6]], States[r[7]]))
            .ShouldBe(Reports(json.GetProperty("late")));
        lateRows.ShouldAllBe(r => r[5] == "2");
        csv["Tổng hợp"].Skip(summary.HeaderRow).Select(r => r[1]).ShouldBe(CountNames.Select(n => Decimal(total.GetProperty(n)) is { } d ? d.ToString(CultureInfo.InvariantCulture) : ""));
    }

    private static string Header(string count) => count switch
    {
        "expected" => "Phải nộp", "submitted" => "Đã nộp", "onTime" => "Đúng hạn", "late" => "Nộp muộn", "missing" => "Chưa nộp",
        "notYetDue" => "Chưa đến hạn", "draft" => "Bản nháp", "awaitingApproval" => "Chờ phê duyệt", "approved" => "Đã phê duyệt",
        "returned" => "Bị trả lại", "reportingRate" => "Tỷ lệ nộp (%)", _ => "Tỷ lệ đúng hạn (%)",
    };

    [Theory]
    [InlineData("period=2023-H1&resolutionId={other}")]
    [InlineData("period=2023-H1&unitId={coop}")]
    [InlineData("period=2023-H1&asOf=2023-06-22")]
    [InlineData("period=2023")]
    [InlineData("")]
    public async Task Completeness_filters_narrow_the_file_as_they_narrow_the_JSON(string template)
    {
        var query = template.Replace("{other}", app.Other.ToString()).Replace("{coop}", app.Coop.ToString());
        var json = await app.GetAsync($"/api/reporting/completeness?{query}", token: Committee);
        var book = await WorkbookAsync($"/api/reporting/completeness.xlsx?{query}");
        book.Sheet("Tổng hợp").Title[0].ShouldEndWith($"({json.GetProperty("period").GetString()})");
        book.Sheet("Tổng hợp").Table.Select(r => Decimal(r[1])).ShouldBe(CountNames.Select(n => Decimal(json.GetProperty("total").GetProperty(n))));
        Reports(book.Sheet("Nộp muộn")).ShouldBe(Reports(json.GetProperty("late")));
        Reports(book.Sheet("Chưa nộp")).ShouldBe(Reports(json.GetProperty("missing")));
        book.Sheet("Tất cả báo cáo").Table.Count.ShouldBe(json.GetProperty("total").GetProperty("expected").GetInt32());
        book.Sheet("Theo đơn vị").Table.Select(r => r[0]!.Text).ShouldBe(json.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("code").GetString()!));
        if (query.Contains("resolutionId")) book.Sheet("Tổng hợp").Title[^1].ShouldBe("Lọc: nghị quyết 502-KL/TU.");
    }

    [Theory]
    [InlineData("period=bogus", "period", 400)]
    [InlineData("period=2023-H3", "period", 400)]
    [InlineData("asOf=yesterday", "asOf", 400)]
    [InlineData("asOf=2023-02-30", "asOf", 400)]
    [InlineData("resolutionId=xyz", "resolutionId", 400)]
    [InlineData("colour=red", "colour", 400)]
    [InlineData("resolutionId={new}", null, 404)]
    [InlineData("unitId={new}", null, 404)]
    public async Task Completeness_refuses_what_its_JSON_refuses_and_sends_no_file(string template, string? field, int status)
    {
        var query = template.Replace("{new}", Guid.NewGuid().ToString());
        var before = await app.EventCountAsync();
        var json = await GetAsync($"/api/reporting/completeness?{query}");
        var xlsx = await GetAsync($"/api/reporting/completeness.xlsx?{query}");
        (await app.EventCountAsync()).ShouldBe(before);
        (json.Status, xlsx.Status).ShouldBe((status, status));
        xlsx.ContentType.ShouldStartWith("application/problem+json");
        xlsx.Disposition.ShouldBeEmpty();
        if (field is not null)
        {
            xlsx.Json.ErrorFields().ShouldBe([field]);
            xlsx.Json.GetProperty("errors").ToString().ShouldBe(json.Json.GetProperty("errors").ToString());
        }
        else xlsx.Json.GetProperty("detail").GetString().ShouldBe(json.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Completeness_spans_every_unit_so_a_reporter_is_refused_as_from_its_JSON()
    {
        foreach (var token in new[] { app.TokenFor(Roles.Reporter, app.LeadCode), app.TokenFor(Roles.Auditor) })
        {
            (await GetAsync("/api/reporting/completeness", token)).Status.ShouldBe(403);
            var refused = await GetAsync("/api/reporting/completeness.xlsx", token);
            refused.Status.ShouldBe(403);
            refused.ContentType.ShouldStartWith("application/problem+json");
        }
    }

    private static List<string> Entries(JsonElement entries) => entries.EnumerateArray().Select(e => Line(e.GetProperty("sequence").GetInt64(),
        e.GetProperty("eventType").GetString(), Property(e, "user")?.GetString(), e.GetProperty("summary").GetString(), Property(e, "reason")?.GetString(),
        Property(e, "before")?.GetString(), Property(e, "after")?.GetString(), e.GetProperty("streamId").GetGuid(), Property(e, "unitId")?.GetGuid(),
        e.GetProperty("timestamp").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))).ToList();

    private static List<string> Entries(StoredSheet sheet) => sheet.Table.Select(r => Line((long)r[sheet.Column("Số thứ tự")]!.Number,
        r[sheet.Column("Loại sự kiện")]!.Text, r[sheet.Column("Người thực hiện")]?.Text, r[sheet.Column("Nội dung")]!.Text, r[sheet.Column("Lý do")]?.Text,
        r[sheet.Column("Trước")]?.Text, r[sheet.Column("Sau")]?.Text, Guid.Parse(r[sheet.Column("Mã đối tượng")]!.Text),
        r[sheet.Column("Mã đơn vị (id)")] is { } unit ? Guid.Parse(unit.Text) : (Guid?)null,
        // An OLE date keeps the moment to the millisecond: read back to the second, in Vietnam's time as written.
        new DateTime((long)Math.Round(r[sheet.Column("Thời điểm")]!.Date.Ticks / 1e7) * 10_000_000).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))).ToList();

    [Theory]
    [InlineData("unitId={lead}")]
    [InlineData("resolutionId={other}")]
    [InlineData("eventType=ProgressReported")]
    [InlineData("eventType=submission_returned&resolutionId={other}")]
    [InlineData("from=2023-06-23&to=2023-06-26")]
    [InlineData("user=van.phong@tinhuy")]
    public async Task The_audit_feed_holds_every_entry_the_CSV_export_holds_for_the_same_filters(string template)
    {
        var query = template.Replace("{lead}", app.Lead.ToString()).Replace("{other}", app.Other.ToString());
        var auditor = app.TokenFor(Roles.Auditor);
        var exported = await GetAsync($"/api/audit/export?format=json&{query}", auditor);
        var answer = await GetAsync($"/api/audit/export.xlsx?{query}", auditor);
        answer.Status.ShouldBe(200);
        answer.Disposition.ShouldStartWith("attachment; filename=nhat-ky-2023-07-15.xlsx; filename*=UTF-8''Nh%E1%BA%ADt%20k%C3%BD%202023-07-15.xlsx");
        var sheet = ExportedWorkbook.Read(answer.Body).Single();
        sheet.Name.ShouldBe("Nhật ký");
        sheet.ShouldBeAnExportTable();
        Entries(sheet).ShouldBe(Entries(exported.Json));
        Entries(sheet).ShouldNotBeEmpty(query);
        sheet.Title[1].ShouldContain($"{exported.Json.GetArrayLength()} mục, cũ nhất trước.");
        sheet.Title[^1].ShouldStartWith("Lọc: ");
        sheet.Table.ShouldAllBe(r => r[sheet.Column("Thời điểm")]!.IsDateTime && r[sheet.Column("Số thứ tự")]!.IsNumber);
        if (query.StartsWith("unitId"))
            sheet.Table.ShouldAllBe(r => r[sheet.Column("Mã đơn vị")]!.Text == app.LeadCode && r[sheet.Column("Đơn vị")]!.Text == "Sở Tài chính thử xuất Excel");
    }

    [Fact]
    public async Task LibreOffice_reads_the_audit_feeds_moments_and_numbers()
    {
        var exported = (await GetAsync($"/api/audit/export?format=json&unitId={app.Lead}")).Json.EnumerateArray().ToList();
        var answer = await GetAsync($"/api/audit/export.xlsx?unitId={app.Lead}");
        var sheet = ExportedWorkbook.Read(answer.Body).Single();
        var rows = (await LibreOffice.ToCsvAsync(answer.Body))["Nhật ký"].Skip(sheet.HeaderRow).ToList();
        rows.Count.ShouldBe(exported.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i][sheet.Column("Số thứ tự")].ShouldBe(exported[i].GetProperty("sequence").GetInt64().ToString(CultureInfo.InvariantCulture));
            var at = exported[i].GetProperty("timestamp").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(7)).DateTime;
            (LibreOffice.Date(rows[i][sheet.Column("Thời điểm")]) - at).Duration().ShouldBeLessThan(TimeSpan.FromSeconds(1));
            rows[i][sheet.Column("Nội dung")].ShouldBe(exported[i].GetProperty("summary").GetString());
        }
    }

    [Theory]
    [InlineData("eventType=NoSuchEvent", "eventType")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2023-02-30", "to")]
    [InlineData("unitId=xyz", "unitId")]
    [InlineData("format=csv", "format")]
    public async Task The_audit_feed_refuses_what_its_export_refuses_and_a_reporter(string query, string field)
    {
        var before = await app.EventCountAsync();
        var xlsx = await GetAsync($"/api/audit/export.xlsx?{query}");
        xlsx.Status.ShouldBe(400);
        xlsx.Json.ErrorFields().ShouldBe([field]);
        if (field != "format")
            xlsx.Json.GetProperty("errors").ToString().ShouldBe((await GetAsync($"/api/audit/export?{query}")).Json.GetProperty("errors").ToString());
        (await GetAsync("/api/audit/export", app.TokenFor(Roles.Reporter, app.LeadCode))).Status.ShouldBe(403);
        (await GetAsync("/api/audit/export.xlsx", app.TokenFor(Roles.Reporter, app.LeadCode))).Status.ShouldBe(403);
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [GeneratedRegex("href=\"([^\"]*/excel[^\"]*)\"")]
    private static partial Regex ExcelLink();

    private static async Task<(string Link, HttpResponseMessage File)> FollowExcelLinkAsync(PageSession session, string page)
    {
        var (status, html) = await session.GetHtmlAsync(page);
        status.ShouldBe(HttpStatusCode.OK, page);
        var match = ExcelLink().Match(html);
        match.Success.ShouldBeTrue($"{page} has no Excel link");
        html.ShouldContain("Tải Excel");
        var link = WebUtility.HtmlDecode(match.Groups[1].Value);
        var file = await session.GetAsync(link);
        file.StatusCode.ShouldBe(HttpStatusCode.OK, link);
        file.Content.Headers.ContentType!.MediaType.ShouldBe(XlsxType);
        return (link, file);
    }

    [Fact]
    public async Task The_pages_Excel_links_download_the_APIs_file_for_the_pages_filters()
    {
        using var committee = await PageSession.SignedInAsync(app.Host, Roles.Committee);
        var (link, file) = await FollowExcelLinkAsync(committee, $"/resolutions/{app.Resolution}?asOf=30/06/2023");
        link.ShouldBe($"/resolutions/{app.Resolution}/excel?asOf=2023-06-30");
        var bytes = await file.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.ASCII.GetString(bytes, 0, 2).ShouldBe("PK");
        file.Content.Headers.ContentDisposition!.FileName.ShouldBe("chi-tieu-501-KL-TU-2023-06-30.xlsx");
        file.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("Chỉ tiêu 501-KL-TU 2023-06-30.xlsx");
        ExportedWorkbook.Read(bytes).Sheet("Chỉ tiêu").Title[1].ShouldBe("Số liệu tính đến ngày 30/06/2023");

        (link, file) = await FollowExcelLinkAsync(committee, $"/reporting?period=2023-H1&resolutionId={app.Other}");
        link.ShouldBe($"/reporting/excel?period=2023-H1&resolutionId={app.Other}");
        bytes = await file.Content.ReadAsByteArrayAsync();
        var late = ExportedWorkbook.Read(bytes).Sheet("Nộp muộn");
        late.Table.Select(r => r[0]!.Text).ShouldBe([app.OtherLeadCode]);

        using var auditor = await PageSession.SignedInAsync(app.Host, Roles.Auditor);
        (link, file) = await FollowExcelLinkAsync(auditor, $"/audit?unitId={app.Lead}&eventType=ProgressReported");
        link.ShouldBe($"/audit/excel?unitId={app.Lead}&eventType=ProgressReported");
        bytes = await file.Content.ReadAsByteArrayAsync();
        var feed = ExportedWorkbook.Read(bytes).Single();
        feed.Table.Count.ShouldBe((await GetAsync($"/api/audit/export?format=json&unitId={app.Lead}&eventType=ProgressReported")).Json.GetArrayLength());
        feed.Table.Count.ShouldBe(2, "the lead unit's two figures");
        feed.Table.ShouldAllBe(r => r[feed.Column("Loại sự kiện")]!.Text == "progress_reported");

        // The pages refuse what the API refuses, with the pages' error page.
        using var reporter = await PageSession.SignedInAsync(app.Host, Roles.Reporter, app.LeadCode);
        (await reporter.GetHtmlAsync($"/resolutions/{app.Resolution}/excel")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await reporter.GetHtmlAsync("/reporting/excel")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await reporter.GetHtmlAsync("/audit/excel")).Status.ShouldBe(HttpStatusCode.Forbidden);
        var (badPeriod, html) = await committee.GetHtmlAsync("/reporting/excel?period=2023-H3");
        badPeriod.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("period");
        (await auditor.GetHtmlAsync("/audit/excel?eventType=NoSuchEvent")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await committee.GetHtmlAsync($"/resolutions/{Guid.NewGuid()}/excel")).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
