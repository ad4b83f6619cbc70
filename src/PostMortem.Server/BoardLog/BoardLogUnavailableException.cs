namespace PostMortem.Server.BoardLog;

/// <summary>
/// The board log cannot be reached (e.g. Redis is restarting). Nothing was decided about the command:
/// it may or may not have been appended, so the caller reports a retryable error and the client
/// resubmits with the same clientOpId; the reducer applies it at most once.
/// </summary>
internal sealed class BoardLogUnavailableException : Exception
{
    public BoardLogUnavailableException()
    {
    }

    public BoardLogUnavailableException(string message)
        : base(message)
    {
    }

    public BoardLogUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
