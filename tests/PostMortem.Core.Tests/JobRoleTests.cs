using System.Text.Json;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Tests.TestBoard;

namespace PostMortem.Core.Tests;

/// <summary>A participant's role in the incident (<see cref="Participant.JobRole"/>): given at join or create, changed by
/// its holder only, bounded, one line of text.</summary>
public sealed class JobRoleTests
{
    [Fact]
    public void JoinCarriesTheRoleTrimmedOnOneLineAndEveryoneSeesIt()
    {
        var t = Started();

        var joined = t.Ok("dave", new Join("Dave", "  on-call\n   engineer "));

        Assert.Equal("on-call engineer", t.State.Participants["dave"].JobRole);
        Assert.Equal("on-call engineer", joined.Events.OfType<ParticipantChanged>().Single().Participant.JobRole);
        Assert.Equal("on-call engineer", t.Board.ViewFor(Alice).Participants.Single(p => p.Id == "dave").JobRole);
    }

    [Fact]
    public void AJoinWithARoleTooLongIsRefusedWithItsCodeAndASentenceAndTheBoardIsUnchanged()
    {
        var t = Started();
        var tooLong = new string('r', Limits.JobRoleLength + 1);

        Assert.Equal(RejectionCodes.TextTooLong, t.Rejected("dave", new Join("Dave", tooLong))); // Rejected checks the state hash
        Assert.False(t.State.Participants.ContainsKey("dave"));
        var decision = t.Board.Decide("dave", "op-x", new Join("Dave", tooLong), t.Now);
        Assert.Equal("Your role in the incident is longer than 60 characters.", decision.Message);
        t.Ok("dave", new Join("Dave", new string('r', Limits.JobRoleLength)));
    }

    [Fact]
    public void TheFacilitatorGivesTheirRoleWhenCreatingTheBoard()
    {
        var t = new TestBoard();
        t.Ok(Facilitator, Create() with { FacilitatorJobRole = "incident commander" });

        Assert.Equal("incident commander", t.State.Participants[Facilitator].JobRole);
        Assert.Equal(RejectionCodes.TextTooLong,
            new TestBoard().Rejected(Facilitator, Create() with { FacilitatorJobRole = new string('r', Limits.JobRoleLength + 1) }));
    }

    [Fact]
    public void AParticipantChangesOnlyTheirOwnRoleAndNamingSomeoneElseIsRefused()
    {
        var t = Started();
        t.Ok(Alice, new SetJobRole("product manager"));

        Assert.Equal(RejectionCodes.NotYourself, t.Rejected(Facilitator, new SetJobRole("on-call engineer", Alice)));
        Assert.Equal(RejectionCodes.NotYourself, t.Rejected(Bob, new SetJobRole("", Alice)));
        Assert.Equal("product manager", t.State.Participants[Alice].JobRole);
        var refusal = t.Board.Decide(Bob, "op-y", new SetJobRole("x", Alice), t.Now);
        Assert.Equal("Each person gives their own role in the incident; you can change only yours.", refusal.Message);

        var changed = t.Ok(Alice, new SetJobRole("support lead", Alice));
        Assert.Equal("support lead", changed.Events.OfType<ParticipantChanged>().Single().Participant.JobRole);
        t.Ok(Alice, new SetJobRole("  "));
        Assert.Null(t.State.Participants[Alice].JobRole);
    }

    [Fact]
    public void ARejoinWithoutARoleKeepsTheOneGivenBeforeAndAnEmptyOneRemovesIt()
    {
        var t = Started();
        t.Ok("dave", new Join("Dave", "SRE"));
        t.Ok("dave", new Leave());

        t.Ok("dave", new Join("Dave"));
        Assert.Equal("SRE", t.State.Participants["dave"].JobRole);

        t.Ok("dave", new Join("Dave", ""));
        Assert.Null(t.State.Participants["dave"].JobRole);
    }

    [Fact]
    public void SettingYourRoleIsOfferedWhileYouMayChangeTheBoardAndOnlyForYourself()
    {
        var t = Started();
        Assert.True(t.Board.AffordancesFor(Alice).Allows(new SetJobRole("SRE")));
        Assert.False(t.Board.AffordancesFor(Alice).Allows(new SetJobRole("SRE", Bob)));
        Assert.False(t.Board.AffordancesFor(Reader).Allows(new SetJobRole("SRE")));

        t.Ok(Facilitator, new LockBoard());
        Assert.False(t.Board.AffordancesFor(Alice).Allows(new SetJobRole("SRE")));
        Assert.Equal(RejectionCodes.BoardLocked, t.Rejected(Alice, new SetJobRole("SRE")));
    }

    [Fact]
    public void TheRoleTravelsAsJobRoleAndIsAbsentWhenNotGivenSoEarlierBoardsKeepTheirHash()
    {
        var t = Started();
        var json = JsonSerializer.Serialize(t.State.Participants[Alice], CoreJson.Options);
        Assert.DoesNotContain("jobRole", json, StringComparison.Ordinal);

        t.Ok(Alice, new SetJobRole("SRE"));
        Assert.Contains("\"jobRole\":\"SRE\"", JsonSerializer.Serialize(t.State.Participants[Alice], CoreJson.Options), StringComparison.Ordinal);
        Assert.Equal(new SetJobRole("SRE"), CoreJson.DeserializeCommand("""{"type":"setJobRole","jobRole":"SRE"}"""));
        Assert.Equal(new Join("Dave", "SRE"), CoreJson.DeserializeCommand("""{"type":"join","name":"Dave","jobRole":"SRE"}"""));
    }
}
