using PostMortem.Core.Commands;
using PostMortem.Core.Model;

namespace PostMortem.Core.Internal;

/// <summary>
/// Every permission rule of the board, in one place: who may send a command (role, locked board), which
/// phases are locked for whom (agenda folding included), authorship, ownership, voting. The reducer asks
/// these before it changes anything, and <see cref="AffordanceRules"/> asks the same ones to tell a viewer
/// what they may do, so the two cannot disagree (the affordance table test proves it).
/// </summary>
internal static class Permissions
{
    internal enum Access
    {
        /// <summary>Anyone who is not removed, readers included.</summary>
        Anyone,
        Participant,
        Facilitator,
    }

    /// <summary>A participant's role; anyone else — including a removed participant — reads.</summary>
    public static Role RoleOf(BoardState state, string actorId) =>
        actorId is not null && state.Participants.TryGetValue(actorId, out var p) && !p.Removed ? p.Role : Role.Reader;

    /// <summary>Who may send a command, and whether it is allowed on a locked (read-only) board.</summary>
    public static (Access Access, bool OnLockedBoard) Gate(BoardCommand command) => command switch
    {
        SignOffActions => (Access.Anyone, true),
        Join => (Access.Anyone, false),
        // Follow-up continues after the meeting, on the read-only board; so does the secret holder's authority.
        AcknowledgeAction or UpdateActionStatus or ReclaimFacilitator => (Access.Participant, true),
        UnlockBoard => (Access.Facilitator, true),
        UpdateDetails or SetAgenda or SetTimeZone or SetPrimeDirective or ShowPrimeDirective or ImportTimeline
            or RemoveParticipant or HandOver or AdvancePhase or GoBackPhase or LockPhase or UnlockPhase or LockBoard
            or StartTimer or PauseTimer or ResumeTimer or ExtendTimer or ResetTimer
            or SetVoteLimit or RevealVotes or SetTieBreakOrder or ChooseAction or SetClose or SetAnonymity => (Access.Facilitator, false),
        _ => (Access.Participant, false),
    };

    /// <summary>The role and board-lock gate every command passes before its own rules.</summary>
    public static Rejection? Admit(BoardState state, string actorId, BoardCommand command, out Role role)
    {
        role = Role.Reader;
        if (state.Participants.TryGetValue(actorId, out var actor) && actor.Removed)
        {
            return new Rejection(RejectionCodes.ParticipantRemoved, "you were removed from this board");
        }

        role = actor?.Role ?? Role.Reader;
        var (access, onLockedBoard) = Gate(command);
        if (access != Access.Anyone && role == Role.Reader)
        {
            return new Rejection(RejectionCodes.NotParticipant, "only participants of the board can do this; readers may sign off on actions");
        }

        if (state.Meta.BoardLocked && !onLockedBoard)
        {
            return new Rejection(RejectionCodes.BoardLocked, "the board is locked: it can be read but no longer changed");
        }

        return access == Access.Facilitator && role != Role.Facilitator
            ? new Rejection(RejectionCodes.NotFacilitator, "only the facilitator can do this")
            : null;
    }

    /// <summary>
    /// A phase's content is locked when the phase is locked, or when the phase is not on the agenda and
    /// the phase it is folded into is locked (contributing factors under root cause in the 60-minute agenda).
    /// </summary>
    public static bool IsLocked(BoardMeta meta, Phase phase) =>
        meta.LockedPhases.Contains(phase) || meta.LockedPhases.Contains(Agendas.Effective(meta.Agenda, phase));

    /// <summary>Participants may not change a locked phase's content; the facilitator still can.</summary>
    public static bool LockedFor(BoardMeta meta, Role role, Phase phase) => role != Role.Facilitator && IsLocked(meta, phase);

    public static Rejection? Unlocked(ApplyContext ctx, Phase phase) =>
        LockedFor(ctx.Meta, ctx.Role, phase)
            ? new Rejection(RejectionCodes.PhaseLocked, $"the facilitator has locked the {Agendas.Describe(phase)} phase")
            : null;

    /// <summary>The phase whose lock guards a note of this kind.</summary>
    public static Phase PhaseOf(NoteKind kind) => kind switch
    {
        NoteKind.ContributingFactor => Phase.ContributingFactors,
        NoteKind.Action => Phase.Actions,
        _ => Phase.Timeline,
    };

    public static bool IsAuthor(Role role, string actorId, string authorId) =>
        role == Role.Facilitator || string.Equals(actorId, authorId, StringComparison.Ordinal);

    public static Rejection? Author(ApplyContext ctx, string authorId, string what) =>
        IsAuthor(ctx.Role, ctx.ActorId, authorId)
            ? null
            : new Rejection(RejectionCodes.NotAuthor, $"only the author of the {what} or the facilitator can change it");

    /// <summary>The step's author, the chain's author and the facilitator may change a step.</summary>
    public static bool IsStepAuthor(Role role, string actorId, WhyChain chain, WhyStep step) =>
        string.Equals(step.AuthorId, actorId, StringComparison.Ordinal) || IsAuthor(role, actorId, chain.AuthorId);

    public static Rejection? StepAuthor(ApplyContext ctx, WhyChain chain, WhyStep step) =>
        IsStepAuthor(ctx.Role, ctx.ActorId, chain, step) ? null : Author(ctx, chain.AuthorId, "why chain");

    public static bool IsOwner(Role role, string actorId, ActionDetails action) =>
        role == Role.Facilitator || string.Equals(action.OwnerParticipantId, actorId, StringComparison.Ordinal);

    public static Rejection? Owner(ApplyContext ctx, ActionDetails action) =>
        IsOwner(ctx.Role, ctx.ActorId, action)
            ? null
            : new Rejection(RejectionCodes.NotOwner, "only the action's owner or the facilitator can do this");

    /// <summary>Ready: one named owner and a due date.</summary>
    public static bool IsReady(ActionDetails a) => !string.IsNullOrEmpty(a.Owner) && a.DueDate is not null;

    /// <summary>Only a chosen, ready action can be acknowledged (by its owner or the facilitator).</summary>
    public static bool MayAcknowledge(ActionDetails a) => a.Chosen && IsReady(a);

    /// <summary>The phase in which votes are cast: actions, or the agenda phase it is folded into.</summary>
    public static Phase VotingPhase(BoardMeta meta) => Agendas.Effective(meta.Agenda, Phase.Actions);

    /// <summary>Voting happens in the actions phase (or the agenda phase it is folded into), before the reveal.</summary>
    public static Rejection? VotingOpen(BoardMeta meta)
    {
        if (meta.Phase != VotingPhase(meta))
        {
            return new Rejection(RejectionCodes.WrongPhase, "votes are cast in the actions phase");
        }

        return meta.VotesRevealed ? new Rejection(RejectionCodes.VotesAlreadyRevealed, "the votes have been revealed") : null;
    }

    public static int VotesUsed(BoardState state, string actorId) =>
        state.Votes.TryGetValue(actorId, out var votes) ? votes.Count : 0;

    public static int VotesLeft(BoardState state, string actorId) =>
        Math.Max(0, state.Meta.VotesPerParticipant - VotesUsed(state, actorId));

    /// <summary>Only the board's creator may take the facilitator role back; the server lets the facilitator
    /// secret's holder act as the creator.</summary>
    public static Rejection? Creator(ApplyContext ctx) =>
        string.Equals(ctx.ActorId, ctx.Meta.CreatorId, StringComparison.Ordinal)
            ? null
            : new Rejection(RejectionCodes.NotFacilitator, "only the board's creator (the facilitator secret's holder) can take the role back");
}
