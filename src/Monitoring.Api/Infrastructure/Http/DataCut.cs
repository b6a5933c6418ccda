using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Monitoring.Domain.Common;

namespace Monitoring.Api.Infrastructure.Http;

/// <summary>
/// Which data a reading (status, overview, review) is made of, on two axes kept apart, plus the approval it asks for:
/// <list type="bullet">
/// <item><see cref="CutOff"/>: what the figures are <em>about</em>: figures for periods begun and dated (<c>asOf</c>) on or
/// before it; judging's "today".</item>
/// <item><see cref="KnownAt"/>: what had been <em>recorded</em> by then (events with a timestamp up to it); null is now.</item>
/// <item><see cref="IncludeSubmitted"/>: also count figures submitted and not yet approved (approved ones only by default).</item>
/// </list>
/// A figure about 2020 entered today is found with cut-off 2023-06-30 and no known-at; a figure about 2023-H1 entered on
/// 2023-07-10 is not known at 2023-07-05.
/// </summary>
public sealed record DataCut(DateOnly CutOff, AsOf? KnownAt, bool IncludeSubmitted)
{
    /// <summary>
    /// Reads the query parameters. <paramref name="asOf"/> is the older name of <paramref name="knownAt"/> (giving both is a
    /// 400 naming both). Without a cut-off the day judged is the known-at day when one is given (what <c>asOf</c> always
    /// meant; today when that is later), else today. A cut-off after today is refused: no figure is about a day that has not come.
    /// </summary>
    public static bool TryParse(string? cutOff, string? knownAt, string? asOf, bool? includeSubmitted, DateOnly today,
        [NotNullWhen(true)] out DataCut? cut, [NotNullWhen(false)] out IResult? problem)
    {
        cut = null;
        if (knownAt is not null && asOf is not null)
        {
            var message = Localized.Text("Give knownAt or its older name asOf, not both.", "Chỉ nêu knownAt hoặc tên cũ asOf của nó, không nêu cả hai.");
            problem = Results.Problem(Problems.InvalidDetails(new Dictionary<string, string[]> { ["knownAt"] = [message], ["asOf"] = [message] }));
            return false;
        }
        if (!AsOf.TryParse(knownAt ?? asOf, out var known, out var knownProblem, knownAt is not null ? "knownAt" : "asOf"))
        {
            problem = knownProblem!;
            return false;
        }
        if (!TryParseCutOff(cutOff, today, out var day, out var cutOffProblem))
        {
            problem = cutOffProblem!;
            return false;
        }
        problem = null;
        // A known-at moment in the future judges today: no figure is about a day that has not come.
        cut = new DataCut(day ?? (known is { Day: var d } && d < today ? d : today), known, includeSubmitted ?? false);
        return true;
    }

    /// <summary>A cut-off day: yyyy-MM-dd, plausible, not after today (null when not given).</summary>
    public static bool TryParseCutOff(string? text, DateOnly today, out DateOnly? day, out IResult? problem, string parameter = "cutOff")
    {
        day = null;
        problem = null;
        if (text is null) return true;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || !InputBounds.IsPlausible(parsed))
        {
            problem = Problems.Invalid(parameter, Localized.Text(
                $"{parameter} is the day the figures are about, written yyyy-MM-dd (2023-06-30).",
                $"{parameter} là ngày chốt của số liệu, viết dạng yyyy-MM-dd (2023-06-30)."));
            return false;
        }
        if (parsed > today)
        {
            problem = Problems.Invalid(parameter, Localized.Text("The cut-off cannot be after today.", "Ngày chốt số liệu không được sau hôm nay."));
            return false;
        }
        day = parsed;
        return true;
    }

    /// <summary>What a reading says about the data it used, for people: approved or not, about when, known when.</summary>
    public DataBasis Basis(DateTimeOffset now) => DataBasis.Of(CutOff, KnownAt?.Instant ?? now, KnownAt is null, IncludeSubmitted);
}

/// <summary>The data an answer was made of, said in the answer itself.</summary>
/// <param name="CutOff">Figures about periods begun and dates up to this day.</param>
/// <param name="KnownAt">Recorded up to this moment.</param>
/// <param name="IncludeSubmitted">Figures submitted and not yet approved were counted too (marked as such).</param>
/// <param name="Text">The same, in Vietnamese, as the document's header says it.</param>
public sealed record DataBasis(DateOnly CutOff, DateTimeOffset KnownAt, bool IncludeSubmitted, string Text)
{
    public static DataBasis Of(DateOnly cutOff, DateTimeOffset knownAt, bool now, bool includeSubmitted)
    {
        var which = includeSubmitted
            ? "Số liệu đã phê duyệt và số liệu đã gửi nhưng chưa phê duyệt (được ghi chú \"chưa phê duyệt\")"
            : "Số liệu đã được phê duyệt";
        var known = knownAt.ToOffset(ProvinceClock.Offset);
        var when = now ? $"đã ghi nhận đến thời điểm lập ({known:HH:mm} ngày {known:dd/MM/yyyy})" : $"đã ghi nhận đến {known:HH:mm} ngày {known:dd/MM/yyyy}";
        return new DataBasis(cutOff, knownAt, includeSubmitted, $"{which}, tính đến ngày {cutOff:dd/MM/yyyy}, {when}.");
    }
}
