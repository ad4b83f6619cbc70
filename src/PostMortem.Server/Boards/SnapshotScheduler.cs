using System.Threading.Channels;
using PostMortem.Core;
using PostMortem.Server.Diagnostics;
using PostMortem.Data.Snapshots;

namespace PostMortem.Server.Boards;

/// <summary>
/// When one board's replica is written as a durable snapshot: at once after a milestone (a phase change, the
/// board lock), otherwise once entries have been quiet for the debounce interval; one save at a time, on its
/// own loop, so the apply loop never waits for storage. A failed save is logged and retried by the next request:
/// the log still holds every entry.
/// </summary>
internal sealed class SnapshotScheduler
{
    private readonly string _boardId;
    private readonly ISnapshotStore _store;
    private readonly TimeSpan _debounce;
    private readonly ILogger _logger;
    private readonly Func<long, BoardSnapshot?> _capture;
    private readonly Func<BoardSnapshot, CancellationToken, ValueTask<bool>> _agreesWithLog;
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly ITimer _timer;
    private Task _loop = Task.CompletedTask;
    private long _savedSeq;
    private bool _off;

    /// <param name="capture">Given the last saved sequence number, the replica's snapshot when there is something
    /// newer worth saving, else null; the caller takes it under the replica's lock.</param>
    /// <param name="agreesWithLog">Whether the captured state may be stored: false while the replica is known to
    /// disagree with the log (docs/SCALE-OUT.md, "When Redis loses acknowledged writes"). A snapshot of a history the
    /// log no longer holds would outlive the repair: every later load would start from it.</param>
    public SnapshotScheduler(string boardId, long savedSeq, ISnapshotStore store, TimeSpan debounce, TimeProvider clock, ILogger logger,
        Func<long, BoardSnapshot?> capture, Func<BoardSnapshot, CancellationToken, ValueTask<bool>> agreesWithLog)
    {
        _agreesWithLog = agreesWithLog;
        _boardId = boardId;
        _savedSeq = savedSeq;
        _store = store;
        _debounce = debounce;
        _logger = logger;
        _capture = capture;
        _timer = clock.CreateTimer(static s => ((SnapshotScheduler)s!)._requests.Writer.TryWrite(true), this,
            Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The sequence number of the latest snapshot known to be durable.</summary>
    public long SavedSeq => Volatile.Read(ref _savedSeq);

    public void Start(CancellationToken stopping) => _loop = Task.Run(() => RunAsync(stopping), CancellationToken.None);

    /// <summary>After a milestone: save as soon as the current save (if any) is done.</summary>
    public void RequestNow() => _requests.Writer.TryWrite(true);

    /// <summary>After an ordinary entry: save once entries have been quiet for the debounce interval.</summary>
    public void RequestSoon() => _timer.Change(_debounce, Timeout.InfiniteTimeSpan);

    /// <summary>No more snapshots, including requests not yet served: for when the store may already be gone.</summary>
    public void TurnOff() => Volatile.Write(ref _off, true);

    /// <summary>Stops taking requests and waits for the loop to serve those already made.</summary>
    public async Task StopAsync()
    {
        _requests.Writer.TryComplete();
        await _timer.DisposeAsync();
        await _loop;
    }

    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _off) || _capture(SavedSeq) is not { } snapshot)
        {
            return;
        }

        try
        {
            if (!await _agreesWithLog(snapshot, cancellationToken))
            {
                ServerLog.SnapshotWithheld(_logger, _boardId, snapshot.Seq);
                return;
            }

            await _store.SaveAsync(snapshot, cancellationToken);
            Volatile.Write(ref _savedSeq, snapshot.Seq);
            ServerLog.SnapshotSaved(_logger, _boardId, snapshot.Seq);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ServerLog.SnapshotFailed(_logger, _boardId, snapshot.Seq, ex);
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var _ in _requests.Reader.ReadAllAsync(stopping))
            {
                await SaveAsync(stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
