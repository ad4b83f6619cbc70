using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;
using PostMortem.Core;
using PostMortem.Core.Protocol;

namespace PostMortem.Client.Internal;

/// <summary>
/// Fatal against retryable (docs/PROTOCOL.md 5.1, R15): after <c>unauthorized</c>, <c>participant_removed</c>,
/// <c>board_not_found</c> or <c>wrong_board</c> reconnecting cannot help; anything else — <c>unavailable</c>, a
/// dropped or refused connection, <c>too_many_connections</c>, <c>message_too_large</c> — is retried with backoff.
/// </summary>
internal static partial class SyncErrors
{
    /// <summary>Any failure that is not a protocol code: a connection that could not be made or was lost.</summary>
    public const string Connection = "connection";

    private static readonly HashSet<string> Fatal = new(StringComparer.Ordinal)
    {
        RejectionCodes.Unauthorized,
        RejectionCodes.ParticipantRemoved,
        RejectionCodes.BoardNotFound,
        RejectionCodes.WrongBoard,
    };

    public static bool IsFatal(string? code) => code is not null && Fatal.Contains(code);

    /// <summary>The protocol code an exception from the transport carries, and whether it ends the session.</summary>
    public static (SyncFailure Failure, bool Fatal) Classify(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (Find<HttpRequestException>(error) is { StatusCode: { } status })
        {
            // The negotiate or WebSocket upgrade was refused before any hub message could say why.
            return status switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => (new SyncFailure(RejectionCodes.Unauthorized, error.Message), true),
                HttpStatusCode.NotFound => (new SyncFailure(RejectionCodes.BoardNotFound, error.Message), true),
                _ => (new SyncFailure(Connection, error.Message), false),
            };
        }

        if (Find<HubException>(error) is { } hub && HubCode().Match(hub.Message) is { Success: true } match)
        {
            var code = match.Groups["code"].Value;
            var message = match.Groups["message"].Value.Trim();
            return (new SyncFailure(code, message.Length > 0 ? message : hub.Message), IsFatal(code));
        }

        return (new SyncFailure(Connection, error.Message), false);
    }

    private static T? Find<T>(Exception error)
        where T : Exception
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    // docs/PROTOCOL.md 3.2: a failed call's text contains "HubException: <code>: <message>".
    [GeneratedRegex("(?:HubException: )?(?<code>[a-z_]+): (?<message>.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex HubCode();
}
