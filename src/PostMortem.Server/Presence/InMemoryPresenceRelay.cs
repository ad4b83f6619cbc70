namespace PostMortem.Server.Presence;

/// <summary>
/// Presence relay between relays that share one <see cref="InMemoryPresenceBus"/> — in production a bus of
/// one (the single-instance default, where there is nobody else to tell), in tests several "instances" in one
/// process. Delivery is synchronous on the publisher's thread.
/// </summary>
public sealed class InMemoryPresenceRelay(InMemoryPresenceBus bus) : IPresenceRelay
{
    public InMemoryPresenceRelay()
        : this(new InMemoryPresenceBus())
    {
    }

    public void Publish(string boardId, IReadOnlyList<PresenceUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count > 0)
        {
            bus.Publish(this, boardId, updates);
        }
    }

    public ValueTask<IAsyncDisposable> SubscribeAsync(string boardId, Action<IReadOnlyList<PresenceUpdate>> onUpdates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onUpdates);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IAsyncDisposable>(bus.Subscribe(this, boardId, onUpdates));
    }
}

/// <summary>The in-process "network" of <see cref="InMemoryPresenceRelay"/>s.</summary>
public sealed class InMemoryPresenceBus
{
    private readonly Lock _lock = new();
    private readonly List<Subscription> _subscriptions = [];

    internal void Publish(InMemoryPresenceRelay from, string boardId, IReadOnlyList<PresenceUpdate> updates)
    {
        Subscription[] targets;
        lock (_lock)
        {
            targets = [.. _subscriptions.Where(s => !ReferenceEquals(s.Relay, from) && s.BoardId == boardId)];
        }

        foreach (var target in targets)
        {
            target.OnUpdates(updates);
        }
    }

    internal IAsyncDisposable Subscribe(InMemoryPresenceRelay relay, string boardId, Action<IReadOnlyList<PresenceUpdate>> onUpdates)
    {
        var subscription = new Subscription(this, relay, boardId, onUpdates);
        lock (_lock)
        {
            _subscriptions.Add(subscription);
        }

        return subscription;
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock)
        {
            _subscriptions.Remove(subscription);
        }
    }

    private sealed class Subscription(InMemoryPresenceBus bus, InMemoryPresenceRelay relay, string boardId, Action<IReadOnlyList<PresenceUpdate>> onUpdates)
        : IAsyncDisposable
    {
        public InMemoryPresenceRelay Relay => relay;

        public string BoardId => boardId;

        public Action<IReadOnlyList<PresenceUpdate>> OnUpdates => onUpdates;

        public ValueTask DisposeAsync()
        {
            bus.Remove(this);
            return ValueTask.CompletedTask;
        }
    }
}
