using System.Text.Json;
using PostMortem.Core.Commands;
using PostMortem.Core.Internal;
using PostMortem.Core.Model;
using PostMortem.Core.WriteUp;
using static PostMortem.Core.Tests.TestBoard;

namespace PostMortem.Core.Tests;

/// <summary>The write-up with names replaced by roles (<see cref="NameMasks"/>): people's roles in the incident when they
/// gave one, numbered when shared; no name left in texts, owners, sign-offs or coach findings.</summary>
public sealed class NamesAsRolesTests
{
    private const string Priya = "priya";
    private const string Sam = "sam";
    private const string Lee = "lee";

    /// <summary>Fran (incident commander) facilitates; Priya and Sam are both on-call engineers, Lee gave no role.</summary>
    private static TestBoard Team()
    {
        var t = new TestBoard();
        t.Ok(Facilitator, Create() with { FacilitatorName = "Fran Okafor", FacilitatorJobRole = "Incident commander" });
        t.Ok(Priya, new Join("Priya Natarajan", "On-call engineer"));
        t.Ok(Sam, new Join("Sam", "on-call engineer"));
        t.Ok(Lee, new Join("Lee Chen"));
        return t;
    }

    [Fact]
    public void EachPersonIsShownAsTheirRoleNumberedInJoinOrderWhenSharedIgnoringCase()
    {
        var masks = NameMasks.For(Team().State);

        Assert.Equal("Incident commander", masks.RoleOf(Facilitator));
        Assert.Equal("On-call engineer 1", masks.RoleOf(Priya));
        Assert.Equal("On-call engineer 2", masks.RoleOf(Sam));
        Assert.Equal("participant 1", masks.RoleOf(Lee));
        Assert.Null(masks.RoleOf("nobody"));
    }

    [Fact]
    public void WithoutRolesPeopleAreTheFacilitatorAndParticipantsNumberedAsBefore()
    {
        var masks = NameMasks.For(Started().State);

        Assert.Equal(["facilitator", "participant 1", "participant 2"], new[] { Facilitator, Alice, Bob }.Select(id => masks.RoleOf(id)));
    }

    [Fact]
    public void FullNamesAndSingleNameWordsInTextsBecomeRolesButNotInsideOtherWordsOrAsCommonWords()
    {
        var t = Team();
        t.Ok(Priya, new AddNote("n1", NoteKind.Event, "Sam restarted the cache; priya natarajan and Lee watched; Samuel did not; we will retry", Incident));
        t.Ok(Lee, new AddNote("n2", NoteKind.Event, "Will paged Chen", Incident));

        var w = t.Board.WriteUp(namesAsRoles: true);

        Assert.Equal(
            ["On-call engineer 2 restarted the cache; On-call engineer 1 and participant 1 watched; Samuel did not; we will retry", "Will paged participant 1"],
            w.Timeline.Select(r => r.Text));
    }

    [Fact]
    public void OwnersBecomeRolesWhetherLinkedTypedAsANameOrFromOutsideTheRoom()
    {
        var t = Team();
        t.Ok(Priya, new AddNote("a1", NoteKind.Action, "Runbook for the cache, with Jordan Blake"));
        t.Ok(Priya, new AddNote("a2", NoteKind.Action, "Alert on reconciliation lag"));
        t.Ok(Priya, new AddNote("a3", NoteKind.Action, "Contract tests, reviewed by Natarajan"));
        t.Ok(Priya, new AddNote("a4", NoteKind.Action, "Dashboard for Jordan"));
        t.Ok(Priya, new SetActionDetails("a1", OwnerParticipantId: Sam, DueDate: new DateOnly(2026, 3, 13)));
        t.Ok(Priya, new SetActionDetails("a2", Owner: "Priya Natarajan-Smith", DueDate: new DateOnly(2026, 3, 13)));
        t.Ok(Priya, new SetActionDetails("a3", Owner: "Jordan Blake", DueDate: new DateOnly(2026, 3, 13)));
        t.Ok(Priya, new SetActionDetails("a4", Owner: "priya", DueDate: new DateOnly(2026, 3, 13)));
        foreach (var id in (string[])["a1", "a2", "a3", "a4"])
        {
            t.Ok(Facilitator, new ChooseAction(id, true));
        }

        var actions = t.Board.WriteUp(namesAsRoles: true).Actions.ToDictionary(a => a.NoteId);

        Assert.Equal("On-call engineer 2", actions["a1"].Owner);
        Assert.Equal("On-call engineer 1", actions["a2"].Owner); // the rest of the name ("-Smith") is not left behind
        Assert.Equal("owner 1", actions["a3"].Owner);
        Assert.Equal("On-call engineer 1", actions["a4"].Owner);
        Assert.Equal("Runbook for the cache, with owner 1", actions["a1"].Text);
        Assert.Equal("Contract tests, reviewed by On-call engineer 1", actions["a3"].Text);
        Assert.Equal("Dashboard for owner 1", actions["a4"].Text);
    }

    [Fact]
    public void SignOffsAreTheSignersRoleOrReaderNAndTheirNamesLeaveTheTexts()
    {
        var t = Team();
        t.Ok(Facilitator, new SetClose("Dana Ruiz could not attend; Sam will brief her.", "None.", null));
        t.Ok(Sam, new SignOffActions("Sam W."));
        t.Ok("reader-dana", new SignOffActions("Dana Ruiz"));
        t.Ok("reader-kim", new SignOffActions("Kim"));

        var w = t.Board.WriteUp(namesAsRoles: true);

        Assert.Equal(["on-call engineer 2", "reader 1", "reader 2"], w.SignOffs.Select(s => s.Name), StringComparer.OrdinalIgnoreCase);
        Assert.Equal("reader 1 could not attend; On-call engineer 2 will brief her.", w.Summary);
        Assert.Equal("Dana Ruiz", t.Board.WriteUp().SignOffs[1].Name);
    }

    [Fact]
    public void ARoleTypedWithSomeonesNameInItDoesNotBringTheNameBack()
    {
        var t = Started();
        t.Ok(Alice, new SetJobRole("Bob's backup"));
        t.Ok(Alice, new AddNote("n1", NoteKind.Event, "Alice rolled back", Incident));

        var w = t.Board.WriteUp(namesAsRoles: true);

        Assert.Equal("someone's backup rolled back", w.Timeline.Single().Text);
        Assert.Equal("someone's backup", NameMasks.For(t.State).RoleOf(Alice));
    }

    [Fact]
    public void CoachFindingsOfAMaskedTextNameNobody()
    {
        var t = Team();
        t.Ok(Priya, new AddNote("n1", NoteKind.Event, "Sam should have checked the deploy", Incident));
        var note = t.State.Notes["n1"];
        Assert.Contains(note.Flags, f => f.Rule == "name");
        var masks = NameMasks.For(t.State);
        var text = masks.Apply(note.Text);

        var flags = masks.Flags(note.Flags, text);

        Assert.DoesNotContain(flags, f => f.Rule == "name");
        var shouldHave = Assert.Single(flags, f => f.Rule == "should-have");
        Assert.Equal(text.IndexOf("should have", StringComparison.Ordinal), shouldHave.Start);
        Assert.DoesNotContain("Sam", JsonSerializer.Serialize(flags, CoreJson.Context.ListCoachFlag), StringComparison.Ordinal);
    }

    [Fact]
    public void TheExportsInRoleModeHoldNoNameOfAnyoneAndTheRolesInstead()
    {
        var t = Team();
        t.Ok(Priya, new AddNote("n1", NoteKind.Event, "Priya deployed; Lee Chen noticed; Fran Okafor paged Sam", Incident));
        t.Ok(Sam, new StartChain("c1", "Sam saw wrong products"));
        t.Ok(Sam, new AddWhyStep("c1", "s1", "Why did Lee miss it?", "Lee had no alert"));
        t.Ok(Lee, new AddNote("cf1", NoteKind.ContributingFactor, "Fran was on holiday"));
        t.Ok(Lee, new AddNote("a1", NoteKind.Action, "Alert for Lee"));
        t.Ok(Lee, new SetActionDetails("a1", Owner: "Lee", OwnerParticipantId: Lee, DueDate: new DateOnly(2026, 3, 13)));
        t.Ok(Facilitator, new ChooseAction("a1", true));
        t.Ok(Lee, new AcknowledgeAction("a1"));
        t.Ok(Facilitator, new SetClose("Priya and Sam fixed it.", "Fran says: none.", null));
        t.Ok(Priya, new SignOffActions("Priya N."));
        t.Ok("reader-dana", new SignOffActions("Dana"));

        var w = t.Board.WriteUp(namesAsRoles: true);
        var md = WriteUpMarkdown.Render(w);
        var json = JsonSerializer.Serialize(w, CoreJson.Context.WriteUpModel);

        foreach (var name in (string[])["Priya", "Natarajan", "Sam", "Lee", "Chen", "Fran", "Okafor", "Dana"])
        {
            Assert.DoesNotContain(name, md, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(name, json, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("Incident commander", md, StringComparison.Ordinal);
        Assert.Contains("On-call engineer 1 deployed; participant 1 noticed; Incident commander paged On-call engineer 2", md, StringComparison.Ordinal);
        Assert.Contains("| participant 1 ✓ |", md, StringComparison.Ordinal);
        Assert.Contains("- reader 1, ", md, StringComparison.Ordinal);
    }
}
