using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using PostMortem.Core;
using PostMortem.Data.Entities;
using PostMortem.Data.Internal;

namespace PostMortem.Data.Records;

/// <summary>
/// Keeps the incident log in step with closed boards. As a replica applies an entry that changes a closed
/// board's record (<see cref="IncidentRecorder.ShouldRecord"/>), the record is built there, under the replica's lock (CPU
/// only), and handed to one background writer that writes the newest record per board — so the board never
/// waits for the database and a burst of follow-ups costs one write. Callers that must read their own
/// write (the action PATCH) wait for the record to reach their entry's sequence number.
/// </summary>
public sealed class IncidentRecordWriter : IAppliedEntryObserver, IAsyncDisposable
{
    private const int MaxAttempts = 3;

    private readonly IncidentRecorder _recorder;
    private readonly ILogger<IncidentRecordWriter> _logger;
    private readonly ConcurrentDictionary<string, BoardRecords> _boards = new(StringComparer.Ordinal);
    private readonly Channel<string> _dirty = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public IncidentRecordWriter(IncidentRecorder recorder, ILogger<IncidentRecordWriter> logger)
    {
        _recorder = recorder;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    public void OnApplied(Board board, ApplyResult result)
    {
        if (IncidentRecorder.ShouldRecord(board, result.Entry, result.Outcome))
        {
            Queue(board);
        }
    }

    /// <summary>A closed board loaded from its snapshot: its record may not have been written if the process
    /// died between the snapshot and the record; writing it again is a no-op when it was.</summary>
    public void OnLoaded(Board board)
    {
        if (board.State.Meta.ClosedAt is not null)
        {
            Queue(board);
        }
    }

    private void Queue(Board board)
    {
        var record = _recorder.BuildRecord(board);
        var state = _boards.GetOrAdd(board.BoardId, _ => new BoardRecords());
        lock (state)
        {
            if (state.Pending is { } pending && pending.Seq >= record.Seq)
            {
                return;
            }

            state.Pending = record;
            state.QueuedSeq = Math.Max(state.QueuedSeq, record.Seq);
        }

        _dirty.Writer.TryWrite(board.BoardId);
    }

    /// <summary>
    /// Completes once the board's record reflects <paramref name="seq"/> or later, or at once when no record
    /// was queued for it (the entry did not change the incident log). False when writing it failed.
    /// </summary>
    public Task<bool> WaitForAsync(string boardId, long seq, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!_boards.TryGetValue(boardId, out var state))
        {
            return Task.FromResult(true);
        }

        lock (state)
        {
            if (state.QueuedSeq < seq || state.WrittenSeq >= seq)
            {
                return Task.FromResult(true);
            }

            var waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            state.Waiters.Add((seq, waiter));
            return waiter.Task.WaitAsync(timeout, cancellationToken);
        }
    }

    private async Task WriteLoopAsync()
    {
        await foreach (var boardId in _dirty.Reader.ReadAllAsync())
        {
            if (!_boards.TryGetValue(boardId, out var state))
            {
                continue;
            }

            IncidentRecord? record;
            lock (state)
            {
                record = state.Pending;
                state.Pending = null;
            }

            if (record is null)
            {
                continue; // an earlier turn already wrote the newest one
            }

            var written = await WriteAsync(record);
            lock (state)
            {
                if (written)
                {
                    state.WrittenSeq = Math.Max(state.WrittenSeq, record.Seq);
                }

                state.Waiters.RemoveAll(w =>
                {
                    if (w.Seq > record.Seq)
                    {
                        return false;
                    }

                    w.Waiter.TrySetResult(written);
                    return true;
                });
            }
        }
    }

    private async Task<bool> WriteAsync(IncidentRecord record)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // False means a record from a later state is stored already (another instance): also current.
                await _recorder.WriteAsync(record, CancellationToken.None);
                return true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                DataLog.IncidentRecordFailed(_logger, record.BoardId, record.Seq, attempt, ex);
                if (attempt >= MaxAttempts)
                {
                    // The next entry on the board writes the whole record again.
                    return false;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _dirty.Writer.TryComplete();
        await _writer;
    }

    private sealed class BoardRecords
    {
        public IncidentRecord? Pending { get; set; }
        public long QueuedSeq { get; set; }
        public long WrittenSeq { get; set; }
        public List<(long Seq, TaskCompletionSource<bool> Waiter)> Waiters { get; } = [];
    }
}
