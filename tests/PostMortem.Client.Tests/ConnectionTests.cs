using Microsoft.AspNetCore.SignalR;
using PostMortem.Client.Tests.Fakes;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using static PostMortem.Client.Tests.Fakes.EngineTestKit;

namespace PostMortem.Client.Tests;

/// <summary>Fatal against retryable (R15, docs/PROTOCOL.md 5.1), backoff with the TimeProvider, and the server clock offset (R12).</summary>
public sealed class ConnectionTests
{
    private static AddNote Note(string id, string text) => new(id, NoteKind.Event, text, new DateTimeOffset(2026, 3, 3, 16, 47, 0, TimeSpan.Zero));

    [Fact]
    public async Task AFatalMessageStopsForGoodSaysWhyAndSettlesWhatWasQueued()
    {
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();
        transport.Mute = true;
        transport.HoldSubmits = true;
        var queued = engine.Submit(Note("n1", "never confirmed"));
        SyncFailure? stopped = null;
        engine.Stopped += f => stopped = f;

        transport.SendFatal(RejectionCodes.ParticipantRemoved, "The facilitator removed you from this board.");
        transport.Drop();
        var result = await queued.Result.WaitAsync(WaitLimit);

        Assert.Equal(ConnectionStatus.Stopped, engine.Status);
        Assert.Equal(RejectionCodes.ParticipantRemoved, engine.Failure!.Code);
        Assert.Equal(engine.Failure, stopped);
        Assert.Equal((AckStatus.Rejected, RejectionCodes.ParticipantRemoved), (result.Status, result.Code));
        var starts = transport.Starts;
        kit.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(starts, transport.Starts);
        Assert.Null(await kit.Storage.GetItemAsync($"pm:queue:{kit.Server.BoardId}:{FakeBoardServer.Alice}"));
        Assert.Equal(RejectionCodes.ParticipantRemoved, (await engine.Submit(Note("n2", "after")).Result.WaitAsync(WaitLimit)).Code);
    }

    [Fact]
    public async Task AFatalHandledAfterTheCloseWasReportedStillStopsTheReconnect()
    {
        // R15: the .NET client may raise Closed before it runs the handler of the fatal message that came first.
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();
        transport.RefuseStart = new HttpRequestException("closed by the server");
        transport.Drop();
        await Until(engine, () => engine.Status == ConnectionStatus.Reconnecting, "reconnecting");

        transport.SendFatal(RejectionCodes.Unauthorized, "token expired");
        transport.RefuseStart = null;
        var starts = transport.Starts;
        kit.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(ConnectionStatus.Stopped, engine.Status);
        Assert.Equal(RejectionCodes.Unauthorized, engine.Failure!.Code);
        Assert.Equal(starts, transport.Starts);
    }

    [Fact]
    public async Task ARetryableFatalMessageOrALostConnectionReconnectsWithBackoffAndCatchesUp()
    {
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();
        var statuses = new List<ConnectionStatus>();
        engine.StatusChanged += s => { lock (statuses) { statuses.Add(s); } };
        transport.RefuseStart = new HttpRequestException("connection refused");

        transport.SendFatal(ServerCodes.Unavailable, "the board is reloading");
        transport.Drop(new IOException("socket closed"));
        // Delays 0, 1 s, 2 s (then 2 s again): the first attempt is at once, and failed.
        Assert.Equal(2, transport.Starts);
        kit.Time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(2, transport.Starts);
        kit.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(3, transport.Starts);
        Assert.Equal(ConnectionStatus.Offline, engine.Status);

        kit.Server.Append(FakeBoardServer.Bob, Note("n1", "while away"));
        transport.RefuseStart = null;
        kit.Time.Advance(TimeSpan.FromSeconds(2));
        await Until(engine, () => engine.Status == ConnectionStatus.Connected, "connected again");

        Assert.Equal(4, transport.Starts);
        Assert.Null(engine.Failure);
        Assert.Equal([ConnectionStatus.Reconnecting, ConnectionStatus.Offline, ConnectionStatus.Connected], statuses);
        Assert.Equal(kit.Server.Board.Seq - 1, transport.Joins[^1].LastSeq);
        Assert.Equal(kit.Server.ViewJson(FakeBoardServer.Alice), Json(engine));
    }

    [Fact]
    public async Task AJoinRefusedAsUnavailableIsRetriedAndOneRefusedForANonexistentBoardStops()
    {
        var kit = new EngineTestKit();
        var transport = kit.Server.Connect(FakeBoardServer.Alice);
        await using var engine = kit.Engine(transport);
        transport.JoinFailure = new HubException("An unexpected error occurred invoking 'Join' on the server. HubException: unavailable: the board is loading");

        await engine.StartAsync().WaitAsync(WaitLimit);
        // The first attempt and the immediate retry were refused; the next waits a second.
        Assert.Equal(2, transport.Joins.Count);
        Assert.Equal(ConnectionStatus.Reconnecting, engine.Status);
        Assert.False(transport.Connected);

        transport.JoinFailure = new HubException("An unexpected error occurred invoking 'Join' on the server. HubException: board_not_found: no such board");
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        await Until(engine, () => engine.Status == ConnectionStatus.Stopped, "stopped");

        Assert.Equal((RejectionCodes.BoardNotFound, "no such board"), (engine.Failure!.Code, engine.Failure.Message));
        Assert.Equal(3, transport.Joins.Count);
    }

    [Fact]
    public async Task TheClockOffsetComesFromTheSampleWithTheShortestRoundTrip()
    {
        var kit = new EngineTestKit();
        var transport = kit.Server.Connect(FakeBoardServer.Alice);
        await using var engine = kit.Engine(transport);
        transport.ServerAhead = TimeSpan.FromMinutes(5);
        transport.PingRoundTrip = TimeSpan.FromSeconds(4);

        await engine.StartAsync().WaitAsync(WaitLimit);
        await Until(engine, () => engine.ClockOffset != TimeSpan.Zero, "a clock sample");
        // The Join and the first ping took 4 s each but were symmetric: the offset is the server's lead.
        Assert.Equal(TimeSpan.FromMinutes(5), engine.ClockOffset);

        // A later, faster sample says the lead is 5 min 1 s; an even later but slower one says 5 min 10 s.
        transport.ServerAhead = TimeSpan.FromSeconds(301);
        transport.PingRoundTrip = TimeSpan.FromMilliseconds(100);
        kit.Time.Advance(TimeSpan.FromSeconds(30));
        transport.ServerAhead = TimeSpan.FromSeconds(310);
        transport.PingRoundTrip = TimeSpan.FromSeconds(6);
        kit.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(301), engine.ClockOffset);
        Assert.Equal(kit.Time.GetUtcNow() + TimeSpan.FromSeconds(301), engine.ServerNow());
    }

    [Fact]
    public async Task PresenceOfOthersIsPassedOnAndOurOwnIsNot()
    {
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();
        var seen = new List<string>();
        engine.PresenceReceived += u => seen.Add(u.ParticipantId);

        transport.DeliverPresence(new PresenceBatch([new PresenceUpdate(FakeBoardServer.Bob, "cursor", 1, 2, null), new PresenceUpdate(FakeBoardServer.Alice, "cursor", 3, 4, null)]));

        Assert.Equal([FakeBoardServer.Bob], seen);
    }

    [Fact]
    public async Task PresenceLeavesAtMostOncePerIntervalAndTheLatestWins()
    {
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();

        engine.SendPresence(new PresenceRequest("cursor", 1, 1, null));
        engine.SendPresence(new PresenceRequest("cursor", 2, 2, null));
        engine.SendPresence(new PresenceRequest("cursor", 3, 3, null));
        Assert.Equal([1.0], transport.PresenceSent.Select(p => p.X!.Value));
        kit.Time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Single(transport.PresenceSent);
        kit.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([1.0, 3.0], transport.PresenceSent.Select(p => p.X!.Value));

        transport.RefuseStart = new HttpRequestException("offline");
        transport.Drop();
        engine.SendPresence(new PresenceRequest("cursor", 4, 4, null));
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, transport.PresenceSent.Count);
    }
}
