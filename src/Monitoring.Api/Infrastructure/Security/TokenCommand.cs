namespace Monitoring.Api.Infrastructure.Security;

/// <summary>
/// <c>Monitoring.Api token --role reporter --unit DT-UBND-TINH [--province dong-thap] [--name nguyen.van.a] [--hours 8]</c>: prints a bearer token
/// signed with the configured key, for local use with the embedded default.
/// </summary>
public static class TokenCommand
{
    public const string Name = "token";

    public static int Run(string[] args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        string? Option(string name)
        {
            var i = Array.IndexOf(args, $"--{name}");
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var role = Option("role");
        var unit = Option("unit");
        var province = Option("province");
        var user = Option("name") ?? (role is null ? null : unit is null ? $"{role}@local" : $"{role}.{unit.ToLowerInvariant()}@local");
        var hours = double.TryParse(Option("hours"), System.Globalization.CultureInfo.InvariantCulture, out var h) ? h : 8;
        if (role is null || !Roles.All.Contains(role) || (role == Roles.Reporter && string.IsNullOrWhiteSpace(unit)) || hours is <= 0 or > 24 * 31
            || (province is not null && (!Provinces.ProvinceOptions.IsValidCode(province) || role is Roles.National or Roles.NationalAdmin)))
        {
            error.WriteLine($"usage: token --role {string.Join('|', Roles.All)} [--unit UNIT-CODE (required for reporter)] [--province CODE (default: Provinces:Default; none for the national roles)] [--name USER] [--hours 8]");
            return 2;
        }

        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (options.Key() is null)
        {
            error.WriteLine("No Auth:SigningKey is configured in this environment; run with ASPNETCORE_ENVIRONMENT=Development or set Auth__SigningKey.");
            return 1;
        }
        output.WriteLine(TokenIssuer.Mint(options, user!, role, unit, TimeSpan.FromHours(hours), DateTimeOffset.UtcNow, province));
        return 0;
    }
}
