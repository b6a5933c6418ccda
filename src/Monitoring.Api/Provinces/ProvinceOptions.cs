using System.Text.RegularExpressions;

namespace Monitoring.Api.Provinces;

/// <summary>
/// Section <c>Provinces</c>. Each province keeps its record in a database of its own (Marten's database-per-tenant
/// multi-tenancy, the tenant id being the province's code); the database of <c>ConnectionStrings:Monitoring</c> is the
/// national one, holding only the list of provinces, the nodes' shared keys and Wolverine's node records.
/// </summary>
public sealed partial class ProvinceOptions
{
    public const string Section = "Provinces";

    /// <summary>
    /// The province of a token or sign-in that names none: a one-province deployment's. Empty: such a caller is refused
    /// (a national deployment, where every provincial token carries its <c>province</c> claim).
    /// </summary>
    public string? Default { get; set; } = "tinh";

    /// <summary>The default province's name, used when it is registered at the first start.</summary>
    public string DefaultName { get; set; } = "Tỉnh";

    public string? DefaultCode => string.IsNullOrWhiteSpace(Default) ? null : Default.Trim().ToLowerInvariant();

    /// <summary>A province's code: lower-case letters, digits and hyphens (e.g. <c>dong-thap</c>), 2 to 40 characters.</summary>
    public static bool IsValidCode(string? code) => code is not null && CodePattern().IsMatch(code);

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex CodePattern();
}

public static class ProvinceSetup
{
    public static IServiceCollection AddMonitoringProvinces(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ProvinceOptions>(configuration.GetSection(ProvinceOptions.Section));
        services.AddSingleton<ProvinceRegistry>();
        services.AddSingleton<ProvinceStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<ProvinceStartup>());
        services.AddHostedService<ProvinceScheduledMessages>();
        return services;
    }
}
