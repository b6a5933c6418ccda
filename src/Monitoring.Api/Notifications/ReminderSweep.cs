using System.Globalization;
using Marten;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Reporting;
using Monitoring.Domain.Notifications;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Units;
using Wolverine;

namespace Monitoring.Api.Notifications;

/// <summary>The daily sweep, a durable scheduled message that schedules the next day's when it has run.</summary>
public sealed record SweepReminders;

/// <summary>The check scheduled when a report is submitted: has it waited for approval longer than allowed?</summary>
public sealed record CheckApprovalWait(Guid SubmissionId, DateTimeOffset SubmittedAt);

/// <summary>A day the daily sweep ran (id: the day, yyyy-MM-dd): however many sweeps were scheduled for it, one runs.</summary>
public sealed class ReminderSweepRun
{
    public string Id { get; set; } = "";
    public DateTimeOffset RanAt { get; set; }
    public int Reminders { get; set; }
    public int ApprovalWaits { get; set; }
}

public sealed record SweepResult(DateOnly Day, int Reminders, int ApprovalWaits, DateTimeOffset RemindAt);

/// <summary>
/// One day's reminders and approval waits, from the obligations as they stand: each reminder is scheduled durably for the day's
/// <c>RemindAt</c> (sent at once when that time has passed), each approval wait sent at once. Keys are deterministic, so running it
/// twice, or in two processes, records and sends nothing twice; whether a reminder still applies is checked when it is due.
/// </summary>
public sealed class ReminderSweeper(ReportingCalendar calendar, NotificationOptions options)
{
    public async Task<SweepResult> RunAsync(IQuerySession session, IMessageBus bus, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var world = await ObligationReader.LoadAsync(session, null, null, null, ct);
        var reminders = Reminders.Due(world.Obligations(calendar, today, null, null), options.Schedule);
        var units = await world.UnitsAsync(session, reminders.Select(r => r.Obligation.UnitId), ct);
        var resolutions = world.Resolutions.ToDictionary(r => r.Id);
        var remindAt = NotificationOptions.At(today, options.RemindTime);
        foreach (var reminder in reminders)
        {
            var o = reminder.Obligation;
            var (subject, body) = NotificationTexts.Reminder(reminder, units.GetValueOrDefault(o.UnitId)?.Name ?? "", resolutions[o.ResolutionId].Number);
            var link = string.Create(CultureInfo.InvariantCulture, $"/api/obligations?unitId={o.UnitId}&resolutionId={o.ResolutionId}&period={o.Period}");
            var message = new NotifyUnit(reminder.Key, reminder.Kind, o.UnitId, subject, body, link);
            if (remindAt > now) await bus.ScheduleAsync(message, remindAt - now);
            else await bus.PublishAsync(message);
        }

        var waiting = await session.Query<Submission>().Where(s => s.State == SubmissionState.Submitted).ToListAsync(ct);
        var late = waiting.Where(s => Reminders.WaitingTooLong(s, now, options.ApprovalWait)).ToList();
        foreach (var submission in late)
            await bus.PublishAsync(await ApprovalWaiting.MessageAsync(session, submission, options, ct));
        return new SweepResult(today, reminders.Count, late.Count, remindAt);
    }

    /// <summary>The next time of day the sweep runs, after <paramref name="now"/>.</summary>
    public DateTimeOffset NextRun(DateTimeOffset now)
    {
        var today = ProvinceClock.DateOf(now);
        var next = NotificationOptions.At(today, options.SweepTime);
        return next > now ? next : NotificationOptions.At(today.AddDays(1), options.SweepTime);
    }
}

public static class ApprovalWaiting
{
    public static async Task<NotifySecretariat> MessageAsync(IQuerySession session, Submission submission, NotificationOptions options,
        CancellationToken ct)
    {
        var unit = await session.LoadAsync<Unit>(submission.UnitId, ct);
        var resolution = await session.LoadAsync<Resolution>(submission.ResolutionId, ct);
        var submittedAt = submission.LastSubmittedAt!.Value;
        var (subject, body) = NotificationTexts.ApprovalWaiting(submission.Period, resolution?.Number ?? "", unit?.Name ?? "", submittedAt,
            (int)Math.Ceiling(options.ApprovalWaitDays));
        return new NotifySecretariat(Reminders.ApprovalWaitingKey(submission.Id, submittedAt), NotificationKinds.ApprovalWaiting, subject, body,
            $"/api/submissions/{submission.Id}");
    }
}

public static class SweepRemindersHandler
{
    public static async Task Handle(SweepReminders message, IDocumentSession session, IMessageBus bus, ReminderSweeper sweeper, TimeProvider clock,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var day = clock.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // Another sweep already ran today (and scheduled the next one): this one stops the duplicate chain here.
        if (await session.LoadAsync<ReminderSweepRun>(day, ct) is not null) return;
        var result = await sweeper.RunAsync(session, bus, clock.Today(), now, ct);
        session.Insert(new ReminderSweepRun { Id = day, RanAt = now, Reminders = result.Reminders, ApprovalWaits = result.ApprovalWaits });
        await bus.ScheduleAsync(new SweepReminders(), sweeper.NextRun(now) - now);
    }
}

public static class CheckApprovalWaitHandler
{
    /// <summary>When it fires, the submission must still wait, in the same round; a check that fires early (clock skew) waits again.</summary>
    public static async Task Handle(CheckApprovalWait message, IDocumentSession session, IMessageBus bus, NotificationOptions options,
        TimeProvider clock, CancellationToken ct)
    {
        var submission = await session.LoadAsync<Submission>(message.SubmissionId, ct);
        if (submission is not { State: SubmissionState.Submitted } || submission.LastSubmittedAt != message.SubmittedAt) return;
        var now = clock.GetUtcNow();
        var due = message.SubmittedAt + options.ApprovalWait;
        if (due > now)
        {
            await bus.ScheduleAsync(message, due - now);
            return;
        }
        await bus.PublishAsync(await ApprovalWaiting.MessageAsync(session, submission, options, ct));
    }
}

/// <summary>
/// At start, the daily sweep is scheduled for its next time (a duplicate chain left by an earlier start stops by itself); and a
/// service that has been sweeping daily but was down at today's sweep time runs today's sweep now, so today's reminders are not lost.
/// A province this node has not scheduled yet (added later, by the command line or on another node, or not reachable at start)
/// is scheduled at the next look, every <see cref="LookInterval"/>: every node does so, and the chains beyond the first stop by themselves.
/// </summary>
/// <remarks>It runs once the host has started (<see cref="IHostedLifecycleService.StartedAsync"/>): Wolverine accepts no message before.</remarks>
public sealed class ReminderSweepStarter(IServiceProvider services, NotificationOptions options, ReminderSweeper sweeper, TimeProvider clock,
    ILogger<ReminderSweepStarter> logger) : IHostedLifecycleService
{
    public static readonly TimeSpan LookInterval = TimeSpan.FromSeconds(15);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _scheduled = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private Task _looking = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try { await _looking; } catch (OperationCanceledException) { }
    }

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!options.DailySweep) return;
        await LookAsync(cancellationToken);
        _looking = KeepLookingAsync(_stopping.Token);
    }

    private async Task KeepLookingAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(LookInterval);
        while (await timer.WaitForNextTickAsync(ct)) await LookAsync(ct);
    }

    private async Task LookAsync(CancellationToken ct)
    {
        IReadOnlyList<Provinces.Province> provinces;
        try
        {
            provinces = await services.GetRequiredService<Provinces.ProvinceRegistry>().AllAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "The provinces could not be listed to schedule their daily reminder sweep; trying again in {Seconds} s",
                LookInterval.TotalSeconds);
            return;
        }
        foreach (var province in provinces.Where(p => !_scheduled.ContainsKey(p.Code)))
        {
            try
            {
                await StartForAsync(province.Code, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogError(e, "The daily reminder sweep of province {Province} could not be scheduled now; trying again in {Seconds} s",
                    province.Code, LookInterval.TotalSeconds);
            }
        }
    }

    /// <summary>Each province sweeps its own record: its sweep is a message of that province (Wolverine's tenant), stored in its database.</summary>
    public async Task StartForAsync(string province, CancellationToken ct)
    {
        if (!options.DailySweep) return;
        using var scope = services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        var now = clock.GetUtcNow();
        // A fresh DeliveryOptions each time: scheduling writes its delay into the one it is given.
        DeliveryOptions OfProvince() => new() { TenantId = province };
        await bus.ScheduleAsync(new SweepReminders(), sweeper.NextRun(now) - now, OfProvince());
        _scheduled[province] = true;
        if (await MissedTodayAsync(scope.ServiceProvider.GetRequiredService<IDocumentStore>(), province, now, ct))
        {
            logger.LogInformation("Today's reminder sweep of province {Province} was missed while the service was down; running it now", province);
            await bus.PublishAsync(new SweepReminders(), OfProvince());
        }
    }

    /// <summary>Today's sweep time has passed, today has no run, and the service has run sweeps before (a new installation has nothing to catch up).</summary>
    private async Task<bool> MissedTodayAsync(IDocumentStore store, string province, DateTimeOffset now, CancellationToken ct)
    {
        var today = ProvinceClock.DateOf(now);
        if (NotificationOptions.At(today, options.SweepTime) > now) return false;
        await using var session = store.QuerySession(province);
        return await session.LoadAsync<ReminderSweepRun>(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ct) is null
               && await session.Query<ReminderSweepRun>().AnyAsync(ct);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
