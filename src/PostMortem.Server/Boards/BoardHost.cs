using System.Text.Json;
using System.Threading.Channels;
using PostMortem.Core;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using PostMortem.Data.Records;
using PostMortem.Data.Snapshots;
using PostMortem.Server.BoardLog;
using PostMortem.Server.Diagnostics;
using PostMortem.Server.Hubs;
using PostMortem.Server.Options;
using PostMortem.Server.Presence;

namespace PostMortem.Server.Boards;

/// <summary>
/// This instance's replica of one board. Entries arrive from the log subscription into a channel with one
/// consumer, which applies them strictly in sequence order (filling gaps from the log, ignoring duplicates),
/// then fans each outcome out to this instance's connections on the board. The replica itself is guarded by
/// a lock held only for CPU work (apply, views, encoding) — never across I/O or a client send.
/// </summary>
internal sealed class BoardHost : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly IBoardLog _log;
    private readonly ISnapshotStore _snapshots;
    private readonly BoardOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Action<BoardHost> _onFault;
    private readonly IReadOnlyList<IAppliedEntryObserver> _observers;
    private readonly Channel<LogEntry> _inbox = Channel.CreateUnbounded<LogEntry>(new UnboundedChannelOptions
    {
        SingleReader = true,
        // The log's delivery thread runs the apply loop when it is waiting: no thread-pool hop between an entry
        // arriving and its fan-out (docs/BENCHMARKS.md). The loop awaits only the log (gap fill), never a client.
        AllowSynchronousContinuations = true,
    });
    private readonly Channel<bool> _snapshotRequests = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly AppliedRing _recent;
    private readonly Dictionary<long, TaskCompletionSource<AppliedEntry>> _waiters = [];
    private readonly HashSet<ConnectionSession> _sessions = [];
    /// <summary>Copy of <see cref="_sessions"/> for fan-out, rebuilt only after the set changed (guarded by _gate).</summary>
    private ConnectionSession[]? _sessionsSnapshot;
    /// <summary>Completed by <see cref="Detach"/> when the last session leaves (guarded by _gate).</summary>
    private TaskCompletionSource? _noSessions;
    private readonly CancellationTokenSource _stop = new();
    private readonly ITimer _snapshotTimer;
    private Board _board;
    private IAsyncDisposable? _subscription;
    private readonly PresenceMixer _presence;
    private readonly IPresenceBroadcast _presenceBroadcast;
    /// <summary>Each participant's latest presence and when it passed through here (guarded by _gate), for newcomers.</summary>
    private readonly Dictionary<string, (PresenceUpdate Update, long At)> _latestPresence = new(StringComparer.Ordinal);
    /// <summary>Presence older than this is not passed to a newcomer (clients heartbeat every 10 s; they show "away" after 25 s).</summary>
    private static readonly TimeSpan PresenceMemory = TimeSpan.FromSeconds(20);
    private Task _applyLoop = Task.CompletedTask;
    private Task _snapshotLoop = Task.CompletedTask;
    private long _savedSeq;
    private bool _snapshotsOff;
    private DateTimeOffset _lastUsed;
    private bool _retired;
    private Exception? _fault;
    private int _disposed;

    private BoardHost(string boardId, Board board, long savedSeq, IBoardLog log, ISnapshotStore snapshots, BoardOptions options,
        TimeProvider clock, ILogger logger, Action<BoardHost> onFault, IReadOnlyList<IAppliedEntryObserver> observers, IPresenceBroadcast presenceBroadcast)
    {
        _presenceBroadcast = presenceBroadcast;
        _presence = new PresenceMixer(clock, options.PresenceInterval, SendPresence);
        _observers = observers;
        BoardId = boardId;
        _board = board;
        _savedSeq = savedSeq;
        _log = log;
        _snapshots = snapshots;
        _options = options;
        _clock = clock;
        _logger = logger;
        _onFault = onFault;
        _recent = new AppliedRing(options.RecentEntries);
        _lastUsed = clock.GetUtcNow();
        _snapshotTimer = clock.CreateTimer(static s => ((BoardHost)s!)._snapshotRequests.Writer.TryWrite(true), this,
            Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public string BoardId { get; }

    /// <summary>Set by the registry once the board is loaded, so replaying the log at load time (old entries)
    /// is not measured as apply lag.</summary>
    public BoardMetrics? Metrics { get; set; }

    /// <summary>Entries applied since the last durable snapshot (the snapshot-age gauge).</summary>
    public long UnsavedEntries => Seq - Volatile.Read(ref _savedSeq);

    public int SessionCount
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

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
            host._subscription = await log.SubscribeAsync(boardId, host.OnEntryAsync, cancellationToken);
            await host.CatchUpAsync(long.MaxValue, cancellationToken);
            if (!host._board.State.Meta.Created)
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

        host.NotifyLoaded();
        ServerLog.BoardLoaded(logger, boardId, host._board.Seq, snapshot?.Seq ?? 0);
        host._applyLoop = Task.Run(host.RunApplyLoopAsync, CancellationToken.None);
        host._snapshotLoop = Task.Run(host.RunSnapshotLoopAsync, CancellationToken.None);
        return host;
    }

    /// <summary>Runs <paramref name="reader"/> against the replica under its lock. Copy out what you need:
    /// the state's objects keep changing once the lock is released.</summary>
    public T Read<T>(Func<Board, T> reader)
    {
        lock (_gate)
        {
            ThrowIfUnusable();
            return reader(_board);
        }
    }

    public long Seq
    {
        get
        {
            lock (_gate)
            {
                return _board.Seq;
            }
        }
    }

    /// <summary>Marks the host as used now; false once it has been retired (the caller loads a new one).</summary>
    public bool Touch()
    {
        lock (_gate)
        {
            if (_retired || _fault is not null)
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
        lock (_gate)
        {
            if (_fault is not null)
            {
                _retired = true;
                return true;
            }

            if (_sessions.Count > 0 || _waiters.Count > 0 || _clock.GetUtcNow() - _lastUsed < idleTimeout)
            {
                return false;
            }

            _retired = true;
            return true;
        }
    }

    /// <summary>
    /// The outcome of entry <paramref name="seq"/> once this replica has applied it. Entries applied long ago
    /// (outside the recent ring) are no longer available and give null.
    /// </summary>
    public async Task<AppliedEntry?> WaitForAppliedAsync(long seq, TimeSpan timeout, CancellationToken cancellationToken)
    {
        TaskCompletionSource<AppliedEntry> waiter;
        lock (_gate)
        {
            ThrowIfUnusable();
            if (seq <= _board.Seq)
            {
                return _recent.TryGet(seq, out var applied) ? applied : null;
            }

            if (!_waiters.TryGetValue(seq, out waiter!))
            {
                waiter = new TaskCompletionSource<AppliedEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add(seq, waiter);
            }
        }

        return await waiter.Task.WaitAsync(timeout, _clock, cancellationToken);
    }

    /// <summary>
    /// Adds the connection to this board's fan-out and returns what it needs to be current (rule R4): exactly
    /// the entries after <paramref name="lastSeq"/> when this replica still holds them, else a snapshot view.
    /// </summary>
    public JoinResult Attach(ConnectionSession session, long? lastSeq)
    {
        JoinResult result;
        RawJson? welcome;
        lock (_gate)
        {
            ThrowIfUnusable();
            var participantId = session.ParticipantId;
            var role = _board.RoleOf(participantId);
            var seq = _board.Seq;
            var now = _clock.GetUtcNow();
            if (lastSeq is { } after && after >= 0 && after <= seq && _recent.TryGetRange(after, seq, out var missed))
            {
                result = new JoinResult("entries", null, [.. missed.Select(m => m.MessageFor(participantId))], seq,
                    now.ToUnixTimeMilliseconds(), participantId, role);
            }
            else
            {
                var view = JsonSerializer.SerializeToUtf8Bytes(_board.ViewFor(participantId), CoreJsonContext.Default.BoardView);
                result = new JoinResult("snapshot", new RawJson(view), null, seq, now.ToUnixTimeMilliseconds(), participantId, role);
            }

            // Added in the same critical section as the view: every later entry reaches this connection.
            _sessions.Add(session);
            _sessionsSnapshot = null;
            _lastUsed = now;
            welcome = RecentPresenceFor(participantId);
        }

        // Who is here, at once: without it a newcomer saw everyone as away until their next heartbeat.
        if (welcome is not null)
        {
            session.TryEnqueuePresence(welcome);
        }

        return result;
    }

    /// <summary>The latest presence of the board's other active participants, seen within <see cref="PresenceMemory"/> (under _gate).</summary>
    private RawJson? RecentPresenceFor(string participantId)
    {
        List<PresenceUpdate>? recent = null;
        foreach (var (id, seen) in _latestPresence)
        {
            if (!string.Equals(id, participantId, StringComparison.Ordinal) && _clock.GetElapsedTime(seen.At) < PresenceMemory
                && _board.IsActiveParticipant(id))
            {
                (recent ??= []).Add(seen.Update);
            }
        }

        return recent is null ? null : new RawJson(JsonSerializer.SerializeToUtf8Bytes(new PresenceBatch(recent), ProtocolJsonContext.Default.PresenceBatch));
    }

    public void Detach(ConnectionSession session)
    {
        lock (_gate)
        {
            if (_sessions.Remove(session))
            {
                _sessionsSnapshot = null;
                _lastUsed = _clock.GetUtcNow();
                if (_sessions.Count == 0 && _noSessions is { } idle)
                {
                    _noSessions = null;
                    idle.TrySetResult();
                }
            }
        }
    }

    /// <summary>Completes once no connection is attached here (at once when none is), so a caller can wait for
    /// the last disconnect instead of polling.</summary>
    public Task WhenNoSessionsAsync()
    {
        lock (_gate)
        {
            if (_sessions.Count == 0)
            {
                return Task.CompletedTask;
            }

            _noSessions ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _noSessions.Task;
        }
    }

    /// <summary>
    /// Best effort, never logged (R10): the update joins this board's next presence batch, which goes to the
    /// board's connections on every instance (the board's SignalR group; the Redis backplane in Redis mode).
    /// </summary>
    public void AddPresence(PresenceUpdate update) => _presence.Add(update);

    /// <summary>
    /// Sends a batch of this instance's movers to the board's group. The connections here of a participant who is
    /// the batch's only mover get nothing (their own cursor is not news); everyone else gets the same bytes and a
    /// client skips its own participant's update (docs/PROTOCOL.md, "presence").
    /// </summary>
    private void SendPresence(PresenceBatch batch)
    {
        var now = _clock.GetTimestamp();
        var onlyMover = batch.Updates.Count == 1 ? batch.Updates[0].ParticipantId : null;
        List<string>? except = null;
        lock (_gate)
        {
            foreach (var update in batch.Updates)
            {
                _latestPresence[update.ParticipantId] = (update, now);
            }

            if (onlyMover is not null)
            {
                foreach (var session in SessionsSnapshot())
                {
                    if (string.Equals(session.ParticipantId, onlyMover, StringComparison.Ordinal))
                    {
                        (except ??= []).Add(session.ConnectionId);
                    }
                }
            }
        }

        var message = new RawJson(JsonSerializer.SerializeToUtf8Bytes(batch, ProtocolJsonContext.Default.PresenceBatch));
        _presenceBroadcast.Send(BoardId, message, except ?? (IReadOnlyList<string>)[]);
    }

    private ValueTask OnEntryAsync(LogEntry entry)
    {
        // Called by the log (for the local log, under its append gate): hand over and return at once.
        _inbox.Writer.TryWrite(entry);
        return ValueTask.CompletedTask;
    }

    /// <summary>Most entries applied before their fan-out (bounds how long the first of them waits).</summary>
    private const int MaxApplyBatch = 64;

    private async Task RunApplyLoopAsync()
    {
        var batch = new List<Published>(MaxApplyBatch);
        try
        {
            while (await _inbox.Reader.WaitToReadAsync(_stop.Token))
            {
                // Apply what has arrived (up to a bound), then fan it out together: each connection gets the
                // batch's entries back to back, so they usually leave in one WebSocket frame and one send call
                // instead of one each. Under light load a batch is one entry and nothing waits.
                while (batch.Count < MaxApplyBatch && _inbox.Reader.TryRead(out var entry))
                {
                    // Only this loop changes the board, so reading Seq here without the lock is safe.
                    if (entry.Seq <= _board.Seq)
                    {
                        continue; // already applied (catch-up read it, or a redelivery)
                    }

                    if (entry.Seq > _board.Seq + 1)
                    {
                        // Publish what is applied first: the catch-up below publishes entry by entry.
                        PublishBatch(batch);
                        var from = _board.Seq;
                        await CatchUpAsync(entry.Seq, _stop.Token);
                        ServerLog.GapFilled(_logger, BoardId, from, _board.Seq);
                        Metrics?.GapFilled();
                        if (entry.Seq <= _board.Seq)
                        {
                            continue;
                        }
                    }

                    batch.Add(Apply(entry));
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
        while (_board.Seq < upToSeq)
        {
            var page = await _log.ReadAsync(BoardId, _board.Seq, _options.ReadPageSize, cancellationToken);
            if (page.Count == 0)
            {
                return;
            }

            if (page[0].Seq > _board.Seq + 1)
            {
                await RecoverFromSnapshotAsync(page[0].Seq - 1, cancellationToken);
                continue;
            }

            foreach (var entry in page)
            {
                if (entry.Seq == _board.Seq + 1)
                {
                    ApplyAndPublish(entry);
                }
            }
        }
    }

    /// <summary>The log was trimmed past this replica: jump to a snapshot that covers the trimmed part.</summary>
    private async Task RecoverFromSnapshotAsync(long neededSeq, CancellationToken cancellationToken)
    {
        var snapshot = await _snapshots.LoadLatestAsync(BoardId, cancellationToken);
        if (snapshot is null || snapshot.Seq < neededSeq)
        {
            throw new InvalidOperationException(
                $"Board {BoardId}: the log starts after seq {neededSeq} and no snapshot covers it (replica at {_board.Seq}).");
        }

        ConnectionSession[] sessions;
        lock (_gate)
        {
            _board = Board.FromSnapshot(snapshot);
            _recent.Clear();
            sessions = [.. _sessions];
            _sessions.Clear();
            _sessionsSnapshot = null;
        }

        // Their clients saw a history this replica no longer has entry by entry; a fresh join gives them a snapshot.
        foreach (var session in sessions)
        {
            session.Close(ServerCodes.Unavailable, "The board was reloaded; reconnect to continue.");
        }
    }

    private void ApplyAndPublish(LogEntry entry)
    {
        var one = new List<Published>(1) { Apply(entry) };
        PublishBatch(one);
    }

    /// <summary>An applied entry and who is to receive it: the connections on the board when it was applied.</summary>
    private readonly record struct Published(AppliedEntry Applied, ConnectionSession[] Sessions, List<ConnectionSession>? Removed, bool Milestone);

    /// <summary>Applies one entry under the lock and wakes the Submit waiting for it; sending is left to <see cref="PublishBatch"/>.</summary>
    private Published Apply(LogEntry entry)
    {
        AppliedEntry applied;
        TaskCompletionSource<AppliedEntry>? waiter;
        ConnectionSession[] sessions;
        List<ConnectionSession>? removed = null;
        bool milestone;
        lock (_gate)
        {
            var meta = _board.State.Meta;
            var phaseBefore = meta.Phase;
            var lockedBefore = meta.BoardLocked;
            var result = _board.Apply(entry);
            applied = AppliedEntry.Create(result);
            NotifyObservers(result);
            _recent.Add(applied);
            _waiters.Remove(entry.Seq, out waiter);
            sessions = SessionsSnapshot();
            foreach (var session in sessions)
            {
                if (!_board.IsActiveParticipant(session.ParticipantId))
                {
                    (removed ??= []).Add(session);
                    _sessions.Remove(session);
                    _sessionsSnapshot = null;
                }
            }

            meta = _board.State.Meta;
            milestone = meta.Phase != phaseBefore || meta.BoardLocked != lockedBefore;
        }

        waiter?.TrySetResult(applied);
        return new Published(applied, sessions, removed, milestone);
    }

    /// <summary>Sends the applied entries to their connections in sequence order, then clears the list.</summary>
    private void PublishBatch(List<Published> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        if (batch.Count == 1 || SameAudience(batch))
        {
            // Connection by connection: a connection's entries are written back to back.
            var sessions = batch[0].Sessions;
            Dictionary<(long, string), RawJson>? perViewer = null;
            foreach (var session in sessions)
            {
                foreach (var item in batch)
                {
                    session.EnqueueEntry(MessageFor(item.Applied, session.ParticipantId, ref perViewer));
                }
            }

            Metrics?.Delivered(sessions.Length * batch.Count);
        }
        else
        {
            // The set of connections changed inside the batch (a join, a leave): entry by entry.
            foreach (var item in batch)
            {
                FanOut(item.Applied, item.Sessions);
                Metrics?.Delivered(item.Sessions.Length);
            }
        }

        var milestone = false;
        foreach (var item in batch)
        {
            if (item.Removed is not null)
            {
                foreach (var session in item.Removed)
                {
                    session.Close(RejectionCodes.ParticipantRemoved, "The facilitator removed you from this board.");
                }
            }

            milestone |= item.Milestone;
        }

        if (milestone)
        {
            _snapshotRequests.Writer.TryWrite(true);
        }
        else
        {
            _snapshotTimer.Change(_options.SnapshotDebounce, Timeout.InfiniteTimeSpan);
        }

        batch.Clear();
    }

    /// <summary>True when every entry of the batch goes to the same connections (the snapshot was reused).</summary>
    private static bool SameAudience(List<Published> batch)
    {
        var first = batch[0].Sessions;
        foreach (var item in batch)
        {
            if (!ReferenceEquals(item.Sessions, first) || item.Removed is not null)
            {
                return false;
            }
        }

        return true;
    }

    private static RawJson MessageFor(AppliedEntry applied, string participantId, ref Dictionary<(long, string), RawJson>? perViewer)
    {
        if (!applied.HasPrivateEvents)
        {
            return applied.MessageFor("");
        }

        // Some event is for one viewer only (votes before reveal): encode per viewer, once per participant.
        perViewer ??= [];
        if (!perViewer.TryGetValue((applied.Seq, participantId), out var message))
        {
            message = applied.MessageFor(participantId);
            perViewer.Add((applied.Seq, participantId), message);
        }

        return message;
    }

    private void NotifyLoaded()
    {
        lock (_gate)
        {
            foreach (var observer in _observers)
            {
                try
                {
                    observer.OnLoaded(_board);
                }
                catch (Exception ex)
                {
                    ServerLog.ObserverFailed(_logger, BoardId, _board.Seq, ex);
                }
            }
        }
    }

    private void NotifyObservers(ApplyResult result)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnApplied(_board, result);
            }
            catch (Exception ex)
            {
                // An observer (the incident log) must never stop the board.
                ServerLog.ObserverFailed(_logger, BoardId, result.Entry.Seq, ex);
            }
        }
    }

    private static void FanOut(AppliedEntry applied, ConnectionSession[] sessions)
    {
        Dictionary<(long, string), RawJson>? perViewer = null;
        foreach (var session in sessions)
        {
            session.EnqueueEntry(MessageFor(applied, session.ParticipantId, ref perViewer));
        }
    }

    /// <summary>The connections to fan out to; the array is shared until the set changes, so callers never modify it.</summary>
    private ConnectionSession[] SessionsSnapshot() => _sessionsSnapshot ??= [.. _sessions];

    private async Task RunSnapshotLoopAsync()
    {
        try
        {
            await foreach (var _ in _snapshotRequests.Reader.ReadAllAsync(_stop.Token))
            {
                await SaveSnapshotAsync(_stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task SaveSnapshotAsync(CancellationToken cancellationToken)
    {
        BoardSnapshot snapshot;
        lock (_gate)
        {
            if (Volatile.Read(ref _snapshotsOff) || _board.Seq <= Volatile.Read(ref _savedSeq) || !_board.State.Meta.Created)
            {
                return;
            }

            snapshot = _board.ToSnapshot();
        }

        try
        {
            await _snapshots.SaveAsync(snapshot, cancellationToken);
            Volatile.Write(ref _savedSeq, snapshot.Seq);
            ServerLog.SnapshotSaved(_logger, BoardId, snapshot.Seq);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The log still holds everything; the next request tries again.
            ServerLog.SnapshotFailed(_logger, BoardId, snapshot.Seq, ex);
        }
    }

    private void Fault(Exception ex)
    {
        ServerLog.ReplicaFaulted(_logger, BoardId, _board.Seq, ex);
        TaskCompletionSource<AppliedEntry>[] waiters;
        ConnectionSession[] sessions;
        lock (_gate)
        {
            _fault = ex;
            waiters = [.. _waiters.Values];
            _waiters.Clear();
            sessions = [.. _sessions];
            _sessions.Clear();
            _sessionsSnapshot = null;
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetException(new BoardUnavailableException(BoardId, ex));
        }

        foreach (var session in sessions)
        {
            session.Close(ServerCodes.Unavailable, "The server could not apply an entry of this board; reconnect to continue.");
        }

        _onFault(this);
    }

    private void ThrowIfUnusable()
    {
        if (_fault is not null)
        {
            throw new BoardUnavailableException(BoardId, _fault);
        }
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
            Volatile.Write(ref _snapshotsOff, true); // also for requests the snapshot loop has yet to drain
        }

        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }

        _presence.Dispose();

        _inbox.Writer.TryComplete();
        _snapshotRequests.Writer.TryComplete();
        await _snapshotTimer.DisposeAsync();
        await _applyLoop; // drains what the log already delivered
        await _snapshotLoop;
        if (saveSnapshot && _fault is null && _board.State.Meta.Created)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await SaveSnapshotAsync(timeout.Token);
        }

        await _stop.CancelAsync();
        lock (_gate)
        {
            foreach (var waiter in _waiters.Values)
            {
                waiter.TrySetException(new BoardUnavailableException(BoardId, null));
            }

            _waiters.Clear();
        }

        _stop.Dispose();
    }
}

/// <summary>The board's replica on this instance cannot serve right now (faulted or shutting down).</summary>
internal sealed class BoardUnavailableException(string boardId, Exception? inner)
    : Exception($"Board {boardId} is not available on this instance.", inner);
