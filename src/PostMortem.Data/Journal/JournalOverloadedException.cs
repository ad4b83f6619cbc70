namespace PostMortem.Data.Journal;

/// <summary>
/// The journal refused an append without storing anything: more appends are waiting than it accepts
/// (Database:JournalMaxQueued), or an earlier entry of the same board was not journaled and this one would leave a
/// gap. Retrying later is safe. A <see cref="TimeoutException"/> so the callers' "storage unavailable" handling
/// (503 / hub <c>unavailable</c> with retry-after) answers it: the entry could not be made durable in time.
/// </summary>
public sealed class JournalOverloadedException : TimeoutException
{
    public JournalOverloadedException()
    {
    }

    public JournalOverloadedException(string message)
        : base(message)
    {
    }

    public JournalOverloadedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
