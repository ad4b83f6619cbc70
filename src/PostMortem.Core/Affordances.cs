using System.Text.Json.Serialization;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;

namespace PostMortem.Core;

/// <summary>
/// What one viewer may do now, computed by Core from the same permission rules the reducer applies (a
/// table test proves they agree). Shipped in the per-viewer view and kept current by the per-viewer
/// <see cref="AffordancesChanged"/> event; a client renders it and never re-derives a permission.
/// Id lists are sorted ordinally so every replica sends the same bytes.
/// </summary>
public sealed record Affordances(
    Role Role,
    /// <summary>The viewer holds the facilitator role.</summary>
    bool Facilitates,
    /// <summary>The viewer may change the board at all (a participant, the board not locked).</summary>
    bool MayChange,
    /// <summary>The viewer was removed from the board: nothing is allowed, not even a sign-off.</summary>
    bool Removed,
    bool BoardLocked,
    /// <summary>The viewer is the board's creator, who may take the facilitator role back.</summary>
    bool MayReclaim,
    /// <summary>Phases whose content is locked for this viewer (agenda folding applied; every phase on a locked board).</summary>
    IReadOnlyList<Phase> LockedPhases,
    /// <summary>The phase this viewer should be looking at.</summary>
    Phase LookAt,
    /// <summary>Phases whose content belongs on <see cref="LookAt"/>'s screen: the phase and those the agenda folds into it.</summary>
    IReadOnlyList<Phase> ScreenPhases,
    /// <summary>The viewer may move the meeting back a phase now (the facilitator, and the agenda has a phase before this one).</summary>
    bool MayGoBack,
    /// <summary>The viewer may move the meeting on a phase now (the facilitator, and the agenda has a phase after this one).</summary>
    bool MayAdvance,
    bool MaySetReady,
    /// <summary>Kinds of note the viewer may add now (each kind's phase unlocked for them).</summary>
    IReadOnlyList<NoteKind> AddableNoteKinds,
    bool MayMarkKeyMoments,
    /// <summary>May start chains and add why steps to any chain.</summary>
    bool MayWorkOnChains,
    /// <summary>Votes may be cast and retracted now by this viewer.</summary>
    bool VotingOpen,
    bool VotesRevealed,
    int VotesLeft,
    /// <summary>Actions the viewer may take a vote back from now: voting is open and they have a vote there.</summary>
    IReadOnlyList<string> RetractableVotes,
    /// <summary>The viewer may edit, move, remove and fill in details of every note (the facilitator on an unlocked
    /// board); <see cref="EditableNotes"/> is then empty, so a big board does not resend every note id.</summary>
    bool MayEditAnyNote,
    /// <summary>Otherwise: the notes (actions included) the viewer may edit, move, remove and fill in details of.</summary>
    IReadOnlyList<string> EditableNotes,
    /// <summary>Chains the viewer may edit, remove, and mark the root cause in (their steps included).</summary>
    IReadOnlyList<string> EditableChains,
    /// <summary>Single steps in other people's chains the viewer may edit or remove (their own).</summary>
    IReadOnlyList<StepKey> EditableSteps,
    /// <summary>Actions whose follow-up status the viewer may change (owner or facilitator).</summary>
    IReadOnlyList<string> FollowUpActions,
    /// <summary>Actions the viewer may acknowledge now (owner or facilitator, chosen and ready).</summary>
    IReadOnlyList<string> AcknowledgeableActions,
    /// <summary>Participants the viewer may remove now (the facilitator: everyone on the board but themselves).</summary>
    IReadOnlyList<string> RemovableParticipants,
    /// <summary>Participants the viewer may hand the facilitator role to now (the facilitator: everyone present but themselves).</summary>
    IReadOnlyList<string> HandOverCandidates)
{
    /// <summary>Content phases whose authors are hidden (anonymous boards): shown to everyone, so the board can say
    /// "Anonymous" while such a phase is on screen.</summary>
    [JsonIgnore]
    public IReadOnlyList<Phase> AnonymousPhases { get; init; } = [];

    /// <summary>Content phases whose anonymity the viewer may switch now (the facilitator, before the phase starts and
    /// while it holds nothing); empty for everyone else.</summary>
    [JsonIgnore]
    public IReadOnlyList<Phase> AnonymityChoices { get; init; } = [];

    // On the wire only when not empty: a board that is not anonymous sends the bytes it always did.
    [JsonInclude, JsonPropertyName("anonymousPhases")]
    internal IReadOnlyList<Phase>? AnonymousPhasesOrNull
    {
        get => AnonymousPhases.Count == 0 ? null : AnonymousPhases;
        init => AnonymousPhases = value ?? [];
    }

    [JsonInclude, JsonPropertyName("anonymityChoices")]
    internal IReadOnlyList<Phase>? AnonymityChoicesOrNull
    {
        get => AnonymityChoices.Count == 0 ? null : AnonymityChoices;
        init => AnonymityChoices = value ?? [];
    }

    /// <summary>Authors of this phase's content are hidden from everyone but themselves.</summary>
    public bool IsAnonymous(Phase phase) => AnonymousPhases.Contains(phase);

    /// <summary>Content on the screen the viewer should be looking at is anonymous: the board says so to everyone.</summary>
    [JsonIgnore]
    public bool AnonymousOnScreen => ScreenPhases.Any(AnonymousPhases.Contains);

    /// <summary>May ask for exactly these anonymous phases: the facilitator, and every phase that would change is one of
    /// <see cref="AnonymityChoices"/>. (Naming a phase that holds no content is refused for its value, not for permission.)</summary>
    public bool MaySetAnonymity(IReadOnlyList<Phase> phases)
    {
        if (!Facilitates || !MayChange || phases is null)
        {
            return false;
        }

        foreach (var phase in Enum.GetValues<Phase>())
        {
            if (phases.Contains(phase) != AnonymousPhases.Contains(phase) && !AnonymityChoices.Contains(phase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>May mark this note as a key moment: key moments go on timeline events and signals that have a time.</summary>
    public bool MayMarkKeyMoment(Note note) =>
        MayMarkKeyMoments && note is { OccurredAt: not null, Kind: NoteKind.Event or NoteKind.Signal };

    /// <summary>May name <paramref name="owner"/> as an action's owner: one person, never a team or a group
    /// ("the backend team", "ops"). Offer the field only when <see cref="MayEditNote"/> holds for the action.</summary>
    public static bool MayOwnAction(string owner) =>
        !string.IsNullOrWhiteSpace(owner) && owner.Trim().Length <= Limits.NameLength && !LanguageCoach.IsGroupName(owner.Trim());

    /// <summary>The timer controls that are not refused now, given the board's timer (<c>view.Meta.Timer</c>).</summary>
    public bool MayPauseTimer(TimerState timer) => Facilitates && MayChange && timer is { Status: TimerStatus.Running };

    /// <inheritdoc cref="MayPauseTimer"/>
    public bool MayResumeTimer(TimerState timer) => Facilitates && MayChange && timer is { Status: TimerStatus.Paused };

    /// <inheritdoc cref="MayPauseTimer"/>
    public bool MayExtendTimer(TimerState timer) => Facilitates && MayChange && timer is not null && timer.Status != TimerStatus.Idle;

    /// <summary>
    /// Why the viewer may not add to or change <paramref name="phase"/>'s content, as a sentence to show where they would
    /// type (issue 13, fix 3); null when nothing stands in the way that words could explain.
    /// </summary>
    public string? ClosedReason(Phase phase) =>
        Removed ? "You were removed from this board: it is read-only for you."
        : BoardLocked ? "The board is locked: it is read-only now."
        : Role == Role.Reader ? "You are reading this board: it is read-only for you."
        : LockedPhases.Contains(phase) ? "This phase is locked by the facilitator."
        : null;

    /// <summary>May edit, move, remove (and, for an action, fill in) this note.</summary>
    public bool MayEditNote(string noteId) => MayEditAnyNote || EditableNotes.Contains(noteId);

    /// <summary>
    /// Whether these affordances allow <paramref name="command"/> as far as permissions go (role, locks,
    /// authorship, ownership, voting). The reducer may still refuse it for its content (a text too long).
    /// </summary>
    public bool Allows(BoardCommand command) => command switch
    {
        _ when Removed => false,
        SignOffActions => true,
        Join => !BoardLocked,
        ReclaimFacilitator => MayReclaim,
        AcknowledgeAction c => AcknowledgeableActions.Contains(c.NoteId),
        UpdateActionStatus c => FollowUpActions.Contains(c.NoteId),
        UnlockBoard => Facilitates,
        RevealVotes => Facilitates && MayChange && !VotesRevealed,
        AdvancePhase => MayAdvance,
        GoBackPhase => MayGoBack,
        RemoveParticipant c => RemovableParticipants.Contains(c.ParticipantId),
        HandOver c => HandOverCandidates.Contains(c.ParticipantId),
        UpdateDetails or SetAgenda or SetTimeZone or SetPrimeDirective or ShowPrimeDirective or ImportTimeline
            or LockPhase or UnlockPhase or LockBoard
            or StartTimer or PauseTimer or ResumeTimer or ExtendTimer or ResetTimer
            or SetVoteLimit or RevealVotes or SetTieBreakOrder or ChooseAction or SetClose => Facilitates && MayChange,
        SetReady => MaySetReady,
        AddNote c => AddableNoteKinds.Contains(c.Kind),
        EditNote c => MayEditNote(c.NoteId),
        MoveNote c => MayEditNote(c.NoteId),
        DeleteNote c => MayEditNote(c.NoteId),
        SetActionDetails c => MayEditNote(c.NoteId),
        MarkKeyMoment => MayMarkKeyMoments,
        StartChain or AddWhyStep => MayWorkOnChains,
        EditChain c => EditableChains.Contains(c.ChainId),
        RemoveChain c => EditableChains.Contains(c.ChainId),
        MarkRootCause c => EditableChains.Contains(c.ChainId),
        EditWhyStep c => EditableChains.Contains(c.ChainId) || EditableSteps.Contains(new StepKey(c.ChainId, c.StepId)),
        RemoveWhyStep c => EditableChains.Contains(c.ChainId) || EditableSteps.Contains(new StepKey(c.ChainId, c.StepId)),
        CastVote => VotingOpen && VotesLeft > 0,
        RetractVote c => VotingOpen && RetractableVotes.Contains(c.NoteId),
        SetAnonymity c => MaySetAnonymity(c.Phases),
        _ => MayChange,
    };
}

/// <summary>A why step, named by its chain.</summary>
public sealed record StepKey(string ChainId, string StepId);
