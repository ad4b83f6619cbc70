using PostMortem.Core;
using PostMortem.Server.Diagnostics;
using PostMortem.Server.Hubs;

namespace PostMortem.Server.Boards;

/// <summary>
/// The connections on this instance that watch one board, and the fan-out of applied entries to them. Each
/// entry is encoded once per distinct form (<see cref="AppliedEntry.MessageFor"/>), and those bytes go to every
/// connection whose viewer gets that form.
/// Lock order: the replica's lock may be held when this class's lock is taken, never the other way round.
/// </summary>
internal sealed class BoardAudience
{
    private readonly Lock _gate = new();
    private readonly HashSet<ConnectionSession> _sessions = [];
    /// <summary>Copy of <see cref="_sessions"/> for fan-out, rebuilt only after the set changed (guarded by _gate).</summary>
    private ConnectionSession[]? _snapshot;
    /// <summary>Completed when the last session leaves (guarded by _gate).</summary>
    private TaskCompletionSource? _noSessions;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>The connections now; the array is shared until the set changes, so callers never modify it.</summary>
    public ConnectionSession[] Current()
    {
        lock (_gate)
        {
            return _snapshot ??= [.. _sessions];
        }
    }

    public void Add(ConnectionSession session)
    {
        lock (_gate)
        {
            _sessions.Add(session);
            _snapshot = null;
        }
    }

    /// <summary>True when one of the participant's connections is attached here.</summary>
    public bool HasParticipant(string participantId)
    {
        foreach (var session in Current())
        {
            if (string.Equals(session.ParticipantId, participantId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the session was attached (and is not any more).</summary>
    public bool Remove(ConnectionSession session)
    {
        lock (_gate)
        {
            if (!_sessions.Remove(session))
            {
                return false;
            }

            _snapshot = null;
            if (_sessions.Count == 0 && _noSessions is { } idle)
            {
                _noSessions = null;
                idle.TrySetResult();
            }

            return true;
        }
    }

    /// <summary>Detaches every connection (they are closed by the caller) and returns them.</summary>
    public ConnectionSession[] RemoveAll()
    {
        lock (_gate)
        {
            ConnectionSession[] all = [.. _sessions];
            _sessions.Clear();
            _snapshot = null;
            if (_noSessions is { } idle)
            {
                _noSessions = null;
                idle.TrySetResult();
            }

            return all;
        }
    }

    /// <summary>Detaches the connections whose participant may no longer watch the board (Core decides:
    /// <see cref="Board.IsActiveParticipant"/>) and returns them, or null when there are none.</summary>
    public List<ConnectionSession>? RemoveInactive(Board board)
    {
        lock (_gate)
        {
            List<ConnectionSession>? removed = null;
            foreach (var session in _snapshot ??= [.. _sessions])
            {
                if (!board.IsActiveParticipant(session.ParticipantId))
                {
                    (removed ??= []).Add(session);
                }
            }

            if (removed is not null)
            {
                foreach (var session in removed)
                {
                    _sessions.Remove(session);
                }

                _snapshot = null;
            }

            return removed;
        }
    }

    /// <summary>Completes once no connection is attached (at once when none is), so a caller can wait for the
    /// last disconnect instead of polling.</summary>
    public Task WhenEmptyAsync()
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
    /// Sends applied entries to the connections that were on the board when each was applied, in sequence
    /// order, then closes the connections of participants an entry removed. When the whole batch shares one
    /// audience, a connection's entries are written back to back (usually one WebSocket frame).
    /// </summary>
    public static void Publish(IReadOnlyList<PublishedEntry> batch, BoardMetrics? metrics)
    {
        if (batch.Count == 0)
        {
            return;
        }

        if (batch.Count == 1 || SameAudience(batch))
        {
            var sessions = batch[0].Sessions;
            foreach (var session in sessions)
            {
                foreach (var item in batch)
                {
                    session.EnqueueEntry(item.Applied.MessageFor(session.ParticipantId));
                }
            }

            metrics?.Delivered(sessions.Length * batch.Count);
        }
        else
        {
            // The set of connections changed inside the batch (a join, a leave): entry by entry.
            foreach (var item in batch)
            {
                foreach (var session in item.Sessions)
                {
                    session.EnqueueEntry(item.Applied.MessageFor(session.ParticipantId));
                }

                metrics?.Delivered(item.Sessions.Length);
            }
        }

        foreach (var item in batch)
        {
            if (item.Removed is not null)
            {
                foreach (var session in item.Removed)
                {
                    session.Close(RejectionCodes.ParticipantRemoved, "The facilitator removed you from this board.");
                }
            }
        }
    }

    /// <summary>True when every entry of the batch goes to the same connections (the snapshot was reused).</summary>
    private static bool SameAudience(IReadOnlyList<PublishedEntry> batch)
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
}

/// <summary>An applied entry and who is to receive it: the connections on the board when it was applied, and
/// those the entry removed from it. <paramref name="Milestone"/>: the phase or the board lock changed.</summary>
internal readonly record struct PublishedEntry(AppliedEntry Applied, ConnectionSession[] Sessions, List<ConnectionSession>? Removed, bool Milestone);
