using Microsoft.Extensions.Options;

namespace Monitoring.Api.Provinces;

/// <summary>
/// At start, before Marten, Wolverine and the seeds: the list of provinces, the default province registered (its
/// database created) at the first start, and every province's schema and append-only rule brought up to date.
/// </summary>
public sealed class ProvinceStartup(ProvinceRegistry registry, IOptions<ProvinceOptions> options) : IHostedService
{
    public const string User = "system:startup";

    public async Task StartAsync(CancellationToken ct)
    {
        await registry.EnsureSchemaAsync(ct);
        var known = await registry.AllAsync(ct);
        if (options.Value.DefaultCode is { } code && known.All(p => p.Code != code))
        {
            if (!ProvinceOptions.IsValidCode(code))
                throw new Infrastructure.StartupConfigurationException(
                    $"Provinces:Default '{code}' is not a province code (lower-case letters, digits and hyphens, 2 to 40 characters).");
            await registry.AddAsync(code, options.Value.DefaultName, null, User, ct);
        }
        foreach (var province in known) await registry.PrepareAsync(province.Code, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
