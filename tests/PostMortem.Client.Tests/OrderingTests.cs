using PostMortem.Client.Tests.Fakes;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using static PostMortem.Client.Tests.Fakes.EngineTestKit;

namespace PostMortem.Client.Tests;

/// <summary>Entries are applied strictly in seq order: early ones wait, seen ones are ignored, a gap rejoins (R2, R4, R16).</summary>
public sealed class OrderingTests
{
    private static AddNote Note(string id, string text) => new(id, NoteKind.Event, text, new DateTimeOffset(2026, 3, 3, 16, 47, 0, TimeSpan.Zero));

    [Fact]
    public async Task JoinSnapshotPlusLaterEntriesIsTheViewTheServerHasForThisViewer()
    {
        var kit = new EngineTestKit();
        var (engine, _) = await kit.JoinedAsync();
        Assert.Equal(kit.Server.ViewJson(FakeBoardServer.Alice), Json(engine));

        kit.Server.Append(FakeBoardServer.Bob, Note("n1", "API change deployed"));
        kit.Server.Append(FakeBoardServer.Facilitator, new MarkKeyMoment("n1", KeyMoment.Trigger));
        kit.Server.Append(FakeBoardServer.Facilitator, new LockPhase(Phase.Timeline));

        Assert.Equal(kit.Server.Board.Seq, engine.LastSeq);
        Assert.Equal(kit.Server.ViewJson(FakeBoardServer.Alice), Json(engine));
    }

    [Fact]
    public async Task EntriesThatArriveEarlyWaitForTheMissingOneThenApplyInOrder()
    {
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();
        var start = engine.LastSeq;
        transport.Mute = true;
        kit.Server.Append(FakeBoardServer.Bob, Note("n1", "first"));
        kit.Server.Append(FakeBoardServer.Bob, new EditNote("n1", "first, edited"));
        kit.Server.Append(FakeBoardServer.Bob, Note("n2", "second"));
        var before = Json(engine);

        transport.Deliver(kit.Server.EntryFor(FakeBoardServer.Alice, start + 3));
        transport.Deliver(kit.Server.EntryFor(FakeBoardServer.Alice, start + 2));
        Assert.Equal(start, engine.LastSeq);
        Assert.Equal(before, Json(engine));

        transport.Deliver(kit.Server.EntryFor(FakeBoardServer.Alice, start + 1));
        Assert.Equal(start + 3, engine.LastSeq);
        Assert.Equal(["first, edited", "second"], engine.View!.Notes.Select(n => n.Text));
        Assert.Equal(kit.Server.ViewJson(FakeBoardServer.Alice), Json(engine));
        Assert.Single(transport.Joins);
    }

    [Fact]
    public async Task AnEntryAtOrBelowTheAppliedSeqIsIgnored()
    {
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();
        kit.Server.Append(FakeBoardServer.Bob, Note("n1", "kept"));
        var applied = kit.Server.EntryFor(FakeBoardServer.Alice, engine.LastSeq);
        var seen = Json(engine);

        // The same seq again, now claiming to remove the note: it was applied once already.
        transport.Deliver(applied with { Events = [new Core.NoteRemoved("n1")] });
        Assert.Equal(seen, Json(engine));
    }

    [Fact]
    public async Task AGapThatDoesNotFillInTimeRejoinsWithLastSeqAndCatchesUp()
    {
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();
        kit.Server.Append(FakeBoardServer.Bob, Note("n1", "one"));
        var lastSeen = engine.LastSeq;
        transport.Mute = true;
        kit.Server.Append(FakeBoardServer.Bob, Note("n2", "lost on the way"));
        transport.Mute = false;
        kit.Server.Append(FakeBoardServer.Bob, Note("n3", "three"));
        Assert.Equal(lastSeen, engine.LastSeq);

        kit.Time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Single(transport.Joins);
        kit.Time.Advance(TimeSpan.FromMilliseconds(1));
        await Until(engine, () => engine.LastSeq == kit.Server.Board.Seq, "caught up");

        Assert.Equal(2, transport.Joins.Count);
        Assert.Equal(new JoinRequest(kit.Server.BoardId, lastSeen), transport.Joins[1]);
        Assert.Equal(kit.Server.ViewJson(FakeBoardServer.Alice), Json(engine));
    }

    [Fact]
    public async Task AGapThatFillsBeforeTheTimeoutDoesNotRejoin()
    {
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();
        transport.Mute = true;
        kit.Server.Append(FakeBoardServer.Bob, Note("n1", "one"));
        kit.Server.Append(FakeBoardServer.Bob, Note("n2", "two"));
        transport.Deliver(kit.Server.EntryFor(FakeBoardServer.Alice, kit.Server.Board.Seq));
        kit.Time.Advance(TimeSpan.FromMilliseconds(500));
        transport.Deliver(kit.Server.EntryFor(FakeBoardServer.Alice, kit.Server.Board.Seq - 1));
        kit.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Single(transport.Joins);
        Assert.Equal(kit.Server.Board.Seq, engine.LastSeq);
    }

    [Fact]
    public async Task ARejoinAnsweredWithASnapshotReplacesTheViewAndDropsWhatItCovers()
    {
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();
        transport.ForceSnapshot = true;
        transport.Mute = true;
        kit.Server.Append(FakeBoardServer.Bob, Note("n1", "trimmed from the server's memory"));
        transport.Mute = false;
        kit.Server.Append(FakeBoardServer.Bob, Note("n2", "pushed"));

        kit.Time.Advance(TimeSpan.FromSeconds(1));
        await Until(engine, () => engine.LastSeq == kit.Server.Board.Seq, "caught up");
        Assert.Equal(kit.Server.ViewJson(FakeBoardServer.Alice), Json(engine));
        Assert.NotNull(transport.Joins[1].LastSeq);
        kit.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, transport.Joins.Count);
    }

    [Fact]
    public async Task EntriesPushedWhileAJoinIsOnItsWayWaitForItsAnswer()
    {
        // R16: the server may push entries before the Join result that subscribed to them.
        var kit = new EngineTestKit();
        var transport = kit.Server.Connect(FakeBoardServer.Alice);
        var engine = kit.Engine(transport);
        kit.Server.Append(FakeBoardServer.Bob, Note("n1", "before the join"));
        var early = kit.Server.EntryFor(FakeBoardServer.Alice, kit.Server.Board.Seq);

        // Pushed before the engine has any view: kept, then found covered by the snapshot.
        transport.Deliver(early);
        await engine.StartAsync().WaitAsync(WaitLimit);
        await Until(engine, () => engine.Status == ConnectionStatus.Connected, "connected");
        Assert.Equal(kit.Server.ViewJson(FakeBoardServer.Alice), Json(engine));
        Assert.Single(engine.View!.Notes);
    }
}
