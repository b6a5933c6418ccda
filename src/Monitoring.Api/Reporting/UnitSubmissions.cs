using Monitoring.Api.Infrastructure;
using Monitoring.Domain.Reporting;

namespace Monitoring.Api.Reporting;

public sealed record SubmittedReport(Guid ReportId, DateTimeOffset SubmittedAt, string SubmittedBy, int FigureCount, int TaskUpdateCount);

/// <summary>
/// Per unit and period: every submission, in order; the first decides whether the unit reported on time. Derived from the
/// report snapshots, each written in its own submission's transaction, so simultaneous submissions never overwrite each other.
/// </summary>
public sealed record UnitSubmissions(Guid UnitId, ReportingPeriod Period, IReadOnlyList<SubmittedReport> Submissions)
{
    public static IEnumerable<UnitSubmissions> Of(IEnumerable<ProgressReport> reports) =>
        reports.GroupBy(r => (r.UnitId, r.Period))
            .Select(g => new UnitSubmissions(g.Key.UnitId, g.Key.Period, g.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id)
                .Select(r => new SubmittedReport(r.Id, r.SubmittedAt, r.SubmittedBy, r.FigureIds.Count, r.TaskIds.Count)).ToList()));
}

/// <summary>
/// The reporting calendar (section <c>Reporting</c>): the cut-off day of every period's data (14: six-month data from 15/12 of the
/// previous year to 14/6, annual data from 15/12 to 14/12), per kind of period the working days after the cut-off by which the
/// report is due, the public holidays that are not working days (dates, or ranges <c>2024-02-08..2024-02-14</c>), and the
/// kinds of period resolutions may be reported on. Built once into the <see cref="ReportingCalendar"/> the service uses.
/// </summary>
public sealed class ReportingOptions
{
    public const string Section = "Reporting";
    public int CutOffDay { get; set; } = 14;
    /// <summary>Per kind (HalfYear, Year, Quarter, Month): working days after the cut-off; a kind left out keeps its default.</summary>
    public Dictionary<string, int>? DueWorkingDays { get; set; }
    /// <summary>The kinds of period that exist; default all four.</summary>
    public List<string>? Kinds { get; set; }
    public List<string>? Holidays { get; set; }

    /// <summary>The calendar these settings describe; a setting that cannot be read stops the service at its start, saying which.</summary>
    public ReportingCalendar ToCalendar()
    {
        if (CutOffDay is < 1 or > 28)
            throw new StartupConfigurationException($"{Section}:CutOffDay must be a day between 1 and 28 (it is {CutOffDay}).");
        var due = new Dictionary<PeriodKind, int>(ReportingCalendar.DefaultDueWorkingDays);
        foreach (var (name, days) in DueWorkingDays ?? [])
        {
            var kind = KindOf(name, $"{Section}:DueWorkingDays:{name}");
            if (days is < 0 or > 60) throw new StartupConfigurationException($"{Section}:DueWorkingDays:{name} must be between 0 and 60 working days.");
            due[kind] = days;
        }
        var kinds = Kinds is { Count: > 0 } ? Kinds.Select((k, i) => KindOf(k, $"{Section}:Kinds:{i}")).ToList() : null;
        var holidays = (Holidays ?? []).SelectMany((text, i) => DaysOf(text, $"{Section}:Holidays:{i}")).ToList();
        return new ReportingCalendar(CutOffDay, due, holidays, kinds);
    }

    private static PeriodKind KindOf(string name, string setting) =>
        Enum.TryParse<PeriodKind>(name, ignoreCase: true, out var kind) && kind != PeriodKind.Span && Enum.IsDefined(kind) && !char.IsDigit(name[0])
            ? kind
            : throw new StartupConfigurationException($"{setting}: '{name}' is not a kind of period; use HalfYear, Year, Quarter or Month.");

    private static IEnumerable<DateOnly> DaysOf(string text, string setting)
    {
        var parts = text.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length is 1 or 2 && parts.All(p => DateOnly.TryParseExact(p, "yyyy-MM-dd", out _)))
        {
            var from = DateOnly.ParseExact(parts[0], "yyyy-MM-dd");
            var to = DateOnly.ParseExact(parts[^1], "yyyy-MM-dd");
            if (to >= from && to.DayNumber - from.DayNumber < 31)
                return Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays);
        }
        throw new StartupConfigurationException($"{setting}: '{text}' is not a date (2024-04-30) or a range of at most 31 days (2024-02-08..2024-02-14).");
    }
}
