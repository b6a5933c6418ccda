using System.Diagnostics.Metrics;
using Monitoring.Api.Infrastructure.Web;
using Npgsql;

namespace Monitoring.Api.Infrastructure.Operations;

/// <summary>
/// The service's own metrics (meter <c>Monitoring.Api</c>), on <c>/metrics</c> and through OTLP when configured. Each is
/// counted where its fact happens: reports recorded and API answers by <see cref="ApiResponseCounting"/> (a handler marks
/// a submission with <see cref="MarkSubmission"/>, counted once the answer is a success, that is once it is committed), failed
/// notifications by the sender; the chain lag is read from the database when the metrics are collected (each scrape).
/// </summary>
public sealed class MonitoringMetrics
{
    public const string MeterName = "Monitoring.Api";
    private const string SubmissionKey = "monitoring.metrics.submission";

    /// <summary>How a report came in: <c>direct</c> (POST /api/reports, or the report page), <c>draft</c> (a saved draft submitted), <c>form</c> (an Excel form uploaded to submit).</summary>
    public static readonly string[] SubmissionKinds = ["direct", "draft", "form"];

    private readonly Counter<long> _reportsRecorded;
    private readonly Counter<long> _conflicts;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _serverErrors;
    private readonly Counter<long> _notificationAttemptsFailed;
    private readonly Counter<long> _notificationDeliveriesFailed;
    private readonly IServiceProvider _services;
    private readonly ILogger<MonitoringMetrics> _logger;

    public MonitoringMetrics(IMeterFactory meters, IServiceProvider services, ILogger<MonitoringMetrics> logger)
    {
        _services = services;
        _logger = logger;
        var meter = meters.Create(MeterName);
        _reportsRecorded = meter.CreateCounter<long>("monitoring.reports.recorded",
            description: "Progress reports recorded (committed), by how they came in (kind: direct, draft, form).");
        _conflicts = meter.CreateCounter<long>("monitoring.api.conflicts",
            description: "API requests answered 409 Conflict (a stale expected version, a submission in the wrong state).");
        _rejections = meter.CreateCounter<long>("monitoring.api.rejections",
            description: "API requests refused with a 4xx status, by status.");
        _serverErrors = meter.CreateCounter<long>("monitoring.api.server_errors",
            description: "API requests answered with a 5xx status, by status.");
        _notificationAttemptsFailed = meter.CreateCounter<long>("monitoring.notifications.attempts_failed",
            description: "Notification delivery attempts that failed (each is retried up to Notifications:MaxAttempts), by channel.");
        _notificationDeliveriesFailed = meter.CreateCounter<long>("monitoring.notifications.deliveries_failed",
            description: "Notification deliveries given up after their last attempt, by channel.");
        meter.CreateObservableGauge("monitoring.chain.pending_events", ReadChainLag,
            description: "Events not yet linked into the audit hash chain (the newest event's sequence minus the chain head's), by province (each has its own chain).");

        // Every series exists from the start at 0, so that rate() and alerts see the first increment.
        foreach (var kind in SubmissionKinds) _reportsRecorded.Add(0, new KeyValuePair<string, object?>("kind", kind));
        _conflicts.Add(0);
        foreach (var channel in new[] { "Email", "Webhook" })
        {
            _notificationAttemptsFailed.Add(0, new KeyValuePair<string, object?>("channel", channel));
            _notificationDeliveriesFailed.Add(0, new KeyValuePair<string, object?>("channel", channel));
        }
    }

    /// <summary>This request records a report of this kind: counted when its answer is a success.</summary>
    public static void MarkSubmission(HttpContext context, string kind) => context.Items[SubmissionKey] = kind;

    public void NotificationAttemptFailed(string channel) =>
        _notificationAttemptsFailed.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void NotificationDeliveryFailed(string channel) =>
        _notificationDeliveriesFailed.Add(1, new KeyValuePair<string, object?>("channel", channel));

    /// <summary>Counts one answered API request. <paramref name="countStatus"/>: whether its status counts (not a form upload's inner calls).</summary>
    internal void Answered(HttpContext context, int status, bool countStatus, Func<string, string> kindOf)
    {
        if (status is >= 200 and < 300 && context.Items[SubmissionKey] is string kind)
            _reportsRecorded.Add(1, new KeyValuePair<string, object?>("kind", kindOf(kind)));
        if (!countStatus) return;
        if (status == StatusCodes.Status409Conflict) _conflicts.Add(1);
        if (status is >= 400 and < 500) _rejections.Add(1, new KeyValuePair<string, object?>("status", status.ToString()));
        else if (status >= 500) _serverErrors.Add(1, new KeyValuePair<string, object?>("status", status.ToString()));
    }

    /// <summary>
    /// Per province, two index look-ups (the newest event, the chain head) in its database; a province whose database does
    /// not answer within 2 s is left out of this scrape.
    /// </summary>
    private IEnumerable<Measurement<long>> ReadChainLag()
    {
        var measurements = new List<Measurement<long>>();
        // Not before the provinces are prepared at start: listing them then would build the national schema beside the start-up.
        if (_services.GetService<Provinces.ProvinceRegistry>() is not { Ready: true }) return measurements;
        IReadOnlyList<Marten.Storage.IMartenDatabase> databases;
        try
        {
            databases = _services.GetRequiredService<Marten.IDocumentStore>().Storage.AllDatabases().AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            _logger.LogWarning("The provinces' databases could not be listed for the chain lag: {Message}", e.Message);
            return measurements;
        }
        foreach (var database in databases)
        {
            try
            {
                using var connection = database.CreateConnection();
                connection.Open();
                using var command = new NpgsqlCommand(
                    $"select coalesce((select max(seq_id) from {MartenSetup.Schema}.mt_events), 0) - " +
                    $"coalesce((select max(seq_id) from {MartenSetup.Schema}.{Audit.AuditChain.Table}), 0)", connection) { CommandTimeout = 2 };
                var lag = Convert.ToInt64(command.ExecuteScalar());
                measurements.Add(new Measurement<long>(Math.Max(0, lag), new KeyValuePair<string, object?>("province", database.Identifier)));
            }
            catch (Exception e)
            {
                _logger.LogWarning("The chain lag of province {Province} could not be read: {Message}", database.Identifier, e.Message);
            }
        }
        return measurements;
    }
}

/// <summary>Counts every <c>/api</c> answer (first in the pipeline the pages' in-process calls also go through).</summary>
public sealed class ApiResponseCounting(RequestDelegate next, MonitoringMetrics metrics, IHttpContextAccessor accessor)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }
        // A call a page makes in process counts; one an API endpoint makes (the form upload's draft and submit) is counted
        // as that endpoint's own answer, once.
        var outer = InProcessApi.IsInProcess(context) ? accessor.HttpContext : null;
        var countStatus = outer is null || !outer.Request.Path.StartsWithSegments("/api");
        string KindOf(string kind) =>
            kind == "draft" && outer is not null && outer.Request.Path.StartsWithSegments("/api/submissions/form") ? "form" : kind;
        try
        {
            await next(context);
        }
        catch
        {
            metrics.Answered(context, StatusCodes.Status500InternalServerError, countStatus, KindOf);
            throw;
        }
        metrics.Answered(context, context.Response.StatusCode, countStatus, KindOf);
    }
}
