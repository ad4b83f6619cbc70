using System.Text.Json;
using PostMortem.Client.Internal;
using PostMortem.Core;
using PostMortem.Core.Protocol;

namespace PostMortem.Client;

// Connecting, joining, losing the connection and reconnecting with backoff; fatal failures; the clock offset.
public sealed partial class BoardSyncEngine
{
    // Guarded by _gate.
    private bool _joined;
    private bool _joining;
    // Bumped by every connection loss, network drop and stop: a step that awaited across one is stale.
    private int _generation;
    private int _attempt;
    private ITimer? _reconnectTimer;
    private ITimer? _pingTimer;

    private double NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    // The last connect asked for; each waits for the one before it. Guarded by _gate.
    private Task _connectTail = Task.CompletedTask;

    /// <summary>
    /// Connects and joins, one attempt at a time. An "online" signal, the reconnect timer and the first start can each
    /// ask for an attempt while another is on its way; two starts racing on one connection stop each other (seen in
    /// Chromium: the browser's own "online" event and the page's arrived together, three sockets opened, and the board
    /// stayed offline for the slow backoff). A later attempt that finds the board joined has nothing to do.
    /// </summary>
    private async Task ConnectAsync()
    {
        Task previous;
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            previous = _connectTail;
            _connectTail = mine.Task;
        }

        try
        {
            await previous.ConfigureAwait(false);
            await ConnectOnceAsync(mine).ConfigureAwait(false);
        }
        finally
        {
            mine.TrySetResult();
        }
    }

    /// <param name="turn">Completed once the transport is left alone, before the outcome is published: an immediate
    /// retry that the publishing starts may begin at once.</param>
    private async Task ConnectOnceAsync(TaskCompletionSource turn)
    {
        int generation;
        lock (_gate)
        {
            if (_status == ConnectionStatus.Stopped || (_joined && _status == ConnectionStatus.Connected))
            {
                return;
            }

            generation = ++_generation;
        }

        try
        {
            await _transport.StartAsync(CancellationToken.None).ConfigureAwait(false);
            if (!await JoinAsync(generation).ConfigureAwait(false))
            {
                return;
            }

            lock (_gate)
            {
                if (generation != _generation || _status == ConnectionStatus.Stopped)
                {
                    return;
                }

                _attempt = 0;
                SetStatus(ConnectionStatus.Connected);
                _pingTimer?.Dispose();
                _pingTimer = _time.CreateTimer(static s => ((BoardSyncEngine)s!).OnPingTimer(), this, _options.PingInterval, _options.PingInterval);
                _work.Add(PingAsync);
                // The offline queue and anything a lost connection left unanswered, once each, with their clientOpIds.
                foreach (var p in _pending.Where(p => p.AckedSeq is null && !p.InFlight))
                {
                    _work.Add(() => SendAsync(p, generation));
                }
            }

            turn.TrySetResult();
            Publish();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var (failure, fatal) = SyncErrors.Classify(e);
            lock (_gate)
            {
                if (generation != _generation || _status == ConnectionStatus.Stopped)
                {
                    return;
                }
            }

            if (fatal)
            {
                await FailAsync(failure).ConfigureAwait(false);
                return;
            }

            // A half-open connection (started, Join failed) is closed before the next attempt.
            await StopTransportAsync().ConfigureAwait(false);
            lock (_gate)
            {
                if (generation == _generation && _status != ConnectionStatus.Stopped)
                {
                    _joined = false;
                    ScheduleReconnect();
                }
            }

            turn.TrySetResult();
            Publish();
        }
    }

    /// <summary>Joins (again) with the last applied seq, or for a snapshot the first time; false when it became stale.</summary>
    private async Task<bool> JoinAsync(int generation)
    {
        JoinRequest request;
        lock (_gate)
        {
            if (generation != _generation || _status == ConnectionStatus.Stopped)
            {
                return false;
            }

            _joining = true;
            request = new JoinRequest(_options.BoardId, _replica?.Seq);
        }

        var sentMs = NowMs;
        JoinResult result;
        try
        {
            result = await _transport.JoinAsync(request, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            lock (_gate)
            {
                if (generation == _generation)
                {
                    _joining = false;
                }
            }

            throw;
        }

        var receivedMs = NowMs;
        // Decoded outside the lock: a snapshot of a big board is the largest thing the engine reads.
        var snapshot = result.Mode == "snapshot"
            ? result.View?.Read(WireJson.View) ?? throw new JsonException("a snapshot Join result without a view")
            : null;
        var entries = snapshot is null ? (result.Entries ?? []).Select(e => e.Read(WireJson.Entry)!).ToList() : [];
        lock (_gate)
        {
            if (generation != _generation || _status == ConnectionStatus.Stopped)
            {
                return false;
            }

            _joining = false;
            _clock.Add(sentMs, receivedMs, result.ServerTime);
            _changes |= Change.Clock;
            _participantId = result.ParticipantId;
            _role = result.Role;
            _joined = true;
            if (snapshot is not null)
            {
                _replica = new ViewReplica(snapshot);
                _changes |= Change.View;
                foreach (var seq in _early.Keys.Where(s => s <= snapshot.Seq).ToList())
                {
                    _early.Remove(seq);
                }
            }

            foreach (var entry in entries)
            {
                Ingest(entry, fromJoin: true);
            }

            // Entries pushed while the Join was on its way were held (R16); those after its seq apply now.
            Drain();
        }

        Publish();
        return true;
    }

    private void OnClosed(Exception? error)
    {
        lock (_gate)
        {
            if (_status == ConnectionStatus.Stopped || !_started)
            {
                return;
            }

            LoseConnection();
            ScheduleReconnect();
        }

        Publish();
    }

    private void OnFatal(FatalMessage fatal)
    {
        // Retryable "fatal" codes (unavailable, too_many_connections, message_too_large…) end only this connection:
        // the close that follows reconnects. The others end the session, even if the close was reported first (R15).
        if (SyncErrors.IsFatal(fatal.Code))
        {
            _ = FailAsync(new SyncFailure(fatal.Code, fatal.Message));
        }
    }

    private async Task FailAsync(SyncFailure failure)
    {
        lock (_gate)
        {
            if (_status == ConnectionStatus.Stopped)
            {
                return;
            }

            _failure = failure;
            _changes |= Change.Stopped;
            SetStatus(ConnectionStatus.Stopped);
            LoseConnection();
            CancelReconnect();
            // Nothing queued can be sent with this token any more: settle it and forget the stored queue.
            foreach (var p in _pending)
            {
                Settle(p, new CommandResult(p.ClientOpId, AckStatus.Rejected, Code: failure.Code, Message: failure.Message));
            }

            _pending.Clear();
            _changes |= Change.Pending | Change.Queue;
        }

        Publish();
        await StopTransportAsync().ConfigureAwait(false);
    }

    /// <summary>Under the lock: whatever was in flight on the old connection is over.</summary>
    private void LoseConnection()
    {
        _generation++;
        _joined = false;
        _joining = false;
        _pingTimer?.Dispose();
        _pingTimer = null;
        _gapTimer?.Dispose();
        _gapTimer = null;
        _presenceTimer?.Dispose();
        _presenceTimer = null;
        _presenceQueued = null;
        foreach (var p in _pending)
        {
            p.InFlight = false;
            p.RetryTimer?.Dispose();
            p.RetryTimer = null;
        }

        // Calls that were on their way will not answer now.
        SettleApplied();
    }

    /// <summary>Under the lock: the next attempt after the backoff delay (a zero delay starts it once the lock is released).</summary>
    private void ScheduleReconnect()
    {
        var delays = _options.ReconnectDelays;
        var delay = delays.Count == 0 ? TimeSpan.FromSeconds(1) : delays[Math.Min(_attempt, delays.Count - 1)];
        _attempt++;
        SetStatus(_attempt > _options.OfflineAfterAttempts ? ConnectionStatus.Offline : ConnectionStatus.Reconnecting);
        CancelReconnect();
        if (delay <= TimeSpan.Zero)
        {
            _work.Add(ConnectAsync);
        }
        else
        {
            _reconnectTimer = _time.CreateTimer(static s => ((BoardSyncEngine)s!).OnReconnectTimer(), this, delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void CancelReconnect()
    {
        _reconnectTimer?.Dispose();
        _reconnectTimer = null;
    }

    private void OnReconnectTimer()
    {
        lock (_gate)
        {
            _reconnectTimer?.Dispose();
            _reconnectTimer = null;
            if (_status == ConnectionStatus.Stopped)
            {
                return;
            }

            _work.Add(ConnectAsync);
        }

        Publish();
    }

    private void OnPingTimer()
    {
        lock (_gate)
        {
            _work.Add(PingAsync);
        }

        Publish();
    }

    private async Task PingAsync()
    {
        lock (_gate)
        {
            if (!_joined)
            {
                return;
            }
        }

        var sentMs = NowMs;
        PingResult result;
        try
        {
            result = await _transport.PingAsync(sentMs, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A lost ping only delays the next clock sample.
            return;
        }

        var receivedMs = NowMs;
        lock (_gate)
        {
            _clock.Add(sentMs, receivedMs, result.ServerTime);
            _changes |= Change.Clock;
        }

        Publish();
    }

    private async Task StopTransportAsync()
    {
        try
        {
            await _transport.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Stopping a connection that is already gone.
        }
    }
}
