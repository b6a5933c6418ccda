using Monitoring.TestProcesses;

namespace Monitoring.Benchmarks;

/// <summary>The service as the benchmarks run it: no rate limit, room for the largest submissions, failures printed as they come.</summary>
public static class BenchmarkService
{
    /// <param name="settings">Environment variables set after these (the pages benchmark runs in Development with the seeds).</param>
    public static Task<ServiceProcess> StartAsync(string connectionString, string signingKey, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Monitoring"] = connectionString,
            ["Auth__SigningKey"] = signingKey,
            ["Limits__RequestsPerWindow"] = "1000000000",
            ["Limits__MaxRequestBodyBytes"] = (8 * 1024 * 1024).ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        return ServiceProcess.StartAsync(environment, echo: line => Console.Error.WriteLine("service: " + line));
    }
}
