using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Domain.Explanations;
using Wolverine.Http;

namespace Monitoring.Api.Explanations;

/// <summary>The committee (or the secretariat on its behalf) accepts the explanation given: the request is closed.</summary>
public sealed record AcceptExplanation(string? Comment)
{
    public sealed class Validator : AbstractValidator<AcceptExplanation>
    {
        public Validator() => RuleFor(x => x.Comment).MaximumLength(4000);
    }
}

public static class AcceptExplanationEndpoint
{
    [Authorize(Policy = Policies.RequestExplanation)]
    [WolverinePost("/api/explanation-requests/{id}/acceptance"), Tags("Explanations"),
     EndpointSummary("Accept the explanation given (after at least one asked unit answered): the request is closed")]
    [ProducesResponseType<ExplanationRequestWritten>(200)]
    public static async Task<IResult> Post(Guid id, AcceptExplanation command, IDocumentSession session, HttpContext context, TimeProvider clock,
        CancellationToken ct)
    {
        var view = await session.LoadAsync<ExplanationRequestView>(id, ct);
        if (view is null) return Problems.NotFound("ExplanationRequest", id);
        var (subject, missing) = await ExplanationWrites.SubjectOfAsync(session, view, ct);
        if (subject is null) return missing!;
        var decision = ExplanationCycle.Accept(subject.Requests.Find(id), command.Comment, context.Caller().UserName, clock.GetUtcNow());
        session.RecordReason(command.Comment);
        return ExplanationWrites.Apply(session, subject, id, decision, unit: null, out _);
    }
}
