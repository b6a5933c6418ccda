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
        services.AddSingleton<ReminderSweepStarter>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderSweepStarter>());
        return options;
    }

    /// <summary>
    /// Wolverine's side: every local queue durable (messages, scheduled ones included, are rows in the <c>wolverine</c> schema,
    /// written in the same transaction as the documents that caused them, and survive a restart); Balanced durability, since
    /// several nodes may share the database (README, Deployment): the nodes elect a leader, which gives the database's
    /// durability agent (scheduled messages, recovery of a dead node's messages) to exactly one node and moves it when that
    /// node stops or dies; and how often it looks for scheduled messages that are due.
    /// </summary>
    public static void ConfigureWolverine(WolverineOptions opts, NotificationOptions options)
    {
        opts.Durability.Mode = DurabilityMode.Balanced;
        // One durability agent per database, nothing to spread: the first node of a cold cluster takes it at once.
        opts.Durability.LeaderColdStartHoldEvaluations = 0;
        // A province's scheduled messages (reminders, retries) run only where its database's durability agent runs, and the
        // leader moves that agent off a node that died only once it judges the node stale (by default after a minute, then
        // up to 30 s until the next look): a service killed and started again would leave them waiting that long.
        opts.Durability.HealthCheckPollingTime = 5.Seconds();
        opts.Durability.StaleNodeTimeout = 20.Seconds();
        opts.Durability.CheckAssignmentPeriod = 10.Seconds();
        opts.Policies.UseDurableLocalQueues();
        opts.Durability.ScheduledJobPollingTime = TimeSpan.FromSeconds(options.SchedulePollingSeconds);
        opts.Durability.ScheduledJobFirstExecution = TimeSpan.FromSeconds(Math.Min(options.SchedulePollingSeconds, 2));
        // Also the page size of Wolverine's recovery of persisted messages.
        opts.Durability.RecoveryBatchSize = options.ScheduledBatchSize;
        // Two messages with the same notification key at the same moment: the second insert fails at commit, and its retry finds it.
        opts.OnException<DocumentAlreadyExistsException>().RetryWithCooldown(50.Milliseconds(), 250.Milliseconds(), 1.Seconds());
    }
}
