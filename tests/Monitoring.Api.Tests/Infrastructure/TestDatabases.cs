using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Api.Infrastructure.Database;

namespace Monitoring.Api.Tests.Infrastructure;

/// <summary>
/// One private PostgreSQL cluster for the whole test run, started by the service's own launcher;
/// every test class gets a fresh database in it. Stopped by <see cref="TestRunFramework"/> when the run ends, and
/// by the launcher's guardian (which also deletes the folder) if the test host is killed before it can. Like the
/// service, the test host holds the launcher's owner lock on its folder while the cluster runs.
/// </summary>
public static class TestDatabases
{
    private static readonly Lazy<Task<EmbeddedPostgresCluster>> Cluster = new(StartClusterAsync);
    private static int _counter;

    public static string RootDirectory { get; } =
        Path.Combine(Path.GetTempPath(), $"monitoring-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);

    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var cluster = await Cluster.Value;
        var name = $"t{Interlocked.Increment(ref _counter):D3}_{new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray())}";
        await cluster.CreateDatabaseIfMissingAsync(name);
        return cluster.ConnectionString(name);
    }

    /// <summary>The service's default province (<c>Provinces:Default</c> in appsettings.json).</summary>
    public const string DefaultProvince = "tinh";

    /// <summary>Where the service keeps a province's record when given this national database: beside it, on the same server.</summary>
    public static string ProvinceDatabase(string nationalConnectionString, string province = DefaultProvince) =>
        Monitoring.Api.Provinces.ProvinceRegistry.ConnectionStringFor(nationalConnectionString, province);

    internal static async Task StopAsync()
    {
        if (!Cluster.IsValueCreated) return;
        try
        {
            await (await Cluster.Value).StopAsync();
        }
        finally
        {
            TryDelete(RootDirectory);
        }
    }

    private static Task<EmbeddedPostgresCluster> StartClusterAsync() =>
        EmbeddedPostgresCluster.StartAsync(new EmbeddedPostgresOptions { DataDirectory = RootDirectory, DeleteWhenOwnerExits = true }, NullLogger.Instance);

    public static void TryDelete(string directory)
    {
        try { if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
