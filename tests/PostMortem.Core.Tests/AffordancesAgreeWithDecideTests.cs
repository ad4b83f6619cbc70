using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Tests.TestBoard;

namespace PostMortem.Core.Tests;

/// <summary>
/// What a viewer is shown they may do (<see cref="Affordances"/>) and what <see cref="Board.Decide"/> lets
/// them do agree, for every command × role × phase lock × authorship in a generated set of boards (two
/// agendas, four phases, four lock modes, votes hidden or revealed). A client that renders affordances
/// therefore never offers a refused action nor hides an allowed one.
/// </summary>
public sealed class AffordancesAgreeWithDecideTests
{
    private const string Removed = "rem";

    /// <summary>The codes that answer "may this viewer do this now?"; any other code is about the content.
    /// <c>no_phase</c> and <c>no_vote_to_retract</c> are: shown as MayGoBack / MayAdvance and RetractableVotes.</summary>
    private static readonly HashSet<string> PermissionCodes =
    [
        RejectionCodes.BoardLocked, RejectionCodes.PhaseLocked, RejectionCodes.NotFacilitator, RejectionCodes.NotParticipant,
        RejectionCodes.NotAuthor, RejectionCodes.NotOwner, RejectionCodes.ParticipantRemoved, RejectionCodes.WrongPhase,
        RejectionCodes.VotesAlreadyRevealed, RejectionCodes.NoVotesLeft, RejectionCodes.ActionNotReady, RejectionCodes.NoPhase,
        RejectionCodes.NoVoteToRetract, RejectionCodes.AnonymityFixed,
    ];

    private static readonly string[] Viewers = [Facilitator, Alice, Bob, Removed, Reader];

    /// <summary>The authors of the generated content: the facilitator, a participant, and someone later removed.</summary>
    private static readonly string[] Authors = [Facilitator, Alice, Removed];

    public enum LockMode
    {
        None,
        CurrentPhase,
        EveryPhase,
        Board,
    }

    public static TheoryData<AgendaPreset, Phase, LockMode, bool> Boards()
    {
        var data = new TheoryData<AgendaPreset, Phase, LockMode, bool>();
        foreach (var agenda in (AgendaPreset[])[AgendaPreset.Ninety, AgendaPreset.Sixty])
        {
            foreach (var phase in (Phase[])[Phase.Timeline, Phase.RootCause, Phase.Actions, Phase.Close])
            {
                foreach (var lockMode in Enum.GetValues<LockMode>())
                {
                    foreach (var revealed in (bool[])[false, true])
                    {
                        data.Add(agenda, phase, lockMode, revealed);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void AffordancesAgreeWithDecideForEveryCommandRoleLockAndAuthor(AgendaPreset agenda, Phase phase, LockMode lockMode, bool revealed)
    {
        var t = Build(agenda, phase, lockMode, revealed);
        var commands = Commands(t).ToList();
        var checkedPairs = 0;
        foreach (var viewer in Viewers)
        {
            var affordances = t.Board.AffordancesFor(viewer);
            Assert.Equal(affordances, t.Board.ViewFor(viewer).Affordances, AffordancesComparer.Instance);
            foreach (var command in commands)
            {
                var decision = t.Board.Decide(viewer, "fresh-" + checkedPairs, command, t.Now);
                var refused = decision.Kind == DecisionKind.Rejected && PermissionCodes.Contains(decision.Code!);
                var allowed = affordances.Allows(command);
                Assert.True(allowed != refused,
                    $"{viewer} {command}: affordances say {(allowed ? "allowed" : "refused")}, Decide says {decision.Kind} {decision.Code} {decision.Message}");
                checkedPairs++;
            }
        }

        Assert.True(checkedPairs > 400, $"only {checkedPairs} pairs checked");
    }

    [Fact]
    public void LockingAPhaseSendsTheParticipantsTheirNewAffordancesOnly()
    {
        var t = Build(AgendaPreset.Ninety, Phase.Timeline, LockMode.None, revealed: false);
        var events = t.Ok(Facilitator, new LockPhase(Phase.Timeline)).Events.OfType<AffordancesChanged>().ToList();

        Assert.Equal([Alice, Bob], events.Select(e => e.VisibleTo).Order(StringComparer.Ordinal));
        Assert.All(events, e => Assert.Contains(Phase.Timeline, e.Affordances.LockedPhases));
        Assert.Empty(Board.EventsFor(Facilitator, events));
    }

    [Fact]
    public void SixtyMinuteAgendaShowsContributingFactorsOnTheRootCauseScreenAndLocksThemWithIt()
    {
        var t = Build(AgendaPreset.Sixty, Phase.RootCause, LockMode.CurrentPhase, revealed: false);
        var alice = t.Board.AffordancesFor(Alice);

        Assert.Equal([Phase.RootCause, Phase.ContributingFactors], alice.ScreenPhases);
        Assert.Contains(Phase.ContributingFactors, alice.LockedPhases);
        Assert.DoesNotContain(NoteKind.ContributingFactor, alice.AddableNoteKinds);
        Assert.Contains(NoteKind.ContributingFactor, t.Board.AffordancesFor(Facilitator).AddableNoteKinds);
    }

    [Fact]
    public void SixtyMinuteAgendaGivesContributingFactorsAPlaceOnTheRootCauseScreenWhereEveryoneMayAddThem()
    {
        var t = Build(AgendaPreset.Sixty, Phase.RootCause, LockMode.None, revealed: false);
        var alice = t.Board.AffordancesFor(Alice);
        var addFactor = new AddNote("cf-new", NoteKind.ContributingFactor, "No contract test between the services");

        Assert.Equal([Phase.RootCause, Phase.ContributingFactors], alice.ScreenPhases);
        Assert.Contains(NoteKind.ContributingFactor, alice.AddableNoteKinds);
        Assert.True(alice.Allows(addFactor));
        Assert.Equal(DecisionKind.Append, t.Board.Decide(Alice, "cf-op", addFactor, t.Now).Kind);
    }

    [Fact]
    public void AFoldedPhaseIsShownOnItsHostsScreenWhicheverPhaseTheMeetingIsIn()
    {
        var t = Build(AgendaPreset.Sixty, Phase.Actions, LockMode.None, revealed: false);
        var agenda = t.State.Meta.Agenda;

        Assert.Equal([Phase.Actions], t.Board.AffordancesFor(Alice).ScreenPhases);
        Assert.Equal([Phase.RootCause, Phase.ContributingFactors], AgendaFolding.ScreenPhases(agenda, Phase.RootCause));
        Assert.Empty(AgendaFolding.ScreenPhases(agenda, Phase.ContributingFactors));
        Assert.Equal(Phase.RootCause, AgendaFolding.ShownOn(agenda, Phase.ContributingFactors));
        Assert.Equal([Phase.ContributingFactors], AgendaFolding.ScreenPhases(BoardDefaults.Ninety, Phase.ContributingFactors));
        Assert.Equal([Phase.RootCause], AgendaFolding.ScreenPhases(BoardDefaults.Ninety, Phase.RootCause));
    }

    [Fact]
    public void ReadyStaysAllowedInALockedPhase()
    {
        var t = Build(AgendaPreset.Ninety, Phase.Timeline, LockMode.CurrentPhase, revealed: false);

        Assert.True(t.Board.AffordancesFor(Alice).MaySetReady);
        Assert.Equal(DecisionKind.Append, t.Board.Decide(Alice, "r1", new SetReady(true), t.Now).Kind);
    }

    private static TestBoard Build(AgendaPreset agenda, Phase phase, LockMode lockMode, bool revealed)
    {
        var t = new TestBoard();
        t.Ok(Facilitator, Create(agenda));
        t.Ok(Alice, new Join("Alice"));
        t.Ok(Bob, new Join("Bob"));
        t.Ok(Removed, new Join("Rem"));
        foreach (var author in Authors)
        {
            t.Ok(author, new AddNote($"ev-{author}", NoteKind.Event, "API change deployed", Incident));
            t.Ok(author, new AddNote($"cf-{author}", NoteKind.ContributingFactor, "no contract test"));
            t.Ok(author, new AddNote($"act-{author}", NoteKind.Action, "add a contract test"));
            t.Ok(author, new StartChain($"ch-{author}", "reconciliation failed"));
            foreach (var stepAuthor in Authors)
            {
                t.Ok(stepAuthor, new AddWhyStep($"ch-{author}", $"st-{author}-{stepAuthor}", "why?", "because"));
            }

            // The facilitator's action is left without a due date: not ready, so nobody may acknowledge it.
            t.Ok(Facilitator, new SetActionDetails($"act-{author}", Owner: author, OwnerParticipantId: author,
                DueDate: author == Facilitator ? null : new DateOnly(2026, 3, 20)));
            t.Ok(Facilitator, new ChooseAction($"act-{author}", true));
        }

        t.AdvanceTo(Phase.Actions);
        t.Ok(Alice, new CastVote("act-fac"));
        t.Ok(Removed, new CastVote("act-alice"));
        if (revealed)
        {
            t.Ok(Facilitator, new RevealVotes());
        }

        t.Ok(Facilitator, new RemoveParticipant(Removed));
        t.AdvanceTo(phase);
        switch (lockMode)
        {
            case LockMode.CurrentPhase:
                t.Ok(Facilitator, new LockPhase(t.State.Meta.Phase));
                break;
            case LockMode.EveryPhase:
                foreach (var slot in t.State.Meta.Agenda)
                {
                    t.Ok(Facilitator, new LockPhase(slot.Phase));
                }

                break;
            case LockMode.Board:
                t.Ok(Facilitator, new LockBoard());
                break;
        }

        return t;
    }

    /// <summary>Every command type, aimed at each author's note, chain and step where it takes a target.</summary>
    private static IEnumerable<BoardCommand> Commands(TestBoard t)
    {
        yield return new SignOffActions("Robin");
        yield return new Join("Back again");
        yield return new ReclaimFacilitator();
        yield return new Rename("New name");
        yield return new Leave();
        yield return new AgreePrimeDirective(true);
        yield return new SetReady(true);
        yield return new UpdateDetails("t", Incident, IncidentType.Other, 3);
        yield return new SetAgenda(AgendaPreset.Ninety);
        yield return new SetTimeZone("Europe/Berlin");
        yield return new SetPrimeDirective("Be kind.");
        yield return new ShowPrimeDirective(true);
        yield return new ImportTimeline("2026-03-03 16:47 x", "imp");
        yield return new RemoveParticipant(Bob);
        yield return new HandOver(Bob);
        yield return new AdvancePhase();
        yield return new GoBackPhase();
        yield return new LockPhase(Phase.Timeline);
        yield return new UnlockPhase(Phase.Timeline);
        yield return new LockBoard();
        yield return new UnlockBoard();
        yield return new StartTimer(60);
        yield return new PauseTimer();
        yield return new ResumeTimer();
        yield return new ExtendTimer(60);
        yield return new ResetTimer();
        yield return new SetVoteLimit(5);
        yield return new RevealVotes();
        yield return new SetTieBreakOrder(["act-alice", "act-fac"]);
        yield return new SetClose("summary", "impact", null);
        yield return new StartChain("ch-new", "symptom");
        // Every content phase holds content here, so only "no change" is allowed (anonymity_fixed otherwise).
        yield return new SetAnonymity([]);
        yield return new SetAnonymity([Phase.Actions]);
        foreach (var kind in Enum.GetValues<NoteKind>())
        {
            yield return new AddNote("n-new-" + kind, kind, "text", kind is NoteKind.Event or NoteKind.Signal ? Incident : null);
        }

        foreach (var author in Authors)
        {
            foreach (var note in (string[])[$"ev-{author}", $"cf-{author}", $"act-{author}"])
            {
                if (!t.State.Notes.ContainsKey(note))
                {
                    continue;
                }

                yield return new EditNote(note, "changed");
                yield return new MoveNote(note, Position: 2);
                yield return new DeleteNote(note);
            }

            yield return new MarkKeyMoment($"ev-{author}", KeyMoment.Trigger);
            yield return new SetActionDetails($"act-{author}", TrackerUrl: "https://tracker.example/1");
            yield return new ChooseAction($"act-{author}", false);
            yield return new CastVote($"act-{author}");
            yield return new AcknowledgeAction($"act-{author}");
            yield return new UpdateActionStatus($"act-{author}", ActionStatus.InProgress);
            yield return new EditChain($"ch-{author}", "changed");
            yield return new RemoveChain($"ch-{author}");
            yield return new MarkRootCause($"ch-{author}", $"st-{author}-{author}");
            yield return new AddWhyStep($"ch-{author}", $"st-new-{author}", "why?", "because");
            foreach (var stepAuthor in Authors)
            {
                yield return new EditWhyStep($"ch-{author}", $"st-{author}-{stepAuthor}", "why?", "changed");
                yield return new RemoveWhyStep($"ch-{author}", $"st-{author}-{stepAuthor}");
            }
        }

        yield return new RetractVote("act-fac");
    }

    private sealed class AffordancesComparer : IEqualityComparer<Affordances>
    {
        public static readonly AffordancesComparer Instance = new();

        public bool Equals(Affordances? x, Affordances? y) =>
            x is not null && y is not null
            && System.Text.Json.JsonSerializer.Serialize(x, CoreJson.Context.Affordances) == System.Text.Json.JsonSerializer.Serialize(y, CoreJson.Context.Affordances);

        public int GetHashCode(Affordances obj) => 0;
    }
}
