using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Core.WriteUp;

namespace PostMortem.Client.Transport;

/// <summary>
/// The board hub as the sync engine sees it: one connection at a time, started and stopped by the engine, its calls
/// and its three server messages (docs/PROTOCOL.md section 3). <see cref="HubConnectionTransport"/> is the real one;
/// tests drive the engine with a fake.
/// </summary>
/// <remarks>
/// Messages may be raised on any thread (the .NET SignalR client raises them on its own queue); the engine serialises
/// what it does with them. A call fails with the hub's exception, whose text carries the protocol code
/// (<c>HubException: code: message</c>), or with a connection error when the connection drops first.
/// </remarks>
public interface IBoardTransport : IAsyncDisposable
{
    /// <summary>An <c>entry</c> message: one log entry with this viewer's events.</summary>
    event Action<EntryMessage>? EntryReceived;

    /// <summary>A <c>presence</c> batch (ephemeral, R10).</summary>
    event Action<PresenceBatch>? PresenceReceived;

    /// <summary>A <c>fatal</c> message: the server is about to close this connection (R15).</summary>
    event Action<FatalMessage>? FatalReceived;

    /// <summary>The connection ended without the engine asking for it (error null when the server closed it cleanly).
    /// Not raised for <see cref="StopAsync"/>.</summary>
    event Action<Exception?>? Closed;

    /// <summary>Opens a new connection (closing any previous one first). Fails when the server cannot be reached or refuses.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);

    Task<JoinResult> JoinAsync(JoinRequest request, CancellationToken cancellationToken);

    Task<Ack> SubmitAsync(SubmitRequest request, CancellationToken cancellationToken);

    Task<PingResult> PingAsync(double clientTime, CancellationToken cancellationToken);

    /// <summary>The language coach's hints for a draft (Core's <c>Board.CheckText</c> on the server).</summary>
    Task<IReadOnlyList<CoachFlag>> CheckTextAsync(string text, CancellationToken cancellationToken);

    /// <summary>The write-up as Core builds it now (the close phase's preview), names replaced by roles when <paramref name="namesAsRoles"/>.</summary>
    Task<WriteUpModel> WriteUpPreviewAsync(bool namesAsRoles, CancellationToken cancellationToken);

    /// <summary>Fire-and-forget presence (no completion is awaited from the server).</summary>
    Task SendPresenceAsync(PresenceRequest presence, CancellationToken cancellationToken);
}
