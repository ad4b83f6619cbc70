using PostMortem.Client.Internal;
using PostMortem.Core;
using PostMortem.Core.Protocol;

namespace PostMortem.Client;

// Leaving the lock: events for the UI, the stored queue, and the calls a locked section asked for.
public sealed partial class BoardSyncEngine
{
    private void SetStatus(ConnectionStatus status)
    {
        if (_status != status)
        {
            _status = status;
            _changes |= Change.Status;
        }
    }

    /// <summary>
    /// Runs what the last locked section decided, outside the lock: raises the events, writes the stored queue (in
    /// order), and starts the calls it asked for. Every entry point ends with it.
    /// </summary>
    private void Publish()
    {
        Change changes;
        Func<Task>[] work;
        CommandResult[] settled;
        BoardView? view;
        ConnectionStatus status;
        int pendingCount;
        SyncFailure? failure;
        lock (_gate)
        {
            if (_changes == Change.None && _work.Count == 0 && _settled.Count == 0)
            {
                return;
            }

            changes = _changes;
            _changes = Change.None;
            work = [.. _work];
            _work.Clear();
            settled = [.. _settled];
            _settled.Clear();
            view = _replica?.View;
            status = _status;
            pendingCount = _pending.Count;
            failure = _failure;
            if (changes.HasFlag(Change.Queue) && _options.Storage is not null && !_disposed)
            {
                // Chained under the lock so the stored queue is written in the order it changed.
                var unconfirmed = _pending.Where(p => p.AckedSeq is null).Select(p => new SubmitRequest(p.ClientOpId, p.Command, _options.BoardId)).ToList();
                _saveTail = SaveQueueAsync(_saveTail, unconfirmed.Count == 0 ? null : QueueFormat.Write(unconfirmed));
            }
        }

        if (changes.HasFlag(Change.Status))
        {
            StatusChanged?.Invoke(status);
        }

        if (changes.HasFlag(Change.View) && view is not null)
        {
            ViewChanged?.Invoke(view);
        }

        if (changes.HasFlag(Change.Pending))
        {
            PendingCountChanged?.Invoke(pendingCount);
        }

        foreach (var result in settled)
        {
            CommandSettled?.Invoke(result);
        }

        if (changes.HasFlag(Change.Stopped) && failure is not null)
        {
            Stopped?.Invoke(failure);
        }

        if (changes != Change.None || settled.Length > 0)
        {
            Changed?.Invoke();
        }

        foreach (var step in work)
        {
            _ = RunAsync(step);
        }
    }

    private static async Task RunAsync(Func<Task> step)
    {
        try
        {
            await step().ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // The engine or its transport went away mid-step.
        }
    }
}
