using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Units;

namespace Monitoring.Domain.Drafting;

/// <summary>
/// Where a drafted item comes from and how sure the rule that produced it is: the rule's name, a confidence from 0 to 1
/// (1: the text says it in so many words; 0: nothing in the text, a placeholder to fill), the span, the words.
/// </summary>
public sealed record Provenance(string Rule, double Confidence, SourceSpan? Span = null, string? Text = null)
{
    public static Provenance Placeholder(string rule) => new(rule, 0);
    public bool IsPlaceholder => Confidence == 0;
}

/// <summary>A value of the heading with where it comes from.</summary>
public sealed record Drafted<T>(T Value, Provenance Source);

public sealed record DraftHeading(
    Drafted<string> Number,
    Drafted<ResolutionKind> Kind,
    Drafted<string> IssuingBody,
    Drafted<string?> Term,
    Drafted<DateOnly> IssueDate,
    Drafted<int> PeriodStartYear,
    Drafted<int> PeriodEndYear,
    Drafted<int?> OrientationYear,
    Drafted<string> Title,
    Drafted<string?> Province,
    Drafted<DateOnly?> ContentAsOf);

public sealed record DraftUnit(string Code, string Name, UnitKind Kind, Provenance Source);

/// <param name="SinceYear">"(tăng 11 xã so với năm 2015)": the earlier year, and <paramref name="SinceChange"/> the change as printed.</param>
public sealed record DraftBaseline(decimal Value, string ValueText, int Year, string? Source, int? SinceYear = null, decimal? SinceChange = null);

public sealed record DraftTarget
{
    public required string Code { get; init; }
    public required string Field { get; init; }
    public required string Statement { get; init; }
    public required TargetShape Shape { get; init; }
    public Direction? Direction { get; init; }
    public decimal? Minimum { get; init; }
    public string? MinimumText { get; init; }
    public decimal? Maximum { get; init; }
    public string? MaximumText { get; init; }
    public int? Total { get; init; }
    /// <summary>"thêm 01 huyện" on a baseline the text gives: the goal is the baseline plus this.</summary>
    public decimal? GoalOverBaseline { get; init; }
    public IReadOnlyList<string> StandardUnits { get; init; } = [];
    public required string UnitOfMeasure { get; init; }
    public required int TargetYear { get; init; }
    public DraftBaseline? Baseline { get; init; }
    public IReadOnlyList<string> Footnotes { get; init; } = [];
    public string? ParentCode { get; init; }
    public string? GoalSetBy { get; init; }
    public string? ReferenceSeries { get; init; }
    public IReadOnlyList<string> Steps { get; init; } = [];
    public string? Lead { get; init; }
    public IReadOnlyList<string> Cooperating { get; init; } = [];
    /// <summary>"thêm 01 huyện" drafted as a period total because the text gives no baseline: the increment it adds.</summary>
    public bool IsIncrement { get; init; }
    public required Provenance Source { get; init; }

    /// <summary>A target whose goal the text states as a number.</summary>
    public bool IsNumeric => Minimum is not null || Maximum is not null || GoalOverBaseline is not null;
}

public sealed record DraftTask(string Code, string Group, string Statement, string? Lead, IReadOnlyList<string> Cooperating, DateOnly? Deadline,
    Provenance Source);

/// <summary>A figure the text reports ("ước tính đạt 29.240,3 tỷ đồng"), for a reporting period ("2023-H1", "2021-2023").</summary>
public sealed record DraftFigure(string TargetCode, decimal Value, string ValueText, FigureStage Stage, string Period, DateOnly? AsOf,
    string Note, Provenance Source);

/// <summary>A sentence with numbers no rule could place, kept so that a reader decides.</summary>
public sealed record Unplaced(string Text, SourceSpan Span, string Reason);

public sealed record ResolutionDraft(
    DraftHeading Heading,
    IReadOnlyList<string> Fields,
    IReadOnlyList<DraftUnit> Units,
    IReadOnlyList<DraftTarget> Targets,
    IReadOnlyList<DraftTask> Tasks,
    IReadOnlyList<DraftFigure> Figures,
    string? ReportingUnit,
    IReadOnlyList<Unplaced> Unplaced,
    IReadOnlyList<string> Reasons);
