namespace PostMortem.Core;

/// <summary>
/// Stable rejection codes. They are part of the wire protocol (docs/PROTOCOL.md): never rename or
/// reuse one. Each rejection also carries a plain-language message.
/// </summary>
public static class RejectionCodes
{
    public const string BoardNotCreated = "board_not_created";
    public const string BoardAlreadyCreated = "board_already_created";
    public const string BoardLocked = "board_locked";
    public const string PhaseLocked = "phase_locked";
    public const string NotFacilitator = "not_facilitator";
    public const string NotParticipant = "not_participant";
    public const string NotAuthor = "not_author";
    public const string NotOwner = "not_owner";
    public const string ParticipantRemoved = "participant_removed";
    public const string ParticipantNotFound = "participant_not_found";
    public const string NoteNotFound = "note_not_found";
    public const string ChainNotFound = "chain_not_found";
    public const string StepNotFound = "step_not_found";
    public const string IdTaken = "id_taken";
    public const string InvalidId = "invalid_id";
    public const string TextRequired = "text_required";
    public const string TextTooLong = "text_too_long";
    public const string TooMany = "too_many";
    public const string InvalidValue = "invalid_value";
    public const string WrongPhase = "wrong_phase";
    public const string WrongNoteKind = "wrong_note_kind";
    public const string NoVotesLeft = "no_votes_left";
    public const string NoVoteToRetract = "no_vote_to_retract";
    public const string VotesAlreadyRevealed = "votes_already_revealed";
    public const string OwnerNotAPerson = "owner_not_a_person";
    public const string ActionNotReady = "action_not_ready";
    public const string TimerNotRunning = "timer_not_running";
    public const string TimerNotPaused = "timer_not_paused";
    public const string AlreadyFacilitator = "already_facilitator";
    public const string NoPhase = "no_phase";
    public const string InvalidTimeZone = "invalid_time_zone";

    // Host-level codes (the server, not the reducer, decides these; listed here so one table holds all).
    public const string RateLimited = "rate_limited";
    public const string MessageTooLarge = "message_too_large";
    public const string MalformedCommand = "malformed_command";
    public const string UnknownCommand = "unknown_command";
    public const string Unauthorized = "unauthorized";
    public const string WrongBoard = "wrong_board";
    public const string BoardNotFound = "board_not_found";
}
