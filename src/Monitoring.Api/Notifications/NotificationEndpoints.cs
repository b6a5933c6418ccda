using FluentValidation;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Wolverine;
using Wolverine.Http;

namespace Monitoring.Api.Notifications;

/// <summary>Run today's reminder sweep now (the service runs it daily by itself): after an outage, or to check the configuration.</summary>
public sealed record RunNotificationSweep(string Reason)
{
    public sealed class Validator : AbstractValidator<RunNotificationSweep>
    {
        public Validator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(1000);
    }
}

public static class NotificationEndpoints
{
    [Authorize(Policy = Policies.ReadAll)]
    [WolverineGet("/api/notifications", OperationId = "ListNotifications"), Tags("Notifications"),
     EndpointSummary("Every notification recorded, newest first, with each delivery's status and attempts")]
    [EndpointDescription("status: Skipped lists the notifications not sent because they no longer applied when due (or had no recipient); " +
                         "Queued, Sent or Failed those with a delivery in that state.")]
    [ProducesResponseType<Page<NotificationView>>(200)]
    public static async Task<IResult> List(Guid? unitId, string? kind, DeliveryStatus? status, int? page, int? pageSize, IQuerySession session,
        CancellationToken ct)
    {
        if (Paging.Check(page, pageSize) is { } problem) return problem;
        var query = session.Query<Notification>().AsQueryable();
        if (unitId is not null) query = query.Where(n => n.UnitId == unitId);
        if (!string.IsNullOrWhiteSpace(kind)) query = query.Where(n => n.Kind == kind);
        if (status == DeliveryStatus.Skipped) query = query.Where(n => n.Status == DeliveryStatus.Skipped);
        else if (status is { } s)
        {
            var ids = (await session.Query<NotificationDelivery>().Where(d => d.Status == s).Select(d => d.NotificationId).ToListAsync(ct))
                .Distinct().ToArray();
            query = query.Where(n => n.Id.IsOneOf(ids));
        }
        var paged = await query.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id)
            .ToPagedListAsync(page ?? 1, pageSize ?? Paging.DefaultPageSize, ct);
        var keys = paged.Select(n => n.Id).ToArray();
        var deliveries = keys.Length == 0 ? [] : await session.Query<NotificationDelivery>().Where(d => d.NotificationId.IsOneOf(keys)).ToListAsync(ct);
        var byNotification = deliveries.ToLookup(d => d.NotificationId);
        var items = paged.Select(n => NotificationView.Of(n, byNotification[n.Id].OrderBy(d => d.Channel).ThenBy(d => d.Address))).ToList();
        return Results.Ok(new Page<NotificationView>(items, (int)paged.PageNumber, (int)paged.PageSize, paged.TotalItemCount));
    }

    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/notifications/sweep", OperationId = "RunNotificationSweep"), Tags("Notifications"),
     EndpointSummary("Run today's reminder sweep now: reminders due today (scheduled for the reminder time) and approvals waiting too long")]
    [EndpointDescription("Safe to repeat: a notification already recorded is never recorded or sent again. Runs at the service's clock.")]
    [ProducesResponseType<SweepResult>(200)]
    public static async Task<IResult> Sweep(RunNotificationSweep command, IDocumentSession session, IMessageBus bus, ReminderSweeper sweeper,
        TimeProvider clock, CancellationToken ct) =>
        Results.Ok(await sweeper.RunAsync(session, bus, clock.Today(), clock.GetUtcNow(), ct));
}
