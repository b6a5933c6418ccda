using Microsoft.Extensions.Options;

namespace Monitoring.Api.Provinces;

/// <summary>
/// At start, before Marten, Wolverine and the seeds: the list of provinces, the default province registered (its
/// database created) at the first start, and every province's schema and append-only rule brought up to date. It runs in
/// the host's "starting" phase, registered before Wolverine, whose message stores and agents are set up in that phase
/// from the provinces known then.
/// </summary>
public sealed class ProvinceStartup(ProvinceRegistry registry, IOptions<ProvinceOptions> options) : IHostedLifecycleService
{
    public const string User = "system:startup";

    public Task StartingAsync(CancellationToken ct) => PrepareAllAsync(ct);
    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task PrepareAllAsync(CancellationToken ct)
    {
        await registry.EnsureSchemaAsync(ct);
        var known = await registry.AllAsync(ct);
        if (options.Value.DefaultCode is { } code && known.All(p => p.Code != code))
        {
            if (!ProvinceOptions.IsValidCode(code))
                throw new Infrastructure.StartupConfigurationException(
                    $"Provinces:Default '{code}' is not a province code (lower-case letters, digits and hyphens, 2 to 40 characters).");
            await registry.AddAsync(code, options.Value.DefaultName, null, User, ct, withMessageTables: false);
        }
        foreach (var province in known) await registry.PrepareAsync(province.Code, ct);
        registry.MarkReady();
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
