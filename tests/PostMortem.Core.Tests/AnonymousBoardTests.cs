using System.Text.Json;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using static PostMortem.Core.Tests.TestBoard;

namespace PostMortem.Core.Tests;

/// <summary>
/// Anonymous boards (issue 14, claims 47–49): authors of an anonymous phase's content are hidden from every viewer
/// but themselves — in views and in events, like secret votes — the facilitator still moderates, and whether a phase
/// is anonymous is fixed once it starts or holds content.
/// </summary>
public sealed class AnonymousBoardTests
{
    private static readonly string[] Everyone = [Facilitator, Alice, Bob, Reader];

    private static TestBoard AnonymousBoard(params Phase[] phases)
    {
        var t = new TestBoard();
        t.Ok(Facilitator, Create() with { AnonymousPhases = phases });
        t.Ok(Alice, new Join("Alice"));
        t.Ok(Bob, new Join("Bob"));
        return t;
    }

    private static string AuthorSeenBy(TestBoard t, string viewer, string noteId) =>
        t.Board.ViewFor(viewer).Notes.Single(n => n.Id == noteId).AuthorId;

    [Fact]
    public void TheViewHidesAnAnonymousNotesAuthorFromEveryoneButTheAuthor()
    {
        var t = AnonymousBoard(Phase.Timeline);
        t.AdvanceTo(Phase.Timeline);
        t.Ok(Alice, new AddNote("ev-1", NoteKind.Event, "API change deployed", Incident));

        Assert.Equal(Alice, AuthorSeenBy(t, Alice, "ev-1"));
        Assert.Equal("", AuthorSeenBy(t, Bob, "ev-1"));
        Assert.Equal("", AuthorSeenBy(t, Facilitator, "ev-1"));
        Assert.Equal("", AuthorSeenBy(t, Reader, "ev-1"));
        Assert.Equal(Alice, t.State.Notes["ev-1"].AuthorId); // the state itself still knows
    }

    [Fact]
    public void AnAnonymousPhaseLeavesTheOthersNamed()
    {
        var t = AnonymousBoard(Phase.Timeline);
        t.AdvanceTo(Phase.ContributingFactors);
        t.Ok(Alice, new AddNote("cf-1", NoteKind.ContributingFactor, "No contract test between the services"));

        Assert.Equal(Alice, AuthorSeenBy(t, Bob, "cf-1"));
        Assert.False(t.Applied[^1].ActorHidden);
        Assert.Equal(Alice, t.Applied[^1].ActorIdFor(Bob));
    }

    [Fact]
    public void AnAnonymousNotesEventGivesTheAuthorTheirOwnCopyAndEveryoneElseAMaskedOne()
    {
        var t = AnonymousBoard(Phase.Timeline);
        t.AdvanceTo(Phase.Timeline);
        var events = t.Ok(Alice, new AddNote("ev-1", NoteKind.Event, "API change deployed", Incident)).Events;

        foreach (var viewer in Everyone)
        {
            var notes = Board.EventsFor(viewer, events).OfType<NoteChanged>().ToList();
            var note = Assert.Single(notes);
            Assert.Equal(viewer == Alice ? Alice : "", note.Note.AuthorId);
            Assert.Equal("API change deployed", note.Note.Text);
        }
    }

    [Fact]
    public void NoEventAnotherViewerGetsForAnAnonymousNoteNamesItsAuthor()
    {
        var t = AnonymousBoard(Phase.Timeline);
        t.AdvanceTo(Phase.Timeline);
        var results = new[]
        {
            t.Ok(Alice, new AddNote("ev-1", NoteKind.Event, "API change deployed", Incident)),
            t.Ok(Alice, new EditNote("ev-1", "API change deployed to production")),
            t.Ok(Alice, new MoveNote("ev-1", NoteKind.Signal)),
            t.Ok(Bob, new MarkKeyMoment("ev-1", KeyMoment.Trigger)),
        };

        foreach (var r in results)
        {
            var forBob = JsonSerializer.Serialize(Board.EventsFor(Bob, r.Events), CoreJson.Context.IReadOnlyListBoardEvent);
            var forAlice = JsonSerializer.Serialize(Board.EventsFor(Alice, r.Events), CoreJson.Context.IReadOnlyListBoardEvent);
            Assert.DoesNotContain($"\"{Alice}\"", forBob, StringComparison.Ordinal);
            Assert.Contains($"\"authorId\":\"{Alice}\"", forAlice, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ChainEventsAndViewsShowEachAuthorOnlyTheirOwnIds()
    {
        var t = AnonymousBoard(Phase.RootCause);
        t.AdvanceTo(Phase.RootCause);
        t.Ok(Alice, new StartChain("ch-1", "Reconciliation failed"));
        var r = t.Ok(Bob, new AddWhyStep("ch-1", "st-1", "Why?", "The pause flag was not sent"));

        foreach (var viewer in Everyone)
        {
            var chain = Assert.Single(Board.EventsFor(viewer, r.Events).OfType<ChainChanged>()).Chain;
            var viewed = t.Board.ViewFor(viewer).Chains.Single();
            foreach (var seen in (WhyChain[])[chain, viewed])
            {
                Assert.Equal(viewer == Alice ? Alice : "", seen.AuthorId);
                Assert.Equal(viewer == Bob ? Bob : "", seen.Steps.Single().AuthorId);
            }
        }

        Assert.True(r.ActorHidden);
        Assert.Equal("", r.ActorIdFor(Alice));
        Assert.Equal(Bob, r.ActorIdFor(Bob));
    }

    [Fact]
    public void TheAuthorMayStillEditTheirOwnAnonymousNoteAndNobodyElseButTheFacilitator()
    {
        var t = AnonymousBoard(Phase.Timeline);
        t.AdvanceTo(Phase.Timeline);
        t.Ok(Alice, new AddNote("ev-1", NoteKind.Event, "API change deployed", Incident));

        Assert.True(t.Board.AffordancesFor(Alice).MayEditNote("ev-1"));
        Assert.False(t.Board.AffordancesFor(Bob).MayEditNote("ev-1"));
        Assert.Equal(RejectionCodes.NotAuthor, t.Rejected(Bob, new EditNote("ev-1", "mine now")));
        t.Ok(Alice, new EditNote("ev-1", "API change deployed at 16:47"));
    }

    [Fact]
    public void TheFacilitatorCanStillEditAndRemoveAnAnonymousNote()
    {
        var t = AnonymousBoard(Phase.Timeline);
        t.AdvanceTo(Phase.Timeline);
        t.Ok(Alice, new AddNote("ev-1", NoteKind.Event, "Alice broke it", Incident));

        Assert.True(t.Board.AffordancesFor(Facilitator).MayEditNote("ev-1"));
        t.Ok(Facilitator, new EditNote("ev-1", "The change broke it"));
        var removed = t.Ok(Facilitator, new DeleteNote("ev-1"));

        Assert.Contains(removed.Events, e => e is NoteRemoved { NoteId: "ev-1" });
        Assert.Empty(t.State.Notes);
        Assert.True(removed.ActorHidden); // decided on the board before the note went
    }

    [Fact]
    public void AnAnonymousEntrysActorIsHiddenFromEveryoneButTheActorEvenWhenRefused()
    {
        var t = AnonymousBoard(Phase.Timeline);
        t.AdvanceTo(Phase.Timeline);
        var added = t.Ok(Alice, new AddNote("ev-1", NoteKind.Event, "API change deployed", Incident));
        t.Rejected(Alice, new AddNote("ev-1", NoteKind.Event, "the same id again", Incident));
        var refused = t.Applied[^1];

        foreach (var r in (ApplyResult[])[added, refused])
        {
            Assert.True(r.ActorHidden);
            Assert.Equal(Alice, r.ActorIdFor(Alice));
            Assert.Equal("", r.ActorIdFor(Bob));
            Assert.Equal("", r.ActorIdFor(Facilitator));
        }

        Assert.False(t.Ok(Facilitator, new StartTimer(60)).ActorHidden);
    }

    [Fact]
    public void TheWholeBoardHidesNotesChainsAndActions()
    {
        var t = AnonymousBoard(Phase.Actions, Phase.RootCause, Phase.Timeline, Phase.ContributingFactors, Phase.Actions);
        Assert.Equal([Phase.Timeline, Phase.RootCause, Phase.ContributingFactors, Phase.Actions], t.State.Meta.AnonymousPhases);
        t.AdvanceTo(Phase.Timeline);
        t.Ok(Alice, new AddNote("ev-1", NoteKind.Event, "x", Incident));
        t.Ok(Alice, new AddNote("pk-1", NoteKind.ParkingLot, "why was the flag off?"));
        t.AdvanceTo(Phase.RootCause);
        t.Ok(Alice, new StartChain("ch-1", "y"));
        t.AdvanceTo(Phase.ContributingFactors);
        t.Ok(Alice, new AddNote("cf-1", NoteKind.ContributingFactor, "z"));
        t.AdvanceTo(Phase.Actions);
        t.Ok(Alice, new AddNote("act-1", NoteKind.Action, "add a contract test"));

        var bob = t.Board.ViewFor(Bob);
        Assert.All(bob.Notes, n => Assert.Equal("", n.AuthorId));
        Assert.Equal("", bob.Chains.Single().AuthorId);
        Assert.All(t.Board.ViewFor(Alice).Notes, n => Assert.Equal(Alice, n.AuthorId));
        Assert.Equal([Phase.Timeline, Phase.RootCause, Phase.ContributingFactors, Phase.Actions], bob.Affordances.AnonymousPhases);
        Assert.True(bob.Affordances.IsAnonymous(Phase.Actions));
    }

    [Fact]
    public void TheFacilitatorMayMakeAPhaseAnonymousBeforeItStarts()
    {
        var t = Started();
        t.AdvanceTo(Phase.Timeline);
        var choices = t.Board.AffordancesFor(Facilitator).AnonymityChoices;
        Assert.Equal([Phase.RootCause, Phase.ContributingFactors, Phase.Actions], choices);
        Assert.Empty(t.Board.AffordancesFor(Alice).AnonymityChoices);

        var r = t.Ok(Facilitator, new SetAnonymity([Phase.Actions, Phase.RootCause]));

        Assert.Equal([Phase.RootCause, Phase.Actions], t.State.Meta.AnonymousPhases);
        Assert.Contains(r.Events, e => e is MetaChanged m && m.Meta.AnonymousPhases.SequenceEqual([Phase.RootCause, Phase.Actions]));
        Assert.Contains(r.Events, e => e is AffordancesChanged { VisibleTo: Alice } a && a.Affordances.IsAnonymous(Phase.RootCause));
    }

    [Fact]
    public void AnonymityCannotChangeOnceThePhaseHasStarted()
    {
        var t = AnonymousBoard(Phase.Timeline);
        t.AdvanceTo(Phase.Timeline);

        Assert.Equal(RejectionCodes.AnonymityFixed, t.Rejected(Facilitator, new SetAnonymity([])));
        Assert.Equal(RejectionCodes.AnonymityFixed, t.Rejected(Facilitator, new SetAnonymity([Phase.RootCause])));
        Assert.False(t.Board.AffordancesFor(Facilitator).Allows(new SetAnonymity([])));
        Assert.Equal([Phase.Timeline], t.State.Meta.AnonymousPhases);
    }

    [Fact]
    public void AnonymityCannotChangeForAPhaseThatAlreadyHoldsContent()
    {
        var t = Started();
        t.Ok(Facilitator, new ImportTimeline("2026-03-03 16:47 API change deployed", "imp"));

        Assert.DoesNotContain(Phase.Timeline, t.Board.AffordancesFor(Facilitator).AnonymityChoices);
        Assert.Equal(RejectionCodes.AnonymityFixed, t.Rejected(Facilitator, new SetAnonymity([Phase.Timeline])));
        t.Ok(Facilitator, new SetAnonymity([Phase.Actions]));
        Assert.Equal([Phase.Actions], t.State.Meta.AnonymousPhases);
    }

    [Fact]
    public void InTheSixtyMinuteAgendaContributingFactorsStartWithTheRootCausePhase()
    {
        var t = Started(AgendaPreset.Sixty);
        t.AdvanceTo(Phase.RootCause);

        Assert.Equal([Phase.Actions], t.Board.AffordancesFor(Facilitator).AnonymityChoices);
        Assert.Equal(RejectionCodes.AnonymityFixed, t.Rejected(Facilitator, new SetAnonymity([Phase.ContributingFactors])));
    }

    [Fact]
    public void OnlyTheFacilitatorMaySetAnonymityAndOnlyForContentPhases()
    {
        var t = Started();

        Assert.Equal(RejectionCodes.NotFacilitator, t.Rejected(Alice, new SetAnonymity([Phase.Timeline])));
        Assert.False(t.Board.AffordancesFor(Alice).Allows(new SetAnonymity([Phase.Timeline])));
        Assert.Equal(RejectionCodes.InvalidValue, t.Rejected(Facilitator, new SetAnonymity([Phase.Close])));
        Assert.Equal(RejectionCodes.InvalidValue, t.Rejected(Facilitator, new SetAnonymity(null!)));
        Assert.True(t.Board.AffordancesFor(Facilitator).Allows(new SetAnonymity([Phase.Timeline])));
    }

    [Fact]
    public void ABoardCannotBeCreatedWithANonContentPhaseAnonymous()
    {
        var t = new TestBoard();

        Assert.Equal(RejectionCodes.InvalidValue, t.Rejected(Facilitator, Create() with { AnonymousPhases = [Phase.SetTheRoom] }));
        Assert.False(t.State.Meta.Created);
    }

    [Fact]
    public void ASnapshotReplicaEmitsTheSameSplitEventsAsTheOneThatReplayedTheLog()
    {
        var t = AnonymousBoard(Phase.Timeline, Phase.RootCause);
        t.AdvanceTo(Phase.Timeline);
        t.Ok(Alice, new AddNote("ev-1", NoteKind.Event, "x", Incident));
        var copy = Board.FromSnapshot(t.Board.ToSnapshot());

        t.AdvanceTo(Phase.RootCause);
        var next = t.Log.Skip((int)copy.Seq).ToList();
        t.Ok(Bob, new StartChain("ch-1", "y"));
        next.Add(t.Log[^1]);
        ApplyResult? last = null;
        foreach (var entry in next)
        {
            last = copy.Apply(entry);
        }

        Assert.Equal(Json(t.Applied[^1].Events), Json(last!.Events));
        Assert.Equal(t.Board.StateHash(), copy.StateHash());
    }

    [Fact]
    public void AnonymityTravelsInTheViewAndIsAbsentFromABoardThatIsNotAnonymous()
    {
        var t = AnonymousBoard(Phase.RootCause);
        var json = JsonSerializer.Serialize(t.Board.ViewFor(Facilitator), CoreJson.Context.BoardView);
        var back = JsonSerializer.Deserialize(json, CoreJson.Context.BoardView)!;

        Assert.Equal([Phase.RootCause], back.Meta.AnonymousPhases);
        Assert.Equal([Phase.RootCause], back.Affordances.AnonymousPhases);
        Assert.Equal([Phase.Timeline, Phase.RootCause, Phase.ContributingFactors, Phase.Actions], back.Affordances.AnonymityChoices);
        Assert.Equal([Phase.RootCause], Board.FromSnapshot(t.Board.ToSnapshot()).State.Meta.AnonymousPhases);

        var plain = JsonSerializer.Serialize(Started().Board.ViewFor(Alice), CoreJson.Context.BoardView);
        Assert.DoesNotContain("anonym", plain, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void EachViewersEventsRebuildExactlyTheMaskedViewAFreshJoinGives()
    {
        var t = AnonymousBoard(Phase.Timeline, Phase.RootCause, Phase.Actions);
        // Hub viewers are participants (a reader reads over HTTP and gets no events).
        var replicas = new[] { Facilitator, Alice, Bob }.ToDictionary(v => v, v => new Protocol.ViewReplica(t.Board.ViewFor(v)));
        var start = t.Board.Seq;
        t.AdvanceTo(Phase.Timeline);
        t.Ok(Alice, new AddNote("ev-1", NoteKind.Event, "API change deployed", Incident));
        t.Ok(Bob, new AddNote("ev-2", NoteKind.Signal, "No alert fired", Incident));
        t.Ok(Alice, new MoveNote("ev-1", Position: 3));
        t.AdvanceTo(Phase.RootCause);
        t.Ok(Alice, new StartChain("ch-1", "Reconciliation failed"));
        t.Ok(Bob, new AddWhyStep("ch-1", "st-1", "Why?", "The flag was not sent"));
        t.Ok(Alice, new MarkRootCause("ch-1", "st-1"));
        t.AdvanceTo(Phase.Actions);
        t.Ok(Bob, new AddNote("act-1", NoteKind.Action, "Add a contract test"));
        t.Ok(Facilitator, new DeleteNote("ev-2"));

        foreach (var (viewer, replica) in replicas)
        {
            foreach (var (entry, result) in t.Log.Zip(t.Applied).Where(x => x.First.Seq > start))
            {
                replica.Apply(entry.Seq, entry.At, result.Outcome.IsAccepted, Board.EventsFor(viewer, result.Events));
            }

            Assert.Equal(JsonSerializer.Serialize(t.Board.ViewFor(viewer), CoreJson.Context.BoardView), JsonSerializer.Serialize(replica.View, CoreJson.Context.BoardView));
        }
    }

    public static TheoryData<string, bool> ActorCases() => new()
    {
        { "addNote event", true },
        { "addNote factor", false },
        { "importTimeline", true },
        { "editNote", true },
        { "deleteNote", true },
        { "setActionDetails on an action (actions not anonymous)", false },
        { "startChain", false },
        { "castVote", false },
        { "setReady", false },
        { "advancePhase", false },
    };

    [Theory]
    [MemberData(nameof(ActorCases))]
    public void OnlyEntriesThatWriteOrChangeAnonymousContentHideTheirActor(string name, bool hidden)
    {
        var t = AnonymousBoard(Phase.Timeline);
        t.AdvanceTo(Phase.Timeline);
        t.Ok(Alice, new AddNote("ev-1", NoteKind.Event, "x", Incident));
        t.Ok(Alice, new AddNote("act-1", NoteKind.Action, "y"));
        BoardCommand command = name switch
        {
            "addNote event" => new AddNote("ev-2", NoteKind.Event, "z", Incident),
            "addNote factor" => new AddNote("cf-2", NoteKind.ContributingFactor, "z"),
            "importTimeline" => new ImportTimeline("2026-03-03 16:47 x", "imp"),
            "editNote" => new EditNote("ev-1", "z"),
            "deleteNote" => new DeleteNote("ev-1"),
            "setActionDetails on an action (actions not anonymous)" => new SetActionDetails("act-1", Owner: "Alice"),
            "startChain" => new StartChain("ch-1", "z"),
            "castVote" => new CastVote("act-1"),
            "setReady" => new SetReady(true),
            _ => new AdvancePhase(),
        };
        var entry = new Log.LogEntry(t.Board.Seq + 1, t.Now, Alice, "op-x", command);

        Assert.Equal(hidden, Internal.Anonymity.HidesActor(t.State, entry));
        Assert.Equal(hidden, t.Board.Apply(entry).ActorHidden);
    }

    private static string Json(IReadOnlyList<BoardEvent> events) =>
        string.Join("\n", events.Select(e => $"{e.VisibleTo}|{string.Join(",", e.HiddenFrom ?? [])}|{JsonSerializer.Serialize(e, CoreJson.Context.BoardEvent)}"));
}
