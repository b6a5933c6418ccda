using Marten;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;
using Monitoring.Domain.Units;

namespace Monitoring.Api.Infrastructure;

// One fold per aggregate (issue 12). Marten 9's aggregation base (JasperFx.Events' JasperFxAggregationProjectionBase)
// takes an override of Evolve(TDoc? snapshot, TId id, IEvent e) in place of conventional Create/Apply methods: it is
// the explicit form the maintainers offer next to the source-generated one, registration refuses a projection that has
// both, and the base still fills the document's Version from the last event. Registered inline, the projection is also
// what FetchForWriting and AggregateStreamAsync run for the type. So each projection here only hands the event's data to
// the Domain's pure Evolve: what Marten stores is literally the function the as-of reader, reviews, the import and the
// decision tests call, and no second dispatcher is left to drift from it. The Domain lists each aggregate's event types
// beside its Evolve; the projection takes exactly those, so a stream's other events (and other streams) cost no lookup.

public sealed partial class TargetProjection : SingleStreamProjection<Target, Guid>
{
    /// <summary>A target's state is stored aside each time its stream passes this many more events (see <see cref="Targets.TargetCheckpoint"/>).</summary>
    public const int CheckpointEvery = 100;

    public TargetProjection()
    {
        Target.EventTypes.ToList().ForEach(IncludeType);
        // Rebuilds read pages of this many events: small events, many streams, so larger pages rebuild faster (Marten's advice).
        Options.BatchSize = 2500;
    }

    public override Target? Evolve(Target? snapshot, Guid id, IEvent e) => Target.Evolve(snapshot, e.Data);

    public override ValueTask RaiseSideEffects(IDocumentOperations operations, IEventSlice<Target> slice)
    {
        if (slice.Snapshot is { } target && target.Version / CheckpointEvery > (target.Version - slice.Events().Count) / CheckpointEvery)
            operations.Store(Targets.TargetCheckpoint.Of(target));
        return ValueTask.CompletedTask;
    }
}

public sealed partial class ResolutionTaskProjection : SingleStreamProjection<ResolutionTask, Guid>
{
    public ResolutionTaskProjection() => ResolutionTask.EventTypes.ToList().ForEach(IncludeType);

    public override ResolutionTask? Evolve(ResolutionTask? snapshot, Guid id, IEvent e) => ResolutionTask.Evolve(snapshot, e.Data);
}

public sealed partial class ResolutionProjection : SingleStreamProjection<Resolution, Guid>
{
    public ResolutionProjection() => Resolution.EventTypes.ToList().ForEach(IncludeType);

    public override Resolution? Evolve(Resolution? snapshot, Guid id, IEvent e) => Resolution.Evolve(snapshot, e.Data);
}

public sealed partial class UnitProjection : SingleStreamProjection<Unit, Guid>
{
    public UnitProjection() => Unit.EventTypes.ToList().ForEach(IncludeType);

    public override Unit? Evolve(Unit? snapshot, Guid id, IEvent e) => Unit.Evolve(snapshot, e.Data);
}

public sealed partial class ProgressReportProjection : SingleStreamProjection<ProgressReport, Guid>
{
    public ProgressReportProjection() => ProgressReport.EventTypes.ToList().ForEach(IncludeType);

    public override ProgressReport? Evolve(ProgressReport? snapshot, Guid id, IEvent e) => ProgressReport.Evolve(snapshot, e.Data);
}

public sealed partial class SubmissionProjection : SingleStreamProjection<Submission, Guid>
{
    public SubmissionProjection() => Submission.EventTypes.ToList().ForEach(IncludeType);

    public override Submission? Evolve(Submission? snapshot, Guid id, IEvent e) => Submission.Evolve(snapshot, e.Data);
}
