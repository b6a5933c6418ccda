using System.Globalization;
using Monitoring.Domain.Judging;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Tests.Judging;

/// <summary>
/// Builds a target from events the way the event store would, with the seeds' numbers:
/// <c>TargetBuilder.Growth(11, 12).Reported("2021-2023", 15.4m).JudgedOn("2023-06-30")</c>.
/// <see cref="Reported"/> and <see cref="Revised"/> are approved reports (the figure, then the secretariat's
/// <see cref="FiguresApproved"/>), which is what judging counts; <see cref="Submitted"/> leaves a figure waiting for approval.
/// </summary>
internal sealed class TargetBuilder
{
    private static readonly DateTimeOffset Start = new(2021, 1, 1, 8, 0, 0, TimeSpan.FromHours(7));

    private readonly Guid targetId = Guid.NewGuid();
    private readonly Guid unitId = Guid.NewGuid();
    private readonly List<object> events = [];
    private TargetDefined definition;
    private int recorded;

    private TargetBuilder(TargetShape shape, TargetGoal goal, string unit, int from, int to, Direction direction) =>
        definition = new TargetDefined(targetId, Guid.NewGuid(), null, "kinh tế", "chỉ tiêu thử", shape, direction, goal, unit,
            to, from, null, [], null, [], [], null, "van-phong", Start);

    public static TargetBuilder Growth(decimal minimum, decimal? maximum = null, int from = 2021, int to = 2025) =>
        new(TargetShape.GrowthRate, new TargetGoal(minimum, maximum), "%", from, to, Direction.Increase);

    public static TargetBuilder AtLeast(decimal goal, string unit, int from = 2021, int to = 2025) =>
        new(TargetShape.LevelAtLeast, new TargetGoal(Minimum: goal), unit, from, to, Direction.Increase);

    public static TargetBuilder AtMost(decimal goal, string unit, int from = 2021, int to = 2025) =>
        new(TargetShape.LevelAtMost, new TargetGoal(Maximum: goal), unit, from, to, Direction.Decrease);

    public static TargetBuilder PerYear(decimal goal, string unit, int from = 2021, int to = 2025) =>
        new(TargetShape.QuantityPerYear, new TargetGoal(Minimum: goal), unit, from, to, Direction.Increase);

    public static TargetBuilder Cumulative(decimal goal, string unit, int from = 2021, int to = 2025) =>
        new(TargetShape.Cumulative, new TargetGoal(Minimum: goal), unit, from, to, Direction.Increase);

    public static TargetBuilder Count(int goal, int total, string unit, int from = 2021, int to = 2025) =>
        new(TargetShape.CountMeetingStandard, new TargetGoal(Minimum: goal, Total: total), unit, from, to, Direction.Increase);

    public static TargetBuilder Milestone(int to = 2025, params MilestoneStep[] steps) =>
        new TargetBuilder(TargetShape.Milestone, new TargetGoal(), "", 2021, to, Direction.Increase)
            .Defined(d => d with { Steps = steps });

    public static TargetBuilder Relative(string referenceSeries, Direction direction, string unit = "", int to = 2025) =>
        new TargetBuilder(TargetShape.RelativeToReference, new TargetGoal(), unit, 2021, to, direction)
            .Defined(d => d with { ReferenceSeries = referenceSeries });

    public TargetBuilder WithBaseline(decimal value, int year, BaselineChange? since = null) =>
        Defined(d => d with { Baseline = new Baseline(value, year, Since: since) });

    /// <summary>"thêm 01 huyện": the goal is the baseline (given first) plus <paramref name="amount"/>, as the import defines it.</summary>
    public TargetBuilder OverBaseline(decimal amount) =>
        Defined(d => d with { Goal = TargetGoal.Over(d.Baseline!, amount, d.Direction, d.Goal.Total) });

    /// <summary>The target as defined, for tests that fold further events themselves.</summary>
    public TargetDefined Definition => definition;

    public TargetBuilder WithStandardUnits(params string[] units) => Defined(d => d with { StandardUnits = units });

    /// <summary>An approved report: the figure (dated the end of its period unless <paramref name="asOf"/> says otherwise), then its approval.</summary>
    public TargetBuilder Reported(string period, decimal? value, FigureStage stage = FigureStage.Official,
        string[]? items = null, decimal? reference = null, Guid? figureId = null, string? asOf = null) =>
        Submitted(period, value, stage, items, reference, figureId ??= Guid.NewGuid(), asOf).Approved(figureId.Value);

    /// <summary>A submitted report the secretariat has not approved yet: judging leaves it out unless asked to include it.</summary>
    public TargetBuilder Submitted(string period, decimal? value, FigureStage stage = FigureStage.Official,
        string[]? items = null, decimal? reference = null, Guid? figureId = null, string? asOf = null)
    {
        var reported = ReportingPeriod.Parse(period);
        events.Add(new ProgressReported(targetId, figureId ?? Guid.NewGuid(), Guid.NewGuid(), unitId, reported,
            value, stage, asOf is null ? reported.End : Day(asOf), null, null, items ?? [], reference, "don-vi", NextRecordedAt()));
        return this;
    }

    /// <summary>An approved revision: the corrected figure, then its approval.</summary>
    public TargetBuilder Revised(Guid figureId, decimal? value, FigureStage stage, string reason = "số liệu chính thức của Cục Thống kê",
        Guid? revisionId = null) =>
        RevisionSubmitted(figureId, value, stage, reason, revisionId ??= Guid.NewGuid()).Approved(revisionId.Value);

    /// <summary>A revision waiting for approval.</summary>
    public TargetBuilder RevisionSubmitted(Guid figureId, decimal? value, FigureStage stage, string reason = "số liệu chính thức của Cục Thống kê",
        Guid? revisionId = null)
    {
        var previous = FigureFrom.History(events).Single(f => f.FigureId == figureId);
        events.Add(new FigureRevised(targetId, revisionId ?? Guid.NewGuid(), figureId, unitId, value, stage, previous.AsOf, previous.Value,
            previous.Stage, reason, null, [], previous.ReferenceValue, "don-vi", NextRecordedAt(), previous.Period, previous.ReportId));
        return this;
    }

    /// <summary>The secretariat approves the unit's submission holding these figures.</summary>
    public TargetBuilder Approved(params Guid[] figureIds)
    {
        var period = PeriodOf(figureIds[0]);
        events.Add(new FiguresApproved(targetId, Submission.IdFor(unitId, definition.ResolutionId, period), unitId, period, figureIds,
            "van-phong", NextRecordedAt()));
        return this;
    }

    /// <summary>The secretariat returns the unit's submission holding these figures.</summary>
    public TargetBuilder Returned(params Guid[] figureIds)
    {
        var period = PeriodOf(figureIds[0]);
        events.Add(new FiguresReturned(targetId, Submission.IdFor(unitId, definition.ResolutionId, period), unitId, period, figureIds,
            "số liệu chưa khớp với niên giám", "van-phong", NextRecordedAt()));
        return this;
    }

    public Target Build() => events.Aggregate(Target.Evolve(null, definition)!, (target, e) => e switch
    {
        ProgressReported or FigureRevised or FiguresApproved or FiguresReturned => Target.Evolve(target, e)!,
        _ => throw new InvalidOperationException($"The builder records no {e.GetType().Name}"),
    });

    public TargetJudgement JudgedOn(string date, bool includeSubmitted = false) =>
        TargetJudge.Judge(Build(), Day(date), includeSubmitted);

    private ReportingPeriod PeriodOf(Guid figureId) => FigureFrom.History(events).Single(f => f.FigureId == figureId).Period;

    private static DateOnly Day(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private TargetBuilder Defined(Func<TargetDefined, TargetDefined> change)
    {
        definition = change(definition);
        return this;
    }

    private DateTimeOffset NextRecordedAt() => Start.AddDays(++recorded);
}
