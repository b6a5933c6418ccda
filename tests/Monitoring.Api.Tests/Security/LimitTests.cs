using Alba;
using Microsoft.AspNetCore.Hosting;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Security;

public class LimitTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_body_over_the_size_limit_is_413_and_appends_nothing()
    {
        var unit = await app.RegisterUnitAsync("BIG-BODY");
        var huge = new string('a', 1024 * 1024 + 10);
        var problem = await app.RefusedAsync(() => app.PostAsync("/api/reports", new { unitId = unit, period = "2023", narrative = new { results = huge } }, 413));
        problem.GetProperty("status").GetInt32().ShouldBe(413);
    }

    [Fact]
    public async Task More_figures_than_a_submission_may_carry_is_400_and_appends_nothing()
    {
        var unit = await app.RegisterUnitAsync("MANY-FIGURES");
        var figures = Enumerable.Range(0, 501).Select(_ => new { targetId = Guid.NewGuid(), value = 1, stage = "Estimate" }).ToArray();
        var problem = await app.RefusedAsync(() => app.PostAsync("/api/reports", new { unitId = unit, period = "2023", figures }, 400));
        problem.ErrorFields().ShouldContain("figures");
    }

    [Fact]
    public async Task Strings_over_their_maximum_length_are_400_naming_the_field_and_append_nothing()
    {
        var problem = await app.RefusedAsync(() => app.PostAsync("/api/units", new { code = "LONG-NAME", name = new string('x', 301), kind = "Department" }, 400));
        problem.ErrorFields().ShouldBe(["name"]);
        var unit = await app.RegisterUnitAsync("LONG-NARRATIVE");
        var narrative = await app.RefusedAsync(() => app.PostAsync("/api/reports",
            new { unitId = unit, period = "2023", narrative = new { limitations = new string('x', 20_001) } }, 400));
        narrative.ErrorFields().ShouldBe(["narrative.limitations"]);
    }
}

public class RateLimitTests(RateLimitTests.FewRequests app) : IClassFixture<RateLimitTests.FewRequests>
{
    public sealed class FewRequests : AppFixture
    {
        protected override string? TokenProvince => "bac-ninh";

        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Limits:RequestsPerWindow", "3");
            builder.UseSetting("Limits:WindowSeconds", "600");
        }
    }

    [Fact]
    public async Task A_client_over_its_budget_gets_429_with_Retry_After_and_nothing_is_appended_while_others_and_its_namesake_in_another_province_go_on()
    {
        var token = app.TokenFor(Roles.Secretariat, user: "nguoi.gui.nhieu");
        for (var i = 0; i < 3; i++)
            await app.PostAsync("/api/units", new { code = $"RL-{i}", name = $"Đơn vị {i}", kind = "Other" }, 201, token: token);

        var before = await app.EventCountAsync();
        var refused = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { code = "RL-3", name = "Đơn vị 3", kind = "Other" }).ToUrl("/api/units");
            s.Authorized(token);
            s.StatusCodeShouldBe(429);
        });
        int.Parse(refused.Context.Response.Headers.RetryAfter.ToString()).ShouldBeGreaterThan(0);
        (await app.EventCountAsync()).ShouldBe(before);

        await app.GetAsync("/api/units", 200, app.TokenFor(Roles.Committee, user: "nguoi.khac"));
        // The same user name in another province is another person, with a budget of its own.
        await app.PostAsync("/api/units", new { code = "RL-3", name = "Đơn vị 3", kind = "Other" }, 201,
            token: app.TokenFor(Roles.Secretariat, user: "nguoi.gui.nhieu", province: AppFixture.DefaultProvince));
        await app.Host.Scenario(s =>
        {
            s.Get.Url("/health/ready");
            s.StatusCodeShouldBeOk();
        });
    }
}
