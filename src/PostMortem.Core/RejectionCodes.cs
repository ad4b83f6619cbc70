namespace PostMortem.Core;

/// <summary>
/// Stable rejection codes. They are part of the wire protocol (docs/PROTOCOL.md): never rename or
/// reuse one. Each rejection also carries a plain-language message: a sentence a client shows as it is (the code
/// is for programs, never for people). <see cref="Sentence"/> gives one for a code alone.
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
    public const string NotYourself = "not_yourself";
    public const string AnonymityFixed = "anonymity_fixed";

    /// <summary>The session replay opens once the board is locked or was closed (issue 14).</summary>
    public const string ReplayNotReady = "replay_not_ready";

    // Host-level codes (the server, not the reducer, decides these; listed here so one table holds all).
    public const string RateLimited = "rate_limited";
    public const string MessageTooLarge = "message_too_large";
    public const string MalformedCommand = "malformed_command";
    public const string UnknownCommand = "unknown_command";
    public const string Unauthorized = "unauthorized";
    public const string WrongBoard = "wrong_board";
    public const string BoardNotFound = "board_not_found";

    /// <summary>
    /// A sentence for people about a refusal known only by its code — one of these codes or the server's
    /// (<see cref="Protocol.ServerCodes"/>) — e.g. a hub call that failed with a code. Prefer the rejection's own
    /// message when there is one: it says more (which phase, how many votes). Unknown codes get a general sentence.
    /// </summary>
    public static string Sentence(string? code) => code switch
    {
        BoardNotCreated => "This board has not been set up yet.",
        BoardAlreadyCreated => "This board already exists.",
        BoardLocked => "The board is locked: it can be read but no longer changed.",
        PhaseLocked => "The facilitator has locked this phase, so it cannot be changed now.",
        NotFacilitator => "Only the facilitator can do this.",
        NotParticipant => "Only participants of the board can do this; readers may sign off on the actions.",
        NotAuthor => "Only the person who wrote this, or the facilitator, can change it.",
        NotOwner => "Only the action's owner, or the facilitator, can do this.",
        ParticipantRemoved => "You were removed from this board, so you can no longer change it.",
        ParticipantNotFound => "That person is not on this board.",
        NoteNotFound => "That note is no longer on the board.",
        ChainNotFound => "That why chain is no longer on the board.",
        StepNotFound => "That step is no longer in the chain.",
        IdTaken => "Something with the same id is already on the board; try again.",
        InvalidId => "The change named something by an id the board cannot use.",
        TextRequired => "Write something first: the text is empty.",
        TextTooLong => "The text is too long for the board.",
        TooMany => "The board has reached its limit for this.",
        InvalidValue => "One of the values is not one the board accepts.",
        WrongPhase => "This belongs to another phase of the meeting.",
        WrongNoteKind => "This cannot be done with that kind of note.",
        NoVotesLeft => "You have used all your votes; take one back to vote again.",
        NoVoteToRetract => "You have no vote on this action to take back.",
        VotesAlreadyRevealed => "The votes have been revealed, so they can no longer change.",
        OwnerNotAPerson => "An action is owned by one named person, not a team or a group.",
        ActionNotReady => "Only a chosen action with an owner and a due date can be acknowledged.",
        TimerNotRunning => "The timer is not running.",
        TimerNotPaused => "The timer is not paused.",
        AlreadyFacilitator => "You are already the facilitator.",
        NoPhase => "There is no phase to move to in that direction.",
        InvalidTimeZone => "That is not a time zone the board knows; use one such as Europe/Berlin.",
        NotYourself => "Each person gives their own role in the incident; you can change only yours.",
        ReplayNotReady => "The replay opens once the facilitator has locked or closed the board; the meeting is still going on.",
        AnonymityFixed => "That phase has started or already holds notes, so whether it is anonymous can no longer change.",
        RateLimited => "Too many changes at once; wait a moment and try again.",
        MessageTooLarge => "That was too large to send to the board.",
        MalformedCommand => "The board could not read that change.",
        UnknownCommand => "The board does not know that kind of change.",
        Unauthorized => "This browser's access to the board is no longer valid; open your board link again.",
        WrongBoard => "That change was meant for another board.",
        BoardNotFound => "There is no such board.",
        Protocol.ServerCodes.OriginNotAllowed => "This page is not allowed to talk to the board's server.",
        Protocol.ServerCodes.InvalidRequest => "The request was incomplete or could not be read.",
        Protocol.ServerCodes.RequestTooLarge => "That was too large to send.",
        Protocol.ServerCodes.NotFound => "There is nothing at that address.",
        Protocol.ServerCodes.Unavailable => "The board cannot take changes right now; it will be tried again.",
        Protocol.ServerCodes.SignInRequired => "Sign in with the team link to see the incident log.",
        Protocol.ServerCodes.TeamLinkInvalid => "That team link is not the current one; ask for the new link.",
        Protocol.ServerCodes.TeamKeyConfigured => "The team key is set in the server's configuration and is changed there.",
        Protocol.ServerCodes.TooManyConnections => "This board is open in too many of your tabs; close one and try again.",
        Protocol.ServerCodes.BoardRewound => "The board lost its latest changes and was rebuilt; some changes you saw may be gone.",
        Protocol.ServerCodes.InternalError => "Something went wrong on the server.",
        _ => "The board refused this change.",
    };
}
