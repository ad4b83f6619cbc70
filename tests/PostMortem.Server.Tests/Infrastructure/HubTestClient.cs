using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace PostMortem.Server.Tests.Infrastructure;

/// <summary>
/// A small SignalR JSON-protocol client over a real WebSocket (the .NET SignalR client is not available):
/// handshake, invocations with completions, server messages, pings and close. Every frame received is
/// kept verbatim so tests can inspect exactly what went over the wire. Every wait has a timeout.
/// </summary>
public sealed class HubTestClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const byte RecordSeparator = 0x1e;

    private readonly ClientWebSocket _socket;
    private readonly Lock _lock = new();
    private readonly List<string> _frames = [];
    private readonly List<JsonElement> _entries = [];
    private readonly List<JsonElement> _presence = [];
    private readonly Dictionary<string, TaskCompletionSource<JsonElement>> _pending = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<string> _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<JsonElement> _fatal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiveLoop = Task.CompletedTask;
    private int _nextId;
    private int _disposed;

    private HubTestClient(ClientWebSocket socket, string name)
    {
        _socket = socket;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Completes with the SignalR close error (null when none) once the connection has ended.</summary>
    public Task<string?> Closed => _closed.Task;

    public Task<JsonElement> Fatal => _fatal.Task;

    public IReadOnlyList<string> Frames
    {
        get
        {
            lock (_lock)
            {
                return [.. _frames];
            }
        }
    }

    public IReadOnlyList<JsonElement> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    public IReadOnlyList<JsonElement> PresenceMessages
    {
        get
        {
            lock (_lock)
            {
                return [.. _presence];
            }
        }
    }

    public static async Task<HubTestClient> ConnectAsync(Uri baseAddress, string? token, string name = "client", string? origin = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        var uri = new UriBuilder(baseAddress)
        {
            Scheme = "ws",
            Path = "hubs/board",
            Query = token is null ? "" : "access_token=" + Uri.EscapeDataString(token),
        }.Uri;
        using var timeout = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(uri, timeout.Token);
        var client = new HubTestClient(socket, name);
        client._receiveLoop = Task.Run(client.ReceiveLoopAsync);
        await client.SendFrameAsync("{\"protocol\":\"json\",\"version\":1}");
        var handshake = await client._handshake.Task.WaitAsync(Timeout);
        if (handshake != "{}")
        {
            throw new InvalidOperationException($"{name}: handshake failed: {handshake}");
        }

        return client;
    }

    /// <summary>Joins the board; returns the Join result.</summary>
    public Task<JsonElement> JoinAsync(string boardId, long? lastSeq = null) =>
        InvokeAsync("Join", new { boardId, lastSeq });

    /// <summary>Submits a command (an object serialised with camelCase names) and returns the Ack.</summary>
    public async Task<Ack> SubmitAsync(object command, string? clientOpId = null, string? boardId = null)
    {
        var request = boardId is null
            ? (object)new { clientOpId = clientOpId ?? NewOpId(), command }
            : new { clientOpId = clientOpId ?? NewOpId(), command, boardId };
        return Ack.From(await InvokeAsync("Submit", request));
    }

    public async Task<JsonElement> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _pending.Add(id, completion);
        }

        await SendFrameAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }, Json));
        return await completion.Task.WaitAsync(Timeout);
    }

    /// <summary>Fire-and-forget invocation (no invocationId): the server sends no completion.</summary>
    public Task SendAsync(string target, params object?[] arguments) =>
        SendFrameAsync(JsonSerializer.Serialize(new { type = 1, target, arguments }, Json));

    /// <summary>Sends <paramref name="text"/> as one record (the separator is appended).</summary>
    public async Task SendFrameAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text + "\u001e");
        await _sendLock.WaitAsync(Timeout);
        try
        {
            if (_socket.State != WebSocketState.Open || _closed.Task.IsCompleted)
            {
                throw new HubCallException($"{Name}: connection closed", null);
            }

            using var timeout = new CancellationTokenSource(Timeout);
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        }
        catch (WebSocketException ex)
        {
            throw new HubCallException($"{Name}: connection closed ({ex.Message})", null);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async Task<JsonElement> WaitForEntryAsync(long seq) =>
        (JsonElement)await WaitForAsync(() => FindEntry(seq) is { } entry ? (object)entry : null, $"entry {seq}");

    /// <summary>Waits until every entry up to <paramref name="seq"/> has been received.</summary>
    public Task WaitForSeqAsync(long seq) => WaitForAsync(() => MaxSeq() >= seq ? (object)true : null, $"seq {seq}");

    public async Task<T> WaitForAsync<T>(Func<T?> probe, string what)
        where T : class
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (probe() is { } result)
                {
                    return result;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Name}: timed out waiting for {what}.");
            }
        }
    }

    public long MaxSeq()
    {
        lock (_lock)
        {
            return _entries.Count == 0 ? 0 : _entries.Max(e => e.GetProperty("seq").GetInt64());
        }
    }

    private JsonElement? FindEntry(long seq)
    {
        foreach (var e in _entries)
        {
            if (e.GetProperty("seq").GetInt64() == seq)
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>The fatal message's code, once it arrives.</summary>
    public async Task<string> WaitForFatalCodeAsync() =>
        (await Fatal.WaitAsync(Timeout)).GetProperty("code").GetString()!;

    public static string NewOpId() => "op-" + Guid.NewGuid().ToString("N");

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var pending = new List<byte>();
        string? closeError = null;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                pending.AddRange(buffer.AsSpan(0, result.Count));
                int index;
                while ((index = pending.IndexOf(RecordSeparator)) >= 0)
                {
                    var text = Encoding.UTF8.GetString([.. pending.GetRange(0, index)]);
                    pending.RemoveRange(0, index + 1);
                    closeError = OnFrame(text) ?? closeError;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            lock (_lock)
            {
                foreach (var completion in _pending.Values)
                {
                    completion.TrySetException(new HubCallException($"{Name}: connection closed", closeError));
                }

                _pending.Clear();
            }

            _closed.TrySetResult(closeError);
            _fatal.TrySetException(new InvalidOperationException($"{Name}: closed without a fatal message"));
            Signal();
        }
    }

    /// <summary>Handles one record; returns the close error when it is a close message.</summary>
    private string? OnFrame(string text)
    {
        lock (_lock)
        {
            _frames.Add(text);
        }

        if (!_handshake.Task.IsCompleted)
        {
            _handshake.TrySetResult(text);
            Signal();
            return null;
        }

        using var document = JsonDocument.Parse(text);
        var message = document.RootElement.Clone();
        string? closeError = null;
        switch (message.GetProperty("type").GetInt32())
        {
            case 1: // invocation from the server
                var target = message.GetProperty("target").GetString();
                var argument = message.GetProperty("arguments")[0];
                lock (_lock)
                {
                    switch (target)
                    {
                        case "entry":
                            _entries.Add(argument);
                            break;
                        case "presence":
                            // One batch: the latest update of each participant who moved (docs/PROTOCOL.md).
                            _presence.AddRange(argument.GetProperty("updates").EnumerateArray().Select(u => u.Clone()));
                            break;
                        case "fatal":
                            _fatal.TrySetResult(argument);
                            break;
                    }
                }

                break;
            case 3: // completion
                TaskCompletionSource<JsonElement>? completion;
                var id = message.GetProperty("invocationId").GetString()!;
                lock (_lock)
                {
                    _pending.Remove(id, out completion);
                }

                if (message.TryGetProperty("error", out var error))
                {
                    completion?.TrySetException(new HubCallException(error.GetString()!, null));
                }
                else
                {
                    completion?.TrySetResult(message.TryGetProperty("result", out var result) ? result : default);
                }

                break;
            case 7: // close
                closeError = message.TryGetProperty("error", out var reason) ? reason.GetString() : null;
                break;
        }

        Signal();
        return closeError;
    }

    private void Signal()
    {
        TaskCompletionSource old;
        lock (_lock)
        {
            old = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        old.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }

        await _stop.CancelAsync();
        await _receiveLoop.WaitAsync(Timeout);
        _socket.Dispose();
        _stop.Dispose();
    }
}

/// <summary>A hub call that completed with an error (or whose connection closed).</summary>
public sealed class HubCallException(string message, string? closeError) : Exception(message)
{
    public string? CloseError { get; } = closeError;

    /// <summary>The protocol code at the start of a HubException message ("wrong_board: ..."), if any.</summary>
    public string? Code
    {
        get
        {
            var marker = Message.IndexOf("HubException: ", StringComparison.Ordinal);
            if (marker < 0)
            {
                return null;
            }

            var rest = Message[(marker + "HubException: ".Length)..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 ? rest[..colon] : null;
        }
    }
}

public sealed record Ack(string ClientOpId, string Status, long? Seq, string? Code, string? Message, JsonElement Raw)
{
    public static Ack From(JsonElement e) => new(
        e.GetProperty("clientOpId").GetString()!,
        e.GetProperty("status").GetString()!,
        e.TryGetProperty("seq", out var seq) ? seq.GetInt64() : null,
        e.TryGetProperty("code", out var code) ? code.GetString() : null,
        e.TryGetProperty("message", out var message) ? message.GetString() : null,
        e);
}
