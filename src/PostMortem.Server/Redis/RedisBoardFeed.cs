using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using PostMortem.Core;
using PostMortem.Core.Log;
using PostMortem.Server.BoardLog;
using StackExchange.Redis;

namespace PostMortem.Server.Redis;

/// <summary>
/// One board's Redis subscription on this instance, shared by its local subscribers (ref-counted by
/// <see cref="RedisBoardLog"/>). Messages go into an inbox drained by one pump task, which delivers
/// every seq once, in order, to each subscriber in turn.
/// <para>The subscription is a <see cref="ChannelMessageQueue"/>: StackExchange.Redis hands its messages over
/// one at a time in arrival order. A handler subscription (<c>SubscribeAsync(channel, handler)</c>) may run
/// handlers concurrently and so reorder them; the pump would repair that from the stream, at a read per
/// reordering.</para>
/// <para>Pub/sub is at-most-once, so the pump treats messages as hints and the stream as the truth:
/// a message whose seq is ahead of the last delivered one makes it read the gap from the stream first;
/// a resync (after a reconnect) makes it read everything after the last delivered seq; the periodic tail
/// check reads only entries that were already stored at the previous check and are still undelivered, so
/// it repairs a lost message without racing one that is merely late (a message can be held back for a
/// moment and then handed over in a burst). Anything it cannot read now (Redis down) is never delivered out of order: the pump retries the
/// read with backoff until it succeeds, independent of which connection event fired first.</para>
/// <para>The stream is the truth only while it still holds what was delivered: when Redis loses acknowledged writes
/// the pump writes them back or rewinds its subscribers (RedisBoardFeed.Repair.cs).</para>
/// </summary>
internal sealed partial class RedisBoardFeed
{
    private static readonly AsyncLocal<RedisBoardFeed?> s_delivering = new();
    private static readonly TimeSpan s_firstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_maxRetry = TimeSpan.FromSeconds(5);

    private readonly RedisBoardLog _log;
    private readonly RedisChannel _channel;
    private readonly ILogger _logger;
    private readonly Channel<FeedItem> _inbox = Channel.CreateUnbounded<FeedItem>(new UnboundedChannelOptions
    {
        SingleReader = true,
        // The pub/sub callback runs the pump when it is waiting: one hop fewer per entry (docs/BENCHMARKS.md).
        // The pump awaits only Redis reads, which release the multiplexer's message loop while they wait.
        AllowSynchronousContinuations = true,
    });
    private ChannelMessageQueue? _queue;
    private readonly SemaphoreSlim _deliveryGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _subscribersLock = new();
    private Subscriber[] _subscribers = [];
    private Task _pump = Task.CompletedTask;
    private long _lastDelivered;
    private readonly DeliveredRing _delivered = new(RestoreWindow);
    private int _resyncRequested;
    private int _tailCheckRequested;
    private long _tailMark;
    private TimeSpan _retryDelay = TimeSpan.Zero;
    private int _stopped;

    public RedisBoardFeed(RedisBoardLog log, string boardId, RedisChannel channel, ILogger logger)
    {
        _log = log;
        BoardId = boardId;
        _channel = channel;
        _logger = logger;
    }

    public string BoardId { get; }

    public bool IsEmpty
    {
        get
        {
            lock (_subscribersLock)
            {
                return _subscribers.Length == 0;
            }
        }
    }

    /// <summary>True inside a subscriber callback this feed is running (a subscriber disposing itself).</summary>
    public bool IsDeliveringOnThisFlow => ReferenceEquals(s_delivering.Value, this);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var subscriber = await _log.SubscriberAsync().WaitAsync(cancellationToken);
        // Completes when Redis confirmed SUBSCRIBE: every entry appended after this point reaches the
        // inbox, so a baseline read afterwards misses nothing between "read" and "listening".
        var queue = await subscriber.SubscribeAsync(_channel).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        _queue = queue;
        // One message at a time, in arrival order; the pump it may run inline (see _inbox) never blocks it.
        queue.OnMessage(message => { _inbox.Writer.TryWrite(new FeedItem(message.Message, FeedSignal.Message)); });
        Volatile.Write(ref _lastDelivered, await _log.LastSeqAsync(BoardId, cancellationToken));
        _tailMark = _lastDelivered;
        RedisBoardLogLog.BoardSubscribed(_logger, BoardId, _lastDelivered);
        _pump = Task.Run(PumpAsync, CancellationToken.None);
    }

    /// <summary>The highest seq delivered here: an append by this instance must not be given a number at or below it.</summary>
    public long DeliveredSeq => Volatile.Read(ref _lastDelivered);

    public IAsyncDisposable Add(Func<LogEntry, ValueTask> onEntry, Func<long, ValueTask> onRewound)
    {
        var subscriber = new Subscriber(this, onEntry, onRewound);
        lock (_subscribersLock)
        {
            _subscribers = [.. _subscribers, subscriber];
        }

        return subscriber;
    }

    /// <summary>Asks the pump to read everything after the last delivered seq (coalesced).</summary>
    public void RequestResync()
    {
        if (Interlocked.Exchange(ref _resyncRequested, 1) == 0)
        {
            _inbox.Writer.TryWrite(new FeedItem(RedisValue.Null, FeedSignal.Resync));
        }
    }

    /// <summary>Asks the pump to repair entries stored before the previous tail check and still undelivered.</summary>
    public void RequestTailCheck()
    {
        if (Interlocked.Exchange(ref _tailCheckRequested, 1) == 0)
        {
            _inbox.Writer.TryWrite(new FeedItem(RedisValue.Null, FeedSignal.TailCheck));
        }
    }

    public async ValueTask StopAsync(bool waitForPump)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        _inbox.Writer.TryComplete();
        try
        {
            if (_queue is { } queue)
            {
                await queue.UnsubscribeAsync();
                RedisBoardLogLog.BoardUnsubscribed(_logger, BoardId);
            }
        }
        catch (Exception ex) when (RedisErrors.IsUnavailable(ex))
        {
            // The handler is gone locally; Redis forgets the subscription with the dead socket.
            RedisBoardLogLog.UnsubscribeFailed(_logger, BoardId, ex);
        }

        if (waitForPump)
        {
            await _pump;
        }
    }

    private async Task RemoveAsync(Subscriber subscriber)
    {
        // After Dispose returns the subscriber is never called again: wait out a delivery in flight,
        // unless that delivery is the caller itself.
        if (!IsDeliveringOnThisFlow)
        {
            await _deliveryGate.WaitAsync();
            _deliveryGate.Release();
        }

        bool empty;
        lock (_subscribersLock)
        {
            _subscribers = [.. _subscribers.Where(s => !ReferenceEquals(s, subscriber))];
            empty = _subscribers.Length == 0;
        }

        if (empty)
        {
            await _log.ReleaseAsync(this);
        }
    }

    private async Task PumpAsync()
    {
        await foreach (var item in _inbox.Reader.ReadAllAsync())
        {
            if (_stopping.IsCancellationRequested)
            {
                continue;
            }

            switch (item.Signal)
            {
                case FeedSignal.Resync:
                    Volatile.Write(ref _resyncRequested, 0);
                    await ResyncAsync(tailCheck: false);
                    break;
                case FeedSignal.TailCheck:
                    Volatile.Write(ref _tailCheckRequested, 0);
                    await ResyncAsync(tailCheck: true);
                    break;
                default:
                    await OnPublishedAsync(item.Message);
                    break;
            }
        }
    }

    private async Task OnPublishedAsync(RedisValue message)
    {
        var text = (string)message!;
        LogEntry entry;
        try
        {
            entry = CoreJson.DeserializeEntry(text);
        }
        catch (JsonException ex)
        {
            RedisBoardLogLog.MalformedMessage(_logger, BoardId, ex);
            return;
        }

        if (entry.Seq <= _lastDelivered)
        {
            if (_delivered.TryGet(entry.Seq, out var mine) && !string.Equals(mine.Text, text, StringComparison.Ordinal))
            {
                // A new entry under a number already delivered here with another one: Redis lost writes and re-issued it.
                RedisBoardLogLog.LogDiverged(_logger, BoardId, entry.Seq);
                await RepairAsync();
            }

            return;
        }

        if (entry.Seq > _lastDelivered + 1)
        {
            // Missed messages (a dropped subscription socket): the stream has them, in order.
            if (!await TryCatchUpAsync(entry.Seq - 1) || entry.Seq <= _lastDelivered)
            {
                return;
            }
        }

        await DeliverAsync(new StoredEntry(entry.Seq, text), entry);
    }

    private async Task ResyncAsync(bool tailCheck)
    {
        long stored;
        try
        {
            stored = await _log.LastSeqAsync(BoardId, _stopping.Token);
        }
        catch (BoardLogUnavailableException ex)
        {
            RedisBoardLogLog.CatchUpFailed(_logger, BoardId, _lastDelivered, ex);
            ScheduleRetry();
            return;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return;
        }

        if (stored < _lastDelivered)
        {
            RedisBoardLogLog.LogWentBackwards(_logger, BoardId, stored, _lastDelivered);
            await RepairAsync();
            return;
        }

        if (InDoubt)
        {
            await RepairAsync();
            return;
        }

        switch (await TipAgreesAsync())
        {
            case null:
                return; // Redis cannot be read now; a retry is scheduled
            case false:
                await RepairAsync();
                return;
        }

        // A tail check only takes what was already stored at the previous check: anything newer may
        // still be on its way through pub/sub.
        var target = tailCheck ? Math.Min(stored, _tailMark) : stored;
        _tailMark = stored;
        if (target > _lastDelivered)
        {
            await TryCatchUpAsync(target);
        }
    }

    private async Task<bool> TryCatchUpAsync(long toSeq)
    {
        var before = _lastDelivered;
        try
        {
            await _log.CatchUpAsync(BoardId, _lastDelivered, toSeq, DeliverReadAsync, _stopping.Token);
        }
        catch (BoardLogUnavailableException ex)
        {
            RedisBoardLogLog.CatchUpFailed(_logger, BoardId, _lastDelivered, ex);
            ScheduleRetry();
            return false;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return false;
        }

        _retryDelay = TimeSpan.Zero;
        if (_lastDelivered > before)
        {
            RedisBoardLogLog.GapFilled(_logger, BoardId, before, (int)(_lastDelivered - before));
        }

        return true;
    }

    /// <summary>
    /// A read failed: try again after a growing delay. A reconnect event can fire while the other
    /// connection is still down, so it is not enough to re-read once per event.
    /// </summary>
    private void ScheduleRetry()
    {
        _retryDelay = _retryDelay == TimeSpan.Zero ? s_firstRetry : TimeSpan.FromTicks(Math.Min(_retryDelay.Ticks * 2, s_maxRetry.Ticks));
        _ = RetryAfterAsync(_retryDelay);
    }

    private async Task RetryAfterAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        RequestResync();
    }

    private ValueTask DeliverReadAsync(StoredEntry stored)
    {
        if (stored.Seq <= _lastDelivered)
        {
            return ValueTask.CompletedTask;
        }

        if (stored.Seq > _lastDelivered + 1)
        {
            RedisBoardLogLog.TrimmedGap(_logger, BoardId, _lastDelivered, stored.Seq - 1);
        }

        return new ValueTask(DeliverAsync(stored, CoreJson.DeserializeEntry(stored.Text)));
    }

    private async Task DeliverAsync(StoredEntry stored, LogEntry entry)
    {
        _delivered.Add(stored);
        Volatile.Write(ref _lastDelivered, entry.Seq);
        await _deliveryGate.WaitAsync();
        s_delivering.Value = this;
        try
        {
            Subscriber[] subscribers;
            lock (_subscribersLock)
            {
                subscribers = _subscribers;
            }

            foreach (var subscriber in subscribers)
            {
                if (subscriber.IsDisposed || _stopping.IsCancellationRequested)
                {
                    continue;
                }

                try
                {
                    await subscriber.OnEntry(entry);
                }
                catch (Exception ex)
                {
                    // One failing subscriber must not stop the board for the others on this instance.
                    RedisBoardLogLog.SubscriberFailed(_logger, BoardId, entry.Seq, ex);
                }
            }
        }
        finally
        {
            s_delivering.Value = null;
            _deliveryGate.Release();
        }
    }

    private enum FeedSignal
    {
        Message,
        Resync,
        TailCheck,
    }

    private readonly record struct FeedItem(RedisValue Message, FeedSignal Signal);

    private sealed class Subscriber(RedisBoardFeed feed, Func<LogEntry, ValueTask> onEntry, Func<long, ValueTask> onRewound) : IAsyncDisposable
    {
        private int _disposed;

        public Func<LogEntry, ValueTask> OnEntry { get; } = onEntry;

        public Func<long, ValueTask> OnRewound { get; } = onRewound;

        public bool IsDisposed => Volatile.Read(ref _disposed) == 1;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                await feed.RemoveAsync(this);
            }
        }
    }
}
