using System.Security.Cryptography;
using System.Text.Json;
using FluentValidation;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Audit;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Database;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Reviews;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;
using Monitoring.Domain.Units;
using Npgsql;
using Wolverine.Http;

namespace Monitoring.Api.Reviews;

public sealed record GenerateReview(ReviewKind Kind, DateOnly CutOff)
{
    public sealed class Validator : AbstractValidator<GenerateReview>
    {
        public Validator()
        {
            RuleFor(x => x.Kind).IsInEnum();
            RuleFor(x => x.CutOff).NotEmpty();
        }
    }
}

/// <summary>What a generated review is, as stored: the data (JSON) and the Word document, with their hashes.</summary>
public sealed record ReviewData(Guid ReviewId, DateTimeOffset GeneratedAt, string GeneratedBy, long AuditHeadSequence, string AuditHeadHash,
    ReviewContent Content);

public sealed record ReviewFile(Guid Id, Guid ResolutionId, byte[] Docx, byte[] Json);

public sealed record ReviewGeneratedResponse(Guid ReviewId, Guid ResolutionId, ReviewKind Kind, DateOnly CutOff, int Targets, int Tasks,
    string AuditHeadHash, string DocumentSha256, string DataSha256, string Document, string Data);

public static class GenerateReviewEndpoint
{
    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/resolutions/{id}/reviews"), Tags("Reviews"),
     EndpointSummary("Generate a mid-term or final review from what was known at the cut-off: Word document and JSON, recorded on the resolution")]
    [ProducesResponseType<ReviewGeneratedResponse>(201)]
    public static async Task<IResult> Post(Guid id, GenerateReview command, IDocumentSession session, HttpContext context, TimeProvider clock,
        MonitoringDatabase database, CancellationToken ct)
    {
        if (command.CutOff > clock.Today())
            return Problems.Invalid("cutOff", Localized.Text("A review cannot look past today.", "Ngày chốt số liệu không được sau hôm nay."));
        var resolution = await session.LoadAsync<Resolution>(id, ct);
        if (resolution is null) return Problems.NotFound("Resolution", id);
        var content = await ReviewAssembly.CompileAsync(session, resolution, command.Kind, AsOf.EndOf(command.CutOff), ct);
        var (headSequence, headHash) = await ChainHeadAsync(database, ct);
        var reviewId = Guid.CreateVersion7();
        var by = context.Caller().UserName;
        var at = clock.GetUtcNow();
        var json = JsonSerializer.SerializeToUtf8Bytes(new ReviewData(reviewId, at, by, headSequence, headHash, content), JsonDefaults.Web);
        var docx = ReviewDocx.Build(content, reviewId, headSequence, headHash);
        var (docxHash, jsonHash) = (Convert.ToHexStringLower(SHA256.HashData(docx)), Convert.ToHexStringLower(SHA256.HashData(json)));

        session.Store(new ReviewFile(reviewId, id, docx, json));
        session.Events.Append(id, new ReviewGenerated(id, reviewId, command.Kind, command.CutOff,
            content.Targets.Select(t => new ReviewedFigure(t.TargetId, t.Code, t.Latest?.Value, t.Latest?.Stage, t.Latest?.Period, t.Status, t.Achievement,
                t.Latest?.Source.FigureId, t.Latest?.Source.EventId, t.Latest?.Source.Sequence)).ToList(),
            headSequence, headHash, docxHash, jsonHash, by, at));

        var location = $"/api/resolutions/{id}/reviews/{reviewId}";
        return Results.Created(location, new ReviewGeneratedResponse(reviewId, id, command.Kind, command.CutOff, content.Targets.Count,
            content.Tasks.Items.Count, headHash, docxHash, jsonHash, $"{location}/document", location));
    }

    private static async Task<(long, string)> ChainHeadAsync(MonitoringDatabase database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        return await HashChainSubscription.HeadAsync(connection, ct);
    }
}

/// <summary>Loads what was known at the cut-off and hands it to the pure <see cref="ReviewCompiler"/>.</summary>
public static class ReviewAssembly
{
    public static async Task<ReviewContent> CompileAsync(IQuerySession session, Resolution resolution, ReviewKind kind, AsOf cutOff, CancellationToken ct)
    {
        var targetIds = await session.Query<Target>().Where(t => t.ResolutionId == resolution.Id).Select(t => t.Id).ToListAsync(ct);
        var taskIds = await session.Query<ResolutionTask>().Where(t => t.ResolutionId == resolution.Id).Select(t => t.Id).ToListAsync(ct);
        var streams = targetIds.Concat(taskIds).ToArray();
        var events = streams.Length == 0
            ? []
            : await session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(streams) && e.Timestamp <= cutOff.Instant)
                .OrderBy(e => e.Sequence).ToListAsync(ct);

        var targets = new List<TargetAtCutOff>();
        var tasks = new List<ResolutionTask>();
        foreach (var stream in events.GroupBy(e => e.StreamId))
        {
            if (stream.First().Data is TargetDefined)
            {
                var target = stream.Aggregate((Target?)null, (state, e) => Target.Evolve(state, e.Data));
                if (target is not null) targets.Add(new TargetAtCutOff(target, Sources(stream)));
            }
            else if (stream.Aggregate((ResolutionTask?)null, (state, e) => ResolutionTask.Evolve(state, e.Data)) is { } task)
                tasks.Add(task);
        }

        var unitIds = targets.SelectMany(t => t.Target.AssignedUnitIds).Concat(tasks.SelectMany(t => t.AssignedUnitIds)).Distinct().ToArray();
        var units = unitIds.Length == 0 ? [] : await session.LoadManyAsync<Unit>(ct, unitIds);
        var periodStart = new DateTimeOffset(resolution.PeriodStartYear, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var reports = unitIds.Length == 0
            ? []
            : (await session.Query<ProgressReport>().Where(r => r.UnitId.IsOneOf(unitIds) && r.SubmittedAt <= cutOff.Instant).ToListAsync(ct))
                .Where(r => r.Period.End >= DateOnly.FromDateTime(periodStart.Date) || r.TargetIds.Any(targetIds.Contains))
                .ToList();

        return ReviewCompiler.Compile(resolution, kind, cutOff.Day, targets, tasks, reports, units.ToDictionary(u => u.Id));
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
