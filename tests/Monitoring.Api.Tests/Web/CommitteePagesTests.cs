using System.Net;
using System.Text.RegularExpressions;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Web;

/// <summary>
/// The committee's resolution, target, task and review pages over data built through the API (clock at 15/07/2023): what a
/// reader sees, in Vietnamese, with numbers written the Vietnamese way, as of a day, and refused where the API refuses.
/// </summary>
public class CommitteePagesTests(CommitteePagesTests.World world) : IClassFixture<CommitteePagesTests.World>
{
    public const string GrdpStatement = "Tổng sản phẩm trên địa bàn (GRDP) đạt trên 35.000 tỷ đồng";
    public const string PovertyStatement = "Tỷ lệ hộ nghèo giảm còn dưới 3,0%";
    public const string RevisionReason = "Cục Thống kê công bố lại số chính thức năm 2022";
    public const string TaskStatement = "Hoàn thành nâng cấp đường tỉnh ĐT.846";
    public const string ExtensionReason = "Chậm giải phóng mặt bằng";
    public const string AdjustmentDecision = "88-NQ/TU";

    /// <summary>
    /// Unit KT leads the GRDP target (baseline 25.000 in 2020, goal ≥ 35.000 by 2025) and a task; unit XH leads the
    /// poverty target (its goal lowered to 2,5 % by a decision of 01/07/2023). KT reported 27.000 (official, 2022), corrected to 27.100 with a reason, and 29.240,3 (estimate,
    /// first half of 2023); all approved. A mid-term review was generated.
    /// </summary>
    public sealed class World : AppFixture
    {
        public Guid UnitKt, UnitXh, Resolution, Grdp, Poverty, Growth, Task, Review, OfficialFigure, Revision;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            UnitKt = await this.RegisterUnitAsync("DV-KT", "Sở Kế hoạch và Đầu tư");
            UnitXh = await this.RegisterUnitAsync("DV-XH", "Sở Lao động - Thương binh và Xã hội");
            var resolution = await this.PostAsync("/api/resolutions", new
            {
                number = "12-NQ/TU", kind = "Resolution", issuingBody = "Tỉnh ủy", issueDate = "2021-03-15", periodStartYear = 2021, periodEndYear = 2025,
                title = "Nghị quyết về phát triển kinh tế - xã hội giai đoạn 2021 - 2025", fields = new[] { "Kinh tế", "Văn hóa - xã hội" },
                targets = new object[]
                {
                    new { code = "XH-01", field = "Văn hóa - xã hội", statement = PovertyStatement, shape = "LevelAtMost", maximum = 3.0, unitOfMeasure = "%",
                          targetYear = 2025, baselineValue = 6.0, baselineYear = 2020, leadUnitId = UnitXh },
                    new { code = "KT-01", field = "Kinh tế", statement = GrdpStatement, shape = "LevelAtLeast", minimum = 35000, unitOfMeasure = "tỷ đồng",
                          targetYear = 2025, baselineValue = 25000, baselineYear = 2020, leadUnitId = UnitKt },
                    new { code = "KT-02", field = "Kinh tế", statement = "Thu ngân sách tăng 10 – 12%/năm", shape = "GrowthRate", minimum = 10, maximum = 12,
                          unitOfMeasure = "%/năm", targetYear = 2025, leadUnitId = UnitKt },
                },
                tasks = new[] { new { group = "Hạ tầng", statement = TaskStatement, leadUnitId = UnitKt, deadline = "2023-06-30", code = "NV-01" } },
            }, 201);
            Resolution = resolution.GetProperty("id").GetGuid();
            (Poverty, Grdp, Growth) = (resolution.GetProperty("targetIds")[0].GetGuid(), resolution.GetProperty("targetIds")[1].GetGuid(),
                resolution.GetProperty("targetIds")[2].GetGuid());
            Task = resolution.GetProperty("taskIds")[0].GetGuid();

            var reporterKt = TokenFor(Roles.Reporter, "DV-KT");
            var year = await this.PostAsync("/api/reports", new
            {
                period = "2022", figures = new[] { new { targetId = Grdp, value = 27000m, stage = "Official", asOf = "2022-12-31" } },
            }, 201, token: reporterKt);
            OfficialFigure = year.GetProperty("figures")[0].GetProperty("figureId").GetGuid();
            Revision = (await this.PostAsync($"/api/targets/{Grdp}/figures/{OfficialFigure}/revisions",
                new { value = 27100m, stage = "Official", asOf = "2022-12-31", reason = RevisionReason }, 201, token: reporterKt)).GetProperty("figureId").GetGuid();
            await this.ApproveAsync(UnitKt, Resolution, "2022");
            await this.PostAsync("/api/reports", new
            {
                period = "2023-H1", figures = new[] { new { targetId = Grdp, value = 29240.3m, stage = "Estimate", asOf = "2023-06-30" } },
            }, 201, token: reporterKt);
            await this.ApproveAsync(UnitKt, Resolution, "2023-H1");
            // The committee lowered the poverty goal from 3,0 to 2,5 % on 01/07/2023.
            await this.PostAsync($"/api/targets/{Poverty}/adjustments", new { maximum = 2.5m, decisionNumber = AdjustmentDecision, decisionDate = "2023-07-01",
                reason = "Kết quả giảm nghèo vượt dự kiến" }, 200);
            await this.PostAsync($"/api/tasks/{Task}/deadline-extensions", new { newDeadline = "2023-12-31", reason = ExtensionReason, decisionNumber = "45-TB/TU" }, 200);
            Review = (await this.PostAsync($"/api/resolutions/{Resolution}/reviews", new { kind = "MidTerm", cutOff = "2023-07-15" }, 201))
                .GetProperty("reviewId").GetGuid();
        }
    }

    private Task<PageSession> Committee() => PageSession.SignedInAsync(world.Host, Roles.Committee, name: "uy.vien.btv");

    /// <summary>The text a reader sees: tags dropped, entities decoded, spaces collapsed.</summary>
    private static string Text(string html) => Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), @"\s+", " ");

    [Fact]
    public async Task The_resolution_page_lists_targets_by_field_with_their_status_in_words_and_numbers_written_the_Vietnamese_way()
    {
        using var session = await Committee();

        var (status, html) = await session.GetHtmlAsync($"/resolutions/{world.Resolution}");

        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("<h1>12-NQ/TU</h1>");
        html.ShouldContain("Giai đoạn 2021–2025");
        // Fields in the resolution's order, each with its targets.
        var economy = html.IndexOf(">Kinh tế <span", StringComparison.Ordinal);
        var society = html.IndexOf(">Văn hóa - xã hội <span", StringComparison.Ordinal);
        economy.ShouldBeGreaterThan(0);
        society.ShouldBeGreaterThan(economy);
        html.IndexOf(GrdpStatement, StringComparison.Ordinal).ShouldBeInRange(economy, society);
        html.IndexOf(PovertyStatement, StringComparison.Ordinal).ShouldBeGreaterThan(society);
        // The latest figure, with its stage and period, the Vietnamese way; the goal; a target without data says so.
        html.ShouldContain("29.240,3 tỷ đồng");
        html.ShouldContain("ước tính, 6 tháng đầu năm 2023");
        html.ShouldContain("≥ 35.000 tỷ đồng");
        html.ShouldContain("≤ 2,5 %");
        html.ShouldContain("chưa có số liệu");
        html.ShouldContain($"href=\"/targets/{world.Grdp}\"");
        // The status words and colour of the GRDP target are the API's judgement.
        var grdp = await world.GetAsync($"/api/targets/{world.Grdp}");
        var judgement = grdp.GetProperty("judgement");
        var words = judgement.GetProperty("statusText").GetString()!;
        Regex.IsMatch(html, $"<span class=\"badge status-[a-z]+\" title=\"[^\"]+\">{Regex.Escape(words)}</span>").ShouldBeTrue();
        var achievement = judgement.GetProperty("achievement").GetDecimal();
        html.ShouldContain($"style=\"width:{Math.Min(achievement, 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}%\"");
        html.ShouldContain(Monitoring.Domain.Common.VietnameseNumber.ToText(achievement, 0, 1) + " %");
        if (judgement.TryGetProperty("forecast", out var forecast) && forecast.ValueKind == System.Text.Json.JsonValueKind.Object)
            html.ShouldContain(Monitoring.Domain.Common.VietnameseNumber.ToText(forecast.GetProperty("value").GetDecimal(), 0, 3) + " tỷ đồng");
        // Counts by colour, and the tasks by state with a link to each.
        html.ShouldContain("class=\"colourbar\"");
        html.ShouldContain($"href=\"/tasks/{world.Task}\"");
        html.ShouldContain("chưa triển khai");
        html.ShouldContain($"href=\"/resolutions/{world.Resolution}/reviews\"");
        html.ShouldContain($"href=\"/reporting?resolutionId={world.Resolution}\"");
    }

    [Fact]
    public async Task An_earlier_as_of_day_leaves_out_a_figure_about_a_later_period()
    {
        using var session = await Committee();

        var (status, html) = await session.GetHtmlAsync($"/resolutions/{world.Resolution}?asOf=31/12/2022");

        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldNotContain("29.240,3");
        html.ShouldContain("27.100 tỷ đồng");
        html.ShouldContain("chính thức, năm 2022");
        html.ShouldContain("value=\"31/12/2022\"");
        // The goal as it stood then: the decision lowering it came later.
        html.ShouldContain("≤ 3 %");
        html.ShouldNotContain("≤ 2,5 %");
        // Links keep the day.
        html.ShouldContain($"href=\"/targets/{world.Grdp}?asOf=2022-12-31\"");

        // The target page too: its figures, chart and revisions are those about the day; its history, the audit trail, stays whole.
        var (_, target) = await session.GetHtmlAsync($"/targets/{world.Grdp}?asOf=2022-12-31");
        var history = target.IndexOf("id=\"history-heading\"", StringComparison.Ordinal);
        target[..history].ShouldNotContain("29.240,3");
        target[..history].ShouldContain("27.100");
        target[history..].ShouldContain("29.240,3");
    }

    [Fact]
    public async Task The_target_page_shows_a_chart_of_the_figures_by_stage_with_the_goal_and_its_table()
    {
        using var session = await Committee();

        var (status, html) = await session.GetHtmlAsync($"/targets/{world.Grdp}");

        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain(GrdpStatement);
        var svg = Regex.Match(html, "<svg[^>]*>.*?</svg>", RegexOptions.Singleline);
        svg.Success.ShouldBeTrue();
        svg.Value.ShouldContain("role=\"img\"");
        svg.Value.ShouldContain("aria-labelledby=\"target-chart-title target-chart-desc\"");
        svg.Value.ShouldContain("<title id=\"target-chart-title\">Diễn biến số liệu chỉ tiêu KT-01</title>");
        svg.Value.ShouldContain("<g class=\"point estimate\">");
        svg.Value.ShouldContain("<g class=\"point official\">");
        foreach (var legend in new[] { "Ước tính", "Sơ bộ", "Chính thức", "Số liệu gốc", "Mục tiêu" })
            svg.Value.ShouldContain($">{legend}</text>");
        svg.Value.ShouldContain(">Mục tiêu 2025: ≥ 35.000 tỷ đồng</text>");
        svg.Value.ShouldContain(">2020</text>");
        svg.Value.ShouldContain(">2025</text>");
        // The same points in a table for those who do not see the chart.
        var table = Text(html[svg.Index..]);
        table.ShouldContain("Các điểm trên biểu đồ");
        table.ShouldContain("ước tính, 6 tháng đầu năm 2023: 29.240,3 tỷ đồng");
        table.ShouldContain("chính thức, năm 2022: 27.100 tỷ đồng");
        // Facts: the lead unit by code and name, the baseline.
        html.ShouldContain("DV-KT – Sở Kế hoạch và Đầu tư");
        html.ShouldContain("25.000 tỷ đồng");
    }

    [Fact]
    public async Task The_target_page_shows_each_revision_with_what_it_revises_and_why_and_the_history()
    {
        using var session = await Committee();

        var (_, html) = await session.GetHtmlAsync($"/targets/{world.Grdp}");

        var chains = Regex.Match(html, "<table class=\"chains\">.*?</table>", RegexOptions.Singleline);
        chains.Success.ShouldBeTrue();
        var rows = Regex.Matches(chains.Value, "<tr class=\"(current|replaced)\">.*?</tr>", RegexOptions.Singleline).Select(m => Text(m.Value)).ToList();
        var revision = rows.Single(r => r.Contains(RevisionReason));
        revision.ShouldContain("27.100");
        revision.ShouldContain("27.000 tỷ đồng (chính thức)");
        revision.ShouldContain("đã phê duyệt");
        rows.ShouldContain(r => r.Contains("27.000") && r.Contains("đã được thay thế"));
        // The history (the committee reads the audit trail): who, what, why.
        var history = Text(html[html.IndexOf("id=\"history-heading\"", StringComparison.Ordinal)..]);
        history.ShouldContain("Điều chỉnh số liệu từ 27.000");
        history.ShouldContain(RevisionReason);
        history.ShouldContain("reporter.DV-KT@test");
    }

    [Fact]
    public async Task A_target_without_figures_says_so_instead_of_an_empty_chart()
    {
        using var session = await Committee();

        var (status, html) = await session.GetHtmlAsync($"/targets/{world.Poverty}");

        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldNotContain("<svg");
        html.ShouldContain("Chỉ tiêu chưa có số liệu");
        // The goal, the original goal and the decision that changed it.
        var facts = Text(html);
        facts.ShouldContain("Mục tiêu ≤ 2,5 %, đến năm 2025");
        facts.ShouldContain("Mục tiêu ban đầu ≤ 3 %");
        facts.ShouldContain($"{AdjustmentDecision} ngày 01/07/2023: ≤ 3 (2025) → ≤ 2,5 (2025) — Kết quả giảm nghèo vượt dự kiến");
        facts.ShouldContain("Số liệu gốc 6 % (năm 2020)");
    }

    [Fact]
    public async Task An_unknown_target_is_the_not_found_page()
    {
        using var session = await Committee();

        var (status, html) = await session.GetHtmlAsync($"/targets/{Guid.NewGuid()}");

        status.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain("Không tìm thấy");
        (await session.GetHtmlAsync($"/resolutions/{Guid.NewGuid()}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await session.GetHtmlAsync($"/tasks/{Guid.NewGuid()}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await session.GetHtmlAsync($"/resolutions/{Guid.NewGuid()}/reviews")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_reporter_of_another_unit_is_refused_the_target_page_and_sees_nothing_of_it()
    {
        using var other = await PageSession.SignedInAsync(world.Host, Roles.Reporter, "DV-XH");

        var (status, html) = await other.GetHtmlAsync($"/targets/{world.Grdp}");

        status.ShouldBe(HttpStatusCode.Forbidden);
        html.ShouldContain("Không có quyền truy cập");
        html.ShouldNotContain(GrdpStatement);
        html.ShouldNotContain("29.240,3");

        // Its own unit's target it reads, without the audit trail (the API keeps that for the committee and auditors).
        var (own, page) = await other.GetHtmlAsync($"/targets/{world.Poverty}");
        own.ShouldBe(HttpStatusCode.OK, page);
        page.ShouldContain(PovertyStatement);
        // The committee's pages of the whole resolution are not for a unit.
        (await other.GetHtmlAsync($"/resolutions/{world.Resolution}")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await other.GetHtmlAsync($"/resolutions/{world.Resolution}/reviews/{world.Review}/document")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_task_page_shows_its_unit_its_deadline_and_the_extension_with_its_reason()
    {
        using var session = await Committee();

        var (status, html) = await session.GetHtmlAsync($"/tasks/{world.Task}");

        status.ShouldBe(HttpStatusCode.OK, html);
        var text = Text(html);
        text.ShouldContain(TaskStatement);
        text.ShouldContain("DV-KT – Sở Kế hoạch và Đầu tư");
        text.ShouldContain("31/12/2023");
        text.ShouldContain("ban đầu 30/06/2023");
        text.ShouldContain("Gia hạn nhiệm vụ đến 31/12/2023 — 45-TB/TU: " + ExtensionReason);
        text.ShouldContain("Hạ tầng");
    }

    [Fact]
    public async Task The_reviews_page_lists_the_review_and_its_document_downloads_as_a_Word_file()
    {
        using var session = await Committee();

        var (status, html) = await session.GetHtmlAsync($"/resolutions/{world.Resolution}/reviews");

        status.ShouldBe(HttpStatusCode.OK, html);
        var text = Text(html);
        text.ShouldContain("Báo cáo sơ kết giữa nhiệm kỳ — số liệu đến ngày 15/07/2023");
        text.ShouldContain("van.phong@tinhuy");
        text.ShouldContain("Chưa có kết luận.");
        var link = $"/resolutions/{world.Resolution}/reviews/{world.Review}/document";
        html.ShouldContain($"href=\"{link}\"");

        var answer = await session.GetAsync(link);
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        answer.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"bao-cao-{world.Review}.docx");
        var bytes = await answer.Content.ReadAsByteArrayAsync();
        bytes[..2].ShouldBe("PK"u8.ToArray());

        var missing = await session.GetHtmlAsync($"/resolutions/{world.Resolution}/reviews/{Guid.NewGuid()}/document");
        missing.Status.ShouldBe(HttpStatusCode.NotFound);
        missing.Html.ShouldContain("Không tìm thấy");
    }

    [Fact]
    public async Task A_page_refuses_a_parameter_it_does_not_read()
    {
        using var session = await Committee();

        (await session.GetHtmlAsync($"/resolutions/{world.Resolution}?field=Kinh")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await session.GetHtmlAsync($"/targets/{world.Grdp}?asOf=31/13/2022")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }
}
