using Marten;

namespace Monitoring.Api.Resolutions.Import;

/// <summary><c>Monitoring.Api import-seeds [folder]</c>: creates the schema if needed, imports the folder, prints what happened.</summary>
public static class SeedCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter output)
    {
        var store = app.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await Audit.AuditSchema.InstallAsync(app.Services.GetRequiredService<Infrastructure.Database.MonitoringDatabase>().ConnectionString, CancellationToken.None);
        var importer = app.Services.GetRequiredService<SeedImporter>();
        var folder = args.Length > 1 ? args[1] : app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SeedOptions>>().Value.ResolveDirectory();
        var results = await importer.ImportFolderAsync(folder, CancellationToken.None);
        foreach (var r in results)
            await output.WriteLineAsync(r.Summary is { } s
                ? $"{r.File}: {s.Number} {(s.AlreadyImported ? "already present, skipped" : $"imported: {s.Targets} targets, {s.Tasks} tasks, {s.Reports} reports, {s.Figures} figures, {s.UnitsRegistered} units registered")}"
                : $"{r.File}: NOT imported: {string.Join("; ", r.Errors!.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        await app.Services.GetRequiredService<Infrastructure.Database.MonitoringDatabase>().DisposeAsync();
        return results.Any(r => r.Errors is not null) ? 1 : 0;
    }
}
