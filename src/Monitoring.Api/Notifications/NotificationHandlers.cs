using Marten;
using Monitoring.Domain.Notifications;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Units;
using Wolverine;

namespace Monitoring.Api.Notifications;

/// <summary>Send (or retry) one delivery of a recorded notification.</summary>
public sealed record DeliverNotification(string DeliveryId);

/// <summary>
/// Whether a notification still applies when it is due: a reason to skip it, or null to send it. The service knows the reminders'
/// and the approval wait's; another area registers one for its own kinds (an explanation request answered before it was overdue).
/// </summary>
public interface INotificationCheck
{
    bool Handles(string kind);
    Task<string?> SkipReasonAsync(IQuerySession session, string kind, string key, CancellationToken ct);
}

/// <summary>Every registered check, as one service the handlers take.</summary>
public sealed class NotificationChecks(IEnumerable<INotificationCheck> checks)
{
    public async Task<string?> SkipReasonAsync(IQuerySession session, string kind, string key, CancellationToken ct)
    {
        foreach (var check in checks.Where(c => c.Handles(kind)))
            if (await check.SkipReasonAsync(session, kind, key, ct) is { } reason) return reason;
        return null;
    }
}

/// <summary>A reminder is skipped when its report was submitted before its time; the approval wait when the submission was decided.</summary>
public sealed class ReportingNotificationCheck(TimeProvider clock, NotificationOptions options) : INotificationCheck
{
    public bool Handles(string kind) => NotificationKinds.Reminders.Contains(kind) || kind == NotificationKinds.ApprovalWaiting;

    public async Task<string?> SkipReasonAsync(IQuerySession session, string kind, string key, CancellationToken ct)
    {
        if (kind == NotificationKinds.ApprovalWaiting)
        {
            if (Reminders.SubmissionOfApprovalWaiting(key) is not { } waiting) return null;
            var submission = await session.LoadAsync<Submission>(waiting, ct);
            return submission is not null && Reminders.WaitingTooLong(submission, clock.GetUtcNow(), options.ApprovalWait)
                ? null
                : "Báo cáo đã được phê duyệt hoặc trả lại.";
        }
        if (Reminders.SubmissionOf(key) is not { } id) return null;
        var state = (await session.LoadAsync<Submission>(id, ct))?.State ?? SubmissionState.NotStarted;
        return Reminders.StillOwed(state) ? null : "Đơn vị đã nộp báo cáo trước thời điểm nhắc.";
    }
}

/// <summary>
/// A notification that is due: recorded once under its key (a second message with the same key finds it and stops; two at the
/// same moment: the second insert fails at commit and its retry finds it), checked against what it is about, and one delivery
/// per recipient queued in the same transaction (Wolverine's outbox).
/// </summary>
public static class NotifyUnitHandler
{
    public static async Task<OutgoingMessages> Handle(NotifyUnit message, IDocumentSession session, NotificationChecks checks,
        NotificationOptions options, TimeProvider clock, CancellationToken ct)
    {
        var unit = await session.LoadAsync<Unit>(message.UnitId, ct);
        var secrets = await session.LoadAsync<WebhookSecrets>(message.UnitId, ct);
        var webhooks = (unit?.Recipients?.Webhooks ?? [])
            .Select(w => (w.Url, Secret: secrets?.ByUrl.GetValueOrDefault(w.Url)))
            .Where(w => w.Secret is not null).Select(w => w.Url).ToList();
        return await NotificationRecording.RecordAsync(session, checks, options, clock, message.Key, message.Kind, message.UnitId, message.Subject,
            message.Body, message.Link, unit?.Recipients?.Emails ?? [], webhooks, ct);
    }
}

public static class NotifySecretariatHandler
{
    public static Task<OutgoingMessages> Handle(NotifySecretariat message, IDocumentSession session, NotificationChecks checks,
        NotificationOptions options, TimeProvider clock, CancellationToken ct) =>
        NotificationRecording.RecordAsync(session, checks, options, clock, message.Key, message.Kind, null, message.Subject, message.Body,
            message.Link, options.Secretariat.Emails ?? [], (options.Secretariat.Webhooks ?? []).Select(w => w.Url).ToList(), ct);
}

public static class NotificationRecording
{
    public static async Task<OutgoingMessages> RecordAsync(IDocumentSession session, NotificationChecks checks,
        NotificationOptions options, TimeProvider clock, string key, string kind, Guid? unitId, string subject, string body, string link,
        IReadOnlyList<string> emails, IReadOnlyList<string> webhooks, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        if (await session.LoadAsync<Notification>(key, ct) is not null) return outgoing;

        var now = clock.GetUtcNow();
        var notification = new Notification
        {
            Id = key, Kind = kind, UnitId = unitId, Subject = subject, Body = body, Link = options.Absolute(link), CreatedAt = now,
            Status = DeliveryStatus.Queued,
        };
        var skip = await checks.SkipReasonAsync(session, kind, key, ct);
        if (skip is null && emails.Count == 0 && webhooks.Count == 0)
            skip = unitId is null ? "Văn phòng Tỉnh ủy chưa cấu hình nơi nhận thông báo." : "Đơn vị chưa có nơi nhận thông báo.";
        if (skip is not null)
        {
            notification.Status = DeliveryStatus.Skipped;
            notification.SkippedBecause = skip;
            session.Insert(notification);
            return outgoing;
        }

        var deliveries = emails.Select(e => (DeliveryChannel.Email, e)).Concat(webhooks.Select(w => (DeliveryChannel.Webhook, w)))
            .Select(x => new NotificationDelivery
            {
                Id = NotificationDelivery.IdFor(key, x.Item1, x.Item2), NotificationId = key, Channel = x.Item1, Address = x.Item2,
                Status = DeliveryStatus.Queued, NextAttemptAt = now,
            })
            .DistinctBy(d => d.Id)
            .ToList();
        notification.DeliveryIds = deliveries.Select(d => d.Id).ToList();
        session.Insert(notification);
        foreach (var delivery in deliveries)
        {
            session.Insert(delivery);
            outgoing.Add(new DeliverNotification(delivery.Id));
        }
        return outgoing;
    }
}

/// <summary>
/// Sends one delivery. Each attempt is recorded on it; a failed one is retried with exponential back-off by scheduling this
/// message again in the same transaction (durable: a retry survives a restart), up to <c>MaxAttempts</c>, then it is Failed
/// with why. A delivery already sent is never sent again. A crash between the send and the commit sends it again with the
/// same delivery id (webhook header, e-mail Message-ID): the receiver deduplicates on it.
/// </summary>
public static class DeliverNotificationHandler
{
    public static async Task<OutgoingMessages> Handle(DeliverNotification message, IDocumentSession session, NotificationSender sender,
        NotificationOptions options, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var delivery = await session.LoadAsync<NotificationDelivery>(message.DeliveryId, ct);
        if (delivery is null || delivery.Status != DeliveryStatus.Queued) return outgoing;
        var notification = await session.LoadAsync<Notification>(delivery.NotificationId, ct);
        if (notification is null) return outgoing;

        var error = await sender.SendAsync(session, notification, delivery, ct);
        var now = clock.GetUtcNow();
        delivery.Attempts.Add(new DeliveryAttempt(now, error is null, error));
        if (error is null)
        {
            delivery.Status = DeliveryStatus.Sent;
            delivery.SentAt = now;
            delivery.NextAttemptAt = null;
        }
        else if (delivery.Attempts.Count >= options.MaxAttempts)
        {
            delivery.Status = DeliveryStatus.Failed;
            delivery.LastError = error;
            sender.GaveUp(delivery);
            delivery.NextAttemptAt = null;
        }
        else
        {
            var delay = options.RetryDelay(delivery.Attempts.Count);
            delivery.LastError = error;
            delivery.NextAttemptAt = now + delay;
            outgoing.Delay(new DeliverNotification(delivery.Id), delay);
        }
        session.Store(delivery);
        return outgoing;
    }
}
