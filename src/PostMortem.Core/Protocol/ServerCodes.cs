namespace PostMortem.Core.Protocol;

/// <summary>
/// Error codes only the server gives (HTTP problems and fatal messages); the board's own codes, and the
/// host-level ones shared with the hub, are Core's <see cref="RejectionCodes"/>. Here, beside the records, so a
/// client tells a fatal from a retryable failure without a copy of the list. Wire protocol: never rename one.
/// </summary>
public static class ServerCodes
{
    /// <summary>The request's Origin is not allowed to use the hub or the API.</summary>
    public const string OriginNotAllowed = "origin_not_allowed";

    /// <summary>The HTTP request body is missing, not JSON, or lacks a required field.</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>The HTTP request body is over the size limit.</summary>
    public const string RequestTooLarge = "request_too_large";

    /// <summary>No such API path.</summary>
    public const string NotFound = "not_found";

    /// <summary>The server could not complete the call right now; retrying (or reconnecting) is safe.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The incident log needs the team credential (the team link's cookie, or single sign-on when configured).</summary>
    public const string SignInRequired = "sign_in_required";

    /// <summary>The team link is not the current one (it was mistyped or rotated).</summary>
    public const string TeamLinkInvalid = "team_link_invalid";

    /// <summary>The team key comes from configuration; rotating it is a configuration change.</summary>
    public const string TeamKeyConfigured = "team_key_configured";

    /// <summary>The participant already has Limits:ConnectionsPerParticipant connections to the board open.</summary>
    public const string TooManyConnections = "too_many_connections";

    /// <summary>
    /// The board's log lost entries this connection had seen (Redis lost acknowledged writes and their numbers went to
    /// other entries): the board was rebuilt from what the log holds. Rejoin without lastSeq for a fresh view (R21).
    /// </summary>
    public const string BoardRewound = "board_rewound";

    /// <summary>An unexpected server error.</summary>
    public const string InternalError = "internal_error";
}
