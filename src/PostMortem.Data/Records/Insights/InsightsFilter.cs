using System.Globalization;
using PostMortem.Core.Model;

namespace PostMortem.Data.Records.Insights;

/// <summary>
/// The insights' period (whole months, inclusive, by the incident's date in its own time zone) and incident type.
/// Without a period the last <see cref="DefaultMonths"/> months up to today's are shown.
/// </summary>
public sealed record InsightsFilter(DateOnly FromMonth, DateOnly ToMonth, IncidentType? Type = null)
{
    public const int DefaultMonths = 12;

    /// <summary>A longer period is refused: the charts would be unreadable and the cause grouping compares every pair.</summary>
    public const int MaxMonths = 60;

    public const string MonthFormat = "yyyy-MM";

    /// <summary>Every month of the period, oldest first.</summary>
    public IReadOnlyList<DateOnly> Months()
    {
        var months = new List<DateOnly>();
        for (var m = FromMonth; m <= ToMonth; m = m.AddMonths(1))
        {
            months.Add(m);
        }

        return months;
    }

    /// <summary>The first day after the period.</summary>
    public DateOnly EndExclusive => ToMonth.AddMonths(1);

    public static string Label(DateOnly month) => month.ToString(MonthFormat, CultureInfo.InvariantCulture);

    /// <summary>Reads the filter from query-string values (<c>from</c>, <c>to</c>: yyyy-MM; <c>type</c>: an incident
    /// type in any case); on failure says which one and why.</summary>
    public static bool TryParse(string? from, string? to, string? type, DateOnly today, out InsightsFilter filter, out FilterError? error)
    {
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        filter = new InsightsFilter(thisMonth.AddMonths(1 - DefaultMonths), thisMonth);
        error = null;
        IncidentType? parsedType = null;
        if (!string.IsNullOrWhiteSpace(type))
        {
            if (!Internal.DatabaseSetup.TryParseName<IncidentType>(type, out var t))
            {
                error = new FilterError("type", $"'{type}' is not an incident type; use one of {string.Join(", ", Enum.GetNames<IncidentType>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.");
                return false;
            }

            parsedType = t;
        }

        if (!TryParseMonth("from", from, out var parsedFrom, out error) || !TryParseMonth("to", to, out var parsedTo, out error))
        {
            return false;
        }

        var end = parsedTo ?? thisMonth;
        var start = parsedFrom ?? end.AddMonths(1 - DefaultMonths);
        if (start > end)
        {
            error = new FilterError("from", $"from ({Label(start)}) is after to ({Label(end)}).");
            return false;
        }

        if (start.AddMonths(MaxMonths) <= end)
        {
            error = new FilterError("to", $"The period is longer than {MaxMonths} months; choose a shorter one.");
            return false;
        }

        filter = new InsightsFilter(start, end, parsedType);
        return true;
    }

    private static bool TryParseMonth(string parameter, string? value, out DateOnly? month, out FilterError? error)
    {
        month = null;
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (!DateOnly.TryParseExact(value.Trim(), MonthFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            error = new FilterError(parameter, $"'{value}' is not a month; use yyyy-MM, e.g. 2026-03.");
            return false;
        }

        month = parsed;
        return true;
    }
}
