using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Server.Boards;
using PostMortem.Server.Diagnostics;

namespace PostMortem.Server.Hubs;

// The checks behind every call: protocol violations, the token and participant on each call, reading a command.
internal sealed partial class BoardHub
{
    /// <summary>Invoked by <see cref="SizeLimitedHubProtocol"/> (not by clients) when a message is over the limit.</summary>
    [HubMethodName(SizeLimitedHubProtocol.TooLargeTarget)]
    public void MessageTooLarge() =>
        CloseWith(RejectionCodes.MessageTooLarge, $"A message was larger than {limits.Value.MaxMessageBytes} bytes; the connection is closed.");

    /// <summary>Invoked by <see cref="SizeLimitedHubProtocol"/> when a message is not valid hub protocol JSON.</summary>
    [HubMethodName(SizeLimitedHubProtocol.MalformedTarget)]
    public void MalformedMessage() =>
        CloseWith(RejectionCodes.MalformedCommand, "A message was not valid JSON hub protocol; the connection is closed.");

    /// <summary>Invoked by <see cref="SizeLimitedHubProtocol"/> in place of a call SignalR could not bind: an unknown
    /// method, or missing or wrongly typed arguments. Fails that one call with a code; the connection stays.</summary>
    [HubMethodName(SizeLimitedHubProtocol.InvalidCallTarget)]
    public void InvalidCall(string target, string code)
    {
        ServerLog.ProtocolViolation(logger, Context.ConnectionId, code);
        throw code == SizeLimitedHubProtocol.UnknownMethod
            ? Error(code, "There is no hub method of that name; see docs/PROTOCOL.md, section 3.2.")
            : Error(code, $"The arguments of {(target.Length <= 40 ? target : target[..40])} are missing or of the wrong type; see docs/PROTOCOL.md, section 3.2.");
    }

    private void CloseWith(string code, string message)
    {
        ServerLog.ProtocolViolation(logger, Context.ConnectionId, code);
        if (Context.Items.TryGetValue(SessionKey, out var value) && value is ConnectionSession session)
        {
            session.Close(code, message);
        }
        else
        {
            Context.Abort();
        }
    }

    /// <summary>
    /// Every call re-checks the connection's token expiry (its signature was verified once, when the connection
    /// was made) and the participant against the board's current state, so a removal takes effect on the very
    /// next call (R7).
    /// </summary>
    private async Task<(ConnectionSession Session, BoardHost Host)> VerifyCallAsync()
    {
        if (!Context.Items.TryGetValue(SessionKey, out var value) || value is not ConnectionSession session || session.IsClosing)
        {
            throw Error(RejectionCodes.Unauthorized, "This connection is not authorised.");
        }

        if (tokens.HasExpired(session.Claims))
        {
            session.Close(RejectionCodes.Unauthorized, "The token has expired; join the board again.");
            throw Error(RejectionCodes.Unauthorized, "The token has expired.");
        }

        var host = session.Host ?? await registry.GetAsync(session.BoardId, Context.ConnectionAborted);
        if (host is null)
        {
            session.Close(RejectionCodes.BoardNotFound, "There is no such board.");
            throw Error(RejectionCodes.BoardNotFound, "There is no such board.");
        }

        FatalMessage? refusal;
        try
        {
            refusal = host.Read(board => RefusalFor(board, session.ParticipantId));
        }
        catch (BoardUnavailableException)
        {
            session.Close(ServerCodes.Unavailable, "The board is not available right now; reconnect.");
            throw Error(ServerCodes.Unavailable, "The board is not available right now.");
        }

        if (refusal is not null)
        {
            session.Close(refusal.Code, refusal.Message);
            throw Error(refusal.Code, refusal.Message);
        }

        return (session, host);
    }

    private static FatalMessage? RefusalFor(Board board, string participantId)
    {
        if (!board.State.Participants.TryGetValue(participantId, out var participant))
        {
            return new FatalMessage(RejectionCodes.Unauthorized, "This token's participant is not on the board.");
        }

        return participant.Removed
            ? new FatalMessage(RejectionCodes.ParticipantRemoved, "The facilitator removed you from this board.")
            : null;
    }

    private async Task RefuseAsync(string code, string message)
    {
        ServerLog.ConnectionRefused(logger, Context.ConnectionId, code);
        await Clients.Caller.SendAsync(ClientMethods.Fatal, new FatalMessage(code, message));
        Context.Abort();
    }

    private static string? ReadToken(HttpContext? http)
    {
        if (http is null)
        {
            return null;
        }

        // Browsers cannot set headers on a WebSocket, so @microsoft/signalr sends access_token in the query
        // string there and as a bearer header on negotiate and long polling.
        if (http.Request.Query.TryGetValue("access_token", out var query) && query.Count == 1)
        {
            return query[0];
        }

        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static ParsedCommand? ParseCommand(JsonElement request)
    {
        if (!request.TryGetProperty("command", out var element) || element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (!element.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() is not { Length: > 0 } name)
        {
            return new ParsedCommand(null, new FatalMessage(RejectionCodes.MalformedCommand, "The command needs a \"type\" string."));
        }

        if (!CommandNames.IsKnown(name))
        {
            return new ParsedCommand(null, new FatalMessage(RejectionCodes.UnknownCommand, "There is no command of this type (see docs/PROTOCOL.md)."));
        }

        try
        {
            return new ParsedCommand(CoreJson.DeserializeCommand(element), null);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException or ArgumentException)
        {
            // JsonException.Path names the field without echoing the value (user text never goes back or to logs).
            var where = ex is JsonException { Path: { } path } ? $" at {path}" : "";
            return new ParsedCommand(null, new FatalMessage(RejectionCodes.MalformedCommand, $"The {name} command could not be read{where}."));
        }
    }

    private static Ack Rejected(string clientOpId, string code, string message) => new(clientOpId, AckStatus.Rejected, Code: code, Message: message);

    private static HubException Error(string code, string message) => new($"{code}: {message}");

    private static bool Finite(double? value) => value is null || (double.IsFinite(value.Value) && Math.Abs(value.Value) <= 1e7);

    private sealed record ParsedCommand(BoardCommand? Command, FatalMessage? Error);
}
