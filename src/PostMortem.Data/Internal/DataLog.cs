using Microsoft.Extensions.Logging;

namespace PostMortem.Data.Internal;

/// <summary>Log messages of the data layer. Event ids are stable (3000-3099, and the ones that moved here from the
/// server keep theirs: 42, 43, 101); never renumber.</summary>
internal static partial class DataLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Journal batch of {Count} entries failed; writing them one by one.")]
    public static partial void JournalBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Database ({Provider}) migrated: {Count} migration(s) applied.")]
    public static partial void Migrated(ILogger logger, DatabaseProvider provider, int count);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Database ({Provider}) is up to date.")]
    public static partial void UpToDate(ILogger logger, DatabaseProvider provider);

    [LoggerMessage(EventId = 42, Level = LogLevel.Error, Message = "Storage is failing: {Reason}. /healthz answers 503 and writes answer 503 unavailable until a write succeeds.")]
    public static partial void StorageFailing(ILogger logger, string reason);

    [LoggerMessage(EventId = 43, Level = LogLevel.Warning, Message = "Storage takes writes again.")]
    public static partial void StorageRecovered(ILogger logger);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Board {BoardId}: writing the incident record at seq {Seq} failed (attempt {Attempt}).")]
    public static partial void IncidentRecordFailed(ILogger logger, string boardId, long seq, int attempt, Exception exception);
}
