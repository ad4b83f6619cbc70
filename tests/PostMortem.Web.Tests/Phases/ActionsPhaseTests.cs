using Bunit;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Web.Client.Phases;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Phases;

public sealed class ActionsPhaseTests : PhaseTestBase
{
    private static FakeBoardSession WithActions(string viewer)
    {
        var session = Board(viewer, Phase.Actions);
        session.As(FakeBoardSession.Alice, new AddNote("a1", NoteKind.Action, "Contract tests for the subscription API", Position: 1));
        session.As(FakeBoardSession.Bob, new AddNote("a2", NoteKind.Action, "Alert on reconciliation output", Position: 2));
        session.As(FakeBoardSession.Alice, new AddNote("a3", NoteKind.Action, "Runbook for the overnight job", Position: 3));
        return session;
    }

    [Fact]
    public void ProposingAnActionSendsAddNote()
    {
        var session = Board(FakeBoardSession.Alice, Phase.Actions);
        var cut = RenderUnder<ActionsPhase>(session);

        Field(cut, "Propose an action").Input("Contract tests for the subscription API");
        cut.Find("form.add-action").Submit();

        Assert.Equal(NoteKind.Action, Assert.Single(SentOf<AddNote>(session)).Kind);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=action-item]")));
    }

    [Fact]
    public void VotesAreSecretAndCanBeRetracted()
    {
        var session = WithActions(FakeBoardSession.Alice);
        var cut = RenderUnder<ActionsPhase>(session);
        Assert.Equal("3 of 3 votes left", cut.Find("[data-testid=votes-left]").TextContent);
        Assert.False(HasButton(cut, "Retract a vote from: Alert on reconciliation output"));

        Button(cut, "Vote for: Alert on reconciliation output").Click();

        Assert.Equal("a2", Assert.Single(SentOf<CastVote>(session)).NoteId);
        cut.WaitForAssertion(() => Assert.Equal("2 of 3 votes left", cut.Find("[data-testid=votes-left]").TextContent));
        Assert.Empty(cut.FindAll(".tally"));
        Assert.Contains("your votes: 1", cut.FindAll("[data-testid=action-item]")[1].TextContent, StringComparison.Ordinal);

        Button(cut, "Retract a vote from: Alert on reconciliation output").Click();
        Assert.Equal("a2", Assert.Single(SentOf<RetractVote>(session)).NoteId);
        cut.WaitForAssertion(() => Assert.Equal("3 of 3 votes left", cut.Find("[data-testid=votes-left]").TextContent));
    }

    [Fact]
    public void NoVotesLeftOffersNoVoteButton()
    {
        var session = WithActions(FakeBoardSession.Alice);
        foreach (var id in new[] { "a1", "a2", "a3" })
        {
            session.As(FakeBoardSession.Alice, new CastVote(id));
        }

        var cut = RenderUnder<ActionsPhase>(session);

        Assert.Equal("0 of 3 votes left", cut.Find("[data-testid=votes-left]").TextContent);
        Assert.False(HasButton(cut, "Vote for: Alert on reconciliation output"));
        Assert.True(HasButton(cut, "Retract a vote from: Alert on reconciliation output"));
    }

    [Fact]
    public void RevealShowsTheRankingTopThreeAndTieBreakToTheFacilitator()
    {
        var session = WithActions(FakeBoardSession.Facilitator);
        session.As(FakeBoardSession.Alice, new CastVote("a2"));
        session.As(FakeBoardSession.Bob, new CastVote("a2"));
        session.As(FakeBoardSession.Alice, new CastVote("a1"));
        session.As(FakeBoardSession.Bob, new CastVote("a3"));
        var cut = RenderUnder<ActionsPhase>(session);
        Assert.Empty(cut.FindAll(".tally"));

        session.As(FakeBoardSession.Facilitator, new RevealVotes());

        cut.WaitForAssertion(() => Assert.Equal("Ranking", cut.Find("#voting-title").TextContent));
        var items = cut.FindAll("[data-testid=action-item]");
        Assert.Equal(["2 votes", "1 votes", "1 votes"], items.Select(i => i.QuerySelector(".tally")!.TextContent));
        Assert.Contains("Alert on reconciliation output", items[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(3, cut.FindAll(".top-three").Count);
        var tied = session.View!.Derived.Ties;
        Assert.NotEmpty(tied);
        var tieButtons = cut.FindAll("button").Where(b => b.GetAttribute("aria-label") == "Break the tie: rank above the previous action").ToList();
        Assert.Single(tieButtons);

        tieButtons[0].Click();
        var order = Assert.Single(SentOf<SetTieBreakOrder>(session)).NoteIds;
        Assert.Equal(session.View!.Derived.Ranking, order);
    }

    [Fact]
    public void ParticipantsAreNotOfferedChooseOrTieBreak()
    {
        var session = WithActions(FakeBoardSession.Bob);
        var cut = RenderUnder<ActionsPhase>(session);

        Assert.False(HasButton(cut, "Choose: Alert on reconciliation output"));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("Tie-break", StringComparison.Ordinal));
    }

    [Fact]
    public void AChosenActionWithoutOwnerOrDateIsParkedAndSaysWhatIsMissing()
    {
        var session = WithActions(FakeBoardSession.Facilitator);
        var cut = RenderUnder<ActionsPhase>(session);

        Button(cut, "Choose: Contract tests for the subscription API").Click();

        Assert.True(Assert.Single(SentOf<ChooseAction>(session)).Chosen);
        cut.WaitForAssertion(() => Assert.Equal("Parked — not ready", cut.Find("#parked-title").TextContent));
        var reasons = cut.FindAll("[data-testid=not-ready-reasons] li").Select(l => (l.GetAttribute("data-code"), l.TextContent)).ToList();
        var problems = session.Board.Derive(session.Now).ActionProblems.Values.Single();
        Assert.Equal(problems.Select(p => ((string?)p.Code, p.Message)), reasons);
        Assert.Equal([ActionProblemCodes.NoOwner, ActionProblemCodes.NoDueDate], reasons.Select(r => r.Item1));
    }

    [Fact]
    public void ADueDateInThePastIsSaidWhereTheActionIsEntered()
    {
        var session = WithActions(FakeBoardSession.Facilitator);
        var cut = RenderUnder<ActionsPhase>(session);
        Button(cut, "Choose: Contract tests for the subscription API").Click();
        var action = session.Board.State.Notes.Values.Single(n => n.Text == "Contract tests for the subscription API");

        session.As(FakeBoardSession.Facilitator, new SetActionDetails(action.Id, OwnerParticipantId: FakeBoardSession.Alice, DueDate: DateOnly.FromDateTime(session.Now.UtcDateTime).AddDays(-3)));

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=not-ready-reasons] li"), l => l.GetAttribute("data-code") == ActionProblemCodes.DueDatePast));
    }

    [Fact]
    public void DetailsNameTheOwnerAsAParticipantAndTheOwnerSaysYes()
    {
        var session = WithActions(FakeBoardSession.Facilitator);
        session.As(FakeBoardSession.Facilitator, new ChooseAction("a1", true));
        var cut = RenderUnder<ActionsPhase>(session);

        var form = cut.Find("form[aria-label='Details: Contract tests for the subscription API']");
        Field(cut, "Owner (one person)").Change("alice");
        Field(cut, "Due date").Change("2026-03-20");
        Field(cut, "Kind").Change("LongTerm");
        cut.Find("form.action-details").Submit();

        var details = Assert.Single(SentOf<SetActionDetails>(session));
        Assert.Equal(("alice", FakeBoardSession.Alice, new DateOnly(2026, 3, 20), ActionKind.LongTerm), (details.Owner, details.OwnerParticipantId, details.DueDate, details.ActionKind));
        Assert.Equal(["trackerUrl"], details.Clear);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("form.action-details .tag.ready")));
        Assert.NotNull(form);

    }

    [Fact]
    public void TheOwnerSaysYes()
    {
        var session = WithActions(FakeBoardSession.Alice);
        session.As(FakeBoardSession.Facilitator, new ChooseAction("a1", true));
        session.As(FakeBoardSession.Facilitator, new SetActionDetails("a1", "Alice", FakeBoardSession.Alice, new DateOnly(2026, 3, 20)));
        var cut = RenderUnder<ActionsPhase>(session);

        Button(cut, "Yes, I own this").Click();

        Assert.Equal("a1", Assert.Single(SentOf<AcknowledgeAction>(session)).NoteId);
        cut.WaitForAssertion(() => Assert.Contains("owner said yes", cut.Find(".action-title").TextContent, StringComparison.Ordinal));
        Assert.False(HasButton(cut, "Yes, I own this"));
    }

    [Fact]
    public void OthersSeeTheDetailsAsText()
    {
        var session = WithActions(FakeBoardSession.Bob);
        session.As(FakeBoardSession.Facilitator, new ChooseAction("a1", true));
        session.As(FakeBoardSession.Facilitator, new SetActionDetails("a1", "Alice", FakeBoardSession.Alice, new DateOnly(2026, 3, 20)));
        var cut = RenderUnder<ActionsPhase>(session);

        Assert.Empty(cut.FindAll("form.action-details input"));
        Assert.Contains("Alice", cut.Find("dl.read-only").TextContent, StringComparison.Ordinal);
        Assert.False(HasButton(cut, "Save details"));
    }
}
