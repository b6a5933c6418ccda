using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Api.Infrastructure.Database;
using Monitoring.Api.Tests.Hosting;
using Monitoring.Api.Tests.Infrastructure;
using Npgsql;

namespace Monitoring.Api.Tests.Faults;

/// <summary>The embedded launcher starts its postmaster again when it dies, and only then.</summary>
public class PostmasterSupervisionTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"monitoring-supervised-{Guid.NewGuid():N}"[..45]);
    private EmbeddedPostgresCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await EmbeddedPostgresCluster.StartAsync(new EmbeddedPostgresOptions { DataDirectory = _root, DeleteWhenOwnerExits = true }, NullLogger.Instance);
        await _cluster.CreateDatabaseIfMissingAsync("monitoring");
        await ExecuteAsync("create table resolutions(number text); insert into resolutions values ('27-KL/TU')");
    }

    [Fact]
    public async Task A_postmaster_killed_with_SIGKILL_is_started_again_with_its_data()
    {
        var killed = _cluster.PostmasterPid!.Value;
        Kill(killed);

        var restarted = await RestartedAsync(killed);
        _cluster.Restarts.ShouldBe(1);
        EmbeddedPostgresClusterTests.ProcessIsAlive(restarted).ShouldBeTrue();
        (await ExecuteAsync("select number from resolutions")).ShouldBe("27-KL/TU");
    }

    [Fact]
    public async Task A_stale_postmaster_pid_naming_a_live_process_that_is_no_postgres_does_not_keep_it_down()
    {
        var killed = _cluster.PostmasterPid!.Value;
        // The server refuses to start while the process its postmaster.pid names is alive (a reused number, a zombie no one reaps).
        using var impostor = Process.Start(UnixUser.IsRoot ? "runuser" : "sleep", UnixUser.IsRoot ? ["-u", "postgres", "--", "sleep", "120"] : ["120"]);
        await Task.Delay(200);
        var impostorPid = UnixUser.IsRoot ? ChildOf(impostor.Id) : impostor.Id;
        Kill(killed);
        var pidFile = Path.Combine(_cluster.DataDirectory, "postmaster.pid");
        var lines = await File.ReadAllLinesAsync(pidFile);
        lines[0] = impostorPid.ToString();
        await File.WriteAllLinesAsync(pidFile, lines);
        try
        {
            var restarted = await RestartedAsync(killed);
            restarted.ShouldNotBe(impostorPid);
            (await ExecuteAsync("select number from resolutions")).ShouldBe("27-KL/TU");
        }
        finally
        {
            impostor.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task A_cluster_stopped_on_purpose_is_not_started_again()
    {
        await _cluster.StopAsync();
        await Task.Delay(EmbeddedPostgresCluster.SupervisionInterval * 3);
        EmbeddedPostgresClusterTests.PostgresProcessesOn(_cluster.DataDirectory).ShouldBeEmpty();
        _cluster.Restarts.ShouldBe(0);
    }

    private async Task<int> RestartedAsync(int killed)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_cluster.PostmasterPid is { } pid && pid != killed && _cluster.Restarts > 0)
            {
                try
                {
                    await ExecuteAsync("select 1");
                    return pid;
                }
                catch (NpgsqlException) { }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The postmaster was not started again within 60 s");
    }

    private static void Kill(int pid)
    {
        using var kill = Process.Start("kill", ["-KILL", pid.ToString()]);
        kill.WaitForExit();
    }

    private static int ChildOf(int parent) =>
        int.Parse(File.ReadAllText($"/proc/{parent}/task/{parent}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);

    private async Task<string?> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_cluster.ConnectionString("monitoring"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync())?.ToString();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAsync();
        TestDatabases.TryDelete(_root);
    }
}
