using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using PostMortem.Server.Boards;

namespace PostMortem.Server.Tests;

/// <summary>An entry is encoded once per distinct form that Core's visibility gives its viewers, and those bytes
/// are shared by every viewer with that form (issue "close to the floor": serialise once).</summary>
public sealed class EntryEncodingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ViewersWhoGetTheSameEventsShareOneEncodingAndTheAuthorGetsTheirOwn()
    {
        var (_, added) = BoardWith(board => board.Apply(new LogEntry(board.Seq + 1, T0.AddMinutes(1), "alice", "op-note",
            new AddNote("n1", NoteKind.Event, "API change deployed", T0))));

        var forAlice = added.MessageFor("alice");
        var forBob = added.MessageFor("bob");
        var forCarol = added.MessageFor("carol");

        // Alice's own affordances (she may now edit n1) are hers alone; Bob and Carol get the same bytes, once.
        Assert.Contains("\"affordances\"", forAlice.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"affordances\"", forBob.ToString(), StringComparison.Ordinal);
        Assert.Same(forBob, forCarol);
        Assert.NotSame(forAlice, forBob);
        Assert.Equal(2, added.FormCount);
        Assert.Same(forAlice, added.MessageFor("alice"));
    }

    [Fact]
    public void AnEntryEveryoneSeesAlikeIsEncodedOnce()
    {
        var (board, _) = BoardWith(board => board.Apply(new LogEntry(board.Seq + 1, T0.AddMinutes(1), "alice", "op-note",
            new AddNote("n1", NoteKind.Event, "API change deployed", T0))));
        var edited = AppliedEntry.Create(board.Apply(new LogEntry(board.Seq + 1, T0.AddMinutes(2), "alice", "op-edit",
            new EditNote("n1", "API change deployed at 16:47"))));

        Assert.False(edited.HasPrivateEvents);
        Assert.Same(edited.MessageFor("alice"), edited.MessageFor("bob"));
        Assert.Equal(1, edited.FormCount);
    }

    [Fact]
    public void OnAnAnonymousBoardEveryoneButTheAuthorSharesOneEncodingWithoutTheActor()
    {
        var (board, _) = BoardWith(board => board.Apply(new LogEntry(board.Seq + 1, T0.AddMinutes(1), "alice", "op-note",
            new AddNote("n1", NoteKind.Event, "API change deployed", T0))), anonymous: [Phase.Timeline]);
        var edited = AppliedEntry.Create(board.Apply(new LogEntry(board.Seq + 1, T0.AddMinutes(2), "alice", "op-edit",
            new EditNote("n1", "API change deployed at 16:47"))));

        var forAlice = edited.MessageFor("alice").ToString();
        var forBob = edited.MessageFor("bob");

        // Claim 48: the actor and the author are Alice's alone; Bob, Carol and the facilitator share the masked bytes.
        Assert.Contains("\"actorId\":\"alice\"", forAlice, StringComparison.Ordinal);
        Assert.Contains("\"authorId\":\"alice\"", forAlice, StringComparison.Ordinal);
        Assert.Contains("\"actorId\":\"\"", forBob.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("alice", forBob.ToString(), StringComparison.Ordinal);
        Assert.Same(forBob, edited.MessageFor("carol"));
        Assert.Same(forBob, edited.MessageFor("fac"));
        Assert.Equal(2, edited.FormCount);
    }

    /// <summary>The facilitator, Alice, Bob and Carol on the timeline, then <paramref name="last"/>.</summary>
    private static (Board Board, AppliedEntry Last) BoardWith(Func<Board, ApplyResult> last, IReadOnlyList<Phase>? anonymous = null)
    {
        var board = Board.Empty("0123456789abcdef0123456789abcdef");
        var seq = 0L;
        void Do(string actor, string op, BoardCommand command) => board.Apply(new LogEntry(++seq, T0.AddSeconds(seq), actor, op, command));
        Do("fac", "create", new CreateBoard("Pause subscription broke reconciliation", T0, IncidentType.Integration, 2, "Fran", AnonymousPhases: anonymous));
        Do("alice", "join", new Join("Alice"));
        Do("bob", "join", new Join("Bob"));
        Do("carol", "join", new Join("Carol"));
        Do("fac", "op-adv", new AdvancePhase());
        return (board, AppliedEntry.Create(last(board)));
    }
}
