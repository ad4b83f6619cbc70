using PostMortem.Core.Model;
using static PostMortem.Core.Internal.Permissions;

namespace PostMortem.Core.Internal;

/// <summary>Computes <see cref="Affordances"/> from <see cref="Permissions"/>: no rule of its own.</summary>
internal static class AffordanceRules
{
    private static readonly Phase[] AllPhases = Enum.GetValues<Phase>();

    private static readonly NoteKind[] AllKinds = Enum.GetValues<NoteKind>();

    public static Affordances For(BoardState state, string viewerId)
    {
        var meta = state.Meta;
        viewerId ??= "";
        var removed = state.Participants.TryGetValue(viewerId, out var me) && me.Removed;
        var role = RoleOf(state, viewerId);
        var participates = role != Role.Reader && meta.Created;
        var mayChange = participates && !meta.BoardLocked;
        var facilitates = role == Role.Facilitator;

        var locked = new List<Phase>();
        foreach (var phase in AllPhases)
        {
            if (!mayChange || LockedFor(meta, role, phase))
            {
                locked.Add(phase);
            }
        }

        var screen = AgendaFolding.ScreenPhases(meta.Agenda, meta.Phase);

        var addable = new List<NoteKind>();
        foreach (var kind in AllKinds)
        {
            if (!locked.Contains(PhaseOf(kind)))
            {
                addable.Add(kind);
            }
        }

        var votingOpen = mayChange && VotingOpen(meta) is null && !locked.Contains(Phase.Actions);
        // The facilitator is never phase-locked and authors everything: no list to keep current.
        var editsAnyNote = mayChange && facilitates;
        var editableNotes = new List<string>();
        var followUp = new List<string>();
        var acknowledgeable = new List<string>();
        if (participates)
        {
            foreach (var note in state.Notes.Values)
            {
                if (mayChange && !editsAnyNote && IsAuthor(role, viewerId, note.AuthorId) && !locked.Contains(PhaseOf(note.Kind)))
                {
                    editableNotes.Add(note.Id);
                }

                if (note.Action is { } action && IsOwner(role, viewerId, action))
                {
                    followUp.Add(note.Id);
                    if (MayAcknowledge(action))
                    {
                        acknowledgeable.Add(note.Id);
                    }
                }
            }
        }

        // Mirrors OnRemoveParticipant and OnHandOver: anyone not removed but yourself; a hand-over also needs them present.
        var removable = new List<string>();
        var handOverTo = new List<string>();
        if (facilitates && mayChange)
        {
            foreach (var p in state.Participants.Values)
            {
                if (p.Removed || string.Equals(p.Id, viewerId, StringComparison.Ordinal))
                {
                    continue;
                }

                removable.Add(p.Id);
                if (!p.Left)
                {
                    handOverTo.Add(p.Id);
                }
            }
        }

        var retractable = new List<string>();
        if (votingOpen && state.Votes.TryGetValue(viewerId, out var myVotes))
        {
            foreach (var id in myVotes)
            {
                if (!retractable.Contains(id) && state.Notes.TryGetValue(id, out var voted) && voted.Action is not null)
                {
                    retractable.Add(id);
                }
            }
        }

        var chainsOpen = !locked.Contains(Phase.RootCause);
        var editableChains = new List<string>();
        var editableSteps = new List<StepKey>();
        if (chainsOpen)
        {
            foreach (var chain in state.Chains.Values)
            {
                if (IsAuthor(role, viewerId, chain.AuthorId))
                {
                    editableChains.Add(chain.Id);
                    continue;
                }

                foreach (var step in chain.Steps)
                {
                    if (IsStepAuthor(role, viewerId, chain, step))
                    {
                        editableSteps.Add(new StepKey(chain.Id, step.Id));
                    }
                }
            }
        }

        retractable.Sort(StringComparer.Ordinal);
        editableNotes.Sort(StringComparer.Ordinal);
        followUp.Sort(StringComparer.Ordinal);
        acknowledgeable.Sort(StringComparer.Ordinal);
        removable.Sort(StringComparer.Ordinal);
        handOverTo.Sort(StringComparer.Ordinal);
        editableChains.Sort(StringComparer.Ordinal);
        editableSteps.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.ChainId, b.ChainId);
            return c != 0 ? c : string.CompareOrdinal(a.StepId, b.StepId);
        });

        return new Affordances(
            role,
            facilitates,
            mayChange,
            removed,
            meta.BoardLocked,
            participates && string.Equals(viewerId, meta.CreatorId, StringComparison.Ordinal),
            locked,
            meta.Phase,
            screen,
            facilitates && mayChange && Agendas.Previous(meta.Agenda, meta.Phase) is not null,
            facilitates && mayChange && Agendas.Next(meta.Agenda, meta.Phase) is not null,
            mayChange,
            addable,
            !locked.Contains(Phase.Timeline),
            chainsOpen,
            votingOpen,
            meta.VotesRevealed,
            participates ? VotesLeft(state, viewerId) : 0,
            retractable,
            editsAnyNote,
            editableNotes,
            editableChains,
            editableSteps,
            followUp,
            acknowledgeable,
            removable,
            handOverTo)
        {
            AnonymousPhases = [.. meta.AnonymousPhases],
            AnonymityChoices = facilitates && mayChange ? Anonymity.Changeable(state) : [],
        };
    }

    /// <summary>Structural equality (records compare lists by reference).</summary>
    public static bool Same(Affordances a, Affordances b) =>
        a.Role == b.Role && a.Facilitates == b.Facilitates && a.MayChange == b.MayChange && a.Removed == b.Removed
        && a.BoardLocked == b.BoardLocked && a.MayReclaim == b.MayReclaim && a.LookAt == b.LookAt
        && a.MayGoBack == b.MayGoBack && a.MayAdvance == b.MayAdvance && a.MaySetReady == b.MaySetReady && a.MayMarkKeyMoments == b.MayMarkKeyMoments && a.MayWorkOnChains == b.MayWorkOnChains
        && a.MayEditAnyNote == b.MayEditAnyNote && a.VotingOpen == b.VotingOpen && a.VotesRevealed == b.VotesRevealed && a.VotesLeft == b.VotesLeft && a.RetractableVotes.SequenceEqual(b.RetractableVotes)
        && a.LockedPhases.SequenceEqual(b.LockedPhases) && a.ScreenPhases.SequenceEqual(b.ScreenPhases)
        && a.AddableNoteKinds.SequenceEqual(b.AddableNoteKinds) && a.EditableNotes.SequenceEqual(b.EditableNotes)
        && a.EditableChains.SequenceEqual(b.EditableChains) && a.EditableSteps.SequenceEqual(b.EditableSteps)
        && a.FollowUpActions.SequenceEqual(b.FollowUpActions) && a.AcknowledgeableActions.SequenceEqual(b.AcknowledgeableActions)
        && a.RemovableParticipants.SequenceEqual(b.RemovableParticipants) && a.HandOverCandidates.SequenceEqual(b.HandOverCandidates)
        && a.AnonymousPhases.SequenceEqual(b.AnonymousPhases) && a.AnonymityChoices.SequenceEqual(b.AnonymityChoices);
}
