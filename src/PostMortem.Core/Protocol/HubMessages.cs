using PostMortem.Core.Commands;
using PostMortem.Core.Model;

namespace PostMortem.Core.Protocol;

// Wire contract of the board hub (docs/PROTOCOL.md, section 3). The server sends exactly these records and any C#
// client reads and writes them; names are protocol: never rename one.

/// <summary>Names of the server-to-client hub messages.</summary>
public static class ClientMethods
{
    public const string Entry = "entry";
    public const string Presence = "presence";
    public const string Fatal = "fatal";
}

/// <summary>Names of the hub methods a client calls.</summary>
public static class HubMethods
{
    public const string Join = "Join";
    public const string Submit = "Submit";
    public const string Ping = "Ping";
    public const string CheckText = "CheckText";
    public const string WriteUpPreview = "WriteUpPreview";
    public const string Presence = "Presence";
}

/// <summary>
/// The argument of <c>Submit</c>. The server reads it field by field (so a missing or unreadable part gets its own
/// code in the Ack instead of failing the call); a C# client writes this record.
/// </summary>
/// <param name="BoardId">Optional; when given it must be the token's board (<c>wrong_board</c> otherwise).</param>
public sealed record SubmitRequest(string ClientOpId, BoardCommand Command, string? BoardId = null);

public sealed record JoinRequest(string? BoardId, long? LastSeq);

/// <param name="Mode">"snapshot" (see <paramref name="View"/>) or "entries" (exactly the entries after lastSeq).</param>
/// <param name="Seq">The sequence number the client is at once it has applied this result; entries with a
/// Seq at or below it that arrive around the Join result are already included.</param>
public sealed record JoinResult(
    string Mode,
    RawJson? View,
    IReadOnlyList<RawJson>? Entries,
    long Seq,
    long ServerTime,
    string ParticipantId,
    Role Role)
{
    /// <summary>Time the server spent on this Join, board load included (diagnostics; docs/BENCHMARKS.md cold join).</summary>
    public double? ServerMs { get; init; }
}

public sealed record Ack(
    string ClientOpId,
    string Status,
    long? Seq = null,
    string? Code = null,
    string? Message = null,
    IReadOnlyList<string>? Warnings = null,
    IReadOnlyList<ImportLineError>? ImportErrors = null);

/// <summary>The <c>status</c> strings of an Ack and an entry.</summary>
public static class AckStatus
{
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Duplicate = "duplicate";

    public static string Of(OutcomeStatus status) => status switch
    {
        OutcomeStatus.Accepted => Accepted,
        OutcomeStatus.Duplicate => Duplicate,
        _ => Rejected,
    };
}

public sealed record PingResult(double ClientTime, long ServerTime);

public sealed record PresenceRequest(string? Kind, double? X, double? Y, string? NoteId);


/// <summary>A presence update as the hub sends it: what <c>Presence</c> accepted, stamped with who sent it.</summary>
public sealed record PresenceUpdate(string ParticipantId, string Kind, double? X, double? Y, string? NoteId);

/// <summary>What the hub sends as <c>presence</c>: the latest update of each participant who moved.</summary>
public sealed record PresenceBatch(IReadOnlyList<PresenceUpdate> Updates);

/// <summary>The <c>fatal</c> message: this connection is over; <see cref="Code"/> says whether reconnecting can help (R15).</summary>
public sealed record FatalMessage(string Code, string Message);

/// <summary>
/// The shape of an "entry" message. The server writes it from pre-serialized parts (its <c>AppliedEntry</c>, byte
/// for byte the same, docs/protocol/entry.*.json); a client reads it as this record.
/// </summary>
public sealed record EntryMessage(
    long Seq,
    DateTimeOffset At,
    string ActorId,
    string ClientOpId,
    string CommandType,
    string Status,
    string? Code,
    string? Message,
    /// <summary>For a "duplicate" entry (R3): the seq at which the clientOpId was applied.</summary>
    long? DuplicateOf,
    IReadOnlyList<BoardEvent> Events);
