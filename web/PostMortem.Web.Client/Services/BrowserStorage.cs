using Microsoft.JSInterop;
using PostMortem.Client.Storage;

namespace PostMortem.Web.Client.Services;

/// <summary>
/// The browser's localStorage through JS interop: the sync engine's offline queue (so it survives a reload) and what
/// this browser remembers per board. Private mode or a full store is tolerated: the session works, it is not remembered.
/// </summary>
public sealed class BrowserStorage(IJSRuntime js) : IKeyValueStorage
{
    public async ValueTask<string?> GetItemAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            return await js.InvokeAsync<string?>("localStorage.getItem", cancellationToken, key);
        }
        catch (JSException)
        {
            return null;
        }
    }

    public async ValueTask SetItemAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        try
        {
            await js.InvokeVoidAsync("localStorage.setItem", cancellationToken, key, value);
        }
        catch (JSException)
        {
            // Not remembered; the engine keeps the queue in memory.
        }
    }

    public async ValueTask RemoveItemAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            await js.InvokeVoidAsync("localStorage.removeItem", cancellationToken, key);
        }
        catch (JSException)
        {
            // Nothing to forget.
        }
    }
}
