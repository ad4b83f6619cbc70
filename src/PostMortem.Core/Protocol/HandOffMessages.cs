using PostMortem.Core.Model;

namespace PostMortem.Core.Protocol;

// Hand-off (docs/PROTOCOL.md, "Webhooks" and "Calendar files"): outgoing webhook bodies, which Core builds
// (HandOff/WebhookEvents) and the server signs and posts as they are, and the calendar endpoints' error codes.
// Names are protocol: never rename one.

/// <summary>Stable error codes of the calendar (.ics) endpoints (besides the board's own and the server's).</summary>
public static class HandOffCodes
{
    /// <summary>The post-mortem has no follow-up date yet (the facilitator sets it in the Close phase).</summary>
    public const string NoFollowUpDate = "no_follow_up_date";

    /// <summary>No action of the write-up has that note id (unknown, not an action, or not chosen).</summary>
    public const string ActionNotFound = "action_not_found";

    /// <summary>The action has no due date yet.</summary>
    public const string NoDueDate = "no_due_date";
}

/// <summary>The event types a webhook receives.</summary>
public static class WebhookEventTypes
{
    /// <summary>The board was locked: the meeting closed. Carries every chosen action.</summary>
    public const string BoardClosed = "board.closed";

    /// <summary>An action's status changed (on the board or from the follow-up page). Carries that action.</summary>
    public const string ActionStatusChanged = "action.status_changed";
}

/// <summary>One webhook delivery's body.</summary>
/// <param name="Id">The event's id, the same on every instance and every retry: a receiver drops ids it has seen.</param>
/// <param name="Seq">The board-log entry that caused the event.</param>
/// <param name="Actions">For <see cref="WebhookEventTypes.BoardClosed"/>: the chosen actions.</param>
/// <param name="Action">For <see cref="WebhookEventTypes.ActionStatusChanged"/>: the action, with its new status.</param>
/// <param name="IncidentUrl">The post-mortem's page in the incident log (team access), when the deployment's
/// HandOff:PublicUrl is set.</param>
public sealed record WebhookEvent(
    string Id,
    string Type,
    DateTimeOffset OccurredAt,
    string BoardId,
    long Seq,
    WebhookIncident Incident,
    IReadOnlyList<WebhookAction>? Actions = null,
    WebhookAction? Action = null,
    string? IncidentUrl = null);

public sealed record WebhookIncident(
    string Title,
    DateTimeOffset IncidentAt,
    IncidentType IncidentType,
    int Severity,
    DateTimeOffset? ClosedAt,
    DateOnly? FollowUpDate);

public sealed record WebhookAction(
    string NoteId,
    string Text,
    string? Owner,
    DateOnly? DueDate,
    ActionKind Kind,
    ActionStatus Status,
    string? TrackerUrl);
