using System.Net;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Api.Tests.Reporting;

namespace Monitoring.Api.Tests.Web;

/// <summary>The committee's explanation requests (/explanations): the list with its filters, what needs explaining, and the form to ask.</summary>
public class ExplanationPagesTests(ExplanationPagesTests.World world) : IClassFixture<ExplanationPagesTests.World>
{
    /// <summary>
    /// The sample world (its request asks unit A about its target) and a border conclusion whose poverty target got an approved
    /// 2023-H1 figure of 5,0 % against at most 3,0 % by 2025: a candidate to explain.
    /// </summary>
    public sealed class World : SampleWorld
    {
        public Guid Poverty, Coop;
        public string CoopCode = "";

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var border = await SubmissionCycleTests.ResolutionAsync(this, "602-KL/TU");
            (Poverty, Coop) = (border.Targets[1], border.Coop);
            await this.PostAsync("/api/reports", new
            {
                period = "2023-H1",
                figures = new[] { new { targetId = Poverty, value = 5.0, stage = "Estimate", asOf = "2023-06-30" } },
            }, 201, token: border.CoopToken);
            await this.ApproveAsync(Coop, border.Resolution, "2023-H1");
            CoopCode = (await this.GetAsync($"/api/units/{Coop}")).GetProperty("code").GetString()!;
        }
    }

    [Fact]
    public async Task The_committee_sees_each_request_with_its_subject_units_question_due_date_and_state_and_what_needs_explaining()
    {
        using var session = await PageSession.SignedInAsync(world.Host, "committee");
        var (status, html) = await session.GetHtmlAsync("/explanations");

        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("<h1>Yêu cầu giải trình</h1>");
        var request = Card(html, $"request-{world.Explanation}");
        request.ShouldContain($"<a href=\"/targets/{world.Target}\">Chỉ tiêu: Thu ngân sách tăng 10 – 12%/năm</a>");
        request.ShouldContain("<dd lang=\"vi\">Đề nghị giải trình</dd>");
        request.ShouldContain("<dd>31/07/2023</dd>");
        request.ShouldContain("chờ giải trình");
        request.ShouldContain("DON-VI-A (chưa giải trình)");

        var candidate = Card(html, $"candidate-{world.Poverty}");
        candidate.ShouldContain($"href=\"/targets/{world.Poverty}\"");
        candidate.ShouldContain("5 (ước tính, 6 tháng đầu năm 2023)");
        candidate.ShouldContain($"<label for=\"question-{world.Poverty}\">Nội dung yêu cầu giải trình</label>");
        candidate.ShouldContain($"value=\"{world.Coop}\" checked=\"checked\"");

        // Filters narrow the list as the API does: nothing is overdue on 15/07/2023.
        var (_, overdue) = await session.GetHtmlAsync("/explanations?overdue=true");
        overdue.ShouldContain("Không có yêu cầu giải trình nào.");
        overdue.ShouldContain("<option value=\"true\" selected=\"selected\">");
        var (_, ofUnitB) = await session.GetHtmlAsync($"/explanations?unitId={world.UnitB}");
        ofUnitB.ShouldNotContain($"request-{world.Explanation}");
    }

    [Fact]
    public async Task Asking_through_the_form_opens_a_request_and_the_list_shows_it()
    {
        using var session = await PageSession.SignedInAsync(world.Host, "secretariat");
        var before = await world.EventCountAsync();

        var answer = await session.SubmitAsync("/explanations", "/explanations?handler=Open", new List<KeyValuePair<string, string>>
        {
            new("targetId", world.Poverty.ToString()), new("question", "Đề nghị giải trình nguyên nhân tỷ lệ hộ nghèo giảm chậm"),
            new("dueDate", "31/07/2023"), new("unitIds", world.Coop.ToString()),
        });

        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        var location = answer.Headers.Location!.ToString();
        location.ShouldStartWith("/explanations?opened=");
        (await world.EventCountAsync()).ShouldBe(before + 1);
        (await world.EventTypesAsync(world.Poverty)).ShouldContain("explanation_requested");

        var (status, html) = await session.GetHtmlAsync(location);
        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("Đã gửi yêu cầu giải trình");
        var opened = location["/explanations?opened=".Length..];
        var card = Card(html, $"request-{opened}");
        card.ShouldContain("Đề nghị giải trình nguyên nhân tỷ lệ hộ nghèo giảm chậm");
        card.ShouldContain($"{world.CoopCode} (chưa giải trình)");
        card.ShouldContain("thay mặt Ban Thường vụ");
        Card(html, $"candidate-{world.Poverty}").ShouldContain("Chỉ tiêu này đang có yêu cầu giải trình chưa kết thúc.");
    }

    [Fact]
    public async Task A_form_the_API_refuses_shows_its_messages_beside_the_fields_and_appends_nothing()
    {
        using var session = await PageSession.SignedInAsync(world.Host, "committee");
        var before = await world.EventCountAsync();

        var empty = await session.SubmitAsync("/explanations", "/explanations?handler=Open", new List<KeyValuePair<string, string>>
        {
            new("targetId", world.Poverty.ToString()), new("question", ""), new("dueDate", "31/07/2023"),
        });
        var html = await empty.Content.ReadAsStringAsync();
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest, html);
        html.ShouldContain($"aria-invalid=\"true\" aria-describedby=\"question-{world.Poverty}-error\"");
        html.ShouldMatch($"<p class=\"error\" id=\"question-{world.Poverty}-error\">[^<]*question[^<]* không được rỗng.</p>");

        var past = await session.SubmitAsync("/explanations", "/explanations?handler=Open", new List<KeyValuePair<string, string>>
        {
            new("targetId", world.Poverty.ToString()), new("question", "Đề nghị giải trình"), new("dueDate", "01/07/2023"),
        });
        html = await past.Content.ReadAsStringAsync();
        past.StatusCode.ShouldBe(HttpStatusCode.BadRequest, html);
        html.ShouldContain($"<p class=\"error\" id=\"dueDate-{world.Poverty}-error\">");
        html.ShouldContain("value=\"01/07/2023\"");
        html.ShouldContain("Đề nghị giải trình</textarea>");

        (await world.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_reporter_is_refused_the_committees_list_and_cannot_ask()
    {
        // A reporting unit answers its own requests on /unit/explanations; the committee's list across units is not for it.
        using var reporter = await PageSession.SignedInAsync(world.Host, "reporter", "DON-VI-B");
        var (status, html) = await reporter.GetHtmlAsync("/explanations");
        status.ShouldBe(HttpStatusCode.Forbidden, html);
        html.ShouldNotContain($"request-{world.Explanation}");
        html.ShouldNotContain("DON-VI-A");
        var before = await world.EventCountAsync();

        var answer = await reporter.SubmitAsync("/unit/explanations", "/explanations?handler=Open", new List<KeyValuePair<string, string>>
        {
            new("targetId", world.Poverty.ToString()), new("question", "Đề nghị giải trình"), new("dueDate", "31/07/2023"),
        });

        answer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await world.EventCountAsync()).ShouldBe(before);
    }

    /// <summary>The card (&lt;li&gt;) with the given id.</summary>
    private static string Card(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(-1, $"no {id}");
        var end = html.IndexOf("</li>\n", start, StringComparison.Ordinal);
        return html[start..(end < 0 ? html.Length : end)];
    }
}
