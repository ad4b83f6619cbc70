using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Tests.TestBoard;

namespace PostMortem.Core.Tests;

/// <summary>Figures the clients show and never work out themselves: readiness, ties, which way the meeting can move.</summary>
public sealed class DerivedFiguresTests
{
    [Fact]
    public void ReadinessCountsThePeopleHereAndStartsAgainWithEachPhase()
    {
        var t = Started();
        t.Ok(Alice, new SetReady(true));
        Assert.Equal((3, 1), (t.Board.ViewFor(Alice).Derived.Present, t.Board.ViewFor(Alice).Derived.Ready));

        t.Ok(Bob, new Leave());
        Assert.Equal((2, 1), (t.Board.ViewFor(Alice).Derived.Present, t.Board.ViewFor(Alice).Derived.Ready));

        t.Ok(Facilitator, new AdvancePhase());
        Assert.Equal((2, 0), (t.Board.ViewFor(Alice).Derived.Present, t.Board.ViewFor(Alice).Derived.Ready));
    }

    [Fact]
    public void RankedActionsWithAsManyVotesAsTheOneBeforeThemAreTies()
    {
        var t = Started();
        foreach (var id in (string[])["a1", "a2", "a3"])
        {
            t.Ok(Facilitator, new AddNote(id, NoteKind.Action, "action " + id));
        }

        t.AdvanceTo(Phase.Actions);
        t.Ok(Alice, new CastVote("a2"));
        t.Ok(Alice, new CastVote("a2"));
        t.Ok(Bob, new CastVote("a1"));
        t.Ok(Bob, new CastVote("a3"));
        Assert.Empty(t.Board.ViewFor(Alice).Derived.Ties); // nothing ranked before the reveal

        t.Ok(Facilitator, new RevealVotes());
        var derived = t.Board.ViewFor(Alice).Derived;

        Assert.Equal(["a2", "a1", "a3"], derived.Ranking);
        Assert.Equal(["a3"], derived.Ties);
    }

    [Fact]
    public void OnlyTheFacilitatorMayMoveTheMeetingAndOnlyWhereTheAgendaHasAPhase()
    {
        var t = Started(AgendaPreset.Sixty);
        var first = t.Board.AffordancesFor(Facilitator);
        Assert.False(first.MayGoBack);
        Assert.True(first.MayAdvance);
        Assert.False(t.Board.AffordancesFor(Alice).MayAdvance);

        t.AdvanceTo(Phase.Close);
        var last = t.Board.AffordancesFor(Facilitator);
        Assert.True(last.MayGoBack);
        Assert.False(last.MayAdvance);
        Assert.Equal(RejectionCodes.NoPhase, t.Rejected(Facilitator, new AdvancePhase()));
    }

    [Fact]
    public void AVoteMayBeTakenBackOnlyWhereTheViewerHasOne()
    {
        var t = Started();
        t.Ok(Facilitator, new AddNote("a1", NoteKind.Action, "action one"));
        t.Ok(Facilitator, new AddNote("a2", NoteKind.Action, "action two"));
        t.AdvanceTo(Phase.Actions);
        t.Ok(Alice, new CastVote("a1"));

        Assert.Equal(["a1"], t.Board.AffordancesFor(Alice).RetractableVotes);
        Assert.Equal(RejectionCodes.NoVoteToRetract, t.Rejected(Alice, new RetractVote("a2")));
        t.Ok(Alice, new RetractVote("a1"));
        Assert.Empty(t.Board.AffordancesFor(Alice).RetractableVotes);
    }

    [Fact]
    public void ActionsThatWouldSlipThroughToTheFollowUpListSayWhy()
    {
        var t = Started(); // the meeting's day: 2026-03-04
        foreach (var id in (string[])["idea", "chosen", "ownerOnly", "late", "fine"])
        {
            t.Ok(Alice, new AddNote(id, NoteKind.Action, "action " + id));
        }

        t.Ok(Facilitator, new ChooseAction("chosen", true));
        t.Ok(Alice, new SetActionDetails("ownerOnly", OwnerParticipantId: Bob));
        t.Ok(Alice, new SetActionDetails("late", OwnerParticipantId: Bob, DueDate: new DateOnly(2026, 3, 3)));
        t.Ok(Alice, new SetActionDetails("fine", OwnerParticipantId: Bob, DueDate: new DateOnly(2026, 3, 4)));

        var problems = t.Board.ViewFor(Alice).Derived.ActionProblems;

        Assert.Equal(["chosen", "late", "ownerOnly"], problems.Keys);
        Assert.Equal([ActionProblemCodes.NoOwner, ActionProblemCodes.NoDueDate], problems["chosen"].Select(p => p.Code));
        Assert.Equal([ActionProblemCodes.NoDueDate], problems["ownerOnly"].Select(p => p.Code));
        Assert.Equal([ActionProblemCodes.DueDatePast], problems["late"].Select(p => p.Code));
        Assert.Contains("2026-03-03", problems["late"][0].Message, StringComparison.Ordinal);
        Assert.All(problems.Values.SelectMany(p => p), p => Assert.True(IsSentence(p.Message, p.Code), p.Message));
    }

    [Fact]
    public void ADueDateTurnsPastWhenTheMeetingsDayMovesOnAndEveryoneIsTold()
    {
        var t = Started();
        t.Ok(Alice, new AddNote("a1", NoteKind.Action, "Contract test for pause"));
        t.Ok(Alice, new SetActionDetails("a1", OwnerParticipantId: Bob, DueDate: new DateOnly(2026, 3, 4)));
        Assert.Empty(t.Board.ViewFor(Alice).Derived.ActionProblems);

        t.Now = t.Now.AddDays(1);
        var next = t.Ok(Facilitator, new SetPrimeDirective("We assume good intent.")); // touches no action

        var told = Assert.Single(next.Events.OfType<DerivedChanged>()).Derived;
        Assert.Equal(ActionProblemCodes.DueDatePast, Assert.Single(told.ActionProblems["a1"]).Code);
        Assert.Equal(ActionProblemCodes.DueDatePast, Assert.Single(t.Board.ViewFor(Bob).Derived.ActionProblems["a1"]).Code);
    }

    [Fact]
    public void ThePastIsJudgedByTheDayInTheBoardsTimeZone()
    {
        // 2026-03-04 10:00 UTC is still 3 March in American Samoa (UTC-11): a due date of 3 March is today there, not past.
        var t = Started(timeZone: "Pacific/Pago_Pago");
        t.Ok(Alice, new AddNote("a1", NoteKind.Action, "Contract test for pause"));
        t.Ok(Alice, new SetActionDetails("a1", OwnerParticipantId: Bob, DueDate: new DateOnly(2026, 3, 3)));

        Assert.Empty(t.Board.ViewFor(Alice).Derived.ActionProblems);
    }

    /// <summary>Shown as it is: a capitalised sentence ending in a full stop, never the code.</summary>
    internal static bool IsSentence(string? message, string code) =>
        message is { Length: > 10 } && char.IsUpper(message[0]) && message.EndsWith('.') && !message.Contains(code, StringComparison.Ordinal);
}
