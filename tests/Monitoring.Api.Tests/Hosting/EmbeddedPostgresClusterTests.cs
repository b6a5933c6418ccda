using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Api.Infrastructure.Database;
using Monitoring.Api.Tests.Infrastructure;
using Npgsql;

namespace Monitoring.Api.Tests.Hosting;

public class EmbeddedPostgresClusterTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"monitoring-launcher-{Guid.NewGuid():N}");

    [Fact]
    public async Task Data_survives_a_restart_and_no_postgres_process_is_left_behind()
    {
        var options = new EmbeddedPostgresOptions { DataDirectory = _root };

        var first = await EmbeddedPostgresCluster.StartAsync(options, NullLogger.Instance);
        var firstPid = first.PostmasterPid;
        firstPid.ShouldNotBeNull();
        await first.CreateDatabaseIfMissingAsync("monitoring");
        await ExecuteAsync(first, "create table resolutions(number text); insert into resolutions values ('27-KL/TU')");
        await first.StopAsync();

        ProcessIsAlive(firstPid.Value).ShouldBeFalse();
        PostgresProcessesOn(first.DataDirectory).ShouldBeEmpty();

        await using var second = await EmbeddedPostgresCluster.StartAsync(options, NullLogger.Instance);
        (await ScalarAsync(second, "select number from resolutions")).ShouldBe("27-KL/TU");
        await second.StopAsync();
        PostgresProcessesOn(second.DataDirectory).ShouldBeEmpty();
    }

    [Fact]
    public async Task When_the_owning_process_is_killed_the_cluster_stops_and_a_throwaway_folder_is_deleted()
    {
        using var owner = Process.Start("sleep", "300");
        var cluster = await EmbeddedPostgresCluster.StartAsync(
            new EmbeddedPostgresOptions { DataDirectory = _root, DeleteWhenOwnerExits = true }, NullLogger.Instance,
            ownerProcessId: owner.Id);
        var postmaster = cluster.PostmasterPid!.Value;

        owner.Kill();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((ProcessIsAlive(postmaster) || Directory.Exists(_root)) && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        ProcessIsAlive(postmaster).ShouldBeFalse();
        PostgresProcessesOn(cluster.DataDirectory).ShouldBeEmpty();
        Directory.Exists(_root).ShouldBeFalse();
    }

    [Fact]
    public async Task A_second_start_on_a_folder_in_use_is_refused_naming_the_folder_and_the_process_and_the_first_keeps_running()
    {
        var options = new EmbeddedPostgresOptions { DataDirectory = _root };
        var first = await EmbeddedPostgresCluster.StartAsync(options, NullLogger.Instance);
        var postmaster = first.PostmasterPid!.Value;
        var lockFile = Path.Combine(_root, "owner.lock");

        // A real flock, seen by any other process, and the descriptor did not leak into the guardian or postgres.
        (await FlockAsync(lockFile)).ShouldBe(1);
        ProcessesHolding(lockFile).ShouldBe([Environment.ProcessId]);
        (await File.ReadAllTextAsync(Path.Combine(_root, "owner.pid"))).Trim().ShouldBe(Environment.ProcessId.ToString());

        var refused = await Should.ThrowAsync<EmbeddedPostgresUnavailableException>(() => EmbeddedPostgresCluster.StartAsync(options, NullLogger.Instance));
        refused.Message.ShouldContain(_root);
        refused.Message.ShouldContain($"process {Environment.ProcessId}");
        refused.Message.ShouldContain("EmbeddedPostgres__DataDirectory");
        refused.Message.ShouldContain("ConnectionStrings__Monitoring");

        first.PostmasterPid.ShouldBe(postmaster);
        ProcessIsAlive(postmaster).ShouldBeTrue();
        await first.CreateDatabaseIfMissingAsync("monitoring");
        (await ScalarAsync(first, "select 1")).ShouldBe("1");

        await first.StopAsync();
        (await FlockAsync(lockFile)).ShouldBe(0);
        File.Exists(Path.Combine(_root, "owner.pid")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_postgres_left_running_with_no_live_owner_is_stopped_and_the_cluster_restarted_under_the_new_owner()
    {
        var options = new EmbeddedPostgresOptions { DataDirectory = _root };
        var first = await EmbeddedPostgresCluster.StartAsync(options, NullLogger.Instance);
        await first.CreateDatabaseIfMissingAsync("monitoring");
        await ExecuteAsync(first, "create table resolutions(number text); insert into resolutions values ('27-KL/TU')");
        await first.StopAsync();

        // What a killed service whose guardian never ran leaves behind: a postmaster on the folder and nobody holding the lock.
        var pgCtl = PostgresBinaries.Locate(null, PostgresBinaries.DefaultCandidateDirectories()).PgCtl;
        var started = await RunAsync(UnixUser.IsRoot ? "runuser" : pgCtl,
            [.. UnixUser.IsRoot ? new[] { "-u", "postgres", "--", pgCtl } : [], "start", "-D", first.DataDirectory, "-l", first.LogFile, "-w",
             "-o", $"-p {first.Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"]);
        started.ShouldBe(0);
        var leftover = first.PostmasterPid!.Value;
        ProcessIsAlive(leftover).ShouldBeTrue();

        await using var second = await EmbeddedPostgresCluster.StartAsync(options, NullLogger.Instance);
        ProcessIsAlive(leftover).ShouldBeFalse();
        second.PostmasterPid.ShouldNotBe(leftover);
        ProcessIsAlive(second.PostmasterPid!.Value).ShouldBeTrue();
        (await ScalarAsync(second, "select number from resolutions")).ShouldBe("27-KL/TU");
        await second.StopAsync();
        PostgresProcessesOn(second.DataDirectory).ShouldBeEmpty();
    }

    [Fact]
    public async Task Listens_on_loopback_with_a_password_and_UTF8()
    {
        await using var cluster = await EmbeddedPostgresCluster.StartAsync(new EmbeddedPostgresOptions { DataDirectory = _root }, NullLogger.Instance);
        await cluster.CreateDatabaseIfMissingAsync("monitoring");

        (await ScalarAsync(cluster, "show server_encoding")).ShouldBe("UTF8");
        (await ScalarAsync(cluster, "select 'Kết luận số 27-KL/TU'")).ShouldBe("Kết luận số 27-KL/TU");

        var withoutPassword = new NpgsqlConnectionStringBuilder(cluster.ConnectionString("monitoring")) { Password = null };
        await using var anonymous = new NpgsqlConnection(withoutPassword.ConnectionString);
        await Should.ThrowAsync<NpgsqlException>(() => anonymous.OpenAsync());
    }

    [Fact]
    public void Missing_binaries_name_the_package_to_install_and_the_external_database_setting()
    {
        var error = Should.Throw<EmbeddedPostgresUnavailableException>(() => PostgresBinaries.Locate(null, []));
        error.Message.ShouldContain("apt-get install -y postgresql");
        error.Message.ShouldContain("ConnectionStrings__Monitoring");
    }

    [Fact]
    public async Task A_configured_bin_directory_without_the_programs_fails_fast()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_root, "empty-bin")).FullName;
        var options = new EmbeddedPostgresOptions { DataDirectory = Path.Combine(_root, "pg"), BinDirectory = empty };

        var error = await Should.ThrowAsync<EmbeddedPostgresUnavailableException>(
            () => EmbeddedPostgresCluster.StartAsync(options, NullLogger.Instance));
        error.Message.ShouldContain(empty);
        Directory.Exists(Path.Combine(_root, "pg")).ShouldBeFalse();
    }

    private static async Task ExecuteAsync(EmbeddedPostgresCluster cluster, string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString("monitoring"));
        await connection.OpenAsync();
        await new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync();
    }

    private static async Task<string?> ScalarAsync(EmbeddedPostgresCluster cluster, string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString("monitoring"));
        await connection.OpenAsync();
        return (await new NpgsqlCommand(sql, connection).ExecuteScalarAsync())?.ToString();
    }

    /// <summary>Exit code of util-linux's <c>flock -n FILE true</c>: 0 when the lock is free, 1 when another process holds it.</summary>
    private static Task<int> FlockAsync(string file) => RunAsync("flock", ["-n", file, "true"]);

    private static async Task<int> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        await output;
        await error;
        return process.ExitCode;
    }

    /// <summary>The processes with an open descriptor on <paramref name="file"/>.</summary>
    internal static List<int> ProcessesHolding(string file) =>
        Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ProcessIsAlive(pid))
            .Where(pid =>
            {
                try { return Directory.GetFileSystemEntries($"/proc/{pid}/fd").Any(fd => new FileInfo(fd).LinkTarget == file); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
            })
            .ToList();

    // A zombie (state Z) has exited; it only waits for whoever adopted it to reap it.
    internal static bool ProcessIsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    internal static List<string> PostgresProcessesOn(string dataDirectory) =>
        Directory.GetDirectories("/proc")
            .Where(d => int.TryParse(Path.GetFileName(d), out var pid) && ProcessIsAlive(pid))
            .Select(d =>
            {
                try { return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' '); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
            })
            .Where(cmd => cmd.Contains("postgres") && cmd.Contains(dataDirectory))
            .ToList();

    public void Dispose() => TestDatabases.TryDelete(_root);
}
