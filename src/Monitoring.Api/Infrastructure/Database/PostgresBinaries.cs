namespace Monitoring.Api.Infrastructure.Database;

/// <summary>Where the PostgreSQL server programs of the embedded cluster are.</summary>
public sealed record PostgresBinaries(string Directory)
{
    public string InitDb => Path.Combine(Directory, "initdb");
    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    private static readonly string[] Required = ["initdb", "pg_ctl", "postgres"];

    /// <summary>The configured folder if any (and only it), else the first candidate folder holding all required programs.</summary>
    public static PostgresBinaries Locate(string? configuredDirectory, IEnumerable<string> candidateDirectories)
    {
        var searched = string.IsNullOrWhiteSpace(configuredDirectory)
            ? candidateDirectories.ToList()
            : [configuredDirectory];

        var found = searched.FirstOrDefault(HoldsAllPrograms);
        if (found is not null)
            return new PostgresBinaries(ResolveLinks(found));

        throw new EmbeddedPostgresUnavailableException(
            "No database is configured and the PostgreSQL server programs (initdb, pg_ctl, postgres) were not found " +
            $"in: {(searched.Count == 0 ? "(no folder)" : string.Join(", ", searched))}. " +
            "Either install them (Debian/Ubuntu: `apt-get install -y postgresql`, package postgresql-15 or newer), " +
            $"or set {EmbeddedPostgresOptions.Section}:BinDirectory to their folder, " +
            "or use an external database by setting the connection string ConnectionStrings:Monitoring " +
            "(environment variable ConnectionStrings__Monitoring).");
    }

    /// <summary>PATH first, then the newest /usr/lib/postgresql/N/bin.</summary>
    public static IEnumerable<string> DefaultCandidateDirectories()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            yield return dir;

        const string debianRoot = "/usr/lib/postgresql";
        if (!System.IO.Directory.Exists(debianRoot)) yield break;
        var versions = System.IO.Directory.GetDirectories(debianRoot)
            .Select(d => (dir: d, version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
            .Where(x => x.version > 0)
            .OrderByDescending(x => x.version);
        foreach (var (dir, _) in versions)
            yield return Path.Combine(dir, "bin");
    }

    private static bool HoldsAllPrograms(string directory) =>
        Required.All(program => File.Exists(Path.Combine(directory, program)));

    // /usr/local/bin/initdb is often a link into /usr/lib/postgresql/N/bin; pg_ctl must find postgres beside the real file.
    private static string ResolveLinks(string directory)
    {
        var initdb = new FileInfo(Path.Combine(directory, "initdb"));
        var target = initdb.ResolveLinkTarget(returnFinalTarget: true);
        return target is null ? directory : Path.GetDirectoryName(target.FullName)!;
    }
}

public sealed class EmbeddedPostgresUnavailableException(string message, Exception? inner = null)
    : Exception(message, inner);
