using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using PostMortem.Core.Protocol;
using PostMortem.Server.Hubs;

namespace PostMortem.Server.Tests.Infrastructure;

/// <summary>
/// The .NET SignalR client (Microsoft.AspNetCore.SignalR.Client) on a real WebSocket, with what tests need on
/// top: every entry, presence update and fatal message the server sent, calls that fail with the protocol code,
/// and waits with a timeout. <see cref="Frames"/> keeps every server message and call result as JSON text so a
/// test can look for data that must never reach this participant.
/// </summary>
public sealed class HubTestClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HubConnection _connection;
    private readonly Lock _lock = new();
    private readonly List<string> _frames = [];
    private readonly List<JsonElement> _entries = [];
    private readonly List<JsonElement> _presence = [];
    private readonly TaskCompletionSource<JsonElement> _fatal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private HubTestClient(HubConnection connection, string name)
    {
        _connection = connection;
        Name = name;
        connection.On<JsonElement>("entry", entry => Record("entry", entry, () => _entries.Add(entry)));
        // One batch: the latest update of each participant who moved (docs/PROTOCOL.md).
        connection.On<JsonElement>("presence", batch =>
            Record("presence", batch, () => _presence.AddRange(batch.GetProperty("updates").EnumerateArray().Select(u => u.Clone()))));
        connection.On<JsonElement>("fatal", fatal => Record("fatal", fatal, () => _fatal.TrySetResult(fatal)));
        connection.Closed += error =>
        {
            // Closed says nothing about a fatal message: the .NET client runs "On" handlers on their own queue and does
            // not wait for it before raising Closed, so a fatal that arrived before the close may be handled after it.
            // A missing fatal fails WaitForFatalCodeAsync at its timeout instead.
            _closed.TrySetResult(error?.Message);
            Signal();
            return Task.CompletedTask;
        };
    }

    public string Name { get; }

    /// <summary>Completes with the close error (null when none) once the connection has ended.</summary>
    public Task<string?> Closed => _closed.Task;

    public Task<JsonElement> Fatal => _fatal.Task;

    /// <summary>Every server message ("target: argument") and call result received, as JSON text.</summary>
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

    /// <param name="messagePack">Speak the MessagePack hub protocol (shaped like the JSON, as the server's) instead of JSON.</param>
    public static async Task<HubTestClient> ConnectAsync(Uri baseAddress, string? token, string name = "client", string? origin = null, bool messagePack = false)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "hubs/board"), o =>
            {
                // The browser client's path: WebSockets straight away, no negotiate round trip.
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                if (token is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }

                if (origin is not null)
                {
                    o.Headers["Origin"] = origin;
                }
            });
        if (messagePack)
        {
            builder.AddMessagePackProtocol(o => o.SerializerOptions = JsonShapedResolver.Options(Json));
        }

        var connection = builder.Build();
        // Tests wait up to Timeout for anything; the server's keep-alive is what keeps an idle test connection open.
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        // The server drops a client silent for HubTimeouts.ClientTimeout: keep the contract's pace, as real clients do.
        connection.KeepAliveInterval = HubTimeouts.KeepAliveInterval;
        var client = new HubTestClient(connection, name);
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await connection.StartAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Net.WebSockets.WebSocketException or OperationCanceledException)
        {
            await connection.DisposeAsync();
            throw new HubCallException($"{name}: could not connect ({ex.Message})", null);
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
        return ReadAck(await InvokeAsync("Submit", request));
    }

    /// <summary>Reads a Submit result as the protocol's <see cref="Ack"/>.</summary>
    public static Ack ReadAck(JsonElement result) =>
        result.Deserialize(ProtocolJsonContext.Default.Ack) ?? throw new InvalidOperationException("Submit returned null");

    public async Task<JsonElement> InvokeAsync(string target, params object?[] arguments)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        JsonElement result;
        try
        {
            result = await _connection.InvokeCoreAsync<JsonElement>(target, arguments, timeout.Token);
        }
        catch (HubException ex)
        {
            throw new HubCallException(ex.Message, null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException && _closed.Task.IsCompleted
            || _connection.State != HubConnectionState.Connected)
        {
            throw new HubCallException($"{Name}: connection closed", _closed.Task.IsCompleted ? await _closed.Task : null);
        }

        Record(target + " result", result, static () => { });
        return result;
    }

    /// <summary>Fire-and-forget invocation (no invocationId): the server sends no completion.</summary>
    public async Task SendAsync(string target, params object?[] arguments)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await _connection.SendCoreAsync(target, arguments, timeout.Token);
        }
        catch (InvalidOperationException) when (_connection.State != HubConnectionState.Connected)
        {
            throw new HubCallException($"{Name}: connection closed", null);
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

    /// <summary>The fatal message's code, once it arrives.</summary>
    public async Task<string> WaitForFatalCodeAsync() =>
        (await Fatal.WaitAsync(Timeout)).GetProperty("code").GetString()!;

    public static string NewOpId() => "op-" + Guid.NewGuid().ToString("N");

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _connection.DisposeAsync().AsTask().WaitAsync(Timeout);
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

    private void Record(string what, JsonElement message, Action keep)
    {
        lock (_lock)
        {
            _frames.Add(what + ": " + message.GetRawText());
            keep();
        }

        Signal();
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
