using PostMortem.Core.Protocol;

namespace PostMortem.Data.Records.Insights;

/// <summary>
/// Time to detect = Detected − ImpactStart, time to resolve = Resolved − ImpactStart, each from Trigger when no note is
/// marked ImpactStart; in minutes. A time is left out when either moment is missing or the end is marked before the
/// start (a timeline that contradicts itself is not a measurement).
/// </summary>
internal static class ResponseTimesQuery
{
    public static ResponseTimes Build(InsightsRows rows, IReadOnlyList<string> months)
    {
        var incidents = rows.Incidents
            .OrderBy(i => i.IncidentAt).ThenBy(i => i.BoardId, StringComparer.Ordinal)
            .Select(Measure)
            .ToList();
        return new ResponseTimes(
            incidents,
            [.. months.Select(m => MedianOf(incidents.Where(i => i.Month == m), i => i.DetectMinutes))],
            [.. months.Select(m => MedianOf(incidents.Where(i => i.Month == m), i => i.ResolveMinutes))],
            MedianOf(incidents, i => i.DetectMinutes),
            MedianOf(incidents, i => i.ResolveMinutes));
    }

    private static IncidentResponse Measure(InsightsRows.Incident i)
    {
        var (start, from) = i.ImpactStartAt is { } impact ? (impact, "impactStart")
            : i.TriggerAt is { } trigger ? (trigger, "trigger")
            : (default(DateTimeOffset?), (string?)null);
        return new IncidentResponse(i.BoardId, i.Title, i.Date, i.Month, from, Minutes(start, i.DetectedAt), Minutes(start, i.ResolvedAt));
    }

    private static double? Minutes(DateTimeOffset? start, DateTimeOffset? end) =>
        start is { } s && end is { } e && e >= s ? Math.Round((e - s).TotalMinutes, MidpointRounding.AwayFromZero) : null;

    private static double? MedianOf(IEnumerable<IncidentResponse> incidents, Func<IncidentResponse, double?> value) =>
        Median.Rounded(Median.Of(incidents.Select(value).OfType<double>()), 1);
}
