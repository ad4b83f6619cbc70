using Bunit;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Web.Client.Board;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Board;

public sealed class FacilitatorPanelTests : BoardTestContext
{
    private static List<string> Buttons(IRenderedComponent<FacilitatorPanel> cut) =>
        [.. cut.FindAll("button").Select(b => b.TextContent.Trim())];

    [Fact]
    public void FacilitatorSeesOnlyWhatCoreAllowsAtTheFirstPhase()
    {
        var session = new FakeBoardSession();

        var buttons = Buttons(RenderOn<FacilitatorPanel>(session));

        Assert.Contains("Next phase →", buttons);
        Assert.DoesNotContain("← Back", buttons);
        Assert.Contains("Start timer", buttons);
        Assert.Contains("Lock Set the room", buttons);
        Assert.Contains("Lock board", buttons);
        Assert.Contains("Show Prime Directive to all", buttons);
    }

    [Fact]
    public void ClickingNextPhaseSendsAdvancePhase()
    {
        var session = new FakeBoardSession();
        var cut = RenderOn<FacilitatorPanel>(session);

        cut.FindAll("button").Single(b => b.TextContent == "Next phase →").Click();

        var (command, result) = Assert.Single(session.Sent);
        Assert.IsType<AdvancePhase>(command);
        Assert.Equal("accepted", result.Status);
        Assert.Equal(Phase.Timeline, session.View!.Meta.Phase);
        cut.WaitForAssertion(() => Assert.Contains("← Back", Buttons(cut)));
    }

    [Fact]
    public void TimerControlsFollowTheTimer()
    {
        var session = new FakeBoardSession();
        var cut = RenderOn<FacilitatorPanel>(session);

        cut.FindAll("button").Single(b => b.TextContent == "Start timer").Click();
        cut.WaitForAssertion(() => Assert.Contains("Pause", Buttons(cut)));
        cut.Find("button[aria-label='Extend timer by five minutes']").Click();
        cut.FindAll("button").Single(b => b.TextContent == "Pause").Click();
        cut.WaitForAssertion(() => Assert.Contains("Resume", Buttons(cut)));
        cut.FindAll("button").Single(b => b.TextContent == "Reset").Click();

        Assert.Equal(
            [typeof(StartTimer), typeof(ExtendTimer), typeof(PauseTimer), typeof(ResetTimer)],
            session.Sent.Select(s => s.Command.GetType()));
        Assert.Equal(new ExtendTimer(300), session.Sent[1].Command);
        Assert.All(session.Sent, s => Assert.Equal("accepted", s.Result.Status));
    }

    [Fact]
    public void LockingTheBoardLeavesOnlyItsUnlock()
    {
        var session = new FakeBoardSession();
        var cut = RenderOn<FacilitatorPanel>(session);

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Lock board").Click();

        Assert.IsType<LockBoard>(session.Sent.Single().Command);
        cut.WaitForAssertion(() => Assert.Equal(["Unlock board"], Buttons(cut)));
    }

    [Fact]
    public void RevealVotesIsOfferedWhileVotingIsOpen()
    {
        var session = new FakeBoardSession();
        for (var i = 0; i < 4; i++)
        {
            session.As(FakeBoardSession.Facilitator, new AdvancePhase());
        }

        Assert.Equal(Phase.Actions, session.View!.Meta.Phase);
        var cut = RenderOn<FacilitatorPanel>(session);

        var reveal = cut.FindAll("button").Single(b => b.TextContent.StartsWith("Reveal votes", StringComparison.Ordinal));
        Assert.Equal("Reveal votes (0 voted)", reveal.TextContent);
        reveal.Click();
        Assert.IsType<RevealVotes>(session.Sent.Single().Command);
    }

    [Fact]
    public void LockingThePhaseSendsLockPhaseForTheCurrentPhase()
    {
        var session = new FakeBoardSession();
        var cut = RenderOn<FacilitatorPanel>(session);

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Lock Set the room").Click();

        Assert.Equal(new LockPhase(Phase.SetTheRoom), session.Sent.Single().Command);
        cut.WaitForAssertion(() => Assert.Equal("true", cut.FindAll("button").Single(b => b.TextContent.Trim() == "Unlock Set the room").GetAttribute("aria-pressed")));
    }
}
