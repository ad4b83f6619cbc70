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
    /// <summary>The preview with names replaced by roles (a method of its own: SignalR methods take no optional arguments).</summary>
    public const string WriteUpPreviewWithRoles = "WriteUpPreviewWithRoles";
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

/// <param name="RetryAfterMs">With code <c>unavailable</c> when the server shed the command because it is over a
/// limit (too many commands in flight, the journal's queue full): nothing was decided or stored, and the client sends
/// the same clientOpId again after at least this many milliseconds.</param>
public sealed record Ack(
    string ClientOpId,
    string Status,
    long? Seq = null,
    string? Code = null,
    string? Message = null,
    IReadOnlyList<string>? Warnings = null,
    IReadOnlyList<ImportLineError>? ImportErrors = null,
    long? RetryAfterMs = null);

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


/// <summary>The <c>kind</c> of a presence update. Clients send the first four; only the server sends <see cref="Left"/>.</summary>
public static class PresenceKinds
{
    public const string Cursor = "cursor";
    public const string Drag = "drag";
    public const string Typing = "typing";
    public const string Idle = "idle";

    /// <summary>
    /// The participant's last connection to the board on that instance closed: show them offline now. A closed socket
    /// (a tab closed, a reload) says so at once; a silent one after <see cref="HubTimeouts.ClientTimeout"/>. Their next
    /// presence (every client sends one on connecting and heartbeats) shows them back.
    /// </summary>
    public const string Left = "left";

    /// <summary>The kinds a client may send.</summary>
    public static IReadOnlyList<string> FromClients { get; } = [Cursor, Drag, Typing, Idle];
}

/// <summary>
/// The hub's keep-alive contract, which the server and every client must share (docs/PROTOCOL.md section 3): each side
/// pings after <see cref="KeepAliveInterval"/> without sending anything, and gives the other up after its timeout
/// without hearing from it. A closed tab or reload closes its socket and is shown as <see cref="PresenceKinds.Left"/> at
/// once (issue 13, fix 6); the timeout only decides how long a connection lost without a close (a dropped network, a
/// closed laptop) still counts as here. Not shorter: browsers run the timers of background tabs at most once a second
/// and later less often, and a participant with the board behind the video call must not flicker out and back.
/// </summary>
public static class HubTimeouts
{
    /// <summary>Both the server (<c>HubOptions.KeepAliveInterval</c>) and clients (<c>HubConnection.KeepAliveInterval</c>).</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(5);

    /// <summary>The server drops a client it has not heard from for this long (<c>HubOptions.ClientTimeoutInterval</c>).</summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(15);

    /// <summary>A client gives up on a server it has not heard from for this long (<c>HubConnection.ServerTimeout</c>).</summary>
    public static readonly TimeSpan ServerTimeout = TimeSpan.FromSeconds(15);
}

/// <summary>A presence update as the hub sends it: what <c>Presence</c> accepted, stamped with who sent it.</summary>
public sealed record PresenceUpdate(string ParticipantId, string Kind, double? X, double? Y, string? NoteId);

/// <summary>What the hub sends as <c>presence</c>: the latest update of each participant who moved.</summary>
public sealed record PresenceBatch(IReadOnlyList<PresenceUpdate> Updates);

/// <summary>The <c>fatal</c> message: this connection is over; <see cref="Code"/> says whether reconnecting can help (R15).</summary>
public sealed record FatalMessage(string Code, string Message);

/// <summary>
/// The shape of an "entry" message. The server writes it from pre-serialized parts (its <c>AppliedEntry</c>, byte
/// for byte the same, docs/protocol/entry.*.json); a client reads it as this record. Lean on the wire (issue 16):
/// <see cref="Status"/> is left out when it is "accepted" (nearly every entry), and nothing a client can derive from
/// the events is sent (the command's type was, and no client used it).
/// </summary>
public sealed record EntryMessage(
    long Seq,
    DateTimeOffset At,
    string ActorId,
    string ClientOpId,
    IReadOnlyList<BoardEvent> Events,
    string Status = AckStatus.Accepted,
    string? Code = null,
    string? Message = null,
    /// <summary>For a "duplicate" entry (R3): the seq at which the clientOpId was applied.</summary>
    long? DuplicateOf = null);
