using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using Microsoft.Extensions.Options;
using Monitoring.Api.Infrastructure;
using Monitoring.Domain.Resolutions;

namespace Monitoring.Api.Resolutions.Import;

/// <summary>Section <c>Seeds</c>.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seeds";
    /// <summary>Import the seed documents when the store holds no resolution yet.</summary>
    public bool ImportAtStartup { get; set; } = true;
    /// <summary>Folder of the documents; default: the <c>seeds</c> folder shipped beside the service.</summary>
    public string? Directory { get; set; }

    public string ResolveDirectory() => string.IsNullOrWhiteSpace(Directory) ? Path.Combine(AppContext.BaseDirectory, "seeds") : Directory;
}

public sealed record SeedFileResult(string File, ImportSummary? Summary, IDictionary<string, string[]>? Errors);

/// <summary>
/// Loads the seed documents into a province's record: the default province's at its first start with an empty store, a
/// province's when it is added with its seeds, or on demand (<c>import-seeds</c>).
/// </summary>
public sealed class SeedImporter(IDocumentStore store, IOptions<SeedOptions> options, IOptions<Provinces.ProvinceOptions> provinces, TimeProvider clock,
    ILogger<SeedImporter> logger) : IHostedService
{
    public const string CommandName = "import-seeds";
    public const string User = "system:seed-import";

    public static readonly JsonSerializerOptions Json = new(JsonDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public async Task StartAsync(CancellationToken ct)
    {
        if (!options.Value.ImportAtStartup || provinces.Value.DefaultCode is not { } province) return;
        await using (var query = store.QuerySession(province))
            if (await query.Query<Resolution>().AnyAsync(ct)) return;
        await ImportFolderAsync(province, options.Value.ResolveDirectory(), ct);
    }

    public Task<IReadOnlyList<SeedFileResult>> ImportShippedSeedsAsync(string province, CancellationToken ct) =>
        ImportFolderAsync(province, options.Value.ResolveDirectory(), ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task<IReadOnlyList<SeedFileResult>> ImportFolderAsync(string province, string directory, CancellationToken ct)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            logger.LogWarning("No seed folder at {Directory}; nothing imported", directory);
            return [];
        }
        var results = new List<SeedFileResult>();
        foreach (var file in System.IO.Directory.GetFiles(directory, "*.json").Where(f => !f.EndsWith(".schema.json")).Order())
            results.Add(await ImportFileAsync(province, file, ct));
        return results;
    }

    public async Task<SeedFileResult> ImportFileAsync(string province, string file, CancellationToken ct)
    {
        var name = Path.GetFileName(file);
        ResolutionDocument? document;
        try
        {
            await using var stream = File.OpenRead(file);
            document = await JsonSerializer.DeserializeAsync<ResolutionDocument>(stream, Json, ct);
        }
        catch (JsonException e)
        {
            logger.LogError("Seed {File} is not a valid resolution document at {Path}: {Message}", name, e.Path, e.Message);
            return new SeedFileResult(name, null, new Dictionary<string, string[]> { [e.Path ?? "$"] = [e.Message] });
        }

        await using var session = store.LightweightSession(province);
        session.LastModifiedBy = User;
        session.CorrelationId = $"{CommandName}:{name}";
        var (summary, errors) = await ResolutionImport.ImportAsync(session, document!, User, clock.GetUtcNow(), clock.Today(), ct);
        if (errors is not null)
        {
            logger.LogError("Seed {File} was not imported: {Errors}", name, string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
            return new SeedFileResult(name, null, errors);
        }
        await session.SaveChangesAsync(ct);
        logger.LogInformation("Seed {File} in province {Province}: resolution {Number} {Outcome} ({Targets} targets, {Tasks} tasks, {Figures} figures)", name,
            province, summary!.Number,
            summary.AlreadyImported ? "already present, skipped" : "imported", summary.Targets, summary.Tasks, summary.Figures);
        return new SeedFileResult(name, summary, null);
    }
}
