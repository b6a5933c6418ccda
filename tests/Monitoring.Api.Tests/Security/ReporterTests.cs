using System.Text;
using Alba;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;
using Npgsql;

namespace Monitoring.Api.Tests.Security;

public class ReporterTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<(Guid Unit, Guid Target, string Token)> AssignedTargetAsync(string code)
    {
        var unit = await app.RegisterUnitAsync(code);
        var resolution = await app.PostAsync("/api/resolutions", new
        {
            number = $"{code}-NQ/TU", kind = "Resolution", issuingBody = "Tỉnh ủy", issueDate = "2021-09-01", periodStartYear = 2021, periodEndYear = 2025,
            title = "Nghị quyết về phát triển công nghiệp",
            targets = new[] { new { field = "Kinh tế", statement = "Giá trị sản xuất công nghiệp tăng bình quân 12,6%/năm", shape = "GrowthRate", minimum = 12.6, unitOfMeasure = "%/năm", targetYear = 2025, leadUnitId = unit } },
        }, 201);
        return (unit, resolution.GetProperty("targetIds")[0].GetGuid(), app.TokenFor(Roles.Reporter, code, $"can.bo@{code.ToLowerInvariant()}"));
    }

    [Fact]
    public async Task A_reporters_unit_and_name_come_from_the_token_and_are_stored_on_the_events()
    {
        var (unit, target, token) = await AssignedTargetAsync("SO-CT");
        var accepted = await app.PostAsync("/api/reports", new { period = "2023-H1", figures = new[] { new { targetId = target, value = 13.1, stage = "Estimate" } } }, 201, token: token);
        accepted.GetProperty("unitId").GetGuid().ShouldBe(unit);

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select user_name, headers->>'unit', data->>'UnitId', data->>'ReportedBy' from monitoring.mt_events where stream_id = $1 and type = 'progress_reported'",
            connection) { Parameters = { new NpgsqlParameter { Value = target } } };
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        reader.GetString(0).ShouldBe("can.bo@so-ct");
        reader.GetString(1).ShouldBe(unit.ToString());
        Guid.Parse(reader.GetString(2)).ShouldBe(unit);
        reader.GetString(3).ShouldBe("can.bo@so-ct");
    }

    [Fact]
    public async Task A_reporter_revises_reads_and_lists_what_is_assigned_to_their_unit()
    {
        var (unit, target, token) = await AssignedTargetAsync("SO-XD");
        var accepted = await app.PostAsync("/api/reports", new { period = "2022", figures = new[] { new { targetId = target, value = 11.8, stage = "Estimate" } } }, 201, token: token);
        var figure = accepted.GetProperty("figures")[0].GetProperty("figureId").GetGuid();

        await app.PostAsync($"/api/targets/{target}/figures/{figure}/revisions", new { value = 12.1, stage = "Official", reason = "Số liệu chính thức" }, 201, token: token);
        var timeline = await app.GetAsync($"/api/targets/{target}/timeline", token: token);
        timeline.GetProperty("figures")[1].GetProperty("figure").GetProperty("unitId").GetGuid().ShouldBe(unit);
        timeline.GetProperty("figures")[1].GetProperty("figure").GetProperty("recordedBy").GetString().ShouldBe("can.bo@so-xd");

        var mine = await app.GetAsync("/api/targets", token: token);
        mine.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ShouldBe([target]);
        (await app.GetAsync($"/api/units/{unit}/submissions", token: token)).GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_reporter_may_not_name_a_unit_in_the_body()
    {
        var (unit, target, token) = await AssignedTargetAsync("SO-TC");
        var problem = await app.RefusedAsync(() => app.PostAsync("/api/reports",
            new { unitId = unit, period = "2023-H1", figures = new[] { new { targetId = target, value = 13.1, stage = "Estimate" } } }, 400, token: token));
        problem.ErrorFields().ShouldBe(["unitId"]);
    }

    [Theory]
    [InlineData("submittedBy", "\"someone.else\"")]
    [InlineData("submittedAt", "\"2020-01-01T00:00:00Z\"")]
    [InlineData("user", "\"admin\"")]
    public async Task Fields_a_caller_may_not_set_are_refused_naming_them(string field, string json)
    {
        var (_, target, token) = await AssignedTargetAsync($"SO-{field.ToUpperInvariant()}");
        var body = $$"""{ "period": "2023-H1", "figures": [ { "targetId": "{{target}}", "value": 1, "stage": "Estimate" } ], "{{field}}": {{json}} }""";
        var before = await app.EventCountAsync();
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Text(body).ToUrl("/api/reports");
            s.WithRequestHeader("Content-Type", "application/json");
            s.Authorized(token);
            s.StatusCodeShouldBe(400);
        });
        (await result.ReadAsTextAsync()).ShouldContain(field);
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_computed_status_or_timestamp_inside_a_figure_is_refused()
    {
        var (_, target, token) = await AssignedTargetAsync("SO-STATUS");
        var problem = await app.RefusedAsync(() => app.PostAsync("/api/reports", new
        {
            period = "2023-H1",
            figures = new[] { new { targetId = target, value = 1m, stage = "Estimate", status = "AchievedOrExceeded", recordedAt = "2023-01-01" } },
        }, 400, token: token));
        problem.ErrorFields().Single().ShouldBe("figures[0].status");
        problem.ToString().ShouldNotContain("Monitoring.Api");
    }

    [Fact]
    public async Task A_reporter_whose_unit_is_not_registered_is_refused()
    {
        var problem = await app.RefusedAsync(() => app.PostAsync("/api/reports", new { period = "2023", narrative = new { results = "x" } }, 403,
            token: app.TokenFor(Roles.Reporter, "KHONG-CO")));
        problem.GetProperty("detail").GetString()!.ShouldContain("KHONG-CO");
    }

    [Fact]
    public async Task Tokens_that_are_forged_or_expired_are_401()
    {
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "monitoring", Audience = "monitoring-api",
            Claims = new Dictionary<string, object> { ["name"] = "ke.gia.mao", ["role"] = Roles.Secretariat },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('x', 64))), SecurityAlgorithms.HmacSha256),
        });
        await app.RefusedAsync(() => app.PostAsync("/api/units", new { code = "FORGED", name = "Giả mạo", kind = "Other" }, 401, token: forged));

        var expired = TokenIssuer.Mint(new AuthOptions { SigningKey = AppFixture.TestSigningKey }, "cu", Roles.Secretariat, null,
            TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow.AddHours(-2));
        await app.RefusedAsync(() => app.PostAsync("/api/units", new { code = "EXPIRED", name = "Hết hạn", kind = "Other" }, 401, token: expired));
    }

    [Fact]
    public async Task The_committee_reads_but_cannot_define_or_report()
    {
        var (_, target, _) = await AssignedTargetAsync("SO-KHDT");
        var committee = app.TokenFor(Roles.Committee);
        (await app.GetAsync($"/api/targets/{target}", token: committee)).GetProperty("id").GetGuid().ShouldBe(target);
        await app.RefusedAsync(() => app.PostAsync("/api/units", new { code = "BTV", name = "x", kind = "Other" }, 403, token: committee));
        await app.RefusedAsync(() => app.PostAsync("/api/reports", new { period = "2023", narrative = new { results = "x" } }, 403, token: committee));
    }
}
