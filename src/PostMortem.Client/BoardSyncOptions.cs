using PostMortem.Client.Storage;

namespace PostMortem.Client;

/// <summary>Settings of one <see cref="BoardSyncEngine"/>.</summary>
public sealed class BoardSyncOptions
{
    public required string BoardId { get; init; }

    /// <summary>The participant the token is for (the HTTP join answers it); the offline queue is kept per board and participant.</summary>
    public required string ParticipantId { get; init; }

    /// <summary>Every delay and every clock reading of the engine; a fake one in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where unconfirmed commands outlive the page (localStorage in the browser); none: memory only.</summary>
    public IKeyValueStorage? Storage { get; init; }

    public Func<string> NewClientOpId { get; init; } = static () => Guid.NewGuid().ToString("N");

    /// <summary>How long entries after a missing one wait for it before the engine joins again with lastSeq.</summary>
    public TimeSpan GapTimeout { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Delays before reconnect attempts; the last one repeats.</summary>
    public IReadOnlyList<TimeSpan> ReconnectDelays { get; init; } =
        [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];

    /// <summary>Failed attempts after which the status is <see cref="ConnectionStatus.Offline"/> rather than reconnecting.</summary>
    public int OfflineAfterAttempts { get; init; } = 2;

    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Before resending a command the server could not take right now (<c>rate_limited</c>, <c>unavailable</c>).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>At most one presence update per this interval leaves the client (the latest one).</summary>
    public TimeSpan PresenceInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    internal string QueueKey => $"pm:queue:{BoardId}:{ParticipantId}";
}
