using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Seeds;

/// <summary>The seeds read on 1 March 2026, after the 2021 - 2025 term is over (issue 17).</summary>
public class SeedAfterTheTermTests(SeedAfterTheTermTests.SeededAfterTheTerm app) : IClassFixture<SeedAfterTheTermTests.SeededAfterTheTerm>
{
    public sealed class SeededAfterTheTerm : AppFixture
    {
        protected override DateTimeOffset StartsAt => new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Seeds:ImportAtStartup", "true");
            builder.UseSetting("Seeds:Directory", SeedImportTests.SeedFolder);
        }
    }

    private async Task<JsonElement> TargetAsync(string number, string code)
    {
        var page = await app.GetAsync($"/api/resolutions?search={Uri.EscapeDataString(number)}");
        var resolution = page.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("number").GetString() == number).GetProperty("id").GetGuid();
        return (await app.GetAsync($"/api/targets?resolutionId={resolution}&pageSize=500")).GetProperty("items").EnumerateArray()
            .Single(t => t.GetProperty("code").GetString() == code);
    }

    [Fact]
    public async Task After_the_term_the_2021_2023_budget_average_is_not_reported_as_achieved_for_the_whole_term()
    {
        // 004: "tốc độ tăng bình quân 3 năm 2021 - 2023 đạt 15,4%/năm (NQ 11 - 12%/năm)": exceeded at mid-term (SeedImportTests);
        // once 2025 is over, three years of five do not make the term's average, and the judgement says which years it has.
        var budget = await TargetAsync("KL-HNGNK-2023", "KT-01");
        var judgement = budget.GetProperty("judgement");
        judgement.GetProperty("status").GetString().ShouldBe("NoData");
        judgement.GetProperty("statusText").GetString().ShouldNotBe("đạt/vượt");
        judgement.GetProperty("observed").GetDecimal().ShouldBe(15.4m);
        var explanation = judgement.GetProperty("explanation").GetString()!;
        explanation.ShouldContain("giai đoạn 2021 - 2023 (3/5 năm của giai đoạn 2021 - 2025)");
        explanation.ShouldContain("chưa có số liệu các năm 2024, 2025 nên chưa đánh giá được mục tiêu cả giai đoạn 2021 - 2025");

        // The mid-term review with cut-off 30/6/2023 still reads what the conference concluded.
        var asOfMidTerm = await app.GetAsync($"/api/targets/{budget.GetProperty("id").GetGuid()}?cutOff=2023-06-30");
        asOfMidTerm.GetProperty("judgement").GetProperty("status").GetString().ShouldBe("AchievedOrExceeded");
    }
}
