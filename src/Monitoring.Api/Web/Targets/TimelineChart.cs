using System.Globalization;
using System.Text;
using Monitoring.Domain.Common;
using Monitoring.Domain.Targets;

namespace Monitoring.Api.Web.Targets;

/// <summary>One figure on the chart: the day it is about (its period's end), its value and stage, and how a reader names it.</summary>
/// <param name="Pending">Waiting for the secretariat's approval: drawn hollow, not yet counted.</param>
public sealed record ChartPoint(DateOnly At, decimal Value, FigureStage Stage, string Label, bool Pending = false);

/// <summary>The baseline: the value the target starts from, at the end of its year.</summary>
public sealed record ChartBaseline(DateOnly At, decimal Value, string Label);

/// <summary>The goal: a line at one value, or a band from <see cref="Minimum"/> to <see cref="Maximum"/>.</summary>
public sealed record ChartGoal(decimal? Minimum, decimal? Maximum, string Label);

/// <summary>The judgement's forecast: the value expected at <see cref="At"/> (the end of its year).</summary>
public sealed record ChartForecast(DateOnly At, decimal Value, string Label);

/// <param name="From">The earliest day the time axis shows (the baseline year's end), whatever the figures.</param>
/// <param name="To">The latest day the time axis shows (the target year's end).</param>
public sealed record ChartInput(IReadOnlyList<ChartPoint> Points, ChartBaseline? Baseline = null, ChartGoal? Goal = null,
    ChartForecast? Forecast = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>The words of the chart; Vietnamese unless the page gives others. <see cref="Number"/> writes a value with a number of decimals.</summary>
public sealed record ChartTexts
{
    public string Title { get; init; } = "Diễn biến số liệu";
    public string Description { get; init; } = "";
    public string Estimate { get; init; } = "Ước tính";
    public string Preliminary { get; init; } = "Sơ bộ";
    public string Official { get; init; } = "Chính thức";
    public string Pending { get; init; } = "Chưa phê duyệt (điểm rỗng)";
    public string Baseline { get; init; } = "Số liệu gốc";
    public string Goal { get; init; } = "Mục tiêu";
    public string Forecast { get; init; } = "Dự báo";
    public string TimeAxis { get; init; } = "Thời điểm (cuối kỳ số liệu)";
    public string NoData { get; init; } = "Chỉ tiêu chưa có số liệu: chưa có gì để vẽ biểu đồ.";
    public Func<decimal, int, string> Number { get; init; } = (value, decimals) => VietnameseNumber.ToText(value, decimals, decimals);

    public string StageName(FigureStage stage) => stage switch
    {
        FigureStage.Estimate => Estimate,
        FigureStage.Preliminary => Preliminary,
        _ => Official,
    };
}

public sealed record ChartTick(double Position, string Label);

public sealed record PlacedPoint(double X, double Y, ChartPoint Point);

/// <param name="Y">The line's height; for a band, the top (the larger value).</param>
/// <param name="Y2">The band's bottom (the smaller value), or null for a line.</param>
public sealed record PlacedGoal(double Y, double? Y2, ChartGoal Goal);

public sealed record PlacedForecast(double X1, double Y1, double X2, double Y2, ChartForecast Forecast);

/// <summary>
/// The chart in the SVG's own coordinates (viewBox 0 0 <see cref="Width"/> <see cref="Height"/>, y grows downwards): the
/// plot area, the ticks of both axes with their labels, and every mark placed.
/// </summary>
public sealed record ChartModel(
    bool IsEmpty, double Width, double Height, double Left, double Top, double Right, double Bottom,
    decimal YMin, decimal YMax, DateOnly XMin, DateOnly XMax,
    IReadOnlyList<ChartTick> XTicks, IReadOnlyList<ChartTick> YTicks, IReadOnlyList<PlacedPoint> Points,
    PlacedPoint? Baseline, PlacedGoal? Goal, PlacedForecast? Forecast, double? ZeroY);

/// <summary>
/// A target's figures over time as an inline SVG, computed without any service: figures by stage (three marker shapes and
/// colours), the baseline, the goal as a line or a band, and the forecast as a dashed segment from the last figure. Times
/// are the ends of what the figures are about; values are what the API gives (levels, totals, growth rates alike).
/// </summary>
public static class TimelineChart
{
    public const double Width = 720, Height = 440;
    private const double PlotLeft = 84, PlotRight = Width - 24, PlotTop = 20, PlotBottom = 300;

    private static readonly string[] Colours = ["#b54708", "#0e7490", "#1849a9"];

    /// <summary>Places everything: no figure with a value gives an empty model (the page says "chưa có số liệu" instead of a chart).</summary>
    public static ChartModel Layout(ChartInput input, ChartTexts? texts = null)
    {
        texts ??= new ChartTexts();
        var points = input.Points.OrderBy(p => p.At).ThenBy(p => p.Stage).ToList();
        if (points.Count == 0)
            return new ChartModel(true, Width, Height, PlotLeft, PlotTop, PlotRight, PlotBottom, 0, 0, default, default, [], [], [], null, null, null, null);

        // Time: from the baseline year (or the first figure) to the target year (or the last figure, or the forecast).
        var days = points.Select(p => p.At).ToList();
        if (input.Baseline is { } b) days.Add(b.At);
        if (input.Forecast is { } f) days.Add(f.At);
        if (input.From is { } from) days.Add(from);
        if (input.To is { } to) days.Add(to);
        var xMin = days.Min();
        var xMax = days.Max();
        if (xMin == xMax)
        {
            xMin = xMin.AddMonths(-6);
            xMax = xMax.AddMonths(6);
        }
        var span = xMax.DayNumber - xMin.DayNumber;
        var pad = Math.Max(15, span * 0.04);
        double X(DateOnly day) => PlotLeft + (day.DayNumber - xMin.DayNumber + pad) / (span + 2 * pad) * (PlotRight - PlotLeft);

        // Values: every figure, the baseline, the goal and the forecast, on rounded ticks.
        var values = points.Select(p => p.Value).ToList();
        if (input.Baseline is { } baseline) values.Add(baseline.Value);
        if (input.Goal?.Minimum is { } gMin) values.Add(gMin);
        if (input.Goal?.Maximum is { } gMax) values.Add(gMax);
        if (input.Forecast is { } forecast) values.Add(forecast.Value);
        var (yMin, yMax, step) = NiceScale(values.Min(), values.Max());
        double Y(decimal value) => PlotBottom - (double)((value - yMin) / (yMax - yMin)) * (PlotBottom - PlotTop);

        var decimals = Decimals(step);
        var yTicks = new List<ChartTick>();
        for (var v = yMin; v <= yMax; v += step) yTicks.Add(new ChartTick(Round(Y(v)), texts.Number(v, decimals)));

        var placed = points.Select(p => new PlacedPoint(Round(X(p.At)), Round(Y(p.Value)), p)).ToList();
        var placedBaseline = input.Baseline is { } bl ? new PlacedPoint(Round(X(bl.At)), Round(Y(bl.Value)), new ChartPoint(bl.At, bl.Value, FigureStage.Official, bl.Label)) : null;
        PlacedGoal? goal = input.Goal switch
        {
            { Minimum: { } min, Maximum: { } max } g when min != max => new PlacedGoal(Round(Y(Math.Max(min, max))), Round(Y(Math.Min(min, max))), g),
            { Minimum: { } min } g => new PlacedGoal(Round(Y(min)), null, g),
            { Maximum: { } max } g => new PlacedGoal(Round(Y(max)), null, g),
            _ => null,
        };
        PlacedForecast? placedForecast = null;
        if (input.Forecast is { } fc)
        {
            // From the last figure counted (a figure waiting for approval only when nothing else is there), else from the baseline.
            var start = placed.LastOrDefault(p => !p.Point.Pending) ?? placed.LastOrDefault() ?? placedBaseline;
            var end = (X: Round(X(fc.At)), Y: Round(Y(fc.Value)));
            placedForecast = new PlacedForecast(start?.X ?? end.X, start?.Y ?? end.Y, end.X, end.Y, fc);
        }

        return new ChartModel(false, Width, Height, PlotLeft, PlotTop, PlotRight, PlotBottom, yMin, yMax, xMin, xMax,
            TimeTicks(xMin, xMax, X), yTicks, placed, placedBaseline, goal, placedForecast, yMin < 0 && yMax > 0 ? Round(Y(0)) : null);
    }

    /// <summary>The chart as HTML: the SVG, or, without figures, a sentence saying there is no data yet.</summary>
    public static string Html(ChartInput input, ChartTexts texts, string id)
    {
        var model = Layout(input, texts);
        return model.IsEmpty ? $"<p class=\"notice chart-empty\" id=\"{Escape(id)}\">{Escape(texts.NoData)}</p>" : Svg(model, texts, id);
    }

    /// <summary>Rounded bounds and step (1, 2, 2.5 or 5 times a power of ten) covering [min, max] in four to six steps.</summary>
    public static (decimal Min, decimal Max, decimal Step) NiceScale(decimal min, decimal max)
    {
        if (max < min) (min, max) = (max, min);
        if (min == max)
        {
            var around = Math.Abs(min) / 10m;
            if (around == 0) around = 1;
            min -= around;
            max += around;
        }
        var raw = (max - min) / 5m;
        var power = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)raw)));
        var fraction = raw / power;
        var nice = fraction <= 1 ? 1m : fraction <= 2 ? 2m : fraction <= 2.5m ? 2.5m : fraction <= 5 ? 5m : 10m;
        var step = nice * power;
        var lower = Math.Floor(min / step) * step;
        var upper = Math.Ceiling(max / step) * step;
        return (Normal(lower), Normal(upper), Normal(step));
    }

    /// <summary>Year ticks at each year's end ("2023" marks 31/12/2023, where a figure about the year 2023 sits); half-years when the axis spans little more than a year.</summary>
    private static List<ChartTick> TimeTicks(DateOnly xMin, DateOnly xMax, Func<DateOnly, double> x)
    {
        var ends = new List<DateOnly>();
        for (var year = xMin.Year; year <= xMax.Year; year++)
            if (new DateOnly(year, 12, 31) is var end && end >= xMin && end <= xMax) ends.Add(end);
        if (ends.Count < 2)
        {
            var halves = new List<DateOnly>();
            for (var year = xMin.Year; year <= xMax.Year; year++)
                foreach (var day in new[] { new DateOnly(year, 6, 30), new DateOnly(year, 12, 31) })
                    if (day >= xMin && day <= xMax) halves.Add(day);
            return halves.Select(d => new ChartTick(Round(x(d)), d.ToString("MM/yyyy", CultureInfo.InvariantCulture))).ToList();
        }
        var every = ends.Count <= 12 ? 1 : ends.Count <= 24 ? 2 : 5;
        return ends.Where(d => d.Year % every == 0 || every == 1)
            .Select(d => new ChartTick(Round(x(d)), d.Year.ToString(CultureInfo.InvariantCulture))).ToList();
    }

    public static string Svg(ChartModel m, ChartTexts texts, string id)
    {
        // Legend, three to a row: the three stages always (they explain the shapes), the rest when drawn.
        var legend = new List<(string Kind, string Text, string Colour, bool Hollow)>
        {
            ("estimate", texts.Estimate, Colour(FigureStage.Estimate), false),
            ("preliminary", texts.Preliminary, Colour(FigureStage.Preliminary), false),
            ("official", texts.Official, Colour(FigureStage.Official), false),
        };
        if (m.Points.Any(p => p.Point.Pending)) legend.Add(("estimate", texts.Pending, "#475467", true));
        if (m.Baseline is not null) legend.Add(("baseline", texts.Baseline, "#344054", false));
        if (m.Goal is not null) legend.Add(("goal", texts.Goal, "#067647", false));
        if (m.Forecast is not null) legend.Add(("forecast", texts.Forecast, "#7a2e0e", false));
        // As tall as the legend's rows need.
        var height = Math.Min(m.Height, m.Bottom + 68 + (legend.Count + 2) / 3 * 24 - 4);
        var svg = new StringBuilder();
        var titleId = id + "-title";
        var descId = id + "-desc";
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart timeline-chart\" id=\"{Escape(id)}\" viewBox=\"0 0 {N(m.Width)} {N(height)}\" ")
            .Append($"role=\"img\" aria-labelledby=\"{Escape(titleId)} {Escape(descId)}\" font-size=\"13\" font-family=\"inherit\">");
        svg.Append($"<title id=\"{Escape(titleId)}\">{Escape(texts.Title)}</title>");
        svg.Append($"<desc id=\"{Escape(descId)}\">{Escape(texts.Description)}</desc>");

        // Grid and value axis.
        svg.Append("<g class=\"y-axis\">");
        foreach (var tick in m.YTicks)
        {
            svg.Append($"<line x1=\"{N(m.Left)}\" x2=\"{N(m.Right)}\" y1=\"{N(tick.Position)}\" y2=\"{N(tick.Position)}\" stroke=\"#eaecf0\"/>");
            svg.Append($"<text x=\"{N(m.Left - 8)}\" y=\"{N(tick.Position + 4)}\" text-anchor=\"end\" fill=\"#475467\">{Escape(tick.Label)}</text>");
        }
        if (m.ZeroY is { } zero) svg.Append($"<line class=\"zero\" x1=\"{N(m.Left)}\" x2=\"{N(m.Right)}\" y1=\"{N(zero)}\" y2=\"{N(zero)}\" stroke=\"#667085\"/>");
        svg.Append("</g>");

        // Time axis.
        svg.Append("<g class=\"x-axis\">");
        svg.Append($"<line x1=\"{N(m.Left)}\" x2=\"{N(m.Right)}\" y1=\"{N(m.Bottom)}\" y2=\"{N(m.Bottom)}\" stroke=\"#98a2b3\"/>");
        foreach (var tick in m.XTicks)
        {
            svg.Append($"<line x1=\"{N(tick.Position)}\" x2=\"{N(tick.Position)}\" y1=\"{N(m.Top)}\" y2=\"{N(m.Bottom + 5)}\" stroke=\"#f2f4f7\"/>");
            svg.Append($"<text x=\"{N(tick.Position)}\" y=\"{N(m.Bottom + 20)}\" text-anchor=\"middle\" fill=\"#475467\">{Escape(tick.Label)}</text>");
        }
        svg.Append($"<text x=\"{N((m.Left + m.Right) / 2)}\" y=\"{N(m.Bottom + 40)}\" text-anchor=\"middle\" fill=\"#475467\" font-size=\"12\">{Escape(texts.TimeAxis)}</text>");
        svg.Append("</g>");

        // The goal: a band for a range, a line for one value, labelled.
        if (m.Goal is { } goal)
        {
            svg.Append("<g class=\"goal\">");
            if (goal.Y2 is { } bottom)
                svg.Append($"<rect x=\"{N(m.Left)}\" y=\"{N(goal.Y)}\" width=\"{N(m.Right - m.Left)}\" height=\"{N(Math.Max(1, bottom - goal.Y))}\" fill=\"#067647\" fill-opacity=\"0.12\" stroke=\"#067647\" stroke-width=\"1\"/>");
            else
                svg.Append($"<line x1=\"{N(m.Left)}\" x2=\"{N(m.Right)}\" y1=\"{N(goal.Y)}\" y2=\"{N(goal.Y)}\" stroke=\"#067647\" stroke-width=\"2\"/>");
            var labelY = goal.Y - 6 < m.Top + 10 ? goal.Y + 16 : goal.Y - 6;
            svg.Append($"<text x=\"{N(m.Left + 6)}\" y=\"{N(labelY)}\" fill=\"#067647\" font-weight=\"600\">{Escape(goal.Goal.Label)}</text>");
            svg.Append("</g>");
        }

        // One thin line per stage joining its figures in time, then the markers.
        foreach (var stage in Enum.GetValues<FigureStage>())
        {
            var series = m.Points.Where(p => p.Point.Stage == stage).ToList();
            if (series.Count > 1)
                svg.Append($"<polyline class=\"series-{StageClass(stage)}\" fill=\"none\" stroke=\"{Colour(stage)}\" stroke-width=\"1.5\" stroke-opacity=\"0.6\" points=\"")
                    .Append(string.Join(' ', series.Select(p => $"{N(p.X)},{N(p.Y)}"))).Append("\"/>");
        }

        // The forecast: dashed from the last figure to the value expected.
        if (m.Forecast is { } fc)
        {
            svg.Append("<g class=\"forecast\">");
            svg.Append($"<line x1=\"{N(fc.X1)}\" y1=\"{N(fc.Y1)}\" x2=\"{N(fc.X2)}\" y2=\"{N(fc.Y2)}\" stroke=\"#7a2e0e\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>");
            svg.Append($"<circle cx=\"{N(fc.X2)}\" cy=\"{N(fc.Y2)}\" r=\"5\" fill=\"#fff\" stroke=\"#7a2e0e\" stroke-width=\"2\" stroke-dasharray=\"2 2\"><title>{Escape(fc.Forecast.Label)}</title></circle>");
            var anchorEnd = fc.X2 > (m.Left + m.Right) / 2;
            svg.Append($"<text x=\"{N(fc.X2 + (anchorEnd ? -8 : 8))}\" y=\"{N(fc.Y2 + (fc.Y2 > m.Bottom - 20 ? -10 : 18))}\" text-anchor=\"{(anchorEnd ? "end" : "start")}\" fill=\"#7a2e0e\">{Escape(fc.Forecast.Label)}</text>");
            svg.Append("</g>");
        }

        if (m.Baseline is { } baseline)
            svg.Append($"<g class=\"baseline\"><title>{Escape(baseline.Point.Label)}</title>{Marker("baseline", baseline.X, baseline.Y, "#344054", false)}</g>");

        foreach (var point in m.Points)
            svg.Append($"<g class=\"point {StageClass(point.Point.Stage)}{(point.Point.Pending ? " pending" : "")}\"><title>{Escape(point.Point.Label)}</title>")
                .Append(Marker(StageClass(point.Point.Stage), point.X, point.Y, Colour(point.Point.Stage), point.Point.Pending)).Append("</g>");

        svg.Append("<g class=\"legend\">");
        for (var i = 0; i < legend.Count; i++)
        {
            var (kind, text, colour, hollow) = legend[i];
            var x = 30 + i % 3 * 230;
            var y = m.Bottom + 68 + i / 3 * 24;
            svg.Append(kind switch
            {
                "goal" => $"<line x1=\"{N(x - 6)}\" x2=\"{N(x + 8)}\" y1=\"{N(y)}\" y2=\"{N(y)}\" stroke=\"{colour}\" stroke-width=\"3\"/>",
                "forecast" => $"<line x1=\"{N(x - 8)}\" x2=\"{N(x + 10)}\" y1=\"{N(y)}\" y2=\"{N(y)}\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
                _ => Marker(kind, x, y, colour, hollow),
            });
            svg.Append($"<text x=\"{N(x + 14)}\" y=\"{N(y + 4)}\" fill=\"#101828\">{Escape(text)}</text>");
        }
        svg.Append("</g></svg>");
        return svg.ToString();
    }

    /// <summary>Circle for an estimate, square for a preliminary figure, triangle for an official one, diamond for the baseline.</summary>
    private static string Marker(string kind, double x, double y, string colour, bool hollow)
    {
        var fill = hollow ? "#fff" : colour;
        var stroke = $"stroke=\"{colour}\" stroke-width=\"2\"";
        return kind switch
        {
            "preliminary" => $"<rect x=\"{N(x - 5)}\" y=\"{N(y - 5)}\" width=\"10\" height=\"10\" fill=\"{fill}\" {stroke}/>",
            "official" => $"<polygon points=\"{N(x)},{N(y - 7)} {N(x + 6.5)},{N(y + 5)} {N(x - 6.5)},{N(y + 5)}\" fill=\"{fill}\" {stroke}/>",
            "baseline" => $"<polygon points=\"{N(x)},{N(y - 7)} {N(x + 7)},{N(y)} {N(x)},{N(y + 7)} {N(x - 7)},{N(y)}\" fill=\"{fill}\" {stroke}/>",
            _ => $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"5.5\" fill=\"{fill}\" {stroke}/>",
        };
    }

    public static string StageClass(FigureStage stage) => stage switch
    {
        FigureStage.Estimate => "estimate",
        FigureStage.Preliminary => "preliminary",
        _ => "official",
    };

    private static string Colour(FigureStage stage) => Colours[(int)stage - 1];

    /// <summary>Decimals a tick label needs for its step: 0 for 5 000, 1 for 2,5 or 0,5, 2 for 0,25.</summary>
    private static int Decimals(decimal step)
    {
        var text = Normal(step).ToString(CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.');
        return dot < 0 ? 0 : text.Length - dot - 1;
    }

    /// <summary>Without trailing zeros (2.50 → 2.5).</summary>
    private static decimal Normal(decimal value) => value / 1.000000000000000000000000000000000m;

    private static double Round(double value) => Math.Round(value, 1);

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Text inside SVG markup: only the characters XML needs escaped (Vietnamese letters stay themselves).</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
