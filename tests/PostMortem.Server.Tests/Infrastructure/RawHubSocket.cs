using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace PostMortem.Server.Tests.Infrastructure;

/// <summary>
/// SignalR's JSON protocol by hand over a real WebSocket, for the tests whose point is a frame no SignalR client
/// would send (malformed, oversized). Everything else drives the hub through <see cref="HubTestClient"/> (the
/// .NET SignalR client). Every wait has a timeout.
/// </summary>
public sealed class RawHubSocket : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const byte RecordSeparator = 0x1e;

    private readonly ClientWebSocket _socket;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TaskCompletionSource<JsonElement>> _pending = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<string> _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<JsonElement> _fatal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _frames = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _frameWaiters = [];
    private readonly List<(long Seq, TaskCompletionSource Seen)> _seqWaiters = [];
    private long _highestSeq;
    private Task _receiveLoop = Task.CompletedTask;
    private int _nextId;
    private int _disposed;

    private RawHubSocket(ClientWebSocket socket, string name)
    {
        _socket = socket;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Completes with the SignalR close error (null when none) once the connection has ended.</summary>
    public Task<string?> Closed => _closed.Task;

    public Task<JsonElement> Fatal => _fatal.Task;

    /// <summary>Every record received after the handshake, exactly as it came off the wire.</summary>
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

    /// <summary>Completes with the first received record <paramref name="match"/> accepts (already received or to come).</summary>
    public Task<string> WaitForFrameAsync(Func<string, bool> match)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_frames.Find(f => match(f)) is { } known)
            {
                return Task.FromResult(known);
            }

            _frameWaiters.Add((match, seen));
        }

        return seen.Task.WaitAsync(Timeout);
    }

    /// <summary>Completes once an "entry" message with sequence number <paramref name="seq"/> or later has arrived.</summary>
    public Task WaitForSeqAsync(long seq)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_highestSeq >= seq)
            {
                return Task.CompletedTask;
            }

            _seqWaiters.Add((seq, seen));
        }

        return seen.Task.WaitAsync(Timeout);
    }

    public static async Task<RawHubSocket> ConnectAsync(Uri baseAddress, string? token, string name = "client", string? origin = null)
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
        var client = new RawHubSocket(socket, name);
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

    /// <summary>The fatal message's code, once it arrives.</summary>
    public async Task<string> WaitForFatalCodeAsync() =>
        (await Fatal.WaitAsync(Timeout)).GetProperty("code").GetString()!;

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
        }
    }

    /// <summary>Handles one record; returns the close error when it is a close message.</summary>
    private string? OnFrame(string text)
    {
        if (!_handshake.Task.IsCompleted)
        {
            _handshake.TrySetResult(text);
            return null;
        }

        using var document = JsonDocument.Parse(text);
        var message = document.RootElement.Clone();
        List<TaskCompletionSource<string>>? matched = null;
        lock (_lock)
        {
            _frames.Add(text);
            for (var i = _frameWaiters.Count - 1; i >= 0; i--)
            {
                if (_frameWaiters[i].Match(text))
                {
                    (matched ??= []).Add(_frameWaiters[i].Seen);
                    _frameWaiters.RemoveAt(i);
                }
            }
        }

        matched?.ForEach(m => m.TrySetResult(text));

        string? closeError = null;
        switch (message.GetProperty("type").GetInt32())
        {
            case 1: // invocation from the server
                var target = message.GetProperty("target").GetString();
                if (target == "fatal")
                {
                    _fatal.TrySetResult(message.GetProperty("arguments")[0]);
                }
                else if (target == "entry")
                {
                    OnEntry(message.GetProperty("arguments")[0].GetProperty("seq").GetInt64());
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

        return closeError;
    }

    private void OnEntry(long seq)
    {
        List<TaskCompletionSource>? reached = null;
        lock (_lock)
        {
            _highestSeq = Math.Max(_highestSeq, seq);
            for (var i = _seqWaiters.Count - 1; i >= 0; i--)
            {
                if (_seqWaiters[i].Seq <= seq)
                {
                    (reached ??= []).Add(_seqWaiters[i].Seen);
                    _seqWaiters.RemoveAt(i);
                }
            }
        }

        reached?.ForEach(r => r.TrySetResult());
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
