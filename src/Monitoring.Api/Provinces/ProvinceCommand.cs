using JasperFx.CommandLine;
using Monitoring.Api.Resolutions.Import;

namespace Monitoring.Api.Provinces;

internal sealed class AddProvinceInput
{
    [Description("The province's code: lower-case letters, digits and hyphens (dong-thap)")]
    public string Code { get; set; } = "";

    [Description("Its name, as written in Vietnamese (\"Đồng Tháp\")")]
    public string Name { get; set; } = "";

    [Description("Import the shipped seeds into the new province")]
    public bool ImportSeedsFlag { get; set; }

    [Description("A database made elsewhere (default: one created beside the national database)"), FlagAlias("connection", true)]
    public string? ConnectionFlag { get; set; }
}

/// <summary>
/// <c>Monitoring.Api add-province CODE "NAME" [--import-seeds] [--connection "Host=…"]</c>: adds a province, as
/// <c>POST /api/provinces</c> does, from the command line; running services find it without a restart.
/// </summary>
[Description("Add a province: its own database, schema and (if asked) seeds; running services find it without a restart", Name = "add-province")]
internal sealed class AddProvinceCommand : JasperFxAsyncCommand<AddProvinceInput>
{
    private readonly ProvinceStartup _startup;
    private readonly ProvinceRegistry _registry;
    private readonly SeedImporter _seeds;

    public AddProvinceCommand(ProvinceStartup startup, ProvinceRegistry registry, SeedImporter seeds)
    {
        (_startup, _registry, _seeds) = (startup, registry, seeds);
        Usage("Add a province").Arguments(x => x.Code, x => x.Name);
    }

    public override async Task<bool> Execute(AddProvinceInput input)
    {
        var command = new AddProvince(input.Code, input.Name, input.ImportSeedsFlag);
        var validation = await new AddProvince.Validator().ValidateAsync(command);
        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors) await Console.Error.WriteLineAsync($"{error.PropertyName}: {error.ErrorMessage}");
            return false;
        }

        await _startup.PrepareAllAsync(CancellationToken.None);
        var (province, seeds) = await ProvinceAdding.AddAsync(command, input.ConnectionFlag, "system:add-province", _registry, _seeds, null,
            CancellationToken.None);
        if (seeds is null) Console.WriteLine($"Province {province.Code} ({province.Name}) exists already; nothing changed.");
        else
        {
            Console.WriteLine($"Province {province.Code} ({province.Name}) added.");
            foreach (var seed in seeds)
                Console.WriteLine($"  {seed.File}: {(seed.Summary is { } s ? $"{s.Number} imported" : "NOT imported")}");
        }
        return seeds?.Any(s => s.Errors is not null) != true;
    }
}
