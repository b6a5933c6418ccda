using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Domain.Resolutions;
using Wolverine.Http;

namespace Monitoring.Api.Reviews;

public static class ReviewQueries
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [Authorize(Policy = Policies.ReadAll)]
    [WolverineGet("/api/resolutions/{id}/reviews", OperationId = "ListReviews"), Tags("Reviews"), EndpointSummary("The reviews generated for a resolution, with the committee's conclusions")]
    [ProducesResponseType<IReadOnlyList<ReviewRecord>>(200)]
    public static async Task<IResult> List(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Resolution>(id, ct) is { } resolution ? Results.Ok(resolution.Reviews) : Problems.NotFound("Resolution", id);

    [Authorize(Policy = Policies.ReadAll)]
    [WolverineGet("/api/resolutions/{id}/reviews/{reviewId}", OperationId = "GetReview"), Tags("Reviews"), EndpointSummary("A review's data (JSON), exactly as generated")]
    [ProducesResponseType<ReviewData>(200)]
    public static async Task<IResult> Data(Guid id, Guid reviewId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<ReviewFile>(reviewId, ct) is { } file && file.ResolutionId == id
            ? Results.File(file.Json, "application/json; charset=utf-8")
            : Problems.NotFound("Review", reviewId);

    [Authorize(Policy = Policies.ReadAll)]
    [WolverineGet("/api/resolutions/{id}/reviews/{reviewId}/document", OperationId = "DownloadReviewDocument"), Tags("Reviews"), EndpointSummary("A review as a Word document (.docx)")]
    [ProducesResponseType<Stream>(200, DocxType)]
    public static async Task<IResult> Document(Guid id, Guid reviewId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<ReviewFile>(reviewId, ct) is { } file && file.ResolutionId == id
            ? Results.File(file.Docx, DocxType, $"bao-cao-{reviewId}.docx")
            : Problems.NotFound("Review", reviewId);
}
