using System.Net;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Hosting;

/// <summary>
/// Two real service processes on one embedded data folder, the way an operator would start a second one with the same
/// settings: the second never harms the first.
/// </summary>
public class SecondInstanceTests : IAsyncLifetime
{
    // The cluster runs as postgres when the tests run as root, so the folder must be outside /root.
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"monitoring-second-{Guid.NewGuid():N}");
    private readonly List<ServiceProcess> _services = [];

    private string DataDirectory => Path.Combine(_root, "data");
    private string LockFile => Path.Combine(_root, "owner.lock");

    [Fact]
    public async Task A_second_service_on_the_same_data_folder_exits_with_a_clear_message_and_the_first_keeps_its_database()
    {
        var first = Start();
        await first.WaitUntilReadyAsync();
        var postmaster = PostmasterPid();
        EmbeddedPostgresClusterTests.ProcessesHolding(LockFile).ShouldBe([first.Id]);

        var second = Start();
        var exitCode = await second.WaitForExitAsync(TimeSpan.FromSeconds(90));

        exitCode.ShouldNotBe(0, second.Output);
        second.Output.ShouldContain("Monitoring cannot start:");
        second.Output.ShouldContain(_root);
        second.Output.ShouldContain($"in use by process {first.Id}");
        second.Output.ShouldContain("EmbeddedPostgres__DataDirectory");
        second.Output.ShouldContain("ConnectionStrings__Monitoring");

        // Long enough for a guardian of the second (tail --pid polls every second) to have stopped the cluster, were there one.
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await first.ReadyStatusAsync()).ShouldBe(HttpStatusCode.OK, first.Output);
        PostmasterPid().ShouldBe(postmaster);
        EmbeddedPostgresClusterTests.ProcessIsAlive(postmaster).ShouldBeTrue();
    }

    [Fact]
    public async Task After_the_first_service_is_killed_a_new_one_starts_on_its_data_folder()
    {
        var first = Start();
        await first.WaitUntilReadyAsync();
        var killedPostmaster = PostmasterPid();

        first.KillHard();
        var second = Start();
        await second.WaitUntilReadyAsync();
        var postmaster = PostmasterPid();

        postmaster.ShouldNotBe(killedPostmaster);
        EmbeddedPostgresClusterTests.ProcessIsAlive(killedPostmaster).ShouldBeFalse();
        // The killed service's guardian, which may wake up only now, signals only the postmaster it was started for.
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await second.ReadyStatusAsync()).ShouldBe(HttpStatusCode.OK, second.Output);
        PostmasterPid().ShouldBe(postmaster);
        EmbeddedPostgresClusterTests.ProcessesHolding(LockFile).ShouldBe([second.Id]);
    }

    private ServiceProcess Start()
    {
        var service = ServiceProcess.Launch(new Dictionary<string, string>
        {
            ["ConnectionStrings__Monitoring"] = "",
            ["EmbeddedPostgres__DataDirectory"] = _root,
            ["Auth__SigningKey"] = AppFixture.TestSigningKey,
            ["Seeds__ImportAtStartup"] = "false",
        });
        _services.Add(service);
        return service;
    }

    private int PostmasterPid() =>
        int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var service in _services) await service.DisposeAsync();
        // A killed service's guardian stops its postgres within about a second; wait for that before removing the folder.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (EmbeddedPostgresClusterTests.PostgresProcessesOn(DataDirectory).Count > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        TestDatabases.TryDelete(_root);
    }
}
