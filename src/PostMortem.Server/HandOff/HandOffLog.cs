namespace PostMortem.Server.HandOff;

/// <summary>The hand-off's log lines. Event ids are stable (5400–5409): never renumber. Ids and codes only, never a
/// secret or a body.</summary>
internal static partial class HandOffLog
{
    [LoggerMessage(5400, LogLevel.Debug, "Webhook event {EventId} ({EventType}) delivered on attempt {Attempt}.")]
    public static partial void Delivered(ILogger logger, string eventId, string eventType, int attempt);

    [LoggerMessage(5401, LogLevel.Warning, "Webhook event {EventId} attempt {Attempt} failed ({Error}); retrying at {RetryAt}.")]
    public static partial void AttemptFailed(ILogger logger, string eventId, int attempt, string error, DateTimeOffset retryAt);

    [LoggerMessage(5402, LogLevel.Error, "Webhook event {EventId} given up after {Attempts} attempts ({Error}).")]
    public static partial void GivenUp(ILogger logger, string eventId, int attempts, string error);

    [LoggerMessage(5403, LogLevel.Warning, "The webhook outbox could not be read or written; trying again shortly.")]
    public static partial void OutboxFailed(ILogger logger, Exception exception);

    [LoggerMessage(5404, LogLevel.Warning, "Webhook queue full: event {EventId} was not queued here (another instance or a reload may still queue it).")]
    public static partial void QueueFull(ILogger logger, string eventId);
}
