using Npgsql;

namespace Monitoring.Api.Infrastructure.Database;

/// <summary>
/// Whether a failure means the database is away (refused or broken connection, server shutting down or starting, a
/// connect or command timeout) rather than a fault of the request or the service: such a request is answered 503 with
/// <c>Retry-After</c>, and the client sends it again (with its Idempotency-Key) once the database is back.
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>Seconds a client is told to wait before it tries again.</summary>
    public const int RetryAfterSeconds = 5;

    public static bool Is(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return IsUnavailableState(postgres.SqlState);
                // Every other NpgsqlException is about the connection itself: refused, reset, timed out, pool exhausted.
                case NpgsqlException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(Is):
                    return true;
            }
        }
        return false;
    }

    /// <summary>08xxx: connection exception; 57P01-57P03: administrator or crash shutdown, cannot connect now.</summary>
    private static bool IsUnavailableState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state is "57P01" or "57P02" or "57P03";

    /// <summary>
    /// Drops the idle pooled connections: after an outage each of them is broken, and without this every one would fail one
    /// more request (or readiness probe) before the pool reaches a fresh connection. Connections in use are dropped by
    /// Npgsql when they are returned broken.
    /// </summary>
    public static void ForgetPooledConnections(IServiceProvider services)
    {
        NpgsqlConnection.ClearAllPools();
        // Marten keeps a data source per province database, which ClearAllPools does not reach; only those already opened
        // are cleared (asking for the list would ask the national database, which may be away too).
        if (services.GetService<Marten.IDocumentStore>()?.Options.Tenancy is Marten.Storage.ITenancy tenancy and
            JasperFx.MultiTenancy.ITenantedSource<string> opened)
        {
            foreach (var assignment in opened.AllActiveByTenant())
                (tenancy.GetTenant(assignment.TenantId).Database as Weasel.Postgresql.PostgresqlDatabase)?.DataSource.Clear();
        }
    }

    public static void SetRetryAfter(HttpResponse response) =>
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
