using PostMortem.Core.Protocol;

namespace PostMortem.Client;

// Ordered application of entries: the out-of-order buffer, gaps and the rejoin that fills them (R2, R4, R16).
public sealed partial class BoardSyncEngine
{
    // Guarded by _gate: entries above the next expected seq, waiting for the ones before them.
    private readonly SortedDictionary<long, EntryMessage> _early = [];
    private ITimer? _gapTimer;

    private void OnEntry(EntryMessage entry)
    {
        lock (_gate)
        {
            if (_status == ConnectionStatus.Stopped)
            {
                return;
            }

            Ingest(entry, fromJoin: false);
        }

        Publish();
    }

    /// <summary>Under the lock: takes an entry from the push channel or a Join's catch-up and applies what is now in order.</summary>
    private void Ingest(EntryMessage entry, bool fromJoin)
    {
        if (_replica is not null && entry.Seq <= _replica.Seq)
        {
            return;
        }

        _early[entry.Seq] = entry;
        // While a Join is on its way its answer decides where the view stands; what was pushed meanwhile waits for it.
        if ((_joining && !fromJoin) || _replica is null)
        {
            return;
        }

        Drain();
    }

    /// <summary>Under the lock: applies buffered entries while the next one is there, then settles what they confirmed.</summary>
    private void Drain()
    {
        if (_replica is null)
        {
            return;
        }

        var applied = false;
        while (_early.Remove(_replica.Seq + 1, out var next))
        {
            _replica.Apply(next);
            applied = true;
            OnEntryApplied(next);
        }

        if (applied)
        {
            _changes |= Change.View;
            SettleApplied();
        }

        CheckGap();
    }

    /// <summary>Under the lock: entries waiting behind a missing one start the gap timer; none, and it stops.</summary>
    private void CheckGap()
    {
        if (_early.Count == 0)
        {
            _gapTimer?.Dispose();
            _gapTimer = null;
            return;
        }

        _gapTimer ??= _time.CreateTimer(static s => ((BoardSyncEngine)s!).OnGapTimer(), this, _options.GapTimeout, Timeout.InfiniteTimeSpan);
    }

    private void OnGapTimer()
    {
        lock (_gate)
        {
            _gapTimer?.Dispose();
            _gapTimer = null;
            if (_early.Count == 0 || !_joined || _joining)
            {
                return;
            }

            var generation = _generation;
            _work.Add(() => RejoinAsync(generation));
        }

        Publish();
    }

    /// <summary>The gap did not fill: Join again with lastSeq; the server answers the missed entries or a snapshot (R4).</summary>
    private async Task RejoinAsync(int generation)
    {
        try
        {
            await JoinAsync(generation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var (failure, fatal) = Internal.SyncErrors.Classify(e);
            if (fatal)
            {
                await FailAsync(failure).ConfigureAwait(false);
                return;
            }

            // The connection is in trouble: its close reconnects, or the gap timer tries again.
            lock (_gate)
            {
                if (generation == _generation)
                {
                    CheckGap();
                }
            }

            Publish();
        }
    }
}
