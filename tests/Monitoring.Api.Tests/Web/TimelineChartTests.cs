using System.Text.RegularExpressions;
using Monitoring.Api.Web.Targets;
using Monitoring.Domain.Targets;

namespace Monitoring.Api.Tests.Web;

/// <summary>The target page's chart, computed without a service: scales, ticks written the Vietnamese way, and the edge cases.</summary>
public class TimelineChartTests
{
    private static ChartPoint Point(int year, int month, decimal value, FigureStage stage = FigureStage.Official, bool pending = false) =>
        new(new DateOnly(year, month, DateTime.DaysInMonth(year, month)), value, stage, $"{stage} {year}-{month}: {value}", pending);

    [Fact]
    public void Values_scale_into_the_plot_higher_up_and_times_later_to_the_right()
    {
        var input = new ChartInput([Point(2021, 12, 0), Point(2022, 12, 50), Point(2023, 12, 100)]);

        var chart = TimelineChart.Layout(input);

        chart.IsEmpty.ShouldBeFalse();
        (chart.YMin, chart.YMax).ShouldBe((0m, 100m));
        chart.Points.Select(p => p.Y).ShouldBe([chart.Bottom, (chart.Bottom + chart.Top) / 2, chart.Top]);
        chart.Points.Select(p => p.X).ShouldBeInOrder(SortDirection.Ascending);
        chart.Points.ShouldAllBe(p => p.X > chart.Left && p.X < chart.Right);
        chart.YTicks.Select(t => t.Label).ShouldBe(["0", "20", "40", "60", "80", "100"]);
        chart.XTicks.Select(t => t.Label).ShouldBe(["2021", "2022", "2023"]);
        // A figure about the year 2022 sits on the tick "2022" (the year's end).
        chart.Points[1].X.ShouldBe(chart.XTicks[1].Position);
    }

    [Fact]
    public void The_time_axis_runs_from_the_baseline_year_to_the_target_year_whatever_the_figures()
    {
        var input = new ChartInput([Point(2023, 6, 12)], new ChartBaseline(new DateOnly(2020, 12, 31), 10, "gốc"),
            new ChartGoal(15, null, "Mục tiêu 2025: ≥ 15"), null, new DateOnly(2020, 12, 31), new DateOnly(2025, 12, 31));

        var chart = TimelineChart.Layout(input);

        chart.XTicks.Select(t => t.Label).ShouldBe(["2020", "2021", "2022", "2023", "2024", "2025"]);
        chart.Baseline!.X.ShouldBe(chart.XTicks[0].Position);
        chart.Points[0].X.ShouldBeInRange(chart.XTicks[2].Position, chart.XTicks[3].Position);
    }

    [Fact]
    public void Tick_labels_are_written_the_Vietnamese_way()
    {
        var chart = TimelineChart.Layout(new ChartInput([Point(2022, 12, 28_000m), Point(2023, 6, 29_240.3m)]));

        chart.YTicks.Select(t => t.Label).ShouldBe(["28.000", "28.250", "28.500", "28.750", "29.000", "29.250"]);

        var small = TimelineChart.Layout(new ChartInput([Point(2022, 12, 0m), Point(2023, 6, 1.2m)]));
        small.YTicks.Select(t => t.Label).ShouldContain("0,25");
        small.YTicks.Select(t => t.Label).ShouldContain("1,25");
    }

    [Fact]
    public void A_single_point_gets_an_axis_around_it()
    {
        var chart = TimelineChart.Layout(new ChartInput([Point(2023, 6, 29_240.3m, FigureStage.Estimate)]));

        chart.IsEmpty.ShouldBeFalse();
        var point = chart.Points.ShouldHaveSingleItem();
        point.X.ShouldBe((chart.Left + chart.Right) / 2, tolerance: 1);
        point.Y.ShouldBeInRange(chart.Top, chart.Bottom);
        chart.YMin.ShouldBeLessThan(29_240.3m);
        chart.YMax.ShouldBeGreaterThan(29_240.3m);
        chart.XTicks.Count.ShouldBeGreaterThanOrEqualTo(2);
        chart.XTicks.Select(t => t.Label).ShouldContain("06/2023");
    }

    [Fact]
    public void All_equal_values_draw_on_one_level_inside_the_plot()
    {
        var input = new ChartInput([Point(2021, 12, 95), Point(2022, 12, 95), Point(2023, 12, 95)], Goal: new ChartGoal(95, null, "Mục tiêu: 95"));

        var chart = TimelineChart.Layout(input);

        chart.Points.Select(p => p.Y).Distinct().ShouldHaveSingleItem().ShouldBeInRange(chart.Top + 1, chart.Bottom - 1);
        chart.Goal!.Y.ShouldBe(chart.Points[0].Y);
        (chart.YMin, chart.YMax).ShouldBe((85m, 105m));
    }

    [Fact]
    public void A_decreasing_target_has_its_goal_below_the_figures_and_the_figures_going_down()
    {
        // "tỷ lệ hộ nghèo giảm còn dưới 3,0%": the goal is a maximum.
        var input = new ChartInput([Point(2021, 12, 5.2m), Point(2022, 12, 4.1m), Point(2023, 12, 3.4m)],
            new ChartBaseline(new DateOnly(2020, 12, 31), 6.0m, "gốc"), new ChartGoal(null, 3.0m, "Mục tiêu 2025: ≤ 3"),
            new ChartForecast(new DateOnly(2025, 12, 31), 2.6m, "Dự báo 2025: 2,6"), new DateOnly(2020, 12, 31), new DateOnly(2025, 12, 31));

        var chart = TimelineChart.Layout(input);

        chart.Points.Select(p => p.Y).ShouldBeInOrder(SortDirection.Ascending);
        chart.Goal!.Y2.ShouldBeNull();
        chart.Goal.Y.ShouldBeGreaterThan(chart.Points.Max(p => p.Y));
        chart.Baseline!.Y.ShouldBeLessThan(chart.Points[0].Y);
        // The forecast runs from the last figure down to its value at the target year's end.
        chart.Forecast!.X1.ShouldBe(chart.Points[^1].X);
        chart.Forecast.Y1.ShouldBe(chart.Points[^1].Y);
        chart.Forecast.X2.ShouldBe(chart.XTicks[^1].Position);
        chart.Forecast.Y2.ShouldBeGreaterThan(chart.Goal.Y);
    }

    [Fact]
    public void Negative_growth_rates_go_below_a_zero_line_and_a_growth_range_is_a_band()
    {
        var input = new ChartInput([Point(2021, 12, -2.5m), Point(2022, 12, 1.2m), Point(2023, 12, 3.0m)],
            Goal: new ChartGoal(10, 12, "Mục tiêu: 10 – 12 %/năm"), Forecast: new ChartForecast(new DateOnly(2025, 12, 31), 19.6m, "Dự báo"));

        var chart = TimelineChart.Layout(input);

        chart.YMin.ShouldBeLessThan(0);
        chart.YTicks.Select(t => t.Label).ShouldContain("-5");
        chart.YTicks.Select(t => t.Label).ShouldContain("0");
        chart.ZeroY.ShouldNotBeNull().ShouldBeInRange(chart.Top, chart.Bottom);
        chart.Points[0].Y.ShouldBeGreaterThan(chart.ZeroY!.Value);
        chart.Goal!.Y2.ShouldNotBeNull().ShouldBeGreaterThan(chart.Goal.Y);
    }

    [Fact]
    public void No_figures_say_there_is_no_data_instead_of_drawing_an_empty_chart()
    {
        var input = new ChartInput([], new ChartBaseline(new DateOnly(2020, 12, 31), 15, "gốc"), new ChartGoal(22, null, "Mục tiêu"),
            null, new DateOnly(2020, 12, 31), new DateOnly(2025, 12, 31));

        TimelineChart.Layout(input).IsEmpty.ShouldBeTrue();
        var html = TimelineChart.Html(input, new ChartTexts(), "c");
        html.ShouldNotContain("<svg");
        html.ShouldContain("chưa có số liệu");
    }

    [Fact]
    public void The_svg_is_an_image_with_a_title_a_description_three_marker_shapes_a_legend_the_goal_and_a_dashed_forecast()
    {
        var input = new ChartInput(
            [Point(2022, 12, 27_000m, FigureStage.Official), Point(2023, 6, 29_240.3m, FigureStage.Estimate), Point(2023, 12, 28_900m, FigureStage.Preliminary),
             Point(2023, 12, 29_000m, FigureStage.Official, pending: true)],
            new ChartBaseline(new DateOnly(2020, 12, 31), 25_000m, "Số liệu gốc 2020"), new ChartGoal(35_000m, null, "Mục tiêu 2025: ≥ 35.000 tỷ đồng"),
            new ChartForecast(new DateOnly(2025, 12, 31), 33_100m, "Dự báo 2025: 33.100"), new DateOnly(2020, 12, 31), new DateOnly(2025, 12, 31));

        var svg = TimelineChart.Html(input, new ChartTexts { Title = "Diễn biến số liệu KT-01", Description = "Bốn số liệu <mô tả>" }, "kt01");

        svg.ShouldStartWith("<svg");
        svg.ShouldContain("role=\"img\"");
        svg.ShouldContain("aria-labelledby=\"kt01-title kt01-desc\"");
        svg.ShouldContain("<title id=\"kt01-title\">Diễn biến số liệu KT-01</title>");
        svg.ShouldContain("<desc id=\"kt01-desc\">Bốn số liệu &lt;mô tả&gt;</desc>");
        svg.ShouldContain("<g class=\"point estimate\"><title>");
        Regex.IsMatch(svg, "<g class=\"point estimate\"><title>[^<]*</title><circle").ShouldBeTrue();
        Regex.IsMatch(svg, "<g class=\"point preliminary\"><title>[^<]*</title><rect").ShouldBeTrue();
        Regex.IsMatch(svg, "<g class=\"point official\"><title>[^<]*</title><polygon").ShouldBeTrue();
        Regex.IsMatch(svg, "<g class=\"point official pending\"><title>[^<]*</title><polygon[^>]*fill=\"#fff\"").ShouldBeTrue();
        foreach (var legend in new[] { "Ước tính", "Sơ bộ", "Chính thức", "Chưa phê duyệt (điểm rỗng)", "Số liệu gốc", "Mục tiêu", "Dự báo" })
            svg.ShouldContain($">{legend}</text>");
        svg.ShouldContain(">Mục tiêu 2025: ≥ 35.000 tỷ đồng</text>");
        Regex.IsMatch(svg, "<g class=\"forecast\"><line [^>]*stroke-dasharray").ShouldBeTrue();
        svg.ShouldContain(">30.000</text>");
        svg.ShouldNotContain("&#");
    }

    [Fact]
    public void The_forecast_starts_from_the_last_counted_figure_not_from_one_awaiting_approval()
    {
        var input = new ChartInput([Point(2022, 12, 10), Point(2023, 12, 14, pending: true)],
            Forecast: new ChartForecast(new DateOnly(2025, 12, 31), 20, "Dự báo"));

        var chart = TimelineChart.Layout(input);

        chart.Forecast!.X1.ShouldBe(chart.Points[0].X);
        chart.Forecast.Y1.ShouldBe(chart.Points[0].Y);
    }

    [Theory]
    [InlineData(0, 100, 0, 100, 20)]
    [InlineData(2.65, 10.5, 2, 12, 2)]
    [InlineData(-2.5, 12, -5, 15, 5)]
    [InlineData(0, 1.2, 0, 1.25, 0.25)]
    [InlineData(7, 7, 6, 8, 0.5)]
    [InlineData(0, 0, -1, 1, 0.5)]
    public void Scales_are_rounded_to_1_2_2_5_or_5_times_a_power_of_ten(double min, double max, double lower, double upper, double step)
    {
        TimelineChart.NiceScale((decimal)min, (decimal)max).ShouldBe(((decimal)lower, (decimal)upper, (decimal)step));
    }
}
