using FluentValidation;
using Monitoring.Api.Resolutions.Import;

namespace Monitoring.Api.Provinces;

/// <summary>
/// <c>Monitoring.Api add-province CODE "NAME" [--import-seeds] [--connection "Host=…"]</c>: adds a province, as
/// <c>POST /api/provinces</c> does, from the command line; a running service finds it without a restart.
/// <c>--connection</c> names a database made elsewhere (by default one is created beside the national database).
/// </summary>
public static class ProvinceCommand
{
    public const string Name = "add-province";

    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter output)
    {
        string? Option(string name)
        {
            var i = Array.IndexOf(args, $"--{name}");
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var connectionAt = Array.IndexOf(args, "--connection");
        var positional = args.Skip(1).Where((a, i) => !a.StartsWith("--") && i + 1 != connectionAt + 1).ToList();
        if (positional.Count != 2)
        {
            await output.WriteLineAsync("usage: add-province CODE \"NAME\" [--import-seeds] [--connection \"Host=…;Database=…\"]");
            return 2;
        }
        var command = new AddProvince(positional[0], positional[1], args.Contains("--import-seeds"));
        var validation = await new AddProvince.Validator().ValidateAsync(command);
        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors) await output.WriteLineAsync($"{error.PropertyName}: {error.ErrorMessage}");
            return 2;
        }

        await app.Services.GetRequiredService<ProvinceStartup>().PrepareAllAsync(CancellationToken.None);
        var (province, seeds) = await ProvinceAdding.AddAsync(command, Option("connection"), $"system:{Name}",
            app.Services.GetRequiredService<ProvinceRegistry>(), app.Services.GetRequiredService<SeedImporter>(),
            null, CancellationToken.None);
        if (seeds is null) await output.WriteLineAsync($"Province {province.Code} ({province.Name}) exists already; nothing changed.");
        else
        {
            await output.WriteLineAsync($"Province {province.Code} ({province.Name}) added.");
            foreach (var seed in seeds)
                await output.WriteLineAsync($"  {seed.File}: {(seed.Summary is { } s ? $"{s.Number} imported" : "NOT imported")}");
        }
        await app.Services.GetRequiredService<Infrastructure.Database.MonitoringDatabase>().DisposeAsync();
        return seeds?.Any(s => s.Errors is not null) == true ? 1 : 0;
    }
}
