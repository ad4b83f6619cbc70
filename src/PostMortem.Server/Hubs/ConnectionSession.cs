using Microsoft.AspNetCore.SignalR;
using PostMortem.Server.Auth;
using PostMortem.Server.Boards;
using PostMortem.Server.Diagnostics;
using PostMortem.Server.Options;

namespace PostMortem.Server.Hubs;

/// <summary>
/// One hub connection: who it is, its rate limits, and its outbound queue. Everything the board sends this
/// connection goes through one send loop, so messages keep their order and a slow client only fills its own
/// queue; when that overflows, the connection is closed and the client catches up by reconnecting with lastSeq.
/// <para>Hot path (docs/BENCHMARKS.md): when nothing is queued, the caller (the board's fan-out) writes the
/// message itself. A SignalR write normally completes synchronously (serialise into the connection's pipe,
/// signal the transport), so a delivery costs no extra thread-pool hop; only a connection whose pipe is full
/// (a slow client) leaves an async send loop running, which drains its queue in order.</para>
/// </summary>
internal sealed class ConnectionSession
{
    private readonly Lock _sendLock = new();
    private readonly Queue<Outbound> _queue = new();
    private readonly int _capacity;
    private readonly HubCallerContext _context;
    private readonly IClientProxy _client;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private bool _sending; // a send loop owns the connection's writes (guarded by _sendLock)
    private bool _completed; // nothing more is accepted (guarded by _sendLock)
    private int _closing;

    public ConnectionSession(string token, TokenClaims claims, HubCallerContext context, IClientProxy client, LimitsOptions limits,
        TimeProvider clock, ILogger logger, ParticipantAllowance? allowance = null)
    {
        Allowance = allowance;
        Token = token;
        Claims = claims;
        _context = context;
        _client = client;
        _logger = logger;
        _capacity = limits.OutboundQueue;
        // The participant's shared buckets when given (the hub always does): limits are per participant, not per socket.
        allowance ??= new ParticipantAllowance(limits, clock);
        Commands = allowance.Commands;
        Calls = allowance.Calls;
        Presence = allowance.Presence;
    }

    public string ConnectionId => _context.ConnectionId;

    public string Token { get; }

    public TokenClaims Claims { get; }

    public string BoardId => Claims.BoardId;

    public string ParticipantId => Claims.ParticipantId;

    /// <summary>The participant's allowance this connection counts against (released on disconnect).</summary>
    public ParticipantAllowance? Allowance { get; }

    public TokenBucket Commands { get; }

    public TokenBucket Calls { get; }

    public TokenBucket Presence { get; }

    /// <summary>Server time spent on this connection before its first Join (loading the board); reported by that Join.</summary>
    public double PendingJoinMs { get; set; }

    /// <summary>The board this connection joined (null until Join).</summary>
    public BoardHost? Host { get; set; }

    public bool IsClosing => Volatile.Read(ref _closing) == 1;

    /// <summary>Kept for the hub's lifecycle: sending needs no background task until a write has to wait.</summary>
    public void Start()
    {
    }

    public void EnqueueEntry(RawJson message)
    {
        if (!TrySend(new Outbound(ClientMethods.Entry, message, CloseAfter: false), _capacity) && !IsClosing)
        {
            ServerLog.SlowClientDisconnected(_logger, ConnectionId, BoardId, _capacity);
            Abort();
        }
    }

    /// <summary>Presence is droppable: it only takes the free half of the queue, so it never pushes an entry out.</summary>
    public void TryEnqueuePresence(RawJson message) =>
        TrySend(new Outbound(ClientMethods.Presence, message, CloseAfter: false), _capacity / 2);

    /// <summary>Sends <c>fatal</c> after whatever is already queued, then closes the connection (once).</summary>
    public void Close(string code, string message)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1)
        {
            return;
        }

        ServerLog.FatalSent(_logger, ConnectionId, code);
        // The fatal message may take the last slot: it is what tells the client why.
        if (!TrySend(new Outbound(ClientMethods.Fatal, new FatalMessage(code, message), CloseAfter: true), _capacity + 1, complete: true))
        {
            _context.Abort();
        }
    }

    /// <summary>Connection ended: stop sending and drop what is queued.</summary>
    public void Stop()
    {
        Interlocked.Exchange(ref _closing, 1);
        Complete();
        _stop.Cancel();
    }

    private void Abort()
    {
        Interlocked.Exchange(ref _closing, 1);
        Complete();
        _context.Abort();
    }

    private void Complete()
    {
        lock (_sendLock)
        {
            _completed = true;
            _queue.Clear();
        }
    }

    /// <summary>
    /// Queues <paramref name="item"/> behind what is already waiting, or — when nothing is — writes it now on
    /// the caller's thread. False when the queue holds <paramref name="limit"/> items or sending has ended.
    /// </summary>
    private bool TrySend(Outbound item, int limit, bool complete = false)
    {
        lock (_sendLock)
        {
            if (_completed)
            {
                return false;
            }

            _completed = complete;
            if (_sending)
            {
                if (_queue.Count >= limit)
                {
                    return false;
                }

                _queue.Enqueue(item);
                return true;
            }

            _sending = true;
        }

        _ = SendLoopAsync(item);
        return true;
    }

    private async Task SendLoopAsync(Outbound item)
    {
        try
        {
            while (true)
            {
                // One write at a time keeps this connection's order. The write usually completes synchronously;
                // awaiting only happens when this client's pipe is full, and then only this client waits.
                var send = _client.SendAsync(item.Method, item.Payload, _stop.Token);
                if (!send.IsCompletedSuccessfully)
                {
                    await send;
                }

                if (item.CloseAfter)
                {
                    _context.Abort();
                    return;
                }

                lock (_sendLock)
                {
                    if (!_queue.TryDequeue(out item!))
                    {
                        _sending = false;
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            ServerLog.SendFailed(_logger, ConnectionId, ex);
            _context.Abort();
        }

        lock (_sendLock)
        {
            _completed = true;
            _queue.Clear();
        }
    }

    private sealed record Outbound(string Method, object Payload, bool CloseAfter);
}
