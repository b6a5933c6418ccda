using Marten;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Common;
using Monitoring.Domain.Explanations;

namespace Monitoring.Api.Explanations;

/// <summary>What the steps after opening share: find the request's subject, and append what the decision produced.</summary>
public static class ExplanationWrites
{
    /// <summary>The request's subject (its stream), fetched for writing; or the 404 to answer.</summary>
    public static async Task<(ExplanationSubject? Subject, IResult? Problem)> SubjectOfAsync(IDocumentSession session, ExplanationRequestView view,
        CancellationToken ct)
    {
        var subject = await ExplanationSubject.FetchForWritingAsync(session, view.SubjectKind, view.SubjectId, ct);
        return subject is null ? (null, Problems.NotFound(ExplanationSubject.WhatOf(view.SubjectKind), view.SubjectId)) : (subject, null);
    }

    /// <summary>
    /// The decision's events appended to the subject's stream, marked with the unit they concern (<paramref name="unit"/>,
    /// else the first unit asked: the events name them all); or its rejection, and nothing appended. <paramref name="request"/>
    /// is the request after the events.
    /// </summary>
    public static IResult Apply(IDocumentSession session, ExplanationSubject subject, Guid requestId, Decision decision, Guid? unit,
        out ExplanationRequest? request)
    {
        request = null;
        if (decision.Rejection is { } rejection) return rejection.ToResult();
        subject.Append(decision.Events);
        request = decision.Events.Aggregate(subject.Requests.Find(requestId), (r, e) => ExplanationRequests.Evolve(r, e))!;
        session.SetHeader(EventMetadata.UnitHeader, (unit ?? request.UnitIds[0]).ToString());
        return Results.Ok(ExplanationRequestWritten.Of(subject, request, subject.Version + decision.Events.Count));
    }
}
