using System.Text.Json.Serialization;

namespace PostMortem.Core.Model;

/// <summary>
/// The whole board, owned by exactly one replica (<see cref="Board"/>) and changed only by Core's reducer: outside
/// Core it is read-only (setters are internal, collections are read-only views of the reducer's own). Collections
/// are keyed by canonical ids and compared ordinally; iteration order for hashing and views is by id (see
/// CoreJson.Canonical). Every internal member that is state carries [JsonInclude]: the stored format is unchanged.
/// </summary>
public sealed class BoardState
{
    [JsonInclude]
    public BoardMeta Meta { get; internal set; } = new();

    [JsonIgnore]
    public IReadOnlyDictionary<string, Participant> Participants => ParticipantsById;

    [JsonInclude, JsonPropertyName("participants")]
    internal Dictionary<string, Participant> ParticipantsById { get; set; } = new(StringComparer.Ordinal);

    [JsonIgnore]
    public IReadOnlyDictionary<string, Note> Notes => NotesById;

    [JsonInclude, JsonPropertyName("notes")]
    internal Dictionary<string, Note> NotesById { get; set; } = new(StringComparer.Ordinal);

    [JsonIgnore]
    public IReadOnlyDictionary<string, WhyChain> Chains => ChainsById;

    [JsonInclude, JsonPropertyName("chains")]
    internal Dictionary<string, WhyChain> ChainsById { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Votes by participant id: the note ids they voted for (a note may appear more than once).
    /// Hidden from everyone but the voter until <see cref="BoardMeta.VotesRevealed"/>, so not even readable
    /// outside Core: views and the write-up say what a viewer may see.</summary>
    [JsonInclude]
    internal Dictionary<string, List<string>> Votes { get; set; } = new(StringComparer.Ordinal);

    [JsonInclude]
    public IReadOnlyList<SignOff> SignOffs { get; internal set; } = [];

    /// <summary>SHA-256 hashes of the board's bearer secrets. Never part of a view or an event.</summary>
    [JsonInclude]
    public BoardSecrets Secrets { get; internal set; } = new();

    /// <summary>Recent clientOpIds per actor, for at-most-once application (rule R3); Core's own bookkeeping.</summary>
    [JsonInclude]
    internal Dictionary<string, List<AppliedOp>> RecentOps { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Lower-case hex SHA-256 of each secret; the secrets themselves are never stored.</summary>
public sealed class BoardSecrets
{
    public string JoinCodeHash { get; init; } = "";
    public string FacilitatorSecretHash { get; init; } = "";
    public string ReadKeyHash { get; init; } = "";
}

public sealed record AppliedOp(string ClientOpId, long Seq);

public sealed class BoardMeta
{
    [JsonInclude]
    public string BoardId { get; internal set; } = "";
    /// <summary>Sequence number of the last applied entry (0 = empty board).</summary>
    [JsonInclude]
    public long Seq { get; internal set; }
    [JsonInclude]
    public bool Created { get; internal set; }
    [JsonInclude]
    public string Title { get; internal set; } = "";
    /// <summary>When the incident happened (UTC).</summary>
    [JsonInclude]
    public DateTimeOffset IncidentAt { get; internal set; }
    [JsonInclude]
    public IncidentType IncidentType { get; internal set; } = IncidentType.Other;
    /// <summary>1 (worst) to 5.</summary>
    [JsonInclude]
    public int Severity { get; internal set; } = 3;
    /// <summary>IANA zone id the timeline is shown in; times are stored in UTC.</summary>
    [JsonInclude]
    public string TimeZone { get; internal set; } = "UTC";
    [JsonInclude]
    public DateTimeOffset CreatedAt { get; internal set; }
    /// <summary>Time of the last accepted entry: the "now" a view's derived output is computed with,
    /// so every replica shows the same thing without reading a clock.</summary>
    [JsonInclude]
    public DateTimeOffset UpdatedAt { get; internal set; }
    [JsonInclude]
    public string CreatorId { get; internal set; } = "";
    [JsonInclude]
    public string FacilitatorId { get; internal set; } = "";
    [JsonInclude]
    public AgendaPreset AgendaPreset { get; internal set; } = AgendaPreset.Ninety;
    /// <summary>Minutes per phase; a phase absent from the agenda (contributing factors in the
    /// 60-minute preset) is folded into the one before it.</summary>
    [JsonInclude]
    public IReadOnlyList<AgendaSlot> Agenda { get; internal set; } = [];
    [JsonInclude]
    public Phase Phase { get; internal set; } = Phase.SetTheRoom;
    [JsonInclude]
    public IReadOnlyList<Phase> LockedPhases { get; internal set; } = [];
    [JsonInclude]
    public bool BoardLocked { get; internal set; }
    [JsonInclude]
    public string PrimeDirective { get; internal set; } = "";
    [JsonInclude]
    public bool PrimeDirectiveShown { get; internal set; }
    [JsonInclude]
    public TimerState Timer { get; internal set; } = new();
    [JsonInclude]
    public int VotesPerParticipant { get; internal set; } = 3;
    [JsonInclude]
    public bool VotesRevealed { get; internal set; }
    /// <summary>Facilitator's order for breaking ties in the ranking (action note ids).</summary>
    [JsonInclude]
    public IReadOnlyList<string> TieBreakOrder { get; internal set; } = [];
    [JsonInclude]
    public string Summary { get; internal set; } = "";
    [JsonInclude]
    public string Impact { get; internal set; } = "";
    [JsonInclude]
    public DateOnly? FollowUpDate { get; internal set; }
    [JsonInclude]
    public DateTimeOffset? ClosedAt { get; internal set; }
    /// <summary>Content phases whose authors are hidden from everyone but themselves (issue 14, anonymous boards),
    /// in phase order; every content phase = the whole board. See Internal/Anonymity for what it hides.</summary>
    [JsonIgnore]
    public IReadOnlyList<Phase> AnonymousPhases { get; internal set; } = [];

    /// <summary>Stored and sent only when not empty, so a board that is not anonymous keeps its bytes and its state hash.</summary>
    [JsonInclude, JsonPropertyName("anonymousPhases")]
    internal IReadOnlyList<Phase>? AnonymousPhasesOrNull
    {
        get => AnonymousPhases.Count == 0 ? null : AnonymousPhases;
        set => AnonymousPhases = value ?? [];
    }
}

public sealed record AgendaSlot(Phase Phase, int Minutes);

/// <summary>Server-authoritative countdown stored as absolute times (invariant 6).</summary>
public sealed class TimerState
{
    [JsonInclude]
    public TimerStatus Status { get; internal set; } = TimerStatus.Idle;
    [JsonInclude]
    public Phase? Phase { get; internal set; }
    [JsonInclude]
    public long DurationMs { get; internal set; }
    /// <summary>When a running timer reaches zero (server clock).</summary>
    [JsonInclude]
    public DateTimeOffset? EndsAt { get; internal set; }
    /// <summary>What was left when paused.</summary>
    [JsonInclude]
    public long RemainingMs { get; internal set; }
}

public sealed class Participant
{
    [JsonInclude]
    public string Id { get; internal set; } = "";
    [JsonInclude]
    public string Name { get; internal set; } = "";
    [JsonInclude]
    public Role Role { get; internal set; } = Role.Participant;
    [JsonInclude]
    public DateTimeOffset JoinedAt { get; internal set; }
    [JsonInclude]
    public bool AgreedPrimeDirective { get; internal set; }
    [JsonInclude]
    public bool Ready { get; internal set; }
    /// <summary>Left of their own accord; may come back with the same token.</summary>
    [JsonInclude]
    public bool Left { get; internal set; }
    /// <summary>Removed by the facilitator: their token stops working (invariant 4).</summary>
    [JsonInclude]
    public bool Removed { get; internal set; }
}

public sealed class Note
{
    [JsonInclude]
    public string Id { get; internal set; } = "";
    [JsonInclude]
    public NoteKind Kind { get; internal set; }
    [JsonInclude]
    public string Text { get; internal set; } = "";
    [JsonInclude]
    public string AuthorId { get; internal set; } = "";
    [JsonInclude]
    public DateTimeOffset CreatedAt { get; internal set; }
    [JsonInclude]
    public DateTimeOffset UpdatedAt { get; internal set; }
    /// <summary>Timeline notes: when it happened (UTC).</summary>
    [JsonInclude]
    public DateTimeOffset? OccurredAt { get; internal set; }
    [JsonInclude]
    public KeyMoment? KeyMoment { get; internal set; }
    /// <summary>Free placement within a lane or list (client-chosen, ordering only).</summary>
    [JsonInclude]
    public double Position { get; internal set; }
    /// <summary>Language coach findings for <see cref="Text"/>, computed when the text was written.</summary>
    [JsonInclude]
    public IReadOnlyList<CoachFlag> Flags { get; internal set; } = [];
    /// <summary>Action fields (Kind == Action).</summary>
    [JsonInclude]
    public ActionDetails? Action { get; internal set; }
}

public sealed class ActionDetails
{
    [JsonInclude]
    public bool Chosen { get; internal set; }
    [JsonInclude]
    public string? Owner { get; internal set; }
    /// <summary>The participant who is the owner, when the owner is on the board (for acknowledgement).</summary>
    [JsonInclude]
    public string? OwnerParticipantId { get; internal set; }
    [JsonInclude]
    public DateOnly? DueDate { get; internal set; }
    [JsonInclude]
    public ActionKind ActionKind { get; internal set; } = ActionKind.ShortTerm;
    [JsonInclude]
    public string? TrackerUrl { get; internal set; }
    [JsonInclude]
    public ActionStatus Status { get; internal set; } = ActionStatus.Open;
    [JsonInclude]
    public DateTimeOffset? AcknowledgedAt { get; internal set; }
}

public sealed class WhyChain
{
    [JsonInclude]
    public string Id { get; internal set; } = "";
    [JsonInclude]
    public string Symptom { get; internal set; } = "";
    [JsonInclude]
    public string AuthorId { get; internal set; } = "";
    [JsonInclude]
    public DateTimeOffset CreatedAt { get; internal set; }
    [JsonInclude]
    public IReadOnlyList<WhyStep> Steps { get; internal set; } = [];
    [JsonInclude]
    public string? RootCauseStepId { get; internal set; }
    [JsonInclude]
    public IReadOnlyList<CoachFlag> Flags { get; internal set; } = [];
}

public sealed class WhyStep
{
    [JsonInclude]
    public string Id { get; internal set; } = "";
    /// <summary>Who added the step: anyone may add a step to any chain, but only its author, the
    /// chain's author or the facilitator may change or remove it.</summary>
    [JsonInclude]
    public string AuthorId { get; internal set; } = "";
    [JsonInclude]
    public string Question { get; internal set; } = "";
    [JsonInclude]
    public string Answer { get; internal set; } = "";
    [JsonInclude]
    public IReadOnlyList<CoachFlag> Flags { get; internal set; } = [];
}

public sealed record SignOff(string Name, string ActorId, DateTimeOffset At);

/// <summary>One finding of the blameless language coach.</summary>
/// <param name="Rule">Stable id, e.g. "name", "you", "should-have", "judgement".</param>
/// <param name="Match">The words that triggered it, as written.</param>
/// <param name="Start">Offset of the match in the text.</param>
/// <param name="Hint">Plain-language explanation.</param>
/// <param name="Suggestion">A neutral rephrasing of the whole text, when one can be offered.</param>
public sealed record CoachFlag(string Rule, string Match, int Start, string Hint, string? Suggestion);
