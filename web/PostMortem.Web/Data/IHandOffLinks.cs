namespace PostMortem.Web.Data;

/// <summary>A chosen action as the hand-off links need it.</summary>
public sealed record HandOffAction(string BoardId, string IncidentTitle, string NoteId, string Text, string? Owner, DateOnly? DueDate);

/// <summary>
/// The deployment's hand-off to an issue tracker (HandOff:Tracker, docs/OPERATIONS.md). The server implements it
/// with Core's TrackerLinks; pages without it (or with no tracker configured) show no "create issue" link.
/// </summary>
public interface IHandOffLinks
{
    /// <summary>The tracker's pre-filled "create issue" address for <paramref name="action"/>, or null when no tracker is configured.</summary>
    /// <param name="readKey">The write-up's read key when the page has one (the write-up page), else null.</param>
    /// <param name="requestOrigin">scheme://host the page was asked for at: links are made absolute with it when the
    /// deployment's public address is not configured.</param>
    string? CreateIssueUrl(HandOffAction action, string? readKey, string requestOrigin);
}

/// <summary>The calendar (.ics) endpoints' addresses: with the read key, or with the team credential (incident log).</summary>
public static class HandOffPaths
{
    public const string FollowUpRoute = "/api/boards/{boardId}/follow-up.ics";
    public const string ActionRoute = "/api/boards/{boardId}/actions/{noteId}.ics";
    public const string TeamFollowUpRoute = "/api/incidents/{boardId}/follow-up.ics";
    public const string TeamActionRoute = "/api/incidents/{boardId}/actions/{noteId}.ics";

    public static string FollowUp(string boardId, string? readKey) => readKey is null
        ? $"/api/incidents/{Uri.EscapeDataString(boardId)}/follow-up.ics"
        : $"/api/boards/{Uri.EscapeDataString(boardId)}/follow-up.ics?key={Uri.EscapeDataString(readKey)}";

    public static string Action(string boardId, string noteId, string? readKey) => readKey is null
        ? $"/api/incidents/{Uri.EscapeDataString(boardId)}/actions/{Uri.EscapeDataString(noteId)}.ics"
        : $"/api/boards/{Uri.EscapeDataString(boardId)}/actions/{Uri.EscapeDataString(noteId)}.ics?key={Uri.EscapeDataString(readKey)}";
}
