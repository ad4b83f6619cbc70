using PostMortem.Core.Log;

namespace PostMortem.Server.BoardLog;

/// <summary>
/// The single source of order for every board (ARCHITECTURE.md, "The board is an ordered log").
/// Two implementations, one contract test suite (tests/PostMortem.BoardLog.Tests): in-process
/// (<see cref="LocalBoardLog"/>, journaled) and Redis (Redis/RedisBoardLog).
/// </summary>
internal interface IBoardLog
{
    /// <summary>
    /// Appends a command: assigns the board's next sequence number (gapless, from 1) and the server
    /// time, stores it, and delivers it to subscribers of the board. Returns the stored entry.
    /// </summary>
    ValueTask<LogEntry> AppendAsync(string boardId, PendingEntry pending, CancellationToken cancellationToken);

    /// <summary>
    /// Stored entries with <c>Seq &gt; afterSeq</c>, in order, at most <paramref name="max"/>. If entries
    /// after <paramref name="afterSeq"/> were trimmed, the first returned Seq is above afterSeq + 1 and
    /// the caller must load a snapshot first.
    /// </summary>
    ValueTask<IReadOnlyList<LogEntry>> ReadAsync(string boardId, long afterSeq, int max, CancellationToken cancellationToken);

    /// <summary>The highest sequence number assigned on the board, 0 when it has none.</summary>
    ValueTask<long> LastSeqAsync(string boardId, CancellationToken cancellationToken);

    /// <summary>
    /// Delivers entries appended to the board from now on (by any instance), in sequence order per
    /// publisher. Delivery is at-most-once: a subscriber that sees a gap fills it with <see cref="ReadAsync"/>.
    /// Disposing the result ends the subscription.
    /// </summary>
    ValueTask<IAsyncDisposable> SubscribeAsync(string boardId, Func<LogEntry, ValueTask> onEntry, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="SubscribeAsync(string, Func{LogEntry, ValueTask}, CancellationToken)"/>, and also told when the log no
    /// longer holds entries it delivered: Redis lost acknowledged writes and, before they could be written back, other
    /// entries took their numbers (docs/SCALE-OUT.md, "When Redis loses acknowledged writes"). <paramref name="onRewound"/>
    /// gets the last seq that still stands, in order with the entries: what was delivered after it is void, and the
    /// log's own entries after it follow. A log that never loses an acknowledged entry (the local one) never calls it.
    /// </summary>
    ValueTask<IAsyncDisposable> SubscribeAsync(string boardId, Func<LogEntry, ValueTask> onEntry, Func<long, ValueTask> onRewound, CancellationToken cancellationToken)
        => SubscribeAsync(boardId, onEntry, cancellationToken);

    /// <summary>
    /// True while this instance knows that what it delivered of the board disagrees with the stored log (Redis lost
    /// entries and the repair has not finished): nothing derived from the delivered entries — a snapshot — may be
    /// stored then.
    /// </summary>
    bool DisagreesWithLog(string boardId) => false;

    /// <summary>Drops stored entries with <c>Seq &lt;= upToSeq</c> (only below a durable snapshot).</summary>
    ValueTask TrimAsync(string boardId, long upToSeq, CancellationToken cancellationToken);
}
