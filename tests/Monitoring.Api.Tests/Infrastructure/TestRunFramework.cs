using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Monitoring.Api.Tests.Infrastructure.TestRunFramework", "Monitoring.Api.Tests")]

namespace Monitoring.Api.Tests.Infrastructure;

/// <summary>xunit 2 has no assembly fixture; the test framework's disposal is the end of the run.</summary>
public sealed class TestRunFramework : XunitTestFramework
{
    public TestRunFramework(IMessageSink messageSink) : base(messageSink) =>
        DisposalTracker.Add(new StopClusterAtEndOfRun());

    private sealed class StopClusterAtEndOfRun : IDisposable
    {
        public void Dispose() => TestDatabases.StopAsync().GetAwaiter().GetResult();
    }
}
