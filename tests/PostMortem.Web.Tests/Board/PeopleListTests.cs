using Bunit;
using PostMortem.Core.Commands;
using PostMortem.Core.Protocol;
using PostMortem.Web.Client.Board;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Board;

public sealed class PeopleListTests : BoardTestContext
{
    private static string Person(IRenderedComponent<PeopleList> cut, string name) =>
        cut.FindAll("[data-testid='person']").Single(li => li.QuerySelector(".person-name")!.TextContent.StartsWith(name, StringComparison.Ordinal)).OuterHtml;

    [Fact]
    public void ShowsReadyOfPresentFromCoreAndEachPersonsTags()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        session.As(FakeBoardSession.Bob, new SetReady(true));

        var cut = RenderOn<PeopleList>(session);

        Assert.Equal("1/3 ready", cut.Find("#people-title .count").TextContent);
        Assert.Equal(3, cut.FindAll("[data-testid='person']").Count);
        Assert.Contains("Alice (you)", Person(cut, "Alice"), StringComparison.Ordinal);
        Assert.Contains("<span class=\"tag\">facilitator</span>", Person(cut, "Fran"), StringComparison.Ordinal);
        Assert.Contains("tag ready", Person(cut, "Bob"), StringComparison.Ordinal);
        Assert.DoesNotContain("tag ready", Person(cut, "Fran"), StringComparison.Ordinal);
    }

    [Fact]
    public void OthersAreOnlineWhileTheirPresenceArrives()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        var cut = RenderOn<PeopleList>(session);
        Assert.Contains("person online", Person(cut, "Alice"), StringComparison.Ordinal);
        Assert.Contains("person away", Person(cut, "Bob"), StringComparison.Ordinal);

        session.Receive(new PresenceUpdate(FakeBoardSession.Bob, "idle", null, null, null));

        cut.WaitForAssertion(() => Assert.Contains("person online", Person(cut, "Bob"), StringComparison.Ordinal));
    }

    [Fact]
    public void AParticipantIsOfferedNoHandOverNorRemoval()
    {
        var cut = RenderOn<PeopleList>(new FakeBoardSession(FakeBoardSession.Alice));

        Assert.Empty(cut.FindAll(".person-actions"));
    }

    [Fact]
    public void TheFacilitatorRemovesSomeoneAfterConfirming()
    {
        var session = new FakeBoardSession();
        var cut = RenderOn<PeopleList>(session);
        Assert.Empty(cut.FindAll("button[aria-label='Remove Fran']"));

        cut.Find("button[aria-label='Remove Bob']").Click();
        Assert.Empty(session.Sent);
        cut.Find(".confirm[aria-label='Remove Bob from this post-mortem?'] button.danger-solid").Click();

        Assert.Equal(new RemoveParticipant(FakeBoardSession.Bob), session.Sent.Single().Command);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid='person']").Count));
    }

    [Fact]
    public void TheFacilitatorHandsTheRoleOver()
    {
        var session = new FakeBoardSession();
        var cut = RenderOn<PeopleList>(session);

        cut.Find("button[aria-label='Hand the facilitator role to Alice']").Click();
        cut.Find(".confirm[aria-label='Make Alice the facilitator?'] button.primary").Click();

        Assert.Equal(new HandOver(FakeBoardSession.Alice), session.Sent.Single().Command);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".person-actions")));
    }
}
