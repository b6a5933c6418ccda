using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Monitoring.Api.Infrastructure.Database;

/// <summary>
/// A private PostgreSQL cluster run from the installed server programs: created on first start, listening on
/// 127.0.0.1 only (no Unix socket), password-protected, stopped on dispose. When the process runs as root the
/// programs run as the <c>postgres</c> user, because initdb and postgres refuse to run as root.
/// The process that starts it owns its folder for as long as it lives (<see cref="ClusterOwnerLock"/>): a second
/// process on the same folder is refused instead of sharing, or later stopping, a cluster another live process uses.
/// </summary>
public sealed class EmbeddedPostgresCluster : IAsyncDisposable
{
    private const string SystemUser = "postgres";
    private const string Superuser = "postgres";

    private readonly PostgresBinaries _binaries;
    private readonly ILogger _logger;
    private readonly string _password;
    private readonly ClusterOwnerLock _owner;
    private readonly CancellationTokenSource _supervision = new();
    private Task _supervisor = Task.CompletedTask;
    private int _ownerProcessId;
    private bool _deleteRootWhenOwnerExits;
    private bool _stopped;
    private int _restarts;

    /// <summary>How often the supervisor looks at the postmaster, and the longest it waits between two failed restarts.</summary>
    public static readonly TimeSpan SupervisionInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRestartBackOff = TimeSpan.FromSeconds(10);

    /// <summary>Times the supervisor started the postmaster again after it died.</summary>
    public int Restarts => _restarts;

    public string RootDirectory { get; }
    public string DataDirectory => Path.Combine(RootDirectory, "data");
    public string LogFile => Path.Combine(RootDirectory, "log", "postgres.log");
    public int Port { get; }

    private EmbeddedPostgresCluster(PostgresBinaries binaries, string root, int port, string password, ClusterOwnerLock owner, ILogger logger)
    {
        _binaries = binaries;
        RootDirectory = root;
        Port = port;
        _password = password;
        _owner = owner;
        _logger = logger;
    }

    public const int MaxConnections = 300;

    /// <summary>
    /// A pool capped well below the server's connection limit: a burst of requests waits for a pooled connection instead
    /// of taking every connection the server has (and leaving none to a second process, the daemon or an operator).
    /// </summary>
    public const int MaxPoolSize = 50;

    /// <summary>
    /// Seconds to wait for a connection, and for a command: while the database is away a request fails (503) within
    /// these bounds instead of hanging (README, Faults).
    /// </summary>
    public const int ConnectTimeoutSeconds = 5;
    public const int CommandTimeoutSeconds = 30;

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Password = _password,
        Database = database,
        MaxPoolSize = MaxPoolSize,
        Timeout = ConnectTimeoutSeconds,
        CommandTimeout = CommandTimeoutSeconds,
    }.ConnectionString;

    /// <summary>The postmaster's process id, read from postmaster.pid; null when the cluster is not running.</summary>
    public int? PostmasterPid => ReadPostmasterPid(DataDirectory);

    /// <summary>
    /// Takes the folder's owner lock (or refuses: another live process runs this cluster), creates the cluster on first
    /// use, stops a postmaster left running by an owner that is gone, and starts the cluster with a guardian that stops
    /// it if <paramref name="ownerProcessId"/> (default: this process) dies without stopping it.
    /// </summary>
    public static async Task<EmbeddedPostgresCluster> StartAsync(EmbeddedPostgresOptions options, ILogger logger,
        IEnumerable<string>? candidateBinDirectories = null, int? ownerProcessId = null, CancellationToken ct = default)
    {
        var binaries = PostgresBinaries.Locate(options.BinDirectory,
            candidateBinDirectories ?? PostgresBinaries.DefaultCandidateDirectories());
        if (OperatingSystem.IsWindows())
            throw new EmbeddedPostgresUnavailableException("The embedded PostgreSQL runs on Linux only; set ConnectionStrings:Monitoring.");
        var root = options.ResolveDataDirectory();
        Directory.CreateDirectory(root, Traversable);

        // First of all, before initdb or anything that touches a running cluster.
        var owner = ClusterOwnerLock.Acquire(root);
        EmbeddedPostgresCluster? cluster = null;
        try
        {
            var password = await PrepareAsync(binaries, root, logger, ct);
            cluster = new EmbeddedPostgresCluster(binaries, root, options.Port > 0 ? options.Port : FreeTcpPort(), password, owner, logger);
            await cluster.StopLeftoverAsync(ct);
            await cluster.RunPgCtlStartAsync(ct);
            cluster._ownerProcessId = ownerProcessId ?? Environment.ProcessId;
            cluster._deleteRootWhenOwnerExits = options.DeleteWhenOwnerExits;
            await cluster.StartGuardianAsync(cluster._ownerProcessId, cluster._deleteRootWhenOwnerExits, ct);
            cluster._supervisor = cluster.SuperviseAsync(cluster._supervision.Token);
        }
        catch
        {
            if (cluster?.PostmasterPid is { } pid && IsRunningPostgres(pid))
                await cluster.StopAsync();
            owner.Dispose();
            throw;
        }

        logger.LogInformation("Embedded PostgreSQL {Version} running on 127.0.0.1:{Port}; data lives in {DataDirectory}",
            Path.GetFileName(Path.GetDirectoryName(binaries.Directory)), cluster.Port, cluster.DataDirectory);
        return cluster;
    }

    public async Task CreateDatabaseIfMissingAsync(string database, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = database } },
        };
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        await using var create = new NpgsqlCommand(
            $"create database \"{database.Replace("\"", "\"\"")}\" encoding 'UTF8' template template0", connection);
        await create.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Stops the cluster, then gives up the folder's owner lock.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _supervision.CancelAsync();
        try { await _supervisor; } catch (OperationCanceledException) { }
        try
        {
            NpgsqlConnection.ClearAllPools();
            var result = await PgCtlStopAsync(CancellationToken.None);
            if (result.ExitCode == 0)
                _logger.LogInformation("Embedded PostgreSQL stopped ({DataDirectory})", DataDirectory);
            else
                _logger.LogError("Embedded PostgreSQL did not stop cleanly: {Output}", result.Output);
        }
        finally
        {
            _owner.Dispose();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>
    /// A postmaster still running on this folder although this process holds the owner lock belongs to no live service:
    /// its owner was killed and its guardian has not stopped it yet (or is stopping it right now, or never will). It is
    /// stopped, not adopted, so that the cluster runs under this service's own guardian. The old guardian signals only
    /// the postmaster it was started for, so it never touches the one started next.
    /// </summary>
    private async Task StopLeftoverAsync(CancellationToken ct)
    {
        if (PostmasterPid is not { } leftover || !IsRunningPostgres(leftover)) return;
        _logger.LogWarning("A PostgreSQL (process {Pid}) is still running on {DataDirectory}, left by a service that is gone; stopping it to start the cluster under this service",
            leftover, DataDirectory);
        // If the old guardian stops it at the same moment, pg_ctl may find it gone and fail: what counts is that it is gone.
        var result = await PgCtlStopAsync(ct);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (IsRunningPostgres(leftover) && DateTime.UtcNow < deadline)
            await Task.Delay(100, ct);
        if (IsRunningPostgres(leftover))
            throw new EmbeddedPostgresUnavailableException(
                $"A PostgreSQL (process {leftover}) left running on {DataDirectory} by a service that is gone did not stop " +
                $"(pg_ctl exit {result.ExitCode}: {result.Output}); stop it, then start the service again.");
    }

    /// <summary>
    /// Starts the postmaster again whenever it is gone (killed, crashed) while this process owns the cluster: the service
    /// otherwise stays without its database until someone restarts it. A failed start (the dead postmaster's backends
    /// still hold its shared memory for a moment) is tried again after 1, 2, 4... up to <see cref="MaxRestartBackOff"/>.
    /// </summary>
    private async Task SuperviseAsync(CancellationToken ct)
    {
        var backOff = TimeSpan.FromSeconds(1);
        DateTime? goneSince = null;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(goneSince is null ? SupervisionInterval : backOff, ct);
                if (PostmasterPid is { } pid && IsRunningPostgres(pid))
                {
                    goneSince = null;
                    continue;
                }
                // Stopped on purpose by the guardian because its owner (another process) is gone: not to be started again.
                if (!IsAlive(_ownerProcessId)) return;
                if (goneSince is null)
                {
                    goneSince = DateTime.UtcNow;
                    _logger.LogError("The embedded PostgreSQL postmaster on {DataDirectory} is gone (last process {Pid}); starting it again",
                        DataDirectory, PostmasterPid);
                }
                // Connections of the dead server are broken: none of them is handed out again.
                NpgsqlConnection.ClearAllPools();
                RemoveStalePidFile();
                await RunPgCtlStartAsync(ct);
                await StartGuardianAsync(_ownerProcessId, _deleteRootWhenOwnerExits, ct);
                Interlocked.Increment(ref _restarts);
                _logger.LogWarning("Embedded PostgreSQL started again {Seconds:0.0} s after its postmaster was found gone (restart {Count})",
                    (DateTime.UtcNow - goneSince.Value).TotalSeconds, _restarts);
                goneSince = null;
                backOff = TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                _logger.LogWarning("Embedded PostgreSQL did not start again yet, next try in {Seconds} s: {Message}", backOff.TotalSeconds, e.Message);
                backOff = TimeSpan.FromTicks(Math.Min(backOff.Ticks * 2, MaxRestartBackOff.Ticks));
            }
        }
    }

    /// <summary>
    /// A postmaster.pid whose process number is still taken, by a zombie no one reaps or by another program that reused
    /// it, makes the server refuse to start for good: that file is removed. A file naming no process at all is left to
    /// the server, which then also checks that no backend of the dead postmaster still holds its shared memory.
    /// </summary>
    private void RemoveStalePidFile()
    {
        if (PostmasterPid is not { } pid || IsRunningPostgres(pid) || !Directory.Exists($"/proc/{pid}")) return;
        try
        {
            File.Delete(Path.Combine(DataDirectory, "postmaster.pid"));
            _logger.LogWarning("Removed the stale postmaster.pid naming process {Pid}, which is no live postgres", pid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Could not remove the stale postmaster.pid of process {Pid}: {Message}", pid, e.Message);
        }
    }

    /// <summary>pg_ctl stop in fast mode (open connections are closed), waiting up to a minute.</summary>
    private Task<ProcessResult> PgCtlStopAsync(CancellationToken ct) =>
        RunAsync(_binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], ct);

    private async Task RunPgCtlStartAsync(CancellationToken ct)
    {
        // Room for the service's pools (each capped below, see ConnectionString), a second instance and the tools beside them.
        var serverOptions = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections={MaxConnections}";
        var result = await RunAsync(_binaries.PgCtl,
            ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", serverOptions], ct);
        if (result.ExitCode != 0)
            throw new EmbeddedPostgresUnavailableException(
                $"The embedded PostgreSQL in {DataDirectory} did not start (pg_ctl exit {result.ExitCode}): {result.Output}\n" +
                $"Last lines of {LogFile}:\n{Tail(LogFile)}");
    }

    /// <summary>
    /// A detached watcher that stops this cluster if the owning process dies without stopping it (killed, crashed),
    /// so no postgres is ever left running. It signals only the postmaster it was started for, so a later service
    /// start on the same folder is never touched.
    /// </summary>
    private async Task StartGuardianAsync(int ownerProcessId, bool deleteRoot, CancellationToken ct)
    {
        var postmaster = PostmasterPid ?? throw new EmbeddedPostgresUnavailableException($"No postmaster.pid in {DataDirectory} after start");
        var pidFile = Quote(Path.Combine(DataDirectory, "postmaster.pid"));
        var script =
            "exec </dev/null >/dev/null 2>&1; " +
            $"tail --pid={ownerProcessId} -f /dev/null; " +
            $"if [ \"$(head -n 1 {pidFile})\" = \"{postmaster}\" ]; then kill -INT {postmaster}; fi; " +
            (deleteRoot
                ? $"i=0; while [ -e {pidFile} ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; rm -rf {Quote(RootDirectory)}"
                : "true");
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, ArgumentList = { "--fork", "sh", "-c", script } };
        using var launcher = Process.Start(start) ?? throw new EmbeddedPostgresUnavailableException("Could not start setsid");
        await launcher.WaitForExitAsync(ct);
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''") + "'";

    private const UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                             UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
                                             UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Creates the folders and, on first use, the cluster; returns the superuser password.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static async Task<string> PrepareAsync(PostgresBinaries binaries, string root, ILogger logger, CancellationToken ct)
    {
        var data = Path.Combine(root, "data");
        var log = Path.Combine(root, "log");
        var passwordFile = Path.Combine(root, "superuser.password");
        Directory.CreateDirectory(log, Traversable);
        Directory.CreateDirectory(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        if (File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            if (!File.Exists(passwordFile))
                throw new EmbeddedPostgresUnavailableException(
                    $"{data} holds a PostgreSQL cluster but {passwordFile} is missing; restore it or choose another {EmbeddedPostgresOptions.Section}:DataDirectory.");
            return (await File.ReadAllTextAsync(passwordFile, ct)).Trim();
        }

        if (UnixUser.IsRoot)
        {
            await RunCheckedAsync("chown", ["-R", $"{SystemUser}:{SystemUser}", data, log], asSystemUser: false, ct);
            var reach = await RunAsync("test", ["-w", data], ct);
            if (reach.ExitCode != 0)
                throw new EmbeddedPostgresUnavailableException(
                    $"The '{SystemUser}' user cannot write to {data} (a parent folder is closed to it, e.g. /root is mode 700). " +
                    $"Set {EmbeddedPostgresOptions.Section}:DataDirectory to a folder outside it, such as /var/lib/monitoring/postgres.");
        }

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var initPasswordFile = Path.Combine(log, ".initdb-password");
        await File.WriteAllTextAsync(initPasswordFile, password, ct);
        try
        {
            if (UnixUser.IsRoot)
                await RunCheckedAsync("chown", [$"{SystemUser}:{SystemUser}", initPasswordFile], asSystemUser: false, ct);
            logger.LogInformation("Creating the embedded PostgreSQL cluster in {DataDirectory}", data);
            await RunCheckedAsync(binaries.InitDb,
                ["-D", data, "-U", Superuser, "--pwfile", initPasswordFile, "-A", "scram-sha-256", "-E", "UTF8", "--no-locale"],
                asSystemUser: UnixUser.IsRoot, ct);
        }
        finally
        {
            File.Delete(initPasswordFile);
        }

        await File.WriteAllTextAsync(passwordFile, password, ct);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return password;
    }

    private static int? ReadPostmasterPid(string dataDirectory)
    {
        try
        {
            var first = File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, out var pid) ? pid : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>
    /// Whether <paramref name="pid"/> is a live postgres process: not exited, not a zombie waiting to be reaped (a
    /// postmaster reparented to a PID 1 that does not reap stays one), and not an unrelated process that reused a
    /// stale postmaster.pid's number.
    /// </summary>
    private static bool IsRunningPostgres(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            if (stat[(stat.LastIndexOf(')') + 2)..][0] is 'Z' or 'X') return false;
            var program = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', ' ')[0];
            return Path.GetFileName(program) == "postgres";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException or ArgumentOutOfRangeException) { return false; }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or IndexOutOfRangeException or ArgumentOutOfRangeException) { return false; }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a server program: as the postgres user when this process is root, else as this user.</summary>
    private static Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken ct) =>
        RunProcessAsync(program, arguments, asSystemUser: UnixUser.IsRoot, ct);

    private static async Task RunCheckedAsync(string program, IReadOnlyList<string> arguments, bool asSystemUser, CancellationToken ct)
    {
        var result = await RunProcessAsync(program, arguments, asSystemUser, ct);
        if (result.ExitCode != 0)
            throw new EmbeddedPostgresUnavailableException(
                $"`{program} {string.Join(' ', arguments)}` failed with exit code {result.ExitCode}: {result.Output}");
    }

    private static async Task<ProcessResult> RunProcessAsync(string program, IReadOnlyList<string> arguments, bool asSystemUser, CancellationToken ct)
    {
        var start = new ProcessStartInfo
        {
            FileName = asSystemUser ? "runuser" : program,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asSystemUser)
        {
            foreach (var a in new[] { "-u", SystemUser, "--", program }) start.ArgumentList.Add(a);
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["LC_ALL"] = "C";

        using var process = Process.Start(start) ?? throw new EmbeddedPostgresUnavailableException($"Could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return new ProcessResult(process.ExitCode, ((await stdout) + (await stderr)).Trim());
    }

    private static string Tail(string file)
    {
        try { return string.Join('\n', File.ReadLines(file).TakeLast(20)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return "(no log)"; }
    }

    private sealed record ProcessResult(int ExitCode, string Output);
}
