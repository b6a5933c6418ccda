using Marten;
using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Domain.Reporting;

namespace Monitoring.Api.Tests.Reporting;

/// <summary>
/// Steps of a unit's submission appended straight to its stream, at the app's clock, as the submission endpoints and
/// <c>POST /api/reports</c> append them: obligations and completeness read the Submission documents these feed.
/// </summary>
public static class SubmissionStreams
{
    public static async Task<Guid> AppendSubmittedAsync(this AppFixture app, Guid unit, Guid resolution, string period)
    {
        var p = ReportingPeriod.Parse(period);
        var id = Submission.IdFor(unit, resolution, p);
        await AppendAsync(app, id, new SubmissionSubmitted(id, unit, resolution, p, Guid.NewGuid(), [], [], "bao-cao@test", app.Clock.GetUtcNow().ToUniversalTime()));
        return id;
    }

    public static async Task AppendApprovedAsync(this AppFixture app, Guid unit, Guid resolution, string period)
    {
        var p = ReportingPeriod.Parse(period);
        var id = Submission.IdFor(unit, resolution, p);
        await AppendAsync(app, id, new SubmissionApproved(id, unit, resolution, p, [], null, "van-phong@test", app.Clock.GetUtcNow().ToUniversalTime()));
    }

    public static async Task AppendDraftSavedAsync(this AppFixture app, Guid unit, Guid resolution, string period)
    {
        var p = ReportingPeriod.Parse(period);
        var id = Submission.IdFor(unit, resolution, p);
        await AppendAsync(app, id, new SubmissionDraftSaved(id, unit, resolution, p, new DraftContent([], [], null, []), "bao-cao@test", app.Clock.GetUtcNow().ToUniversalTime()));
    }

    private static async Task AppendAsync(AppFixture app, Guid stream, object @event)
    {
        await using var session = app.LightweightSession();
        if (await session.Events.FetchStreamStateAsync(stream) is null) session.Events.StartStream<Submission>(stream, @event);
        else session.Events.Append(stream, @event);
        await session.SaveChangesAsync();
    }
}
