namespace Monitoring.Api.Infrastructure.Database;

/// <summary>
/// The claim of the one live process that runs an embedded cluster: an exclusive lock on <c>owner.lock</c> in the
/// cluster's folder, held for the life of the service, and its process id in <c>owner.pid</c> beside it for the
/// message another process gets. On Linux, opening with <see cref="FileShare.None"/> takes an <c>flock</c>, which the
/// kernel releases when the process ends however it ends (kill -9 included); .NET opens files close-on-exec, so
/// pg_ctl, postgres and the guardian never inherit the descriptor and never keep the lock alive after the service.
/// </summary>
internal sealed class ClusterOwnerLock : IDisposable
{
    public const string LockFileName = "owner.lock";
    public const string PidFileName = "owner.pid";

    // What .NET reports when flock(LOCK_EX | LOCK_NB) finds the lock taken: EWOULDBLOCK on Linux, a sharing
    // violation on Windows.
    private const int WouldBlock = 11;
    private const int SharingViolation = unchecked((int)0x80070020);

    private readonly FileStream _lock;
    private readonly string _pidFile;
    private bool _released;

    private ClusterOwnerLock(FileStream @lock, string pidFile)
    {
        _lock = @lock;
        _pidFile = pidFile;
    }

    /// <summary>Takes the lock on <paramref name="root"/> (which must exist) or explains who holds it.</summary>
    public static ClusterOwnerLock Acquire(string root)
    {
        if (FileLockingDisabled())
            throw new EmbeddedPostgresUnavailableException(
                "File locking is switched off in this process (DOTNET_SYSTEM_IO_DISABLEFILELOCKING or System.IO.DisableFileLocking), " +
                $"so the embedded PostgreSQL in {root} cannot be protected from a second service; unset it, or set ConnectionStrings__Monitoring.");

        var lockFile = Path.Combine(root, LockFileName);
        var pidFile = Path.Combine(root, PidFileName);
        FileStream stream;
        try
        {
            stream = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e.HResult is WouldBlock or SharingViolation)
        {
            throw new EmbeddedPostgresUnavailableException(InUseMessage(root, ReadOwner(pidFile)), e);
        }

        try
        {
            File.WriteAllText(pidFile, $"{Environment.ProcessId}\n");
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return new ClusterOwnerLock(stream, pidFile);
    }

    /// <summary>Gives the folder up; the lock file itself stays (removing it would let two processes lock two files).</summary>
    public void Dispose()
    {
        if (_released) return;
        _released = true;
        try { File.Delete(_pidFile); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        _lock.Dispose();
    }

    private static string InUseMessage(string root, (int Pid, string? Command)? owner)
    {
        var who = owner is { } o
            ? $"process {o.Pid}{(o.Command is null ? "" : $" ({o.Command})")}"
            : "another process";
        return $"The embedded PostgreSQL data folder {root} is in use by {who}, which runs its cluster; " +
               "this service will not touch it. Stop that process first, " +
               $"or give this service a folder of its own with {EmbeddedPostgresOptions.Section}:DataDirectory " +
               $"(environment {EmbeddedPostgresOptions.Section}__DataDirectory=/another/folder), " +
               "or set ConnectionStrings__Monitoring to connect to a PostgreSQL database explicitly instead of starting an embedded one.";
    }

    private static (int Pid, string? Command)? ReadOwner(string pidFile)
    {
        try
        {
            if (!int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid)) return null;
            string? command = null;
            try
            {
                command = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
                if (command.Length > 200) command = command[..200] + "…";
                if (command.Length == 0) command = null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            return (pid, command);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    // The switch .NET itself reads before it takes an flock for FileShare.None.
    private static bool FileLockingDisabled()
    {
        if (AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled)) return disabled;
        var variable = Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING");
        return variable is not null && (variable == "1" || variable.Equals("true", StringComparison.OrdinalIgnoreCase));
    }
}
