using System.Globalization;
using PostMortem.Core.Commands;
using PostMortem.Core.Internal;
using PostMortem.Core.Log;
using PostMortem.Core.Model;

namespace PostMortem.Core.Replay;

/// <summary>
/// "What changed here": one entry in words, from the board before and after it. It says who and what, never more than a
/// reader of the board may know: a vote never names its target, a refused entry says nothing of what it tried, and
/// an author hidden on an anonymous board is "Someone".
/// </summary>
internal sealed class ReplayNarration(NameMasks? masks)
{
    private const int QuoteLength = 80;

    public const string Someone = "Someone";
    public const string AReader = "A reader";

    /// <summary>Applies <paramref name="entry"/> to <paramref name="board"/> and tells it. What the words need from
    /// before the entry (a removed note's text, a person's name before a rename) is read first: the state changes in place.</summary>
    public (ApplyResult Result, ReplayStep Step) ApplyAndTell(Board board, LogEntry entry)
    {
        var state = board.State;
        var who = Who(state, entry);
        var before = Before(state, entry);
        var result = board.Apply(entry);
        if (!result.Outcome.IsAccepted)
        {
            var what = result.Outcome.Status == OutcomeStatus.Duplicate ? "sent a change again that was already made" : "tried a change the board refused";
            return (result, new ReplayStep(entry.Seq, entry.At, who, what, Refused: true));
        }

        return (result, new ReplayStep(entry.Seq, entry.At, who, What(before, state, entry.Command), Refused: false));
    }

    /// <summary>What the words need from the board before the entry.</summary>
    private sealed record Earlier(bool WasOnBoard, string? Quote, NoteKind? Kind, string? Person);

    private Earlier Before(BoardState state, LogEntry entry)
    {
        var wasOnBoard = state.Participants.TryGetValue(entry.ActorId, out var me) && !me.Left;
        return entry.Command switch
        {
            DeleteNote c => new Earlier(wasOnBoard, NoteQuote(state, c.NoteId), null, null),
            MoveNote c => new Earlier(wasOnBoard, null, state.Notes.GetValueOrDefault(c.NoteId)?.Kind, null),
            RemoveChain c => new Earlier(wasOnBoard, ChainQuote(state, c.ChainId), null, null),
            RemoveWhyStep c => new Earlier(wasOnBoard, ChainQuote(state, c.ChainId), null, null),
            RemoveParticipant c => new Earlier(wasOnBoard, null, null, PersonIn(state, c.ParticipantId)),
            HandOver c => new Earlier(wasOnBoard, null, null, PersonIn(state, c.ParticipantId)),
            Join => new Earlier(state.Participants.ContainsKey(entry.ActorId), null, null, null),
            _ => new Earlier(wasOnBoard, null, null, null),
        };
    }

    /// <summary>The one place the replay decides how an author is named.</summary>
    private string Who(BoardState before, LogEntry entry)
    {
        if (AuthorHidden(before, entry))
        {
            return Someone;
        }

        if (before.Participants.TryGetValue(entry.ActorId, out var person))
        {
            return Person(person.Id, person.Name);
        }

        return entry.Command switch
        {
            // A reader signs off under the name they give; with names replaced by roles, as a reader.
            SignOffActions signOff => masks is null ? signOff.Name.Trim() : AReader,
            // The board's first entry and a join name a person who is not on the board yet.
            CreateBoard c => masks is null ? c.FacilitatorName.Trim() : "facilitator",
            Join c => masks?.RoleOf(entry.ActorId) ?? c.Name.Trim(),
            _ => entry.ActorId.StartsWith("reader", StringComparison.Ordinal) ? AReader : Someone,
        };
    }

    /// <summary>Whether the entry's author is hidden from a reader: on an anonymous board, Core's one predicate
    /// (<see cref="Anonymity.HidesActorFrom"/>) decides it, as it does for the live board's readers.</summary>
    private static bool AuthorHidden(BoardState before, LogEntry entry) => Anonymity.HidesActorFrom(before, entry, BoardReplay.ReaderId);

    private string Person(string id, string name) => masks?.RoleOf(id) ?? name;

    private string PersonIn(BoardState state, string id) =>
        state.Participants.TryGetValue(id, out var p) ? Person(p.Id, p.Name) : "someone not on the board";

    private string Quote(string text)
    {
        var shown = Text(text).Trim();
        if (shown.Length > QuoteLength)
        {
            shown = shown[..(QuoteLength - 1)].TrimEnd() + "…";
        }

        return "“" + shown + "”";
    }

    private string Text(string text) => masks is null ? text : masks.Apply(text);

    private string NoteQuote(BoardState state, string noteId) =>
        state.Notes.TryGetValue(noteId, out var note) ? Quote(note.Text) : "a note";

    private string ChainQuote(BoardState state, string chainId) =>
        state.Chains.TryGetValue(chainId, out var chain) ? Quote(chain.Symptom) : "a why chain";

    private string What(Earlier before, BoardState after, BoardCommand command) => command switch
    {
        CreateBoard c => "created the board " + Quote(c.Title),
        UpdateDetails => "changed the incident's details",
        SetAgenda => "changed the agenda",
        SetTimeZone c => "set the time zone to " + c.TimeZone,
        SetPrimeDirective => "changed the Prime Directive",
        ShowPrimeDirective c => c.Shown ? "showed the Prime Directive" : "put the Prime Directive away",
        ImportTimeline => "imported a draft timeline",
        Join => before.WasOnBoard ? "came back" : "joined",
        Rename c => masks is null ? "changed their name to " + Quote(c.Name) : "changed their name",
        Leave => "left",
        RemoveParticipant => "removed " + before.Person + " from the board",
        HandOver => "handed the facilitator role to " + before.Person,
        ReclaimFacilitator => "took the facilitator role back",
        AgreePrimeDirective c => c.Agreed ? "agreed to the Prime Directive" : "withdrew their agreement to the Prime Directive",
        SetReady c => c.Ready ? "is ready to move on" : "is not ready yet",
        AdvancePhase => "moved the meeting on to " + PhaseName(after.Meta.Phase),
        GoBackPhase => "went back to " + PhaseName(after.Meta.Phase),
        LockPhase c => "locked " + PhaseName(c.Phase),
        UnlockPhase c => "unlocked " + PhaseName(c.Phase),
        LockBoard => "locked the board",
        UnlockBoard => "unlocked the board",
        StartTimer => "started the timer",
        PauseTimer => "paused the timer",
        ResumeTimer => "resumed the timer",
        ExtendTimer => "added time to the timer",
        ResetTimer => "reset the timer",
        AddNote c => Added(c.Kind) + " " + Quote(c.Text),
        EditNote c => "edited " + Quote(c.Text),
        MoveNote c => "moved " + NoteQuote(after, c.NoteId) + MovedTo(before.Kind, after, c.NoteId),
        DeleteNote => "removed " + before.Quote,
        MarkKeyMoment c => c.Moment is { } moment
            ? "marked " + NoteQuote(after, c.NoteId) + " as " + MomentName(moment)
            : "cleared the key moment of " + NoteQuote(after, c.NoteId),
        StartChain c => "started a why chain " + Quote(c.Symptom),
        EditChain c => "edited the why chain " + Quote(c.Symptom),
        RemoveChain => "removed the why chain " + before.Quote,
        AddWhyStep c => "asked why in " + ChainQuote(after, c.ChainId) + ": " + Quote(c.Answer),
        EditWhyStep c => "edited a why step: " + Quote(c.Answer),
        RemoveWhyStep => "removed a why step of " + before.Quote,
        MarkRootCause c => c.StepId is null
            ? "cleared the root cause of " + ChainQuote(after, c.ChainId)
            : "marked the root cause in " + ChainQuote(after, c.ChainId),
        // Never which action: before the reveal that is the voter's secret (invariant 7), and after it the tallies say it.
        CastVote => "cast a vote",
        RetractVote => "took back a vote",
        SetVoteLimit c => "set the votes per person to " + c.Votes.ToString(CultureInfo.InvariantCulture),
        RevealVotes => "revealed the votes",
        SetTieBreakOrder => "set the order of tied actions",
        ChooseAction c => (c.Chosen ? "chose the action " : "set aside the action ") + NoteQuote(after, c.NoteId),
        SetActionDetails c => "filled in the owner or due date of " + NoteQuote(after, c.NoteId),
        AcknowledgeAction c => "acknowledged the action " + NoteQuote(after, c.NoteId),
        UpdateActionStatus c => "marked the action " + NoteQuote(after, c.NoteId) + " " + StatusName(c.Status),
        SetClose => "wrote the summary and the impact",
        SignOffActions => "signed off on the actions",
        _ => "changed the board",
    };

    private static string MovedTo(NoteKind? was, BoardState after, string noteId)
    {
        if (was is { } kind && after.Notes.TryGetValue(noteId, out var now) && kind != now.Kind)
        {
            return now.Kind switch
            {
                NoteKind.Signal => " to the signals lane",
                NoteKind.Event => " to the events lane",
                _ => " to the " + KindName(now.Kind) + "s",
            };
        }

        return "";
    }

    private static string Added(NoteKind kind) => kind switch
    {
        NoteKind.Event => "added a timeline event",
        NoteKind.Signal => "added a signal",
        NoteKind.ParkingLot => "parked a question",
        NoteKind.ContributingFactor => "added a contributing factor",
        NoteKind.Action => "proposed an action",
        _ => "added a note",
    };

    private static string KindName(NoteKind kind) => kind switch
    {
        NoteKind.ParkingLot => "parking lot",
        NoteKind.ContributingFactor => "contributing factor",
        NoteKind.Action => "action",
        _ => "note",
    };

    internal static string PhaseName(Phase phase) => phase switch
    {
        Phase.SetTheRoom => "Set the room",
        Phase.Timeline => "Timeline",
        Phase.RootCause => "Root cause",
        Phase.ContributingFactors => "Contributing factors",
        Phase.Actions => "Actions",
        Phase.Close => "Close and share",
        _ => phase.ToString(),
    };

    private static string MomentName(KeyMoment moment) => moment switch
    {
        KeyMoment.Trigger => "the trigger",
        KeyMoment.ImpactStart => "the start of impact",
        KeyMoment.Detected => "the moment it was detected",
        KeyMoment.Mitigated => "the moment it was mitigated",
        KeyMoment.Resolved => "the moment it was resolved",
        _ => "a key moment",
    };

    private static string StatusName(ActionStatus status) => status switch
    {
        ActionStatus.Open => "open",
        ActionStatus.InProgress => "in progress",
        ActionStatus.Done => "done",
        ActionStatus.WontDo => "won't do",
        _ => status.ToString(),
    };
}
