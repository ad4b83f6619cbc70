using PostMortem.Core.Commands;
using PostMortem.Core.Protocol;
using PostMortem.Core.WriteUp;

namespace PostMortem.Core.HandOff;

/// <summary>
/// Which applied entries a webhook hears of, and what it is told: the board being locked (the meeting's close) and an
/// accepted status change of an action that really changed it. The id is the board and the entry's sequence number,
/// so every instance that applies the entry builds the same event and an outbox keyed by it keeps one.
/// </summary>
public static class WebhookEvents
{
    /// <summary>The event <paramref name="result"/> causes on <paramref name="board"/> (already applied), or null.</summary>
    public static WebhookEvent? For(Board board, ApplyResult result)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Outcome.IsAccepted)
        {
            return null;
        }

        var entry = result.Entry;
        switch (entry.Command)
        {
            case LockBoard:
                {
                    var writeUp = board.WriteUp();
                    return new WebhookEvent(IdOf(board.BoardId, entry.Seq), WebhookEventTypes.BoardClosed, entry.At, board.BoardId, entry.Seq,
                        Incident(writeUp), Actions: [.. writeUp.Actions.Select(ActionOf)]);
                }

            // Setting the status it already has is accepted but changes nothing, and the reducer emits no event for it.
            case UpdateActionStatus status when result.Events.OfType<NoteChanged>().Any(e => e.Note.Id == status.NoteId):
                {
                    var writeUp = board.WriteUp();
                    var action = writeUp.Actions.FirstOrDefault(a => string.Equals(a.NoteId, status.NoteId, StringComparison.Ordinal));
                    if (action is null)
                    {
                        // An action that was not chosen: not part of the hand-off.
                        return null;
                    }

                    return new WebhookEvent(IdOf(board.BoardId, entry.Seq), WebhookEventTypes.ActionStatusChanged, entry.At, board.BoardId, entry.Seq,
                        Incident(writeUp), Action: ActionOf(action));
                }

            default:
                return null;
        }
    }

    /// <summary>"{boardId}.{seq}": one entry causes at most one event.</summary>
    public static string IdOf(string boardId, long seq) => $"{boardId}.{seq}";

    private static WebhookIncident Incident(WriteUpModel w) =>
        new(w.Title, w.IncidentAt, w.IncidentType, w.Severity, w.ClosedAt, w.FollowUpDate);

    private static WebhookAction ActionOf(WriteUpAction a) => new(a.NoteId, a.Text, a.Owner, a.DueDate, a.Kind, a.Status, a.TrackerUrl);
}
