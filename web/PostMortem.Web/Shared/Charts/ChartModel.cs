using System.Globalization;

namespace PostMortem.Web.Shared.Charts;

/// <summary>One series of a chart: a name for the legend and a value per category (null: nothing to show there).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>
/// The value axis: from 0 to a round maximum at or above the data's, with 4–6 evenly spaced round ticks (1, 2, 2.5 or 5
/// times a power of ten), so the gridlines read like a ruler. Pure arithmetic, tested on its own.
/// </summary>
public sealed record ChartScale(double Max, IReadOnlyList<double> Ticks)
{
    public static ChartScale For(double dataMax)
    {
        if (!(dataMax > 0) || double.IsInfinity(dataMax))
        {
            return new ChartScale(1, [0, 0.5, 1]);
        }

        var rough = dataMax / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(s => s >= rough);
        var max = Math.Ceiling(dataMax / step - 1e-9) * step;
        var ticks = new List<double>();
        for (var i = 0; i * step <= max + step / 1000; i++)
        {
            ticks.Add(Math.Round(i * step, 10));
        }

        return new ChartScale(max, ticks);
    }

    /// <summary>Where a value sits on an axis of <paramref name="length"/> pixels (0 at the axis).</summary>
    public double Position(double value, double length) => Max <= 0 ? 0 : value / Max * length;
}

/// <summary>Numbers and labels as the charts write them (invariant culture: the page is English).</summary>
public static class ChartText
{
    public static string Number(double? value) => value?.ToString("0.#", CultureInfo.InvariantCulture) ?? "–";

    /// <summary>An SVG coordinate: invariant, two decimals at most.</summary>
    public static string Px(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>"2026-03" as ("Mar", "2026"); anything else as itself.</summary>
    public static (string Month, string Year) Month(string yearMonth) =>
        DateOnly.TryParseExact(yearMonth + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? (d.ToString("MMM", CultureInfo.InvariantCulture), d.ToString("yyyy", CultureInfo.InvariantCulture))
            : (yearMonth, "");

    /// <summary>Long text cut at a word for an axis label; the table beside the chart has it whole.</summary>
    public static string Short(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max - 1);
        return text[..(cut > max / 2 ? cut : max - 1)] + "…";
    }
}

/// <summary>
/// How series are told apart without colour: each has a fill pattern (bars) or a point shape and dash (lines) as well
/// as a colour (after the Okabe–Ito palette, darkened so white pattern lines and labels stand out). The legend shows the
/// same swatch.
/// </summary>
public static class ChartStyles
{
    private static readonly string[] Colours = ["#0b5394", "#b85c00", "#1b7a5a", "#7a3e9d", "#8a6d00", "#a8324a"];

    public static string Colour(int series) => Colours[series % Colours.Length];

    /// <summary>The pattern drawn over a bar's colour, by series: none, diagonal lines, dots, cross-hatch, horizontal
    /// lines, vertical lines.</summary>
    public static int Pattern(int series) => series % 6;

    public static string PatternId(string chartId, int series) => $"{chartId}-p{series}";

    /// <summary>A line's dash, by series: solid, dashed, dotted.</summary>
    public static string? Dash(int series) => (series % 3) switch
    {
        1 => "8 4",
        2 => "2 3",
        _ => null,
    };

    /// <summary>The point shape of a line's series: circle, square, triangle, diamond.</summary>
    public static string ShapeName(int series) => (series % 4) switch
    {
        0 => "circle",
        1 => "square",
        2 => "triangle",
        _ => "diamond",
    };

    /// <summary>The SVG path of a point shape centred on (x, y).</summary>
    public static string Shape(int series, double x, double y)
    {
        const double r = 4.5;
        return (series % 4) switch
        {
            0 => $"M{ChartText.Px(x - r)},{ChartText.Px(y)} a{r},{r} 0 1,0 {ChartText.Px(2 * r)},0 a{r},{r} 0 1,0 {ChartText.Px(-2 * r)},0 Z",
            1 => $"M{ChartText.Px(x - r)},{ChartText.Px(y - r)} h{ChartText.Px(2 * r)} v{ChartText.Px(2 * r)} h{ChartText.Px(-2 * r)} Z",
            2 => $"M{ChartText.Px(x)},{ChartText.Px(y - r - 1)} L{ChartText.Px(x + r + 1)},{ChartText.Px(y + r)} L{ChartText.Px(x - r - 1)},{ChartText.Px(y + r)} Z",
            _ => $"M{ChartText.Px(x)},{ChartText.Px(y - r - 1)} L{ChartText.Px(x + r + 1)},{ChartText.Px(y)} L{ChartText.Px(x)},{ChartText.Px(y + r + 1)} L{ChartText.Px(x - r - 1)},{ChartText.Px(y)} Z",
        };
    }
}
