using System.Text.Json;
using PostMortem.Core.Protocol;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.BoardLog.Tests.Cluster;

/// <summary>A participant's live connection to one instance, with the join it started from.</summary>
internal sealed record Seat(string Name, string ParticipantId, string Token, HubTestClient Client, JsonElement Join, ServerProcess Instance);

/// <summary>A fresh board created on one instance, with participants seated on the instances the test chooses.</summary>
internal sealed class ClusterBoard : IAsyncDisposable
{
    private readonly List<HubTestClient> _clients = [];

    private ClusterBoard(CreateBoardResponse board) => Board = board;

    public CreateBoardResponse Board { get; }

    public string BoardId => Board.BoardId;

    public static async Task<ClusterBoard> CreateAsync(ServerProcess on)
    {
        using var api = new ApiClient(on.Http());
        return new ClusterBoard(await api.CreateBoardAsync());
    }

    /// <summary>The facilitator (the board's creator) connected to <paramref name="on"/>.</summary>
    public Task<Seat> SeatFacilitatorAsync(ServerProcess on) => SeatAsync("facilitator", Board.ParticipantId, Board.Token, on);

    /// <summary>Joins a new participant over HTTP on <paramref name="joinVia"/> and connects it to <paramref name="on"/>.</summary>
    public async Task<Seat> SeatParticipantAsync(string name, ServerProcess joinVia, ServerProcess on)
    {
        using var api = new ApiClient(joinVia.Http());
        var joined = await api.JoinAsync(Board, name);
        return await SeatAsync(name, joined.ParticipantId, joined.Token, on);
    }

    /// <summary>Connects and joins (with <paramref name="lastSeq"/> when reconnecting).</summary>
    public async Task<Seat> SeatAsync(string name, string participantId, string token, ServerProcess on, long? lastSeq = null)
    {
        var client = await HubTestClient.ConnectAsync(on.BaseAddress, token, $"{name}@{on.Name}");
        _clients.Add(client);
        var join = await client.JoinAsync(BoardId, lastSeq);
        return new Seat(name, participantId, token, client, join, on);
    }

    /// <summary>
    /// Every seat has applied up to <paramref name="seq"/>; each one's live model (join snapshot + the
    /// entries' events) equals what a fresh join of the same participant shows on every instance, and all
    /// seats saw the same entries (seq, op, type, status) where they overlap.
    /// </summary>
    public async Task AssertConvergedAsync(IReadOnlyList<Seat> seats, long seq, params ServerProcess[] instances)
    {
        foreach (var seat in seats)
        {
            await seat.Client.WaitForSeqAsync(seq);
        }

        var lines = new Dictionary<long, string>();
        foreach (var seat in seats)
        {
            var live = ClientBoardModel.FromJoin(seat.Join);
            live.ApplyAll(seat.Client.Entries.Where(e => e.GetProperty("seq").GetInt64() <= seq));
            Assert.Equal(seq, live.Seq);
            foreach (var instance in instances)
            {
                var fresh = await HubTestClient.ConnectAsync(instance.BaseAddress, seat.Token, $"{seat.Name}-check@{instance.Name}");
                _clients.Add(fresh);
                var snapshot = ClientBoardModel.FromJoin(await fresh.JoinAsync(BoardId));
                Assert.Equal(seq, snapshot.Seq);
                Assert.Equal(snapshot.Fingerprint(), live.Fingerprint());
            }

            foreach (var entry in seat.Client.Entries)
            {
                // "status" is left out when accepted (docs/PROTOCOL.md).
                var status = entry.TryGetProperty("status", out var s) ? s.GetString() : "accepted";
                var line = $"{entry.GetProperty("clientOpId").GetString()} {entry.GetProperty("actorId").GetString()} {status}";
                var at = entry.GetProperty("seq").GetInt64();
                if (lines.TryGetValue(at, out var seen))
                {
                    Assert.Equal(seen, line);
                }
                else
                {
                    lines.Add(at, line);
                }
            }
        }
    }

    public static object Note(string id, string text) =>
        new { type = "addNote", noteId = id, kind = "event", text, occurredAt = "2026-03-03T16:47:00Z", position = 1.0 };

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }
}
