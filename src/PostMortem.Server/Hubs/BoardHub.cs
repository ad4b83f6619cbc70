using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using PostMortem.Core.WriteUp;
using PostMortem.Server.Auth;
using PostMortem.Server.BoardLog;
using PostMortem.Server.Boards;
using PostMortem.Server.Diagnostics;
using PostMortem.Server.Options;
using PostMortem.Server.Presence;

namespace PostMortem.Server.Hubs;

/// <summary>
/// The board hub at /hubs/board (docs/PROTOCOL.md). Thin: it authenticates, limits and routes; every board
/// rule is Core's. Errors of a call are its result (a rejected Ack) or a HubException whose message starts
/// with a code ("wrong_board: ..."); a connection the server will not serve gets a <c>fatal</c> message first.
/// </summary>
internal sealed partial class BoardHub(
    BoardRegistry registry,
    BoardCommands commands,
    IBoardLog log,
    ParticipantTokens tokens,
    IHubContext<BoardHub> hubContext,
    IPresenceBroadcast presence,
    IOptions<LimitsOptions> limits,
    ParticipantAllowances allowances,
    TimeProvider clock,
    ILogger<BoardHub> logger) : Hub
{
    public const string Path = "/hubs/board";
    private const string SessionKey = "postmortem.session";
    /// <summary>Longest text CheckText looks at: the longest text field a command takes.</summary>
    private static readonly int CheckTextMax = new[] { Limits.NoteTextLength, Limits.ChainTextLength, Limits.SummaryLength }.Max();
    private static readonly HashSet<string> ClientPresenceKinds = new(Core.Protocol.PresenceKinds.FromClients, StringComparer.Ordinal);

    public override async Task OnConnectedAsync()
    {
        var http = Context.GetHttpContext();
        var token = ReadToken(http);
        var claims = tokens.Verify(token);
        if (claims is null)
        {
            await RefuseAsync(RejectionCodes.Unauthorized, "The token is missing, damaged or expired; join the board again.");
            return;
        }

        BoardHost? host;
        FatalMessage? refusal;
        var loading = Stopwatch.GetTimestamp();
        try
        {
            host = await registry.GetAsync(claims.BoardId, Context.ConnectionAborted);
            refusal = host?.Read(board => RefusalFor(board, claims.ParticipantId));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storage or the log is down: a retryable refusal, not a crashed connection.
            ServerLog.BoardLoadFailed(logger, claims.BoardId, ex);
            await RefuseAsync(ServerCodes.Unavailable, "The board cannot be loaded right now; reconnect shortly.");
            return;
        }

        if (host is null)
        {
            await RefuseAsync(RejectionCodes.BoardNotFound, "There is no such board.");
            return;
        }

        // R17: the token was issued by an instance whose replica had applied the join; this one may lag behind it
        // (another instance, a busy machine). Lag is never a verdict: wait, bounded, then judge.
        if (refusal is not null && host.Read(board => board.Seq) is var replicaSeq && replicaSeq < claims.KnownAtSeq)
        {
            ServerLog.WaitingForReplica(logger, Context.ConnectionId, claims.BoardId, claims.KnownAtSeq, replicaSeq);
            try
            {
                await host.WaitForAppliedAsync(claims.KnownAtSeq, limits.Value.ApplyTimeout, Context.ConnectionAborted);
                refusal = host.Read(board => RefusalFor(board, claims.ParticipantId));
            }
            catch (Exception ex) when (ex is TimeoutException or BoardUnavailableException)
            {
                await RefuseAsync(ServerCodes.Unavailable, "This server is still catching up with the board; reconnect shortly.");
                return;
            }
        }

        if (refusal is not null)
        {
            await RefuseAsync(refusal.Code, refusal.Message);
            return;
        }

        var allowance = allowances.Open(claims.BoardId, claims.ParticipantId);
        if (allowance is null)
        {
            await RefuseAsync(ServerCodes.TooManyConnections,
                $"You have {limits.Value.ConnectionsPerParticipant} connections to this board open already; close a tab and reconnect.");
            return;
        }

        var session = new ConnectionSession(token!, claims, Context, hubContext.Clients.Client(Context.ConnectionId), limits.Value, clock, logger, allowance)
        {
            // Loading the board (when this connection is the first to need it) is part of its first Join's time.
            PendingJoinMs = Stopwatch.GetElapsedTime(loading).TotalMilliseconds,
        };
        Context.Items[SessionKey] = session;
        session.Start();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(SessionKey, out var value) && value is ConnectionSession session)
        {
            session.Host?.Detach(session);
            session.Stop();
            if (session.Allowance is { } allowance)
            {
                allowances.Close(allowance);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Starts (or restarts) receiving the board: a snapshot, or exactly the entries after lastSeq (R4).</summary>
    public async Task<JoinResult> Join(JoinRequest request)
    {
        var started = Stopwatch.GetTimestamp();
        var (session, host) = await VerifyCallAsync();
        if (!session.Calls.TryTake())
        {
            throw Error(RejectionCodes.RateLimited, "Too many calls; slow down.");
        }

        if (request?.BoardId is not { } boardId || !string.Equals(boardId, session.BoardId, StringComparison.Ordinal))
        {
            throw Error(RejectionCodes.WrongBoard, "This connection's token is for another board.");
        }

        if (request.LastSeq is { } lastSeq && lastSeq > host.Seq)
        {
            // The client saw entries this replica has not applied yet (another instance was faster).
            if (lastSeq <= await log.LastSeqAsync(boardId, Context.ConnectionAborted))
            {
                try
                {
                    await host.WaitForAppliedAsync(lastSeq, limits.Value.ApplyTimeout, Context.ConnectionAborted);
                }
                catch (TimeoutException)
                {
                    // Falls back to a snapshot below.
                }
            }
        }

        // Presence from every instance reaches this connection through the board's group; entries do not.
        await presence.AddAsync(Context.ConnectionId, boardId, Context.ConnectionAborted);
        session.Host?.Detach(session);
        session.Host = host;
        var result = host.Attach(session, request.LastSeq);
        var serverMs = session.PendingJoinMs + Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        session.PendingJoinMs = 0;
        return result with { ServerMs = serverMs };
    }

    /// <summary>
    /// Submits one command: { clientOpId, command, boardId? }. Always answers with an Ack; a retry of an
    /// applied clientOpId gets "duplicate" with the original seq (R3).
    /// </summary>
    public async Task<Ack> Submit(JsonElement request)
    {
        var (session, host) = await VerifyCallAsync();
        var clientOpId = request.ValueKind == JsonValueKind.Object && request.TryGetProperty("clientOpId", out var op) && op.ValueKind == JsonValueKind.String
            ? op.GetString() ?? ""
            : "";
        if (clientOpId.Length is 0 or > Limits.ClientOpIdLength)
        {
            return Rejected(clientOpId.Length > Limits.ClientOpIdLength ? "" : clientOpId, RejectionCodes.MalformedCommand,
                $"The request needs a clientOpId string of 1 to {Limits.ClientOpIdLength} characters.");
        }

        if (request.TryGetProperty("boardId", out var boardIdElement)
            && (boardIdElement.ValueKind != JsonValueKind.String || !string.Equals(boardIdElement.GetString(), session.BoardId, StringComparison.Ordinal)))
        {
            return Rejected(clientOpId, RejectionCodes.WrongBoard, "This connection's token is for another board.");
        }

        if (ParseCommand(request) is not { } parsed)
        {
            return Rejected(clientOpId, RejectionCodes.MalformedCommand, "The command is missing or is not a JSON object.");
        }

        if (parsed.Error is { } error)
        {
            return Rejected(clientOpId, error.Code, error.Message);
        }

        if (!session.Commands.TryTake())
        {
            return Rejected(clientOpId, RejectionCodes.RateLimited, "Too many commands; slow down and retry.");
        }

        var command = parsed.Command!;
        var actorId = session.ParticipantId;
        (Outcome Outcome, long? Seq) result;
        try
        {
            // Core decides duplicate / rejected / append (R3 and every board rule live there, not here).
            result = await commands.RunAsync(host, new PendingEntry(actorId, clientOpId, command), Context.ConnectionAborted);
        }
        catch (BoardOverloadedException ex)
        {
            // Shed, not queued: an answer now, with when to come back (the same clientOpId makes the retry safe).
            return new Ack(clientOpId, AckStatus.Rejected, Code: ServerCodes.Unavailable,
                Message: "The server is busy and did not take this change; it is sent again shortly.",
                RetryAfterMs: (long)Math.Ceiling(ex.RetryAfter.TotalMilliseconds));
        }
        catch (TimeoutException)
        {
            ServerLog.ApplyTimedOut(logger, session.BoardId);
            throw Error(ServerCodes.Unavailable, "The outcome is late; it will arrive as an entry with this clientOpId.");
        }
        catch (BoardUnavailableException)
        {
            throw Error(ServerCodes.Unavailable, "The board is not available right now; reconnect and retry (the clientOpId makes a retry safe).");
        }
        catch (Exception ex) when (ex is not (HubException or OperationCanceledException))
        {
            // The log or its journal refused the write: nothing was appended, so a retry is safe.
            ServerLog.AppendFailed(logger, session.BoardId, ex);
            throw Error(ServerCodes.Unavailable, "The command could not be stored; retry with the same clientOpId.");
        }

        var outcome = result.Outcome;
        return new Ack(
            clientOpId,
            AckStatus.Of(outcome.Status),
            result.Seq,
            outcome.Code,
            outcome.Message,
            outcome.Warnings,
            outcome.ImportErrors);
    }

    /// <summary>For the client's clock offset: serverTime is Unix milliseconds.</summary>
    public async Task<PingResult> Ping(double clientTime)
    {
        var (session, _) = await VerifyCallAsync();
        if (!session.Calls.TryTake())
        {
            throw Error(RejectionCodes.RateLimited, "Too many calls; slow down.");
        }

        return new PingResult(clientTime, clock.GetUtcNow().ToUnixTimeMilliseconds());
    }

    /// <summary>Language coach hints for text being typed (names of the board's participants included). Nothing is stored.</summary>
    public async Task<IReadOnlyList<CoachFlag>> CheckText(string? text)
    {
        var (session, host) = await VerifyCallAsync();
        if (!session.Calls.TryTake())
        {
            throw Error(RejectionCodes.RateLimited, "Too many calls; slow down.");
        }

        text ??= "";
        if (text.Length > CheckTextMax)
        {
            throw Error(RejectionCodes.TextTooLong, $"Text is at most {CheckTextMax} characters.");
        }

        return host.Read(board => board.CheckText(text));
    }

    /// <summary>The write-up as Core builds it now, for the close phase's live preview (clients never rebuild it:
    /// the top-three fallback and the ranking order are Core's).</summary>
    public Task<WriteUpModel> WriteUpPreview() => PreviewAsync(namesAsRoles: false);

    /// <summary>The same preview with names replaced by roles, as the shared write-up shows them with roles=1.</summary>
    public Task<WriteUpModel> WriteUpPreviewWithRoles() => PreviewAsync(namesAsRoles: true);

    private async Task<WriteUpModel> PreviewAsync(bool namesAsRoles)
    {
        var (session, host) = await VerifyCallAsync();
        if (!session.Calls.TryTake())
        {
            throw Error(RejectionCodes.RateLimited, "Too many calls; slow down.");
        }

        return host.Read(board => board.WriteUp(namesAsRoles));
    }

    /// <summary>Ephemeral: throttled, fanned out to the others on the board, never logged (R10).</summary>
    public async Task Presence(PresenceRequest presence)
    {
        var (session, _) = await VerifyCallAsync();
        if (session.Host is not { } host || presence is null || !session.Presence.TryTake())
        {
            return; // not joined yet, or over the rate: dropped, by design
        }

        if (presence.Kind is not { } kind || !ClientPresenceKinds.Contains(kind)
            || !Finite(presence.X) || !Finite(presence.Y)
            || presence.NoteId is { Length: > Limits.IdLength })
        {
            throw Error(RejectionCodes.InvalidValue, "Presence needs kind cursor|drag|typing|idle, finite x/y and a note id of at most 64 characters.");
        }

        // On an anonymous board a drag or typing on anonymous content must not name the note: Core says which.
        var noteId = presence.NoteId is null ? null : host.Read(board => board.PresenceNoteId(presence.NoteId));
        host.AddPresence(new PresenceUpdate(session.ParticipantId, kind, presence.X, presence.Y, noteId));
    }
}
