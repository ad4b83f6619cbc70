using PostMortem.Client.Internal;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Protocol;

namespace PostMortem.Client;

// Commands: pending by clientOpId until the Ack and the entry settle them; resent after a reconnect; the stored queue.
public sealed partial class BoardSyncEngine
{
    // Guarded by _gate, oldest first.
    private readonly List<Pending> _pending = [];

    /// <summary>
    /// Queues a command and sends it as soon as the board is joined. Its result completes when the server has decided:
    /// accepted or duplicate once its entry is in the view, or rejected. A dropped connection does not settle it: it
    /// waits, and is sent again with the same clientOpId (R3), after a reload too when there is storage.
    /// </summary>
    public SubmittedCommand Submit(BoardCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var pending = new Pending(_options.NewClientOpId(), command);
        lock (_gate)
        {
            if (_status == ConnectionStatus.Stopped)
            {
                Settle(pending, new CommandResult(pending.ClientOpId, AckStatus.Rejected, Code: _failure?.Code ?? "stopped", Message: _failure?.Message ?? "The board connection is closed."));
            }
            else
            {
                _pending.Add(pending);
                _changes |= Change.Pending | Change.Queue;
                if (_joined)
                {
                    var generation = _generation;
                    _work.Add(() => SendAsync(pending, generation));
                }
            }
        }

        Publish();
        return new SubmittedCommand(pending.ClientOpId, pending.Done.Task);
    }

    private async Task LoadQueueAsync(CancellationToken cancellationToken)
    {
        if (_options.Storage is not { } storage)
        {
            return;
        }

        string? stored;
        try
        {
            stored = await storage.GetItemAsync(_options.QueueKey, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Unreadable storage: this page starts with an empty queue.
            return;
        }

        var requests = QueueFormat.Read(stored);
        lock (_gate)
        {
            // Before anything submitted on this page: they were queued first.
            var at = 0;
            foreach (var request in requests)
            {
                if (!_pending.Exists(p => p.ClientOpId == request.ClientOpId))
                {
                    _pending.Insert(at++, new Pending(request.ClientOpId, request.Command));
                }
            }

            if (at > 0)
            {
                _changes |= Change.Pending;
            }
        }

        Publish();
    }

    private static async Task SaveQueueAsync(Task previous, string? json, Storage.IKeyValueStorage storage, string key)
    {
        try
        {
            await previous.ConfigureAwait(false);
            if (json is null)
            {
                await storage.RemoveItemAsync(key).ConfigureAwait(false);
            }
            else
            {
                await storage.SetItemAsync(key, json).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Full or unavailable storage: the queue still lives in memory for this page.
        }
    }

    private Task SaveQueueAsync(Task previous, string? json) => SaveQueueAsync(previous, json, _options.Storage!, _options.QueueKey);

    private async Task SendAsync(Pending p, int generation)
    {
        lock (_gate)
        {
            if (!_joined || generation != _generation || p.InFlight || p.AckedSeq is not null || !_pending.Contains(p))
            {
                return;
            }

            p.InFlight = true;
        }

        Ack ack;
        try
        {
            ack = await _transport.SubmitAsync(new SubmitRequest(p.ClientOpId, p.Command, _options.BoardId), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var (failure, fatal) = SyncErrors.Classify(e);
            lock (_gate)
            {
                // A call of an older connection failing late must not clear the flag of its resend on this one.
                if (generation == _generation)
                {
                    p.InFlight = false;
                }

                SettleApplied();
                // "unavailable" on a live connection: nothing was decided, try again soon. On a lost connection the
                // next Join sends it again.
                if (!fatal && _joined && generation == _generation && p.AckedSeq is null && _pending.Contains(p))
                {
                    ScheduleRetry(p, generation);
                }
            }

            if (fatal)
            {
                await FailAsync(failure).ConfigureAwait(false);
                return;
            }

            Publish();
            return;
        }

        lock (_gate)
        {
            if (generation == _generation)
            {
                p.InFlight = false;
            }

            OnAck(p, ack, generation);
        }

        Publish();
    }

    /// <summary>Under the lock.</summary>
    private void OnAck(Pending p, Ack ack, int generation)
    {
        if (!_pending.Contains(p))
        {
            return;
        }

        if (ack.Status == AckStatus.Rejected)
        {
            var code = ack.Code ?? AckStatus.Rejected;
            if (SyncErrors.IsFatal(code))
            {
                var failure = new SyncFailure(code, ack.Message ?? code);
                _work.Add(() => FailAsync(failure));
            }
            else if (code is RejectionCodes.RateLimited or ServerCodes.Unavailable)
            {
                // Nothing was decided: send it again once the server said it would take it (its retry-after), or after
                // the usual pause.
                ScheduleRetry(p, generation, ack.RetryAfterMs is > 0 and var ms ? TimeSpan.FromMilliseconds(ms) : null);
            }
            else
            {
                Reject(p, code, ack.Message ?? code, ack.ImportErrors);
            }

            return;
        }

        p.Ack = ack;
        p.Status = ack.Status;
        if (ack.Seq is not { } seq)
        {
            _pending.Remove(p);
            _changes |= Change.Pending | Change.Queue;
            Settle(p, Result(p, null));
            return;
        }

        p.AckedSeq ??= seq;
        _changes |= Change.Queue;
        SettleApplied();
    }

    /// <summary>Under the lock: the sender's own entry settles its command even when the Ack was lost.</summary>
    private void OnEntryApplied(EntryMessage entry)
    {
        if (!string.Equals(entry.ActorId, _participantId, StringComparison.Ordinal))
        {
            return;
        }

        var p = _pending.Find(x => x.ClientOpId == entry.ClientOpId);
        if (p is null)
        {
            return;
        }

        if (entry.Status == AckStatus.Rejected)
        {
            Reject(p, entry.Code ?? AckStatus.Rejected, entry.Message ?? entry.Code ?? AckStatus.Rejected, importErrors: null);
            return;
        }

        p.Status ??= entry.Status;
        if (p.AckedSeq is null)
        {
            p.AckedSeq = entry.Seq;
            _changes |= Change.Queue;
        }
    }

    /// <summary>
    /// Under the lock: accepted commands whose entry is now in the view are done. One whose Ack is still on its way
    /// waits for it (the Ack carries the warnings and import errors), unless the call has failed.
    /// </summary>
    private void SettleApplied()
    {
        var at = _replica?.Seq ?? 0;
        var done = _pending.FindAll(p => p.AckedSeq <= at && !p.InFlight);
        foreach (var p in done)
        {
            _pending.Remove(p);
            Settle(p, Result(p, p.AckedSeq));
        }

        if (done.Count > 0)
        {
            _changes |= Change.Pending | Change.Queue;
        }
    }

    private void Reject(Pending p, string code, string message, IReadOnlyList<ImportLineError>? importErrors)
    {
        _pending.Remove(p);
        _changes |= Change.Pending | Change.Queue;
        Settle(p, new CommandResult(p.ClientOpId, AckStatus.Rejected, Code: code, Message: message, ImportErrors: importErrors));
    }

    private static CommandResult Result(Pending p, long? seq) =>
        new(p.ClientOpId, p.Status ?? AckStatus.Accepted, seq, Warnings: p.Ack?.Warnings, ImportErrors: p.Ack?.ImportErrors);

    private void Settle(Pending p, CommandResult result)
    {
        p.RetryTimer?.Dispose();
        p.RetryTimer = null;
        if (p.Done.TrySetResult(result))
        {
            _settled.Add(result);
        }
    }

    /// <summary>Under the lock: resend after <paramref name="delay"/> (the server's retry-after), or
    /// <see cref="BoardSyncOptions.RetryDelay"/> when there is none, if still on the same connection.</summary>
    private void ScheduleRetry(Pending p, int generation, TimeSpan? delay = null)
    {
        p.RetryTimer?.Dispose();
        p.RetryTimer = _time.CreateTimer(
            _ =>
            {
                lock (_gate)
                {
                    p.RetryTimer?.Dispose();
                    p.RetryTimer = null;
                    if (_joined && generation == _generation)
                    {
                        _work.Add(() => SendAsync(p, generation));
                    }
                }

                Publish();
            },
            null,
            delay ?? _options.RetryDelay,
            Timeout.InfiniteTimeSpan);
    }

    /// <summary>A command until the server settles it. Guarded by the engine's lock.</summary>
    private sealed class Pending(string clientOpId, BoardCommand command)
    {
        public string ClientOpId { get; } = clientOpId;

        public BoardCommand Command { get; } = command;

        /// <summary>The seq the Ack or the sender's own entry gave it; it is confirmed, and no longer stored.</summary>
        public long? AckedSeq { get; set; }

        public Ack? Ack { get; set; }

        /// <summary>accepted or duplicate, from the Ack or the entry.</summary>
        public string? Status { get; set; }

        public bool InFlight { get; set; }

        public ITimer? RetryTimer { get; set; }

        // Continuations never run under the engine's lock, where it is completed.
        public TaskCompletionSource<CommandResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
