using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

namespace PostMortem.Floor;

/// <summary>The hub methods the load tool calls, with PostMortem's argument and result shapes (docs/PROTOCOL.md).</summary>
internal sealed class FloorHub(Boards boards, TimeProvider clock) : Hub
{
    private const string BoardKey = "board";
    private const string ParticipantKey = "participant";

    public override Task OnConnectedAsync()
    {
        // access_token = "<boardId>.<participantId>" as handed out by the HTTP endpoints.
        var token = Context.GetHttpContext()?.Request.Query["access_token"].ToString() ?? "";
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        Context.Items[ParticipantKey] = dot < 0 ? token : token[(dot + 1)..];
        return Task.CompletedTask;
    }

    public async Task<JoinResult> Join(JoinArgs args)
    {
        if (!boards.TryGet(args.BoardId, out var board))
        {
            throw new HubException("board_not_found");
        }

        Context.Items[BoardKey] = board;
        // In the group before the seq is read: entries after it reach this connection; those at or below it
        // may too, and the client drops them (its Join buffer keeps only seq > the result's seq).
        await Groups.AddToGroupAsync(Context.ConnectionId, board.Id);
        var seq = board.Seq;
        var participantId = (string)Context.Items[ParticipantKey]!;
        return new JoinResult("snapshot", new JoinView(seq, new JoinMeta(board.Id, seq, "timeline")), seq, clock.GetUtcNow().ToUnixTimeMilliseconds(), participantId, "participant");
    }

    public async Task<Ack> Submit(SubmitArgs args)
    {
        var board = (Board)Context.Items[BoardKey]!;
        var actor = (string)Context.Items[ParticipantKey]!;
        // Stamped and sent under the board's lock, so every connection sees the board's entries in seq order.
        await board.Gate.WaitAsync();
        try
        {
            var seq = ++board.Seq;
            var entry = new Entry(seq, clock.GetUtcNow(), actor, args.ClientOpId, "accepted", [new CommandEvent("command", args.Command)]);
            await Clients.Group(board.Id).SendAsync("entry", entry);
            return new Ack("accepted", seq);
        }
        finally
        {
            board.Gate.Release();
        }
    }

    public void Presence(PresenceArgs update)
    {
        if (Context.Items[BoardKey] is Board board)
        {
            var participantId = (string)Context.Items[ParticipantKey]!;
            board.Presence[participantId] = new PresenceUpdate(participantId, update.Kind, update.X, update.Y, update.NoteId);
            boards.PresencePending(board);
        }
    }

    public long Ping(long clientTime) => clock.GetUtcNow().ToUnixTimeMilliseconds();
}

internal sealed record JoinArgs(string BoardId, long? LastSeq);

internal sealed record SubmitArgs(string ClientOpId, JsonElement Command);

internal sealed record JoinMeta(string BoardId, long Seq, string Phase);

internal sealed record JoinView(long Seq, JoinMeta Meta);

internal sealed record JoinResult(string Mode, JoinView View, long Seq, long ServerTime, string ParticipantId, string Role);

internal sealed record PresenceArgs(string Kind, double? X, double? Y, string? NoteId);

internal sealed record PresenceUpdate(string ParticipantId, string Kind, double? X, double? Y, string? NoteId);

internal sealed record PresenceBatch(IReadOnlyList<PresenceUpdate> Updates);

internal sealed record CommandEvent(string Type, JsonElement Command);

internal sealed record Entry(long Seq, DateTimeOffset At, string ActorId, string ClientOpId, string Status, IReadOnlyList<CommandEvent> Events);

internal sealed record Ack(string Status, long Seq);

internal sealed record CreateBoardRequest(string? Title, string? FacilitatorName);

internal sealed record CreateBoardResponse(string BoardId, string JoinCode, string ParticipantId, string Token);

internal sealed record JoinBoardRequest(string? JoinCode, string? Name);

internal sealed record JoinBoardResponse(string ParticipantId, string Token);
