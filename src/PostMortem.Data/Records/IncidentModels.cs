using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Data.Entities;

namespace PostMortem.Data.Records;

/// <summary>A filter over the incident log; every part optional. Dates are inclusive and compare with
/// the incident's date in its own time zone.</summary>
public sealed record IncidentFilter(
    IncidentType? Type = null,
    IncidentStatus? Status = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? Text = null)
{
    public const int MaxTextLength = 200;

    /// <summary>Reads the filter from query-string values; on failure says which one and why.</summary>
    public static bool TryParse(string? type, string? status, string? from, string? to, string? text, out IncidentFilter filter, out FilterError? error)
    {
        filter = new IncidentFilter();
        error = null;
        IncidentType? parsedType = null;
        IncidentStatus? parsedStatus = null;
        DateOnly? parsedFrom = null;
        DateOnly? parsedTo = null;

        if (!string.IsNullOrWhiteSpace(type))
        {
            if (!Internal.DatabaseSetup.TryParseName<IncidentType>(type, out var t))
            {
                error = new FilterError("type", $"'{type}' is not an incident type; use one of {Names<IncidentType>()}.");
                return false;
            }

            parsedType = t;
        }

        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Internal.DatabaseSetup.TryParseName<IncidentStatus>(status, out var s))
            {
                error = new FilterError("status", $"'{status}' is not a status; use one of {Names<IncidentStatus>()}.");
                return false;
            }

            parsedStatus = s;
        }

        if (!string.IsNullOrWhiteSpace(from))
        {
            if (!DateOnly.TryParseExact(from.Trim(), "yyyy-MM-dd", out var f))
            {
                error = new FilterError("from", $"'{from}' is not a date; use yyyy-MM-dd.");
                return false;
            }

            parsedFrom = f;
        }

        if (!string.IsNullOrWhiteSpace(to))
        {
            if (!DateOnly.TryParseExact(to.Trim(), "yyyy-MM-dd", out var t2))
            {
                error = new FilterError("to", $"'{to}' is not a date; use yyyy-MM-dd.");
                return false;
            }

            parsedTo = t2;
        }

        if (parsedFrom > parsedTo)
        {
            error = new FilterError("from", $"from ({parsedFrom:yyyy-MM-dd}) is after to ({parsedTo:yyyy-MM-dd}).");
            return false;
        }

        if (text is { Length: > MaxTextLength })
        {
            error = new FilterError("q", $"The search text is longer than {MaxTextLength} characters.");
            return false;
        }

        filter = new IncidentFilter(parsedType, parsedStatus, parsedFrom, parsedTo, string.IsNullOrWhiteSpace(text) ? null : text.Trim());
        return true;
    }

    private static string Names<TEnum>()
        where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetNames<TEnum>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]));
}

public sealed record FilterError(string Parameter, string Message);

/// <summary>The open actions of one earlier incident, for review when a new post-mortem starts.</summary>
public sealed record PreviousIncidentActions(string BoardId, string Title, DateOnly Date, IReadOnlyList<ActionView> OpenActions);

internal static class ActionViews
{
    public static ActionView From(ActionRecord a, string title, DateOnly today) => new(
        a.BoardId, title, a.NoteId, a.Text, a.Owner, a.DueDate, a.Kind, a.Status, a.AcknowledgedAt, a.TrackerUrl,
        IsOverdue(a.DueDate, a.Status, today),
        IsOverdue(a.DueDate, a.Status, today) ? today.DayNumber - a.DueDate!.Value.DayNumber : 0);

    /// <summary>Due before today and still waiting on someone (neither done nor dropped).</summary>
    public static bool IsOverdue(DateOnly? dueDate, ActionStatus status, DateOnly today) =>
        dueDate is { } due && due < today && !IncidentRecorder.IsClosed(status);
}
