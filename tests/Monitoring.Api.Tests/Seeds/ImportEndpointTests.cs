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

    [Fact]
    public async Task A_document_says_what_its_content_is_as_of_and_a_report_may_enter_waiting_for_approval()
    {
        var json = """
        {
          "source": { "document": "thu.txt", "contentAsOf": "2023-06-20" },
          "units": [ { "code": "Y-UBND", "name": "Ban cán sự đảng UBND tỉnh", "kind": "ProvincialPeoplesCommitteeParty" } ],
          "resolution": { "number": "03-NQ/TU", "kind": "Resolution", "issuingBody": "Tỉnh ủy", "issueDate": "2021-09-01",
                          "periodStartYear": 2021, "periodEndYear": 2025, "title": "Nghị quyết" },
          "targets": [
            { "code": "KT-01", "field": "Kinh tế", "statement": "Thu ngân sách tăng 10 – 12%/năm", "shape": "GrowthRate", "minimum": "10", "maximum": "12", "unitOfMeasure": "%/năm", "targetYear": 2025, "lead": "Y-UBND" },
            { "code": "KT-02", "field": "Kinh tế", "statement": "Giải quyết việc làm 6.150 lao động/năm", "shape": "QuantityPerYear", "minimum": "6.150", "unitOfMeasure": "lao động", "targetYear": 2025, "lead": "Y-UBND" }
          ],
          "reports": [
            { "unit": "Y-UBND", "period": "2021-2023", "figures": [ { "target": "KT-01", "value": "15,4", "stage": "Estimate" } ] },
            { "unit": "Y-UBND", "period": "2022", "approval": "Submitted", "figures": [ { "target": "KT-02", "value": "6.400", "stage": "Official", "asOf": "2022-12-31" } ] }
          ]
        }
        """;
        var (status, summary) = await ImportAsync(json);
        status.ShouldBe(201, summary.ToString());
        var targets = (await app.GetAsync($"/api/targets?resolutionId={summary.GetProperty("resolutionId").GetGuid()}")).GetProperty("items")
            .EnumerateArray().ToDictionary(t => t.GetProperty("code").GetString()!);

        // Approved by default, and dated as of the document's content when the figure gives no date (not the day of the import).
        var budget = targets["KT-01"].GetProperty("latest");
        budget.GetProperty("approval").GetString().ShouldBe("Approved");
        budget.GetProperty("asOf").GetString().ShouldBe("2023-06-20");
        // Waiting for approval: not counted, listed, and counted when asked for.
        var jobs = targets["KT-02"];
        jobs.GetProperty("latest").ValueKind.ShouldBe(JsonValueKind.Null);
        jobs.GetProperty("awaitingApproval")[0].GetProperty("approval").GetString().ShouldBe("Submitted");
        var withSubmitted = await app.GetAsync($"/api/targets/{jobs.GetProperty("id").GetGuid()}?includeSubmitted=true");
        withSubmitted.GetProperty("latest").GetProperty("value").GetDecimal().ShouldBe(6400m);

        var submissions = await app.EventTypesAsync(Monitoring.Domain.Reporting.Submission.IdFor(
            jobs.GetProperty("leadUnitId").GetGuid(), summary.GetProperty("resolutionId").GetGuid(), Monitoring.Domain.Reporting.ReportingPeriod.Parse("2022")));
        submissions.ShouldBe(["submission_submitted"]);
        (await app.EventTypesAsync(targets["KT-01"].GetProperty("id").GetGuid()))
            .ShouldBe(["target_defined", "target_assigned", "progress_reported", "figures_approved"]);
    }

    [Fact]
    public async Task An_unknown_approval_is_refused_at_its_path()
    {
        var json = """
        { "resolution": { "number": "04-NQ/TU", "kind": "Resolution", "issuingBody": "Tỉnh ủy", "issueDate": "2021-09-01", "periodStartYear": 2021, "periodEndYear": 2025, "title": "Nghị quyết" },
          "units": [ { "code": "Z-UBND", "name": "Ban cán sự đảng UBND tỉnh", "kind": "ProvincialPeoplesCommitteeParty" } ],
          "reports": [ { "unit": "Z-UBND", "period": "2022", "approval": "Maybe" } ] }
        """;
        var (status, problem) = await ImportAsync(json);
        status.ShouldBe(400);
        problem.ErrorFields().ShouldBe(["reports[0].approval"]);
    }
}
