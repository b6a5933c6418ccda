using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Monitoring.Domain.Common;

namespace Monitoring.Api.Notifications;

[JsonConverter(typeof(NamedEnumConverter<DeliveryStatus>))]
public enum DeliveryStatus
{
    /// <summary>Waiting to be sent, or to be retried after a failed attempt.</summary>
    Queued,
    Sent,
    /// <summary>Every attempt failed; <c>lastError</c> says why.</summary>
    Failed,
    /// <summary>Not sent: by the time it was due, it no longer applied (the report was submitted, the request answered).</summary>
    Skipped,
}

[JsonConverter(typeof(NamedEnumConverter<DeliveryChannel>))]
public enum DeliveryChannel { Email, Webhook }

public sealed record DeliveryAttempt(DateTimeOffset At, bool Succeeded, string? Error);

/// <summary>
/// One notification, recorded once: its id is its deterministic key, so the same notification computed twice (two sweeps,
/// two processes, a message delivered again) is never recorded or sent twice. <see cref="Status"/> is Skipped when it no longer
/// applied when due, Sent/Queued/Failed otherwise as its deliveries are (each delivery its own document, written only by its
/// own send handler).
/// </summary>
public sealed class Notification
{
    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";
    /// <summary>The unit notified; null for a notification to the secretariat.</summary>
    public Guid? UnitId { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>Absolute link to what is due.</summary>
    public string Link { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Skipped when it no longer applied when it was due (<see cref="SkippedBecause"/>); else Queued.</summary>
    public DeliveryStatus Status { get; set; }
    public string? SkippedBecause { get; set; }
    public List<string> DeliveryIds { get; set; } = [];
}

/// <summary>One channel of one notification: an e-mail to one address, or a POST to one webhook, with every attempt.</summary>
public sealed class NotificationDelivery
{
    /// <summary>Stable across retries, and what the receiver deduplicates on (<c>X-Monitoring-Delivery</c>, the e-mail's Message-ID).</summary>
    public string Id { get; set; } = "";
    public string NotificationId { get; set; } = "";
    public DeliveryChannel Channel { get; set; }
    /// <summary>The e-mail address or the webhook URL.</summary>
    public string Address { get; set; } = "";
    public DeliveryStatus Status { get; set; }
    public List<DeliveryAttempt> Attempts { get; set; } = [];
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>The delivery id of a notification to one address: a name-based id, the same whoever computes it.</summary>
    public static string IdFor(string notificationId, DeliveryChannel channel, string address)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{notificationId}|{channel}|{address}"));
        return new Guid(hash[..16]).ToString();
    }
}

public sealed record DeliveryView(string DeliveryId, DeliveryChannel Channel, string Address, DeliveryStatus Status, int AttemptCount,
    IReadOnlyList<DeliveryAttempt> Attempts, [property: Description("Why the last attempt failed.")] string? LastError, DateTimeOffset? SentAt,
    DateTimeOffset? NextAttemptAt);

public sealed record NotificationView(
    [property: Description("The notification's deterministic key: the same notification is never recorded twice.")] string Id,
    [property: Description("DueSoon, DueToday, Overdue, SubmissionReturned, ApprovalWaiting, ExplanationOpened, ExplanationOverdue.")] string Kind,
    [property: Description("The unit notified; null for the secretariat.")] Guid? UnitId,
    string Subject, string Body, string Link, DateTimeOffset CreatedAt,
    [property: Description("Skipped when it no longer applied when due; else Failed if a delivery failed, Queued while one waits, Sent when all were sent (or there was no recipient).")]
    DeliveryStatus Status, string? SkippedBecause, IReadOnlyList<DeliveryView> Deliveries)
{
    public static NotificationView Of(Notification n, IEnumerable<NotificationDelivery> deliveries)
    {
        var list = deliveries.Select(d => new DeliveryView(d.Id, d.Channel, d.Address, d.Status, d.Attempts.Count, d.Attempts, d.LastError, d.SentAt,
            d.NextAttemptAt)).ToList();
        var status = n.Status == DeliveryStatus.Skipped ? DeliveryStatus.Skipped
            : list.Any(d => d.Status == DeliveryStatus.Failed) ? DeliveryStatus.Failed
            : list.Any(d => d.Status == DeliveryStatus.Queued) ? DeliveryStatus.Queued
            : DeliveryStatus.Sent;
        return new NotificationView(n.Id, n.Kind, n.UnitId, n.Subject, n.Body, n.Link, n.CreatedAt, status, n.SkippedBecause, list);
    }
}
