using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PostMortem.Core;
using PostMortem.Core.Log;
using PostMortem.Server.BoardLog;
using PostMortem.Server.Diagnostics;
using StackExchange.Redis;

namespace PostMortem.Server.Redis;

/// <summary>
/// The scale-out board log (ARCHITECTURE.md, "Backplane: Redis"; docs/decisions/0001-backplane-and-ordered-log.md).
/// Entries live in one Redis stream per board, appended and published by one Lua script
/// (<see cref="RedisScripts.Append"/>), so every instance sees a board's entries in one order.
/// <para>Delivery: one Redis subscription per board per instance (<see cref="RedisBoardFeed"/>), shared
/// by the local subscribers. The feed, not its subscribers, repairs what pub/sub loses: it delivers
/// each seq once and in order, reads a gap from the stream before delivering past it, re-reads every
/// board after a reconnect, and every <see cref="RedisOptions.TailCheckInterval"/> repairs entries that
/// have been stored for a whole interval without arriving.
/// Subscribers may still see a jump when the missed entries were trimmed (then they load a snapshot).</para>
/// </summary>
internal sealed class RedisBoardLog : IBoardLog, IAsyncDisposable
{
    private const int CatchUpBatch = 500;

    private readonly RedisConnection _connection;
    private readonly RedisChannels _names;
    private readonly ILogger _logger;
    private readonly Dictionary<string, RedisBoardFeed> _feeds = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _feedsGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _tailCheck;
    private readonly TimeSpan _commandTimeout;
    private readonly BoardMetrics? _metrics;
    private readonly long _repairHoldMs;

    /// <summary>How long a write-back holds new appends, and how long a feed missing lost entries waits for another instance to write them back.</summary>
    internal TimeSpan RepairHold => TimeSpan.FromMilliseconds(_repairHoldMs);

    public RedisBoardLog(RedisConnection connection, RedisOptions options, ILogger<RedisBoardLog> logger, BoardMetrics? metrics = null)
    {
        _metrics = metrics;
        _connection = connection;
        _names = new RedisChannels(options.KeyPrefix);
        _logger = logger;
        _commandTimeout = options.CommandTimeout > TimeSpan.Zero ? options.CommandTimeout : Timeout.InfiniteTimeSpan;
        // Every instance looks at each board's log at least once per tail check (and at once on a reconnect): two
        // intervals give every holder of lost entries the time to write them back before new appends resume.
        _repairHoldMs = options.TailCheckInterval > TimeSpan.Zero ? (long)(2 * options.TailCheckInterval).TotalMilliseconds : 0;
        _connection.Reconnected += ResyncAll;
        _tailCheck = options.TailCheckInterval > TimeSpan.Zero ? CheckTailsAsync(options.TailCheckInterval) : Task.CompletedTask;
    }

    public async ValueTask<LogEntry> AppendAsync(string boardId, PendingEntry pending, CancellationToken cancellationToken)
    {
        RedisChannels.ValidateBoardId(boardId);
        ArgumentNullException.ThrowIfNull(pending);
        var feed = FeedOf(boardId);
        var fence = feed?.DeliveredSeq ?? 0;
        var (entry, head) = await AppendFencedAsync(boardId, pending, fence, repair: false, cancellationToken);
        if (entry is null)
        {
            // Redis holds less than this instance delivered: it lost acknowledged entries. Appending now would give
            // this command a number that already belongs to one of them; the feed writes them back first.
            RedisBoardLogLog.AppendFenced(_logger, boardId, head, fence);
            feed?.RequestResync();
            throw new BoardLogUnavailableException("The board log (Redis) is being repaired after it lost entries; try again.");
        }

        return entry;
    }

    /// <summary>
    /// Appends unless the log's head is below <paramref name="fence"/> or a write-back holds appends (then returns no
    /// entry and the head). A feed offering lost entries again at the end of the log passes fence 0 and <paramref name="repair"/>.
    /// </summary>
    internal async Task<(LogEntry? Entry, long Head)> AppendFencedAsync(string boardId, PendingEntry pending, long fence, bool repair, CancellationToken cancellationToken)
    {
        var tail = RedisEntryFormat.TailOf(pending);
        var started = Stopwatch.GetTimestamp();
        RedisResult result;
        try
        {
            result = await RunAsync(
                "append",
                boardId,
                async db => await db.ScriptEvaluateAsync(
                    RedisScripts.Append,
                    [_names.Meta(boardId), _names.Log(boardId), _names.Ops(boardId)],
                    [_names.EntriesName(boardId), RedisEntryFormat.Head, tail, RedisScripts.OpKey(pending.ActorId, pending.ClientOpId), RedisScripts.OpsWindow, fence, repair ? "1" : "0"]),
                cancellationToken);
        }
        finally
        {
            // Failures too: a timed-out append shows as a slow round trip, which is what an operator wants to see.
            _metrics?.RedisAppendDone(started);
        }

        var assigned = (RedisResult[])result!;
        if ((long)assigned[0] < 0)
        {
            return (null, (long)assigned[1]);
        }

        if (assigned.Length == 3)
        {
            // A retry of an op Redis already appended (its first call timed out here but ran there).
            var stored = CoreJson.DeserializeEntry((string)assigned[2]!);
            return (stored, stored.Seq);
        }

        var entry = new LogEntry(
            (long)assigned[0],
            DateTimeOffset.FromUnixTimeMilliseconds((long)assigned[1]),
            pending.ActorId,
            pending.ClientOpId,
            pending.Command);
        return (entry, entry.Seq);
    }

    /// <summary>
    /// Writes <paramref name="entries"/> (contiguous, in seq order, as Redis stored them) back under their own numbers
    /// where the log lacks them (<see cref="RedisScripts.Restore"/>): idempotent, first writer wins.
    /// </summary>
    internal async Task<RestoreResult> RestoreAsync(string boardId, IReadOnlyList<StoredEntry> entries, CancellationToken cancellationToken)
    {
        var args = new RedisValue[3 + 4 * entries.Count];
        args[0] = _names.EntriesName(boardId);
        args[1] = RedisScripts.OpsWindow;
        args[2] = _repairHoldMs;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = CoreJson.DeserializeEntry(entries[i].Text);
            args[3 + 4 * i] = entries[i].Seq;
            args[4 + 4 * i] = entry.At.ToUnixTimeMilliseconds();
            args[5 + 4 * i] = RedisScripts.OpKey(entry.ActorId, entry.ClientOpId);
            args[6 + 4 * i] = entries[i].Text;
        }

        var result = await RunAsync(
            "restore",
            boardId,
            async db => await db.ScriptEvaluateAsync(RedisScripts.Restore, [_names.Meta(boardId), _names.Log(boardId), _names.Ops(boardId)], args),
            cancellationToken);
        var values = (RedisResult[])result!;
        return new RestoreResult((RestoreStatus)(int)values[0], (long)values[1], (long)values[2], (int)values[3]);
    }

    public async ValueTask<IReadOnlyList<LogEntry>> ReadAsync(string boardId, long afterSeq, int max, CancellationToken cancellationToken)
    {
        var stored = await ReadStoredAsync(boardId, afterSeq, max, cancellationToken);
        var entries = new LogEntry[stored.Count];
        for (var i = 0; i < stored.Count; i++)
        {
            entries[i] = CoreJson.DeserializeEntry(stored[i].Text);
        }

        return entries;
    }

    /// <summary><see cref="ReadAsync"/> as Redis holds them: seq and exact text (what a write-back must reproduce).</summary>
    internal async ValueTask<IReadOnlyList<StoredEntry>> ReadStoredAsync(string boardId, long afterSeq, int max, CancellationToken cancellationToken)
    {
        RedisChannels.ValidateBoardId(boardId);
        if (max <= 0)
        {
            return [];
        }

        var from = Math.Max(afterSeq, 0) + 1;
        var result = await RunAsync(
            "read",
            boardId,
            async db => await db.ScriptEvaluateAsync(RedisScripts.Read, [_names.Log(boardId)], [$"{from}-0", max]),
            cancellationToken);
        var texts = (RedisValue[])result!;
        var entries = new StoredEntry[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            var text = (string)texts[i]!;
            entries[i] = new StoredEntry(RedisEntryFormat.SeqOf(text), text);
        }

        return entries;
    }

    public async ValueTask<long> LastSeqAsync(string boardId, CancellationToken cancellationToken)
    {
        RedisChannels.ValidateBoardId(boardId);
        var seq = await RunAsync("lastSeq", boardId, db => db.HashGetAsync(_names.Meta(boardId), "seq"), cancellationToken);
        return seq.IsNull ? 0 : (long)seq;
    }

    public async ValueTask TrimAsync(string boardId, long upToSeq, CancellationToken cancellationToken)
    {
        RedisChannels.ValidateBoardId(boardId);
        if (upToSeq <= 0)
        {
            return;
        }

        await RunAsync(
            "trim",
            boardId,
            db => db.ScriptEvaluateAsync(RedisScripts.Trim, [_names.Log(boardId), _names.Ops(boardId)], [$"{upToSeq + 1}-0", upToSeq + 1]),
            cancellationToken);
    }

    public ValueTask<IAsyncDisposable> SubscribeAsync(string boardId, Func<LogEntry, ValueTask> onEntry, CancellationToken cancellationToken) =>
        SubscribeAsync(boardId, onEntry, static _ => ValueTask.CompletedTask, cancellationToken);

    public bool DisagreesWithLog(string boardId) => FeedOf(boardId)?.InDoubt ?? false;

    public async ValueTask<IAsyncDisposable> SubscribeAsync(string boardId, Func<LogEntry, ValueTask> onEntry, Func<long, ValueTask> onRewound, CancellationToken cancellationToken)
    {
        RedisChannels.ValidateBoardId(boardId);
        ArgumentNullException.ThrowIfNull(onRewound);
        ArgumentNullException.ThrowIfNull(onEntry);
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        await _feedsGate.WaitAsync(cancellationToken);
        try
        {
            RedisBoardFeed? feed;
            lock (_feeds)
            {
                _feeds.TryGetValue(boardId, out feed);
            }

            if (feed is null)
            {
                feed = new RedisBoardFeed(this, boardId, _names.Entries(boardId), _logger);
                try
                {
                    await feed.StartAsync(cancellationToken);
                }
                catch (Exception ex) when (RedisErrors.IsUnavailable(ex) || ex is BoardLogUnavailableException or OperationCanceledException)
                {
                    await feed.StopAsync(waitForPump: true);
                    if (ex is BoardLogUnavailableException or OperationCanceledException)
                    {
                        throw;
                    }

                    throw new BoardLogUnavailableException("The board log (Redis) is unavailable; try again.", ex);
                }

                lock (_feeds)
                {
                    _feeds.Add(boardId, feed);
                }
            }

            return feed.Add(onEntry, onRewound);
        }
        finally
        {
            _feedsGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _connection.Reconnected -= ResyncAll;
        await _stopping.CancelAsync();
        await _tailCheck;
        await _feedsGate.WaitAsync();
        try
        {
            RedisBoardFeed[] feeds;
            lock (_feeds)
            {
                feeds = [.. _feeds.Values];
                _feeds.Clear();
            }

            foreach (var feed in feeds)
            {
                await feed.StopAsync(waitForPump: !feed.IsDeliveringOnThisFlow);
            }
        }
        finally
        {
            _feedsGate.Release();
        }

        _stopping.Dispose();
    }

    internal async Task<ISubscriber> SubscriberAsync() => (await _connection.GetAsync()).GetSubscriber();

    /// <summary>Called by a feed when its last local subscriber left.</summary>
    internal async ValueTask ReleaseAsync(RedisBoardFeed feed)
    {
        var reentrant = feed.IsDeliveringOnThisFlow;
        await _feedsGate.WaitAsync();
        try
        {
            // A subscriber may have joined the feed since it emptied (SubscribeAsync holds the same gate).
            lock (_feeds)
            {
                if (!feed.IsEmpty || !_feeds.TryGetValue(feed.BoardId, out var current) || !ReferenceEquals(current, feed))
                {
                    return;
                }

                _feeds.Remove(feed.BoardId);
            }
        }
        finally
        {
            _feedsGate.Release();
        }

        // A subscriber that unsubscribes from inside its own callback cannot wait for the pump running it.
        await feed.StopAsync(waitForPump: !reentrant);
    }

    /// <summary>
    /// Reads entries after <paramref name="afterSeq"/> up to <paramref name="toSeq"/> in batches and
    /// hands them to <paramref name="deliver"/>. Used by feeds to fill gaps.
    /// </summary>
    internal async ValueTask CatchUpAsync(string boardId, long afterSeq, long toSeq, Func<StoredEntry, ValueTask> deliver, CancellationToken cancellationToken)
    {
        var next = afterSeq;
        while (next < toSeq)
        {
            var batch = await ReadStoredAsync(boardId, next, (int)Math.Min(CatchUpBatch, toSeq - next), cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            foreach (var entry in batch)
            {
                if (entry.Seq > toSeq)
                {
                    return;
                }

                await deliver(entry);
                next = entry.Seq;
            }
        }
    }

    private async Task<T> RunAsync<T>(string operation, string boardId, Func<IDatabase, Task<T>> command, CancellationToken cancellationToken)
    {
        try
        {
            var db = await _connection.DatabaseAsync().WaitAsync(cancellationToken);
            // Commands take no CancellationToken: a cancelled or timed-out caller stops waiting, the command
            // may still run (the append is idempotent per clientOpId for that reason). The library's own
            // async timeout fires late (about a second), so the wait is bounded here.
            // ForceYielding: the caller's continuation must not run on the multiplexer's completion thread.
            return await command(db).WaitAsync(_commandTimeout, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        }
        catch (Exception ex) when (RedisErrors.IsUnavailable(ex))
        {
            RedisBoardLogLog.Unavailable(_logger, operation, boardId, ex);
            throw new BoardLogUnavailableException("The board log (Redis) is unavailable; try again.", ex);
        }
    }

    private void ResyncAll()
    {
        foreach (var feed in Feeds())
        {
            feed.RequestResync();
        }
    }

    private RedisBoardFeed? FeedOf(string boardId)
    {
        lock (_feeds)
        {
            return _feeds.GetValueOrDefault(boardId);
        }
    }

    private RedisBoardFeed[] Feeds()
    {
        lock (_feeds)
        {
            return [.. _feeds.Values];
        }
    }

    private async Task CheckTailsAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                foreach (var feed in Feeds())
                {
                    feed.RequestTailCheck();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

internal enum RestoreStatus
{
    /// <summary>Every entry offered is in the log now, under its own number.</summary>
    Restored = 0,

    /// <summary>The log holds another entry at <see cref="RestoreResult.Seq"/>: the entries from there on cannot go back.</summary>
    Conflict = 1,

    /// <summary>The log ends before <see cref="RestoreResult.Seq"/> - 1: the entries between are lost to this writer.</summary>
    Gap = 2,
}

/// <summary>What <see cref="RedisScripts.Restore"/> found: the status, the seq it stopped at, the log's head and how many entries it wrote.</summary>
internal readonly record struct RestoreResult(RestoreStatus Status, long Seq, long Head, int Written);
