using System.Diagnostics;
using System.Text.Json.Nodes;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Monitoring.Api.Tests.Projections;

/// <summary>
/// Issue 19, case 4: rebuilding every projection from the events gives the documents the service keeps live. A data set
/// with every kind of fact (revisions, adjustments, approvals and returns, a lock exception, explanation requests with
/// answers and follow-ups, a review and its conclusion, a target past its state checkpoint) is written through the HTTP
/// API; every document of every type is read as stored, the projections are rebuilt, and everything is read again.
/// </summary>
public class RebuildEqualsLiveTests(RebuildEqualsLiveTests.World world, ITestOutputHelper output) : IClassFixture<RebuildEqualsLiveTests.World>
{
    /// <summary>The document types the projections write (MartenSetup): each must hold documents here, or the test proves nothing of it.</summary>
    private static readonly string[] Projected =
        ["target", "resolutiontask", "resolution", "unit", "progressreport", "submission", "figurerecord", "explanationrequestview", "targetcheckpoint"];

    public sealed class World : AppFixture
    {
        public Guid Resolution, Target, BusyTarget, Task, Report, Submission, UnitA, ExplanationOnTarget;
        public readonly List<string> Reads = [];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            UnitA = await this.RegisterUnitAsync("REBUILD-A");
            var unitB = await this.RegisterUnitAsync("REBUILD-B");
            var resolution = await this.PostAsync("/api/resolutions", new
            {
                number = "19-KL/TU", kind = "Conclusion", issuingBody = "Tỉnh ủy", issueDate = "2021-10-20", periodStartYear = 2021, periodEndYear = 2025,
                title = "Kết luận thử dựng lại", fields = new[] { "Kinh tế", "Hạ tầng" },
                targets = new object[]
                {
                    new { field = "Kinh tế", statement = "Thu ngân sách tăng 10 – 12%/năm", shape = "GrowthRate", minimum = 10, maximum = 12, unitOfMeasure = "%/năm", targetYear = 2025, leadUnitId = UnitA },
                    new { field = "Hạ tầng", statement = "Tỷ lệ xã đạt chuẩn nông thôn mới đạt 80%", shape = "LevelAtLeast", minimum = 80, unitOfMeasure = "%", targetYear = 2025, leadUnitId = unitB },
                },
                tasks = new[] { new { group = "Hạ tầng", statement = "Nâng cấp cửa khẩu Thường Phước", leadUnitId = UnitA, deadline = "2024-12-31" } },
            }, 201);
            Resolution = resolution.GetProperty("id").GetGuid();
            Target = resolution.GetProperty("targetIds")[0].GetGuid();
            BusyTarget = resolution.GetProperty("targetIds")[1].GetGuid();
            Task = resolution.GetProperty("taskIds")[0].GetGuid();
            var reporterA = TokenFor(Roles.Reporter, "REBUILD-A");
            var reporterB = TokenFor(Roles.Reporter, "REBUILD-B");
            var committee = TokenFor(Roles.Committee);

            await this.PostAsync($"/api/targets/{Target}/baseline", new { value = 100, year = 2020, source = "Niên giám thống kê 2020" }, 200);
            await this.PostAsync($"/api/tasks/{Task}/assignment", new { leadUnitId = UnitA, cooperatingUnitIds = new[] { unitB } }, 200);
            var report = await this.PostAsync("/api/reports", new
            {
                period = "2023-H1",
                figures = new[] { new { targetId = Target, value = 12.5, stage = "Estimate", note = "Ước tính" } },
                taskUpdates = new[] { new { taskId = Task, percentDone = 40, note = "Đang giải phóng mặt bằng" } },
                narrative = new { results = "Thu ngân sách đạt khá", limitations = "Giải ngân chậm" },
            }, 201, token: reporterA);
            Report = report.GetProperty("reportId").GetGuid();
            var figure = report.GetProperty("figures")[0].GetProperty("figureId").GetGuid();
            await this.PostAsync($"/api/targets/{Target}/figures/{figure}/revisions", new { value = 13, stage = "Preliminary", reason = "Số sơ bộ của Cục Thống kê" }, 201);
            // The submission: returned with remarks, drafted again, submitted, approved, a lock exception, reopened by a revision.
            Submission = ApiScenarios.SubmissionId(UnitA, Resolution, "2023-H1");
            await this.PostAsync($"/api/submissions/{Submission}/return",
                new { reason = "Thiếu nguồn số liệu", comments = new[] { new { figureId = figure, text = "Ghi rõ nguồn" } } }, 200);
            await this.PutAsync("/api/submissions/draft", new
            {
                resolutionId = Resolution, period = "2023-H1",
                figures = new[] { new { targetId = Target, value = 12.8, stage = "Preliminary", source = "Cục Thống kê" } },
                narrative = new { results = "Thu ngân sách đạt khá" },
            }, 200, token: reporterA);
            var resubmitted = await this.PostAsync($"/api/submissions/{Submission}/submit", new { }, 200, token: reporterA);
            await this.PostAsync($"/api/submissions/{Submission}/approve", new { comment = "Thống nhất" }, 200);
            await this.PostAsync($"/api/submissions/{Submission}/lock-exceptions", new { reason = "Số chính thức", expiresAt = "2023-08-01T00:00:00+07:00" }, 200);
            await this.PostAsync($"/api/targets/{Target}/figures/{resubmitted.GetProperty("figures")[0].GetProperty("figureId").GetGuid()}/revisions",
                new { value = 13.2, stage = "Official", reason = "Số chính thức của Cục Thống kê" }, 201, token: reporterA);
            await this.PostAsync($"/api/targets/{Target}/adjustments", new { minimum = 11, maximum = 13, decisionNumber = "12-QĐ/TU", decisionDate = "2023-07-01", reason = "Điều chỉnh giữa kỳ" }, 200);

            // Unit B reports its target for three years; the last figure is revised a hundred times (past a target's state
            // checkpoint, stored every 100 events), then each year is approved.
            for (var year = 2021; year <= 2023; year++)
            {
                var reported = await this.PostAsync("/api/reports", new
                {
                    period = $"{year}", figures = new[] { new { targetId = BusyTarget, value = 50 + (year - 2021) * 10, stage = "Estimate" } },
                }, 201, token: reporterB);
                if (year < 2023) continue;
                var latest = reported.GetProperty("figures")[0].GetProperty("figureId").GetGuid();
                for (var i = 1; i <= 100; i++)
                    latest = (await this.PostAsync($"/api/targets/{BusyTarget}/figures/{latest}/revisions",
                        new { value = 70 + i * 0.1m, stage = i == 100 ? "Official" : "Preliminary", reason = $"Rà soát lần {i}" }, 201)).GetProperty("figureId").GetGuid();
            }
            for (var year = 2021; year <= 2023; year++) await this.ApproveAsync(unitB, Resolution, $"{year}");

            await this.PostAsync($"/api/tasks/{Task}/completion", new { completedOn = "2023-07-01", note = "Đã bàn giao" }, 200);
            await this.PostAsync($"/api/tasks/{Task}/reopening", new { reason = "Còn hạng mục chưa nghiệm thu" }, 200);
            await this.PostAsync($"/api/tasks/{Task}/suspension", new { reason = "Chờ vốn" }, 200);
            await this.PostAsync($"/api/tasks/{Task}/reopening", new { reason = "Đã bố trí vốn" }, 200);
            await this.PostAsync($"/api/tasks/{Task}/deadline-extensions", new { newDeadline = "2025-06-30", reason = "Chậm giải phóng mặt bằng", decisionNumber = "13-QĐ/TU" }, 200);

            var review = (await this.PostAsync($"/api/resolutions/{Resolution}/reviews", new { kind = "MidTerm", cutOff = "2023-07-15" }, 201)).GetProperty("reviewId").GetGuid();
            await this.PostAsync($"/api/resolutions/{Resolution}/reviews/{review}/conclusions",
                new { text = "Cơ bản thống nhất với báo cáo", decisions = new[] { "Tập trung giải ngân" }, targetsToAdjust = new[] { new { targetId = Target, proposal = "Xem xét điều chỉnh" } } },
                200, token: committee);

            // Explanation requests on the target, the task and the submission: opened, answered, followed up, answered, accepted.
            foreach (var (key, subject) in new[] { ("targetId", Target), ("taskId", Task), ("submissionId", Submission) })
            {
                var request = (await this.PostAsync("/api/explanation-requests",
                    new Dictionary<string, object> { [key] = subject, ["question"] = "Đề nghị giải trình nguyên nhân", ["dueDate"] = "2023-07-31" }, 201, token: committee))
                    .GetProperty("requestId").GetGuid();
                if (key == "targetId") ExplanationOnTarget = request;
                await this.PostAsync($"/api/explanation-requests/{request}/answers", new { text = "Do khó khăn chung", evidenceReferences = new[] { "Báo cáo số 12/BC-UBND" } }, 200, token: reporterA);
                await this.PostAsync($"/api/explanation-requests/{request}/follow-ups", new { question = "Nêu rõ giải pháp", dueDate = "2023-08-15" }, 200, token: committee);
                await this.PostAsync($"/api/explanation-requests/{request}/answers", new { text = "Tập trung tháo gỡ vướng mắc" }, 200, token: reporterA);
                await this.PostAsync($"/api/explanation-requests/{request}/acceptance", new { comment = "Thống nhất" }, 200, token: committee);
            }

            Reads.AddRange([
                $"/api/targets/{Target}", $"/api/targets/{Target}/timeline", $"/api/targets/{BusyTarget}", $"/api/targets/{BusyTarget}/timeline",
                $"/api/targets/{BusyTarget}?cutOff=2022-12-31", $"/api/tasks/{Task}", $"/api/resolutions/{Resolution}", $"/api/resolutions/{Resolution}/overview",
                $"/api/reports/{Report}", $"/api/submissions/{Submission}", $"/api/submissions?resolutionId={Resolution}", $"/api/units/{UnitA}",
                $"/api/units/{UnitA}/submissions", $"/api/explanation-requests/{ExplanationOnTarget}", $"/api/explanation-requests?resolutionId={Resolution}",
                $"/api/obligations?resolutionId={Resolution}", "/api/reporting/completeness?period=2023-H1", "/api/targets", "/api/tasks",
            ]);
        }
    }

    [Fact]
    public async Task Rebuilding_every_projection_gives_the_documents_and_answers_the_service_kept_live()
    {
        var live = await DocumentsAsync();
        foreach (var table in Projected)
            live.Keys.Count(k => k.Table == table).ShouldBeGreaterThan(0, $"no {table} documents: the data set does not exercise that projection");
        var answers = await AnswersAsync();

        // In the running service: Marten's projection daemon folds each projection again.
        var names = ProjectionRebuild.ProjectionNames(world.Store);
        output.WriteLine("projections: " + string.Join(", ", names));
        names.ShouldNotContain("audit_hash_chain");
        // Every projection's documents are compared (the targets' state checkpoints are the target projection's side effect).
        names.Select(n => n.ToLowerInvariant()).Except(Projected).ShouldBeEmpty();
        await ProjectionRebuild.RebuildAllAsync(world.Store, world.Province, CancellationToken.None);
        ShouldBeSame(live, await DocumentsAsync(), "after a rebuild in the running service");

        // From nothing: every projected document deleted, then the documented command, in a process of its own.
        await DeleteProjectedAsync();
        (await DocumentsAsync()).Keys.Count(k => Projected.Contains(k.Table)).ShouldBe(0);
        var watch = Stopwatch.StartNew();
        var (exit, said) = await ExternalTool.RunAsync("dotnet", [typeof(Program).Assembly.Location, ProjectionRebuild.CommandName],
            Path.GetDirectoryName(typeof(Program).Assembly.Location)!, TimeSpan.FromSeconds(90), new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Monitoring"] = world.NationalConnectionString,
                ["Auth__SigningKey"] = AppFixture.TestSigningKey,
                ["Logging__LogLevel__Default"] = "Warning",
            });
        output.WriteLine($"`rebuild` took {watch.Elapsed.TotalSeconds:0.0} s:\n{said}");
        exit.ShouldBe(0, said);
        said.ShouldContain("All projections rebuilt");
        ShouldBeSame(live, await DocumentsAsync(), "after `rebuild` from nothing");

        var again = await AnswersAsync();
        var differing = answers.Where(a => again[a.Key] != a.Value).Select(a =>
        {
            var at = a.Value.Zip(again[a.Key]).TakeWhile(p => p.First == p.Second).Count();
            return $"GET {a.Key}, from character {at}:\n  live:    …{Around(a.Value, at)}…\n  rebuilt: …{Around(again[a.Key], at)}…";
        }).ToList();
        differing.ShouldBeEmpty($"{differing.Count} of {answers.Count} answers differ after the rebuild:\n{string.Join("\n", differing)}");
    }

    private static string Around(string text, int at) => text[Math.Max(0, at - 150)..Math.Min(text.Length, at + 250)];

    private static void ShouldBeSame(Dictionary<(string Table, string Id), string> expected, Dictionary<(string Table, string Id), string> actual, string when)
    {
        var differences = new List<string>();
        foreach (var (key, json) in expected)
            if (!actual.TryGetValue(key, out var other)) differences.Add($"{key.Table} {key.Id}: missing");
            else if (!JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(other))) differences.Add($"{key.Table} {key.Id}:\n  live:    {json}\n  rebuilt: {other}");
        foreach (var key in actual.Keys.Except(expected.Keys)) differences.Add($"{key.Table} {key.Id}: not there live");
        differences.ShouldBeEmpty($"{when}, {differences.Count} of {expected.Count} documents differ:\n{string.Join("\n", differences.Take(20))}");
    }

    /// <summary>
    /// Every document of the projected types, as stored (its JSON), keyed by table and id. The other documents (reviews'
    /// files, notifications, idempotent answers) are written by handlers, not folded from events, and a rebuild leaves them.
    /// </summary>
    private async Task<Dictionary<(string Table, string Id), string>> DocumentsAsync()
    {
        await using var connection = new NpgsqlConnection(world.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var reader = await new NpgsqlCommand(
                         "select table_name from information_schema.tables where table_schema = 'monitoring' and table_name like 'mt_doc_%' order by 1", connection).ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var documents = new Dictionary<(string, string), string>();
        foreach (var table in tables.Where(t => Projected.Contains(t["mt_doc_".Length..])))
        {
            await using var reader = await new NpgsqlCommand($"select id::text, data::text from monitoring.{table}", connection).ExecuteReaderAsync();
            while (await reader.ReadAsync()) documents[(table["mt_doc_".Length..], reader.GetString(0))] = reader.GetString(1);
        }
        return documents;
    }

    private async Task DeleteProjectedAsync()
    {
        await using var connection = new NpgsqlConnection(world.ConnectionString);
        await connection.OpenAsync();
        foreach (var table in Projected)
            await new NpgsqlCommand($"delete from monitoring.mt_doc_{table}", connection).ExecuteNonQueryAsync();
    }

    private async Task<Dictionary<string, string>> AnswersAsync()
    {
        var answers = new Dictionary<string, string>();
        foreach (var url in world.Reads)
            answers[url] = (await world.GetAsync(url, token: world.TokenFor(Roles.Committee))).GetRawText();
        return answers;
    }
}
