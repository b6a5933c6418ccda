using Marten.Exceptions;
using Monitoring.Api.Infrastructure.Http;
using Npgsql;

namespace Monitoring.Api.Tests.Faults;

/// <summary>
/// Which failures of a write run the request again (where a retried Idempotency-Key then finds its stored answer) and which
/// are answered 409 at once. A retry whose first attempt was committed after all by a backend of a killed database meets
/// the first attempt's events in the append: that is a conflict to run again, not a client's duplicate value.
/// </summary>
public class WriteConflictTests
{
    private static MartenCommandException Unique(string? table, string? where) =>
        new(new NpgsqlCommand("select mt_quick_append_events(...)"),
            new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation,
                where: where, tableName: table));

    [Fact]
    public void An_event_already_appended_at_that_version_runs_the_request_again()
    {
        ConflictRetry.IsWriteConflict(Unique("mt_events", null)).ShouldBeTrue();
        ConflictRetry.IsWriteConflict(Unique(null, "SQL statement \"insert into monitoring.mt_events ...\"\nPL/pgSQL function monitoring.mt_quick_append_events(uuid,varchar) line 27")).ShouldBeTrue();
        ConflictRetry.IsWriteConflict(Unique("mt_streams", null)).ShouldBeTrue();
    }

    [Fact]
    public void A_duplicate_unit_code_or_resolution_number_is_answered_409_at_once()
    {
        ConflictRetry.IsWriteConflict(Unique("mt_doc_unit", null)).ShouldBeFalse();
        ConflictRetry.IsWriteConflict(Unique("mt_doc_resolution", null)).ShouldBeFalse();
        ConflictRetry.IsWriteConflict(new MartenCommandException(new NpgsqlCommand("insert"),
            new PostgresException("violates foreign key", "ERROR", "ERROR", PostgresErrorCodes.ForeignKeyViolation, tableName: "mt_events"))).ShouldBeFalse();
    }
}
