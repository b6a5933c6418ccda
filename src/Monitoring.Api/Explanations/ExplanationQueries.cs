using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Domain.Explanations;
using Wolverine.Http;

namespace Monitoring.Api.Explanations;

/// <summary>An explanation request as the API answers it: the record, its state in Vietnamese, and whether it is overdue today.</summary>
/// <param name="Question">The current question (the latest follow-up's); every question is in <see cref="Questions"/>.</param>
/// <param name="DueDate">The current question's due date (Vietnam).</param>
/// <param name="Overdue">The current question still waits for an answer after its due date.</param>
/// <param name="DaysOverdue">Calendar days past the due date, when overdue.</param>
/// <param name="AwaitingUnitIds">The asked units that have not answered the current question.</param>
public sealed record ExplanationRequestDetails(
    Guid Id, ExplanationSubjectKind SubjectKind, Guid SubjectId, Guid ResolutionId, IReadOnlyList<Guid> UnitIds, string Question, DateOnly DueDate,
    ExplanationState State, string StateText, bool Overdue, int? DaysOverdue, int Round, IReadOnlyList<Guid> AwaitingUnitIds,
    IReadOnlyList<ExplanationQuestion> Questions, IReadOnlyList<ExplanationAnswer> Answers, ExplanationAcceptance? Acceptance,
    string RequestedBy, bool OnBehalfOfCommittee, DateTimeOffset RequestedAt, DateTimeOffset LastChangedAt)
{
    public static ExplanationRequestDetails From(ExplanationRequestView v, DateOnly today)
    {
        var overdue = v.IsOverdueOn(today);
        return new ExplanationRequestDetails(v.Id, v.SubjectKind, v.SubjectId, v.ResolutionId, v.UnitIds, v.Question, v.DueDate, v.State,
            ExplanationTexts.Of(v.State), overdue, overdue ? today.DayNumber - v.DueDate.DayNumber : null, v.Round, v.AwaitingUnitIds, v.Questions,
            v.Answers, v.Acceptance, v.RequestedBy, v.OnBehalfOfCommittee, v.RequestedAt, v.LastChangedAt);
    }
}

public static class ExplanationQueries
{
    [Authorize(Policy = Policies.Read)]
    [WolverineGet("/api/explanation-requests/{id}", OperationId = "GetExplanationRequest"), Tags("Explanations"),
     EndpointSummary("One explanation request: who was asked what and by when, every answer and follow-up, whether it was accepted, and whether it is overdue")]
    [ProducesResponseType<ExplanationRequestDetails>(200)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        var view = await session.LoadAsync<ExplanationRequestView>(id, ct);
        if (view is null) return Problems.NotFound("ExplanationRequest", id);
        if (!context.Caller().MayActFor(view.UnitIds.Contains)) return Problems.NotYourUnit("ExplanationRequest", id);
        return Results.Ok(ExplanationRequestDetails.From(view, clock.Today()));
    }

    [Authorize(Policy = Policies.Read)]
    [WolverineGet("/api/explanation-requests", OperationId = "ListExplanationRequests"), Tags("Explanations"),
     EndpointSummary("List explanation requests; filter by resolution, unit asked, subject, state and overdue (a reporter sees those asking its own unit)")]
    [EndpointDescription("With asOf: the requests as recorded by then, in the state they were in, overdue judged on that day.")]
    [ProducesResponseType<Page<ExplanationRequestDetails>>(200)]
    public static async Task<IResult> List(IQuerySession session, HttpContext context, TimeProvider clock, Guid? resolutionId, Guid? unitId,
        Guid? subjectId, ExplanationState? state, bool? overdue, string? asOf, int? page, int? pageSize, CancellationToken ct)
    {
        if (Paging.Check(page, pageSize) is { } problem) return problem;
        if (!AsOf.TryParse(asOf, out var when, out var badAsOf)) return badAsOf!;
        if (ReadScope.ForUnit(context.Caller(), ref unitId) is { } forbidden) return forbidden;
        var query = session.Query<ExplanationRequestView>().AsQueryable();
        if (resolutionId is not null) query = query.Where(v => v.ResolutionId == resolutionId);
        if (subjectId is not null) query = query.Where(v => v.SubjectId == subjectId);
        IReadOnlyList<ExplanationRequestView> views = await query.ToListAsync(ct);
        // As recorded by then and judged on that day: the state they were in, overdue as of that day.
        if (when is not null) views = await ExplanationHistory.AsKnownAtAsync(session, views, when.Instant, ct);
        var today = when?.Day ?? clock.Today();
        return Results.Ok(Paging.Of(views
            .Where(v => state is null || v.State == state)
            .Where(v => unitId is not { } unit || v.UnitIds.Contains(unit))
            .Where(v => overdue is not { } late || v.IsOverdueOn(today) == late)
            .OrderBy(v => v.State == ExplanationState.Accepted).ThenBy(v => v.DueDate).ThenBy(v => v.RequestedAt).ThenBy(v => v.Id)
            .Select(v => ExplanationRequestDetails.From(v, today)), page, pageSize));
    }
}
