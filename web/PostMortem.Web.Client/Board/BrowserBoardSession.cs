using Microsoft.JSInterop;
using PostMortem.Client;
using PostMortem.Client.Transport;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Core.WriteUp;
using PostMortem.Web.Client.Services;

namespace PostMortem.Web.Client.Board;

/// <summary>
/// The board session in the browser: <see cref="BoardSyncEngine"/> over the SignalR hub with this browser's board
/// token, its offline queue in localStorage (so it survives a reload), the browser's online/offline events fed to the
/// engine, and others' presence kept as the latest update per participant.
/// </summary>
/// <remarks>
/// Others count as online while their presence keeps arriving: every page sends an "idle" heartbeat every
/// <see cref="Heartbeat"/> and drops whoever was not heard from for <see cref="OnlineWindow"/>. Engine events may
/// arrive off the render thread; components re-render through <c>InvokeAsync</c> (see <see cref="BoardComponent"/>).
/// </remarks>
public sealed class BrowserBoardSession : IBoardSession, IAsyncDisposable
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan OnlineWindow = TimeSpan.FromSeconds(6);

    private readonly BoardSyncEngine _engine;
    private readonly IJSRuntime _js;
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (PresenceUpdate Update, DateTimeOffset At)> _seen = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, PresenceUpdate> _presence = new Dictionary<string, PresenceUpdate>();
    private DotNetObjectReference<BrowserBoardSession>? _self;
    private IJSObjectReference? _module;
    private IJSObjectReference? _network;
    private ITimer? _heartbeat;
    private bool _disposed;
    private DateTimeOffset _lastSent = DateTimeOffset.MinValue;

    public BrowserBoardSession(string boardId, StoredAccess access, Uri serverBase, BrowserStorage storage, IJSRuntime js)
    {
        ArgumentNullException.ThrowIfNull(access);
        BoardId = boardId;
        ParticipantId = access.ParticipantId;
        _js = js;
        var transport = new HubConnectionTransport(serverBase, () => Task.FromResult<string?>(access.Token));
        _engine = new BoardSyncEngine(transport, new BoardSyncOptions
        {
            BoardId = boardId,
            ParticipantId = access.ParticipantId,
            Storage = storage,
            TimeProvider = _time,
        });
        _engine.Changed += OnEngineChanged;
        _engine.CommandSettled += OnCommandSettled;
        _engine.PresenceReceived += OnPresence;
    }

    public string BoardId { get; }

    public string ParticipantId { get; }

    public BoardView? View => _engine.View;

    public ConnectionStatus Status => _engine.Status;

    public int PendingCount => _engine.PendingCount;

    public SyncFailure? Failure => _engine.Failure;

    public IReadOnlyDictionary<string, PresenceUpdate> Presence
    {
        get { lock (_gate) { return _presence; } }
    }

    public event Action? Changed;

    public event Action<CommandResult>? CommandSettled;

    public DateTimeOffset ServerNow() => _engine.ServerNow();

    /// <summary>Listens to the network, loads the stored queue and connects (the first attempt; later ones run on their own).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _self = DotNetObjectReference.Create(this);
        try
        {
            _module = await _js.InvokeAsync<IJSObjectReference>("import", cancellationToken, BoardScript.Path);
            _network = await _module.InvokeAsync<IJSObjectReference>("watchNetwork", cancellationToken, _self);
            await _module.InvokeVoidAsync("unlockAudioOnGesture", cancellationToken);
        }
        catch (JSException)
        {
            // Without the module the board still works; it only learns of network loss from the socket.
        }

        await _engine.StartAsync(cancellationToken);
        if (_module is not null && !await _module.InvokeAsync<bool>("isOnline", cancellationToken))
        {
            _engine.SetNetworkAvailable(false);
        }

        _heartbeat = _time.CreateTimer(_ => Beat(), null, TimeSpan.Zero, Heartbeat);
    }

    /// <summary>The browser's online/offline event.</summary>
    [JSInvokable]
    public void NetworkChanged(bool online) => _engine.SetNetworkAvailable(online);

    public SubmittedCommand Submit(BoardCommand command) => _engine.Submit(command);

    public Task<IReadOnlyList<CoachFlag>> CheckTextAsync(string text, CancellationToken cancellationToken = default) =>
        _engine.CheckTextAsync(text, cancellationToken);

    public Task<WriteUpModel?> WriteUpPreviewAsync(CancellationToken cancellationToken = default) =>
        _engine.WriteUpPreviewAsync(cancellationToken);

    public void SendPresence(PresenceRequest presence)
    {
        _lastSent = _time.GetUtcNow();
        _engine.SendPresence(presence);
    }

    private void Beat()
    {
        // A moving cursor already says this viewer is here; the heartbeat fills the silences.
        if (_engine.Status == ConnectionStatus.Connected && _time.GetUtcNow() - _lastSent >= Heartbeat)
        {
            _lastSent = _time.GetUtcNow();
            _engine.SendPresence(new PresenceRequest("idle", null, null, null));
        }

        var changed = false;
        lock (_gate)
        {
            var stale = _time.GetUtcNow() - OnlineWindow;
            foreach (var (id, seen) in _seen.Where(s => s.Value.At < stale).ToList())
            {
                _seen.Remove(id);
                changed = true;
            }

            if (changed)
            {
                _presence = _seen.ToDictionary(s => s.Key, s => s.Value.Update, StringComparer.Ordinal);
            }
        }

        if (changed)
        {
            Changed?.Invoke();
        }
    }

    private void OnPresence(PresenceUpdate update)
    {
        if (string.Equals(update.ParticipantId, ParticipantId, StringComparison.Ordinal))
        {
            return;
        }

        lock (_gate)
        {
            _seen[update.ParticipantId] = (update, _time.GetUtcNow());
            _presence = _seen.ToDictionary(s => s.Key, s => s.Value.Update, StringComparer.Ordinal);
        }

        Changed?.Invoke();
    }

    private void OnEngineChanged() => Changed?.Invoke();

    private void OnCommandSettled(CommandResult result) => CommandSettled?.Invoke(result);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _heartbeat?.Dispose();
        _engine.Changed -= OnEngineChanged;
        _engine.CommandSettled -= OnCommandSettled;
        _engine.PresenceReceived -= OnPresence;
        try
        {
            if (_network is not null)
            {
                await _network.InvokeVoidAsync("dispose");
                await _network.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The page is gone with its listeners.
        }

        _self?.Dispose();
        await _engine.DisposeAsync();
    }
}
