using PostMortem.Core.Log;
using PostMortem.Core.Model;

namespace PostMortem.Core;

/// <summary>
/// One replica of one board: applies log entries in sequence order with the pure reducer and answers
/// questions about the result. Not thread-safe: the host serialises calls per board.
/// </summary>
public sealed class Board
{
    private readonly Internal.ReplicaCache _cache = new();

    private Board(BoardState state) => State = state;

    public BoardState State { get; }

    public string BoardId => State.Meta.BoardId;

    /// <summary>Sequence number of the last applied entry.</summary>
    public long Seq => State.Meta.Seq;

    public static Board Empty(string boardId) => new(new BoardState { Meta = new BoardMeta { BoardId = boardId } });

    public static Board FromSnapshot(BoardSnapshot snapshot) => new(CoreJson.DeserializeState(snapshot.StateJson));

    public BoardSnapshot ToSnapshot() => new(BoardId, Seq, CoreJson.SerializeState(State), StateHash());

    /// <summary>
    /// Applies the next entry. Entries must come in order: <paramref name="entry"/>.Seq must be
    /// <see cref="Seq"/> + 1 (an out-of-order entry is a host bug and throws). A rejected entry still
    /// advances <see cref="Seq"/> and changes nothing else.
    /// </summary>
    public ApplyResult Apply(LogEntry entry) => Internal.Reducer.Apply(State, entry, _cache);

    /// <summary>
    /// The only way a writer turns a request into a log entry: duplicate (R3: answer with the original seq),
    /// rejected (answer with the code; nothing is written) or append. The reducer still decides when the
    /// entry is applied (the board may have moved on meanwhile).
    /// </summary>
    public Decision Decide(string actorId, string clientOpId, Commands.BoardCommand command, DateTimeOffset now) =>
        Internal.Reducer.Decide(State, actorId, clientOpId, command, now);

    /// <summary>What <paramref name="viewerId"/> may do now; the UI renders it and never re-derives a permission.</summary>
    public Affordances AffordancesFor(string viewerId) => Internal.AffordanceRules.For(State, viewerId);

    /// <summary>Would the reducer accept this from this actor now, ignoring the clientOpId? (Warnings and import
    /// errors of a dry run.) Writers use <see cref="Decide"/>.</summary>
    public Outcome Check(string actorId, Commands.BoardCommand command, DateTimeOffset now) => Internal.Reducer.Check(State, actorId, command, now);

    public Role RoleOf(string actorId) => Internal.Permissions.RoleOf(State, actorId);

    /// <summary>The participant exists and has not been removed.</summary>
    public bool IsActiveParticipant(string participantId) =>
        State.Participants.TryGetValue(participantId, out var p) && !p.Removed;

    /// <summary>The state as <paramref name="viewerId"/> may see it (hidden votes withheld).</summary>
    public BoardView ViewFor(string viewerId) => Internal.Views.For(State, viewerId);

    /// <summary>The events of an accepted entry that <paramref name="viewerId"/> may receive.</summary>
    public static IReadOnlyList<BoardEvent> EventsFor(string viewerId, IReadOnlyList<BoardEvent> events) =>
        Internal.Views.EventsFor(viewerId, events);

    /// <summary>The note id a presence update (drag, typing) may carry to others: null when it would tell them who is
    /// touching anonymous content (anonymous boards).</summary>
    public string? PresenceNoteId(string? noteId) => Internal.Anonymity.HidesWhoTouches(State, noteId) ? null : noteId;

    /// <summary>SHA-256 of the canonical state JSON, lower-case hex. Equal states give equal hashes.</summary>
    public string StateHash() => CoreJson.StateHash(State);

    public Derived Derive(DateTimeOffset now) => Internal.Analysis.Derive(State, now);

    public WriteUp.WriteUpModel WriteUp(bool namesAsRoles = false) => PostMortem.Core.WriteUp.WriteUpBuilder.Build(State, namesAsRoles);

    /// <summary>The one-page write-up as Markdown.</summary>
    public string WriteUpMarkdown(bool namesAsRoles = false) => PostMortem.Core.WriteUp.WriteUpMarkdown.Render(WriteUp(namesAsRoles));

    /// <summary>Language coach hints for text being typed on this board (nothing is stored).</summary>
    public IReadOnlyList<CoachFlag> CheckText(string text) => LanguageCoach.Check(text ?? "", Internal.Rules.ParticipantNames(State));
}

/// <param name="ActorHidden">The entry wrote or changed anonymous content, so who sent it is told to nobody but its actor
/// (<see cref="ActorIdFor"/>; decided on the state the entry was applied to).</param>
public sealed record ApplyResult(LogEntry Entry, Outcome Outcome, IReadOnlyList<BoardEvent> Events, bool ActorHidden = false)
{
    /// <summary>The entry's actor id as <paramref name="viewerId"/> may see it: "" when the actor is hidden from them.</summary>
    public string ActorIdFor(string viewerId) =>
        ActorHidden && !string.Equals(Entry.ActorId, viewerId, StringComparison.Ordinal) ? Internal.Anonymity.Hidden : Entry.ActorId;
}

/// <summary>Board state at a sequence number, as stored.</summary>
public sealed record BoardSnapshot(string BoardId, long Seq, string StateJson, string StateHash);

/// <summary>What one viewer is sent on join: the state minus what they may not see.</summary>
public sealed record BoardView(
    long Seq,
    BoardMeta Meta,
    IReadOnlyList<Participant> Participants,
    IReadOnlyList<Note> Notes,
    IReadOnlyList<WhyChain> Chains,
    IReadOnlyList<string> MyVotes,
    IReadOnlyDictionary<string, int>? Tallies,
    IReadOnlyList<SignOff> SignOffs,
    Derived Derived,
    Role Role,
    Affordances Affordances);
