using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Common;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Units;
using Wolverine.Http;

namespace Monitoring.Api.Targets;

public sealed record AssignTarget(Guid LeadUnitId, IReadOnlyList<Guid>? CooperatingUnitIds, long? Version)
{
    public sealed class Validator : AbstractValidator<AssignTarget>
    {
        public Validator()
        {
            RuleFor(x => x.LeadUnitId).NotEmpty();
            RuleFor(x => x.CooperatingUnitIds).Must((cmd, ids) => ids is null || (ids.Distinct().Count() == ids.Count && !ids.Contains(cmd.LeadUnitId)))
                .WithMessage(_ => Localized.Text("Each unit appears once, and not also as the lead.", "Mỗi đơn vị chỉ nêu một lần và không trùng đơn vị chủ trì."));
        }
    }
}

public static class AssignTargetEndpoint
{
    public static ProblemDetails Validate(AssignTarget command, IValidator<AssignTarget> validator) => validator.Problems(command);

    [WolverinePost("/api/targets/{id}/assignment"), Tags("Targets"), EndpointSummary("Assign the lead and co-operating units of a target")]
    [ProducesResponseType<WriteAccepted>(200), ProducesResponseType<HttpValidationProblemDetails>(400), ProducesResponseType<ProblemDetails>(404), ProducesResponseType<ProblemDetails>(409)]
    public static async Task<IResult> Post(Guid id, AssignTarget command, IDocumentSession session, HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        foreach (var unitId in command.CooperatingUnitIds?.Prepend(command.LeadUnitId) ?? [command.LeadUnitId])
            if (await session.LoadAsync<Unit>(unitId, ct) is null) return Problems.NotFound("Unit", unitId);

        var (stream, problem) = await session.FetchAsync<Target>(context, id, command.Version, "Target", ct);
        if (problem is not null) return problem;
        return stream!.Append(Decision.Accept(new TargetAssigned(id, command.LeadUnitId, command.CooperatingUnitIds ?? [],
            Caller.From(context.User).UserName, clock.GetUtcNow())), context);
    }
}
