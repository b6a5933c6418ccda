// The reporting flow as an integrator writes it against the client NSwag generated from /openapi/v1.json
// (GeneratedClientTests compiles this file beside the generated Client.cs, in a throwaway project).
// It prints what came back as key=value lines; the test checks them against the service's store.
using System.Net.Http.Headers;
using Monitoring.Generated;

System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
var baseUrl = args[0];
// The document names no server (only "/"): the integrator says where the service runs.
MonitoringClient As(string role) => new(new HttpClient
{
    DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("TOKEN_" + role.ToUpperInvariant())) },
}) { BaseUrl = baseUrl };
void Print(string key, object value) => Console.WriteLine($"{key}={value}");

var secretariat = As("secretariat");
var unit = await secretariat.RegisterUnitAsync(null, new RegisterUnit { Code = "SO-KHCN", Name = "Sở Khoa học và Công nghệ", Kind = UnitKind.Department });
Print("unit.id", unit.Id);
var resolution = await secretariat.DefineResolutionAsync(null, new DefineResolution
{
    Number = "09-NQ/TU", Kind = ResolutionKind.Resolution, IssuingBody = "Tỉnh ủy", IssueDate = new DateTimeOffset(2021, 3, 15, 0, 0, 0, TimeSpan.Zero),
    PeriodStartYear = 2021, PeriodEndYear = 2025, Title = "Nghị quyết về phát triển khoa học và công nghệ",
});
Print("resolution.id", resolution.Id);
var target = await secretariat.DefineTargetAsync(null, new DefineTarget
{
    ResolutionId = resolution.Id,
    Target = new TargetDefinition
    {
        Field = "Khoa học - công nghệ", Statement = "Tỷ lệ doanh nghiệp đổi mới công nghệ tăng 10 – 12%/năm", Shape = TargetShape.GrowthRate,
        Minimum = 10, Maximum = 12, UnitOfMeasure = "%/năm", TargetYear = 2025,
    },
});
Print("target.id", target.Id);
var assigned = await secretariat.AssignTargetAsync(target.Id, null, null, new AssignUnits { LeadUnitId = unit.Id });
Print("assignment.version", assigned.Version);

var reporter = As("reporter");
var submission = new SubmitReport
{
    Period = "2023-H1",
    Figures = [new FigureInput { TargetId = target.Id, Value = 12.5m, Stage = FigureStage.Estimate, Source = "Sở KH&CN" }],
};
var key = Guid.NewGuid().ToString();
var accepted = await reporter.SubmitReportAsync("vi", key, submission);
Print("report.id", accepted.ReportId);
Print("report.unitId", accepted.UnitId);
Print("report.period", accepted.Period);
Print("report.figure.targetId", accepted.Figures.Single().TargetId);
Print("report.figure.id", accepted.Figures.Single().FigureId);
var retried = await reporter.SubmitReportAsync("vi", key, submission);
Print("retry.report.id", retried.ReportId);
// The secretariat approves the unit's submission: from then on its figures count, and the period is locked.
var submissionId = accepted.SubmissionIds.Single();
Print("report.submission.id", submissionId);
var approved = await secretariat.ApproveSubmissionAsync(submissionId, null, null, new ApproveSubmission { Comment = "Thống nhất" });
Print("approval.state", approved.State);

try
{
    await reporter.SubmitReportAsync("vi", null, new SubmitReport { Period = "2023-H3", Figures = submission.Figures });
    Print("invalid.status", "accepted");
}
catch (ApiException<HttpValidationProblemDetails> problem)
{
    Print("invalid.status", problem.StatusCode);
    Print("invalid.fields", string.Join(",", problem.Result.Errors.Keys));
}

// The figure just submitted waits for approval: asked for with includeSubmitted, it is shown marked as such.
var status = await reporter.GetTargetStatusAsync(target.Id, null, null, null, true, null);
Print("status.latest.figureId", status.Latest?.FigureId);
Print("status.latest.value", status.Latest?.Value);
Print("status.latest.stage", status.Latest?.Stage);
Print("status.latest.period", status.Latest?.Period);
Print("status.version", status.Version);

// Revising an approved figure needs a lock exception from the secretariat.
await secretariat.GrantLockExceptionAsync(submissionId, null, null,
    new GrantLockException { Reason = "Cục Thống kê công bố số sơ bộ", ExpiresAt = DateTimeOffset.UtcNow.AddDays(1) });
var revised = await reporter.ReviseFigureAsync(target.Id, accepted.Figures.Single().FigureId, null, $"\"{status.Version}\"",
    new ReviseFigure { Value = 13.1m, Stage = FigureStage.Preliminary, Reason = "Số sơ bộ của Cục Thống kê" });
Print("revision.id", revised.FigureId);
Print("revision.revises", revised.Revises);
Print("revision.version", revised.Version);

var timeline = await reporter.GetTargetTimelineAsync(target.Id, null, null);
Print("timeline.count", timeline.Figures.Count);
var current = timeline.Figures.Single(f => f.IsCurrent).Figure;
Print("timeline.current.id", current.FigureId);
Print("timeline.current.value", current.Value);
Print("timeline.current.stage", current.Stage);
Print("timeline.current.revises", current.Revises);
Print("timeline.current.reason", current.RevisionReason);

var auditor = As("auditor");
var feed = await auditor.ListAuditEntriesAsync(resolution.Id, null, null, null, null, null, null, null, null);
Print("audit.types", string.Join(",", feed.Entries.Select(e => e.EventType)));
Print("audit.streams", string.Join(",", feed.Entries.Select(e => e.StreamId).Distinct()));
using var export = await auditor.ExportAuditAsync(Format.Csv, resolution.Id, null, null, null, null, null, null);
using var csv = new StreamReader(export.Stream);
Print("export.contentType", string.Join(",", export.Headers["Content-Type"]));
Print("export.lines", (await csv.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
