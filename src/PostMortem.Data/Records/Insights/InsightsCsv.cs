using System.Globalization;
using System.Text;
using PostMortem.Core.Protocol;

namespace PostMortem.Data.Records.Insights;

/// <summary>
/// Each chart's numbers as CSV, written like the incident log's (<see cref="IncidentCsv.Cell"/>: RFC 4180, CRLF, cells
/// that a spreadsheet would run as formulas neutralised). Empty cells where there is nothing to measure.
/// </summary>
public static class InsightsCsv
{
    /// <summary>The charts by the name their CSV is served under (/insights/{name}.csv).</summary>
    public static readonly IReadOnlyList<string> Charts = ["incidents-by-type", "incidents-by-severity", "response-times", "recurring-causes", "follow-through"];

    public static bool IsChart(string name) => Charts.Contains(name, StringComparer.Ordinal);

    /// <summary>The chart's CSV; null for a name that is no chart.</summary>
    public static string? Write(string chart, InsightsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return chart switch
        {
            "incidents-by-type" => Monthly(report, "total", report.Incidents.Total.Select(n => (double?)n), report.Incidents.ByType.Select(s => (s.Key, s.Values))),
            "incidents-by-severity" => Monthly(report, "total", report.Incidents.Total.Select(n => (double?)n), report.Incidents.BySeverity.Select(s => ("severity " + s.Key, s.Values))),
            "response-times" => ResponseTimes(report.Response),
            "recurring-causes" => Causes(report.Causes),
            "follow-through" => Monthly(report, "done", report.FollowThrough.Done.Select(n => (double?)n),
            [
                ("open", [.. report.FollowThrough.Open.Select(n => (double?)n)]),
                ("overdue", [.. report.FollowThrough.Overdue.Select(n => (double?)n)]),
                ("dropped", [.. report.FollowThrough.Dropped.Select(n => (double?)n)]),
                ("median days to done", report.FollowThrough.MedianDaysToDone),
            ]),
            _ => null,
        };
    }

    private static string Monthly(InsightsReport report, string first, IEnumerable<double?> firstValues, IEnumerable<(string Name, IReadOnlyList<double?> Values)> more)
    {
        var columns = new List<(string Name, IReadOnlyList<double?> Values)> { (first, [.. firstValues]) };
        columns.AddRange(more);
        var csv = new StringBuilder();
        Line(csv, ["month", .. columns.Select(c => c.Name)]);
        for (var m = 0; m < report.Months.Count; m++)
        {
            Line(csv, [report.Months[m], .. columns.Select(c => Number(c.Values[m]))]);
        }

        return csv.ToString();
    }

    private static string ResponseTimes(ResponseTimes times)
    {
        var csv = new StringBuilder();
        Line(csv, ["date", "month", "title", "measured from", "minutes to detect", "minutes to resolve", "board id"]);
        foreach (var i in times.Incidents)
        {
            Line(csv, [Date(i.Date), i.Month, i.Title, i.StartedWith ?? "", Number(i.DetectMinutes), Number(i.ResolveMinutes), i.BoardId]);
        }

        return csv.ToString();
    }

    private static string Causes(IReadOnlyList<CauseTheme> themes)
    {
        var csv = new StringBuilder();
        Line(csv, ["theme", "incidents", "root causes", "contributing factors", "shared words", "incidents named"]);
        foreach (var t in themes)
        {
            Line(csv,
            [
                t.Text, Number(t.Incidents), Number(t.RootCauses), Number(t.ContributingFactors), string.Join("; ", t.SharedWords),
                string.Join("; ", t.Examples.Select(e => e.Title).Distinct(StringComparer.Ordinal)),
            ]);
        }

        return csv.ToString();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    private static void Line(StringBuilder csv, IReadOnlyList<string> cells)
    {
        csv.AppendJoin(',', cells.Select(IncidentCsv.Cell)).Append("\r\n");
    }
}
