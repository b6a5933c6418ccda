namespace Monitoring.Api.Infrastructure.Database;

/// <summary>Settings of the private PostgreSQL cluster started when no connection string is configured
/// (section <c>EmbeddedPostgres</c>, e.g. env <c>EmbeddedPostgres__DataDirectory</c>).</summary>
public sealed class EmbeddedPostgresOptions
{
    public const string Section = "EmbeddedPostgres";

    /// <summary>Folder holding the cluster (data/, log/, the superuser password). Default: a per-user data folder.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Folder holding initdb and pg_ctl. Default: PATH, then /usr/lib/postgresql/{newest}/bin.</summary>
    public string? BinDirectory { get; set; }

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one at every start.</summary>
    public int Port { get; set; }

    public string Database { get; set; } = "monitoring";

    /// <summary>Delete the whole folder once the owning process has exited (throw-away clusters, e.g. a test run).</summary>
    public bool DeleteWhenOwnerExits { get; set; }

    public string ResolveDataDirectory() =>
        string.IsNullOrWhiteSpace(DataDirectory) ? DefaultDataDirectory() : Path.GetFullPath(DataDirectory);

    /// <summary>
    /// The postgres user must reach the data folder when the service runs as root, and /root is mode 700,
    /// so root gets a system location instead of its home.
    /// </summary>
    public static string DefaultDataDirectory() =>
        UnixUser.IsRoot
            ? "/var/lib/monitoring/postgres"
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
                "monitoring", "postgres");
}
