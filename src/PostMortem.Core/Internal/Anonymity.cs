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

    /// <summary>The note as <paramref name="viewerId"/> may see it: the same object when nothing is hidden, else a masked copy.</summary>
    public static Note ForViewer(BoardState state, Note note, string? viewerId)
    {
        if (!HidesAuthorFrom(state, note.Kind, note.AuthorId, viewerId))
        {
            return note;
        }

        var copy = Cloning.Clone(note);
        copy.AuthorId = Hidden;
        return copy;
    }

    /// <summary>The chain as <paramref name="viewerId"/> may see it: authors other than the viewer's own id blanked.</summary>
    public static WhyChain ForViewer(BoardState state, WhyChain chain, string? viewerId)
    {
        if (!HidesChainAuthors(state) || !NamesSomeoneElse(chain, viewerId))
        {
            return chain;
        }

        var copy = Cloning.Clone(chain);
        KeepOnly(copy, viewerId);
        return copy;
    }

    /// <summary>
    /// Splits the events of an accepted entry so no hidden author travels to anyone else: an anonymous note becomes
    /// the author's own copy (<see cref="BoardEvent.VisibleTo"/>) and a masked copy for everyone else
    /// (<see cref="BoardEvent.HiddenFrom"/>); an anonymous chain becomes one copy per author it names (their own ids
    /// only) and a fully masked copy for everyone else. Returns <paramref name="events"/> itself when nothing is hidden.
    /// </summary>
    public static List<BoardEvent> Split(BoardState state, List<BoardEvent> events)
    {
        if (state.Meta.AnonymousPhases.Count == 0)
        {
            return events;
        }

        List<BoardEvent>? result = null;
        for (var i = 0; i < events.Count; i++)
        {
            var replaced = events[i] switch
            {
                NoteChanged { VisibleTo: null } e when HidesAuthor(state, e.Note.Kind) => SplitNote(e.Note),
                ChainChanged { VisibleTo: null } e when HidesChainAuthors(state) => SplitChain(e.Chain),
                _ => null,
            };
            if (replaced is null)
            {
                result?.Add(events[i]);
                continue;
            }

            result ??= [.. events.Take(i)];
            result.AddRange(replaced);
        }

        return result ?? events;
    }

    private static List<BoardEvent> SplitNote(Note note)
    {
        var masked = Cloning.Clone(note);
        masked.AuthorId = Hidden;
        return
        [
            new NoteChanged(note) { VisibleTo = note.AuthorId },
            new NoteChanged(masked) { HiddenFrom = [note.AuthorId] },
        ];
    }

    private static List<BoardEvent> SplitChain(WhyChain chain)
    {
        var authors = new List<string>();
        if (chain.AuthorId.Length > 0)
        {
            authors.Add(chain.AuthorId);
        }

        foreach (var step in chain.Steps)
        {
            if (step.AuthorId.Length > 0 && !authors.Contains(step.AuthorId))
            {
                authors.Add(step.AuthorId);
            }
        }

        authors.Sort(StringComparer.Ordinal);
        var result = new List<BoardEvent>(authors.Count + 1);
        foreach (var author in authors)
        {
            var own = Cloning.Clone(chain);
            KeepOnly(own, author);
            result.Add(new ChainChanged(own) { VisibleTo = author });
        }

        var masked = Cloning.Clone(chain);
        KeepOnly(masked, null);
        result.Add(new ChainChanged(masked) { HiddenFrom = authors });
        return result;
    }

    /// <summary>Blanks every author id but <paramref name="viewerId"/>'s own in a copy of a chain.</summary>
    private static void KeepOnly(WhyChain copy, string? viewerId)
    {
        if (!Same(copy.AuthorId, viewerId))
        {
            copy.AuthorId = Hidden;
        }

        foreach (var step in copy.Steps)
        {
            if (!Same(step.AuthorId, viewerId))
            {
                step.AuthorId = Hidden;
            }
        }
    }

    private static bool NamesSomeoneElse(WhyChain chain, string? viewerId)
    {
        if (chain.AuthorId.Length > 0 && !Same(chain.AuthorId, viewerId))
        {
            return true;
        }

        foreach (var step in chain.Steps)
        {
            if (step.AuthorId.Length > 0 && !Same(step.AuthorId, viewerId))
            {
                return true;
            }
        }

        return false;
    }

    private static bool NoteIsAnonymous(BoardState state, string? noteId) =>
        noteId is not null && state.Notes.TryGetValue(noteId, out var note) ? HidesAuthor(state, note.Kind) : true;

    private static bool Same(string? a, string? b) => a is { Length: > 0 } && string.Equals(a, b, StringComparison.Ordinal);
}
