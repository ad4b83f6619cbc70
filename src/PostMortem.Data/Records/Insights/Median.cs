namespace PostMortem.Data.Records.Insights;

/// <summary>The median of a set of numbers: the middle one, or the mean of the middle two; null for none.</summary>
internal static class Median
{
    public static double? Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Rounded for people (and the CSV) once, at the end, half away from zero.</summary>
    public static double? Rounded(double? value, int digits) =>
        value is { } v ? Math.Round(v, digits, MidpointRounding.AwayFromZero) : null;
}
