using FluentValidation;
using Monitoring.Api.Units;
using Marten;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Tasks;
using Monitoring.Domain.Units;

namespace Monitoring.Api.Tasks;

/// <summary>A task (nhiệm vụ) as the secretariat enters it, alone or inside a resolution.</summary>
public sealed record TaskDefinition(string Group, string Statement, Guid? LeadUnitId = null, IReadOnlyList<Guid>? CooperatingUnitIds = null,
    DateOnly? Deadline = null, string? Code = null)
{
    public sealed class Validator : AbstractValidator<TaskDefinition>
    {
        public Validator()
        {
            RuleFor(x => x.Group).NotEmpty().MaximumLength(500);
            RuleFor(x => x.Statement).NotEmpty().MaximumLength(4000);
            RuleFor(x => x.Code).MaximumLength(50);
            RuleFor(x => x.CooperatingUnitIds).DistinctFromLead(x => x.LeadUnitId);
        }
    }
}

public static class TaskDefining
{
    /// <summary>Starts the task's stream and returns the task as defined.</summary>
    /// <param name="effectiveOn">The day the assignment took effect, when not the day it is recorded (an imported document's).</param>
    public static ResolutionTask Append(IDocumentSession session, Resolution resolution, TaskDefinition t, string by, DateTimeOffset at,
        DateOnly? effectiveOn = null)
    {
        var id = Guid.CreateVersion7();
        var defined = new TaskDefined(id, resolution.Id, t.Code, t.Group.Trim(), t.Statement, t.LeadUnitId, t.CooperatingUnitIds ?? [], t.Deadline, by, at,
            effectiveOn);
        session.Events.StartStream<ResolutionTask>(id, defined);
        return ResolutionTask.Evolve(null, defined)!;
    }
}
