using System.Globalization;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;

namespace PostMortem.Data.Records.Insights;

/// <summary>Incidents per month, in total, by type and by severity (only those that occur).</summary>
internal static class IncidentCountsQuery
{
    public static IncidentCounts Build(InsightsRows rows, IReadOnlyList<string> months)
    {
        var total = months.Select(m => rows.Incidents.Count(i => i.Month == m)).ToList();
        var byType = Enum.GetValues<IncidentType>()
            .Where(t => rows.Incidents.Any(i => i.Type == t))
            .Select(t => Series(Wire(t), months, m => rows.Incidents.Count(i => i.Month == m && i.Type == t)))
            .ToList();
        var bySeverity = rows.Incidents.Select(i => i.Severity).Distinct().Order()
            .Select(s => Series(s.ToString(CultureInfo.InvariantCulture), months, m => rows.Incidents.Count(i => i.Month == m && i.Severity == s)))
            .ToList();
        return new IncidentCounts(total, byType, bySeverity);
    }

    private static InsightsSeries Series(string key, IReadOnlyList<string> months, Func<string, int> count) =>
        new(key, [.. months.Select(m => (double?)count(m))]);

    /// <summary>The type as the wire and the query string spell it (camelCase).</summary>
    internal static string Wire(IncidentType type)
    {
        var name = type.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
