using Bunit;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Web.Client.Board;
using PostMortem.Web.Client.Shared;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Board;

public sealed class RoleChangeNoticeTests : BoardTestContext
{
    [Fact]
    public void TheOldFacilitatorHearsTheyHandedTheRoleOver()
    {
        var session = new FakeBoardSession();
        var cut = RenderOn<RoleChangeNotice>(session);
        Assert.Empty(cut.FindAll("[data-testid='role-notice']"));

        session.As(FakeBoardSession.Facilitator, new HandOver(FakeBoardSession.Alice));

        cut.WaitForAssertion(() => Assert.StartsWith("You handed the facilitator role to Alice.", cut.Find("[data-testid='role-notice']").TextContent.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public void TheNewFacilitatorAndTheOthersAreToldToo()
    {
        var alice = new FakeBoardSession(FakeBoardSession.Alice);
        var bob = new FakeBoardSession(FakeBoardSession.Bob);
        var forAlice = RenderOn<RoleChangeNotice>(alice);
        var forBob = RenderOn<RoleChangeNotice>(bob);

        alice.As(FakeBoardSession.Facilitator, new HandOver(FakeBoardSession.Alice));
        bob.As(FakeBoardSession.Facilitator, new HandOver(FakeBoardSession.Alice));

        forAlice.WaitForAssertion(() => Assert.Contains("You are now the facilitator.", forAlice.Find(".role-notice").TextContent, StringComparison.Ordinal));
        forBob.WaitForAssertion(() => Assert.Contains("Alice is now the facilitator.", forBob.Find(".role-notice").TextContent, StringComparison.Ordinal));
        forBob.Find("button[aria-label='Dismiss']").Click();
        Assert.Empty(forBob.FindAll(".role-notice"));
    }
}

public sealed class CursorsTests : BoardTestContext
{
    [Fact]
    public void OthersCursorsAreShownWithTheirNames()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        var cut = RenderOn<Cursors>(session);

        session.Receive(new PresenceUpdate(FakeBoardSession.Bob, "cursor", 0.25, 0.5, null));
        session.Receive(new PresenceUpdate(FakeBoardSession.Facilitator, "typing", null, null, "n1"));

        cut.WaitForAssertion(() => Assert.Equal("Bob", cut.Find(".cursor .cursor-name").TextContent));
        Assert.Single(cut.FindAll(".cursor"));
        Assert.Equal("left: 25%; top: 50%", cut.Find(".cursor").GetAttribute("style"));
        Assert.Equal("true", cut.Find(".cursors").GetAttribute("aria-hidden"));
    }
}

public sealed class BoardHeaderTests : BoardTestContext
{
    [Fact]
    public void ShowsTheIncidentAndMarksThisPersonReady()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        var cut = RenderOn<BoardHeader>(session);

        Assert.Equal("Pause subscription broke reconciliation", cut.Find("h1").TextContent);
        Assert.Equal("Blameless post-mortem · Integration · severity 2 · Tue 3 Mar, 15:47 (UTC)", cut.Find(".eyebrow").TextContent.Trim());
        var ready = cut.Find("button.ready-toggle");
        Assert.Equal("I'm done with Set the room", ready.TextContent.Trim());
        Assert.Equal("false", ready.GetAttribute("aria-pressed"));

        ready.Click();

        Assert.Equal(new SetReady(true), session.Sent.Single().Command);
        cut.WaitForAssertion(() => Assert.Equal("✓ Ready — Set the room", cut.Find("button.ready-toggle").TextContent.Trim()));
    }

    [Fact]
    public void ALockedBoardSaysItIsReadOnly()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        session.As(FakeBoardSession.Facilitator, new LockBoard());

        var cut = RenderOn<BoardHeader>(session);

        Assert.Equal("This board is locked: it is read-only now.", cut.Find(".notice.locked").TextContent);
        Assert.True(cut.Find("button.ready-toggle").HasAttribute("disabled"));
    }
}

public sealed class PhaseBarTests : BoardTestContext
{
    [Fact]
    public void LocksAreSaidInWordsAndTheCurrentPhaseIsMarked()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        session.As(FakeBoardSession.Facilitator, new LockPhase(Phase.SetTheRoom));

        var cut = RenderOn<PhaseBar>(session, p => p.Add(x => x.Viewing, Phase.SetTheRoom));

        var first = cut.Find("button[aria-current='step']");
        Assert.Equal("1. Set the room (current) (locked)", first.GetAttribute("aria-label"));
        Assert.Equal("Locked", first.QuerySelector(".lock")!.TextContent);
        Assert.Single(cut.FindAll(".lock"));
        Assert.Equal(6, cut.FindAll(".phase-step").Count);
    }

    [Fact]
    public void ClickingATabAsksToViewItAndTheToggleReportsFollowing()
    {
        Phase? viewed = null;
        bool? follow = null;
        var cut = RenderOn<PhaseBar>(new FakeBoardSession(FakeBoardSession.Alice), p => p
            .Add(x => x.Viewing, Phase.SetTheRoom)
            .Add(x => x.OnView, (Phase ph) => viewed = ph)
            .Add(x => x.FollowChanged, (bool f) => follow = f));

        cut.Find("button[aria-label='5. Actions']").Click();
        cut.Find(".follow-toggle input").Change(false);

        Assert.Equal(Phase.Actions, viewed);
        Assert.False(follow);
        Assert.Equal("Follow the facilitator", cut.Find(".follow-toggle").TextContent.Trim());
    }
}

public sealed class CopyFieldTests : BoardTestContext
{
    [Fact]
    public void CopiesTheValueAndSaysSo()
    {
        JSInterop.SetupVoid("navigator.clipboard.writeText", "https://pm.example/b/b1/join#code=abc").SetVoidResult();
        var cut = Render<CopyField>(p => p.Add(x => x.Label, "Participant join link").Add(x => x.Value, "https://pm.example/b/b1/join#code=abc"));

        Assert.Equal("https://pm.example/b/b1/join#code=abc", cut.Find("input").GetAttribute("value"));
        Assert.Equal(cut.Find("input").Id, cut.Find("label").GetAttribute("for"));
        cut.Find("button").Click();

        cut.WaitForAssertion(() => Assert.Equal("Copied", cut.Find("button").TextContent));
        JSInterop.VerifyInvoke("navigator.clipboard.writeText");
    }
}

public sealed class ShareInviteTests : BoardTestContext
{
    [Fact]
    public void TheCreatorsBrowserShowsTheJoinAndReadLinks()
    {
        JSInterop.Setup<string?>("localStorage.getItem", "pm:links:b1").SetResult("{\"joinCode\":\"J0IN\",\"facilitatorSecret\":\"s\",\"readKey\":\"RK\"}");
        JSInterop.Setup<string?>("localStorage.getItem", "pm:readkey:b1").SetResult(null);

        var cut = RenderOn<ShareInvite>(new FakeBoardSession());

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".copy-field").Count));
        var values = cut.FindAll(".copy-field input").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal(["http://localhost/b/b1/join#code=J0IN", "http://localhost/b/b1/read?key=RK"], values);
        Assert.Equal("Invite people", cut.Find("summary").TextContent);
    }

    [Fact]
    public void WithoutTheJoinCodeItSaysWhereTheLinkIs()
    {
        JSInterop.Setup<string?>("localStorage.getItem", "pm:links:b1").SetResult(null);
        JSInterop.Setup<string?>("localStorage.getItem", "pm:readkey:b1").SetResult("\"RK\"");

        var cut = RenderOn<ShareInvite>(new FakeBoardSession());

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid='no-join-link']")));
        Assert.Equal("http://localhost/b/b1/read?key=RK", cut.Find(".copy-field input").GetAttribute("value"));
    }
}
