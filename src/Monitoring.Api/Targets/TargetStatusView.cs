using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Judging;
using Monitoring.Domain.Targets;

namespace Monitoring.Api.Targets;

/// <param name="Approval">Submitted (waiting for the secretariat), Approved or Returned.</param>
/// <param name="ApprovalText">The same in Vietnamese: "đã phê duyệt", "chưa phê duyệt", "bị trả lại".</param>
public sealed record FigureView(Guid FigureId, string Period, decimal? Value, FigureStage Stage, DateOnly AsOf, Guid UnitId, Guid? ReportId,
    string? Source, string? Note, IReadOnlyList<string> Items, decimal? ReferenceValue, Guid? Revises, string? RevisionReason, Guid? RevisedBy,
    string RecordedBy, DateTimeOffset RecordedAt, FigureApproval Approval, string ApprovalText)
{
    public static FigureView From(Figure f) => new(f.FigureId, f.Period.ToString(), f.Value, f.Stage, f.AsOf, f.UnitId, f.ReportId, f.Source,
        f.Note, f.Items, f.ReferenceValue, f.Revises, f.RevisionReason, f.RevisedBy, f.RecordedBy, f.RecordedAt, f.Approval, ApprovalTexts.Of(f.Approval));
}

public static class ApprovalTexts
{
    public static string Of(FigureApproval approval) => approval switch
    {
        FigureApproval.Approved => "đã phê duyệt",
        FigureApproval.Returned => "bị trả lại",
        _ => "chưa phê duyệt",
    };
}

public sealed record JudgementView(TargetStatus Status, string StatusText, decimal? Observed, decimal? Achievement, Forecast? Forecast,
    string Rule, string Explanation, DateOnly JudgedOn)
{
    public static JudgementView Of(Target target, DateOnly today, bool includeSubmitted = false)
    {
        var j = TargetJudge.Judge(target, today, includeSubmitted);
        return new JudgementView(j.Status, j.Status.ToVietnamese(), j.Observed, j.Achievement, j.Forecast, j.Rule, j.Explanation, today);
    }
}

public sealed record LastReport(string By, Guid UnitId, DateTimeOffset At);

/// <summary>
/// What the committee reads about a target: its commitment, its latest figures by stage, and its judged status, from the
/// data <see cref="Basis"/> names (approved figures by default; with <c>includeSubmitted</c> also those waiting for
/// approval, each figure saying which it is). <see cref="AwaitingApproval"/> lists the figures submitted and not yet
/// approved whatever was asked, so that a reader knows they exist.
/// </summary>
public sealed record TargetStatusView(
    Guid Id, long Version, Guid ResolutionId, string? Code, string Field, string Statement, TargetShape Shape, Direction Direction,
    TargetGoal Goal, TargetGoal OriginalGoal, string? GoalSetBy, string UnitOfMeasure, int TargetYear, Baseline? Baseline, IReadOnlyList<string> Footnotes,
    Guid? ParentTargetId, Guid? LeadUnitId, IReadOnlyList<Guid> CooperatingUnitIds, IReadOnlyList<Adjustment> Adjustments,
    FigureView? LatestEstimate, FigureView? LatestPreliminary, FigureView? LatestOfficial, FigureView? Latest,
    JudgementView Judgement, LastReport? LastReported, IReadOnlyList<FigureView> AwaitingApproval, DataBasis? Basis)
{
    /// <param name="today">The cut-off: figures about periods begun and dates up to it.</param>
    public static TargetStatusView From(Target t, DateOnly today, bool includeSubmitted = false, DataBasis? basis = null)
    {
        var pending = t.LatestFigures.Where(f => f.Approval == FigureApproval.Submitted && f.IsAboutOnOrBefore(today)).ToList();
        // With submitted figures, a pending revision replaces the approved figure it revises (the target's own rule).
        var current = t.CountingFigures(includeSubmitted).Where(f => f.IsAboutOnOrBefore(today)).ToList();
        FigureView? LatestAt(FigureStage stage) =>
            current.Where(f => f.Stage == stage).OrderBy(f => f.Period).ThenBy(f => f.RecordedAt).ThenBy(f => f.FigureId).LastOrDefault() is { } f ? FigureView.From(f) : null;
        var latest = t.EffectiveFiguresAbout(today, includeSubmitted).LastOrDefault();
        var lastRecorded = t.LastRecorded;
        return new TargetStatusView(t.Id, t.Version, t.ResolutionId, t.Code, t.Field, t.Statement, t.Shape, t.Direction, t.Goal, t.OriginalGoal,
            t.GoalSetBy, t.UnitOfMeasure, t.TargetYear, t.Baseline, t.Footnotes, t.ParentTargetId, t.LeadUnitId, t.CooperatingUnitIds, t.Adjustments,
            LatestAt(FigureStage.Estimate), LatestAt(FigureStage.Preliminary), LatestAt(FigureStage.Official),
            latest is null ? null : FigureView.From(latest),
            JudgementView.Of(t, today, includeSubmitted),
            lastRecorded is null ? null : new LastReport(lastRecorded.RecordedBy, lastRecorded.UnitId, lastRecorded.RecordedAt),
            pending.OrderBy(f => f.Period).ThenBy(f => f.RecordedAt).ThenBy(f => f.FigureId).Select(FigureView.From).ToList(), basis);
    }
}
