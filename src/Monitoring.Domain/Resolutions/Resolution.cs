using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Monitoring.Domain.Resolutions;

[JsonConverter(typeof(JsonStringEnumConverter<ResolutionKind>))]
public enum ResolutionKind { Resolution, Conclusion, ActionProgramme }

public sealed record ResolutionDefined(
    Guid ResolutionId,
    string Number,
    ResolutionKind Kind,
    string IssuingBody,
    string? Term,
    DateOnly IssueDate,
    int PeriodStartYear,
    int PeriodEndYear,
    int? OrientationYear,
    string Title,
    IReadOnlyList<string> Fields,
    string DefinedBy,
    DateTimeOffset DefinedAt);

public sealed record Resolution
{
    public Guid Id { get; init; }
    public int Version { get; init; }
    public string Number { get; init; } = "";
    public ResolutionKind Kind { get; init; }
    public string IssuingBody { get; init; } = "";
    public string? Term { get; init; }
    public DateOnly IssueDate { get; init; }
    public int PeriodStartYear { get; init; }
    public int PeriodEndYear { get; init; }
    public int? OrientationYear { get; init; }
    public string Title { get; init; } = "";
    public ImmutableList<string> Fields { get; init; } = [];
    public DateTimeOffset DefinedAt { get; init; }

    public static Resolution Create(ResolutionDefined e) => new()
    {
        Id = e.ResolutionId,
        Number = e.Number,
        Kind = e.Kind,
        IssuingBody = e.IssuingBody,
        Term = e.Term,
        IssueDate = e.IssueDate,
        PeriodStartYear = e.PeriodStartYear,
        PeriodEndYear = e.PeriodEndYear,
        OrientationYear = e.OrientationYear,
        Title = e.Title,
        Fields = [.. e.Fields],
        DefinedAt = e.DefinedAt,
    };

    public static Resolution? Fold(Resolution? state, object @event) => (state, @event) switch
    {
        (null, ResolutionDefined e) => Create(e),
        _ => state,
    };
}
