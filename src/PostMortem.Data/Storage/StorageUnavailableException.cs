namespace PostMortem.Data.Storage;

/// <summary>
/// Storage refused a write (disk full, database unreachable): nothing was stored, so the caller answers with a
/// retryable "unavailable" and a retry with the same clientOpId is safe. The cause is the inner exception.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
