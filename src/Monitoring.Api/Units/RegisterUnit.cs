using Monitoring.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Units;
using Wolverine.Http;

namespace Monitoring.Api.Units;

public sealed record RegisterUnit(string Code, string Name, UnitKind Kind, Guid? ParentUnitId)
{
    public sealed class Validator : AbstractValidator<RegisterUnit>
    {
        public Validator()
        {
            RuleFor(x => x.Code).NotEmpty().MaximumLength(50).Matches("^[A-Za-z0-9][A-Za-z0-9_.-]*$");
            RuleFor(x => x.Name).NotEmpty().MaximumLength(300);
            RuleFor(x => x.Kind).IsInEnum();
        }
    }
}

public sealed record UnitRegisteredResponse(Guid Id, string Code);

public static class RegisterUnitEndpoint
{
    [Authorize(Policy = Policies.Define)]
    [WolverinePost("/api/units"), Tags("Units"), EndpointSummary("Register an implementing unit")]
    [ProducesResponseType<UnitRegisteredResponse>(201)]
    public static async Task<IResult> Post(RegisterUnit command, IDocumentSession session, HttpContext context, TimeProvider clock,
        CancellationToken ct)
    {
        if (command.ParentUnitId is { } parent && await session.LoadAsync<Unit>(parent, ct) is null)
            return Problems.NotFound("Unit", parent);

        var code = UnitRegistering.NormalizeCode(command.Code);
        if (await session.Query<Unit>().AnyAsync(u => u.Code == code, ct))
            return Problems.Conflict(Localized.Text($"A unit with code {code} exists.", $"Đã có đơn vị mã {code}."));

        var unit = UnitRegistering.Register(session, command, context.Caller().UserName, clock.GetUtcNow());
        return Results.Created($"/api/units/{unit.Id}", new UnitRegisteredResponse(unit.Id, unit.Code));
    }
}

public static class UnitRegistering
{
    public static string NormalizeCode(string code) => code.Trim().ToUpperInvariant();

    public static Unit Register(IDocumentSession session, RegisterUnit command, string by, DateTimeOffset at)
    {
        var id = Guid.CreateVersion7();
        var registered = new UnitRegistered(id, NormalizeCode(command.Code), command.Name.Trim(), command.Kind, command.ParentUnitId, by, at);
        session.Events.StartStream<Unit>(id, registered);
        return Unit.Evolve(null, registered)!;
    }
}
