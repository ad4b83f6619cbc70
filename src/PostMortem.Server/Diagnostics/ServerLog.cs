namespace PostMortem.Server.Diagnostics;

/// <summary>
/// Every log line the server writes. Event ids are stable (dashboards and alerts key on them): never renumber.
/// Never log a secret, a token or user text (note text, names) — ids and codes only.
/// </summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Information, "Board {BoardId} loaded at seq {Seq} (snapshot seq {SnapshotSeq}).")]
    public static partial void BoardLoaded(ILogger logger, string boardId, long seq, long snapshotSeq);

    [LoggerMessage(2, LogLevel.Information, "Board {BoardId} unloaded after being idle.")]
    public static partial void BoardUnloaded(ILogger logger, string boardId);

    [LoggerMessage(3, LogLevel.Information, "Board {BoardId} created.")]
    public static partial void BoardCreated(ILogger logger, string boardId);

    [LoggerMessage(4, LogLevel.Information, "Connection {ConnectionId} refused: {Code}.")]
    public static partial void ConnectionRefused(ILogger logger, string connectionId, string code);

    [LoggerMessage(5, LogLevel.Information, "Connection {ConnectionId} closed by the server: {Code}.")]
    public static partial void FatalSent(ILogger logger, string connectionId, string code);

    [LoggerMessage(6, LogLevel.Warning, "Connection {ConnectionId} on board {BoardId} fell {Queued} messages behind and was disconnected.")]
    public static partial void SlowClientDisconnected(ILogger logger, string connectionId, string boardId, int queued);

    [LoggerMessage(7, LogLevel.Debug, "Sending to connection {ConnectionId} failed.")]
    public static partial void SendFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "Connection {ConnectionId} broke the protocol: {Code}.")]
    public static partial void ProtocolViolation(ILogger logger, string connectionId, string code);

    [LoggerMessage(9, LogLevel.Debug, "Board {BoardId} snapshot saved at seq {Seq}.")]
    public static partial void SnapshotSaved(ILogger logger, string boardId, long seq);

    [LoggerMessage(10, LogLevel.Warning, "Board {BoardId} snapshot at seq {Seq} could not be saved.")]
    public static partial void SnapshotFailed(ILogger logger, string boardId, long seq, Exception exception);

    [LoggerMessage(11, LogLevel.Information, "Board {BoardId} replica filled a gap from seq {FromSeq} to {ToSeq}.")]
    public static partial void GapFilled(ILogger logger, string boardId, long fromSeq, long toSeq);

    [LoggerMessage(12, LogLevel.Critical, "Board {BoardId} replica failed after seq {Seq}; it will be reloaded.")]
    public static partial void ReplicaFaulted(ILogger logger, string boardId, long seq, Exception exception);

    [LoggerMessage(13, LogLevel.Warning, "Board {BoardId}: an entry was not applied within the apply timeout.")]
    public static partial void ApplyTimedOut(ILogger logger, string boardId);

    [LoggerMessage(14, LogLevel.Error, "Idle board sweep failed.")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(15, LogLevel.Warning, "No Auth:SigningKey configured: generated one at {Path}. Several instances must share a configured key.")]
    public static partial void SigningKeyGenerated(ILogger logger, string path);

    [LoggerMessage(16, LogLevel.Information, "Board {BoardId}: participant {ParticipantId} joined over HTTP.")]
    public static partial void ParticipantJoined(ILogger logger, string boardId, string participantId);

    [LoggerMessage(17, LogLevel.Information, "Board {BoardId}: facilitator role reclaimed with the facilitator secret.")]
    public static partial void FacilitatorReclaimed(ILogger logger, string boardId);

    [LoggerMessage(18, LogLevel.Warning, "Board {BoardId}: HTTP request refused: {Code}.")]
    public static partial void HttpRefused(ILogger logger, string boardId, string code);

    [LoggerMessage(19, LogLevel.Error, "Board {BoardId}: appending to the board log failed.")]
    public static partial void AppendFailed(ILogger logger, string boardId, Exception exception);

    [LoggerMessage(20, LogLevel.Error, "Board {BoardId} could not be loaded for a connection.")]
    public static partial void BoardLoadFailed(ILogger logger, string boardId, Exception exception);

    [LoggerMessage(21, LogLevel.Information, "Shutting down: {Count} board(s) flushed to their final snapshot.")]
    public static partial void BoardsFlushed(ILogger logger, int count);

    [LoggerMessage(22, LogLevel.Debug, "Board {BoardId} closed without a final snapshot (the server was not stopped gracefully); its log holds every entry.")]
    public static partial void BoardClosedWithoutSnapshot(ILogger logger, string boardId);

    [LoggerMessage(23, LogLevel.Information, "Warmed up the board load path in {ElapsedMs:F0} ms.")]
    public static partial void WarmedUp(ILogger logger, double elapsedMs);

    [LoggerMessage(24, LogLevel.Warning, "Warm-up failed; the first board loads will be slower.")]
    public static partial void WarmupFailed(ILogger logger, Exception exception);

    // 40-49: team access and storage health (ids from 40 so parallel work on 25-39 cannot collide).
    [LoggerMessage(25, LogLevel.Warning, "Board {BoardId}: no snapshot at seq {Seq}: the replica is not known to agree with the log (Redis lost entries; being repaired).")]
    public static partial void SnapshotWithheld(ILogger logger, string boardId, long seq);

    [LoggerMessage(26, LogLevel.Critical, "Board {BoardId}: the log no longer holds the entries after seq {KeptSeq} this replica applied (up to {AppliedSeq}); rebuilt from snapshot seq {BaseSeq} and the log, {Count} connection(s) told the board was rewound.")]
    public static partial void BoardRewound(ILogger logger, string boardId, long keptSeq, long appliedSeq, long baseSeq, int count);

    [LoggerMessage(40, LogLevel.Warning, "No Auth:TeamAccessKey configured: generated the team access key at {Path}. Print the team link with the team-link command.")]
    public static partial void TeamAccessGenerated(ILogger logger, string path);

    [LoggerMessage(41, LogLevel.Warning, "The team access key at {Path} was rotated: the old team link and its sessions no longer work.")]
    public static partial void TeamAccessRotated(ILogger logger, string path);

    // 42 and 43 (storage failing, storage recovered) are PostMortem.Data's DataLog now, under the same ids: never reuse them.

    [LoggerMessage(44, LogLevel.Information, "Connection {ConnectionId} waits for board {BoardId} to reach seq {Seq} (the replica is at {ReplicaSeq}) before judging its token.")]
    public static partial void WaitingForReplica(ILogger logger, string connectionId, string boardId, long seq, long replicaSeq);

    // 100-119: applied-entry observers (101, the incident record's write, is DataLog's under the same id).
    [LoggerMessage(100, LogLevel.Error, "Board {BoardId}: an applied-entry observer failed at seq {Seq}.")]
    public static partial void ObserverFailed(ILogger logger, string boardId, long seq, Exception exception);
}
