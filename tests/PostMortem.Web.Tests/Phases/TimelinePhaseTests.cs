using Bunit;
using PostMortem.Client;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Web.Client.Phases;
using PostMortem.Web.Tests.Fakes;
using Xunit;

namespace PostMortem.Web.Tests.Phases;

public sealed class TimelinePhaseTests : PhaseTestBase
{
    private static readonly DateTimeOffset Incident = new(2026, 3, 3, 15, 47, 0, TimeSpan.Zero);

    [Fact]
    public void AddingANoteSendsAddNoteAtTheChosenTimeAndShowsItInItsLane()
    {
        var session = Board(FakeBoardSession.Alice, Phase.Timeline);
        var cut = RenderUnder<TimelinePhase>(session);

        cut.Find("#timeline-lane").Change("signal");
        Field(cut, "When (UTC)").Change("2026-03-04T05:45");
        Field(cut, "What happened?").Input("No alert fired on the reconciliation output");
        cut.Find("form.add-note").Submit();

        var add = Assert.Single(SentOf<AddNote>(session));
        Assert.Equal((NoteKind.Signal, "No alert fired on the reconciliation output", new DateTimeOffset(2026, 3, 4, 5, 45, 0, TimeSpan.Zero)), (add.Kind, add.Text, add.OccurredAt));
        cut.WaitForAssertion(() => Assert.Contains("No alert fired", cut.Find(".spine-cell.signal [data-testid=note]").TextContent, StringComparison.Ordinal));
        Assert.Equal("", Field(cut, "What happened?").GetAttribute("value"));
    }

    [Fact]
    public void ANoteOnItsWayIsShownAsSendingAndNotAsABoardNoteUntilItsEntryArrives()
    {
        var session = Board(FakeBoardSession.Alice, Phase.Timeline);
        session.PendingCommands =
        [
            new PendingCommand("op-x", new AddNote("n-x", NoteKind.Event, "Deploy rolled back", Incident), null),
            new PendingCommand("op-y", new AddNote("n-y", NoteKind.ContributingFactor, "Not on this screen"), null),
        ];
        var cut = RenderUnder<TimelinePhase>(session);

        var pending = Assert.Single(cut.FindAll("[data-testid=pending-note]"));
        Assert.Equal("Deploy rolled back", pending.QuerySelector(".note-text")!.TextContent);
        Assert.Equal("sending…", pending.QuerySelector(".sending")!.TextContent);
        Assert.Empty(cut.FindAll(".spine-cell [data-testid=note]"));

        session.PendingCommands = [];
        session.As(FakeBoardSession.Alice, new AddNote("n-x", NoteKind.Event, "Deploy rolled back", Incident));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=pending-note]")));
        Assert.Contains("Deploy rolled back", cut.Find(".spine-cell [data-testid=note]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AParticipantOnALockedPhaseIsToldSoAndGetsNoField()
    {
        var session = Board(FakeBoardSession.Alice, Phase.Timeline);
        session.As(FakeBoardSession.Facilitator, new LockPhase(Phase.Timeline));
        var cut = RenderUnder<TimelinePhase>(session);

        Assert.All(cut.FindAll("[data-testid=locked-notice]"), n => Assert.Equal("This phase is locked by the facilitator.", n.TextContent.Trim()));
        Assert.Equal(2, cut.FindAll("[data-testid=locked-notice]").Count); // the timeline form and the parking lot's
        Assert.Empty(cut.FindAll("form.add-note"));
        Assert.DoesNotContain(cut.FindAll("label"), l => l.TextContent == "What happened?");
    }

    [Fact]
    public void ALockArrivingWhileOpenReplacesTheField()
    {
        var session = Board(FakeBoardSession.Alice, Phase.Timeline);
        var cut = RenderUnder<TimelinePhase>(session);
        Assert.NotEmpty(cut.FindAll("form.add-note"));

        session.As(FakeBoardSession.Facilitator, new LockPhase(Phase.Timeline));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("form.add-note")));
        Assert.NotEmpty(cut.FindAll("[data-testid=locked-notice]"));
    }

    [Fact]
    public void KeyMomentsGiveGapsAndTheLargestIsCalledOut()
    {
        var session = Board(FakeBoardSession.Facilitator, Phase.Timeline);
        session.As(FakeBoardSession.Alice, new AddNote("n1", NoteKind.Event, "API change deployed", Incident));
        session.As(FakeBoardSession.Alice, new AddNote("n2", NoteKind.Event, "Job ran on the new shape", Incident.AddHours(3)));
        session.As(FakeBoardSession.Alice, new AddNote("n3", NoteKind.Signal, "Customer emails", Incident.AddHours(15).AddMinutes(43)));
        var cut = RenderUnder<TimelinePhase>(session);
        Assert.NotNull(cut.Find(".gap-empty"));

        cut.Find("#km-n1").Change("Trigger");
        cut.Find("#km-n2").Change("ImpactStart");
        cut.Find("#km-n3").Change("Detected");

        Assert.Equal([KeyMoment.Trigger, KeyMoment.ImpactStart, KeyMoment.Detected], SentOf<MarkKeyMoment>(session).Select(m => m.Moment!.Value));
        cut.WaitForAssertion(() => Assert.Contains("12 h 43 min", cut.Find("[data-testid=largest-gap]").TextContent, StringComparison.Ordinal));
        Assert.Contains("symptom → detection", cut.Find(".gap-headline").TextContent, StringComparison.Ordinal);
        Assert.Equal(3, cut.FindAll(".axis-flag").Count);
        Assert.Contains("12 h 43 min later", cut.Find(".spine-silence.largest").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyMomentsAndMovesAreOfferedOnlyToThoseAllowed()
    {
        var session = Board(FakeBoardSession.Bob, Phase.Timeline);
        session.As(FakeBoardSession.Alice, new AddNote("n1", NoteKind.Event, "API change deployed", Incident));
        session.As(FakeBoardSession.Bob, new AddNote("n2", NoteKind.Event, "Bob's own note", Incident.AddMinutes(5)));
        var cut = RenderUnder<TimelinePhase>(session);

        Assert.NotEmpty(cut.FindAll("#km-n1"));
        Assert.False(HasButton(cut, "Move to signals: API change deployed"));
        Assert.False(HasButton(cut, "Edit note: API change deployed"));
        Button(cut, "Move to signals: Bob's own note").Click();

        Assert.Equal(NoteKind.Signal, Assert.Single(SentOf<MoveNote>(session)).Kind);
        cut.WaitForAssertion(() => Assert.Contains("Bob's own note", string.Concat(cut.FindAll(".spine-cell.signal").Select(c => c.TextContent)), StringComparison.Ordinal));

        session.As(FakeBoardSession.Facilitator, new LockPhase(Phase.Timeline));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#km-n1")));
        Assert.False(HasButton(cut, "Move to events: Bob's own note"));
    }

    [Fact]
    public void ParkingAQuestionAddsAParkingLotNote()
    {
        var session = Board(FakeBoardSession.Bob, Phase.Timeline);
        var cut = RenderUnder<TimelinePhase>(session);

        Field(cut, "Park a question").Input("Why does the job not validate what it reads?");
        cut.Find("form.add-parkingLot").Submit();

        Assert.Equal(NoteKind.ParkingLot, Assert.Single(SentOf<AddNote>(session)).Kind);
        cut.WaitForAssertion(() => Assert.Contains("Why does the job not validate", cut.Find(".parking-lot .note").TextContent, StringComparison.Ordinal));
    }
}
