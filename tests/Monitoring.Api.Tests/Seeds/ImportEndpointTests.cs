using System.Text.Json;
using Alba;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Seeds;

public class ImportEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static string SeedFile(string prefix) =>
        Directory.GetFiles(Path.Combine(SolutionPaths.Root, "seeds"), $"{prefix}-*.json").Single();

    private async Task<(int Status, JsonElement Body)> ImportAsync(string json)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Text(json).ToUrl("/api/resolutions/import");
            s.WithRequestHeader("Content-Type", "application/json");
            s.Authorized(app.SecretariatToken);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task Imports_a_seed_file_and_a_second_import_adds_no_events()
    {
        var json = await File.ReadAllTextAsync(SeedFile("004"));
        var (status, summary) = await ImportAsync(json);
        status.ShouldBe(201, summary.ToString());
        summary.GetProperty("alreadyImported").GetBoolean().ShouldBeFalse();
        summary.GetProperty("targets").GetInt32().ShouldBeGreaterThan(0);

        var before = await app.EventCountAsync();
        var (again, second) = await ImportAsync(json);
        again.ShouldBe(200);
        second.GetProperty("alreadyImported").GetBoolean().ShouldBeTrue();
        second.GetProperty("resolutionId").GetGuid().ShouldBe(summary.GetProperty("resolutionId").GetGuid());
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task An_invalid_document_is_refused_whole_with_the_JSON_path_of_each_problem_and_nothing_is_stored()
    {
        var json = """
        {
          "units": [ { "code": "X-UBND", "name": "Ban cán sự đảng UBND tỉnh", "kind": "ProvincialPeoplesCommitteeParty" } ],
          "resolution": { "number": "01-NQ/TU", "kind": "Resolution", "issuingBody": "Tỉnh ủy", "issueDate": "2021-09-01",
                          "periodStartYear": 2021, "periodEndYear": 2025, "title": "Nghị quyết" },
          "targets": [
            { "code": "KT-01", "field": "Kinh tế", "statement": "Thu ngân sách tăng 10 – 12%/năm", "shape": "GrowthRate", "unitOfMeasure": "%/năm", "targetYear": 2025, "lead": "X-UBND" },
            { "code": "KT-02", "field": "Kinh tế", "statement": "trong đó ...", "shape": "LevelAtLeast", "minimum": "6.150", "unitOfMeasure": "lao động", "targetYear": 2025, "parentCode": "KT-99", "lead": "X-KHONG-CO" }
          ],
          "reports": [ { "unit": "X-UBND", "period": "2023-H3", "figures": [ { "target": "KT-07", "value": "15,4", "stage": "Estimate" } ] } ]
        }
        """;
        var before = await app.EventCountAsync();
        var (status, problem) = await ImportAsync(json);
        status.ShouldBe(400);
        problem.ErrorFields().ShouldBe(["targets[0].minimum", "targets[1].lead", "targets[1].parentCode", "reports[0].figures[0].target", "reports[0].period"],
            ignoreOrder: true);
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_number_not_written_the_Vietnamese_way_is_refused_at_its_path()
    {
        var json = """
        { "resolution": { "number": "02-NQ/TU", "kind": "Resolution", "issuingBody": "Tỉnh ủy", "issueDate": "2021-09-01", "periodStartYear": 2021, "periodEndYear": 2025, "title": "Nghị quyết" },
          "targets": [ { "code": "KT-01", "field": "Kinh tế", "statement": "x", "shape": "LevelAtLeast", "minimum": "6.15", "unitOfMeasure": "lao động", "targetYear": 2025 } ] }
        """;
        var (status, problem) = await ImportAsync(json);
        status.ShouldBe(400);
        problem.ErrorFields().ShouldBe(["targets[0].minimum"]);
        problem.GetProperty("errors").GetProperty("targets[0].minimum")[0].GetString()!.ShouldContain("6.15");
    }
}
