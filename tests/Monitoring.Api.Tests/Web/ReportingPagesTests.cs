using System.Net;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Web;

/// <summary>The reporting completeness page (/reporting): counts, rates and the late and missing units of a period, as the API answers them.</summary>
public class ReportingPagesTests(ReportingPagesTests.World world) : IClassFixture<ReportingPagesTests.World>
{
    /// <summary>
    /// Besides the sample world: a resolution imported with its assignments in force since 2021, one target led by unit A
    /// (which reports its first half of 2023 on 17/07/2023, after the due date 21/06/2023) and one by unit C (which never reports).
    /// </summary>
    public sealed class World : SampleWorld
    {
        public Guid LateTarget;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var imported = await this.PostAsync("/api/resolutions/import", new
            {
                units = new[] { new { code = "DON-VI-C", name = "Đơn vị C", kind = "Department" } },
                resolution = new { number = "12-NQ/TU", kind = "Resolution", issuingBody = "Tỉnh ủy", issueDate = "2021-03-01", periodStartYear = 2021, periodEndYear = 2025, title = "Nghị quyết thử tình hình báo cáo" },
                targets = new object[]
                {
                    new { code = "BC-01", field = "Kinh tế", statement = "Tốc độ tăng trưởng GRDP bình quân 8%/năm", shape = "GrowthRate", minimum = "8", unitOfMeasure = "%/năm", targetYear = 2025, lead = "DON-VI-A" },
                    new { code = "BC-02", field = "Kinh tế", statement = "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 90%", shape = "LevelAtLeast", minimum = "90", unitOfMeasure = "%", targetYear = 2025, lead = "DON-VI-C" },
                },
            }, 201);
            var targets = await this.GetAsync($"/api/targets?resolutionId={imported.GetProperty("resolutionId").GetGuid()}&pageSize=500", token: Committee);
            LateTarget = targets.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "BC-01").GetProperty("id").GetGuid();
            Clock.Advance(TimeSpan.FromDays(2));
            await this.PostAsync("/api/reports", new { period = "2023-H1", figures = new[] { new { targetId = LateTarget, value = 7.5, stage = "Estimate" } } }, 201,
                token: ReporterA);
        }
    }

    [Fact]
    public async Task The_committee_sees_the_latest_due_period_with_its_counts_rates_and_the_late_and_missing_units()
    {
        using var session = await PageSession.SignedInAsync(world.Host, "committee");
        var (status, html) = await session.GetHtmlAsync("/reporting");

        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("<h1>Tình hình báo cáo</h1>");
        // Without a period, the latest one whose due date has passed on 17/07/2023: the first half of 2023, due 21/06/2023.
        html.ShouldContain("<strong>6 tháng đầu năm 2023</strong> (2023-H1)");
        html.ShouldContain("hạn nộp <strong>21/06/2023</strong>");
        Tally(html, "phải nộp").ShouldBe("2");
        Tally(html, "đã nộp").ShouldBe("1");
        Tally(html, "đúng hạn").ShouldBe("0");
        Tally(html, "nộp muộn").ShouldBe("1");
        Tally(html, "chưa nộp (quá hạn)").ShouldBe("1");
        Tally(html, "chờ phê duyệt").ShouldBe("1");
        html.ShouldContain("<dd id=\"reporting-rate\">50 %</dd>");
        html.ShouldContain("<dd id=\"on-time-rate\">0 %</dd>");

        var late = Section(html, "id=\"late\"", "id=\"missing\"");
        late.ShouldContain("DON-VI-A");
        late.ShouldContain("12-NQ/TU");
        late.ShouldContain("<td>21/06/2023</td>");
        late.ShouldContain("<td>17/07/2023</td>");
        late.ShouldContain("<td class=\"num\">26</td>"); // 17/07 − 21/06
        late.ShouldContain("chờ phê duyệt");
        late.ShouldNotContain("DON-VI-C");

        var missing = Section(html, "id=\"missing\"", "Theo nghị quyết");
        missing.ShouldContain("DON-VI-C");
        missing.ShouldContain("<td class=\"num\">26</td>");
        missing.ShouldContain("chưa lập");
        missing.ShouldNotContain("DON-VI-A");
    }

    [Fact]
    public async Task The_as_of_day_judges_the_period_as_it_stood_then_when_unit_A_had_sent_nothing()
    {
        using var session = await PageSession.SignedInAsync(world.Host, "committee");
        var (status, html) = await session.GetHtmlAsync("/reporting?asOf=16/07/2023");

        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("Tình hình tính đến ngày <strong>16/07/2023</strong>");
        Tally(html, "nộp muộn").ShouldBe("0");
        Tally(html, "chưa nộp (quá hạn)").ShouldBe("2");
        var missing = Section(html, "id=\"missing\"", "Theo nghị quyết");
        missing.ShouldContain("DON-VI-A");
        missing.ShouldContain("DON-VI-C");
        missing.ShouldContain("<td class=\"num\">25</td>"); // 16/07 − 21/06
    }

    [Fact]
    public async Task A_period_and_a_resolution_are_chosen_from_the_selects_and_kept_selected()
    {
        using var session = await PageSession.SignedInAsync(world.Host, "secretariat");
        var (status, html) = await session.GetHtmlAsync($"/reporting?period=2023-H1&resolutionId={world.Resolution}");

        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("<option value=\"2023-H1\" selected=\"selected\">6 tháng đầu năm 2023 (2023-H1)</option>");
        html.ShouldContain($"<option value=\"{world.Resolution}\" selected=\"selected\">99-KL/TU</option>");
        html.ShouldContain("<option value=\"2022\">năm 2022 (2022)</option>");
        // The sample resolution's target was assigned on 15/07/2023, after the half-year's cut-off: nothing was owed for it.
        Tally(html, "phải nộp").ShouldBe("0");
        html.ShouldContain("<dd id=\"reporting-rate\">—</dd>");
    }

    [Fact]
    public async Task A_period_the_calendar_does_not_run_is_the_APIs_message_and_a_reporter_is_refused()
    {
        using var committee = await PageSession.SignedInAsync(world.Host, "committee");
        var (status, html) = await committee.GetHtmlAsync("/reporting?period=2023-H3");
        status.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("Kỳ báo cáo có dạng 2023-H1, 2023, 2023-Q3 hoặc 2023-07");

        using var reporter = await PageSession.SignedInAsync(world.Host, "reporter", "DON-VI-A");
        (await reporter.GetHtmlAsync("/reporting")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("committee", "/reporting", "Reporting")]
    [InlineData("committee", "/audit", "Audit trail")]
    [InlineData("auditor", "/audit/verify", "Audit trail verification")]
    [InlineData("committee", "/explanations", "Explanation requests")]
    [InlineData("secretariat", "/submissions", "Reports to approve")]
    [InlineData("secretariat", "/submissions/{submission}", "Report first half of 2023")]
    public async Task Every_page_of_the_area_reads_in_English_when_the_reader_chose_it(string role, string url, string heading)
    {
        using var session = await PageSession.SignedInAsync(world.Host, role);
        session.Cookies.Add(new Uri("http://localhost"), new Cookie("monitoring.lang", "en"));
        var (status, html) = await session.GetHtmlAsync(url.Replace("{submission}", world.Submission.ToString()));

        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("<html lang=\"en\">");
        html.ShouldContain("<h1>" + heading);
    }

    /// <summary>The number of one box of the tally (<c>&lt;li&gt;&lt;span class="n"&gt;2&lt;/span&gt; phải nộp&lt;/li&gt;</c>).</summary>
    private static string Tally(string html, string label)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "<span class=\"n\">([^<]*)</span> " + System.Text.RegularExpressions.Regex.Escape(label) + "</li>");
        match.Success.ShouldBeTrue($"no tally '{label}'");
        return match.Groups[1].Value;
    }

    private static string Section(string html, string from, string to)
    {
        var start = html.IndexOf(from, StringComparison.Ordinal);
        start.ShouldBeGreaterThan(-1, from);
        var end = html.IndexOf(to, start, StringComparison.Ordinal);
        return end < 0 ? html[start..] : html[start..end];
    }
}
