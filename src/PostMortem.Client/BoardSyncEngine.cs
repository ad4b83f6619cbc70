using PostMortem.Client.Internal;
using PostMortem.Client.Transport;
using PostMortem.Core;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;

namespace PostMortem.Client;

/// <summary>
/// The client side of one board connection, without any UI: it keeps the viewer's copy of the board
/// (<see cref="ViewReplica"/>) current from the server's ordered entries, sends commands and keeps each one pending by
/// its clientOpId until the server has settled it, reconnects and catches up, keeps unconfirmed commands across a page
/// reload, and tracks the server's clock. Components read its properties and subscribe to its events.
/// </summary>
/// <remarks>
/// Rules it keeps (docs/PROTOCOL.md): entries are applied strictly in seq order, early ones wait in a buffer and a gap
/// that does not fill within <see cref="BoardSyncOptions.GapTimeout"/> makes it Join again with lastSeq (R2, R4, R16);
/// a command keeps its clientOpId until settled, so resending it after a reconnect or a reload is safe (R3); nothing is
/// applied optimistically; a fatal code stops it, anything else is retried with backoff (R15).
/// <para>Threading: state changes happen under one lock and never across an await; events are raised and transport
/// calls started only after the lock is released. It starts no thread and never blocks waiting, so it runs in Blazor
/// WebAssembly; timers come from <see cref="BoardSyncOptions.TimeProvider"/>.</para>
/// </remarks>
public sealed partial class BoardSyncEngine : IAsyncDisposable
{
    private readonly IBoardTransport _transport;
    private readonly BoardSyncOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    // Guarded by _gate.
    private ConnectionStatus _status = ConnectionStatus.Idle;
    private SyncFailure? _failure;
    private ViewReplica? _replica;
    private string _participantId;
    private Role? _role;
    private readonly ClockOffset _clock = new();
    private bool _started;
    private bool _disposed;

    // What to do once the lock is released (guarded by _gate).
    private Change _changes;
    private readonly List<Func<Task>> _work = [];
    private readonly List<CommandResult> _settled = [];
    private Task _saveTail = Task.CompletedTask;

    public BoardSyncEngine(IBoardTransport transport, BoardSyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        _transport = transport;
        _options = options;
        _time = options.TimeProvider;
        _participantId = options.ParticipantId;
        _transport.EntryReceived += OnEntry;
        _transport.PresenceReceived += OnPresence;
        _transport.FatalReceived += OnFatal;
        _transport.Closed += OnClosed;
    }

    [Flags]
    private enum Change
    {
        None = 0,
        View = 1,
        Status = 2,
        Pending = 4,
        Stopped = 8,
        // The unconfirmed commands changed: write the stored queue.
        Queue = 16,
        Clock = 32,
    }

    /// <summary>The board as this viewer may see it, at <see cref="LastSeq"/>; null until the first Join.</summary>
    public BoardView? View
    {
        get { lock (_gate) { return _replica?.View; } }
    }

    /// <summary>The last sequence number applied to <see cref="View"/>.</summary>
    public long LastSeq
    {
        get { lock (_gate) { return _replica?.Seq ?? 0; } }
    }

    public ConnectionStatus Status
    {
        get { lock (_gate) { return _status; } }
    }

    /// <summary>Why the engine stopped, when a fatal failure stopped it.</summary>
    public SyncFailure? Failure
    {
        get { lock (_gate) { return _failure; } }
    }

    /// <summary>The viewer's role as the last Join said (the view's own role follows every hand-over).</summary>
    public Role? Role
    {
        get { lock (_gate) { return _role; } }
    }

    /// <summary>Commands the server has not settled yet, oldest first ("sending…").</summary>
    public IReadOnlyList<PendingCommand> PendingCommands
    {
        get { lock (_gate) { return [.. _pending.Select(p => new PendingCommand(p.ClientOpId, p.Command, p.AckedSeq))]; } }
    }

    public int PendingCount
    {
        get { lock (_gate) { return _pending.Count; } }
    }

    /// <summary>Server clock minus ours (R12): render timers against <see cref="ServerNow"/>.</summary>
    public TimeSpan ClockOffset
    {
        get { lock (_gate) { return _clock.Offset; } }
    }

    /// <summary>The server's clock, as well as this client can tell.</summary>
    public DateTimeOffset ServerNow() => _time.GetUtcNow() + ClockOffset;

    /// <summary>The view changed (an entry or a Join was applied).</summary>
    public event Action<BoardView>? ViewChanged;

    public event Action<ConnectionStatus>? StatusChanged;

    /// <summary>The number of pending commands changed (the banner's "n waiting").</summary>
    public event Action<int>? PendingCountChanged;

    /// <summary>A command was settled: accepted or duplicate once its entry is in the view, or rejected. Raised for
    /// commands a previous page queued too, which have no <see cref="SubmittedCommand"/> here.</summary>
    public event Action<CommandResult>? CommandSettled;

    /// <summary>The engine stopped for good, and why (a fatal code: removed, unauthorized, no such board).</summary>
    public event Action<SyncFailure>? Stopped;

    /// <summary>Someone else's cursor, drag or typing (best effort, R10).</summary>
    public event Action<PresenceUpdate>? PresenceReceived;

    /// <summary>Anything above changed, the clock offset included; raised after the specific events.</summary>
    public event Action? Changed;

    /// <summary>
    /// Reads the stored queue (commands a previous page did not see confirmed) and connects. Completes after the first
    /// attempt, joined or not; later attempts run on their own.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_started || _disposed)
            {
                return;
            }

            _started = true;
            SetStatus(ConnectionStatus.Connecting);
        }

        Publish();
        await LoadQueueAsync(cancellationToken).ConfigureAwait(false);
        await ConnectAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// What the device knows about the network (the browser's online/offline events). Going offline drops the connection
    /// at once — a socket can linger on a dead network — and queues commands; coming back reconnects at once.
    /// </summary>
    public void SetNetworkAvailable(bool online)
    {
        lock (_gate)
        {
            if (!_started || _status == ConnectionStatus.Stopped)
            {
                return;
            }

            if (online)
            {
                _attempt = 0;
                if (_status is ConnectionStatus.Reconnecting or ConnectionStatus.Offline)
                {
                    CancelReconnect();
                    _work.Add(ConnectAsync);
                }
            }
            else
            {
                LoseConnection();
                CancelReconnect();
                _work.Add(StopTransportAsync);
                // Keep trying, slowly, in case the "online" signal never comes.
                _attempt = Math.Max(_attempt, Math.Max(_options.ReconnectDelays.Count, _options.OfflineAfterAttempts));
                ScheduleReconnect();
                SetStatus(ConnectionStatus.Offline);
            }
        }

        Publish();
    }

    /// <summary>Stops without settling anything: commands not yet confirmed stay in storage for the next page.</summary>
    public async ValueTask DisposeAsync()
    {
        Task save;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            LoseConnection();
            CancelReconnect();
            SetStatus(ConnectionStatus.Stopped);
            foreach (var p in _pending)
            {
                p.Done.TrySetCanceled();
            }

            save = _saveTail;
        }

        _transport.EntryReceived -= OnEntry;
        _transport.PresenceReceived -= OnPresence;
        _transport.FatalReceived -= OnFatal;
        _transport.Closed -= OnClosed;
        Publish();
        await save.ConfigureAwait(false);
        await StopTransportAsync().ConfigureAwait(false);
    }
}
