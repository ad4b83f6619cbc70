using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Core.WriteUp;
using static PostMortem.Core.Tests.TestBoard;

namespace PostMortem.Core.Tests;

public sealed class WriteUpTests
{
    [Fact]
    public void NamesAsRolesReplacesParticipantsNamesInTextsAndOwners()
    {
        var t = Started();
        t.Ok(Alice, new AddNote("n1", NoteKind.Event, "Bob restarted the cache; alice watched", Incident));
        t.Ok(Alice, new AddNote("a1", NoteKind.Action, "Runbook for the cache"));
        t.Ok(Alice, new SetActionDetails("a1", OwnerParticipantId: Bob, DueDate: new DateOnly(2026, 3, 13)));
        t.Ok(Facilitator, new ChooseAction("a1", true));
        t.Ok(Facilitator, new SetClose("Fran ran the meeting.", "None.", null));

        var w = t.Board.WriteUp(namesAsRoles: true);

        Assert.Equal("participant 2 restarted the cache; participant 1 watched", w.Timeline.Single().Text);
        Assert.Equal("participant 2", w.Actions.Single().Owner);
        Assert.Equal("facilitator ran the meeting.", w.Summary);
        Assert.Equal("Bob", t.Board.WriteUp().Actions.Single().Owner);
    }

    [Fact]
    public void WithoutChosenActionsTheTopOfTheRankingIsListed()
    {
        var t = RejectionTableTests.Baseline();
        Assert.Empty(t.Board.WriteUp().Actions);

        t.AdvanceTo(Phase.Actions);
        t.Ok(Bob, new CastVote("act2"));
        t.Ok(Facilitator, new RevealVotes());

        Assert.Equal([("act2", 1), ("act1", 0)], t.Board.WriteUp().Actions.Select(a => (a.NoteId, a.Votes)));
    }

    [Fact]
    public void MarkdownRendersUserTextAsText()
    {
        var t = Started();
        t.Ok(Alice, new AddNote("n1", NoteKind.Event, "<script>alert(1)</script> | [link](http://x) **bold**", Incident));

        var md = WriteUpMarkdown.Render(t.Board.WriteUp());

        Assert.Contains(@"\<script\>alert(1)\</script\> \| \[link\](http://x) \*\*bold\*\*", md, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(763, "12 h 43 min")]
    [InlineData(35, "35 min")]
    [InlineData(0, "0 min")]
    [InlineData(60, "1 h")]
    [InlineData(3 * 24 * 60 + 5, "3 d 5 min")]
    public void GapDurationsReadLikeAPerson(long minutes, string text) => Assert.Equal(text, WriteUpMarkdown.Duration(minutes));

    [Fact]
    public void TheExportIsNamedAfterTheIncidentDateAndTitle()
    {
        var t = Started();

        Assert.Equal("2026-03-03-pause-subscription-broke-reconciliation.md", t.Board.WriteUp().FileName("md"));
        Assert.Equal("2026-03-03-pause-subscription-broke-reconciliation.json", t.Board.WriteUp().FileName("json"));
    }

    [Fact]
    public void TheExportsDateIsTheIncidentsDayInTheBoardsTimeZone()
    {
        // 16:47 UTC on 3 March is already 4 March in Tokyo.
        var t = Started(timeZone: "Asia/Tokyo");

        Assert.StartsWith("2026-03-04-", t.Board.WriteUp().FileName("md"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Café déploiement: 50% of \"orders\" / refunds lost!", "cafe-deploiement-50-of-orders-refunds-lost")]
    [InlineData("Don't page on-call at 3 a.m.", "dont-page-on-call-at-3-a-m")]
    [InlineData("../../etc/passwd", "etc-passwd")]
    [InlineData("障害", "post-mortem")]
    [InlineData("The reconciliation job silently skipped every paused subscription for eleven hours straight", "the-reconciliation-job-silently-skipped-every-paused")]
    public void TheExportNameKeepsOnlySafeCharactersOfTheTitle(string title, string slug)
    {
        var t = Started();
        t.Ok(Facilitator, new UpdateDetails(title, Incident, IncidentType.Integration, 2));

        var name = t.Board.WriteUp().FileName("md");

        Assert.Equal($"2026-03-03-{slug}.md", name);
        Assert.Matches("^[a-z0-9-]+\\.md$", name);
        Assert.True(slug.Length <= WriteUpModel.FileNameSlugLength);
    }
}
