using PostMortem.Core;
using PostMortem.Core.Model;

namespace PostMortem.Server.Hubs;

// Wire contract of the board hub (docs/PROTOCOL.md). Property names are protocol: never rename one.

/// <summary>Names of the server-to-client hub messages.</summary>
internal static class ClientMethods
{
    public const string Entry = "entry";
    public const string Presence = "presence";
    public const string Fatal = "fatal";
}

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

internal static class AckStatus
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


public sealed record FatalMessage(string Code, string Message);

/// <summary>
/// The shape of an "entry" message. The server writes it from pre-serialized parts (see
/// <see cref="Boards.EntryMessageWriter"/>); this record documents it and lets tests read it.
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
