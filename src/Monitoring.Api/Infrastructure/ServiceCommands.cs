using System.Reflection;
using JasperFx.CommandLine;
using Monitoring.Api.Provinces;
using Monitoring.Api.Resolutions.Import;

namespace Monitoring.Api.Infrastructure;

/// <summary>
/// The service's own commands (<c>add-province</c>, <c>import-seeds</c>, <c>rebuild</c>; <c>help add-province</c>): JasperFx
/// commands, parsed and explained by its command line, each made with the built application's services. They run through an
/// executor of their own rather than JasperFx's general one, which first scans every assembly beside the service for command
/// extensions (and stops on any it cannot read, as in a test project's output folder).
/// </summary>
public static class ServiceCommands
{
    private static readonly Type[] Commands = [typeof(AddProvinceCommand), typeof(ImportSeedsCommand), typeof(RebuildCommand)];

    private static readonly HashSet<string> Names = Commands
        .Select(c => c.GetCustomAttribute<DescriptionAttribute>()?.Name ?? throw new InvalidOperationException($"{c.Name} has no name"))
        .ToHashSet(StringComparer.Ordinal);

    public static bool Handles(string[] args) =>
        args is [var verb, ..] && (Names.Contains(verb) || (verb == "help" && args.Length > 1 && Names.Contains(args[1])));

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        try
        {
            var executor = CommandExecutor.For(factory =>
            {
                foreach (var command in Commands) factory.RegisterCommand(command);
            }, new MadeWithServices(app.Services));
            return await executor.ExecuteAsync(args);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private sealed class MadeWithServices(IServiceProvider services) : ICommandCreator
    {
        public IJasperFxCommand CreateCommand(Type commandType) => (IJasperFxCommand)ActivatorUtilities.CreateInstance(services, commandType);
        public object CreateModel(Type modelType) => Activator.CreateInstance(modelType)!;
    }
}
