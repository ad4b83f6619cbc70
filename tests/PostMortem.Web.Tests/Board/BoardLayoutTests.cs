using Bunit;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Web.Client.Board;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Board;

public sealed class BoardLayoutTests : BoardTestContext
{
    [Fact]
    public void FacilitatorAndParticipantSeeDifferentControls()
    {
        var facilitator = RenderOn<BoardLayout>(new FakeBoardSession(FakeBoardSession.Facilitator));
        var alice = RenderOn<BoardLayout>(new FakeBoardSession(FakeBoardSession.Alice));

        Assert.Single(facilitator.FindAll(".facilitator-panel"));
        Assert.NotEmpty(facilitator.FindAll("button[aria-label^='Remove ']"));
        Assert.Empty(alice.FindAll(".facilitator-panel"));
        Assert.Empty(alice.FindAll("button[aria-label^='Remove ']"));
        Assert.DoesNotContain(alice.FindAll("button"), b => b.TextContent == "Next phase →");
    }

    [Fact]
    public void ThePhaseAreaIsMarkedInteractiveAndShowsTheMeetingsPhase()
    {
        var cut = RenderOn<BoardLayout>(new FakeBoardSession(FakeBoardSession.Alice));

        var main = cut.Find("main");
        Assert.Equal("true", main.GetAttribute("data-interactive"));
        Assert.Contains("panel-setTheRoom", main.ClassList);
        Assert.Equal("setTheRoom", cut.Find(".board").GetAttribute("data-phase"));
    }

    [Fact]
    public void AParticipantLookingElsewhereFollowsTheFacilitatorByDefault()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        var cut = RenderOn<BoardLayout>(session);
        Assert.True(cut.Find(".follow-toggle input").HasAttribute("checked"));

        cut.Find("button[aria-label='3. Root cause']").Click();
        Assert.Contains("panel-rootCause", cut.Find("main").ClassList);
        Assert.Contains("You are looking at another phase.", cut.Find(".viewing-note").TextContent);

        session.As(FakeBoardSession.Facilitator, new AdvancePhase());

        cut.WaitForAssertion(() => Assert.Contains("panel-timeline", cut.Find("main").ClassList));
        Assert.Empty(cut.FindAll(".viewing-note"));
        Assert.Equal("timeline", cut.Find(".board").GetAttribute("data-phase"));
    }

    [Fact]
    public void NotFollowingKeepsTheParticipantWhereTheyAre()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        var cut = RenderOn<BoardLayout>(session);
        cut.Find(".follow-toggle input").Change(false);
        cut.Find("button[aria-label='3. Root cause']").Click();

        session.As(FakeBoardSession.Facilitator, new AdvancePhase());

        cut.WaitForAssertion(() => Assert.Equal("timeline", cut.Find(".board").GetAttribute("data-phase")));
        Assert.Contains("panel-rootCause", cut.Find("main").ClassList);
        cut.Find(".viewing-note button").Click();
        Assert.Contains("panel-timeline", cut.Find("main").ClassList);
    }

    [Fact]
    public void TheOwnPointerIsSentAsACursor()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        var cut = RenderOn<BoardLayout>(session);

        cut.InvokeAsync(() => cut.Instance.PointerMoved(0.25, 0.5));

        var sent = Assert.Single(session.PresenceSent);
        Assert.Equal(new PostMortem.Core.Protocol.PresenceRequest("cursor", 0.25, 0.5, null), sent);
        Module.VerifyInvoke("trackPointer");
    }
}

public sealed class PhaseFollowerTests
{
    [Fact]
    public void FollowingReturnsToTheMeetingWhenItMoves()
    {
        var follower = new PhaseFollower(Phase.SetTheRoom);
        follower.View(Phase.Close);

        follower.MeetingAt(Phase.Timeline);

        Assert.Equal(Phase.Timeline, follower.Shown);
        Assert.False(follower.Away);
    }

    [Fact]
    public void NotFollowingStaysOnTheShownPhaseEvenTheMeetingsOwn()
    {
        var follower = new PhaseFollower(Phase.SetTheRoom) { Follow = false };

        follower.MeetingAt(Phase.Timeline);

        Assert.Equal(Phase.SetTheRoom, follower.Shown);
        Assert.True(follower.Away);
    }

    [Fact]
    public void ArrivingWhereTheMeetingGoesIsNoLongerAway()
    {
        var follower = new PhaseFollower(Phase.SetTheRoom) { Follow = false };
        follower.View(Phase.Timeline);

        follower.MeetingAt(Phase.Timeline);

        Assert.False(follower.Away);
    }
}

public sealed class BoardLayoutStatusTests : BoardTestContext
{
    [Fact]
    public void TheBoardCarriesItsConnectionAndSequenceForTheEndToEndSuite()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        var cut = RenderOn<BoardLayout>(session);
        Assert.Equal("connected", cut.Find(".board").GetAttribute("data-status"));
        var seq = session.View!.Seq;
        Assert.Equal(seq.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find(".board").GetAttribute("data-seq"));

        session.As(FakeBoardSession.Bob, new SetReady(true));
        session.Status = PostMortem.Client.ConnectionStatus.Reconnecting;
        session.NotifyChanged();

        cut.WaitForAssertion(() => Assert.Equal("reconnecting", cut.Find(".board").GetAttribute("data-status")));
        Assert.Equal((seq + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find(".board").GetAttribute("data-seq"));
    }
}
