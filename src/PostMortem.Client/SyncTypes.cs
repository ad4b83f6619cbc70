using PostMortem.Core;
using PostMortem.Core.Commands;

namespace PostMortem.Client;

/// <summary>Where the engine's connection stands, for the connection banner.</summary>
public enum ConnectionStatus
{
    /// <summary>Not started.</summary>
    Idle,
    /// <summary>The first connection is being made.</summary>
    Connecting,
    /// <summary>Joined: entries arrive and commands are sent.</summary>
    Connected,
    /// <summary>Lost; trying again soon. Commands are queued.</summary>
    Reconnecting,
    /// <summary>Several attempts failed, or the device says it is offline. Commands are queued; attempts go on, slower.</summary>
    Offline,
    /// <summary>Over for good: a fatal failure (<see cref="BoardSyncEngine.Failure"/>) or the engine was disposed.</summary>
    Stopped,
}

/// <summary>Why the engine stopped, or a failure it retries: a protocol code (docs/PROTOCOL.md 5) and the server's words.</summary>
public sealed record SyncFailure(string Code, string Message);

/// <summary>
/// How the server decided a command: <see cref="Status"/> is the Ack's (<c>accepted</c>, <c>duplicate</c>,
/// <c>rejected</c>). Accepted and duplicate are only reported once the entry is part of the view.
/// </summary>
public sealed record CommandResult(
    string ClientOpId,
    string Status,
    long? Seq = null,
    string? Code = null,
    string? Message = null,
    IReadOnlyList<string>? Warnings = null,
    IReadOnlyList<ImportLineError>? ImportErrors = null);

/// <summary>A command the server has not yet settled: "sending…" in the UI. Never applied to the view before its entry.</summary>
/// <param name="AckedSeq">The seq the server gave it; it stays pending until the entry with that seq is applied.</param>
public sealed record PendingCommand(string ClientOpId, BoardCommand Command, long? AckedSeq);

/// <summary>A submitted command: its id now, its outcome later.</summary>
public sealed record SubmittedCommand(string ClientOpId, Task<CommandResult> Result);
