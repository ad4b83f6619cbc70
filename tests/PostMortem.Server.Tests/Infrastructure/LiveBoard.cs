using System.Text.Json;
using PostMortem.Core.Protocol;
using PostMortem.Server.Boards;

namespace PostMortem.Server.Tests.Infrastructure;

/// <summary>A fresh board with its facilitator and participants connected to the hub and joined.</summary>
public sealed class LiveBoard : IAsyncDisposable
{
    private readonly List<HubTestClient> _clients = [];

    private LiveBoard(ServerFactory server, CreateBoardResponse board)
    {
        Server = server;
        Board = board;
    }

    public ServerFactory Server { get; }

    public CreateBoardResponse Board { get; }

    public string BoardId => Board.BoardId;

    public HubTestClient Facilitator { get; private set; } = null!;

    public List<Member> Participants { get; } = [];

    /// <summary>The facilitator's Join result.</summary>
    public JsonElement FacilitatorJoin { get; private set; }

    public sealed record Member(string Name, string ParticipantId, string Token, HubTestClient Client, JsonElement Join);

    public static async Task<LiveBoard> StartAsync(ServerFactory server, params string[] participantNames)
    {
        using var api = server.Api();
        var live = new LiveBoard(server, await api.CreateBoardAsync());
        live.Facilitator = await live.ConnectAsync(live.Board.Token, "facilitator");
        live.FacilitatorJoin = await live.Facilitator.JoinAsync(live.BoardId);
        foreach (var name in participantNames)
        {
            var joined = await api.JoinAsync(live.Board, name);
            var client = await live.ConnectAsync(joined.Token, name);
            var join = await client.JoinAsync(live.BoardId);
            live.Participants.Add(new Member(name, joined.ParticipantId, joined.Token, client, join));
        }

        return live;
    }

    public async Task<HubTestClient> ConnectAsync(string token, string name, string? origin = null)
    {
        var client = await HubTestClient.ConnectAsync(Server.BaseAddress, token, name, origin);
        _clients.Add(client);
        return client;
    }

    internal BoardHost Host => Server.Registry.TryGetLoaded(BoardId) ?? throw new InvalidOperationException("board not loaded");

    /// <summary>This instance's replica: sequence number and state hash.</summary>
    public (long Seq, string Hash) Replica() => Host.Read(b => (b.Seq, b.StateHash()));

    /// <summary>Facilitator moves the board forward <paramref name="steps"/> phases.</summary>
    public async Task AdvanceAsync(int steps = 1)
    {
        for (var i = 0; i < steps; i++)
        {
            var ack = await Facilitator.SubmitAsync(new { type = "advancePhase" });
            Assert.Equal("accepted", ack.Status);
        }
    }

    public static object Note(string id, string kind, string text) => kind is "event" or "signal"
        ? new { type = "addNote", noteId = id, kind, text, occurredAt = (string?)"2026-03-03T16:47:00Z", position = 1.0 }
        : new { type = "addNote", noteId = id, kind, text, occurredAt = (string?)null, position = 1.0 };

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }
}

public static class JsonExtensions
{
    public static string? Str(this JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

public static class AckExtensions
{
    /// <summary>Asserts the ack is accepted, showing the rejection otherwise.</summary>
    public static Ack Accepted(this Ack ack)
    {
        Assert.True(ack.Status == "accepted", $"expected accepted, got {ack.Status} {ack.Code}: {ack.Message}");
        return ack;
    }
}
