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
/// Who is online is the server's word: each connection says "idle" once it is connected (the hub relays it, and tells
/// newcomers who is here), and the server sends <see cref="PresenceKinds.Left"/> when someone's last connection closes
/// or goes silent (docs/PROTOCOL.md, presence). Engine events may arrive off the render thread; components re-render
/// through <c>InvokeAsync</c> (see <see cref="BoardComponent"/>).
/// </remarks>
public sealed class BrowserBoardSession : IBoardSession, IAsyncDisposable
{
    private readonly BoardSyncEngine _engine;
    private readonly IJSRuntime _js;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PresenceUpdate> _seen = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, PresenceUpdate> _presence = new Dictionary<string, PresenceUpdate>();
    private DotNetObjectReference<BrowserBoardSession>? _self;
    private IJSObjectReference? _module;
    private IJSObjectReference? _network;
    private bool _disposed;

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
        });
        _engine.StatusChanged += OnStatusChanged;
        _engine.Changed += OnEngineChanged;
        _engine.CommandSettled += OnCommandSettled;
        _engine.PresenceReceived += OnPresence;
    }

    public string BoardId { get; }

    public string ParticipantId { get; }

    public BoardView? View => _engine.View;

    public ConnectionStatus Status => _engine.Status;

    public int PendingCount => _engine.PendingCount;

    public IReadOnlyList<PendingCommand> PendingCommands => _engine.PendingCommands;

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
    }

    /// <summary>The browser's online/offline event.</summary>
    [JSInvokable]
    public void NetworkChanged(bool online) => _engine.SetNetworkAvailable(online);

    public SubmittedCommand Submit(BoardCommand command) => _engine.Submit(command);

    public Task<IReadOnlyList<CoachFlag>> CheckTextAsync(string text, CancellationToken cancellationToken = default) =>
        _engine.CheckTextAsync(text, cancellationToken);

    public Task<WriteUpModel?> WriteUpPreviewAsync(bool namesAsRoles, CancellationToken cancellationToken = default) =>
        _engine.WriteUpPreviewAsync(namesAsRoles, cancellationToken);

    public void SendPresence(PresenceRequest presence) => _engine.SendPresence(presence);

    private void OnStatusChanged(ConnectionStatus status)
    {
        // Joined (again): say so, so the others show this viewer online without waiting for a cursor to move.
        if (status == ConnectionStatus.Connected)
        {
            _engine.SendPresence(new PresenceRequest(PresenceKinds.Idle, null, null, null));
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
            if (update.Kind == PresenceKinds.Left)
            {
                _seen.Remove(update.ParticipantId);
            }
            else
            {
                _seen[update.ParticipantId] = update;
            }

            _presence = new Dictionary<string, PresenceUpdate>(_seen, StringComparer.Ordinal);
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
        _engine.StatusChanged -= OnStatusChanged;
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
