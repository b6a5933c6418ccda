using Monitoring.Api.Infrastructure.Http;
using System.Text.Json;
using System.Text.Json.Serialization;
using Monitoring.Domain.Common;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Units;

namespace Monitoring.Api.Resolutions.Import;

/// <summary>
/// A resolution as the secretariat loads it from a document: the format of <c>seeds/*.json</c>, published as
/// <c>seeds/resolution-import.schema.json</c>. Units, targets and tasks refer to each other by code.
/// </summary>
public sealed record ResolutionDocument
{
    [JsonPropertyName("$schema")] public string? Schema { get; init; }
    public DocumentSource? Source { get; init; }
    public IReadOnlyList<UnitEntry> Units { get; init; } = [];
    public ResolutionEntry Resolution { get; init; } = null!;
    public IReadOnlyList<TargetEntry> Targets { get; init; } = [];
    public IReadOnlyList<TaskEntry> Tasks { get; init; } = [];
    public IReadOnlyList<ReportEntry> Reports { get; init; } = [];
}

/// <param name="ContentAsOf">
/// The day the document's content is as of (the conference that adopted it, the date it is signed): the default
/// <c>asOf</c> of its figures that give none, and the day its assignments took effect. Default: the resolution's issue date.
/// </param>
public sealed record DocumentSource(string? Document, string? Province, string? Note, DateOnly? ContentAsOf = null);

/// <summary>How an imported report enters the reporting cycle.</summary>
[JsonConverter(typeof(NamedEnumConverter<ImportedApproval>))]
public enum ImportedApproval
{
    /// <summary>Submitted and approved at once (the default): a historical document the committee already adopted.</summary>
    Approved,
    /// <summary>Submitted, waiting for the secretariat's approval like a report sent through the API.</summary>
    Submitted,
}

public sealed record UnitEntry(string Code, string Name, UnitKind Kind, string? ParentCode = null);

public sealed record ResolutionEntry(string Number, ResolutionKind Kind, string IssuingBody, string? Term, DateOnly IssueDate,
    int PeriodStartYear, int PeriodEndYear, int? OrientationYear, string Title, IReadOnlyList<string>? Fields,
    IReadOnlyList<PeriodKind>? ReportingPeriods = null);

/// <param name="Since">How the text says the baseline moved from an earlier year ("tăng 11 xã so với năm 2015").</param>
public sealed record BaselineEntry([property: JsonConverter(typeof(VietnameseDecimalConverter))] decimal Value, int Year, string? Source = null,
    BaselineSinceEntry? Since = null);

/// <summary>"tăng 11 xã so với năm 2015": the year and the change from it to the baseline (negative for a fall).</summary>
public sealed record BaselineSinceEntry(int Year, [property: JsonConverter(typeof(VietnameseDecimalConverter))] decimal Change);

public sealed record TargetEntry
{
    public string Code { get; init; } = "";
    public string Field { get; init; } = "";
    public string Statement { get; init; } = "";
    public TargetShape Shape { get; init; }
    public Direction? Direction { get; init; }
    [JsonConverter(typeof(VietnameseDecimalConverter))] public decimal? Minimum { get; init; }
    [JsonConverter(typeof(VietnameseDecimalConverter))] public decimal? Maximum { get; init; }
    public int? Total { get; init; }
    /// <summary>"thêm 01 huyện": the goal is the baseline plus this (minus it for a target whose direction is Decrease).</summary>
    [JsonConverter(typeof(VietnameseDecimalConverter))] public decimal? GoalOverBaseline { get; init; }
    public string UnitOfMeasure { get; init; } = "";
    public int TargetYear { get; init; }
    public BaselineEntry? Baseline { get; init; }
    public IReadOnlyList<string> Footnotes { get; init; } = [];
    public string? ParentCode { get; init; }
    public IReadOnlyList<string> StandardUnits { get; init; } = [];
    public IReadOnlyList<MilestoneStep> Steps { get; init; } = [];
    public string? ReferenceSeries { get; init; }
    public string? GoalSetBy { get; init; }
    public string? Lead { get; init; }
    public IReadOnlyList<string> Cooperating { get; init; } = [];
}

public sealed record TaskEntry(string Code, string Group, string Statement, string? Lead = null, IReadOnlyList<string>? Cooperating = null,
    DateOnly? Deadline = null);

public sealed record FigureEntry
{
    public string Target { get; init; } = "";
    [JsonConverter(typeof(VietnameseDecimalConverter))] public decimal? Value { get; init; }
    public FigureStage Stage { get; init; }
    public DateOnly? AsOf { get; init; }
    public string? Source { get; init; }
    public string? Note { get; init; }
    public IReadOnlyList<string> Items { get; init; } = [];
    [JsonConverter(typeof(VietnameseDecimalConverter))] public decimal? ReferenceValue { get; init; }
}

public sealed record TaskUpdateEntry(string Task, int PercentDone, bool Completed = false, DateOnly? CompletedOn = null, string? Note = null);

public sealed record ReportEntry
{
    public string Unit { get; init; } = "";
    public string Period { get; init; } = "";
    public IReadOnlyList<FigureEntry> Figures { get; init; } = [];
    public IReadOnlyList<TaskUpdateEntry> TaskUpdates { get; init; } = [];
    public Narrative? Narrative { get; init; }
    public IReadOnlyList<string> Evidence { get; init; } = [];
    /// <summary>Approved by default: the documents are historical and their figures were adopted when they were issued.</summary>
    public ImportedApproval Approval { get; init; } = ImportedApproval.Approved;
}

/// <summary>A number written the Vietnamese way as text ("6.150", "29.240,3"), or a plain JSON number.</summary>
public sealed class VietnameseDecimalConverter : JsonConverter<decimal>
{
    public override bool HandleNull => false;

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
            return reader.TryGetDecimal(out var number) ? InputBounds.Check(number) : InputBounds.Check(decimal.MaxValue);
        var text = reader.GetString();
        return VietnameseNumber.TryParse(text, out var value)
            ? InputBounds.Check(value.Value)
            : throw new VietnameseNumberException(text ?? "");
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteStringValue(VietnameseNumber.ToText(value, maxDecimals: 6));
}

public sealed class VietnameseNumberException(string text)
    : JsonInputException($"'{text}' is not a number written the Vietnamese way (6.150 or 29.240,3).",
        $"'{text}' không phải số viết theo cách Việt Nam (ví dụ 6.150 hoặc 29.240,3).");
