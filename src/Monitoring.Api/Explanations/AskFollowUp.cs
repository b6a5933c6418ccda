using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Domain.Explanations;
using Wolverine;
using Wolverine.Http;

namespace Monitoring.Api.Explanations;

/// <summary>The explanation did not suffice: the committee (or the secretariat on its behalf) asks again, with a new due date.</summary>
public sealed record AskFollowUp(string Question, DateOnly DueDate)
{
    public sealed class Validator : AbstractValidator<AskFollowUp>
    {
        public Validator()
        {
            RuleFor(x => x.Question).NotEmpty().MaximumLength(OpenExplanationRequest.MaxQuestion);
            RuleFor(x => x.DueDate).NotEmpty();
        }
    }
}

public static class AskFollowUpEndpoint
{
    [Authorize(Policy = Policies.RequestExplanation)]
    [WolverinePost("/api/explanation-requests/{id}/follow-ups"), Tags("Explanations"),
     EndpointSummary("Ask a follow-up question after an answer, with a new due date: the request waits for the asked units again, and they are notified")]
    [ProducesResponseType<ExplanationRequestWritten>(200)]
    public static async Task<IResult> Post(Guid id, AskFollowUp command, IDocumentSession session, IMessageBus bus, HttpContext context,
        TimeProvider clock, CancellationToken ct)
    {
        var view = await session.LoadAsync<ExplanationRequestView>(id, ct);
        if (view is null) return Problems.NotFound("ExplanationRequest", id);
        var (subject, missing) = await ExplanationWrites.SubjectOfAsync(session, view, ct);
        if (subject is null) return missing!;
        var decision = ExplanationCycle.AskFollowUp(subject.Requests.Find(id), command.Question, command.DueDate, clock.Today(),
            context.Caller().UserName, clock.GetUtcNow());
        var answer = ExplanationWrites.Apply(session, subject, id, decision, unit: null, out var request);
        if (request is not null) await ExplanationNotices.SendAsync(bus, subject, request, command.Question.Trim(), followUp: true);
        return answer;
    }
}
