using System.Text.Json.Serialization;
using PostMortem.Core.Model;

namespace PostMortem.Core.Commands;

/// <summary>
/// A change a caller asks for. Commands are the board log's payload: the wire name in "type" is
/// part of the protocol (docs/PROTOCOL.md) and of stored logs and snapshots — never rename one.
/// Ids of new things (notes, chains, steps) are chosen by the client (GUIDs or other canonical ids)
/// so it can refer to them before the outcome arrives; the reducer rejects a taken id.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
// Board
[JsonDerivedType(typeof(CreateBoard), "createBoard")]
[JsonDerivedType(typeof(UpdateDetails), "updateDetails")]
[JsonDerivedType(typeof(SetAgenda), "setAgenda")]
[JsonDerivedType(typeof(SetTimeZone), "setTimeZone")]
[JsonDerivedType(typeof(SetPrimeDirective), "setPrimeDirective")]
[JsonDerivedType(typeof(ShowPrimeDirective), "showPrimeDirective")]
[JsonDerivedType(typeof(ImportTimeline), "importTimeline")]
// People
[JsonDerivedType(typeof(Join), "join")]
[JsonDerivedType(typeof(Rename), "rename")]
[JsonDerivedType(typeof(Leave), "leave")]
[JsonDerivedType(typeof(RemoveParticipant), "removeParticipant")]
[JsonDerivedType(typeof(HandOver), "handOver")]
[JsonDerivedType(typeof(ReclaimFacilitator), "reclaimFacilitator")]
[JsonDerivedType(typeof(AgreePrimeDirective), "agreePrimeDirective")]
[JsonDerivedType(typeof(SetReady), "setReady")]
// Phases and locks
[JsonDerivedType(typeof(AdvancePhase), "advancePhase")]
[JsonDerivedType(typeof(GoBackPhase), "goBackPhase")]
[JsonDerivedType(typeof(LockPhase), "lockPhase")]
[JsonDerivedType(typeof(UnlockPhase), "unlockPhase")]
[JsonDerivedType(typeof(LockBoard), "lockBoard")]
[JsonDerivedType(typeof(UnlockBoard), "unlockBoard")]
// Timer
[JsonDerivedType(typeof(StartTimer), "startTimer")]
[JsonDerivedType(typeof(PauseTimer), "pauseTimer")]
[JsonDerivedType(typeof(ResumeTimer), "resumeTimer")]
[JsonDerivedType(typeof(ExtendTimer), "extendTimer")]
[JsonDerivedType(typeof(ResetTimer), "resetTimer")]
// Notes
[JsonDerivedType(typeof(AddNote), "addNote")]
[JsonDerivedType(typeof(EditNote), "editNote")]
[JsonDerivedType(typeof(MoveNote), "moveNote")]
[JsonDerivedType(typeof(DeleteNote), "deleteNote")]
[JsonDerivedType(typeof(MarkKeyMoment), "markKeyMoment")]
// Why chains
[JsonDerivedType(typeof(StartChain), "startChain")]
[JsonDerivedType(typeof(EditChain), "editChain")]
[JsonDerivedType(typeof(RemoveChain), "removeChain")]
[JsonDerivedType(typeof(AddWhyStep), "addWhyStep")]
[JsonDerivedType(typeof(EditWhyStep), "editWhyStep")]
[JsonDerivedType(typeof(RemoveWhyStep), "removeWhyStep")]
[JsonDerivedType(typeof(MarkRootCause), "markRootCause")]
// Actions and votes
[JsonDerivedType(typeof(CastVote), "castVote")]
[JsonDerivedType(typeof(RetractVote), "retractVote")]
[JsonDerivedType(typeof(SetVoteLimit), "setVoteLimit")]
[JsonDerivedType(typeof(RevealVotes), "revealVotes")]
[JsonDerivedType(typeof(SetTieBreakOrder), "setTieBreakOrder")]
[JsonDerivedType(typeof(ChooseAction), "chooseAction")]
[JsonDerivedType(typeof(SetActionDetails), "setActionDetails")]
[JsonDerivedType(typeof(AcknowledgeAction), "acknowledgeAction")]
[JsonDerivedType(typeof(UpdateActionStatus), "updateActionStatus")]
// Close
[JsonDerivedType(typeof(SetClose), "setClose")]
[JsonDerivedType(typeof(SignOffActions), "signOff")]
// Anonymous boards (issue 14)
[JsonDerivedType(typeof(SetAnonymity), "setAnonymity")]
public abstract record BoardCommand;

// ---- Board ----------------------------------------------------------------------------------

/// <summary>First entry of every board (seq 1). The actor becomes creator and facilitator. The server
/// fills <see cref="Secrets"/> with hashes of the codes it hands out; the reducer stores them as given.</summary>
public sealed record CreateBoard(
    string Title,
    DateTimeOffset IncidentAt,
    IncidentType IncidentType,
    int Severity,
    string FacilitatorName,
    AgendaPreset AgendaPreset = AgendaPreset.Ninety,
    IReadOnlyList<AgendaSlot>? CustomAgenda = null,
    string TimeZone = "UTC",
    string? PrimeDirective = null,
    BoardSecrets? Secrets = null,
    IReadOnlyList<Phase>? AnonymousPhases = null) : BoardCommand;

public sealed record UpdateDetails(string Title, DateTimeOffset IncidentAt, IncidentType IncidentType, int Severity) : BoardCommand;

public sealed record SetAgenda(AgendaPreset Preset, IReadOnlyList<AgendaSlot>? CustomAgenda = null) : BoardCommand;

public sealed record SetTimeZone(string TimeZone) : BoardCommand;

public sealed record SetPrimeDirective(string Text) : BoardCommand;

/// <summary>Facilitator shows (or hides) the Prime Directive on every screen.</summary>
public sealed record ShowPrimeDirective(bool Shown) : BoardCommand;

/// <summary>
/// Pre-work: pasted lines such as "2026-03-03 16:47 API change deployed", one event per line; a line
/// marked as a signal ("[signal]" or "signal:" after the time) goes to the signal lane. Times are read
/// in the board's time zone. Good lines become notes with ids "{IdPrefix}-{lineNumber}"; bad lines are
/// reported in the outcome with their number and reason.
/// </summary>
public sealed record ImportTimeline(string Text, string IdPrefix) : BoardCommand;

// ---- People ---------------------------------------------------------------------------------

/// <summary>The actor joins (or rejoins) under a display name. Issued by the server on join.</summary>
public sealed record Join(string Name) : BoardCommand;

public sealed record Rename(string Name) : BoardCommand;

public sealed record Leave : BoardCommand;

public sealed record RemoveParticipant(string ParticipantId) : BoardCommand;

public sealed record HandOver(string ParticipantId) : BoardCommand;

/// <summary>The board's creator takes the facilitator role back, in one entry: they rejoin if they had left,
/// and the role moves from whoever holds it. Issued by the server after it checked the facilitator secret.</summary>
public sealed record ReclaimFacilitator : BoardCommand;

public sealed record AgreePrimeDirective(bool Agreed) : BoardCommand;

public sealed record SetReady(bool Ready) : BoardCommand;

// ---- Phases and locks -----------------------------------------------------------------------

public sealed record AdvancePhase : BoardCommand;

public sealed record GoBackPhase : BoardCommand;

public sealed record LockPhase(Phase Phase) : BoardCommand;

public sealed record UnlockPhase(Phase Phase) : BoardCommand;

public sealed record LockBoard : BoardCommand;

public sealed record UnlockBoard : BoardCommand;

// ---- Timer ----------------------------------------------------------------------------------

/// <summary>Starts the phase timer; without a duration, the current phase's agenda minutes.</summary>
public sealed record StartTimer(int? DurationSeconds = null) : BoardCommand;

public sealed record PauseTimer : BoardCommand;

public sealed record ResumeTimer : BoardCommand;

public sealed record ExtendTimer(int Seconds) : BoardCommand;

public sealed record ResetTimer : BoardCommand;

// ---- Notes ----------------------------------------------------------------------------------

public sealed record AddNote(string NoteId, NoteKind Kind, string Text, DateTimeOffset? OccurredAt = null, double Position = 0) : BoardCommand;

public sealed record EditNote(string NoteId, string Text) : BoardCommand;

/// <summary>Moves a note along the time axis, between the two timeline lanes, or within a list.</summary>
public sealed record MoveNote(string NoteId, NoteKind? Kind = null, DateTimeOffset? OccurredAt = null, double? Position = null) : BoardCommand;

public sealed record DeleteNote(string NoteId) : BoardCommand;

/// <summary>Marks a timeline note as a key moment (null clears). A moment is held by one note at a time.</summary>
public sealed record MarkKeyMoment(string NoteId, KeyMoment? Moment) : BoardCommand;

// ---- Why chains -----------------------------------------------------------------------------

public sealed record StartChain(string ChainId, string Symptom) : BoardCommand;

public sealed record EditChain(string ChainId, string Symptom) : BoardCommand;

public sealed record RemoveChain(string ChainId) : BoardCommand;

public sealed record AddWhyStep(string ChainId, string StepId, string Question, string Answer) : BoardCommand;

public sealed record EditWhyStep(string ChainId, string StepId, string Question, string Answer) : BoardCommand;

public sealed record RemoveWhyStep(string ChainId, string StepId) : BoardCommand;

/// <summary>Marks one step as the structural root cause (null clears the chain's mark).</summary>
public sealed record MarkRootCause(string ChainId, string? StepId) : BoardCommand;

// ---- Actions and votes ----------------------------------------------------------------------

public sealed record CastVote(string NoteId) : BoardCommand;

public sealed record RetractVote(string NoteId) : BoardCommand;

public sealed record SetVoteLimit(int Votes) : BoardCommand;

public sealed record RevealVotes : BoardCommand;

public sealed record SetTieBreakOrder(IReadOnlyList<string> NoteIds) : BoardCommand;

public sealed record ChooseAction(string NoteId, bool Chosen) : BoardCommand;

/// <summary>Sets the fields given; a null field is left as it is, <see cref="Clear"/> names fields to empty.</summary>
public sealed record SetActionDetails(
    string NoteId,
    string? Owner = null,
    string? OwnerParticipantId = null,
    DateOnly? DueDate = null,
    ActionKind? ActionKind = null,
    string? TrackerUrl = null,
    IReadOnlyList<string>? Clear = null) : BoardCommand;

/// <summary>The owner (or the facilitator on their behalf) says "yes" to an action.</summary>
public sealed record AcknowledgeAction(string NoteId) : BoardCommand;

/// <summary>Follow-up after the meeting: the owner or the facilitator; allowed on a locked board.</summary>
public sealed record UpdateActionStatus(string NoteId, ActionStatus Status) : BoardCommand;

// ---- Close ----------------------------------------------------------------------------------

public sealed record SetClose(string Summary, string Impact, DateOnly? FollowUpDate) : BoardCommand;

/// <summary>Someone who could not attend agrees to the actions by name; allowed to readers, and on a locked board.</summary>
public sealed record SignOffActions(string Name) : BoardCommand;

// ---- Anonymous boards (issue 14) ------------------------------------------------------------

/// <summary>The facilitator says which content phases hide their authors (all four = the whole board; empty = none).
/// A phase may change only before it starts and while it holds no content (code anonymity_fixed).</summary>
public sealed record SetAnonymity(IReadOnlyList<Phase> Phases) : BoardCommand;
