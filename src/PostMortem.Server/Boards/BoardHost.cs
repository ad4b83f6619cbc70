using System.Threading.Channels;
using PostMortem.Core;
using PostMortem.Core.Log;
using PostMortem.Server.BoardLog;
using PostMortem.Server.Diagnostics;
using PostMortem.Server.Hubs;
using PostMortem.Server.Options;
using PostMortem.Data.Records;
using PostMortem.Data.Snapshots;
using PostMortem.Server.Presence;

namespace PostMortem.Server.Boards;

/// <summary>
/// One board on this instance: loads it, keeps its replica in step with the log, and retires it when idle.
/// Entries arrive from the log subscription into a channel with one consumer (the apply loop), which applies
/// them strictly in sequence order — filling gaps from the log, ignoring duplicates — and hands each outcome
/// to the board's connections here. The rooms it coordinates: the state and its lock (<see cref="BoardReplica"/>),
/// recent outcomes and the commands awaiting them (<see cref="AppliedEntries"/>), the connections and the
/// fan-out (<see cref="BoardAudience"/>), presence (<see cref="BoardPresence"/>) and snapshots
/// (<see cref="SnapshotScheduler"/>).
/// <para>When the log goes back on entries this replica applied (Redis lost acknowledged writes and gave their
/// numbers to other entries), the log says so in order with the entries; the apply loop then rebuilds the replica
/// from a snapshot that precedes the lost entries plus the log, and tells every connection the board was rewound
/// (docs/SCALE-OUT.md, "When Redis loses acknowledged writes").</para>
/// <para>Why this file is over 400 lines: the apply loop and its two recoveries (a log trimmed past the replica:
/// jump to a snapshot; a log that went back: rebuild) share the loop's single-consumer state — what is applied,
/// what is pending, the rewind point — and are easiest to check for ordering read side by side. Every other job
/// has a room of its own.</para>
/// </summary>
internal sealed class BoardHost : IAsyncDisposable
{
    /// <summary>Most entries applied before their fan-out (bounds how long the first of them waits).</summary>
    private const int MaxApplyBatch = 64;

    private readonly IBoardLog _log;
    private readonly ISnapshotStore _store;
    private readonly BoardOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Action<BoardHost> _onFault;
    private readonly Channel<InboxItem> _inbox = Channel.CreateUnbounded<InboxItem>(new UnboundedChannelOptions
    {
        SingleReader = true,
        // The log's delivery thread runs the apply loop when it is waiting: no thread-pool hop between an entry
        // arriving and its fan-out (docs/BENCHMARKS.md). The loop awaits only the log (gap fill), never a client.
        AllowSynchronousContinuations = true,
    });
    private readonly BoardReplica _replica;
    private readonly AppliedEntries _applied;
    private readonly BoardAudience _audience = new();
    private readonly BoardPresence _presence;
    private readonly SnapshotScheduler _snapshots;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _useGate = new();
    private IAsyncDisposable? _subscription;
    private Task _applyLoop = Task.CompletedTask;
    private DateTimeOffset _lastUsed;
    private bool _retired;
    private int _disposed;
    /// <summary>Rewinds announced by the log and not yet rebuilt: no snapshot while one is pending.</summary>
    private int _rewindsPending;
    /// <summary>The lowest seq the board was ever rewound to here: a reconnect from a later seq saw a void history.</summary>
    private long _rewoundTo = long.MaxValue;

    private BoardHost(string boardId, Board board, long savedSeq, IBoardLog log, ISnapshotStore snapshots, BoardOptions options,
        TimeProvider clock, ILogger logger, Action<BoardHost> onFault, IReadOnlyList<IAppliedEntryObserver> observers, IPresenceBroadcast presenceBroadcast)
    {
        BoardId = boardId;
        _log = log;
        _store = snapshots;
        _options = options;
        _clock = clock;
        _logger = logger;
        _onFault = onFault;
        _applied = new AppliedEntries(board.Seq, options.RecentEntries);
        _replica = new BoardReplica(boardId, board, _audience, _applied, observers, logger);
        _presence = new BoardPresence(boardId, clock, options.PresenceInterval, _audience, presenceBroadcast);
        _snapshots = new SnapshotScheduler(boardId, savedSeq, snapshots, options.SnapshotDebounce, clock, logger, _replica.Capture, AgreesWithLogAsync);
        _lastUsed = clock.GetUtcNow();
    }

    public string BoardId { get; }

    /// <summary>Set by the registry once the board is loaded, so replaying the log at load time (old entries)
    /// is not measured as apply lag.</summary>
    public BoardMetrics? Metrics { get; set; }

    /// <summary>Entries applied since the last durable snapshot (the snapshot-age gauge).</summary>
    public long UnsavedEntries => Seq - _snapshots.SavedSeq;

    public int SessionCount => _audience.Count;

    public long Seq => _replica.Seq;

    /// <summary>
    /// Loads the replica from the latest snapshot plus the log after it. Null when the board does not exist
    /// (nothing in the log, or its first entry did not create it).
    /// </summary>
    public static async Task<BoardHost?> LoadAsync(string boardId, IBoardLog log, ISnapshotStore snapshots, BoardOptions options,
        TimeProvider clock, ILogger logger, Action<BoardHost> onFault, IReadOnlyList<IAppliedEntryObserver> observers,
        IPresenceBroadcast presenceBroadcast, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.LoadLatestAsync(boardId, cancellationToken);
        var board = snapshot is null ? Board.Empty(boardId) : Board.FromSnapshot(snapshot);
        var host = new BoardHost(boardId, board, snapshot?.Seq ?? 0, log, snapshots, options, clock, logger, onFault, observers, presenceBroadcast);
        try
        {
            // Subscribe before reading so nothing appended meanwhile is missed; duplicates are ignored.
            host._subscription = await log.SubscribeAsync(boardId, host.OnEntryAsync, host.OnRewoundAsync, cancellationToken);
            await host.CatchUpAsync(long.MaxValue, cancellationToken);
            if (!host._replica.Created)
            {
                await host.DisposeAsync();
                return null;
            }
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        host._replica.NotifyLoaded();
        ServerLog.BoardLoaded(logger, boardId, host._replica.Seq, snapshot?.Seq ?? 0);
        host._applyLoop = Task.Run(host.RunApplyLoopAsync, CancellationToken.None);
        host._snapshots.Start(host._stop.Token);
        return host;
    }

    /// <summary>Runs <paramref name="reader"/> against the replica under its lock. Copy out what you need:
    /// the state's objects keep changing once the lock is released.</summary>
    public T Read<T>(Func<Board, T> reader) => _replica.Read(reader);

    /// <summary>Marks the host as used now; false once it has been retired (the caller loads a new one).</summary>
    public bool Touch()
    {
        lock (_useGate)
        {
            if (_retired || _replica.Fault is not null)
            {
                return false;
            }

            _lastUsed = _clock.GetUtcNow();
            return true;
        }
    }

    /// <summary>Retires the host if nobody uses it; after true the registry drops and disposes it.</summary>
    public bool TryRetire(TimeSpan idleTimeout)
    {
        lock (_useGate)
        {
            if (_replica.Fault is null
                && (_audience.Count > 0 || _applied.HasWaiters || _clock.GetUtcNow() - _lastUsed < idleTimeout))
            {
                return false;
            }

            _retired = true;
            return true;
        }
    }

    /// <summary>
    /// The outcome of entry <paramref name="seq"/> once this replica has applied it. Entries applied long ago
    /// (outside the recent ones) are no longer available and give null.
    /// </summary>
    public Task<AppliedEntry?> WaitForAppliedAsync(long seq, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _replica.ThrowIfFaulted();
        return _applied.WaitAsync(seq, timeout, _clock, cancellationToken);
    }

    /// <summary>
    /// Adds the connection to this board's fan-out and returns what it needs to be current (rule R4): exactly
    /// the entries after <paramref name="lastSeq"/> when this replica still holds them, else a snapshot view.
    /// </summary>
    public JoinResult Attach(ConnectionSession session, long? lastSeq)
    {
        if (lastSeq > Volatile.Read(ref _rewoundTo))
        {
            lastSeq = null; // entries after a rewind point may be void for this client: a fresh view (R21)
        }

        var now = _clock.GetUtcNow();
        var (result, presence) = _replica.Attach(session, lastSeq, _presence, now);
        MarkUsed(now);

        // Who is here, at once: without it a newcomer saw everyone as away until their next heartbeat.
        if (presence is not null)
        {
            session.TryEnqueuePresence(presence);
        }

        return result;
    }

    public void Detach(ConnectionSession session)
    {
        if (_audience.Remove(session))
        {
            MarkUsed(_clock.GetUtcNow());
            // Their last connection here closed: the others see them leave now, not when their heartbeat goes stale.
            if (!_audience.HasParticipant(session.ParticipantId))
            {
                _presence.Add(new PresenceUpdate(session.ParticipantId, PresenceKinds.Left, null, null, null));
            }
        }
    }

    /// <summary>Completes once no connection is attached here (at once when none is), so a caller can wait for
    /// the last disconnect instead of polling.</summary>
    public Task WhenNoSessionsAsync() => _audience.WhenEmptyAsync();

    /// <summary>
    /// Best effort, never logged (R10): the update joins this board's next presence batch, which goes to the
    /// board's connections on every instance (the board's SignalR group; the Redis backplane in Redis mode).
    /// </summary>
    public void AddPresence(PresenceUpdate update) => _presence.Add(update);

    private void MarkUsed(DateTimeOffset now)
    {
        lock (_useGate)
        {
            _lastUsed = now;
        }
    }

    private ValueTask OnEntryAsync(LogEntry entry)
    {
        // Called by the log (for the local log, under its append gate): hand over and return at once.
        _inbox.Writer.TryWrite(new InboxItem(entry, 0));
        return ValueTask.CompletedTask;
    }

    private ValueTask OnRewoundAsync(long keptSeq)
    {
        // In order with the entries: those before it were delivered on the old history, those after it are the log's.
        Interlocked.Increment(ref _rewindsPending);
        _inbox.Writer.TryWrite(new InboxItem(null, keptSeq));
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Whether a captured snapshot may be stored: not while a rewind is pending or the log says this instance's
    /// deliveries disagree with it, and only if the log still holds, at the snapshot's seq, the entry applied there.
    /// </summary>
    private async ValueTask<bool> AgreesWithLogAsync(BoardSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _rewindsPending) > 0 || _log.DisagreesWithLog(BoardId))
        {
            return false;
        }

        if (!_applied.TryGet(snapshot.Seq, out var applied))
        {
            return true; // not held one by one (loaded from a snapshot at that seq): nothing to compare
        }

        var stored = await _log.ReadAsync(BoardId, snapshot.Seq - 1, 1, cancellationToken);
        return stored.Count == 1 && stored[0].Seq == snapshot.Seq
            && string.Equals(stored[0].ActorId, applied.Entry.ActorId, StringComparison.Ordinal)
            && string.Equals(stored[0].ClientOpId, applied.Entry.ClientOpId, StringComparison.Ordinal);
    }

    /// <summary>
    /// The log no longer holds what this replica applied after <paramref name="keptSeq"/>: start again from the latest
    /// snapshot if it precedes that point (else from nothing; the log is read from its first entry), catch up with
    /// the log, and close every connection with <see cref="ServerCodes.BoardRewound"/>: what their clients show may
    /// include entries that are gone.
    /// </summary>
    private async Task RewindAsync(long keptSeq, CancellationToken cancellationToken)
    {
        var applied = _replica.SeqForApplyLoop;
        var snapshot = await _store.LoadLatestAsync(BoardId, cancellationToken);
        var start = snapshot is not null && snapshot.Seq <= keptSeq ? Board.FromSnapshot(snapshot) : Board.Empty(BoardId);
        InterlockedMin(ref _rewoundTo, keptSeq);
        var sessions = _replica.ReplaceWith(start);
        foreach (var session in sessions)
        {
            session.Close(ServerCodes.BoardRewound,
                "The board's storage lost its latest changes and the board was rebuilt from what it still holds; some changes you saw may be gone. Reconnect to see the board as it is now.");
        }

        ServerLog.BoardRewound(_logger, BoardId, keptSeq, applied, start.Seq, sessions.Length);
        await CatchUpAsync(long.MaxValue, cancellationToken);
        Interlocked.Decrement(ref _rewindsPending);
        _snapshots.RequestNow();
    }

    private static void InterlockedMin(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>An entry from the log, or (no entry) the log's notice that it went back to <see cref="RewoundTo"/>.</summary>
    private readonly record struct InboxItem(LogEntry? Entry, long RewoundTo);

    private async Task RunApplyLoopAsync()
    {
        var batch = new List<PublishedEntry>(MaxApplyBatch);
        try
        {
            while (await _inbox.Reader.WaitToReadAsync(_stop.Token))
            {
                // Apply what has arrived (up to a bound), then fan it out together: each connection gets the
                // batch's entries back to back, so they usually leave in one WebSocket frame and one send call
                // instead of one each. Under light load a batch is one entry and nothing waits.
                while (batch.Count < MaxApplyBatch && _inbox.Reader.TryRead(out var item))
                {
                    if (item.Entry is not { } entry)
                    {
                        PublishBatch(batch);
                        await RewindAsync(item.RewoundTo, _stop.Token);
                        continue;
                    }

                    if (entry.Seq <= _replica.SeqForApplyLoop)
                    {
                        continue; // already applied (catch-up read it, or a redelivery)
                    }

                    if (entry.Seq > _replica.SeqForApplyLoop + 1)
                    {
                        // Publish what is applied first: the catch-up below publishes entry by entry.
                        PublishBatch(batch);
                        var from = _replica.SeqForApplyLoop;
                        await CatchUpAsync(entry.Seq, _stop.Token);
                        ServerLog.GapFilled(_logger, BoardId, from, _replica.SeqForApplyLoop);
                        Metrics?.GapFilled();
                        if (entry.Seq <= _replica.SeqForApplyLoop)
                        {
                            continue;
                        }
                    }

                    batch.Add(_replica.Apply(entry));
                    Metrics?.Applied(entry.At);
                }

                PublishBatch(batch);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Fault(ex);
        }
    }

    /// <summary>Reads and applies stored entries until the replica reaches <paramref name="upToSeq"/> or the log's end.</summary>
    private async Task CatchUpAsync(long upToSeq, CancellationToken cancellationToken)
    {
        while (_replica.SeqForApplyLoop < upToSeq)
        {
            var page = await _log.ReadAsync(BoardId, _replica.SeqForApplyLoop, _options.ReadPageSize, cancellationToken);
            if (page.Count == 0)
            {
                return;
            }

            if (page[0].Seq > _replica.SeqForApplyLoop + 1)
            {
                await RecoverFromSnapshotAsync(page[0].Seq - 1, cancellationToken);
                continue;
            }

            foreach (var entry in page)
            {
                if (entry.Seq == _replica.SeqForApplyLoop + 1)
                {
                    PublishBatch([_replica.Apply(entry)]);
                }
            }
        }
    }

    /// <summary>The log was trimmed past this replica: jump to a snapshot that covers the trimmed part.</summary>
    private async Task RecoverFromSnapshotAsync(long neededSeq, CancellationToken cancellationToken)
    {
        var snapshot = await _store.LoadLatestAsync(BoardId, cancellationToken);
        if (snapshot is null || snapshot.Seq < neededSeq)
        {
            throw new InvalidOperationException(
                $"Board {BoardId}: the log starts after seq {neededSeq} and no snapshot covers it (replica at {_replica.SeqForApplyLoop}).");
        }

        // Their clients saw a history this replica no longer has entry by entry; a fresh join gives them a snapshot.
        foreach (var session in _replica.ReplaceFrom(snapshot))
        {
            session.Close(ServerCodes.Unavailable, "The board was reloaded; reconnect to continue.");
        }
    }

    /// <summary>Sends the applied entries to their connections, asks for a snapshot, then clears the list.</summary>
    private void PublishBatch(List<PublishedEntry> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        BoardAudience.Publish(batch, Metrics);
        if (batch.Exists(item => item.Milestone))
        {
            _snapshots.RequestNow();
        }
        else
        {
            _snapshots.RequestSoon();
        }

        batch.Clear();
    }

    private void Fault(Exception ex)
    {
        ServerLog.ReplicaFaulted(_logger, BoardId, _replica.SeqForApplyLoop, ex);
        foreach (var session in _replica.Fail(ex))
        {
            session.Close(ServerCodes.Unavailable, "The server could not apply an entry of this board; reconnect to continue.");
        }

        _onFault(this);
    }

    public ValueTask DisposeAsync() => CloseAsync(saveSnapshot: true);

    /// <summary>
    /// Stops the replica after applying what the log already delivered. <paramref name="saveSnapshot"/> false
    /// skips the final snapshot: for when its store may already be gone (the log still holds every entry, so
    /// nothing is lost — the next load replays a little more).
    /// </summary>
    public async ValueTask CloseAsync(bool saveSnapshot)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!saveSnapshot)
        {
            _snapshots.TurnOff(); // also for requests the snapshot loop has yet to serve
        }

        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }

        _presence.Dispose();
        _inbox.Writer.TryComplete();
        await _applyLoop; // drains what the log already delivered
        await _snapshots.StopAsync();
        if (saveSnapshot)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _snapshots.SaveAsync(timeout.Token);
        }

        await _stop.CancelAsync();
        _applied.FailAll(new BoardUnavailableException(BoardId, null));
        _stop.Dispose();
    }
}
