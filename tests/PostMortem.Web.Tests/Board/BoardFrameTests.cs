using Bunit;
using PostMortem.Client;
using PostMortem.Web.Client.Board;
using PostMortem.Web.Client.Pages;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Board;

public sealed class BoardFrameTests : BoardTestContext
{
    [Fact]
    public void ARemovedParticipantIsToldSoInWords()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        var cut = RenderOn<BoardFrame>(session);
        Assert.Single(cut.FindAll(".board"));

        session.Failure = new SyncFailure("participant_removed", "The facilitator removed you from this board.");
        session.Status = ConnectionStatus.Stopped;
        session.NotifyChanged();

        cut.WaitForAssertion(() => Assert.Equal("You were removed from this post-mortem", cut.Find("[data-testid='removed'] h1").TextContent));
        Assert.Equal("The facilitator removed you from this board.", cut.Find("p[role='alert']").TextContent);
        Assert.Empty(cut.FindAll(".board"));
    }

    [Fact]
    public void AnotherFatalFailureSaysWhereAccessComesFrom()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice) { Failure = new SyncFailure("unauthorized", "This link has expired.") };

        var cut = RenderOn<BoardFrame>(session);

        Assert.Equal("unauthorized", cut.Find("[data-testid='stopped']").GetAttribute("data-code"));
        Assert.Contains("ask the facilitator for the join link of board", cut.Find("main").TextContent, StringComparison.Ordinal);
    }
}

public sealed class BoardPageTests : BoardTestContext
{
    [Fact]
    public void WithoutStoredAccessItSaysHowToJoin()
    {
        JSInterop.Setup<string?>("localStorage.getItem", "pm:access:b9").SetResult(null);

        var cut = Render<BoardPage>(p => p.Add(x => x.BoardId, "b9"));

        cut.WaitForAssertion(() => Assert.Equal("Join this post-mortem", cut.Find("main[data-interactive] h1").TextContent));
        Assert.Contains("This browser has not joined board b9 yet.", cut.Find("main").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".board"));
    }
}
