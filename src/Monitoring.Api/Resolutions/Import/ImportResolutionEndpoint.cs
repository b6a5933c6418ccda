using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Security;
using Wolverine.Http;

namespace Monitoring.Api.Resolutions.Import;

public static class ImportResolutionEndpoint
{
    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/resolutions/import"), Tags("Resolutions"),
     EndpointSummary("Import a resolution document (seeds/resolution-import.schema.json): units, targets, tasks and reported figures")]
    [ProducesResponseType<ImportSummary>(201), ProducesResponseType<ImportSummary>(200)]
    public static async Task<IResult> Post(ResolutionDocument document, IDocumentSession session, HttpContext context, TimeProvider clock,
        Monitoring.Domain.Reporting.ReportingCalendar calendar, CancellationToken ct)
    {
        var (summary, errors) = await ResolutionImport.ImportAsync(session, document, context.Caller().UserName, clock.GetUtcNow(), clock.Today(), ct, calendar);
        if (errors is not null)
            return Results.ValidationProblem(errors, title: Localized.Text("The document is invalid; nothing was imported", "Tài liệu không hợp lệ; chưa nhập gì"));
        return summary!.AlreadyImported ? Results.Ok(summary) : Results.Created($"/api/resolutions/{summary.ResolutionId}", summary);
    }
}
