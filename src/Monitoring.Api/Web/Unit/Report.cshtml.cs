using HttpHeaders = System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;
using Monitoring.Api.Reporting;
using Monitoring.Api.Reporting.Forms;
using Monitoring.Api.Targets;
using Monitoring.Api.Tasks;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;
using NarrativeRecord = Monitoring.Domain.Reporting.Narrative;

namespace Monitoring.Api.Web.UnitPages;

/// <summary>
/// A unit's report for one resolution and period: a figure per owed target, progress per owed task, the narrative under
/// the headings of a báo cáo, and its evidence. "Lưu nháp" saves the draft (PUT /api/submissions/draft, pinned to the
/// version the page was loaded with); "Gửi báo cáo" saves it and submits it. Numbers are read the Vietnamese way (29.240,3);
/// everything else is checked by the API, whose messages are shown beside the fields they name. A report waiting for
/// approval or approved is shown read-only. The same report can be filled in Excel: "Tải biểu mẫu Excel" downloads the form
/// (GET /api/submissions/form) and the upload sends the filled file to POST /api/submissions/form, whose problems (sheet,
/// row and column) are shown here.
/// </summary>
[BodyLimit(UploadReportFormEndpoint.MaxRequestBytes)]
public sealed partial class ReportModel : MonitoringPage
{
    public sealed class FigureRow
    {
        public Guid TargetId { get; set; }
        public string? Value { get; set; }
        public FigureStage Stage { get; set; } = FigureStage.Estimate;
        public string? AsOf { get; set; }
        public string? Source { get; set; }
        public string? Note { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Value) && string.IsNullOrWhiteSpace(AsOf) && string.IsNullOrWhiteSpace(Source)
            && string.IsNullOrWhiteSpace(Note);
    }

    public sealed class TaskRow
    {
        public Guid TaskId { get; set; }
        public string? PercentDone { get; set; }
        public bool Completed { get; set; }
        public string? CompletedOn { get; set; }
        public string? Note { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(PercentDone) && !Completed && string.IsNullOrWhiteSpace(CompletedOn)
            && string.IsNullOrWhiteSpace(Note);
    }

    public sealed class NarrativeInput
    {
        public string? Results { get; set; }
        public string? Limitations { get; set; }
        public string? ObjectiveCauses { get; set; }
        public string? SubjectiveCauses { get; set; }
        public string? Proposals { get; set; }

        public NarrativeRecord? ToNarrative() =>
            new[] { Results, Limitations, ObjectiveCauses, SubjectiveCauses, Proposals }.All(string.IsNullOrWhiteSpace)
                ? null
                : new NarrativeRecord(Clean(Results), Clean(Limitations), Clean(ObjectiveCauses), Clean(SubjectiveCauses), Clean(Proposals));

        public static NarrativeInput From(NarrativeRecord? n) => new()
        {
            Results = n?.Results, Limitations = n?.Limitations, ObjectiveCauses = n?.ObjectiveCauses, SubjectiveCauses = n?.SubjectiveCauses,
            Proposals = n?.Proposals,
        };

        private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    /// <summary>The narrative's headings, as a báo cáo has them: field name, English, Vietnamese.</summary>
    public static readonly IReadOnlyList<(string Field, string English, string Vietnamese)> Headings =
    [
        ("results", "Results achieved", "Kết quả đạt được"),
        ("limitations", "Limitations and shortcomings", "Hạn chế, tồn tại"),
        ("objectiveCauses", "Objective causes", "Nguyên nhân khách quan"),
        ("subjectiveCauses", "Subjective causes", "Nguyên nhân chủ quan"),
        ("proposals", "Proposals and recommendations", "Đề xuất, kiến nghị"),
    ];

    /// <summary>What a read-only report shows for one target: the figure the unit sent for this period, as it stands.</summary>
    public sealed record SentFigure(FigureView Figure);

    // ---- Bound from the route, the query and the form ----

    /// <summary>The unit the secretariat reports for (a reporter's unit comes from its sign-in; naming another is the API's 403).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? UnitId { get; set; }

    [BindProperty] public List<FigureRow> Figures { get; set; } = [];
    [BindProperty] public List<TaskRow> Tasks { get; set; } = [];
    [BindProperty] public NarrativeInput Narrative { get; set; } = new();
    [BindProperty] public string? Evidence { get; set; }
    [BindProperty] public long? Version { get; set; }
    /// <summary>Which button: "save" (Lưu nháp) or "submit" (Gửi báo cáo).</summary>
    [BindProperty] public string? Intent { get; set; }

    /// <summary>The filled Excel form (the upload form's file input).</summary>
    [BindProperty] public IFormFile? Upload { get; set; }
    /// <summary>draft or submit, for the uploaded form.</summary>
    [BindProperty] public string? UploadMode { get; set; }

    [TempData] public string? Notice { get; set; }
    [TempData] public string? Confirmation { get; set; }

    // ---- What the page shows ----

    public Guid ResolutionId { get; private set; }
    public string Period { get; private set; } = "";
    public ObligationView Obligation { get; private set; } = null!;
    public SubmissionView? Submission { get; private set; }
    public IReadOnlyDictionary<Guid, TargetStatusView> TargetStatus { get; private set; } = new Dictionary<Guid, TargetStatusView>();
    public IReadOnlyDictionary<Guid, TaskStatusView> TaskStatus { get; private set; } = new Dictionary<Guid, TaskStatusView>();
    public IReadOnlyDictionary<Guid, FigureView> Sent { get; private set; } = new Dictionary<Guid, FigureView>();
    public ProgressReport? LastReport { get; private set; }
    /// <summary>The secretariat's last return, while the report is being corrected (returned, or drafted again after it).</summary>
    public SubmissionStep? Return { get; private set; }
    public IReadOnlyDictionary<Guid, Guid> TargetOfFigure { get; private set; } = new Dictionary<Guid, Guid>();

    /// <summary>Messages per field id (fig-0-value, task-1-completedOn, narrative-results, evidence); "" for the report as a whole.</summary>
    public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>The upload's problems as the API put them on the form's cells ("Trang 'Chỉ tiêu', dòng 9, cột J: …").</summary>
    public List<string> UploadErrors { get; } = [];

    /// <summary>The form's download, through this page (it asks the API as the signed-in user).</summary>
    public string ExcelLink => UnitTexts.WithUnit($"/unit/reports/{ResolutionId}/{Period}?handler=Excel", UnitId);

    /// <summary>Who may download and upload the form: the unit and the secretariat (the API's Report policy).</summary>
    public bool MayReport => Caller.Role is Roles.Reporter or Roles.Secretariat;

    public bool ReadOnly => Obligation.State is SubmissionState.Submitted or SubmissionState.Approved
        || Caller.Role is not (Roles.Reporter or Roles.Secretariat);

    public string Here => UnitTexts.WithUnit($"/unit/reports/{ResolutionId}/{Period}", UnitId);

    public async Task<IActionResult> OnGetAsync(Guid resolutionId, string period, CancellationToken ct)
    {
        if (await LoadAsync(resolutionId, period, ct) is { } refused) return refused;
        Fill();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid resolutionId, string period, CancellationToken ct)
    {
        var posted = (Figures, Tasks);
        if (await LoadAsync(resolutionId, period, ct) is { } refused) return refused;
        Align(posted.Figures, posted.Tasks);

        var (figures, figureRows) = ReadFigures();
        var (updates, taskRows) = ReadTasks();
        if (Errors.Count > 0) return Invalid();

        var draft = new SaveDraft(Caller.IsReporter ? null : Obligation.UnitId, ResolutionId, Period, figures, updates, Narrative.ToNarrative(),
            UnitTexts.Lines(Evidence), Version);
        var saved = await Api.SendAsync<SubmissionWritten>("PUT", "/api/submissions/draft", draft, ct);
        if (saved.Status == StatusCodes.Status409Conflict) return ChangedElsewhere(saved.Problem);
        if (saved.Status == StatusCodes.Status400BadRequest)
        {
            ShowProblem(saved.Problem, figureRows, taskRows);
            return Invalid();
        }
        if (!saved.Ok) return Refused(saved);

        if (!string.Equals(Intent, "submit", StringComparison.OrdinalIgnoreCase))
        {
            var at = Display.DateTime(HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
            Confirmation = T($"Draft saved at {at}. It counts nowhere until you send it.",
                $"Đã lưu bản nháp lúc {at}. Bản nháp chưa được tính cho đến khi gửi báo cáo.");
            return Redirect(Here);
        }

        var submitted = await Api.SendAsync<DraftSubmitted>("POST", $"/api/submissions/{saved.Value!.SubmissionId}/submit",
            new SubmitDraft(saved.Value.Version), ct);
        if (submitted.Status == StatusCodes.Status409Conflict) return ChangedElsewhere(submitted.Problem);
        if (submitted.Status == StatusCodes.Status400BadRequest)
        {
            Version = saved.Value.Version;
            Errors.GetOrAdd("").Add(T("The draft was saved, but the report was not sent:", "Bản nháp đã được lưu nhưng báo cáo chưa được gửi:"));
            ShowProblem(submitted.Problem, figureRows, taskRows);
            return Invalid();
        }
        if (!submitted.Ok) return Refused(submitted);
        Confirmation = T($"The report for {UnitTexts.PeriodName(Period)} was sent: {submitted.Value!.Figures.Count} figures and {submitted.Value.TaskIds.Count} task updates now await the secretariat's approval.",
            $"Đã gửi báo cáo {UnitTexts.PeriodName(Period)}: {submitted.Value!.Figures.Count} số liệu và {submitted.Value.TaskIds.Count} nhiệm vụ đang chờ Văn phòng Tỉnh ủy phê duyệt.");
        return Redirect(Here);
    }

    /// <summary>The unit's Excel form for this report, as the API serves it (same bytes, type and file name).</summary>
    public async Task<IActionResult> OnGetExcelAsync(Guid resolutionId, string period, CancellationToken ct)
    {
        if (ModelState.TryGetValue(nameof(UnitId), out var unitState) && unitState.Errors.Count > 0) return Refused(IndexModel.BadUnitId());
        var file = await Api.GetFileAsync(InProcessApi.Query("/api/submissions/form", ("resolutionId", resolutionId), ("period", period), ("unitId", UnitId)), ct);
        if (file.Status is >= 200 and < 300)
        {
            var name = file.ContentDisposition is { } header && ContentDispositionHeaderValue.TryParse(header, out var disposition)
                ? (disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value)
                : null;
            return File(file.Content, file.ContentType, name ?? "bieu-mau-bao-cao.xlsx");
        }
        var problem = file.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase) && file.Content.Length > 0
            ? JsonSerializer.Deserialize<HttpValidationProblemDetails>(file.Content, ProblemJson)
            : null;
        return Refused(new ApiAnswer<object>(file.Status, null, problem ?? new HttpValidationProblemDetails { Status = file.Status }));
    }

    private static readonly JsonSerializerOptions ProblemJson = JsonDefaults.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>
    /// The filled form, sent as it is to POST /api/submissions/form (with this page's resolution, period and unit, so that a form
    /// for another is refused): recorded there exactly as a JSON draft or submission, or refused with each problem on its cell.
    /// </summary>
    public async Task<IActionResult> OnPostUploadAsync(Guid resolutionId, string period, CancellationToken ct)
    {
        ResolutionId = resolutionId;
        Period = period;
        if (ModelState.TryGetValue(nameof(UnitId), out var unitState) && unitState.Errors.Count > 0) return Refused(IndexModel.BadUnitId());
        using var content = new MultipartFormDataContent();
        if (Upload is { } file)
        {
            var part = new StreamContent(file.OpenReadStream());
            if (HttpHeaders.MediaTypeHeaderValue.TryParse(file.ContentType, out var type)) part.Headers.ContentType = type;
            content.Add(part, "file", string.IsNullOrWhiteSpace(file.FileName) ? "bieu-mau.xlsx" : file.FileName);
        }
        if (UploadMode is not null) content.Add(new StringContent(UploadMode), "mode");
        content.Add(new StringContent(resolutionId.ToString()), "resolutionId");
        content.Add(new StringContent(period), "period");
        if (UnitId is { } unit) content.Add(new StringContent(unit.ToString()), "unitId");

        var answer = await Api.SendContentAsync<FormUploaded>("POST", "/api/submissions/form", content, ct);
        if (answer.Ok)
        {
            var recorded = answer.Value!;
            var what = T($"{recorded.Figures} figures and {recorded.TaskUpdates} task updates", $"{recorded.Figures} số liệu và {recorded.TaskUpdates} nhiệm vụ");
            Confirmation = recorded.State == SubmissionState.Submitted
                ? T($"The Excel form was recorded and the report sent: {what} now await the secretariat's approval.",
                    $"Đã ghi nhận biểu mẫu Excel và gửi báo cáo: {what} đang chờ Văn phòng Tỉnh ủy phê duyệt.")
                : T($"The Excel form was saved as the draft: {what}. It counts nowhere until you send it.",
                    $"Đã lưu biểu mẫu Excel thành bản nháp: {what}. Bản nháp chưa được tính cho đến khi gửi báo cáo.");
            return Redirect(UnitTexts.WithUnit($"/unit/reports/{resolutionId}/{period}", UnitId));
        }
        if (answer.Status is not (StatusCodes.Status400BadRequest or StatusCodes.Status409Conflict or StatusCodes.Status413PayloadTooLarge
            or StatusCodes.Status415UnsupportedMediaType))
            return Refused(answer);

        if (await LoadAsync(resolutionId, period, ct) is { } refused) return refused;
        Fill();
        var problem = answer.Problem;
        if (problem?.Errors is { Count: > 0 } errors) UploadErrors.AddRange(errors.SelectMany(e => e.Value));
        else UploadErrors.Add(problem?.Detail is { Length: > 0 } detail ? detail : problem?.Title ?? T("The form was not recorded.", "Biểu mẫu chưa được ghi nhận."));
        Response.StatusCode = answer.Status;
        return Page();
    }

    /// <summary>Reads the obligation (the API decides whether the caller may see this unit's), the targets and tasks, and the saved report.</summary>
    private async Task<IActionResult?> LoadAsync(Guid resolutionId, string period, CancellationToken ct)
    {
        ResolutionId = resolutionId;
        Period = period;
        if (ModelState.TryGetValue(nameof(UnitId), out var unitState) && unitState.Errors.Count > 0) return Refused(IndexModel.BadUnitId());
        var obligations = await Api.GetAsync<List<ObligationView>>(InProcessApi.Query("/api/obligations", ("unitId", UnitId),
            ("resolutionId", resolutionId), ("period", period)), ct);
        if (!obligations.Ok) return Refused(obligations);
        switch (obligations.Value!.Count)
        {
            case 0:
                return Refused(new ApiAnswer<object>(StatusCodes.Status404NotFound, null, new HttpValidationProblemDetails
                {
                    Status = 404,
                    Title = T("Nothing is owed", "Không có báo cáo phải gửi"),
                    Detail = T($"No report is owed on resolution {resolutionId} for {period}.",
                        $"Không có báo cáo phải gửi cho nghị quyết này trong kỳ {UnitTexts.PeriodName(period)}."),
                }));
            case > 1:
                return Refused(new ApiAnswer<object>(StatusCodes.Status400BadRequest, null, Problems.InvalidDetails("unitId",
                    T("Several units owe this report: name the unit (?unitId=).", "Nhiều đơn vị phải gửi báo cáo này: cần nêu đơn vị (?unitId=)."))));
        }
        Obligation = obligations.Value[0];
        Period = Obligation.Period;

        var targets = await Api.GetAsync<Page<TargetStatusView>>(InProcessApi.Query("/api/targets", ("resolutionId", resolutionId),
            ("unitId", Obligation.UnitId), ("pageSize", Paging.MaxPageSize)), ct);
        if (!targets.Ok) return Refused(targets);
        TargetStatus = targets.Value!.Items.ToDictionary(t => t.Id);
        var tasks = await Api.GetAsync<Page<TaskStatusView>>(InProcessApi.Query("/api/tasks", ("resolutionId", resolutionId),
            ("unitId", Obligation.UnitId), ("pageSize", Paging.MaxPageSize)), ct);
        if (!tasks.Ok) return Refused(tasks);
        TaskStatus = tasks.Value!.Items.ToDictionary(t => t.Id);

        if (Obligation.State == SubmissionState.NotStarted) return null;
        var submission = await Api.GetAsync<SubmissionView>($"/api/submissions/{Obligation.SubmissionId}", ct);
        if (!submission.Ok) return Refused(submission);
        Submission = submission.Value!;
        var lastStep = Submission.Steps.LastOrDefault(s => s.State != SubmissionState.Draft);
        Return = lastStep?.State == SubmissionState.Returned ? lastStep : null;

        if (Submission.ReportIds.Count == 0) return null;
        var report = await Api.GetAsync<ProgressReport>($"/api/reports/{Submission.ReportIds[^1]}", ct);
        if (!report.Ok) return Refused(report);
        LastReport = report.Value!;
        TargetOfFigure = LastReport.FigureIds.Zip(LastReport.TargetIds).ToDictionary(x => x.First, x => x.Second);
        // The figures of the last report as they stand now (a revision replaces the figure it revises).
        var sent = new Dictionary<Guid, FigureView>();
        foreach (var (figureId, targetId) in TargetOfFigure)
        {
            var timeline = await Api.GetAsync<TargetTimeline>($"/api/targets/{targetId}/timeline", ct);
            if (!timeline.Ok) return Refused(timeline);
            var byId = timeline.Value!.Figures.ToDictionary(e => e.Figure.FigureId, e => e.Figure);
            var figure = byId.GetValueOrDefault(figureId);
            while (figure?.RevisedBy is { } next && byId.TryGetValue(next, out var revision)) figure = revision;
            if (figure is not null) sent[targetId] = figure;
        }
        Sent = sent;
        return null;
    }

    /// <summary>The rows as saved: the draft, else (returned or sent) the last report's figures and task updates; else empty.</summary>
    private void Fill()
    {
        Version = Submission?.Version;
        var draft = Submission?.Draft;
        Figures = Obligation.Targets.Select(t =>
        {
            if (draft is not null)
                return draft.Figures.FirstOrDefault(f => f.TargetId == t.Id) is { } d
                    ? new FigureRow { TargetId = t.Id, Value = UnitTexts.Typed(d.Value), Stage = d.Stage, AsOf = UnitTexts.Typed(d.AsOf), Source = d.Source, Note = d.Note }
                    : new FigureRow { TargetId = t.Id };
            return Sent.GetValueOrDefault(t.Id) is { } s
                ? new FigureRow { TargetId = t.Id, Value = UnitTexts.Typed(s.Value), Stage = s.Stage, AsOf = UnitTexts.Typed(s.AsOf), Source = s.Source, Note = s.Note }
                : new FigureRow { TargetId = t.Id };
        }).ToList();
        Tasks = Obligation.Tasks.Select(t =>
        {
            if (draft is not null)
                return draft.TaskUpdates.FirstOrDefault(u => u.TaskId == t.Id) is { } d
                    ? new TaskRow { TaskId = t.Id, PercentDone = d.PercentDone.ToString(), Completed = d.Completed, CompletedOn = UnitTexts.Typed(d.CompletedOn), Note = d.Note }
                    : new TaskRow { TaskId = t.Id };
            var update = LastReport is { } report && TaskStatus.GetValueOrDefault(t.Id) is { } status
                ? status.Updates.LastOrDefault(u => u.ReportId == report.Id) : null;
            return update is not null
                ? new TaskRow { TaskId = t.Id, PercentDone = update.PercentDone.ToString(), Completed = TaskStatus[t.Id].CompletedOn is not null,
                    CompletedOn = UnitTexts.Typed(TaskStatus[t.Id].CompletedOn), Note = update.Note }
                : new TaskRow { TaskId = t.Id };
        }).ToList();
        Narrative = NarrativeInput.From(draft is not null ? draft.Narrative : LastReport?.Narrative);
        Evidence = string.Join('\n', draft?.EvidenceReferences ?? LastReport?.EvidenceReferences ?? []);
    }

    /// <summary>The posted rows, one per owed target and task in the obligation's order (rows for anything not owed are not kept).</summary>
    private void Align(List<FigureRow> figures, List<TaskRow> tasks)
    {
        Figures = Obligation.Targets.Select(t => figures.FirstOrDefault(f => f.TargetId == t.Id) ?? new FigureRow { TargetId = t.Id }).ToList();
        Tasks = Obligation.Tasks.Select(t => tasks.FirstOrDefault(u => u.TaskId == t.Id) ?? new TaskRow { TaskId = t.Id }).ToList();
    }

    /// <summary>The figures to send (rows left empty are not sent) and, per one sent, the row it came from.</summary>
    private (List<DraftFigure>, List<int>) ReadFigures()
    {
        var sent = new List<DraftFigure>();
        var rows = new List<int>();
        for (var i = 0; i < Figures.Count; i++)
        {
            var row = Figures[i];
            if (row.IsEmpty) continue;
            decimal? value = null;
            if (!string.IsNullOrWhiteSpace(row.Value))
            {
                if (UnitTexts.TryParseNumber(row.Value, out var parsed)) value = parsed;
                else AddError($"fig-{i}-value", UnitTexts.NotANumber);
            }
            DateOnly? asOf = null;
            if (!string.IsNullOrWhiteSpace(row.AsOf))
            {
                asOf = ParseDay(row.AsOf);
                if (asOf is null) AddError($"fig-{i}-asOf", UnitTexts.NotADay);
            }
            sent.Add(new DraftFigure(row.TargetId, value, row.Stage, asOf, Blank(row.Source), Blank(row.Note)));
            rows.Add(i);
        }
        return (sent, rows);
    }

    private (List<DraftTaskUpdate>, List<int>) ReadTasks()
    {
        var sent = new List<DraftTaskUpdate>();
        var rows = new List<int>();
        for (var i = 0; i < Tasks.Count; i++)
        {
            var row = Tasks[i];
            if (row.IsEmpty) continue;
            var percent = 0;
            var text = row.PercentDone?.Trim().TrimEnd('%').Trim();
            if (string.IsNullOrEmpty(text))
            {
                if (row.Completed) percent = 100;
                else AddError($"task-{i}-percentDone", UnitTexts.PercentMissing);
            }
            else if (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out percent))
                AddError($"task-{i}-percentDone", UnitTexts.NotAWholePercent);
            DateOnly? completedOn = null;
            if (!string.IsNullOrWhiteSpace(row.CompletedOn))
            {
                completedOn = ParseDay(row.CompletedOn);
                if (completedOn is null) AddError($"task-{i}-completedOn", UnitTexts.NotADay);
            }
            sent.Add(new DraftTaskUpdate(row.TaskId, percent, row.Completed, completedOn, Blank(row.Note)));
            rows.Add(i);
        }
        return (sent, rows);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"^(figures|taskUpdates)\[(\d+)\](?:\.(\w+))?", RegexOptions.IgnoreCase)]
    private static partial Regex RowPath();

    private static readonly string[] FigureFields = ["value", "stage", "asOf", "source", "note"];
    private static readonly string[] TaskFields = ["percentDone", "completed", "completedOn", "note"];

    /// <summary>The API's messages, each put beside the field its JSON path names (the sent index mapped back to the row).</summary>
    private void ShowProblem(HttpValidationProblemDetails? problem, List<int> figureRows, List<int> taskRows)
    {
        if (problem is null) return;
        if (problem.Errors.Count == 0) AddError("", problem.Detail is { Length: > 0 } detail ? detail : problem.Title ?? "");
        foreach (var (path, messages) in problem.Errors)
        {
            var key = "";
            var match = RowPath().Match(path);
            if (match.Success)
            {
                var figures = match.Groups[1].Value.Equals("figures", StringComparison.OrdinalIgnoreCase);
                var sent = int.Parse(match.Groups[2].Value);
                var rows = figures ? figureRows : taskRows;
                if (sent < rows.Count)
                {
                    var fields = figures ? FigureFields : TaskFields;
                    var field = fields.FirstOrDefault(f => f.Equals(match.Groups[3].Value, StringComparison.OrdinalIgnoreCase)) ?? fields[0];
                    key = $"{(figures ? "fig" : "task")}-{rows[sent]}-{field}";
                }
            }
            else if (path.StartsWith("narrative.", StringComparison.OrdinalIgnoreCase) &&
                     Headings.FirstOrDefault(h => h.Field.Equals(path["narrative.".Length..], StringComparison.OrdinalIgnoreCase)) is { Field: { } heading })
                key = "narrative-" + heading;
            else if (path.StartsWith("evidenceReferences", StringComparison.OrdinalIgnoreCase))
                key = "evidence";
            foreach (var message in messages) AddError(key, message);
        }
    }

    private void AddError(string key, string message) => Errors.GetOrAdd(key).Add(message);

    private IActionResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private IActionResult ChangedElsewhere(HttpValidationProblemDetails? problem)
    {
        Notice = T("This report was changed elsewhere (in another window or by another person) since you opened it. It has been reloaded as it stands now; enter your changes again.",
            "Báo cáo này đã được thay đổi ở nơi khác (cửa sổ khác hoặc người khác) sau khi bạn mở. Trang đã được tải lại theo dữ liệu mới nhất; hãy nhập lại phần thay đổi của bạn.")
            + (problem?.Detail is { Length: > 0 } detail ? " (" + detail + ")" : "");
        return Redirect(Here);
    }

    // ---- For the view ----

    public IReadOnlyList<string> ErrorsOf(string key) => Errors.TryGetValue(key, out var list) ? list : [];

    public bool HasError(string key) => Errors.ContainsKey(key);

    /// <summary>aria-describedby: the field's error (when it has one) and its hint.</summary>
    public string? DescribedBy(string key, string? hint = null)
    {
        var ids = new[] { HasError(key) ? key + "-error" : null, hint }.Where(x => x is not null).ToList();
        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    public string? AriaInvalid(string key) => HasError(key) ? "true" : null;

    /// <summary>The secretariat's remarks on one target or task of the returned report.</summary>
    public IEnumerable<string> RemarksOn(Guid id) => Return?.Comments
        .Where(c => c.TargetId == id || c.TaskId == id || c.FigureId is { } f && TargetOfFigure.GetValueOrDefault(f) == id)
        .Select(c => c.Text) ?? [];
}

internal static class ErrorLists
{
    public static List<string> GetOrAdd(this Dictionary<string, List<string>> errors, string key)
    {
        if (!errors.TryGetValue(key, out var list)) errors[key] = list = [];
        return list;
    }
}
