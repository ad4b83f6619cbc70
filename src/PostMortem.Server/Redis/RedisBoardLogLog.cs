using Microsoft.Extensions.Logging;

namespace PostMortem.Server.Redis;

/// <summary>
/// Log messages of the Redis board log. Event ids are stable (dashboards and alerts key on them):
/// never renumber or reuse one. Board ids and sequence numbers only, never entry or note text.
/// </summary>
internal static partial class RedisBoardLogLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Redis board log connecting to {EndPoints} with key prefix '{KeyPrefix}'")]
    public static partial void Connecting(ILogger logger, string endPoints, string keyPrefix);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Redis connection failed ({ConnectionType}, {FailureType}) on {EndPoint}")]
    public static partial void ConnectionFailed(ILogger logger, string connectionType, string failureType, string endPoint, Exception? exception);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Redis connection restored ({ConnectionType}) on {EndPoint}")]
    public static partial void ConnectionRestored(ILogger logger, string connectionType, string endPoint);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Redis answers again; re-reading every subscribed board")]
    public static partial void Reconnected(ILogger logger);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning, Message = "Board log {Operation} on board {BoardId} failed: Redis unavailable")]
    public static partial void Unavailable(ILogger logger, string operation, string boardId, Exception exception);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "Board {BoardId}: delivered {Count} missed entries after seq {AfterSeq} from the stored log")]
    public static partial void GapFilled(ILogger logger, string boardId, long afterSeq, int count);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "Board {BoardId}: reading entries after seq {AfterSeq} failed; the next re-read retries")]
    public static partial void CatchUpFailed(ILogger logger, string boardId, long afterSeq, Exception exception);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Error, Message = "Board {BoardId}: a subscriber failed on seq {Seq}")]
    public static partial void SubscriberFailed(ILogger logger, string boardId, long seq, Exception exception);

    [LoggerMessage(EventId = 4114, Level = LogLevel.Error, Message = "Board {BoardId}: ignored an unreadable message on the entries channel")]
    public static partial void MalformedMessage(ILogger logger, string boardId, Exception exception);

    [LoggerMessage(EventId = 4115, Level = LogLevel.Critical, Message = "Board {BoardId}: stored last seq {StoredSeq} is below the delivered seq {DeliveredSeq}; Redis lost acknowledged writes (flushed, or failed over to a lagging replica)")]
    public static partial void LogWentBackwards(ILogger logger, string boardId, long storedSeq, long deliveredSeq);

    [LoggerMessage(EventId = 4116, Level = LogLevel.Information, Message = "Board {BoardId}: entries up to seq {ToSeq} were trimmed; subscribers jump from {AfterSeq} and load a snapshot")]
    public static partial void TrimmedGap(ILogger logger, string boardId, long afterSeq, long toSeq);

    [LoggerMessage(EventId = 4117, Level = LogLevel.Warning, Message = "Board {BoardId}: wrote back {Count} entries Redis had lost under their own numbers (up to seq {ToSeq}); the log again holds every entry delivered here")]
    public static partial void LogRestored(ILogger logger, string boardId, int count, long toSeq);

    [LoggerMessage(EventId = 4118, Level = LogLevel.Critical, Message = "Board {BoardId}: Redis gave the numbers after seq {KeptSeq} (delivered here up to {DeliveredSeq}) to other entries before the lost ones could be written back; the replica rewinds to seq {KeptSeq} and {Offered} lost entries were offered again at the end of the log")]
    public static partial void LogRewound(ILogger logger, string boardId, long keptSeq, long deliveredSeq, int offered);

    [LoggerMessage(EventId = 4119, Level = LogLevel.Error, Message = "Board {BoardId}: the log holds another entry at seq {Seq} than the one delivered here (Redis lost writes); repairing")]
    public static partial void LogDiverged(ILogger logger, string boardId, long seq);

    [LoggerMessage(EventId = 4123, Level = LogLevel.Warning, Message = "Board {BoardId}: append refused (the log ends at seq {Head}, seq {DeliveredSeq} was delivered here): Redis lost writes and the log is being repaired")]
    public static partial void AppendFenced(ILogger logger, string boardId, long head, long deliveredSeq);

    [LoggerMessage(EventId = 4125, Level = LogLevel.Warning, Message = "Board {BoardId}: the log lacks entries after seq {Head} that this instance does not hold; waiting for another instance to write them back")]
    public static partial void WaitingForOthers(ILogger logger, string boardId, long head);

    [LoggerMessage(EventId = 4124, Level = LogLevel.Error, Message = "Board {BoardId}: a subscriber failed to rewind to seq {Seq}")]
    public static partial void RewindFailed(ILogger logger, string boardId, long seq, Exception exception);

    [LoggerMessage(EventId = 4120, Level = LogLevel.Debug, Message = "Board {BoardId}: subscribed at seq {Seq}")]
    public static partial void BoardSubscribed(ILogger logger, string boardId, long seq);

    [LoggerMessage(EventId = 4121, Level = LogLevel.Debug, Message = "Board {BoardId}: last local subscriber left; unsubscribed")]
    public static partial void BoardUnsubscribed(ILogger logger, string boardId);

    [LoggerMessage(EventId = 4122, Level = LogLevel.Warning, Message = "Board {BoardId}: unsubscribing from Redis failed")]
    public static partial void UnsubscribeFailed(ILogger logger, string boardId, Exception exception);
}
