using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Core.WriteUp;

namespace PostMortem.Core.Tests;

/// <summary>PRODUCT.md's worked example, the "pause subscription" incident, from creation to lock.</summary>
public sealed class WorkedExampleTests
{
    private const string Fac = "fran";
    private const string Priya = "priya";
    private const string Sam = "sam";
    private const string Lee = "lee";
    private static readonly DateOnly NextFriday = new(2026, 3, 13);
    private static readonly DateOnly EndOfSprint = new(2026, 3, 20);

    private const string RootCause = "no mechanism for one squad to know what another is changing";

    private const string PreWork = """
        2026-03-03 16:47 API change for "pause subscription" deployed
        2026-03-04 05:30 Overnight reconciliation job ran against the new response shape
        2026-03-04 05:31 [signal] No alert fired: the reconciliation job is unmonitored
        around lunch: rollback discussed
        2026-03-04 09:00 signal: First customer emails about the wrong produce
        2026-03-04 09:15 Founder calls the affected customers
        2026-03-04 09:35 On-call engineer identifies the format mismatch

        2026-03-04 11:14 Fix deployed
        """;

    [Fact]
    public void PauseSubscriptionIncidentFromCreationToLockedWriteUp()
    {
        var t = Play();

        var derived = t.Board.ViewFor("reader-dana").Derived;
        Assert.False(derived.LateMeeting);
        Assert.Equal(RootCause, derived.RootCause);

        var writeUp = t.Board.WriteUp();
        Assert.Equal(7, writeUp.Timeline.Count);
        Assert.Equal(("2026-03-03 16:47", NoteKind.Event, (KeyMoment?)KeyMoment.Trigger), (writeUp.Timeline[0].Local, writeUp.Timeline[0].Lane, writeUp.Timeline[0].KeyMoment));
        Assert.Equal(("2026-03-04 11:14", "Fix deployed"), (writeUp.Timeline[^1].Local, writeUp.Timeline[^1].Text));
        Assert.Equal(RootCause, writeUp.RootCause);
        Assert.Equal("changeToSymptom", writeUp.LargestGap);
        Assert.Equal(6, writeUp.Chains.Single().Steps.Count);
        Assert.True(writeUp.Chains.Single().Steps[^1].IsRootCause);
        Assert.Equal(3, writeUp.ContributingFactors.Count);
        Assert.Equal(
            // In ranking order: the facilitator broke the 3-3 tie for the notification.
            [("Cross-squad notification for shared-API changes", "Sam", NextFriday, 3), ("Contract tests across the two services", "Priya", NextFriday, 3), ("Schema-mismatch alerts on reconciliation", "Lee", EndOfSprint, 2)],
            writeUp.Actions.Select(a => (a.Text, a.Owner!, a.DueDate!.Value, a.Votes)));
        Assert.All(writeUp.Actions, a => Assert.True(a.Acknowledged));
        Assert.Equal("Dana", writeUp.SignOffs.Single().Name);

        var md = WriteUpMarkdown.Render(writeUp);
        Assert.Contains("# Post-mortem: Pause subscription broke reconciliation", md, StringComparison.Ordinal);
        Assert.Contains("| 2026-03-03 16:47 | event | API change for \"pause subscription\" deployed | trigger |", md, StringComparison.Ordinal);
        Assert.Contains("Change → symptom: 12 h 43 min — **largest gap**", md, StringComparison.Ordinal);
        Assert.Contains("## Root cause\n\n" + RootCause, md, StringComparison.Ordinal);
        Assert.Contains("| Contract tests across the two services ([ticket](https://tracker.example/SUB-101)) | Priya ✓ | 2026-03-13 | long-term improvement | open | 3 |", md, StringComparison.Ordinal);
        Assert.Contains("| Schema-mismatch alerts on reconciliation | Lee ✓ | 2026-03-20 | short-term fix | in progress | 2 |", md, StringComparison.Ordinal);
        Assert.Contains("Follow-up on 2026-03-20.", md, StringComparison.Ordinal);
        Assert.Contains("- Dana, ", md, StringComparison.Ordinal);

        var anonymous = t.Board.WriteUp(namesAsRoles: true);
        Assert.Equal(["participant 2", "participant 1", "participant 3"], anonymous.Actions.Select(a => a.Owner));
        var json = System.Text.Json.JsonSerializer.Serialize(anonymous, CoreJson.Context.WriteUpModel);
        Assert.DoesNotContain("Priya", json, StringComparison.Ordinal);
        Assert.Contains("\"rootCause\":\"" + RootCause + "\"", json, StringComparison.Ordinal);
    }

    /// <summary>The meeting itself, from creation to a locked board, with the checks along the way; its
    /// <see cref="TestBoard.Applied"/> results are what every viewer received (ViewReplicaTests replays them).</summary>
    internal static TestBoard Play()
    {
        var t = new TestBoard();
        // Berlin time: 16:47 local is 15:47 UTC, so the write-up must convert back.
        t.Ok(Fac, new CreateBoard("Pause subscription broke reconciliation", new DateTimeOffset(2026, 3, 3, 15, 47, 0, TimeSpan.Zero),
            IncidentType.Integration, 2, "Fran", AgendaPreset.Ninety, TimeZone: "Europe/Berlin"));

        // Pre-work: the draft timeline, one bad line reported and skipped.
        var import = t.Ok(Fac, new ImportTimeline(PreWork, "pre"));
        var error = Assert.Single(import.Outcome.ImportErrors!);
        Assert.Equal((4, "around lunch: rollback discussed"), (error.Line, error.Text));
        Assert.Equal(7, t.State.Notes.Count);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 15, 47, 0, TimeSpan.Zero), t.State.Notes["pre-1"].OccurredAt);
        Assert.Equal(NoteKind.Signal, t.State.Notes["pre-3"].Kind);

        t.Ok(Priya, new Join("Priya"));
        t.Ok(Sam, new Join("Sam"));
        t.Ok(Lee, new Join("Lee"));

        // Set the room.
        t.Ok(Fac, new ShowPrimeDirective(true));
        t.Ok(Priya, new AgreePrimeDirective(true));
        t.Ok(Fac, new AdvancePhase());

        // Timeline: key moments and the gaps between them.
        t.Ok(Fac, new StartTimer());
        t.Ok(Sam, new MarkKeyMoment("pre-1", KeyMoment.Trigger));
        t.Ok(Sam, new MarkKeyMoment("pre-2", KeyMoment.ImpactStart));
        t.Ok(Priya, new MarkKeyMoment("pre-5", KeyMoment.Detected));
        t.Ok(Priya, new MarkKeyMoment("pre-6", KeyMoment.Mitigated));
        var resolved = t.Ok(Priya, new MarkKeyMoment("pre-9", KeyMoment.Resolved));
        var gaps = Assert.Single(resolved.Events.OfType<DerivedChanged>()).Derived;
        Assert.Equal("changeToSymptom", gaps.LargestGap);
        Assert.Equal(12 * 60 + 43, gaps.Gaps.Single(g => g.Name == "changeToSymptom").Minutes);
        t.Ok(Lee, new AddNote("park-1", NoteKind.ParkingLot, "Why does the job not validate its input?"));
        t.Ok(Fac, new LockPhase(Phase.Timeline));
        t.Ok(Fac, new AdvancePhase());

        // Root cause: one chain of six steps; a person-shaped answer is caught and replaced.
        t.Ok(Priya, new StartChain("why-1", "Customers received the wrong product"));
        string[] answers =
        [
            "The allocation list sent to packing was wrong",
            "The reconciliation job produced bad data",
            "The upstream API format changed",
            "There is no schema validation on the consumer side",
            "There is no contract test between the two services",
        ];
        for (var i = 0; i < answers.Length; i++)
        {
            t.Ok(Priya, new AddWhyStep("why-1", "step-" + (i + 1), "Why?", answers[i]));
        }

        var early = t.Ok(Sam, new AddWhyStep("why-1", "step-x", "Why is there no contract test?", "because the developer didn't check"));
        Assert.Equal(["why-1"], Assert.Single(early.Events.OfType<DerivedChanged>()).Derived.StoppedTooEarly);
        t.Ok(Sam, new RemoveWhyStep("why-1", "step-x"));
        t.Ok(Sam, new AddWhyStep("why-1", "step-6", "Why is there no contract test?", RootCause));
        t.Ok(Priya, new MarkRootCause("why-1", "step-6"));
        t.Ok(Fac, new AdvancePhase());

        // Contributing factors.
        t.Ok(Lee, new AddNote("cf-1", NoteKind.ContributingFactor, "The reconciliation job runs unmonitored overnight"));
        t.Ok(Sam, new AddNote("cf-2", NoteKind.ContributingFactor, "The API change went out late on a Tuesday afternoon"));
        t.Ok(Priya, new AddNote("cf-3", NoteKind.ContributingFactor, "Consumer docs still described the old response shape"));
        t.Ok(Fac, new AdvancePhase());

        // Actions: brainstorm, vote in secret, reveal, force-rank, choose three, own and date them.
        t.Ok(Priya, new AddNote("act-contract", NoteKind.Action, "Contract tests across the two services"));
        t.Ok(Sam, new AddNote("act-notify", NoteKind.Action, "Cross-squad notification for shared-API changes"));
        t.Ok(Lee, new AddNote("act-alerts", NoteKind.Action, "Schema-mismatch alerts on reconciliation"));
        t.Ok(Lee, new AddNote("act-freeze", NoteKind.Action, "No deploys after 16:00"));
        foreach (var (voter, votes) in new[]
        {
            (Priya, new[] { "act-contract", "act-contract", "act-notify" }),
            (Sam, new[] { "act-notify", "act-contract", "act-alerts" }),
            (Lee, new[] { "act-alerts", "act-notify", "act-freeze" }),
        })
        {
            foreach (var id in votes)
            {
                t.Ok(voter, new CastVote(id));
            }
        }

        Assert.Empty(t.Board.ViewFor(Sam).Derived.Ranking);
        t.Ok(Fac, new RevealVotes());
        Assert.Equal(["act-contract", "act-notify", "act-alerts", "act-freeze"], t.Board.ViewFor(Sam).Derived.Ranking);
        t.Ok(Fac, new SetTieBreakOrder(["act-notify"]));
        Assert.Equal(["act-notify", "act-contract", "act-alerts", "act-freeze"], t.Board.ViewFor(Sam).Derived.Ranking);
        foreach (var id in (string[])["act-contract", "act-notify", "act-alerts"])
        {
            t.Ok(Fac, new ChooseAction(id, true));
        }

        Assert.Equal(3, t.Board.ViewFor(Fac).Derived.NotReadyActions.Count);
        Assert.Equal(RejectionCodes.OwnerNotAPerson, t.Rejected(Fac, new SetActionDetails("act-notify", Owner: "the platform team")));
        t.Ok(Fac, new SetActionDetails("act-contract", OwnerParticipantId: Priya, DueDate: NextFriday, ActionKind: ActionKind.LongTerm, TrackerUrl: "https://tracker.example/SUB-101"));
        t.Ok(Fac, new SetActionDetails("act-notify", OwnerParticipantId: Sam, DueDate: NextFriday, ActionKind: ActionKind.LongTerm));
        t.Ok(Lee, new SetActionDetails("act-alerts", OwnerParticipantId: Lee, DueDate: EndOfSprint, ActionKind: ActionKind.ShortTerm));
        Assert.Empty(t.Board.ViewFor(Fac).Derived.NotReadyActions);
        t.Ok(Fac, new AdvancePhase());

        // Close: each owner says yes, the summary is written, a reader signs off, the board is locked.
        t.Ok(Priya, new AcknowledgeAction("act-contract"));
        t.Ok(Sam, new AcknowledgeAction("act-notify"));
        t.Ok(Lee, new AcknowledgeAction("act-alerts"));
        t.Ok(Fac, new SetClose(
            "An API change for pausing subscriptions changed a response shape that the unmonitored overnight reconciliation job consumed, so it produced wrong allocations.",
            "Three customers received produce they are allergic to; 6.5 hours from bad allocations to the fix.",
            EndOfSprint));
        t.Ok("reader-dana", new SignOffActions("Dana"));
        t.Ok(Fac, new LockBoard());
        Assert.Equal(RejectionCodes.BoardLocked, t.Rejected(Sam, new AddNote("late", NoteKind.Event, "x")));
        t.Ok(Lee, new UpdateActionStatus("act-alerts", ActionStatus.InProgress));
        return t;
    }
}
