using System.Globalization;
using System.Text;
using PostMortem.Core.Protocol;

namespace PostMortem.Data.Records;

/// <summary>
/// The incident log as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted,
/// quotes doubled). Cells starting with = + - @ (or a tab or carriage return) get a leading apostrophe so
/// a spreadsheet shows them as text instead of running them as formulas (CSV injection).
/// </summary>
public static class IncidentCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly string[] Header =
    [
        "date", "type", "severity", "title", "summary", "root cause", "actions done", "actions open",
        "actions overdue", "status", "follow-up date", "recurring with", "board id",
    ];

    public static string Write(IEnumerable<IncidentRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder();
        AppendLine(csv, Header);
        foreach (var r in rows)
        {
            AppendLine(csv,
            [
                r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Camel(r.Type.ToString()),
                r.Severity.ToString(CultureInfo.InvariantCulture),
                r.Title,
                r.Summary,
                r.RootCause,
                r.ActionsDone.ToString(CultureInfo.InvariantCulture),
                r.ActionsOpen.ToString(CultureInfo.InvariantCulture),
                r.ActionsOverdue.ToString(CultureInfo.InvariantCulture),
                Camel(r.Status.ToString()),
                r.FollowUpDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                string.Join("; ", r.RecurringCauses.Select(c => c.Title)),
                r.BoardId,
            ]);
        }

        return csv.ToString();
    }

    /// <summary>One cell: neutralised against formulas, then quoted when RFC 4180 requires it.</summary>
    public static string Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private static void AppendLine(StringBuilder csv, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            csv.Append(Cell(cells[i]));
        }

        csv.Append("\r\n");
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
