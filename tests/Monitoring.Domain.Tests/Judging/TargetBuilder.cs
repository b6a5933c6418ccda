using System.Globalization;
using Monitoring.Domain.Judging;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;

namespace Monitoring.Domain.Tests.Judging;

/// <summary>
/// Builds a target from events the way the event store would, with the seeds' numbers:
/// <c>TargetBuilder.Growth(11, 12).Reported("2021-2023", 15.4m).JudgedOn("2023-06-30")</c>.
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

    public TargetBuilder WithBaseline(decimal value, int year) => Defined(d => d with { Baseline = new Baseline(value, year) });

    public TargetBuilder WithStandardUnits(params string[] units) => Defined(d => d with { StandardUnits = units });

    public TargetBuilder Reported(string period, decimal? value, FigureStage stage = FigureStage.Official,
        string[]? items = null, decimal? reference = null, Guid? figureId = null)
    {
        events.Add(new ProgressReported(targetId, figureId ?? Guid.NewGuid(), Guid.NewGuid(), unitId, ReportingPeriod.Parse(period),
            value, stage, ReportingPeriod.Parse(period).End, null, null, items ?? [], reference, "don-vi", NextRecordedAt()));
        return this;
    }

    public TargetBuilder Revised(Guid figureId, decimal? value, FigureStage stage, string reason = "số liệu chính thức của Cục Thống kê")
    {
        var previous = FigureFrom.History(events).Single(f => f.FigureId == figureId);
        events.Add(new FigureRevised(targetId, Guid.NewGuid(), figureId, unitId, value, stage, previous.AsOf, previous.Value,
            previous.Stage, reason, null, [], previous.ReferenceValue, "don-vi", NextRecordedAt(), previous.Period, previous.ReportId));
        return this;
    }

    public Target Build() => events.Aggregate(Target.Evolve(null, definition)!, (target, e) => e switch
    {
        ProgressReported or FigureRevised => Target.Evolve(target, e)!,
        _ => throw new InvalidOperationException($"The builder records no {e.GetType().Name}"),
    });

    public TargetJudgement JudgedOn(string date) =>
        TargetJudge.Judge(Build(), DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture));

    private TargetBuilder Defined(Func<TargetDefined, TargetDefined> change)
    {
        definition = change(definition);
        return this;
    }

    private DateTimeOffset NextRecordedAt() => Start.AddDays(++recorded);
}
