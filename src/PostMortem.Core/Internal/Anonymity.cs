using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;

namespace PostMortem.Core.Internal;

/// <summary>
/// Anonymous boards (issue 14), in one place: which content phase a note kind or a why chain belongs to, whether its
/// author is hidden from a viewer, and whether a log entry's actor is. Authors are filtered like secret votes: a hidden
/// author id never leaves Core in another viewer's view or events (the author keeps their own), and the host writes
/// an entry's actor as "" for everyone but the actor when <see cref="HidesActor"/> says so.
/// A note's anonymity depends only on its kind's phase and <see cref="BoardMeta.AnonymousPhases"/>, and that list may
/// change only for a phase that has not started and holds no content (<see cref="MayChange"/>): what was hidden stays
/// hidden. Agenda folding plays no part, so changing the agenda cannot unmask anything.
/// </summary>
internal static class Anonymity
{
    /// <summary>What a hidden author or actor id is replaced by.</summary>
    public const string Hidden = "";

    /// <summary>Phases that hold authored content, in meeting order: "the whole board" is all of them.</summary>
    public static readonly IReadOnlyList<Phase> ContentPhases = [Phase.Timeline, Phase.RootCause, Phase.ContributingFactors, Phase.Actions];

    /// <summary>The content phase of why chains and their steps.</summary>
    public const Phase ChainPhase = Phase.RootCause;

    public static bool IsContentPhase(Phase phase) => phase is Phase.Timeline or Phase.RootCause or Phase.ContributingFactors or Phase.Actions;

    /// <summary>The content phase a note of this kind belongs to (the same phase whose lock guards it).</summary>
    public static Phase PhaseOf(NoteKind kind) => Permissions.PhaseOf(kind);

    public static bool IsAnonymous(BoardMeta meta, Phase phase) => meta.AnonymousPhases.Contains(phase);

    /// <summary>Authors of notes of this kind are hidden (from everyone but themselves).</summary>
    public static bool HidesAuthor(BoardState state, NoteKind kind) => IsAnonymous(state.Meta, PhaseOf(kind));

    /// <summary>Authors of why chains and of their steps are hidden (from everyone but themselves).</summary>
    public static bool HidesChainAuthors(BoardState state) => IsAnonymous(state.Meta, ChainPhase);

    /// <summary>The author of a note of this kind is hidden from <paramref name="viewerId"/>.</summary>
    public static bool HidesAuthorFrom(BoardState state, NoteKind kind, string authorId, string? viewerId) =>
        HidesAuthor(state, kind) && !Same(authorId, viewerId);

    /// <summary>
    /// Who did this entry must not be told to anyone but its actor: the command writes or changes content of an
    /// anonymous phase, so its actor would name the author. Decided on the state the entry is applied to (the
    /// reducer does, see <see cref="ApplyResult.ActorHidden"/>); a note or chain that is not (or no longer) on the
    /// board counts as anonymous when any phase is, so a late question never unmasks anyone.
    /// </summary>
    public static bool HidesActor(BoardState state, LogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var meta = state.Meta;
        if (meta.AnonymousPhases.Count == 0)
        {
            return false;
        }

        return entry.Command switch
        {
            AddNote c => IsAnonymous(meta, PhaseOf(c.Kind)),
            ImportTimeline => IsAnonymous(meta, Phase.Timeline),
            EditNote c => NoteIsAnonymous(state, c.NoteId),
            MoveNote c => NoteIsAnonymous(state, c.NoteId),
            DeleteNote c => NoteIsAnonymous(state, c.NoteId),
            MarkKeyMoment c => NoteIsAnonymous(state, c.NoteId),
            SetActionDetails c => NoteIsAnonymous(state, c.NoteId),
            StartChain or EditChain or RemoveChain or AddWhyStep or EditWhyStep or RemoveWhyStep or MarkRootCause => IsAnonymous(meta, ChainPhase),
            _ => false,
        };
    }

    /// <summary>The entry's actor is hidden from <paramref name="viewerId"/> (everyone but the actor).</summary>
    public static bool HidesActorFrom(BoardState state, LogEntry entry, string? viewerId) =>
        HidesActor(state, entry) && !Same(entry.ActorId, viewerId);

    /// <summary>
    /// A presence update (drag, typing) naming this note or chain would tell others who is moving or writing anonymous
    /// content — for a participant, its author — so the host drops the id. An id not on the board counts as anonymous
    /// when any phase is (it may be a chain, or a note about to be added).
    /// </summary>
    public static bool HidesWhoTouches(BoardState state, string? id)
    {
        if (state.Meta.AnonymousPhases.Count == 0 || id is null)
        {
            return false;
        }

        if (state.Notes.TryGetValue(id, out var note))
        {
            return HidesAuthor(state, note.Kind);
        }

        return !state.Chains.ContainsKey(id) || HidesChainAuthors(state);
    }

    /// <summary>
    /// Which anonymity changes the facilitator may make now: each phase added or removed must be a content phase that
    /// has not started (the meeting is before it) and holds no content yet.
    /// </summary>
    public static Rejection? MayChange(BoardState state, IReadOnlyList<Phase>? requested, out IReadOnlyList<Phase> normalised)
    {
        if (requested is null)
        {
            normalised = [];
            return new Rejection(RejectionCodes.InvalidValue, "name the phases to make anonymous (an empty list for none)");
        }

        if (Normalise(requested, out normalised) is { } invalid)
        {
            return invalid;
        }

        var wanted = normalised;
        var meta = state.Meta;
        foreach (var phase in ContentPhases)
        {
            if (wanted.Contains(phase) == IsAnonymous(meta, phase))
            {
                continue;
            }

            if (Started(meta, phase) || HasContent(state, phase))
            {
                return new Rejection(RejectionCodes.AnonymityFixed, $"the {Agendas.Describe(phase)} phase has already started or holds notes, so whether it is anonymous can no longer change");
            }
        }

        return null;
    }

    /// <summary>Content phases only, each once, in phase order (so equal boards serialise equally).</summary>
    public static Rejection? Normalise(IReadOnlyList<Phase>? requested, out IReadOnlyList<Phase> normalised)
    {
        var wanted = new List<Phase>();
        normalised = wanted;
        foreach (var phase in requested ?? [])
        {
            if (!IsContentPhase(phase))
            {
                return new Rejection(RejectionCodes.InvalidValue, "only the timeline, root cause, contributing factors and actions phases can be anonymous");
            }

            if (!wanted.Contains(phase))
            {
                wanted.Add(phase);
            }
        }

        wanted.Sort();
        return null;
    }

    /// <summary>The phases whose anonymity the facilitator could still change (the affordance mirrors <see cref="MayChange"/>).</summary>
    public static IReadOnlyList<Phase> Changeable(BoardState state)
    {
        var list = new List<Phase>();
        foreach (var phase in ContentPhases)
        {
            if (!Started(state.Meta, phase) && !HasContent(state, phase))
            {
                list.Add(phase);
            }
        }

        return list;
    }

    /// <summary>A phase has started once the meeting reached it, or the agenda phase it is folded into.</summary>
    public static bool Started(BoardMeta meta, Phase phase) => meta.Phase >= Agendas.Effective(meta.Agenda, phase);

    public static bool HasContent(BoardState state, Phase phase)
    {
        if (phase == ChainPhase && state.Chains.Count > 0)
        {
            return true;
        }

        foreach (var note in state.Notes.Values)
        {
            if (PhaseOf(note.Kind) == phase)
            {
                return true;
            }
        }

        return false;
    }

    private static bool NoteIsAnonymous(BoardState state, string? noteId) =>
        noteId is not null && state.Notes.TryGetValue(noteId, out var note) ? HidesAuthor(state, note.Kind) : true;

    /// <summary>Both name the same participant (an empty id names nobody).</summary>
    internal static bool Same(string? a, string? b) => a is { Length: > 0 } && string.Equals(a, b, StringComparison.Ordinal);
}
