using PostMortem.Client.Internal;
using PostMortem.Client.Tests.Fakes;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using static PostMortem.Client.Tests.Fakes.EngineTestKit;

namespace PostMortem.Client.Tests;

/// <summary>Commands made while offline, or whose answer was lost, are sent once on return — after a page reload too (R3, invariant 2).</summary>
public sealed class OfflineQueueTests
{
    private static AddNote Note(string id, string text) => new(id, NoteKind.Event, text, new DateTimeOffset(2026, 3, 3, 16, 47, 0, TimeSpan.Zero));

    [Fact]
    public async Task CommandsMadeWhileOfflineAreSentOnceEachWhenTheConnectionReturns()
    {
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();
        transport.RefuseStart = new HttpRequestException("connection refused");
        transport.Drop();
        await Until(engine, () => engine.Status == ConnectionStatus.Reconnecting, "reconnecting");

        var a = engine.Submit(Note("a", "written offline"));
        var b = engine.Submit(Note("b", "also offline"));
        Assert.Empty(transport.Submits);
        Assert.Equal(2, engine.PendingCount);

        transport.RefuseStart = null;
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(a.Result, b.Result).WaitAsync(WaitLimit);

        Assert.Equal([a.ClientOpId, b.ClientOpId], transport.Submits.Select(s => s.ClientOpId));
        Assert.Equal(["written offline", "also offline"], engine.View!.Notes.Select(n => n.Text));
        Assert.Equal(kit.Server.ViewJson(FakeBoardServer.Alice), Json(engine));
        Assert.Null(await kit.Storage.GetItemAsync($"pm:queue:{kit.Server.BoardId}:{FakeBoardServer.Alice}"));
    }

    [Fact]
    public async Task ACommandWhoseAnswerWasLostWithTheConnectionIsResentWithItsClientOpIdAndAppliesOnce()
    {
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();
        transport.HoldSubmits = true;
        var submitted = engine.Submit(Note("n1", "reached the server"));
        transport.HoldSubmits = false;
        // The server applied it; the answer and the entry were lost with the line, and the catch-up is a snapshot
        // (a catch-up with entries would carry the sender's own entry, which settles it without a resend).
        // Reconnect is immediate.
        transport.ForceSnapshot = true;
        transport.Mute = true;
        transport.Drop();
        transport.Mute = false;

        var result = await submitted.Result.WaitAsync(WaitLimit);

        Assert.Equal(AckStatus.Duplicate, result.Status);
        Assert.Equal([submitted.ClientOpId, submitted.ClientOpId], transport.Submits.Select(s => s.ClientOpId));
        Assert.Single(kit.Server.Board.State.Notes);
        Assert.Single(engine.View!.Notes);
        Assert.Equal(kit.Server.ViewJson(FakeBoardServer.Alice), Json(engine));
    }

    [Fact]
    public async Task TheQueueSurvivesAReloadAndTheNextPageResendsItWithTheSameClientOpIdsEachApplyingOnce()
    {
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();
        // One command reaches the server but its answer is lost; the next is made after the line went dead.
        transport.HoldSubmits = true;
        var reached = engine.Submit(Note("n1", "reached the server"));
        transport.HoldSubmits = false;
        transport.RefuseStart = new HttpRequestException("offline");
        transport.Mute = true;
        transport.Drop();
        var offline = engine.Submit(Note("n2", "made offline"));
        Assert.Equal(2, engine.PendingCount);

        // The page reloads: this engine goes, a new one starts over the same storage on a new connection.
        await engine.DisposeAsync();
        var nextTransport = kit.Server.Connect(FakeBoardServer.Alice);
        await using var next = kit.Engine(nextTransport, opPrefix: "next-page");
        var settled = new List<CommandResult>();
        next.CommandSettled += r => { lock (settled) { settled.Add(r); } };
        await next.StartAsync().WaitAsync(WaitLimit);
        await Until(next, () => next.PendingCount == 0 && next.Status == ConnectionStatus.Connected, "the queue sent");

        Assert.Equal([reached.ClientOpId, offline.ClientOpId], nextTransport.Submits.Select(s => s.ClientOpId));
        Assert.Equal(
            [(reached.ClientOpId, AckStatus.Duplicate), (offline.ClientOpId, AckStatus.Accepted)],
            settled.OrderBy(r => r.ClientOpId, StringComparer.Ordinal).Select(r => (r.ClientOpId, r.Status)));
        Assert.Equal(["reached the server", "made offline"], next.View!.Notes.Select(n => n.Text));
        Assert.Equal(2, kit.Server.Board.State.Notes.Count);
        Assert.Equal(kit.Server.ViewJson(FakeBoardServer.Alice), Json(next));
        Assert.Null(await kit.Storage.GetItemAsync($"pm:queue:{kit.Server.BoardId}:{FakeBoardServer.Alice}"));
    }

    [Fact]
    public async Task GoingOfflineDropsTheConnectionAtOnceAndComingBackSendsTheQueue()
    {
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();

        engine.SetNetworkAvailable(false);
        Assert.Equal(ConnectionStatus.Offline, engine.Status);
        Assert.False(transport.Connected);
        var submitted = engine.Submit(Note("n1", "on the train"));
        Assert.Empty(transport.Submits);

        engine.SetNetworkAvailable(true);
        var result = await submitted.Result.WaitAsync(WaitLimit);

        Assert.Equal(AckStatus.Accepted, result.Status);
        Assert.Equal(ConnectionStatus.Connected, engine.Status);
        Assert.Single(transport.Submits);
    }

    [Fact]
    public async Task TwoOnlineSignalsWhileTheConnectionIsOnItsWayConnectOnceAndSendTheQueue()
    {
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();
        engine.SetNetworkAvailable(false);
        var submitted = engine.Submit(Note("n1", "on the train"));
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        transport.HoldStart = hold;

        // The browser's own "online" event and the page's (or the reconnect timer) arrive together.
        engine.SetNetworkAvailable(true);
        engine.SetNetworkAvailable(true);
        hold.SetResult();
        var result = await submitted.Result.WaitAsync(WaitLimit);

        Assert.Equal(AckStatus.Accepted, result.Status);
        Assert.Equal(ConnectionStatus.Connected, engine.Status);
        Assert.Equal(1, transport.MostStartsAtOnce);
        Assert.Single(transport.Submits);
    }

    [Fact]
    public void TheStoredQueueReadsBackEveryCommandAndSkipsWhatItCannotRead()
    {
        var written = QueueFormat.Write([new SubmitRequest("op-1", Note("n1", "one"), "b1"), new SubmitRequest("op-2", new CastVote("a1"), "b1")]);
        var damaged = written.Insert(1, """{"clientOpId":"op-0","command":{"type":"noSuchCommand"}},""");

        Assert.Equal(["op-1", "op-2"], QueueFormat.Read(damaged).Select(r => r.ClientOpId));
        Assert.Equal(Note("n1", "one"), QueueFormat.Read(written)[0].Command);
        Assert.Empty(QueueFormat.Read("not json"));
    }
}
