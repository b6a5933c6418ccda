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

/// <summary>
/// The committee (or the secretariat on its behalf) asks for an explanation (yêu cầu giải trình) on exactly one of a
/// target, a task or a unit's submission, with a question and the day (Vietnam) by which to answer. The units asked are
/// those named, which must be assigned to it, or by default every assigned unit (a submission's: its unit).
/// </summary>
public sealed record OpenExplanationRequest(Guid? TargetId, Guid? TaskId, Guid? SubmissionId, string Question, DateOnly DueDate,
    IReadOnlyList<Guid>? UnitIds)
{
    public const int MaxQuestion = 4000;

    public sealed class Validator : AbstractValidator<OpenExplanationRequest>
    {
        public Validator()
        {
            RuleFor(x => x).Must(x => new[] { x.TargetId, x.TaskId, x.SubmissionId }.Count(id => id is not null) == 1).OverridePropertyName("targetId")
                .WithMessage(_ => Localized.Text("Name exactly one of targetId, taskId and submissionId: what is to be explained.",
                    "Cần nêu đúng một trong targetId, taskId, submissionId: nội dung cần giải trình."));
            RuleFor(x => x.TargetId).NotEqual(Guid.Empty);
            RuleFor(x => x.TaskId).NotEqual(Guid.Empty);
            RuleFor(x => x.SubmissionId).NotEqual(Guid.Empty);
            RuleFor(x => x.Question).NotEmpty().MaximumLength(MaxQuestion);
            RuleFor(x => x.DueDate).NotEmpty();
            RuleFor(x => x.UnitIds).Must(u => u is null || u.Count <= 100);
            RuleForEach(x => x.UnitIds).NotEmpty();
        }
    }
}

public static class OpenExplanationRequestEndpoint
{
    [Authorize(Policy = Policies.RequestExplanation)]
    [WolverinePost("/api/explanation-requests"), Tags("Explanations"),
     EndpointSummary("Open an explanation request on a target, a task or a unit's submission: the committee (or the secretariat on its behalf) asks the assigned units a question with a due date, and they are notified")]
    [ProducesResponseType<ExplanationRequestWritten>(201)]
    public static async Task<IResult> Post(OpenExplanationRequest command, IDocumentSession session, IMessageBus bus, HttpContext context,
        TimeProvider clock, CancellationToken ct)
    {
        var (kind, subjectId) = command.TargetId is { } target ? (ExplanationSubjectKind.Target, target)
            : command.TaskId is { } task ? (ExplanationSubjectKind.Task, task)
            : (ExplanationSubjectKind.Submission, command.SubmissionId!.Value);
        var subject = await ExplanationSubject.FetchForWritingAsync(session, kind, subjectId, ct);
        if (subject is null) return Problems.NotFound(ExplanationSubject.WhatOf(kind), subjectId);

        var caller = context.Caller();
        var requestId = Guid.CreateVersion7();
        var decision = ExplanationCycle.Open(requestId, kind, subjectId, subject.ResolutionId, subject.AssignedUnitIds, command.UnitIds,
            command.Question, command.DueDate, clock.Today(), caller.UserName, onBehalfOfCommittee: caller.IsSecretariat, clock.GetUtcNow());
        var answer = ExplanationWrites.Apply(session, subject, requestId, decision, unit: null, out var request);
        if (request is null) return answer;
        await ExplanationNotices.SendAsync(bus, subject, request, command.Question.Trim(), followUp: false);
        return Results.Created(ExplanationNotices.Link(requestId), ExplanationRequestWritten.Of(subject, request, subject.Version + decision.Events.Count));
    }
}
