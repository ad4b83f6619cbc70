namespace PostMortem.Core.Model;

/// <summary>
/// The whole board. Mutable, owned by exactly one replica (<see cref="Board"/>) and changed only by
/// the reducer. Collections are keyed by canonical ids and compared ordinally; iteration order for
/// hashing and views is by id (see CoreJson.Canonical).
/// </summary>
public sealed class BoardState
{
    public BoardMeta Meta { get; set; } = new();
    public Dictionary<string, Participant> Participants { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, Note> Notes { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, WhyChain> Chains { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Votes by participant id: the note ids they voted for (a note may appear more than once).
    /// Hidden from everyone but the voter until <see cref="BoardMeta.VotesRevealed"/>.</summary>
    public Dictionary<string, List<string>> Votes { get; set; } = new(StringComparer.Ordinal);
    public List<SignOff> SignOffs { get; set; } = [];
    /// <summary>SHA-256 hashes of the board's bearer secrets. Never part of a view or an event.</summary>
    public BoardSecrets Secrets { get; set; } = new();
    /// <summary>Recent clientOpIds per actor, for at-most-once application (rule R3).</summary>
    public Dictionary<string, List<AppliedOp>> RecentOps { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Lower-case hex SHA-256 of each secret; the secrets themselves are never stored.</summary>
public sealed class BoardSecrets
{
    public string JoinCodeHash { get; set; } = "";
    public string FacilitatorSecretHash { get; set; } = "";
    public string ReadKeyHash { get; set; } = "";
}

public sealed record AppliedOp(string ClientOpId, long Seq);

public sealed class BoardMeta
{
    public string BoardId { get; set; } = "";
    /// <summary>Sequence number of the last applied entry (0 = empty board).</summary>
    public long Seq { get; set; }
    public bool Created { get; set; }
    public string Title { get; set; } = "";
    /// <summary>When the incident happened (UTC).</summary>
    public DateTimeOffset IncidentAt { get; set; }
    public IncidentType IncidentType { get; set; } = IncidentType.Other;
    /// <summary>1 (worst) to 5.</summary>
    public int Severity { get; set; } = 3;
    /// <summary>IANA zone id the timeline is shown in; times are stored in UTC.</summary>
    public string TimeZone { get; set; } = "UTC";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Time of the last accepted entry: the "now" a view's derived output is computed with,
    /// so every replica shows the same thing without reading a clock.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
    public string CreatorId { get; set; } = "";
    public string FacilitatorId { get; set; } = "";
    public AgendaPreset AgendaPreset { get; set; } = AgendaPreset.Ninety;
    /// <summary>Minutes per phase; a phase absent from the agenda (contributing factors in the
    /// 60-minute preset) is folded into the one before it.</summary>
    public List<AgendaSlot> Agenda { get; set; } = [];
    public Phase Phase { get; set; } = Phase.SetTheRoom;
    public List<Phase> LockedPhases { get; set; } = [];
    public bool BoardLocked { get; set; }
    public string PrimeDirective { get; set; } = "";
    public bool PrimeDirectiveShown { get; set; }
    public TimerState Timer { get; set; } = new();
    public int VotesPerParticipant { get; set; } = 3;
    public bool VotesRevealed { get; set; }
    /// <summary>Facilitator's order for breaking ties in the ranking (action note ids).</summary>
    public List<string> TieBreakOrder { get; set; } = [];
    public string Summary { get; set; } = "";
    public string Impact { get; set; } = "";
    public DateOnly? FollowUpDate { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

public sealed record AgendaSlot(Phase Phase, int Minutes);

/// <summary>Server-authoritative countdown stored as absolute times (invariant 6).</summary>
public sealed class TimerState
{
    public TimerStatus Status { get; set; } = TimerStatus.Idle;
    public Phase? Phase { get; set; }
    public long DurationMs { get; set; }
    /// <summary>When a running timer reaches zero (server clock).</summary>
    public DateTimeOffset? EndsAt { get; set; }
    /// <summary>What was left when paused.</summary>
    public long RemainingMs { get; set; }
}

public sealed class Participant
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public Role Role { get; set; } = Role.Participant;
    public DateTimeOffset JoinedAt { get; set; }
    public bool AgreedPrimeDirective { get; set; }
    public bool Ready { get; set; }
    /// <summary>Left of their own accord; may come back with the same token.</summary>
    public bool Left { get; set; }
    /// <summary>Removed by the facilitator: their token stops working (invariant 4).</summary>
    public bool Removed { get; set; }
}

public sealed class Note
{
    public string Id { get; set; } = "";
    public NoteKind Kind { get; set; }
    public string Text { get; set; } = "";
    public string AuthorId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Timeline notes: when it happened (UTC).</summary>
    public DateTimeOffset? OccurredAt { get; set; }
    public KeyMoment? KeyMoment { get; set; }
    /// <summary>Free placement within a lane or list (client-chosen, ordering only).</summary>
    public double Position { get; set; }
    /// <summary>Language coach findings for <see cref="Text"/>, computed when the text was written.</summary>
    public List<CoachFlag> Flags { get; set; } = [];
    /// <summary>Action fields (Kind == Action).</summary>
    public ActionDetails? Action { get; set; }
}

public sealed class ActionDetails
{
    public bool Chosen { get; set; }
    public string? Owner { get; set; }
    /// <summary>The participant who is the owner, when the owner is on the board (for acknowledgement).</summary>
    public string? OwnerParticipantId { get; set; }
    public DateOnly? DueDate { get; set; }
    public ActionKind ActionKind { get; set; } = ActionKind.ShortTerm;
    public string? TrackerUrl { get; set; }
    public ActionStatus Status { get; set; } = ActionStatus.Open;
    public DateTimeOffset? AcknowledgedAt { get; set; }
}

public sealed class WhyChain
{
    public string Id { get; set; } = "";
    public string Symptom { get; set; } = "";
    public string AuthorId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public List<WhyStep> Steps { get; set; } = [];
    public string? RootCauseStepId { get; set; }
    public List<CoachFlag> Flags { get; set; } = [];
}

public sealed class WhyStep
{
    public string Id { get; set; } = "";
    /// <summary>Who added the step: anyone may add a step to any chain, but only its author, the
    /// chain's author or the facilitator may change or remove it.</summary>
    public string AuthorId { get; set; } = "";
    public string Question { get; set; } = "";
    public string Answer { get; set; } = "";
    public List<CoachFlag> Flags { get; set; } = [];
}

public sealed record SignOff(string Name, string ActorId, DateTimeOffset At);

/// <summary>One finding of the blameless language coach.</summary>
/// <param name="Rule">Stable id, e.g. "name", "you", "should-have", "judgement".</param>
/// <param name="Match">The words that triggered it, as written.</param>
/// <param name="Start">Offset of the match in the text.</param>
/// <param name="Hint">Plain-language explanation.</param>
/// <param name="Suggestion">A neutral rephrasing of the whole text, when one can be offered.</param>
public sealed record CoachFlag(string Rule, string Match, int Start, string Hint, string? Suggestion);
