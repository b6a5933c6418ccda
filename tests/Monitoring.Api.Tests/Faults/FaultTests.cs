using Monitoring.Api.Tests.Infrastructure;
using Monitoring.Faults;
using Xunit.Abstractions;

namespace Monitoring.Api.Tests.Faults;

/// <summary>
/// The fault program's cases (tests/Monitoring.Faults, README "Faults") run small: real service processes, a real PostgreSQL,
/// a real kill or cut, one fault each, a few clients that retry with their Idempotency-Key. What a user relies on: nothing
/// acknowledged is lost or written twice, the service says 503 with Retry-After (and readiness 503) while its database is away,
/// it recovers by itself, and the history still verifies.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class FaultsCollection
{
    public const string Name = "faults";
}

public abstract class FaultTest(ITestOutputHelper output)
{
    protected static readonly TimeSpan Liveness = TimeSpan.FromSeconds(60);

    protected FaultCases Cases() => new(line => output.WriteLine(line), TestDatabases.CreateDatabaseAsync);

    protected CaseResult Report(CaseResult result)
    {
        output.WriteLine(FaultProgram.Summary(result));
        return result;
    }

    protected static void NothingLostOrDuplicated(CaseResult result)
    {
        var why = string.Join("; ", result.Problems);
        result.Store.Acknowledged.ShouldBeGreaterThan(0, why);
        result.Store.Lost.ShouldBe(0, why);
        result.Store.Duplicated.ShouldBe(0, why);
        result.Store.HalfWritten.ShouldBe(0, why);
        result.Load.ServerErrors.ShouldBe(0, why);
        result.Load.Unanswered.ShouldBe(0, why);
        result.Store.VerifyOk.ShouldBeTrue(why);
        result.Store.Linked.ShouldBe(result.Store.Events, why);
        result.Problems.ShouldBeEmpty();
    }
}

[Collection(FaultsCollection.Name)]
public class DatabaseKilledTests(ITestOutputHelper output) : FaultTest(output)
{
    [Fact]
    public async Task Killing_the_embedded_postmaster_under_load_loses_nothing_answers_503_with_Retry_After_and_the_launcher_starts_it_again()
    {
        await using var cases = Cases();
        var result = Report(await cases.DatabaseKilledAsync(CaseSize.Ci));
        NothingLostOrDuplicated(result);
        // Two kills: the postmaster alone, then the postmaster with every backend (as docker kill does), which breaks every
        // pooled connection at once. Seen by the load's clients, or by a reader asking every 20 ms right after each kill.
        (result.Load.Unavailable503WithRetryAfter > 0 || result.Extra["reader right after each kill"].StartsWith("503 Retry-After")).ShouldBeTrue();
        result.Load.Unavailable503WithoutRetryAfter.ShouldBe(0);
        result.ReadinessSaid503.ShouldBeTrue();
        result.LivenessStayed200.ShouldBeTrue();
        result.Extra["postmaster restarts logged"].ShouldBe("2");
        result.Load.MaxAnswerWhileFaultMilliseconds.ShouldBeLessThan(35_000);
        result.RecoverySeconds.ShouldAllBe(s => s < Liveness.TotalSeconds);
    }
}

[Collection(FaultsCollection.Name)]
public class ServiceKilledTests(ITestOutputHelper output) : FaultTest(output)
{
    [Fact]
    public async Task Killing_the_service_under_load_loses_no_acknowledged_submission_and_no_scheduled_reminder_and_sends_none_twice()
    {
        await using var cases = Cases();
        var result = Report(await cases.ServiceKilledAsync(CaseSize.Ci, reminderSeconds: 10));
        NothingLostOrDuplicated(result);
        int.Parse(result.Extra["reminders expected"]).ShouldBeGreaterThan(0);
        result.Extra["reminders lost"].ShouldBe("0");
        result.Extra["reminders sent twice"].ShouldBe("0");
        result.RecoverySeconds.ShouldAllBe(s => s < Liveness.TotalSeconds);
    }
}

[Collection(FaultsCollection.Name)]
public class DatabaseUnreachableTests(ITestOutputHelper output) : FaultTest(output)
{
    [Fact]
    public async Task With_the_database_unreachable_the_service_stays_up_answers_503_with_Retry_After_and_recovers_by_itself()
    {
        await using var cases = Cases();
        var result = Report(await cases.DatabaseUnreachableAsync(CaseSize.Ci));
        NothingLostOrDuplicated(result);
        result.Load.Unavailable503WithRetryAfter.ShouldBeGreaterThan(0);
        result.ReadinessSaid503.ShouldBeTrue();
        result.LivenessStayed200.ShouldBeTrue();
        result.RecoverySeconds.ShouldAllBe(s => s < Liveness.TotalSeconds);
        // Nothing hangs while the database is away: the connect (5 s) and command (30 s) timeouts bound every answer.
        result.Load.MaxAnswerWhileFaultMilliseconds.ShouldBeLessThan(35_000);
    }
}

[Collection(FaultsCollection.Name)]
public class BackupRestoreTests(ITestOutputHelper output) : FaultTest(output)
{
    [Fact]
    public async Task A_pg_dump_restored_into_a_fresh_database_serves_the_same_answers_and_verifies_to_the_same_chain_head()
    {
        await using var cases = Cases();
        var result = Report(await cases.BackupRestoreAsync(CaseSize.Ci));
        NothingLostOrDuplicated(result);
        result.Extra["GET answers equal (JSON, the moment of asking aside)"].ShouldBe(result.Extra["GET answers compared"]);
    }
}
