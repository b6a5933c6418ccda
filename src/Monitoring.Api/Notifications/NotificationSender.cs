using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Marten;
using MimeKit;
using Monitoring.Api.Infrastructure;

namespace Monitoring.Api.Notifications;

/// <summary>The JSON a webhook receives. Its exact bytes are what the signature covers.</summary>
public sealed record WebhookPayload(string DeliveryId, string NotificationId, string Kind, Guid? UnitId, string Subject, string Body, string Link,
    DateTimeOffset CreatedAt);

/// <summary>One attempt at one delivery: null when it was accepted, else why not (recorded on the delivery).</summary>
public sealed class NotificationSender(NotificationOptions options, IHttpClientFactory http, ILogger<NotificationSender> logger,
    Infrastructure.Operations.MonitoringMetrics metrics)
{
    public const string HttpClientName = "notification-webhooks";
    public const string SignatureHeader = "X-Monitoring-Signature";
    public const string DeliveryHeader = "X-Monitoring-Delivery";

    public async Task<string?> SendAsync(IQuerySession session, Notification notification, NotificationDelivery delivery, CancellationToken ct)
    {
        string? error;
        try
        {
            error = delivery.Channel == DeliveryChannel.Email
                ? await SendEmailAsync(notification, delivery, ct)
                : await PostWebhookAsync(session, notification, delivery, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Notification delivery {DeliveryId} to {Address} failed", delivery.Id, delivery.Address);
            error = $"{e.GetType().Name}: {e.Message}";
        }
        if (error is not null) metrics.NotificationAttemptFailed(delivery.Channel.ToString());
        return error;
    }

    /// <summary>A delivery given up after its last attempt (counted in <c>monitoring_notifications_deliveries_failed_total</c>).</summary>
    public void GaveUp(NotificationDelivery delivery) => metrics.NotificationDeliveryFailed(delivery.Channel.ToString());

    /// <summary>The e-mail: Vietnamese subject and body, the absolute link, and the delivery id as its Message-ID.</summary>
    public MimeMessage Compose(Notification notification, NotificationDelivery delivery)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.Smtp.SenderName, options.Smtp.Sender));
        message.To.Add(MailboxAddress.Parse(delivery.Address));
        message.Subject = notification.Subject;
        message.MessageId = $"{delivery.Id}@monitoring";
        message.Headers.Add(DeliveryHeader, delivery.Id);
        message.Body = new TextPart("plain")
        {
            Text = $"{notification.Body}\n\nXem chi tiết: {notification.Link}\n\n" +
                   "Thư này được gửi tự động từ hệ thống theo dõi thực hiện nghị quyết; vui lòng không trả lời thư này.",
        };
        return message;
    }

    private async Task<string?> SendEmailAsync(Notification notification, NotificationDelivery delivery, CancellationToken ct)
    {
        var smtp = options.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host)) return "Chưa cấu hình máy chủ thư (Notifications:Smtp:Host).";
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        var security = smtp.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
        await client.ConnectAsync(smtp.Host, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        await client.SendAsync(Compose(notification, delivery), ct);
        await client.DisconnectAsync(true, ct);
        return null;
    }

    private async Task<string?> PostWebhookAsync(IQuerySession session, Notification notification, NotificationDelivery delivery, CancellationToken ct)
    {
        var secret = notification.UnitId is { } unit
            ? (await session.LoadAsync<WebhookSecrets>(unit, ct))?.ByUrl.GetValueOrDefault(delivery.Address)
            : options.Secretariat.Webhooks?.FirstOrDefault(w => w.Url == delivery.Address)?.Secret;
        if (secret is null) return "Webhook không còn trong danh sách nơi nhận (không có khóa ký).";

        var payload = new WebhookPayload(delivery.Id, notification.Id, notification.Kind, notification.UnitId, notification.Subject, notification.Body,
            notification.Link, notification.CreatedAt);
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, JsonDefaults.Web);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Address) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, Sign(body, secret));
        request.Headers.Add(DeliveryHeader, delivery.Id);
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
        return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
    }

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the exact body bytes under the webhook's secret.</summary>
    public static string Sign(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
