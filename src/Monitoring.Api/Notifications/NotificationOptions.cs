using System.Globalization;
using Monitoring.Api.Infrastructure;
using Monitoring.Domain.Notifications;

namespace Monitoring.Api.Notifications;

public enum SmtpSecurity { None, Auto, StartTls, SslOnConnect }

/// <summary>The SMTP server notifications are sent through (section <c>Notifications:Smtp</c>); no host: no e-mail is sent (recorded as failed).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string Sender { get; set; } = "monitoring@localhost";
    public string SenderName { get; set; } = "Văn phòng Tỉnh ủy – Theo dõi thực hiện nghị quyết";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    public int TimeoutSeconds { get; set; } = 30;
}

public sealed class WebhookOptions
{
    public string Url { get; set; } = "";
    public string Secret { get; set; } = "";
}

/// <summary>The secretariat's own recipients (section <c>Notifications:Secretariat</c>).</summary>
public sealed class SecretariatRecipientOptions
{
    public string[]? Emails { get; set; }
    public WebhookOptions[]? Webhooks { get; set; }
}

public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The service's address as people reach it: links in notifications are absolute under it.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";
    public SmtpOptions Smtp { get; set; } = new();
    public SecretariatRecipientOptions Secretariat { get; set; } = new();
    /// <summary>Days before the due date a reminder goes out (default 7 and 1); the due day always has one.</summary>
    public int[]? ReminderDaysBefore { get; set; }
    /// <summary>Days after the due date an overdue reminder goes out (default 1).</summary>
    public int[]? ReminderDaysAfter { get; set; }
    /// <summary>Vietnam's time of day the daily sweep runs and schedules the day's reminders.</summary>
    public string SweepAt { get; set; } = "00:05";
    /// <summary>Vietnam's time of day the day's reminders are sent (a unit that submits before then gets none).</summary>
    public string RemindAt { get; set; } = "08:00";
    /// <summary>Days a submission may wait for approval before the secretariat is told (fractions allowed).</summary>
    public double ApprovalWaitDays { get; set; } = 3;
    /// <summary>Attempts per delivery before it is recorded as failed.</summary>
    public int MaxAttempts { get; set; } = 6;
    /// <summary>Back-off before the first retry; doubled at each further one, up to <see cref="MaxRetrySeconds"/>.</summary>
    public double FirstRetrySeconds { get; set; } = 30;
    public double MaxRetrySeconds { get; set; } = 3600;
    /// <summary>How often Wolverine looks in PostgreSQL for scheduled messages that are due.</summary>
    public double SchedulePollingSeconds { get; set; } = 5;
    /// <summary>
    /// How many due scheduled messages one look takes (per province database). Wolverine's default, 100, drained at most 20
    /// a second at the default polling: the fault program's submissions (each round schedules its approval-wait check)
    /// outran it, and the last checks came due a minute late.
    /// </summary>
    public int ScheduledBatchSize { get; set; } = 1000;
    /// <summary>Whether the service schedules the daily sweep at start.</summary>
    public bool DailySweep { get; set; } = true;

    public ReminderSchedule Schedule => new(ReminderDaysBefore ?? [.. ReminderSchedule.Default.DaysBefore],
        ReminderDaysAfter ?? [.. ReminderSchedule.Default.DaysAfter]);

    public TimeSpan ApprovalWait => TimeSpan.FromDays(ApprovalWaitDays);

    public TimeOnly SweepTime => TimeOnly.Parse(SweepAt, CultureInfo.InvariantCulture);
    public TimeOnly RemindTime => TimeOnly.Parse(RemindAt, CultureInfo.InvariantCulture);

    /// <summary>The back-off after <paramref name="attempts"/> failed attempts.</summary>
    public TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(MaxRetrySeconds, FirstRetrySeconds * Math.Pow(2, Math.Max(0, attempts - 1))));

    /// <summary>An absolute link under the public base URL (a link that is already absolute is kept).</summary>
    public string Absolute(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? link
            : PublicBaseUrl.TrimEnd('/') + "/" + link.TrimStart('/');

    /// <summary>Vietnam's <paramref name="time"/> on <paramref name="day"/>, as an instant.</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time) => new(day.ToDateTime(time), ProvinceClock.Offset);

    /// <summary>A setting that cannot be read stops the service at its start, naming it.</summary>
    public static NotificationOptions Read(IConfiguration configuration)
    {
        NotificationOptions options;
        try
        {
            options = configuration.GetSection(Section).Get<NotificationOptions>() ?? new NotificationOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new StartupConfigurationException($"{Section}: {e.Message}");
        }
        if (!TimeOnly.TryParse(options.SweepAt, CultureInfo.InvariantCulture, out _))
            throw new StartupConfigurationException($"{Section}:SweepAt must be a time of day such as 00:05.");
        if (!TimeOnly.TryParse(options.RemindAt, CultureInfo.InvariantCulture, out _))
            throw new StartupConfigurationException($"{Section}:RemindAt must be a time of day such as 08:00.");
        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            throw new StartupConfigurationException($"{Section}:PublicBaseUrl must be an absolute http(s) URL.");
        if (options.Schedule.DaysBefore.Any(d => d <= 0) || options.Schedule.DaysAfter.Any(d => d <= 0))
            throw new StartupConfigurationException($"{Section}:ReminderDaysBefore and ReminderDaysAfter must be positive numbers of days.");
        if (options.ApprovalWaitDays <= 0 || options.MaxAttempts < 1 || options.FirstRetrySeconds <= 0 || options.SchedulePollingSeconds <= 0
            || options.ScheduledBatchSize < 1)
            throw new StartupConfigurationException(
                $"{Section}: ApprovalWaitDays, MaxAttempts, FirstRetrySeconds, SchedulePollingSeconds and ScheduledBatchSize must be positive.");
        foreach (var email in options.Secretariat.Emails ?? [])
            if (!Recipients.IsEmail(email))
                throw new StartupConfigurationException($"{Section}:Secretariat:Emails: '{email}' is not an e-mail address.");
        foreach (var hook in options.Secretariat.Webhooks ?? [])
            if (!Recipients.IsWebUrl(hook.Url) || string.IsNullOrEmpty(hook.Secret))
                throw new StartupConfigurationException($"{Section}:Secretariat:Webhooks: each needs an absolute http(s) Url and a Secret.");
        return options;
    }
}
