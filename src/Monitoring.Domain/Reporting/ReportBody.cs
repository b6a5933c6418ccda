namespace Monitoring.Domain.Reporting;

/// <summary>A figure as a report or a draft carries it, before it is recorded.</summary>
public interface IFigureInput
{
    Guid TargetId { get; }
    decimal? Value { get; }
    Targets.FigureStage Stage { get; }
    string? Source { get; }
    string? Note { get; }
    IReadOnlyList<string>? Items { get; }
}

/// <summary>A task's progress as a report or a draft carries it.</summary>
public interface ITaskUpdateInput
{
    Guid TaskId { get; }
    int PercentDone { get; }
    bool Completed { get; }
    DateOnly? CompletedOn { get; }
    string? Note { get; }
}

/// <summary>What a report and a draft both hold: the period, figures, task updates, the narrative and its evidence.</summary>
public interface IReportBody<out TFigure, out TTaskUpdate> where TFigure : IFigureInput where TTaskUpdate : ITaskUpdateInput
{
    string Period { get; }
    IReadOnlyList<TFigure>? Figures { get; }
    IReadOnlyList<TTaskUpdate>? TaskUpdates { get; }
    Narrative? Narrative { get; }
    IReadOnlyList<string>? EvidenceReferences { get; }
}
