// The same reporting flow through the client Kiota generated from /openapi/v1.json (GeneratedClientTests compiles this file
// beside the generated code, in a throwaway project). It prints what came back as key=value lines.
using System.Net.Http.Headers;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Monitoring.Kiota;
using Monitoring.Kiota.Models;

System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
var baseUrl = args[0].TrimEnd('/');
MonitoringClient As(string role)
{
    var http = new HttpClient();
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("TOKEN_" + role.ToUpperInvariant()));
    // The document names no server: the integrator says where the service runs.
    return new MonitoringClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = baseUrl });
}
void Print(string key, object value) => Console.WriteLine($"{key}={value}");

var secretariat = As("secretariat");
var unit = await secretariat.Api.Units.PostAsync(new RegisterUnit { Code = "SO-TNMT", Name = "Sở Tài nguyên và Môi trường", Kind = UnitKind.Department });
Print("unit.id", unit!.Id);
var resolution = await secretariat.Api.Resolutions.PostAsync(new DefineResolution
{
    Number = "10-NQ/TU", Kind = ResolutionKind.Resolution, IssuingBody = "Tỉnh ủy", IssueDate = new Date(2021, 4, 1),
    PeriodStartYear = 2021, PeriodEndYear = 2025, Title = "Nghị quyết về quản lý tài nguyên",
});
Print("resolution.id", resolution!.Id);
var target = await secretariat.Api.Targets.PostAsync(new DefineTarget
{
    ResolutionId = resolution.Id,
    Target = new TargetDefinition
    {
        Field = "Môi trường", Statement = "Tỷ lệ chất thải rắn được thu gom đạt trên 95%", Shape = TargetShape.LevelAtLeast,
        Minimum = 95, UnitOfMeasure = "%", TargetYear = 2025,
    },
});
Print("target.id", target!.Id);
await secretariat.Api.Targets[target.Id!.Value].Assignment.PostAsync(new AssignUnits { LeadUnitId = unit.Id });

var reporter = As("reporter");
var accepted = await reporter.Api.Reports.PostAsync(new SubmitReport
{
    Period = "2023-H1",
    Figures = [new FigureInput { TargetId = target.Id, Value = 96.2m, Stage = FigureStage.Official }],
}, config => config.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString()));
Print("report.id", accepted!.ReportId);
Print("report.unitId", accepted.UnitId);
Print("report.figure.targetId", accepted.Figures![0].TargetId);
Print("report.figure.id", accepted.Figures[0].FigureId);
// The secretariat approves the unit's submission: from then on its figures count, and the period is locked.
var submission = secretariat.Api.Submissions[accepted.SubmissionIds![0]!.Value];
var approved = await submission.Approve.PostAsync(new ApproveSubmission { Comment = "Thống nhất" });
Print("approval.state", approved!.State!);

// The figure just submitted waits for approval: asked for with includeSubmitted, it is shown marked as such.
var status = await reporter.Api.Targets[target.Id.Value].GetAsync(config => config.QueryParameters.IncludeSubmitted = true);
Print("status.latest.figureId", status!.Latest!.FigureId);
Print("status.latest.value", status.Latest.Value);
Print("status.latest.stage", status.Latest.Stage);

// Revising an approved figure needs a lock exception from the secretariat.
await submission.LockExceptions.PostAsync(new GrantLockException { Reason = "Cục Thống kê công bố lại", ExpiresAt = DateTimeOffset.UtcNow.AddDays(1) });
var revised = await reporter.Api.Targets[target.Id.Value].Figures[accepted.Figures[0].FigureId!.Value].Revisions.PostAsync(
    new ReviseFigure { Value = 96.4m, Stage = FigureStage.Official, Reason = "Cục Thống kê công bố lại" },
    config => config.Headers.Add("If-Match", $"\"{status.Version}\""));
Print("revision.revises", revised!.Revises);

var timeline = await reporter.Api.Targets[target.Id.Value].Timeline.GetAsync();
Print("timeline.count", timeline!.Figures!.Count);

var auditor = As("auditor");
var feed = await auditor.Api.Audit.GetAsync(config => config.QueryParameters.ResolutionId = resolution.Id);
Print("audit.types", string.Join(",", feed!.Entries!.Select(e => e.EventType)));

try
{
    await reporter.Api.Reports.PostAsync(new SubmitReport { Period = "2023-H3", Figures = [new FigureInput { TargetId = target.Id, Value = 1, Stage = FigureStage.Estimate }] });
    Print("invalid.status", "accepted");
}
catch (HttpValidationProblemDetails problem)
{
    Print("invalid.status", problem.ResponseStatusCode);
    Print("invalid.fields", string.Join(",", problem.Errors!.AdditionalData.Keys));
}
