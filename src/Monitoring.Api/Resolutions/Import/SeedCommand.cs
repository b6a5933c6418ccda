using JasperFx.CommandLine;
using Microsoft.Extensions.Options;
using Monitoring.Api.Provinces;

namespace Monitoring.Api.Resolutions.Import;

internal sealed class ImportSeedsInput
{
    [Description("The folder of seed documents (default: Seeds:Directory, the shipped seeds)")]
    public string Folder { get; set; } = "";

    [Description("The province to import into (default: Provinces:Default)"), FlagAlias("province", true)]
    public string? ProvinceFlag { get; set; }
}

/// <summary>
/// <c>Monitoring.Api import-seeds [folder] [--province CODE]</c>: brings the provinces' schemas up to date (the default
/// province registered if new), imports the folder into the province, prints what happened.
/// </summary>
[Description("Import a folder of seed documents into a province (each document once)", Name = SeedImporter.CommandName)]
internal sealed class ImportSeedsCommand : JasperFxAsyncCommand<ImportSeedsInput>
{
    private readonly ProvinceStartup _startup;
    private readonly ProvinceRegistry _registry;
    private readonly SeedImporter _importer;
    private readonly ProvinceOptions _provinces;
    private readonly SeedOptions _seeds;

    public ImportSeedsCommand(ProvinceStartup startup, ProvinceRegistry registry, SeedImporter importer, IOptions<ProvinceOptions> provinces,
        IOptions<SeedOptions> seeds)
    {
        (_startup, _registry, _importer, _provinces, _seeds) = (startup, registry, importer, provinces.Value, seeds.Value);
        Usage("Import the shipped seeds").NoArguments();
        Usage("Import a folder").Arguments(x => x.Folder);
    }

    public override async Task<bool> Execute(ImportSeedsInput input)
    {
        var province = input.ProvinceFlag ?? _provinces.DefaultCode;
        await _startup.PrepareAllAsync(CancellationToken.None);
        if (province is null || await _registry.FindAsync(province, CancellationToken.None) is null)
        {
            await Console.Error.WriteLineAsync($"Province '{province}' is not served here: add it first (add-province).");
            return false;
        }
        var folder = string.IsNullOrWhiteSpace(input.Folder) ? _seeds.ResolveDirectory() : input.Folder;
        var results = await _importer.ImportFolderAsync(province, folder, CancellationToken.None);
        foreach (var r in results)
            Console.WriteLine(r.Summary is { } s
                ? $"{r.File}: {s.Number} {(s.AlreadyImported ? "already present, skipped" : $"imported: {s.Targets} targets, {s.Tasks} tasks, {s.Reports} reports, {s.Figures} figures, {s.UnitsRegistered} units registered")}"
                : $"{r.File}: NOT imported: {string.Join("; ", r.Errors!.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        return results.All(r => r.Errors is null);
    }
}
