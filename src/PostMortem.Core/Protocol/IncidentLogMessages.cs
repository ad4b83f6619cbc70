using PostMortem.Core.Model;

namespace PostMortem.Core.Protocol;

// Incident-log HTTP bodies (docs/PROTOCOL.md, "6.1 Incident log"). PostMortem.Data's queries build them; the server
// sends them as they are. Names are protocol: never rename one.

/// <summary>One row of the incident log.</summary>
public sealed record IncidentRow(
    string BoardId,
    string Title,
    DateOnly Date,
    DateTimeOffset IncidentAt,
    IncidentType Type,
    int Severity,
    string Summary,
    string RootCause,
    IncidentStatus Status,
    int ActionsDone,
    int ActionsOpen,
    int ActionsOverdue,
    DateOnly? FollowUpDate,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<RecurringCause> RecurringCauses);

/// <summary>One incident with everything the log knows of it.</summary>
public sealed record IncidentDetail(
    IncidentRow Incident,
    string Impact,
    string TimeZone,
    IReadOnlyList<string> ContributingFactors,
    IReadOnlyList<ActionView> Actions,
    IReadOnlyList<SignOffView> SignOffs);

/// <summary>An action of a closed post-mortem, as followed up.</summary>
/// <param name="Overdue">Decided by the server with its clock (due before today, neither done nor dropped): a client shows it.</param>
/// <param name="DaysOverdue">Whole days since the due date when <paramref name="Overdue"/>, else 0 (the server's date too).</param>
public sealed record ActionView(
    string BoardId,
    string IncidentTitle,
    string NoteId,
    string Text,
    string? Owner,
    DateOnly? DueDate,
    ActionKind Kind,
    ActionStatus Status,
    DateTimeOffset? AcknowledgedAt,
    string? TrackerUrl,
    bool Overdue,
    int DaysOverdue);

public sealed record SignOffView(string Name, DateTimeOffset At);

/// <summary>
/// An earlier incident whose cause resembles this one's. <see cref="Reason"/> says why in words;
/// <see cref="SharedWords"/> are the words both causes use.
/// </summary>
public sealed record RecurringCause(
    string BoardId,
    string Title,
    DateOnly Date,
    double Score,
    string Text,
    string EarlierText,
    IReadOnlyList<string> SharedWords,
    string Reason);

/// <summary>An open action of an earlier post-mortem, in <c>POST /api/boards</c>'s answer for review when a new one starts.</summary>
/// <param name="Overdue">Decided by the server with its clock, as in <see cref="ActionView"/>: a client shows it.</param>
/// <param name="DaysOverdue">As in <see cref="ActionView"/>.</param>
public sealed record PreviousOpenAction(
    string BoardId, string BoardTitle, string NoteId, string Text, string? Owner, DateOnly? DueDate, ActionStatus Status, bool Overdue,
    int DaysOverdue);

/// <summary>PATCH /api/actions/{noteId}: the new status ("open", "inProgress", "done", "wontDo"). The board comes
/// from the caller's token; <see cref="BoardId"/>, when given, must match it.</summary>
public sealed record ActionStatusRequest(string? Status, string? BoardId = null);

/// <param name="Seq">The board-log entry that changed the status.</param>
/// <param name="Action">The action as the incident log now shows it; null while its board was never closed.</param>
public sealed record ActionStatusResponse(string BoardId, string NoteId, ActionStatus Status, long Seq, ActionView? Action);

/// <summary>Stable error codes of the incident-log endpoints (besides the board's own and the server's).</summary>
public static class IncidentLogCodes
{
    /// <summary>A query-string filter could not be read; the message names the parameter.</summary>
    public const string InvalidFilter = "invalid_filter";

    /// <summary>No post-mortem record for that board (never closed, or no such board).</summary>
    public const string IncidentNotFound = "incident_not_found";

    /// <summary>The PATCH body's status is not an action status.</summary>
    public const string InvalidStatus = "invalid_status";

    /// <summary>An insights CSV was asked for a chart there is not (/insights/{chart}.csv).</summary>
    public const string ChartNotFound = "chart_not_found";
}
