using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace PostMortem.BoardLog.Tests.Cluster;

/// <summary>
/// A hub client that joins and then stops reading its socket (a frozen browser tab), until
/// <see cref="ReadUntilAsync"/> drains what the server managed to send before giving up on it.
/// </summary>
internal sealed class StalledClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    // A small, fixed receive window (no autotuning): the server's sends back up into its own queue
    // after a few hundred kilobytes instead of vanishing into megabytes of kernel buffers.
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 8 * 1024 };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });

    public List<long> Seqs { get; } = [];

    public bool Closed { get; private set; }

    public static async Task<StalledClient> JoinAsync(ServerProcess on, string token, string boardId)
    {
        var client = new StalledClient();
        var uri = new UriBuilder(on.BaseAddress) { Scheme = "ws", Path = "hubs/board", Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
        using var timeout = new CancellationTokenSource(Timeouts.Default);
        await client._socket.ConnectAsync(uri, client._invoker, timeout.Token);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}", timeout.Token);
        await client.SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = "1", target = "Join", arguments = new[] { new { boardId } } }), timeout.Token);
        return client;
    }

    /// <summary>Reads until an entry with <paramref name="seq"/> arrived or the server closed the connection.</summary>
    public async Task ReadUntilAsync(long seq)
    {
        using var timeout = new CancellationTokenSource(Timeouts.Default);
        var buffer = new byte[64 * 1024];
        var pending = new List<byte>();
        try
        {
            while (Seqs.Count == 0 || Seqs[^1] < seq)
            {
                var result = await _socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Closed = true;
                    return;
                }

                pending.AddRange(buffer.AsSpan(0, result.Count));
                int end;
                while ((end = pending.IndexOf(0x1e)) >= 0)
                {
                    var text = Encoding.UTF8.GetString([.. pending.GetRange(0, end)]);
                    pending.RemoveRange(0, end + 1);
                    using var document = JsonDocument.Parse(text);
                    var root = document.RootElement;
                    if (root.TryGetProperty("type", out var type) && type.GetInt32() == 1 && root.GetProperty("target").GetString() == "entry")
                    {
                        Seqs.Add(root.GetProperty("arguments")[0].GetProperty("seq").GetInt64());
                    }
                    else if (root.TryGetProperty("type", out type) && type.GetInt32() == 7)
                    {
                        Closed = true;
                        return;
                    }
                }
            }
        }
        catch (WebSocketException)
        {
            // Aborted by the server: the connection was dropped for being too slow.
            Closed = true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        _invoker.Dispose();
        await Task.CompletedTask;
    }

    private Task SendAsync(string text, CancellationToken cancellationToken) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text + "\u001e"), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
}
