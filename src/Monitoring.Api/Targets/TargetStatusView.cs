using Monitoring.Domain.Judging;
using Monitoring.Domain.Targets;

namespace Monitoring.Api.Targets;

public sealed record FigureView(Guid FigureId, string Period, decimal? Value, FigureStage Stage, DateOnly AsOf, Guid UnitId, Guid? ReportId,
    string? Source, string? Note, IReadOnlyList<string> Items, decimal? ReferenceValue, Guid? Revises, string? RevisionReason, Guid? RevisedBy,
    string RecordedBy, DateTimeOffset RecordedAt)
{
    public static FigureView From(Figure f) => new(f.FigureId, f.Period.ToString(), f.Value, f.Stage, f.AsOf, f.UnitId, f.ReportId, f.Source,
        f.Note, f.Items, f.ReferenceValue, f.Revises, f.RevisionReason, f.RevisedBy, f.RecordedBy, f.RecordedAt);
}

public sealed record JudgementView(TargetStatus Status, string StatusText, decimal? Observed, decimal? Achievement, Forecast? Forecast,
    string Rule, string Explanation, DateOnly JudgedOn)
{
    public static JudgementView Of(Target target, DateOnly today)
    {
        var j = TargetJudge.Judge(target, today);
        return new JudgementView(j.Status, j.Status.ToVietnamese(), j.Observed, j.Achievement, j.Forecast, j.Rule, j.Explanation, today);
    }
}

public sealed record LastReport(string By, Guid UnitId, DateTimeOffset At);

/// <summary>What the committee reads about a target: its commitment, its latest figures by stage, and its judged status.</summary>
public sealed record TargetStatusView(
    Guid Id, long Version, Guid ResolutionId, string? Code, string Field, string Statement, TargetShape Shape, Direction Direction,
    TargetGoal Goal, TargetGoal OriginalGoal, string? GoalSetBy, string UnitOfMeasure, int TargetYear, Baseline? Baseline, IReadOnlyList<string> Footnotes,
    Guid? ParentTargetId, Guid? LeadUnitId, IReadOnlyList<Guid> CooperatingUnitIds, IReadOnlyList<Adjustment> Adjustments,
    FigureView? LatestEstimate, FigureView? LatestPreliminary, FigureView? LatestOfficial, FigureView? Latest,
    JudgementView Judgement, LastReport? LastReported)
{
    public static TargetStatusView From(Target t, DateOnly today)
    {
        var current = t.LatestFigures;
        FigureView? LatestAt(FigureStage stage) =>
            current.Where(f => f.Stage == stage).OrderBy(f => f.Period).ThenBy(f => f.RecordedAt).LastOrDefault() is { } f ? FigureView.From(f) : null;
        var latest = t.EffectiveFigures().LastOrDefault();
        var lastRecorded = t.LastRecorded;
        return new TargetStatusView(t.Id, t.Version, t.ResolutionId, t.Code, t.Field, t.Statement, t.Shape, t.Direction, t.Goal, t.OriginalGoal,
            t.GoalSetBy, t.UnitOfMeasure, t.TargetYear, t.Baseline, t.Footnotes, t.ParentTargetId, t.LeadUnitId, t.CooperatingUnitIds, t.Adjustments,
            LatestAt(FigureStage.Estimate), LatestAt(FigureStage.Preliminary), LatestAt(FigureStage.Official),
            latest is null ? null : FigureView.From(latest),
            JudgementView.Of(t, today),
            lastRecorded is null ? null : new LastReport(lastRecorded.RecordedBy, lastRecorded.UnitId, lastRecorded.RecordedAt));
    }
}
