namespace PostMortem.Server.Persistence;

/// <summary>Log messages of the server's persistence wiring. Event ids 100-119 are reserved for it; never renumber.</summary>
internal static partial class EfPersistenceLog
{
    [LoggerMessage(100, LogLevel.Error, "Board {BoardId}: an applied-entry observer failed at seq {Seq}.")]
    public static partial void ObserverFailed(ILogger logger, string boardId, long seq, Exception exception);

    [LoggerMessage(101, LogLevel.Warning, "Board {BoardId}: writing the incident record at seq {Seq} failed (attempt {Attempt}).")]
    public static partial void IncidentRecordFailed(ILogger logger, string boardId, long seq, int attempt, Exception exception);
}
