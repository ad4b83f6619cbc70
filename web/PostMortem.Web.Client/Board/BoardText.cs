using System.Globalization;

namespace PostMortem.Web.Client.Board;

/// <summary>The countdown's format (the other words for Core's values are in Shared/Labels).</summary>
public static class BoardText
{
    /// <summary>A countdown: 90 500 ms → "1:31" (seconds rounded up, as a countdown reads).</summary>
    public static string Duration(TimeSpan time)
    {
        var total = Math.Max(0, (long)Math.Ceiling(time.TotalMilliseconds / 1000));
        return string.Create(CultureInfo.InvariantCulture, $"{total / 60}:{total % 60:00}");
    }
}
