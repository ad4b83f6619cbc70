using System.Text.Json;
using PostMortem.Core;
using PostMortem.Core.Log;
using PostMortem.Server.Hubs;
using PostMortem.Data.Records;
using PostMortem.Server.Diagnostics;
using PostMortem.Server.Presence;

namespace PostMortem.Server.Boards;

/// <summary>
/// One board's state on this instance and the lock that guards it. Applying an entry, reading the board,
/// attaching a connection and taking a snapshot happen under the lock, which is held only for CPU work
/// (apply, views, encoding) — never across I/O or a client send. The order of entries is the caller's job
/// (<see cref="BoardHost"/>'s apply loop): this class applies what it is given.
/// </summary>
internal sealed class BoardReplica(string boardId, Board board, BoardAudience audience, AppliedEntries applied,
    IReadOnlyList<IAppliedEntryObserver> observers, ILogger logger)
{
    private readonly Lock _gate = new();
    private Board _board = board;
    private Exception? _fault;

    public string BoardId => boardId;

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

    /// <summary>Only the apply loop changes the board, so it may read the sequence number without the lock.</summary>
    public long SeqForApplyLoop => _board.Seq;

    public bool Created
    {
        get
        {
            lock (_gate)
            {
                return _board.State.Meta.Created;
            }
        }
    }

    public Exception? Fault
    {
        get
        {
            lock (_gate)
            {
                return _fault;
            }
        }
    }

    /// <summary>Runs <paramref name="reader"/> against the board under the lock. Copy out what you need: the
    /// state's objects keep changing once the lock is released.</summary>
    public T Read<T>(Func<Board, T> reader)
    {
        lock (_gate)
        {
            ThrowIfFaulted();
            return reader(_board);
        }
    }

    /// <summary>Throws <see cref="BoardUnavailableException"/> once the replica has failed.</summary>
    public void ThrowIfFaulted()
    {
        lock (_gate)
        {
            if (_fault is not null)
            {
                throw new BoardUnavailableException(BoardId, _fault);
            }
        }
    }

    /// <summary>
    /// Applies the next entry, records it for the command waiting on it, and says who is to receive it: the
    /// connections attached now, less those whose participant the entry removed (they get it, then are closed).
    /// </summary>
    public PublishedEntry Apply(LogEntry entry)
    {
        lock (_gate)
        {
            var before = _board.State.Meta;
            var (phaseBefore, lockedBefore) = (before.Phase, before.BoardLocked);
            var result = _board.Apply(entry);
            var entryApplied = AppliedEntry.Create(result);
            NotifyObservers(result);
            applied.Add(entryApplied); // wakes the command waiting for it (its continuation runs elsewhere)
            var sessions = audience.Current();
            var removed = audience.RemoveInactive(_board);
            var after = _board.State.Meta;
            return new PublishedEntry(entryApplied, sessions, removed, after.Phase != phaseBefore || after.BoardLocked != lockedBefore);
        }
    }

    /// <summary>
    /// Adds the connection to the board's fan-out and returns what it needs to be current (rule R4): exactly the
    /// entries after <paramref name="lastSeq"/> while they are still held, else a snapshot view; and the board's
    /// recent presence for it, if any.
    /// </summary>
    public (JoinResult Result, RawJson? Presence) Attach(ConnectionSession session, long? lastSeq, BoardPresence presence, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_fault is not null)
            {
                throw new BoardUnavailableException(BoardId, _fault);
            }

            var participantId = session.ParticipantId;
            var role = _board.RoleOf(participantId);
            var seq = _board.Seq;
            JoinResult result;
            if (lastSeq is { } after && after >= 0 && after <= seq && applied.TryGetRange(after, seq, out var missed))
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
            audience.Add(session);
            return (result, presence.RecentFor(participantId, _board));
        }
    }

    /// <summary>Replaces the board by <paramref name="snapshot"/> (the log was trimmed past this replica) and
    /// detaches every connection: their clients saw a history entry by entry that this replica no longer has.</summary>
    public ConnectionSession[] ReplaceFrom(BoardSnapshot snapshot) => ReplaceWith(Board.FromSnapshot(snapshot));

    /// <summary>Replaces the board by <paramref name="board"/> — a snapshot, or an earlier state when the log went back
    /// on entries this replica applied — and detaches every connection, as <see cref="ReplaceFrom"/>.</summary>
    public ConnectionSession[] ReplaceWith(Board board)
    {
        ConnectionSession[] sessions;
        lock (_gate)
        {
            _board = board;
            sessions = audience.RemoveAll();
        }

        applied.JumpTo(board.Seq);
        return sessions;
    }

    /// <summary>The board's snapshot when it is newer than <paramref name="savedSeq"/> and worth saving; null otherwise.</summary>
    public BoardSnapshot? Capture(long savedSeq)
    {
        lock (_gate)
        {
            return _fault is null && _board.Seq > savedSeq && _board.State.Meta.Created ? _board.ToSnapshot() : null;
        }
    }

    /// <summary>Marks the replica failed and detaches every connection; waiting commands fail with it.</summary>
    public ConnectionSession[] Fail(Exception ex)
    {
        ConnectionSession[] sessions;
        lock (_gate)
        {
            _fault = ex;
            sessions = audience.RemoveAll();
        }

        applied.FailAll(new BoardUnavailableException(BoardId, ex));
        return sessions;
    }

    /// <summary>Tells the observers (the incident log) the board is loaded here.</summary>
    public void NotifyLoaded()
    {
        lock (_gate)
        {
            foreach (var observer in observers)
            {
                try
                {
                    observer.OnLoaded(_board);
                }
                catch (Exception ex)
                {
                    ServerLog.ObserverFailed(logger, BoardId, _board.Seq, ex);
                }
            }
        }
    }

    private void NotifyObservers(ApplyResult result)
    {
        foreach (var observer in observers)
        {
            try
            {
                observer.OnApplied(_board, result);
            }
            catch (Exception ex)
            {
                // An observer (the incident log) must never stop the board.
                ServerLog.ObserverFailed(logger, BoardId, result.Entry.Seq, ex);
            }
        }
    }
}

/// <summary>The board's replica on this instance cannot serve right now (faulted or shutting down).</summary>
internal sealed class BoardUnavailableException(string boardId, Exception? inner)
    : Exception($"Board {boardId} is not available on this instance.", inner);
