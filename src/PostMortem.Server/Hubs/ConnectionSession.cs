using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using PostMortem.Server.Auth;
using PostMortem.Server.Boards;
using PostMortem.Server.Diagnostics;
using PostMortem.Server.Options;

namespace PostMortem.Server.Hubs;

/// <summary>
/// One hub connection: who it is, its rate limits, and its outbound queue. Everything the board sends this
/// connection goes through the queue and one pump, so messages keep their order and a slow client only
/// fills its own queue; when that overflows, the connection is closed and the client catches up by
/// reconnecting with lastSeq.
/// </summary>
internal sealed class ConnectionSession
{
    private readonly Channel<Outbound> _outbox;
    private readonly int _capacity;
    private readonly HubCallerContext _context;
    private readonly IClientProxy _client;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private int _closing;

    public ConnectionSession(string token, TokenClaims claims, HubCallerContext context, IClientProxy client, LimitsOptions limits,
        TimeProvider clock, ILogger logger)
    {
        Token = token;
        Claims = claims;
        _context = context;
        _client = client;
        _logger = logger;
        _capacity = limits.OutboundQueue;
        _outbox = Channel.CreateBounded<Outbound>(new BoundedChannelOptions(limits.OutboundQueue)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full: that is our overflow signal
            SingleReader = true,
        });
        Commands = new TokenBucket(limits.CommandsPerSecond, limits.CommandBurst, clock);
        Calls = new TokenBucket(limits.CallsPerSecond, limits.CallBurst, clock);
        Presence = new TokenBucket(limits.PresencePerSecond, Math.Max(1, (int)Math.Ceiling(limits.PresencePerSecond)), clock);
    }

    public string ConnectionId => _context.ConnectionId;

    public string Token { get; }

    public TokenClaims Claims { get; }

    public string BoardId => Claims.BoardId;

    public string ParticipantId => Claims.ParticipantId;

    public TokenBucket Commands { get; }

    public TokenBucket Calls { get; }

    public TokenBucket Presence { get; }

    /// <summary>The board this connection joined (null until Join).</summary>
    public BoardHost? Host { get; set; }

    public bool IsClosing => Volatile.Read(ref _closing) == 1;

    public void Start() => _ = Task.Run(PumpAsync, CancellationToken.None);

    public void EnqueueEntry(RawJson message)
    {
        if (!_outbox.Writer.TryWrite(new Outbound(ClientMethods.Entry, message, CloseAfter: false)) && !IsClosing)
        {
            ServerLog.SlowClientDisconnected(_logger, ConnectionId, BoardId, _capacity);
            Abort();
        }
    }

    /// <summary>Presence is droppable: it only takes the free half of the queue, so it never pushes an entry out.</summary>
    public void TryEnqueuePresence(RawJson message)
    {
        if (_outbox.Reader.Count < _capacity / 2)
        {
            _outbox.Writer.TryWrite(new Outbound(ClientMethods.Presence, message, CloseAfter: false));
        }
    }

    /// <summary>Sends <c>fatal</c> after whatever is already queued, then closes the connection (once).</summary>
    public void Close(string code, string message)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1)
        {
            return;
        }

        ServerLog.FatalSent(_logger, ConnectionId, code);
        if (!_outbox.Writer.TryWrite(new Outbound(ClientMethods.Fatal, new FatalMessage(code, message), CloseAfter: true)))
        {
            _context.Abort();
        }

        _outbox.Writer.TryComplete();
    }

    /// <summary>Connection ended: stop the pump and drop what is queued.</summary>
    public void Stop()
    {
        Interlocked.Exchange(ref _closing, 1);
        _outbox.Writer.TryComplete();
        _stop.Cancel();
    }

    private void Abort()
    {
        Interlocked.Exchange(ref _closing, 1);
        _outbox.Writer.TryComplete();
        _context.Abort();
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var message in _outbox.Reader.ReadAllAsync(_stop.Token))
            {
                // One send at a time keeps this connection's order; awaiting here only ever waits on this client.
                await _client.SendAsync(message.Method, message.Payload, _stop.Token);
                if (message.CloseAfter)
                {
                    _context.Abort();
                    return;
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
    }

    private sealed record Outbound(string Method, object Payload, bool CloseAfter);
}
