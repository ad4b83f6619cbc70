using Microsoft.Extensions.Logging;

namespace PostMortem.Data.Internal;

/// <summary>Log messages of the data layer. Event ids are stable (3000-3099); never renumber.</summary>
internal static partial class DataLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Journal batch of {Count} entries failed; writing them one by one.")]
    public static partial void JournalBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Database ({Provider}) migrated: {Count} migration(s) applied.")]
    public static partial void Migrated(ILogger logger, DatabaseProvider provider, int count);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Database ({Provider}) is up to date.")]
    public static partial void UpToDate(ILogger logger, DatabaseProvider provider);
}
