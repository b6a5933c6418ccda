using Microsoft.Extensions.Options;
using Monitoring.Api.Provinces;

namespace Monitoring.Api.Resolutions.Import;

/// <summary>
/// <c>Monitoring.Api import-seeds [folder] [--province CODE]</c>: brings the provinces' schemas up to date (the default
/// province registered if new), imports the folder into the province (default: Provinces:Default), prints what happened.
/// </summary>
public static class SeedCommand
{
    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter output)
    {
        var provinceAt = Array.IndexOf(args, "--province");
        var province = provinceAt > 0 && provinceAt + 1 < args.Length ? args[provinceAt + 1] : app.Services.GetRequiredService<IOptions<ProvinceOptions>>().Value.DefaultCode;
        var positional = args.Skip(1).Where((_, i) => i + 1 != provinceAt && i + 1 != provinceAt + 1).ToList();
        await app.Services.GetRequiredService<ProvinceStartup>().PrepareAllAsync(CancellationToken.None);
        if (province is null || await app.Services.GetRequiredService<ProvinceRegistry>().FindAsync(province, CancellationToken.None) is null)
        {
            await output.WriteLineAsync($"Province '{province}' is not served here: add it first (add-province).");
            return 2;
        }
        var importer = app.Services.GetRequiredService<SeedImporter>();
        var folder = positional.FirstOrDefault() ?? app.Services.GetRequiredService<IOptions<SeedOptions>>().Value.ResolveDirectory();
        var results = await importer.ImportFolderAsync(province, folder, CancellationToken.None);
        foreach (var r in results)
            await output.WriteLineAsync(r.Summary is { } s
                ? $"{r.File}: {s.Number} {(s.AlreadyImported ? "already present, skipped" : $"imported: {s.Targets} targets, {s.Tasks} tasks, {s.Reports} reports, {s.Figures} figures, {s.UnitsRegistered} units registered")}"
                : $"{r.File}: NOT imported: {string.Join("; ", r.Errors!.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        await app.Services.GetRequiredService<Infrastructure.Database.MonitoringDatabase>().DisposeAsync();
        return results.Any(r => r.Errors is not null) ? 1 : 0;
    }
}
