namespace Monitoring.Api.Tests.Infrastructure;

public static class SolutionPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Monitoring.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Monitoring.sln not found above " + AppContext.BaseDirectory);
    }
}
