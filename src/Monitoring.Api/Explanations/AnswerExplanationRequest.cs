using System.ComponentModel;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.OpenApi;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Domain.Explanations;
using Wolverine.Http;

namespace Monitoring.Api.Explanations;

/// <summary>An asked unit's explanation (giải trình): the text and the documents it rests on.</summary>
public sealed record AnswerExplanationRequest(
    [property: Description("Only the secretariat sends it, to record a unit's explanation on its behalf (needed when several units were asked); a reporter's unit comes from the token."), WriteOnly]
    Guid? UnitId, string Text, IReadOnlyList<string>? EvidenceReferences)
{
    public sealed class Validator : AbstractValidator<AnswerExplanationRequest>
    {
        public Validator()
        {
            RuleFor(x => x.UnitId).NotEqual(Guid.Empty);
            RuleFor(x => x.Text).NotEmpty().MaximumLength(ExplanationCycle.MaxText);
            RuleFor(x => x.EvidenceReferences).Must(e => e is null || e.Count <= 100);
            RuleForEach(x => x.EvidenceReferences).NotEmpty().MaximumLength(500);
        }
    }
}

public static class AnswerExplanationRequestEndpoint
{
    [Authorize(Policy = Policies.Report)]
    [WolverinePost("/api/explanation-requests/{id}/answers"), Tags("Explanations"),
     EndpointSummary("Answer an explanation request: a reporter of an asked unit (or the secretariat on the unit's behalf) gives the explanation and its evidence")]
    [ProducesResponseType<ExplanationRequestWritten>(200)]
    public static async Task<IResult> Post(Guid id, AnswerExplanationRequest command, IDocumentSession session, HttpContext context, TimeProvider clock,
        CancellationToken ct)
    {
        var view = await session.LoadAsync<ExplanationRequestView>(id, ct);
        if (view is null) return Problems.NotFound("ExplanationRequest", id);
        var caller = context.Caller();
        Guid unitId;
        if (caller.IsReporter)
        {
            // A reporter answers only for its own unit, and only a request that asks it.
            if (caller.UnitId is not { } own || !view.UnitIds.Contains(own) || command.UnitId is { } other && other != own)
                return Problems.NotYourUnit("ExplanationRequest", id);
            unitId = own;
        }
        else if (command.UnitId is { } named) unitId = named;
        else if (view.UnitIds.Count == 1) unitId = view.UnitIds[0];
        else
            return Problems.Invalid("unitId", Localized.Text("Several units were asked: name the unit whose explanation this is.",
                "Yêu cầu gửi nhiều đơn vị: cần nêu đơn vị giải trình."));

        var (subject, missing) = await ExplanationWrites.SubjectOfAsync(session, view, ct);
        if (subject is null) return missing!;
        var decision = ExplanationCycle.Answer(subject.Requests.Find(id), unitId, command.Text, command.EvidenceReferences ?? [], caller.UserName,
            clock.GetUtcNow());
        return ExplanationWrites.Apply(session, subject, id, decision, unitId, out _);
    }
}
