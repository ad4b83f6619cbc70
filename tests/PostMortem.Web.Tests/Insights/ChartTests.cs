using Bunit;
using PostMortem.Web.Shared.Charts;
using Xunit;

namespace PostMortem.Web.Tests.Insights;

/// <summary>The server-drawn charts: an image with a name and a description, a bar or point per value with its value
/// written beside it, series told apart by pattern or shape, and a round value axis.</summary>
public sealed class ChartTests : BunitContext
{
    private static readonly string[] Months = ["2026-01", "2026-02", "2026-03"];

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 3)]
    [InlineData(7, 8)]
    [InlineData(12, 15)]
    [InlineData(344, 400)]
    [InlineData(0.8, 0.8)]
    public void TheValueAxisEndsAtARoundNumberAtOrAboveTheLargestValue(double largest, double max)
    {
        var scale = ChartScale.For(largest);

        Assert.Equal(max, scale.Max, 6);
        Assert.Equal(0, scale.Ticks[0]);
        Assert.Equal(max, scale.Ticks[^1], 6);
        Assert.InRange(scale.Ticks.Count, 3, 6);
    }

    [Fact]
    public void AStackedBarChartIsANamedImageWithASegmentPerValueAndEachStacksTotal()
    {
        var cut = Render<BarChart>(p => p
            .Add(c => c.Id, "by-type").Add(c => c.Title, "Incidents per month by type").Add(c => c.Description, "Stacked bars.")
            .Add(c => c.Categories, Months).Add(c => c.Stacked, true)
            .Add(c => c.Series, [new ChartSeries("Deployment", [1, 0, 2]), new ChartSeries("External", [3, null, 1])]));

        var svg = cut.Find("svg[role=img]");
        Assert.Equal("Incidents per month by type", svg.GetAttribute("aria-label"));
        Assert.Equal("Incidents per month by type", cut.Find("svg > title").TextContent);
        Assert.Equal("Stacked bars.", cut.Find($"#{svg.GetAttribute("aria-describedby")}").TextContent);
        // Four non-zero values, four segments, each filled with its series' pattern.
        var bars = cut.FindAll("g.bars > rect");
        Assert.Equal(["url(#by-type-p0)", "url(#by-type-p1)", "url(#by-type-p0)", "url(#by-type-p1)"], bars.Select(b => b.GetAttribute("fill")));
        Assert.Equal(2, cut.FindAll("pattern").Count);
        // Totals above the stacks: 4 in January, 3 in March; nothing for February.
        Assert.Equal(["4", "3"], cut.FindAll("g.bars > g > text.chart-value:not(.inside)").Select(t => t.TextContent));
        Assert.Equal(["Deployment", "External"], cut.FindAll(".chart-legend li span").Select(s => s.TextContent));
    }

    [Fact]
    public void ALineChartBreaksWhereAMonthHasNoValueAndLabelsEveryPoint()
    {
        var cut = Render<LineChart>(p => p
            .Add(c => c.Id, "ttd").Add(c => c.Title, "Median time to detect").Add(c => c.Categories, ["2026-01", "2026-02", "2026-03", "2026-04"])
            .Add(c => c.Series, [new ChartSeries("Detect", [1.5, 2, null, 4]), new ChartSeries("Resolve", [3, null, null, null])]));

        var detect = cut.FindAll("g.line")[0];
        // January–February is one run; April stands alone (a point, no line); the second series has one point.
        Assert.Single(detect.QuerySelectorAll("path[fill=none]"));
        Assert.Equal(["1.5", "2", "4"], detect.QuerySelectorAll("text.chart-value").Select(t => t.TextContent));
        Assert.Equal(["3"], cut.FindAll("g.line")[1].QuerySelectorAll("text.chart-value").Select(t => t.TextContent));
        // Told apart without colour: a dashed second line, and a different point shape.
        Assert.Null(detect.QuerySelector("path[fill=none]")!.GetAttribute("stroke-dasharray"));
        Assert.NotEqual(ChartStyles.Shape(0, 0, 0), ChartStyles.Shape(1, 0, 0));
        Assert.Equal("8 4", ChartStyles.Dash(1));
    }

    [Fact]
    public void ARankChartNumbersItsRowsAndCutsLongLabelsAtAWord()
    {
        var cut = Render<RankChart>(p => p
            .Add(c => c.Id, "causes").Add(c => c.Title, "Most recurring causes")
            .Add(c => c.Rows, [new RankChart.Row("No canary stage for checkout deploys and no staged rollout of config either", 3), new RankChart.Row("Alert missing", 2)]));

        var labels = cut.FindAll("g.rank-row text.chart-tick").Select(t => t.TextContent).ToList();
        Assert.Equal("1. No canary stage for checkout deploys…", labels[0]);
        Assert.Equal("2. Alert missing", labels[1]);
        Assert.Equal(["3", "2"], cut.FindAll("g.rank-row text.chart-value").Select(t => t.TextContent));
    }
}
