using PostMortem.Core.Model;

namespace PostMortem.Core.Protocol;

// Outgoing webhook bodies (docs/PROTOCOL.md, "Webhooks"). Core builds them (HandOff/WebhookEvents); the server signs
// and posts them as they are. Names are protocol: never rename one.

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
public sealed record WebhookEvent(
    string Id,
    string Type,
    DateTimeOffset OccurredAt,
    string BoardId,
    long Seq,
    WebhookIncident Incident,
    IReadOnlyList<WebhookAction>? Actions = null,
    WebhookAction? Action = null);

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
