using System.Text.Json;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;

namespace PostMortem.Core.Tests;

/// <summary>
/// A client's copy of the board (<see cref="ViewReplica"/>): a Join snapshot plus every later entry's events, as the
/// viewer receives them, is the view a fresh Join gives (docs/PROTOCOL.md 3.4, R2, R8, R18).
/// </summary>
public sealed class ViewReplicaTests
{
    private static readonly string[] Viewers = ["fran", "priya", "sam", "lee"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(12)]
    [InlineData(30)]
    [InlineData(55)]
    [InlineData(60)]
    public void EveryViewerReplayingTheWorkedExampleFromAnySeqHasTheFreshViewAfterEveryEntry(int from)
    {
        var played = WorkedExampleTests.Play();
        Assert.True(from < played.Log.Count, $"the worked example has {played.Log.Count} entries");
        foreach (var viewer in Viewers)
        {
            var replay = Board.Empty(played.Board.BoardId);
            foreach (var entry in played.Log.Take(from))
            {
                replay.Apply(entry);
            }

            var replica = new ViewReplica(replay.ViewFor(viewer));
            foreach (var entry in played.Log.Skip(from))
            {
                var result = replay.Apply(entry);
                replica.Apply(entry.Seq, entry.At, result.Outcome.IsAccepted, Board.EventsFor(viewer, result.Events));
                Assert.True(Json(replay.ViewFor(viewer)) == Json(replica.View), $"{viewer} from seq {from} differs after entry {entry.Seq} ({entry.Command.GetType().Name})");
            }

            Assert.Equal(Json(played.Board.ViewFor(viewer)), Json(replica.View));
        }
    }

    [Fact]
    public void HandOverRemovalAndRejoinKeepEveryoneIncludingTheNewFacilitatorEqualToAFreshView()
    {
        var t = TestBoard.Started();
        var start = t.Board.Seq;
        var replicas = new[] { TestBoard.Facilitator, TestBoard.Alice, TestBoard.Bob }.ToDictionary(v => v, v => new ViewReplica(t.Board.ViewFor(v)));
        t.AdvanceTo(Phase.Timeline);
        t.Ok(TestBoard.Alice, new AddNote("n1", NoteKind.Event, "deployed", TestBoard.Incident));
        t.Ok(TestBoard.Bob, new AddNote("n0", NoteKind.Event, "earlier id, later note", TestBoard.Incident));
        t.Ok(TestBoard.Facilitator, new HandOver(TestBoard.Alice));
        t.Rejected(TestBoard.Facilitator, new AdvancePhase());
        t.Ok(TestBoard.Alice, new EditNote("n0", "edited by the new facilitator"));
        t.Ok(TestBoard.Bob, new Leave());
        t.Ok(TestBoard.Bob, new Join("Bob again"));
        t.Ok(TestBoard.Alice, new DeleteNote("n1"));

        foreach (var result in t.Applied.Where(r => r.Entry.Seq > start))
        {
            foreach (var (viewer, replica) in replicas)
            {
                replica.Apply(result.Entry.Seq, result.Entry.At, result.Outcome.IsAccepted, Board.EventsFor(viewer, result.Events));
            }
        }

        Assert.Equal(Role.Facilitator, replicas[TestBoard.Alice].View.Role);
        Assert.Equal(["n0"], replicas[TestBoard.Bob].View.Notes.Select(n => n.Id));
        foreach (var (viewer, replica) in replicas)
        {
            Assert.Equal(Json(t.Board.ViewFor(viewer)), Json(replica.View));
        }
    }

    [Fact]
    public void AnEntryOutOfOrderIsRefusedAndLeavesTheViewAsItWas()
    {
        var t = TestBoard.Started();
        var replica = new ViewReplica(t.Board.ViewFor(TestBoard.Alice));
        var before = Json(replica.View);
        Assert.Throws<InvalidOperationException>(() => replica.Apply(t.Board.Seq + 2, t.Now, accepted: true, []));
        Assert.Throws<InvalidOperationException>(() => replica.Apply(t.Board.Seq, t.Now, accepted: true, []));
        Assert.Equal(before, Json(replica.View));
    }

    [Fact]
    public void ARejectedEntryMovesOnlyTheSeq()
    {
        var t = TestBoard.Started();
        var replica = new ViewReplica(t.Board.ViewFor(TestBoard.Alice));
        var updatedAt = replica.View.Meta.UpdatedAt;
        t.Rejected(TestBoard.Alice, new AdvancePhase());
        var rejected = t.Applied[^1];
        replica.Apply(rejected.Entry.Seq, rejected.Entry.At, accepted: false, rejected.Events);
        Assert.Equal(t.Board.Seq, replica.Seq);
        Assert.Equal(t.Board.Seq, replica.View.Meta.Seq);
        Assert.Equal(updatedAt, replica.View.Meta.UpdatedAt);
        Assert.Equal(Json(t.Board.ViewFor(TestBoard.Alice)), Json(replica.View));
    }

    private static string Json(BoardView view) => JsonSerializer.Serialize(view, CoreJsonContext.Default.BoardView);
}
