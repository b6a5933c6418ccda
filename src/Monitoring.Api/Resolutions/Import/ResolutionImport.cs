using Monitoring.Api.Resolutions;
using FluentValidation;
using FluentValidation.Results;
using Marten;
using Monitoring.Api.Reporting;
using Monitoring.Api.Targets;
using Monitoring.Api.Tasks;
using Monitoring.Api.Units;
using Monitoring.Domain.Common;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;
using Monitoring.Domain.Units;

namespace Monitoring.Api.Resolutions.Import;

public sealed record ImportSummary(Guid ResolutionId, string Number, bool AlreadyImported, int UnitsRegistered, int UnitsReused,
    int Targets, int Tasks, int Reports, int Figures);

/// <summary>
/// Loads a <see cref="ResolutionDocument"/>: checks the whole document first (every problem with its JSON path), then
/// issues the API's own commands — register units, define the resolution with its targets and tasks, submit the
/// reports — through the same validators and decisions, into one session. A resolution already present is skipped.
/// The document is history: its assignments take effect on the day its content is as of, figures without a date are
/// dated that day, and each report enters the reporting cycle submitted (marked imported) and, unless it says otherwise,
/// approved at once: the submission's SubmissionSubmitted and SubmissionApproved, and FiguresApproved on each target.
/// </summary>
public static class ResolutionImport
{
    public static async Task<(ImportSummary? Summary, IDictionary<string, string[]>? Errors)> ImportAsync(IDocumentSession session,
        ResolutionDocument document, string by, DateTimeOffset at, DateOnly today, CancellationToken ct, ReportingCalendar? calendar = null)
    {
        var plan = await PlanAsync(session, document, today, calendar ?? ReportingCalendar.Default, ct);
        if (plan.Errors.Count > 0)
            return (null, plan.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray()));

        var number = document.Resolution.Number.Trim();
        if (await session.Query<Resolution>().FirstOrDefaultAsync(r => r.Number == number, ct) is { } existing)
            return (new ImportSummary(existing.Id, number, true, 0, plan.ExistingUnits.Count, 0, 0, 0, 0), null);

        // Units: the file's new ones are registered (parents first); the others are reused.
        var unitIds = new Dictionary<string, Guid>(plan.ExistingUnits, StringComparer.OrdinalIgnoreCase);
        var registered = 0;
        foreach (var entry in ParentsFirst(document.Units, u => u.Code, u => u.ParentCode))
        {
            if (unitIds.ContainsKey(entry.Code)) continue;
            var unit = UnitRegistering.Register(session,
                new RegisterUnit(entry.Code, entry.Name, entry.Kind, entry.ParentCode is null ? null : unitIds[entry.ParentCode]), by, at);
            unitIds[entry.Code] = unit.Id;
            registered++;
        }

        var resolution = ResolutionDefining.Start(session, plan.Resolution, by, at);
        var contentAsOf = ContentAsOf(document);
        var targetIds = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        var targets = new Dictionary<Guid, Target>();
        foreach (var entry in ParentsFirst(document.Targets, t => t.Code, t => t.ParentCode))
        {
            var target = TargetDefining.Append(session, resolution, ToDefinition(entry, unitIds), by, at,
                entry.ParentCode is null ? null : targetIds[entry.ParentCode], effectiveOn: contentAsOf);
            targetIds[entry.Code] = target.Id;
            targets[target.Id] = target;
        }
        var taskIds = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        var tasks = new Dictionary<Guid, ResolutionTask>();
        foreach (var entry in document.Tasks)
        {
            var task = TaskDefining.Append(session, resolution, ToDefinition(entry, unitIds), by, at, effectiveOn: contentAsOf);
            taskIds[entry.Code] = task.Id;
            tasks[task.Id] = task;
        }

        var figures = 0;
        var span = ResolutionSpans.Of(resolution);
        var submissions = new Dictionary<Guid, Submission>();
        foreach (var report in document.Reports)
        {
            var content = new ReportContent(unitIds[report.Unit], ReportingPeriod.Parse(report.Period), report.Narrative, report.Evidence);
            var (recorded, rejections) = ReportRecording.Record(content,
                report.Figures.Select(f => new ReportedFigure(targets[targetIds[f.Target]], span, f.Value, f.Stage, f.AsOf ?? contentAsOf, f.Source, f.Note,
                    f.Items, f.ReferenceValue)).ToList(),
                report.TaskUpdates.Select(u => new ReportedTaskUpdate(tasks[taskIds[u.Task]], span, u.PercentDone, u.Completed, u.CompletedOn, u.Note)).ToList(),
                by, at, today);
            if (rejections.Count > 0)
                throw new InvalidOperationException($"A checked report was refused: {rejections[0].English}");
            foreach (var (streamId, @event) in recorded!.Appends)
            {
                session.Events.Append(streamId, @event);
                // Later reports in the same file decide against the state this one leaves.
                if (targets.TryGetValue(streamId, out var target)) targets[streamId] = Target.Evolve(target, @event)!;
                if (tasks.TryGetValue(streamId, out var task)) tasks[streamId] = ResolutionTask.Evolve(task, @event)!;
            }
            session.Events.StartStream<ProgressReport>(recorded.ReportId, recorded.Submitted);
            figures += recorded.Figures.Count;
            EnterCycle(session, submissions, targets, resolution.Id, content, recorded, report.Approval, document.Source?.Document, by, at);
        }

        return (new ImportSummary(resolution.Id, resolution.Number, false, registered, plan.ExistingUnits.Count, targets.Count, tasks.Count,
            document.Reports.Count, figures), null);
    }

    /// <summary>The day the document's content is as of: its own statement, else the resolution's issue date.</summary>
    private static DateOnly ContentAsOf(ResolutionDocument d) => d.Source?.ContentAsOf ?? d.Resolution.IssueDate;

    /// <summary>
    /// The report enters the reporting cycle as the cycle's own decisions make it: submitted (imported), then, when the
    /// document says so (the default), approved, with the approval of its figures on each target.
    /// </summary>
    private static void EnterCycle(IDocumentSession session, Dictionary<Guid, Submission> submissions, Dictionary<Guid, Target> targets,
        Guid resolutionId, ReportContent content, RecordedReport recorded, ImportedApproval approval, string? document, string by, DateTimeOffset at)
    {
        var id = Submission.IdFor(content.UnitId, resolutionId, content.Period);
        var current = submissions.GetValueOrDefault(id);
        var figureRefs = recorded.Figures.Select(f => new FigureRef(f.TargetId, f.FigureId)).ToList();
        var submitted = SubmissionCycle.Submit(current, content.UnitId, resolutionId, content.Period, recorded.ReportId, figureRefs,
            recorded.Submitted.TaskIds, by, at, imported: true);
        var events = submitted.Events.ToList();
        var state = events.Aggregate(current, Submission.Evolve);
        if (approval == ImportedApproval.Approved)
        {
            var approved = SubmissionCycle.Approve(state, $"Nhập từ văn bản đã ban hành{(document is null ? "" : $" ({document})")}.", by, at);
            if (approved.Rejection is { } refused) throw new InvalidOperationException($"An imported report could not be approved: {refused.English}");
            events.AddRange(approved.Events);
            state = approved.Events.Aggregate(state, Submission.Evolve);
            foreach (var byTarget in recorded.Figures.GroupBy(f => f.TargetId))
            {
                var figuresApproved = new FiguresApproved(byTarget.Key, id, content.UnitId, content.Period, byTarget.Select(f => f.FigureId).ToList(), by, at);
                session.Events.Append(byTarget.Key, figuresApproved);
                targets[byTarget.Key] = Target.Evolve(targets[byTarget.Key], figuresApproved)!;
            }
        }
        if (current is null) session.Events.StartStream<Submission>(id, events);
        else session.Events.Append(id, events);
        submissions[id] = state!;
    }

    private sealed record Plan(DefineResolution Resolution, IReadOnlyDictionary<string, Guid> ExistingUnits, List<(string Path, string Message)> Errors);

    /// <summary>Every check, before anything is appended: shapes, lengths, dates, and that every code refers to something.</summary>
    private static async Task<Plan> PlanAsync(IQuerySession session, ResolutionDocument d, DateOnly today, ReportingCalendar calendar, CancellationToken ct)
    {
        var errors = new List<(string Path, string Message)>();
        void Check<T>(IValidator<T> validator, T value, string prefix) =>
            errors.AddRange(validator.Validate(value).Errors.Select(e => (Join(prefix, e.PropertyName), e.ErrorMessage)));
        void Require(bool ok, string path, string en, string vi)
        {
            if (!ok) errors.Add((path, Infrastructure.Localized.Text(en, vi)));
        }

        if (d.Resolution is null)
        {
            errors.Add(("resolution", Infrastructure.Localized.Text("The resolution is required.", "Thiếu thông tin nghị quyết.")));
            return new Plan(null!, new Dictionary<string, Guid>(), errors);
        }
        var r = d.Resolution;
        var define = new DefineResolution(r.Number, r.Kind, r.IssuingBody, r.Term, r.IssueDate, r.PeriodStartYear, r.PeriodEndYear, r.OrientationYear,
            r.Title, r.Fields ?? d.Targets.Select(t => t.Field.Trim()).Distinct().ToList(), null, null, r.ReportingPeriods);
        Check(new DefineResolution.Validator(calendar), define, "resolution");

        // Unit codes: the file's own, then the registry for the rest.
        var fileUnits = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < d.Units.Count; i++)
        {
            var u = d.Units[i];
            Check(new RegisterUnit.Validator(), new RegisterUnit(u.Code, u.Name, u.Kind, null), $"units[{i}]");
            Require(fileUnits.Add(UnitRegistering.NormalizeCode(u.Code ?? "")), $"units[{i}].code", $"Unit code {u.Code} appears twice.", $"Mã đơn vị {u.Code} bị lặp.");
        }
        var referenced = d.Units.Select(u => u.ParentCode).Concat(d.Targets.SelectMany(t => t.Cooperating.Prepend(t.Lead)))
            .Concat(d.Tasks.SelectMany(t => (t.Cooperating ?? []).Prepend(t.Lead))).Concat(d.Reports.Select(x => x.Unit))
            .OfType<string>().Select(UnitRegistering.NormalizeCode).Distinct().ToList();
        var allCodes = referenced.Concat(fileUnits.Select(UnitRegistering.NormalizeCode)).Distinct().ToList();
        var existing = (await session.Query<Unit>().Where(u => allCodes.Contains(u.Code)).ToListAsync(ct))
            .ToDictionary(u => u.Code, u => u.Id, StringComparer.OrdinalIgnoreCase);
        bool KnownUnit(string? code) => code is null || fileUnits.Contains(code) || existing.ContainsKey(code);
        void RequireUnit(string? code, string path) =>
            Require(KnownUnit(code), path, $"No unit has code {code} (in this file or registered).", $"Không có đơn vị mã {code}.");

        for (var i = 0; i < d.Units.Count; i++) RequireUnit(d.Units[i].ParentCode, $"units[{i}].parentCode");

        var targetCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var placeholders = fileUnits.Concat(existing.Keys).Distinct(StringComparer.OrdinalIgnoreCase)
            .ToDictionary(c => c, _ => Guid.NewGuid(), StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < d.Targets.Count; i++)
        {
            var t = d.Targets[i];
            Require(!string.IsNullOrWhiteSpace(t.Code) && targetCodes.Add(t.Code), $"targets[{i}].code", $"Target code {t.Code} is missing or appears twice.", $"Mã chỉ tiêu {t.Code} thiếu hoặc bị lặp.");
            RequireUnit(t.Lead, $"targets[{i}].lead");
            for (var j = 0; j < t.Cooperating.Count; j++) RequireUnit(t.Cooperating[j], $"targets[{i}].cooperating[{j}]");
            if (t.Cooperating.All(KnownUnit) && KnownUnit(t.Lead))
                Check(new TargetDefinition.Validator(), ToDefinition(t, placeholders), $"targets[{i}]");
            if (r.Fields is { Count: > 0 } && Plausibility.Field(t.Field ?? "", r.Fields, $"targets[{i}].field") is { } outside)
                errors.Add((outside.Field, Infrastructure.Localized.Text(outside.English, outside.Vietnamese)));
        }
        for (var i = 0; i < d.Targets.Count; i++)
        {
            var parent = d.Targets[i].ParentCode;
            Require(parent is null || (targetCodes.Contains(parent) && !string.Equals(parent, d.Targets[i].Code, StringComparison.OrdinalIgnoreCase)),
                $"targets[{i}].parentCode", $"No other target in this file has code {parent}.", $"Không có chỉ tiêu mã {parent} trong tệp.");
        }
        if (HasCycle(d.Targets, t => t.Code, t => t.ParentCode))
            errors.Add(("targets", Infrastructure.Localized.Text("Sub-targets form a cycle.", "Các chỉ tiêu con tạo thành vòng lặp.")));

        var taskCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < d.Tasks.Count; i++)
        {
            var t = d.Tasks[i];
            Require(!string.IsNullOrWhiteSpace(t.Code) && taskCodes.Add(t.Code), $"tasks[{i}].code", $"Task code {t.Code} is missing or appears twice.", $"Mã nhiệm vụ {t.Code} thiếu hoặc bị lặp.");
            RequireUnit(t.Lead, $"tasks[{i}].lead");
            for (var j = 0; j < (t.Cooperating?.Count ?? 0); j++) RequireUnit(t.Cooperating![j], $"tasks[{i}].cooperating[{j}]");
            if ((t.Cooperating ?? []).All(KnownUnit) && KnownUnit(t.Lead))
                Check(new TaskDefinition.Validator(), ToDefinition(t, placeholders), $"tasks[{i}]");
        }

        var targetsByCode = d.Targets.Where(t => t.Code is not null).GroupBy(t => t.Code, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var span = new ResolutionSpan(r.PeriodStartYear, r.PeriodEndYear);
        for (var i = 0; i < d.Reports.Count; i++)
        {
            var report = d.Reports[i];
            RequireUnit(report.Unit, $"reports[{i}].unit");
            for (var j = 0; j < report.Figures.Count; j++)
                Require(targetCodes.Contains(report.Figures[j].Target), $"reports[{i}].figures[{j}].target",
                    $"No target in this file has code {report.Figures[j].Target}.", $"Không có chỉ tiêu mã {report.Figures[j].Target} trong tệp.");
            for (var j = 0; j < report.TaskUpdates.Count; j++)
                Require(taskCodes.Contains(report.TaskUpdates[j].Task), $"reports[{i}].taskUpdates[{j}].task",
                    $"No task in this file has code {report.TaskUpdates[j].Task}.", $"Không có nhiệm vụ mã {report.TaskUpdates[j].Task} trong tệp.");
            Check(new SubmitReport.Validator(), new SubmitReport(Guid.NewGuid(), report.Period,
                report.Figures.Select(f => ToInput(f, Guid.NewGuid())).ToList(),
                report.TaskUpdates.Select(u => new TaskUpdateInput(Guid.NewGuid(), u.PercentDone, u.Completed, u.CompletedOn, u.Note)).ToList(),
                report.Narrative, report.Evidence), $"reports[{i}]");
            if (!ReportingPeriod.TryParse(report.Period, out var period)) continue;
            var facts = report.Figures.Where(f => targetsByCode.ContainsKey(f.Target))
                .Select(f => (Figure: f, Target: targetsByCode[f.Target])).ToList();
            if (facts.Count != report.Figures.Count) continue;
            foreach (var problem in ReportPlausibility.Check(period,
                         facts.Select(x => new FigureFacts(x.Target.Shape, x.Target.UnitOfMeasure ?? "", span, x.Figure.Value, x.Figure.ReferenceValue,
                             x.Figure.AsOf ?? ContentAsOf(d))).ToList(),
                         report.TaskUpdates.Select(u => new TaskUpdateFacts(span, u.CompletedOn)).ToList(), today))
                errors.Add((Join($"reports[{i}]", problem.Field), Infrastructure.Localized.Text(problem.English, problem.Vietnamese)));
        }
        // Two reports in the file completing the same task is a contradiction the file must resolve.
        foreach (var twice in d.Reports.SelectMany(x => x.TaskUpdates).Where(u => u.Completed).GroupBy(u => u.Task, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            errors.Add(("reports", Infrastructure.Localized.Text($"Task {twice.Key} is completed by more than one report.", $"Nhiệm vụ {twice.Key} được báo hoàn thành nhiều lần.")));

        return new Plan(define, existing, errors);
    }

    /// <summary>The validators name the API's fields; the document names some of them differently.</summary>
    private static readonly Dictionary<string, string> DocumentNames = new()
    {
        ["leadUnitId"] = "lead", ["cooperatingUnitIds"] = "cooperating", ["baselineValue"] = "baseline.value", ["baselineYear"] = "baseline.year",
        ["baselineSource"] = "baseline.source", ["baselineSince"] = "baseline.since", ["parentTargetId"] = "parentCode", ["evidenceReferences"] = "evidence", ["unitId"] = "unit",
    };

    private static string Join(string prefix, string path)
    {
        if (string.IsNullOrEmpty(path)) return prefix;
        var parts = path.Split('.');
        var renamed = string.Join('.', parts.Select(p => DocumentNames.TryGetValue(p, out var name) ? name : p));
        renamed = System.Text.RegularExpressions.Regex.Replace(renamed, @"^(figures\[\d+\])\.targetId", "$1.target");
        renamed = System.Text.RegularExpressions.Regex.Replace(renamed, @"^(taskUpdates\[\d+\])\.taskId", "$1.task");
        return $"{prefix}.{renamed}";
    }

    private static TargetDefinition ToDefinition(TargetEntry t, IReadOnlyDictionary<string, Guid> units) => new(
        t.Field, t.Statement, t.Shape, t.Minimum, t.Maximum, t.UnitOfMeasure, t.TargetYear, t.Code, t.Direction, t.Total,
        t.Baseline?.Value, t.Baseline?.Year, t.Baseline?.Source, t.Footnotes, null, t.StandardUnits, t.Steps, t.ReferenceSeries,
        t.Lead is null ? null : units[t.Lead], t.Cooperating.Select(c => units[c]).ToList(), t.GoalSetBy, t.GoalOverBaseline,
        t.Baseline?.Since is { } since ? new BaselineChange(since.Change, since.Year) : null);

    private static TaskDefinition ToDefinition(TaskEntry t, IReadOnlyDictionary<string, Guid> units) =>
        new(t.Group, t.Statement, t.Lead is null ? null : units[t.Lead], (t.Cooperating ?? []).Select(c => units[c]).ToList(), t.Deadline, t.Code);

    private static FigureInput ToInput(FigureEntry f, Guid targetId) =>
        new(targetId, f.Value, f.Stage, f.AsOf, f.Source, f.Note, f.Items, f.ReferenceValue);

    private static IEnumerable<T> ParentsFirst<T>(IReadOnlyList<T> items, Func<T, string> code, Func<T, string?> parent)
    {
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var inFile = items.Select(code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var pending = items.ToList();
        while (pending.Count > 0)
        {
            var ready = pending.Where(i => parent(i) is not { } p || !inFile.Contains(p) || done.Contains(p)).ToList();
            foreach (var item in ready)
            {
                done.Add(code(item));
                yield return item;
            }
            pending = pending.Except(ready).ToList();
            if (ready.Count == 0) yield break;
        }
    }

    private static bool HasCycle<T>(IReadOnlyList<T> items, Func<T, string> code, Func<T, string?> parent) =>
        ParentsFirst(items, code, parent).Count() < items.Count;
}
