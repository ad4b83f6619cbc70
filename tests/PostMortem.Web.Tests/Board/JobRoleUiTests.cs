using Bunit;
using PostMortem.Core.Commands;
using PostMortem.Web.Client.Board;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Board;

/// <summary>People's roles in the incident on the board: shown in the people list, given or changed by their holder.</summary>
public sealed class JobRoleUiTests : BoardTestContext
{
    private static List<SetJobRole> SentRoles(FakeBoardSession session) => session.Sent.Select(s => s.Command).OfType<SetJobRole>().ToList();

    [Fact]
    public void ThePeopleListShowsEachPersonsRoleBesideTheirName()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        session.As(FakeBoardSession.Bob, new SetJobRole("on-call engineer"));

        var cut = RenderOn<PeopleList>(session);

        var bob = cut.FindAll("[data-testid='person']").Single(li => li.QuerySelector(".person-name")!.TextContent == "Bob");
        Assert.Equal("· on-call engineer", bob.QuerySelector("[data-testid=person-role]")!.TextContent);
        Assert.Single(cut.FindAll("[data-testid=person-role]"));
    }

    [Fact]
    public void AParticipantGivesTheirRoleAndEveryoneSeesIt()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        var cut = RenderOn<PeopleList>(session);
        Assert.Contains("Your role: not given", cut.Find(".my-job-role").TextContent, StringComparison.Ordinal);

        cut.FindAll(".my-job-role button").Single(b => b.TextContent == "Add your role").Click();
        cut.Find("#my-job-role").Input("product manager");
        cut.Find(".my-job-role form").Submit();

        Assert.Equal(new SetJobRole("product manager"), Assert.Single(SentRoles(session)));
        cut.WaitForAssertion(() => Assert.Contains("Your role: product manager", cut.Find(".my-job-role").TextContent, StringComparison.Ordinal));
        Assert.Equal("product manager", session.Board.ViewFor(FakeBoardSession.Bob)!.Participants.Single(p => p.Id == FakeBoardSession.Alice).JobRole);
    }

    [Fact]
    public void ChangingTheRoleStartsFromTheCurrentOne()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        session.As(FakeBoardSession.Alice, new SetJobRole("SRE"));
        var cut = RenderOn<PeopleList>(session);

        cut.FindAll(".my-job-role button").Single(b => b.TextContent == "Change your role").Click();

        Assert.Equal("SRE", cut.Find("#my-job-role").GetAttribute("value"));
    }

    [Fact]
    public void OnALockedBoardNoRoleEditIsOffered()
    {
        var session = new FakeBoardSession(FakeBoardSession.Alice);
        session.As(FakeBoardSession.Facilitator, new LockBoard());

        var cut = RenderOn<PeopleList>(session);

        Assert.Empty(cut.FindAll(".my-job-role"));
    }
}
