using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Web.Data;
using PostMortem.Web.Shared;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Shared;

/// <summary>The hand-off links render what the server's IHandOffLinks decides; they never build a tracker URL.</summary>
public sealed class HandOffLinksTests : BunitContext
{
    private sealed class FakeLinks : IHandOffLinks
    {
        public List<(HandOffAction Action, string? Key)> Asked { get; } = [];

        public string? CreateIssueUrl(HandOffAction action, string? readKey, string requestOrigin)
        {
            Asked.Add((action, readKey));
            return $"https://tracker.example/new?for={action.NoteId}";
        }
    }

    private static readonly HandOffAction Due = new("b1", "Pause broke", "a1", "Runbook", "Alice", new DateOnly(2026, 3, 13));

    [Fact]
    public void WithATrackerTheActionLinksToItsIssueAndItsDueDateCalendarFile()
    {
        var links = new FakeLinks();
        Services.AddSingleton<IHandOffLinks>(links);

        var cut = Render<HandOffActionLinks>(p => p.Add(x => x.Action, Due).Add(x => x.ReadKey, "k+1"));

        Assert.Equal("https://tracker.example/new?for=a1", cut.Find("[data-testid=create-issue]").GetAttribute("href"));
        Assert.Equal("/api/boards/b1/actions/a1.ics?key=k%2B1", cut.Find("[data-testid=action-ics]").GetAttribute("href"));
        Assert.Equal((Due, "k+1"), links.Asked.Single());
    }

    [Fact]
    public void WithoutATrackerOrADueDateThereIsNothingToLinkTo()
    {
        var cut = Render<HandOffActionLinks>(p => p.Add(x => x.Action, Due with { DueDate = null }));

        Assert.Empty(cut.FindAll("[data-testid=handoff-links]"));
    }

    [Fact]
    public void OnTeamPagesTheCalendarLinkUsesTheTeamEndpoint()
    {
        var cut = Render<HandOffActionLinks>(p => p.Add(x => x.Action, Due));

        Assert.Empty(cut.FindAll("[data-testid=create-issue]"));
        Assert.Equal("/api/incidents/b1/actions/a1.ics", cut.Find("[data-testid=action-ics]").GetAttribute("href"));
    }

    [Fact]
    public void TheWriteUpPanelOffersTheFollowUpMeetingAndEachAction()
    {
        Services.AddSingleton<IHandOffLinks>(new FakeLinks());
        var session = new FakeBoardSession();
        Assert.True(session.As(FakeBoardSession.Facilitator, new AddNote("a1", NoteKind.Action, "Runbook for the cache")).IsAccepted);
        Assert.True(session.As(FakeBoardSession.Facilitator, new ChooseAction("a1", true)).IsAccepted);
        Assert.True(session.As(FakeBoardSession.Facilitator, new SetClose("Done.", "None.", new DateOnly(2026, 3, 18))).IsAccepted);
        var model = session.Board.WriteUp();

        var cut = Render<HandOffPanel>(p => p.Add(x => x.Model, model).Add(x => x.BoardId, "b1").Add(x => x.Key, "k"));

        Assert.Equal("/api/boards/b1/follow-up.ics?key=k", cut.Find("[data-testid=follow-up-ics]").GetAttribute("href"));
        Assert.Contains("2026-03-18", cut.Find("[data-testid=follow-up-ics]").TextContent, StringComparison.Ordinal);
        var item = Assert.Single(cut.FindAll(".handoff-actions li"));
        Assert.Contains("Runbook for the cache", item.TextContent, StringComparison.Ordinal);
        Assert.Equal("https://tracker.example/new?for=a1", item.QuerySelector("[data-testid=create-issue]")!.GetAttribute("href"));
    }
}
