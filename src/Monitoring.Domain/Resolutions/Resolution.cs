using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Monitoring.Domain.Resolutions;

[JsonConverter(typeof(Monitoring.Domain.Common.NamedEnumConverter<ResolutionKind>))]
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
    DateTimeOffset DefinedAt,
    IReadOnlyList<Reporting.PeriodKind>? ReportingPeriods = null);

/// <summary>One figure a review used: what it said and the stored event it came from.</summary>
public sealed record ReviewedFigure(Guid TargetId, string? Code, decimal? Value, Targets.FigureStage? Stage, string? Period,
    Judging.TargetStatus Status, decimal? Achievement, Guid? FigureId, Guid? EventId, long? Sequence, Targets.FigureApproval? Approval = null);

/// <summary>A review generated from the data, recorded with what it used, so that it can be audited later.</summary>
public sealed record ReviewGenerated(
    Guid ResolutionId, Guid ReviewId, Reviews.ReviewKind Kind, DateOnly CutOff, IReadOnlyList<ReviewedFigure> Figures,
    long AuditHeadSequence, string AuditHeadHash, string DocumentSha256, string DataSha256, string GeneratedBy, DateTimeOffset GeneratedAt,
    DateTimeOffset? KnownAt = null, bool IncludeSubmitted = false);

public sealed record TargetToAdjust(Guid TargetId, string Proposal);

/// <summary>The standing committee's conclusion on a review.</summary>
public sealed record ReviewConcluded(Guid ResolutionId, Guid ReviewId, string Text, IReadOnlyList<string> Decisions,
    IReadOnlyList<TargetToAdjust> TargetsToAdjust, string ConcludedBy, DateTimeOffset ConcludedAt);

public sealed record ReviewRecord(Guid ReviewId, Reviews.ReviewKind Kind, DateOnly CutOff, string AuditHeadHash, string DocumentSha256,
    string GeneratedBy, DateTimeOffset GeneratedAt)
{
    public ImmutableList<ReviewConcluded> Conclusions { get; init; } = [];
}

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
    /// <summary>The kinds of period the resolution is reported on (events before this field: half-year and year).</summary>
    public ImmutableList<Reporting.PeriodKind> ReportingPeriods { get; init; } = [.. Reporting.ReportingCalendar.DefaultKinds];
    public ImmutableList<ReviewRecord> Reviews { get; init; } = [];

    private static Resolution From(ResolutionDefined e) => new()
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
        ReportingPeriods = [.. (e.ReportingPeriods is { Count: > 0 } kinds ? kinds : Reporting.ReportingCalendar.DefaultKinds).Distinct().Order()],
    };

    private Resolution With(ReviewGenerated e) => this with
    {
        Reviews = Reviews.Add(new ReviewRecord(e.ReviewId, e.Kind, e.CutOff, e.AuditHeadHash, e.DocumentSha256, e.GeneratedBy, e.GeneratedAt)),
    };

    private Resolution With(ReviewConcluded e)
    {
        var review = Reviews.Single(r => r.ReviewId == e.ReviewId);
        return this with { Reviews = Reviews.Replace(review, review with { Conclusions = review.Conclusions.Add(e) }) };
    }

    /// <summary>The events of a resolution's stream, each with its case in <see cref="Evolve"/>; Marten's projection takes exactly these.</summary>
    public static readonly IReadOnlyList<Type> EventTypes = [typeof(ResolutionDefined), typeof(ReviewGenerated), typeof(ReviewConcluded)];

    /// <summary>
    /// The one place a resolution evolves: the state after <paramref name="event"/>, given the state before it (null before the
    /// stream starts). Marten's projection runs it, and so do the as-of reader, reviews, the import and the decision tests.
    /// </summary>
    public static Resolution? Evolve(Resolution? state, object @event) => (state, @event) switch
    {
        (null, ResolutionDefined e) => From(e),
        (null, _) => null,
        (_, ReviewGenerated e) => state.With(e),
        (_, ReviewConcluded e) => state.With(e),
        _ => state,
    };
}
