using System.Collections.Concurrent;

namespace PostMortem.Client.Storage;

/// <summary>An <see cref="IKeyValueStorage"/> in memory: for tests, and hosts with nothing to persist to. Outlives an
/// engine when it is shared, as localStorage outlives a page.</summary>
public sealed class InMemoryKeyValueStorage : IKeyValueStorage
{
    private readonly ConcurrentDictionary<string, string> _items = new(StringComparer.Ordinal);

    public ValueTask<string?> GetItemAsync(string key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_items.TryGetValue(key, out var value) ? value : null);

    public ValueTask SetItemAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        _items[key] = value;
        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveItemAsync(string key, CancellationToken cancellationToken = default)
    {
        _items.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }
}
