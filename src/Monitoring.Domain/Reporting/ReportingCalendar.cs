using System.Collections.Immutable;

namespace Monitoring.Domain.Reporting;

/// <summary>The days a period's report covers: figures from <see cref="From"/> to <see cref="To"/> (the data cut-off).</summary>
public sealed record DataWindow(DateOnly From, DateOnly To);

/// <summary>When one period's report is due: what it covers and the last working day to send it.</summary>
public sealed record PeriodSchedule(ReportingPeriod Period, DataWindow Data, DateOnly DueDate);

/// <summary>
/// The reporting regime as the provinces run it (after Nghị định 09/2019/NĐ-CP): a period's data runs from the day after the
/// previous cut-off to its own cut-off day (by default the 14th: six-month data from 15/12 of the previous year to 14/6,
/// annual data from 15/12 to 14/12), and the report is due a number of working days after the cut-off. Saturdays,
/// Sundays and the listed public holidays are not working days. All dates are Vietnam's calendar days.
/// </summary>
public sealed class ReportingCalendar
{
    private readonly ImmutableHashSet<DateOnly> holidays;
    private readonly IReadOnlyDictionary<PeriodKind, int> dueWorkingDays;

    /// <param name="cutOffDay">The last day of a month that a period's data covers (14: data to 14/6 for the first half-year).</param>
    /// <param name="dueWorkingDays">Per kind of period, working days after the cut-off by which the report is due.</param>
    /// <param name="kinds">The kinds of period a resolution may be reported on (default: all four: half-year, year, quarter, month).</param>
    public ReportingCalendar(int cutOffDay, IReadOnlyDictionary<PeriodKind, int> dueWorkingDays, IEnumerable<DateOnly> holidays,
        IEnumerable<PeriodKind>? kinds = null)
    {
        if (cutOffDay is < 1 or > 28) throw new ArgumentOutOfRangeException(nameof(cutOffDay), "The cut-off day is between 1 and 28.");
        CutOffDay = cutOffDay;
        this.dueWorkingDays = dueWorkingDays;
        this.holidays = [.. holidays];
        Kinds = [.. (kinds ?? AllKinds).Distinct().Order()];
        if (Kinds.Contains(PeriodKind.Span)) throw new ArgumentOutOfRangeException(nameof(kinds), "A span of years is not a reporting period of the calendar.");
    }

    /// <summary>Every kind of period a calendar can run.</summary>
    public static readonly IReadOnlyList<PeriodKind> AllKinds = [PeriodKind.HalfYear, PeriodKind.Year, PeriodKind.Quarter, PeriodKind.Month];

    /// <summary>The kinds of period this calendar runs: what a resolution may say it is reported on.</summary>
    public IReadOnlyList<PeriodKind> Kinds { get; }

    public bool Runs(PeriodKind kind) => Kinds.Contains(kind);

    public IReadOnlyCollection<DateOnly> Holidays => holidays;

    public int DueWorkingDays(PeriodKind kind) => dueWorkingDays.TryGetValue(kind, out var days) ? days : DefaultDueWorkingDays[PeriodKind.Year];

    public static readonly IReadOnlyDictionary<PeriodKind, int> DefaultDueWorkingDays = new Dictionary<PeriodKind, int>
    {
        [PeriodKind.Month] = 3, [PeriodKind.Quarter] = 5, [PeriodKind.HalfYear] = 5, [PeriodKind.Year] = 5,
    };

    public static ReportingCalendar Default { get; } = new(14, DefaultDueWorkingDays, []);

    public int CutOffDay { get; }

    public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day);

    /// <summary>The day <paramref name="workingDays"/> working days after <paramref name="from"/> (not counting it).</summary>
    public DateOnly AddWorkingDays(DateOnly from, int workingDays)
    {
        var day = from;
        for (var left = workingDays; left > 0;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) left--;
        }
        return day;
    }

    /// <summary>Working days from <paramref name="from"/> to <paramref name="to"/>: positive ahead, negative when <paramref name="to"/> is past.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var (start, end, sign) = from <= to ? (from, to, 1) : (to, from, -1);
        var count = 0;
        for (var day = start.AddDays(1); day <= end; day = day.AddDays(1))
            if (IsWorkingDay(day)) count++;
        return sign * count;
    }

    /// <summary>The days whose data a period's report covers. A year's or a span's runs from the cut-off day + 1 of December before.</summary>
    public DataWindow DataOf(ReportingPeriod period)
    {
        var end = period.End;
        var to = new DateOnly(end.Year, end.Month, CutOffDay);
        var start = period.Start.AddMonths(-1);
        var from = new DateOnly(start.Year, start.Month, CutOffDay).AddDays(1);
        return new DataWindow(from, to);
    }

    public DateOnly DueDate(ReportingPeriod period) => AddWorkingDays(DataOf(period).To, DueWorkingDays(period.Kind));

    public PeriodSchedule Schedule(ReportingPeriod period) => new(period, DataOf(period), DueDate(period));

    /// <summary>
    /// The periods a resolution is reported on, in order, within its years. A half-year report is the first half's: the
    /// second half is covered by the annual report, as the regimes do, unless the resolution is not reported on yearly.
    /// </summary>
    public static IReadOnlyList<ReportingPeriod> PeriodsOf(IReadOnlyCollection<PeriodKind> kinds, int firstYear, int lastYear)
    {
        var periods = new List<ReportingPeriod>();
        for (var year = firstYear; year <= lastYear; year++)
        {
            if (kinds.Contains(PeriodKind.Month)) periods.AddRange(Enumerable.Range(1, 12).Select(m => ReportingPeriod.Month(year, m)));
            if (kinds.Contains(PeriodKind.Quarter)) periods.AddRange(Enumerable.Range(1, 4).Select(q => ReportingPeriod.Quarter(year, q)));
            if (kinds.Contains(PeriodKind.HalfYear))
            {
                periods.Add(ReportingPeriod.HalfYear(year, 1));
                if (!kinds.Contains(PeriodKind.Year)) periods.Add(ReportingPeriod.HalfYear(year, 2));
            }
            if (kinds.Contains(PeriodKind.Year)) periods.Add(ReportingPeriod.Year(year));
        }
        return periods.OrderBy(p => p).ToList();
    }

    /// <summary>What a resolution is reported on when it does not say: half-year and year.</summary>
    public static readonly IReadOnlyList<PeriodKind> DefaultKinds = [PeriodKind.HalfYear, PeriodKind.Year];
}
