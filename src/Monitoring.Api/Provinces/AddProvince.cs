using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Notifications;
using Monitoring.Api.Resolutions.Import;
using Wolverine.Http;

namespace Monitoring.Api.Provinces;

/// <param name="Code">The province's code, which its users' tokens carry in their <c>province</c> claim (e.g. <c>dong-thap</c>).</param>
/// <param name="ImportSeeds">Also import the seed documents shipped with the service into the new province's record.</param>
public sealed record AddProvince(string Code, string Name, bool ImportSeeds = false)
{
    public sealed class Validator : AbstractValidator<AddProvince>
    {
        public Validator()
        {
            RuleFor(x => x.Code).NotEmpty().Must(ProvinceOptions.IsValidCode).WithMessage(_ => Localized.Text(
                "code is 2 to 40 lower-case letters, digits and hyphens, starting with a letter (e.g. dong-thap).",
                "code gồm 2 đến 40 chữ thường không dấu, chữ số và dấu gạch ngang, bắt đầu bằng chữ (ví dụ dong-thap)."));
            RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        }
    }
}

public sealed record ProvinceAdded(string Code, string Name, DateTimeOffset AddedAt, string AddedBy, IReadOnlyList<SeedFileResult> Seeds);

public static class AddProvinceEndpoint
{
    [Authorize(Policy = Policies.AddProvince)]
    [WolverinePost("/api/provinces", OperationId = "AddProvince"), Tags("Provinces"),
     EndpointSummary("Add a province at run time: its own database (created beside the national one), its schema, and its seeds if asked")]
    [ProducesResponseType<ProvinceAdded>(201)]
    public static async Task<IResult> Post(AddProvince command, ProvinceRegistry registry, SeedImporter seeds, ReminderSweepStarter sweeps,
        HttpContext context, CancellationToken ct)
    {
        var (province, imported) = await ProvinceAdding.AddAsync(command, null, context.Caller().UserName, registry, seeds, sweeps, ct);
        if (imported is null)
            return Problems.Conflict(Localized.Text($"Province {province.Code} exists already ({province.Name}).",
                $"Tỉnh {province.Code} đã có ({province.Name})."));
        return Results.Created($"/api/provinces/{province.Code}", new ProvinceAdded(province.Code, province.Name, province.AddedAt, province.AddedBy, imported));
    }
}

public static class ProvinceAdding
{
    /// <returns>The province, and the seeds imported into it (none asked: empty), or null when it existed already and nothing was done.</returns>
    public static async Task<(Province Province, IReadOnlyList<SeedFileResult>? Seeds)> AddAsync(AddProvince command, string? connectionString,
        string by, ProvinceRegistry registry, SeedImporter seeds, ReminderSweepStarter? sweeps, CancellationToken ct)
    {
        var (province, added) = await registry.AddAsync(command.Code, command.Name.Trim(), connectionString, by, ct);
        if (!added) return (province, null);
        IReadOnlyList<SeedFileResult> imported = command.ImportSeeds ? await seeds.ImportShippedSeedsAsync(province.Code, ct) : [];
        // From the command line no service runs here: each running one schedules the new province's sweep at its next look.
        if (sweeps is not null) await sweeps.StartForAsync(province.Code, ct);
        return (province, imported);
    }
}
