using System.Globalization;
using Marten;
using Monitoring.Api.Notifications;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Notifications;

/// <summary>
/// The daily sweep runs at a time of day; a service that was down at that time runs today's sweep when it starts, if it has
/// been sweeping before (a new installation has nothing to catch up). The built service as a real process, on real time.
/// </summary>
public class NotificationCatchUpTests : IAsyncLifetime
{
    private readonly List<ServiceProcess> _services = [];
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await TestDatabases.CreateDatabaseAsync(nameof(NotificationCatchUpTests));

    public async Task DisposeAsync()
    {
        foreach (var service in _services) await service.DisposeAsync();
    }

    private static DateOnly VietnamToday => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).DateTime);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<ServiceProcess> StartAsync()
    {
        var service = ServiceProcess.Launch(new Dictionary<string, string>
        {
            ["ConnectionStrings__Monitoring"] = _connectionString,
            ["Auth__SigningKey"] = AppFixture.TestSigningKey,
            // Today's sweep time has passed whenever the test runs (after a minute past midnight, Vietnam time).
            ["Notifications__SweepAt"] = "00:00:30",
            ["Notifications__SchedulePollingSeconds"] = "0.5",
        });
        _services.Add(service);
        await service.WaitUntilReadyAsync();
        return service;
    }

    private async Task<ReminderSweepRun?> RunOfAsync(DateOnly day)
    {
        using var store = DocumentStore.For(o =>
        {
            o.Connection(TestDatabases.ProvinceDatabase(_connectionString));
            o.DatabaseSchemaName = Monitoring.Api.Infrastructure.MartenSetup.Schema;
        });
        await using var session = store.QuerySession();
        return await session.LoadAsync<ReminderSweepRun>(Day(day));
    }

    private async Task<long> ScheduledSweepsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestDatabases.ProvinceDatabase(_connectionString));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "select count(*) from wolverine.wolverine_incoming_envelopes where status = 'Scheduled' and message_type ilike '%sweepreminders%'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_service_down_at_the_sweep_time_runs_todays_sweep_when_it_starts_and_a_new_installation_does_not()
    {
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        if (now.TimeOfDay < TimeSpan.FromMinutes(1) || now.TimeOfDay > new TimeSpan(23, 58, 0))
            await Task.Delay(TimeSpan.FromMinutes(3));
        var today = VietnamToday;

        // A new installation: nothing to catch up, today's sweep is left to tomorrow's time.
        var first = await StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await RunOfAsync(today)).ShouldBeNull(first.Output);
        first.Output.ShouldNotContain("could not be scheduled");
        (await ScheduledSweepsAsync()).ShouldBeGreaterThan(0, "the daily sweep is scheduled, durably, at start");
        first.KillHard();

        // It swept yesterday, then was down at today's sweep time: the next start sweeps today, once.
        using (var store = DocumentStore.For(o =>
               {
                   o.Connection(TestDatabases.ProvinceDatabase(_connectionString));
                   o.DatabaseSchemaName = Monitoring.Api.Infrastructure.MartenSetup.Schema;
               }))
        {
            await using var session = store.LightweightSession();
            session.Store(new ReminderSweepRun { Id = Day(today.AddDays(-1)), RanAt = DateTimeOffset.UtcNow.AddDays(-1) });
            await session.SaveChangesAsync();
        }
        var second = await StartAsync();
        try
        {
            await Eventually.UntilAsync(async () => await RunOfAsync(today) is not null, "today's sweep ran at the start", TimeSpan.FromSeconds(60));
        }
        catch (ShouldAssertException e)
        {
            throw new ShouldAssertException(e.Message + "\n" + second.Output);
        }
        var ran = (await RunOfAsync(today))!;
        ran.RanAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-2));

        // A third start the same day finds today's run and leaves it alone.
        second.KillHard();
        await StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await RunOfAsync(today))!.RanAt.ShouldBe(ran.RanAt);
    }
}
