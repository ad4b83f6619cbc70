using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Core.WriteUp;

namespace PostMortem.Client.Transport;

/// <summary>
/// <see cref="IBoardTransport"/> on the .NET SignalR client over WebSockets, with the hub's JSON
/// (<see cref="ProtocolJson"/>): the same records the server sends are read back typed.
/// </summary>
public sealed class HubConnectionTransport : IBoardTransport
{
    /// <summary>The hub's path on the server (docs/PROTOCOL.md section 3).</summary>
    public const string HubPath = "hubs/board";

    private readonly HubConnection _connection;
    private readonly Lock _gate = new();
    // Stops asked for while connected whose Closed event has not come yet, and whether the transport is being disposed.
    // The client raises Closed on its own task, which may run after StopAsync has returned (seen in Chromium: a flag
    // reset in StopAsync's finally let that late Closed through, the engine took the new connection for lost before it
    // joined, and the board stayed offline). Guarded by _gate.
    private int _closesToIgnore;
    private bool _disposing;

    /// <param name="serverBase">The server's base address, e.g. <c>https://postmortem.example/</c>.</param>
    /// <param name="accessToken">The participant's board token (from the HTTP join).</param>
    public HubConnectionTransport(Uri serverBase, Func<Task<string?>> accessToken)
    {
        ArgumentNullException.ThrowIfNull(serverBase);
        ArgumentNullException.ThrowIfNull(accessToken);
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(serverBase, HubPath), o =>
            {
                // What the browser does too: WebSockets at once, no negotiate round trip.
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = accessToken;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions = ProtocolJson.CreateOptions())
            .Build();
        // The hub's keep-alive contract: the server drops a client silent for HubTimeouts.ClientTimeout.
        _connection.KeepAliveInterval = HubTimeouts.KeepAliveInterval;
        _connection.ServerTimeout = HubTimeouts.ServerTimeout;
        // No automatic reconnect: the engine reconnects itself, because it must Join again with lastSeq.
        _connection.On<EntryMessage>(ClientMethods.Entry, e => EntryReceived?.Invoke(e));
        _connection.On<PresenceBatch>(ClientMethods.Presence, p => PresenceReceived?.Invoke(p));
        _connection.On<FatalMessage>(ClientMethods.Fatal, f => FatalReceived?.Invoke(f));
        _connection.Closed += error =>
        {
            // R15: the client library may raise Closed before it has run the handler of a fatal message that came
            // first. The engine therefore lets a fatal win whenever it arrives, even after it began to reconnect.
            lock (_gate)
            {
                if (_disposing)
                {
                    return Task.CompletedTask;
                }

                if (_closesToIgnore > 0)
                {
                    _closesToIgnore--;
                    return Task.CompletedTask;
                }
            }

            Closed?.Invoke(error);
            return Task.CompletedTask;
        };
    }

    public event Action<EntryMessage>? EntryReceived;

    public event Action<PresenceBatch>? PresenceReceived;

    public event Action<FatalMessage>? FatalReceived;

    public event Action<Exception?>? Closed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_connection.State != HubConnectionState.Disconnected)
        {
            await StopAsync(cancellationToken).ConfigureAwait(false);
        }

        await _connection.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Only a connected connection raises Closed when stopped; that one is ours, not a loss.
            if (_connection.State == HubConnectionState.Connected)
            {
                _closesToIgnore++;
            }
        }

        await _connection.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<JoinResult> JoinAsync(JoinRequest request, CancellationToken cancellationToken) =>
        _connection.InvokeAsync<JoinResult>(HubMethods.Join, request, cancellationToken);

    public Task<Ack> SubmitAsync(SubmitRequest request, CancellationToken cancellationToken) =>
        _connection.InvokeAsync<Ack>(HubMethods.Submit, request, cancellationToken);

    public Task<PingResult> PingAsync(double clientTime, CancellationToken cancellationToken) =>
        _connection.InvokeAsync<PingResult>(HubMethods.Ping, clientTime, cancellationToken);

    public async Task<IReadOnlyList<CoachFlag>> CheckTextAsync(string text, CancellationToken cancellationToken) =>
        await _connection.InvokeAsync<List<CoachFlag>?>(HubMethods.CheckText, text, cancellationToken).ConfigureAwait(false) ?? [];

    public Task<WriteUpModel> WriteUpPreviewAsync(bool namesAsRoles, CancellationToken cancellationToken) =>
        _connection.InvokeAsync<WriteUpModel>(namesAsRoles ? HubMethods.WriteUpPreviewWithRoles : HubMethods.WriteUpPreview, cancellationToken);

    public Task SendPresenceAsync(PresenceRequest presence, CancellationToken cancellationToken) =>
        _connection.State == HubConnectionState.Connected
            ? _connection.SendAsync(HubMethods.Presence, presence, cancellationToken)
            : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposing = true;
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
