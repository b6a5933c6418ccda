using System.Security.Cryptography;
using System.Text.Json;
using FluentValidation;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Audit;
using Monitoring.Api.Explanations;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Database;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Domain.Explanations;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Reviews;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;
using Monitoring.Domain.Units;
using Npgsql;
using Wolverine.Http;

namespace Monitoring.Api.Reviews;

/// <param name="CutOff">What the review is about: figures for periods begun and dated on or before this day (not after today).</param>
/// <param name="IncludeSubmitted">Also count figures submitted and not yet approved, marked "(chưa phê duyệt)" (default: approved only).</param>
/// <param name="KnownAt">What had been recorded by then: a date (end of that day, Vietnam time) or a timestamp; default now.</param>
public sealed record GenerateReview(ReviewKind Kind, DateOnly CutOff, bool IncludeSubmitted = false, string? KnownAt = null)
{
    public sealed class Validator : AbstractValidator<GenerateReview>
    {
        public Validator()
        {
            RuleFor(x => x.Kind).IsInEnum();
            RuleFor(x => x.CutOff).NotEmpty();
            RuleFor(x => x.KnownAt).Must(k => AsOf.TryParse(k, out _, out _, "knownAt"))
                .WithMessage(_ => Localized.Text(
                    "knownAt is a date (2023-06-30) or a timestamp with its offset (2023-06-30T17:00:00+07:00).",
                    "knownAt là ngày (2023-06-30) hoặc thời điểm kèm múi giờ (2023-06-30T17:00:00+07:00)."));
        }
    }
}

/// <summary>What a generated review is, as stored: the data (JSON) and the Word document, with their hashes.</summary>
/// <param name="Checkpoint">The chain's head verified and signed as the review was generated (null when the chain was broken then):
/// a printed review is itself a checkpoint the committee keeps.</param>
public sealed record ReviewData(Guid ReviewId, DateTimeOffset GeneratedAt, string GeneratedBy, long AuditHeadSequence, string AuditHeadHash,
    ReviewContent Content, Checkpoint? Checkpoint = null);

public sealed record ReviewFile(Guid Id, Guid ResolutionId, byte[] Docx, byte[] Json);

public sealed record ReviewGeneratedResponse(Guid ReviewId, Guid ResolutionId, ReviewKind Kind, DateOnly CutOff, int Targets, int Tasks,
    string AuditHeadHash, string DocumentSha256, string DataSha256, string Document, string Data, DateTimeOffset KnownAt, bool IncludeSubmitted,
    string DataBasis);

public static class GenerateReviewEndpoint
{
    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/resolutions/{id}/reviews"), Tags("Reviews"),
     EndpointSummary("Generate a mid-term or final review of the term up to the cut-off, from approved figures (unless includeSubmitted) recorded by knownAt (default now): Word document and JSON, recorded on the resolution")]
    [ProducesResponseType<ReviewGeneratedResponse>(201)]
    public static async Task<IResult> Post(Guid id, GenerateReview command, IDocumentSession session, HttpContext context, TimeProvider clock,
        Checkpoints checkpoints, CancellationToken ct)
    {
        if (command.CutOff > clock.Today())
            return Problems.Invalid("cutOff", Localized.Text("A review cannot look past today.", "Ngày chốt số liệu không được sau hôm nay."));
        AsOf.TryParse(command.KnownAt, out var knownAt, out _, "knownAt");
        var resolution = knownAt is null
            ? await session.LoadAsync<Resolution>(id, ct)
            : await session.Events.AggregateStreamAsync<Resolution>(id, timestamp: knownAt.Instant, token: ct);
        if (resolution is null) return Problems.NotFound("Resolution", id);
        var at = clock.GetUtcNow();
        var cut = new DataCut(command.CutOff, knownAt, command.IncludeSubmitted);
        var basis = cut.Basis(at);
        var content = await ReviewAssembly.CompileAsync(session, resolution, command.Kind, cut, basis, ct);
        var (headSequence, headHash) = await ChainHeadAsync(session.Database, ct);
        Checkpoint? checkpoint;
        await using (var connection = session.Database.CreateConnection())
            (checkpoint, _) = await checkpoints.TakeAsync(connection, session.TenantId, ct);
        var reviewId = Guid.CreateVersion7();
        var by = context.Caller().UserName;
        var json = JsonSerializer.SerializeToUtf8Bytes(new ReviewData(reviewId, at, by, headSequence, headHash, content, checkpoint), JsonDefaults.Web);
        var docx = ReviewDocx.Build(content, reviewId, headSequence, headHash, checkpoint);
        var (docxHash, jsonHash) = (Convert.ToHexStringLower(SHA256.HashData(docx)), Convert.ToHexStringLower(SHA256.HashData(json)));

        session.Store(new ReviewFile(reviewId, id, docx, json));
        session.Events.Append(id, new ReviewGenerated(id, reviewId, command.Kind, command.CutOff,
            content.Targets.Select(t => new ReviewedFigure(t.TargetId, t.Code, t.Latest?.Value, t.Latest?.Stage, t.Latest?.Period, t.Status, t.Achievement,
                t.Latest?.Source.FigureId, t.Latest?.Source.EventId, t.Latest?.Source.Sequence, t.Latest?.Approval)).ToList(),
            headSequence, headHash, docxHash, jsonHash, by, at, basis.KnownAt, command.IncludeSubmitted));

        var location = $"/api/resolutions/{id}/reviews/{reviewId}";
        return Results.Created(location, new ReviewGeneratedResponse(reviewId, id, command.Kind, command.CutOff, content.Targets.Count,
            content.Tasks.Items.Count, headHash, docxHash, jsonHash, $"{location}/document", location, basis.KnownAt, command.IncludeSubmitted, basis.Text));
    }

    private static async Task<(long, string)> ChainHeadAsync(Marten.Storage.IMartenDatabase database, CancellationToken ct)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(ct);
        return await HashChainSubscription.HeadAsync(connection, ct);
    }
}

/// <summary>
/// Loads what had been recorded by the known-at time (all of it by default) and hands it to the pure
/// <see cref="ReviewCompiler"/>, which reads it as of the cut-off. The two are kept apart: the seeds' historical documents,
/// entered today, are about the term's early years, and a review with cut-off 2023-06-30 reads them; data entered live is
/// left out of a review asked what was known before it was entered.
/// </summary>
public static class ReviewAssembly
{
    private const int StreamsPerPage = 100;

    public static async Task<ReviewContent> CompileAsync(IQuerySession session, Resolution resolution, ReviewKind kind, DataCut cut, DataBasis basis,
        CancellationToken ct)
    {
        var knownAt = cut.KnownAt?.Instant ?? DateTimeOffset.MaxValue;
        var cutOff = cut.CutOff;
        var targetIds = await session.Query<Target>().Where(t => t.ResolutionId == resolution.Id).Select(t => t.Id).ToListAsync(ct);
        var taskIds = await session.Query<ResolutionTask>().Where(t => t.ResolutionId == resolution.Id).Select(t => t.Id).ToListAsync(ct);
        var targets = new List<TargetAtCutOff>();
        var tasks = new List<ResolutionTask>();
        // A page of streams at a time: only their events are held, each stream is folded to its (small) state and let go.
        foreach (var page in targetIds.Concat(taskIds).Chunk(StreamsPerPage))
        {
            var events = await session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(page) && e.Timestamp <= knownAt)
                .OrderBy(e => e.Sequence).ToListAsync(ct);
            foreach (var stream in events.GroupBy(e => e.StreamId))
            {
                // As they stood on the cut-off: figures dated by then, the goal of that day, task progress, completions and
                // decisions up to it (a correction dated later does not replace the figure that was current then).
                if (stream.First().Data is TargetDefined)
                {
                    var target = stream.Where(e => Target.IsAboutOnOrBefore(e.Data, cutOff)).Aggregate((Target?)null, (state, e) => Target.Evolve(state, e.Data));
                    if (target is not null) targets.Add(new TargetAtCutOff(target, Sources(stream)));
                }
                else if (stream.Where(e => ResolutionTask.IsAboutOnOrBefore(e.Data, cutOff))
                             .Aggregate((ResolutionTask?)null, (state, e) => ResolutionTask.Evolve(state, e.Data)) is { } task)
                    tasks.Add(task);
            }
        }

        var unitIds = targets.SelectMany(t => t.Target.AssignedUnitIds).Concat(tasks.SelectMany(t => t.AssignedUnitIds)).Distinct().ToArray();
        var units = unitIds.Length == 0 ? [] : await session.LoadManyAsync<Unit>(ct, unitIds);
        var periodStart = new DateOnly(resolution.PeriodStartYear, 1, 1);
        var reports = unitIds.Length == 0
            ? []
            : (await session.Query<ProgressReport>().Where(r => r.UnitId.IsOneOf(unitIds) && r.SubmittedAt <= knownAt).ToListAsync(ct))
                .Where(r => r.Period.Start <= cutOff && (r.Period.End >= periodStart || r.TargetIds.Any(targetIds.Contains)))
                .ToList();
        var approved = await ApprovedReportsAsync(session, resolution.Id, cut.KnownAt, ct);

        var unitsById = units.ToDictionary(u => u.Id);
        var explanations = await ExplanationsAsync(session, resolution.Id, cut, basis, targets, tasks, unitsById, ct);
        return ReviewCompiler.Compile(resolution, kind, cutOff, basis.KnownAt, cut.IncludeSubmitted, targets, tasks,
            reports.Select(r => new ReportForReview(r, approved.Contains(r.Id))).ToList(), unitsById, basis.Text, explanations);
    }

    /// <summary>
    /// The resolution's explanation requests as recorded by the known-at time: who was asked what, what they answered (per
    /// question), whether it was accepted, and whether it was overdue then.
    /// </summary>
    private static async Task<IReadOnlyList<ReviewExplanation>> ExplanationsAsync(IQuerySession session, Guid resolutionId, DataCut cut,
        DataBasis basis, IReadOnlyList<TargetAtCutOff> targets, IReadOnlyList<ResolutionTask> tasks, IReadOnlyDictionary<Guid, Unit> known,
        CancellationToken ct)
    {
        var requests = await ExplanationHistory.OfResolutionAsync(session, resolutionId, cut.KnownAt?.Instant, ct);
        if (requests.Count == 0) return [];
        var units = known.ToDictionary();
        var missing = requests.SelectMany(r => r.UnitIds).Distinct().Where(u => !units.ContainsKey(u)).ToArray();
        if (missing.Length > 0)
            foreach (var unit in await session.LoadManyAsync<Unit>(ct, missing)) units[unit.Id] = unit;
        var submissionIds = requests.Where(r => r.SubjectKind == ExplanationSubjectKind.Submission).Select(r => r.SubjectId).Distinct().ToArray();
        var submissions = submissionIds.Length == 0 ? [] : (await session.LoadManyAsync<Submission>(ct, submissionIds)).ToDictionary(s => s.Id);

        string Name(Guid unit) => units.TryGetValue(unit, out var u) ? u.Name : unit.ToString();
        string Subject(ExplanationRequestView r) => r.SubjectKind switch
        {
            ExplanationSubjectKind.Target => targets.FirstOrDefault(t => t.Target.Id == r.SubjectId) is { } target
                ? ExplanationSubject.LabelOf(target.Target) : "chỉ tiêu",
            ExplanationSubjectKind.Task => tasks.FirstOrDefault(t => t.Id == r.SubjectId) is { } task ? ExplanationSubject.LabelOf(task) : "nhiệm vụ",
            _ => submissions.TryGetValue(r.SubjectId, out var s) ? $"báo cáo {s.Period.ToVietnamese()} của {Name(s.UnitId)}" : "báo cáo của đơn vị",
        };
        var day = ProvinceClock.DateOf(basis.KnownAt);
        return requests.OrderBy(r => r.RequestedAt).Select(r => new ReviewExplanation(r.Id, r.SubjectKind, r.SubjectId, Subject(r),
            r.UnitIds.Select(Name).ToList(), ProvinceClock.DateOf(r.RequestedAt),
            r.Questions.Select(q => new ReviewExplanationQuestion(q.Question, q.DueDate, ProvinceClock.DateOf(q.AskedAt),
                r.Answers.Where(a => a.Round == q.Round)
                    .Select(a => new ReviewExplanationAnswer(Name(a.UnitId), a.Text, a.EvidenceReferences, ProvinceClock.DateOf(a.GivenAt))).ToList())).ToList(),
            r.State, ExplanationTexts.Of(r.State), r.IsOverdueOn(day), r.Acceptance?.Comment)).ToList();
    }

    /// <summary>The reports of this resolution's submissions that were approved (as known then): their narratives are approved data.</summary>
    private static async Task<HashSet<Guid>> ApprovedReportsAsync(IQuerySession session, Guid resolutionId, AsOf? knownAt, CancellationToken ct)
    {
        var submissions = await session.Query<Submission>().Where(s => s.ResolutionId == resolutionId).ToListAsync(ct);
        if (knownAt is not null)
            submissions = await AsOfState.FoldAsync<Submission>(session, submissions.Select(s => s.Id), knownAt.Instant, Submission.Evolve, ct);
        return submissions.Where(s => s.State == SubmissionState.Approved).SelectMany(s => s.ReportIds).ToHashSet();
    }

    private static Dictionary<Guid, FigureSource> Sources(IEnumerable<IEvent> stream) =>
        stream.Select(e => e.Data switch
            {
                ProgressReported r => (Figure: r.FigureId, Event: e),
                FigureRevised r => (Figure: r.FigureId, Event: e),
                _ => (Figure: Guid.Empty, Event: e),
            })
            .Where(x => x.Figure != Guid.Empty)
            .ToDictionary(x => x.Figure, x => new FigureSource(x.Figure, x.Event.Id, x.Event.Sequence));
}
