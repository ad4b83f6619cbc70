namespace PostMortem.Client.Storage;

/// <summary>
/// Where the engine keeps what must outlive the page (the offline queue): the shape of the browser's localStorage, which
/// a Blazor WebAssembly host implements through JS interop. Failures are tolerated: the queue then lives in memory only.
/// </summary>
public interface IKeyValueStorage
{
    ValueTask<string?> GetItemAsync(string key, CancellationToken cancellationToken = default);

    ValueTask SetItemAsync(string key, string value, CancellationToken cancellationToken = default);

    ValueTask RemoveItemAsync(string key, CancellationToken cancellationToken = default);
}
