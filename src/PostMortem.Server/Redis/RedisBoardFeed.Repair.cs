using PostMortem.Core;
using PostMortem.Core.Log;
using PostMortem.Server.BoardLog;

namespace PostMortem.Server.Redis;

/// <summary>
/// The feed's answer to Redis losing acknowledged writes (an AOF without its last second after a crash, a failover to
/// a lagging replica; docs/SCALE-OUT.md, "When Redis loses acknowledged writes"). Runs on the pump, between deliveries.
/// <para>Found when the log's head is below the last delivered seq, when an entry arrives under a seq already delivered
/// here with another entry, or when the stored entry at the last delivered seq is not the delivered one. Then, first:
/// every entry this instance holds (the last <see cref="RestoreWindow"/> delivered) is written back under its own
/// number where the log lacks it (<see cref="RedisScripts.Restore"/>: idempotent, first writer wins), and nothing
/// else changes — the log again holds what every replica applied. If other entries already took some of those numbers
/// (an instance that had not seen them appended first), they cannot go back: the held entries from the first taken
/// number on are offered again at the end of the log as their actors' commands (the append is idempotent per op, so
/// every instance may do it), and the subscribers are told to rewind to the last seq that still stands and then
/// receive the log's own entries after it. If the log lacks entries before the first one held here (this instance
/// loaded the board recently, or held fewer than were lost), another instance may hold them: the feed waits, in
/// doubt and fenced, up to <see cref="RedisBoardLog.RepairHold"/> for one to write them back before it rewinds.</para>
/// </summary>
internal sealed partial class RedisBoardFeed
{
    /// <summary>How many of a board's latest delivered entries this instance can write back after Redis lost them.</summary>
    public const int RestoreWindow = 2048;

    private int _inDoubt;
    /// <summary>When a repair first found the log lacking entries this instance does not hold (Environment.TickCount64; 0: not waiting).</summary>
    private long _waitingSince;

    /// <summary>True from finding that the log disagrees with what was delivered until the repair is done.</summary>
    public bool InDoubt => Volatile.Read(ref _inDoubt) == 1;

    /// <summary>Whether the log holds, at the last delivered seq, the entry delivered there; null when Redis cannot be read now (a retry is scheduled).</summary>
    private async Task<bool?> TipAgreesAsync()
    {
        var last = _lastDelivered;
        if (!_delivered.TryGet(last, out var mine))
        {
            return true;
        }

        IReadOnlyList<StoredEntry> found;
        try
        {
            found = await _log.ReadStoredAsync(BoardId, last - 1, 1, _stopping.Token);
        }
        catch (BoardLogUnavailableException ex)
        {
            RedisBoardLogLog.CatchUpFailed(_logger, BoardId, last, ex);
            ScheduleRetry();
            return null;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return null;
        }

        if (found.Count == 1 && found[0].Seq == last && !string.Equals(found[0].Text, mine.Text, StringComparison.Ordinal))
        {
            RedisBoardLogLog.LogDiverged(_logger, BoardId, last);
            return false;
        }

        return true;
    }

    /// <summary>Brings the log back to what was delivered here or, where that cannot be, the subscribers to the log.</summary>
    private async Task RepairAsync()
    {
        Volatile.Write(ref _inDoubt, 1);
        try
        {
            var held = _delivered.ToArray();
            long firstLost;
            if (held.Length == 0)
            {
                // Delivered entries this instance does not hold (its subscriber read them itself when it loaded the board).
                var head = await _log.LastSeqAsync(BoardId, _stopping.Token);
                if (head >= _lastDelivered)
                {
                    Volatile.Write(ref _inDoubt, 0);
                    return;
                }

                firstLost = head + 1;
                if (StillWaitingForOthers(head))
                {
                    ScheduleRetry();
                    return;
                }
            }
            else
            {
                var result = await _log.RestoreAsync(BoardId, held, _stopping.Token);
                if (result.Status == RestoreStatus.Restored)
                {
                    if (result.Written > 0)
                    {
                        RedisBoardLogLog.LogRestored(_logger, BoardId, result.Written, held[^1].Seq);
                    }

                    Volatile.Write(ref _inDoubt, 0);
                    _waitingSince = 0;
                    _retryDelay = TimeSpan.Zero;
                    await TryCatchUpAsync(result.Head);
                    return;
                }

                firstLost = result.Status == RestoreStatus.Conflict ? result.Seq : result.Head + 1;
                if (result.Status == RestoreStatus.Gap && StillWaitingForOthers(result.Head))
                {
                    ScheduleRetry();
                    return;
                }
            }

            await RewindAsync(held, firstLost);
        }
        catch (BoardLogUnavailableException ex)
        {
            // Still in doubt: the next resync (scheduled) repairs again; the restore and the re-append are idempotent.
            RedisBoardLogLog.CatchUpFailed(_logger, BoardId, _lastDelivered, ex);
            ScheduleRetry();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task RewindAsync(StoredEntry[] held, long firstLost)
    {
        // Offer what cannot go back under its number again, in its order, before anyone rebuilds from the log: a rebuilt
        // replica then has it. An op the log already has is not appended twice (RedisScripts.Append is idempotent per op).
        var offered = 0;
        foreach (var item in held)
        {
            if (item.Seq >= firstLost)
            {
                var lost = CoreJson.DeserializeEntry(item.Text);
                await _log.AppendFencedAsync(BoardId, new PendingEntry(lost.ActorId, lost.ClientOpId, lost.Command), fence: 0, repair: true, _stopping.Token);
                offered++;
            }
        }

        var kept = firstLost - 1;
        RedisBoardLogLog.LogRewound(_logger, BoardId, kept, _lastDelivered, offered);
        _delivered.DropFrom(firstLost);
        Volatile.Write(ref _lastDelivered, kept);
        _tailMark = Math.Min(_tailMark, kept);
        await NotifyRewoundAsync(kept);
        Volatile.Write(ref _inDoubt, 0);
        _waitingSince = 0;
        _retryDelay = TimeSpan.Zero;
        await TryCatchUpAsync(await _log.LastSeqAsync(BoardId, _stopping.Token));
    }

    /// <summary>True while another instance may still write back the entries after <paramref name="head"/> this one lacks.</summary>
    private bool StillWaitingForOthers(long head)
    {
        var hold = (long)_log.RepairHold.TotalMilliseconds;
        if (hold <= 0)
        {
            return false;
        }

        var now = Environment.TickCount64;
        if (_waitingSince == 0)
        {
            _waitingSince = now;
            RedisBoardLogLog.WaitingForOthers(_logger, BoardId, head);
        }

        return now - _waitingSince < hold;
    }

    private async Task NotifyRewoundAsync(long keptSeq)
    {
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
                    await subscriber.OnRewound(keptSeq);
                }
                catch (Exception ex)
                {
                    RedisBoardLogLog.RewindFailed(_logger, BoardId, keptSeq, ex);
                }
            }
        }
        finally
        {
            s_delivering.Value = null;
            _deliveryGate.Release();
        }
    }
}
