using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Monitoring.Api.Audit;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Reporting;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;
using Monitoring.Domain.Units;
using Marten;
using Monitoring.Api.Infrastructure.Database;
using Weasel.Core;
using Wolverine.Marten;

namespace Monitoring.Api.Infrastructure;

public static class MartenSetup
{
    public const string Schema = "monitoring";
    public const string WolverineSchema = "wolverine";

    /// <summary>
    /// Event store and documents in PostgreSQL. Projections are inline; the async work (the hash chain's subscription) runs
    /// under Marten's daemon in HotCold mode: of all the nodes on one database, the one holding the daemon's advisory lock
    /// runs it, the others poll for the lock and one of them takes over when that node's session ends (README, Deployment).
    /// </summary>
    public static IServiceCollection AddMonitoringMarten(this IServiceCollection services)
    {
        services.AddMarten(sp =>
            {
                var options = new StoreOptions();
                // One database per province (Provinces/): the national database holds Marten's table of them, which a node
                // reads again when asked for a province it does not know yet, so one added at run time needs no restart.
                options.MultiTenantedDatabasesWithMasterDatabaseTable(tenancy =>
                {
                    var national = sp.GetRequiredService<MonitoringDatabase>().ConnectionString;
                    tenancy.ConnectionString = national;
                    tenancy.SchemaName = Provinces.ProvinceRegistry.TenancySchema;
                    // Each node names its connections to every province's database as it names its own (pg_stat_activity).
                    tenancy.ApplicationName = new Npgsql.NpgsqlConnectionStringBuilder(national).ApplicationName ?? "Monitoring";
                });
                options.DatabaseSchemaName = Schema;
                // Event timestamps come from the service's clock, so "as of" views and the tests that exercise them agree.
                options.Events.TimeProvider = sp.GetRequiredService<TimeProvider>();
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
                // EnableAll() leaves the user name off in Marten 9.58, so each field is switched on by name.
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Events.MetadataConfig.CausationIdEnabled = true;
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.Events.MetadataConfig.UserNameEnabled = true;

                // Each aggregate's document is its Domain Evolve run by Marten (Projections.cs), inline and for live aggregation.
                options.Projections.Add<UnitProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<ResolutionProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<TargetProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<ResolutionTaskProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<ProgressReportProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<SubmissionProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add(new Targets.FigureRecordProjection(), ProjectionLifecycle.Inline);
                // The target projection stores its state aside every so many events (checkpoints for as-of reads).
                options.Events.EnableSideEffectsOnInlineProjections = true;
                options.Schema.For<Targets.TargetCheckpoint>().Index(c => c.TargetId);

                options.Schema.For<Unit>().UniqueIndex(u => u.Code);
                options.Schema.For<Resolution>().UniqueIndex(r => r.Number);
                options.Schema.For<Target>().Index(t => t.ResolutionId);
                options.Schema.For<ResolutionTask>().Index(t => t.ResolutionId);
                options.Schema.For<ProgressReport>().Index(r => r.UnitId);
                options.Schema.For<Submission>().Index(s => s.UnitId).Index(s => s.ResolutionId);
                options.Schema.For<Targets.FigureRecord>().Index(r => r.TargetId);
                options.Schema.For<IdempotentResponse>();
                options.Schema.For<Reviews.ReviewFile>().Index(f => f.ResolutionId);
                // Issue 14, notifications: each recorded once under its key, each delivery its own document (written only by its sender).
                options.Schema.For<Notifications.Notification>().Index(n => n.UnitId).Index(n => n.Kind).Index(n => n.CreatedAt);
                options.Schema.For<Notifications.NotificationDelivery>().Index(d => d.NotificationId).Index(d => d.Status);
                options.Schema.For<Notifications.WebhookSecrets>();
                options.Schema.For<Notifications.ReminderSweepRun>();

                // Explanation requests (issue 14): their events are on the target's, task's or submission's stream; their read model inline.
                options.Projections.Add(new Explanations.ExplanationRequestProjection(), ProjectionLifecycle.Inline);
                options.Schema.For<Explanations.ExplanationRequestView>().Index(v => v.ResolutionId).Index(v => v.SubjectId);

                // Tamper evidence: every event sealed as it is saved, and linked into the hash chain by the async daemon.
                options.Listeners.Add(new SealingListener(AuditOptions.ResolveKey(sp.GetRequiredService<IConfiguration>())));
                options.Storage.ExtendedSchemaObjects.Add(AuditSchema.ChainTable());
                options.Events.Subscribe(new HashChainSubscription());
                // How often a node without the daemon tries to take it: the bound on the chain's pause when its node dies.
                options.Projections.LeadershipPollingTime = sp.GetRequiredService<IConfiguration>().GetValue("Daemon:LeadershipPollingMilliseconds", 2000);
                return options;
            })
            .UseLightweightSessions()
            // A session taken from the container (not from Wolverine, which opens the caller's province itself) is the caller's province's.
            .BuildSessionsWith<Provinces.ProvinceSessionFactory>()
            .IntegrateWithWolverine(integration => integration.MessageStorageSchemaName = WolverineSchema)
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(DaemonMode.HotCold);
        return services;
    }
}
