using JasperFx;
using JasperFx.Core;
using Marten.Exceptions;
using Wolverine;
using Wolverine.ErrorHandling;

namespace Monitoring.Api.Notifications;

public static class NotificationSetup
{
    /// <summary>Options, senders, the checks of what still applies, and the daily sweep's start.</summary>
    public static NotificationOptions AddMonitoringNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        var options = NotificationOptions.Read(configuration);
        services.AddSingleton(options);
        services.AddSingleton<ReminderSweeper>();
        services.AddSingleton<NotificationSender>();
        services.AddSingleton<INotificationCheck, ReportingNotificationCheck>();
        services.AddSingleton<INotificationCheck, Explanations.ExplanationNotificationCheck>();
        services.AddSingleton<NotificationChecks>();
        services.AddHttpClient(NotificationSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddHostedService<ReminderSweepStarter>();
        return options;
    }

    /// <summary>
    /// Wolverine's side: every local queue durable (messages, scheduled ones included, are rows in the <c>wolverine</c> schema,
    /// written in the same transaction as the documents that caused them, and survive a restart); Solo durability, since one
    /// instance runs (README, Deployment): at start it takes over every message a killed process left; and how often it looks
    /// for scheduled messages that are due.
    /// </summary>
    public static void ConfigureWolverine(WolverineOptions opts, NotificationOptions options)
    {
        opts.Durability.Mode = DurabilityMode.Solo;
        opts.Policies.UseDurableLocalQueues();
        opts.Durability.ScheduledJobPollingTime = TimeSpan.FromSeconds(options.SchedulePollingSeconds);
        opts.Durability.ScheduledJobFirstExecution = TimeSpan.FromSeconds(Math.Min(options.SchedulePollingSeconds, 2));
        // Two messages with the same notification key at the same moment: the second insert fails at commit, and its retry finds it.
        opts.OnException<DocumentAlreadyExistsException>().RetryWithCooldown(50.Milliseconds(), 250.Milliseconds(), 1.Seconds());
    }
}
