using System.Reflection;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using static PostMortem.Core.Tests.TestBoard;

namespace PostMortem.Core.Tests;

/// <summary>
/// Refusals speak to people (issue 13, fix 7): every rejection's message is a sentence a client shows as it is, every
/// code has one, and the controls Core would refuse are ones the affordances tell a client not to offer.
/// </summary>
public sealed class RefusalTests
{
    public static TheoryData<string> AllCodes()
    {
        var data = new TheoryData<string>();
        foreach (var type in (Type[])[typeof(RejectionCodes), typeof(ServerCodes)])
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
            {
                data.Add((string)field.GetValue(null)!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void EveryRejectionCodeHasASentenceThatIsNotTheCode(string code)
    {
        var sentence = RejectionCodes.Sentence(code);

        Assert.True(DerivedFiguresTests.IsSentence(sentence, code), $"{code}: \"{sentence}\"");
        Assert.DoesNotContain('_', sentence);
        Assert.NotEqual(RejectionCodes.Sentence("no_such_code"), sentence);
    }

    [Theory]
    [MemberData(nameof(RejectionTableTests.CaseNames), MemberType = typeof(RejectionTableTests))]
    public void EveryRejectionTheBoardGivesIsASentenceWithoutItsCode(string name)
    {
        var c = Array.Find(RejectionTableTests.Cases, x => x.Name == name)!;
        var t = c.Board?.Invoke() ?? RejectionTableTests.Baseline();
        c.Setup?.Invoke(t);

        t.Rejected(c.Actor, c.Command);
        var outcome = t.Applied[^1].Outcome;

        Assert.True(DerivedFiguresTests.IsSentence(outcome.Message, outcome.Code!), $"{name}: \"{outcome.Message}\"");
    }

    [Fact]
    public void AClosedPhaseSaysWhyInWordsExactlyWhenTheViewerMayAddNothingThere()
    {
        var t = Started();
        t.AdvanceTo(Phase.Timeline);
        string? Reason(string viewer) => t.Board.AffordancesFor(viewer).ClosedReason(Phase.Timeline);
        bool MayAddToTimeline(string viewer) => t.Board.AffordancesFor(viewer).AddableNoteKinds.Contains(NoteKind.Event);

        Assert.Null(Reason(Alice));
        Assert.True(MayAddToTimeline(Alice));
        Assert.Equal("You are reading this board: it is read-only for you.", Reason(Reader));

        t.Ok(Facilitator, new LockPhase(Phase.Timeline));
        Assert.Equal("This phase is locked by the facilitator.", Reason(Alice));
        Assert.False(MayAddToTimeline(Alice));

        t.Ok(Facilitator, new RemoveParticipant(Bob));
        Assert.Equal("You were removed from this board: it is read-only for you.", Reason(Bob));

        t.Ok(Facilitator, new UnlockPhase(Phase.Timeline));
        t.Ok(Facilitator, new LockBoard());
        Assert.Equal("The board is locked: it is read-only now.", Reason(Alice));
        Assert.False(MayAddToTimeline(Alice));
    }

    [Fact]
    public void TheFacilitatorIsOfferedToRemoveAndHandOverToExactlyThosePeopleCoreAccepts()
    {
        var t = Started();
        t.Ok("carol", new Join("Carol"));
        t.Ok("carol", new Leave());
        t.Ok("dan", new Join("Dan"));
        t.Ok(Facilitator, new RemoveParticipant("dan"));
        var fac = t.Board.AffordancesFor(Facilitator);

        Assert.Equal([Alice, Bob, "carol"], fac.RemovableParticipants);
        Assert.Equal([Alice, Bob], fac.HandOverCandidates);
        foreach (var id in (string[])[Facilitator, Alice, Bob, "carol", "dan"])
        {
            Assert.Equal(fac.Allows(new RemoveParticipant(id)), t.Board.Decide(Facilitator, "r-" + id, new RemoveParticipant(id), t.Now).Kind == DecisionKind.Append);
            Assert.Equal(fac.Allows(new HandOver(id)), t.Board.Decide(Facilitator, "h-" + id, new HandOver(id), t.Now).Kind == DecisionKind.Append);
        }

        Assert.Empty(t.Board.AffordancesFor(Alice).RemovableParticipants);
        Assert.Empty(t.Board.AffordancesFor(Alice).HandOverCandidates);
    }

    [Fact]
    public void AKeyMomentIsOfferedOnlyOnATimedEventOrSignal()
    {
        var t = Started();
        t.AdvanceTo(Phase.Timeline);
        t.Ok(Alice, new AddNote("timed", NoteKind.Event, "API change deployed", Incident));
        t.Ok(Alice, new AddNote("untimed", NoteKind.Event, "Someone noticed"));
        t.Ok(Alice, new AddNote("parked", NoteKind.ParkingLot, "Why no alert?"));
        var alice = t.Board.AffordancesFor(Alice);

        foreach (var note in t.Board.ViewFor(Alice).Notes)
        {
            var decided = t.Board.Decide(Alice, "k-" + note.Id, new MarkKeyMoment(note.Id, KeyMoment.Trigger), t.Now).Kind == DecisionKind.Append;
            Assert.Equal(decided, alice.MayMarkKeyMoment(note));
        }

        Assert.True(alice.MayMarkKeyMoment(t.State.Notes["timed"]));
    }

    [Theory]
    [InlineData("Bob Smith", true)]
    [InlineData("the backend team", false)]
    [InlineData("", false)]
    public void AnOwnerIsOfferedOnlyWhenCoreWouldTakeThem(string owner, bool person)
    {
        var t = Started();
        t.Ok(Alice, new AddNote("a1", NoteKind.Action, "Contract test"));

        var decided = t.Board.Decide(Alice, "o1", new SetActionDetails("a1", Owner: owner), t.Now).Kind == DecisionKind.Append;

        Assert.Equal(person, Affordances.MayOwnAction(owner));
        Assert.Equal(decided, Affordances.MayOwnAction(owner));
    }

    [Fact]
    public void TimerControlsAreOfferedOnlyInTheStateCoreAcceptsThem()
    {
        var t = Started();
        var fac = () => t.Board.AffordancesFor(Facilitator);
        var timer = () => t.State.Meta.Timer;
        Assert.False(fac().MayPauseTimer(timer()) || fac().MayResumeTimer(timer()) || fac().MayExtendTimer(timer()));
        Assert.Equal(RejectionCodes.TimerNotRunning, t.Rejected(Facilitator, new PauseTimer()));

        t.Ok(Facilitator, new StartTimer(60));
        Assert.True(fac().MayPauseTimer(timer()) && fac().MayExtendTimer(timer()));
        Assert.False(fac().MayResumeTimer(timer()));
        Assert.False(t.Board.AffordancesFor(Alice).MayPauseTimer(timer()));

        t.Ok(Facilitator, new PauseTimer());
        Assert.True(fac().MayResumeTimer(timer()));
        Assert.False(fac().MayPauseTimer(timer()));
        Assert.Equal(RejectionCodes.TimerNotRunning, t.Rejected(Facilitator, new PauseTimer()));
    }

    [Fact]
    public void NoVotesLeftIsNotOfferedAndSaysHowToVoteAgain()
    {
        var t = Started();
        t.Ok(Alice, new AddNote("a1", NoteKind.Action, "Contract test"));
        t.AdvanceTo(Phase.Actions);
        for (var i = 0; i < BoardDefaults.VotesPerParticipant; i++)
        {
            t.Ok(Alice, new CastVote("a1"));
        }

        Assert.False(t.Board.AffordancesFor(Alice).Allows(new CastVote("a1")));
        Assert.Equal(RejectionCodes.NoVotesLeft, t.Rejected(Alice, new CastVote("a1")));
        Assert.Equal("You have used all 3 of your votes; take one back to vote again.", t.Applied[^1].Outcome.Message);
    }
}
