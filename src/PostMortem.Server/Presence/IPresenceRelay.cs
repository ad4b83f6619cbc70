namespace PostMortem.Server.Presence;

/// <summary>
/// Carries presence (cursors, drags, typing) between server instances. Presence is ephemeral and never
/// enters the board log: a relay is best effort, unordered across instances, and loses what is sent while
/// a peer is unreachable (the next update replaces it anyway). Two implementations, one contract test suite
/// (tests/PostMortem.BoardLog.Tests, PresenceRelayContract): in-process (<see cref="InMemoryPresenceRelay"/>)
/// and Redis pub/sub (Redis/RedisPresenceRelay).
/// </summary>
public interface IPresenceRelay
{
    /// <summary>
    /// Sends one instance's coalesced presence for a board to the other instances subscribed to it. Never
    /// blocks and never throws for an unreachable peer: the updates are dropped.
    /// </summary>
    void Publish(string boardId, IReadOnlyList<PresenceUpdate> updates);

    /// <summary>
    /// Receives what other instances publish for the board (never this instance's own). The callback runs on
    /// the relay's thread: hand the updates over and return. Disposing the result ends the subscription.
    /// </summary>
    ValueTask<IAsyncDisposable> SubscribeAsync(string boardId, Action<IReadOnlyList<PresenceUpdate>> onUpdates, CancellationToken cancellationToken);
}

/// <summary>One participant's latest presence: what the hub's <c>Presence</c> method accepted, stamped with who sent it.</summary>
public sealed record PresenceUpdate(string ParticipantId, string Kind, double? X, double? Y, string? NoteId);
