using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Web;

/// <summary>The audit feed (/audit), its CSV export (/audit/export) and the chain's verification (/audit/verify).</summary>
public partial class AuditPagesTests(AuditPagesTests.World world) : IClassFixture<AuditPagesTests.World>
{
    /// <summary>The sample world and 55 more units registered: more entries than one page of the feed (50) holds.</summary>
    public sealed class World : SampleWorld
    {
        public const int MoreUnits = 55;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            for (var i = 1; i <= MoreUnits; i++) await this.RegisterUnitAsync($"NK-{i:D2}", $"Đơn vị nhật ký {i}");
        }
    }

    [Fact]
    public async Task The_committee_reads_the_feed_a_page_at_a_time_with_previous_and_next()
    {
        using var session = await PageSession.SignedInAsync(world.Host, "committee");
        var (status, first) = await session.GetHtmlAsync("/audit");

        status.ShouldBe(HttpStatusCode.OK, first);
        first.ShouldContain("<h1>Nhật ký thay đổi dữ liệu</h1>");
        var total = Total(first);
        total.ShouldBeGreaterThan(World.MoreUnits + 2);
        var pages = (total + 49) / 50;
        pages.ShouldBe(2);
        first.ShouldContain($"Trang 1 / {pages}");
        Rows(first).ShouldBe(50);
        first.ShouldNotContain("rel=\"prev\"");
        // Each entry: when (Vietnam time), who, unit, what in Vietnamese.
        first.ShouldContain("15/07/2023 09:00");
        first.ShouldContain("van.phong@tinhuy");
        first.ShouldContain("Đăng ký đơn vị DON-VI-A – Đơn vị DON-VI-A");

        var next = Href(first, "next");
        var (nextStatus, second) = await session.GetHtmlAsync(next);
        nextStatus.ShouldBe(HttpStatusCode.OK, second);
        second.ShouldContain($"Trang 2 / {pages}");
        second.ShouldContain("Đăng ký đơn vị NK-55 – Đơn vị nhật ký 55");
        second.ShouldNotContain("Đăng ký đơn vị DON-VI-A");

        var (backStatus, back) = await session.GetHtmlAsync(Href(second, "prev"));
        backStatus.ShouldBe(HttpStatusCode.OK, back);
        back.ShouldContain($"Trang 1 / {pages}");
        Sequences(back).ShouldBe(Sequences(first));
    }

    [Fact]
    public async Task Filters_narrow_the_feed_and_the_CSV_link_exports_the_same_rows()
    {
        using var session = await PageSession.SignedInAsync(world.Host, "committee");
        var (_, all) = await session.GetHtmlAsync("/audit");

        var (status, html) = await session.GetHtmlAsync("/audit?eventType=SubmissionSubmitted");
        status.ShouldBe(HttpStatusCode.OK, html);
        Total(html).ShouldBe(1);
        Total(html).ShouldBeLessThan(Total(all));
        html.ShouldContain("<option value=\"SubmissionSubmitted\" selected=\"selected\">Nộp báo cáo</option>");
        html.ShouldContain("Nộp báo cáo 6 tháng đầu năm 2023");
        html.ShouldContain("reporter.DON-VI-A@test");
        html.ShouldContain("DON-VI-A");
        html.ShouldNotContain("Đăng ký đơn vị DON-VI");

        // By user: what unit A's reporter recorded (the report, its figure, its submission), nothing of the secretariat's.
        var (_, byReporter) = await session.GetHtmlAsync("/audit?user=reporter.DON-VI-A@test");
        Total(byReporter).ShouldBeGreaterThan(0);
        Total(byReporter).ShouldBeLessThan(Total(all));
        byReporter.ShouldNotContain("<td>van.phong@tinhuy</td>");

        // By unit: unit B registered and owns nothing else.
        var (_, ofUnitB) = await session.GetHtmlAsync($"/audit?unitId={world.UnitB}");
        Total(ofUnitB).ShouldBe(1);
        ofUnitB.ShouldContain("Đăng ký đơn vị DON-VI-B");

        // The CSV link carries the same filters and answers the API's CSV with those rows only.
        html.ShouldContain("href=\"/audit/export?eventType=SubmissionSubmitted\"");
        var csv = await session.GetAsync("/audit/export?eventType=SubmissionSubmitted");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        csv.Content.Headers.ContentDisposition!.ToString().ShouldContain("audit.csv");
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2, text);
        lines[0].ShouldStartWith("Sequence,");
        lines[1].ShouldContain("submission_submitted");
        lines[1].ShouldContain("reporter.DON-VI-A@test");
    }

    [Fact]
    public async Task The_as_of_day_bounds_the_feed_and_bad_filters_get_the_APIs_message_beside_them()
    {
        using var session = await PageSession.SignedInAsync(world.Host, "committee");
        // Everything was recorded on 15/07/2023 (Vietnam time): as of the day before, the feed is empty; as of that day it is whole.
        var (status, before) = await session.GetHtmlAsync("/audit?asOf=14/07/2023");
        status.ShouldBe(HttpStatusCode.OK, before);
        Total(before).ShouldBe(0);
        before.ShouldContain("Không có mục nào phù hợp với điều kiện lọc.");
        var (_, that) = await session.GetHtmlAsync("/audit?asOf=2023-07-15&eventType=UnitRegistered");
        Total(that).ShouldBe(2 + World.MoreUnits);
        that.ShouldContain("href=\"/audit/export?eventType=UnitRegistered&amp;asOf=2023-07-15\"");
        var csv = await session.GetAsync("/audit/export?eventType=UnitRegistered&asOf=2023-07-14");
        Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1);

        var (badStatus, bad) = await session.GetHtmlAsync("/audit?from=31-12-2023");
        badStatus.ShouldBe(HttpStatusCode.BadRequest);
        bad.ShouldContain("aria-invalid=\"true\" aria-describedby=\"from-error\"");
        bad.ShouldContain("<p class=\"error\" id=\"from-error\">from là ngày (2023-06-30)");
    }

    [Fact]
    public async Task The_audit_pages_are_for_the_committee_and_the_auditor_only()
    {
        using var auditor = await PageSession.SignedInAsync(world.Host, "auditor");
        var (status, html) = await auditor.GetHtmlAsync("/audit");
        status.ShouldBe(HttpStatusCode.OK, html);
        Total(html).ShouldBeGreaterThan(0);
        (await auditor.GetHtmlAsync("/audit/verify")).Status.ShouldBe(HttpStatusCode.OK);

        foreach (var (role, unit) in new[] { ("reporter", "DON-VI-A"), ("secretariat", (string?)null) })
        {
            using var other = await PageSession.SignedInAsync(world.Host, role, unit);
            (await other.GetHtmlAsync("/audit")).Status.ShouldBe(HttpStatusCode.Forbidden, role);
            (await other.GetHtmlAsync("/audit/verify")).Status.ShouldBe(HttpStatusCode.Forbidden, role);
            (await other.GetAsync("/audit/export")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
        }
    }

    [Fact]
    public async Task The_verification_page_says_the_chain_is_intact_and_shows_its_head_hash()
    {
        using var session = await PageSession.SignedInAsync(world.Host, "committee");
        var (status, html) = await session.GetHtmlAsync("/audit/verify");

        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("<h1>Kiểm tra tính toàn vẹn của nhật ký</h1>");
        html.ShouldContain("<strong>Hợp lệ (ok)</strong>");
        html.ShouldContain("<dd>hợp lệ</dd>");
        HeadHash().IsMatch(html).ShouldBeTrue(html);
        html.ShouldContain("Số sự kiện đã kiểm tra");
    }

    [Fact]
    public async Task The_APIs_feed_says_where_each_page_stands_so_that_pages_can_go_back()
    {
        var first = await world.GetAsync("/api/audit?eventType=UnitRegistered&limit=20", token: world.Auditor);
        first.GetProperty("totalEntries").GetInt64().ShouldBe(2 + World.MoreUnits);
        first.GetProperty("entriesBefore").GetInt64().ShouldBe(0);
        first.GetProperty("previousCursor").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var second = await world.GetAsync($"/api/audit?eventType=UnitRegistered&limit=20&after={first.GetProperty("nextCursor").GetInt64()}", token: world.Auditor);
        second.GetProperty("entriesBefore").GetInt64().ShouldBe(20);
        second.GetProperty("previousCursor").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null); // the page before is the first
        var third = await world.GetAsync($"/api/audit?eventType=UnitRegistered&limit=20&after={second.GetProperty("nextCursor").GetInt64()}", token: world.Auditor);
        third.GetProperty("entriesBefore").GetInt64().ShouldBe(40);
        third.GetProperty("previousCursor").GetInt64().ShouldBe(first.GetProperty("nextCursor").GetInt64());
        third.GetProperty("entries").GetArrayLength().ShouldBe(17);
        third.GetProperty("nextCursor").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [GeneratedRegex("<code class=\"hash\">[0-9a-f]{64}</code>")]
    private static partial Regex HeadHash();

    /// <summary>The count of entries matching the filters, as the page says it ("· 123 mục"), or 0 when the page lists none.</summary>
    private static int Total(string html)
    {
        var match = Regex.Match(html, @"<span class=""muted"">· ([\d.]+) mục</span>");
        match.Success.ShouldBeTrue("the page states no total");
        return int.Parse(match.Groups[1].Value.Replace(".", ""));
    }

    private static int Rows(string html) => Regex.Matches(html, "<td class=\"when\">").Count;

    private static List<string> Sequences(string html) => Regex.Matches(html, @"<span class=""muted"">#(\d+)</span>").Select(m => m.Groups[1].Value).ToList();

    private static string Href(string html, string rel)
    {
        var match = Regex.Match(html, $"<a href=\"([^\"]+)\" rel=\"{rel}\">");
        match.Success.ShouldBeTrue($"no {rel} link");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
