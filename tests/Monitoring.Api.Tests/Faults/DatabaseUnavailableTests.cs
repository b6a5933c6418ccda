using System.Net.Sockets;
using Marten.Exceptions;
using Monitoring.Api.Infrastructure.Database;
using Npgsql;

namespace Monitoring.Api.Tests.Faults;

/// <summary>Which failures are "the database is away" (503, retry) and which are not (a conflict, a bug: their own answers).</summary>
public class DatabaseUnavailableTests
{
    private static PostgresException Postgres(string state) => new("message", "FATAL", "FATAL", state);

    [Theory]
    [InlineData("57P01")] // admin shutdown
    [InlineData("57P02")] // crash shutdown
    [InlineData("57P03")] // cannot connect now (starting up)
    [InlineData("08006")] // connection failure
    [InlineData("08001")]
    public void A_server_going_away_or_not_yet_there_is_unavailable(string state) =>
        DatabaseUnavailable.Is(Postgres(state)).ShouldBeTrue();

    [Theory]
    [InlineData("23505")] // unique violation: a conflict, 409
    [InlineData("42P01")] // undefined table: a bug, 500
    [InlineData("40001")] // serialization failure
    public void A_refusal_of_the_statement_is_not(string state) =>
        DatabaseUnavailable.Is(Postgres(state)).ShouldBeFalse();

    [Fact]
    public void A_refused_connection_wrapped_by_Marten_is_unavailable() =>
        DatabaseUnavailable.Is(new MartenCommandException(new NpgsqlCommand("select 1"),
            new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)))).ShouldBeTrue();

    [Fact]
    public void A_unique_violation_wrapped_by_Marten_is_not() =>
        DatabaseUnavailable.Is(new MartenCommandException(new NpgsqlCommand("insert"), Postgres("23505"))).ShouldBeFalse();

    [Fact]
    public void Other_failures_are_not() =>
        DatabaseUnavailable.Is(new InvalidOperationException("a bug")).ShouldBeFalse();
}
