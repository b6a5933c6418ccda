using System.Diagnostics;
using System.Text;

namespace Monitoring.Api.Tests.Infrastructure;

/// <summary>Runs a command-line tool (dotnet, npm, a generated program) and hands back its exit code and output.</summary>
public static class ExternalTool
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory,
        TimeSpan limit, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in {limit}: {output}");
        }
        process.WaitForExit();
        lock (output) return (process.ExitCode, output.ToString());
    }

    /// <summary>Runs the tool and fails the test, with everything it printed, unless it exits with 0.</summary>
    public static async Task<string> RunOrFailAsync(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan limit,
        IDictionary<string, string>? environment = null)
    {
        var list = arguments.ToList();
        var (exitCode, output) = await RunAsync(program, list, workingDirectory, limit, environment);
        exitCode.ShouldBe(0, $"{program} {string.Join(' ', list)} failed:\n{output}");
        return output;
    }
}
