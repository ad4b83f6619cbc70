using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using PostMortem.Client.Transport;
using PostMortem.Core;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Core.WriteUp;

namespace PostMortem.Client.Tests.Fakes;

/// <summary>
/// One participant's connection to a <see cref="FakeBoardServer"/>, answering synchronously, with switches for what a
/// network and a server do: refuse, drop, lose messages, hold answers, answer late, say something fatal.
/// </summary>
internal sealed class FakeTransport(FakeBoardServer server, string participantId) : IBoardTransport
{
    private readonly List<(SubmitRequest Request, TaskCompletionSource<Ack> Answer)> _held = [];

    public event Action<EntryMessage>? EntryReceived;

    public event Action<PresenceBatch>? PresenceReceived;

    public event Action<FatalMessage>? FatalReceived;

    public event Action<Exception?>? Closed;

    public string ParticipantId { get; } = participantId;

    public bool Connected { get; private set; }

    /// <summary>Joined on the current connection: the server pushes entries to it.</summary>
    public bool Joined { get; private set; }

    /// <summary>Entries are logged but not pushed to this connection (lost messages).</summary>
    public bool Mute { get; set; }

    /// <summary>The next connection attempts fail with this (a refused or unreachable server).</summary>
    public Exception? RefuseStart { get; set; }

    /// <summary>Join fails with this.</summary>
    public Exception? JoinFailure { get; set; }

    /// <summary>Every Join is answered with a snapshot, as when the missed entries were trimmed (R4).</summary>
    public bool ForceSnapshot { get; set; }

    /// <summary>Submit answers wait until <see cref="ReleaseSubmits"/>, or are lost with the connection.</summary>
    public bool HoldSubmits { get; set; }

    /// <summary>Appends the command but fails the call with "unavailable": the outcome is merely late (docs/PROTOCOL.md 3.2).</summary>
    public bool AnswerLate { get; set; }

    /// <summary>The next Submit is answered <c>rate_limited</c> (nothing written).</summary>
    public bool RateLimitNext { get; set; }

    /// <summary>The next Submit is shed as an overloaded server does: <c>unavailable</c> with this retry-after (nothing written).</summary>
    public TimeSpan? ShedNext { get; set; }

    /// <summary>Server clock minus the client's.</summary>
    public TimeSpan ServerAhead { get; set; }

    /// <summary>How long a Join or a Ping takes, half each way (the fake clock moves).</summary>
    public TimeSpan PingRoundTrip { get; set; }

    public int Starts { get; private set; }

    public List<JoinRequest> Joins { get; } = [];

    public List<SubmitRequest> Submits { get; } = [];

    public List<PresenceRequest> PresenceSent { get; } = [];

    /// <summary>While set, a start waits for it (a connection on its way); a second start meanwhile fails, as SignalR's does.</summary>
    public TaskCompletionSource? HoldStart { get; set; }

    /// <summary>The most starts that were on their way at one time.</summary>
    public int MostStartsAtOnce { get; private set; }

    private int _starting;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Starts++;
        if (RefuseStart is { } refused)
        {
            throw refused;
        }

        _starting++;
        MostStartsAtOnce = Math.Max(MostStartsAtOnce, _starting);
        try
        {
            if (_starting > 1)
            {
                throw new InvalidOperationException("The HubConnection cannot be started if it is not in the Disconnected state.");
            }

            if (HoldStart is { } hold)
            {
                await hold.Task.ConfigureAwait(false);
            }

            Connected = true;
            Joined = false;
        }
        finally
        {
            _starting--;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        LoseConnection();
        return Task.CompletedTask;
    }

    public Task<JoinResult> JoinAsync(JoinRequest request, CancellationToken cancellationToken)
    {
        if (!Connected)
        {
            return Task.FromException<JoinResult>(new InvalidOperationException("not connected"));
        }

        Joins.Add(request);
        if (JoinFailure is { } failure)
        {
            return Task.FromException<JoinResult>(failure);
        }

        Joined = true;
        var board = server.Board;
        server.Time.Advance(PingRoundTrip / 2);
        var serverTime = (server.Time.GetUtcNow() + ServerAhead).ToUnixTimeMilliseconds();
        server.Time.Advance(PingRoundTrip / 2);
        var role = board.RoleOf(ParticipantId);
        if (request.LastSeq is not { } lastSeq || ForceSnapshot)
        {
            var view = Raw(JsonSerializer.SerializeToUtf8Bytes(board.ViewFor(ParticipantId), CoreJsonContext.Default.BoardView));
            return Task.FromResult(new JoinResult("snapshot", view, null, board.Seq, serverTime, ParticipantId, role));
        }

        var entries = server.SeqsAfter(lastSeq).Select(s => Raw(JsonSerializer.SerializeToUtf8Bytes(server.EntryFor(ParticipantId, s), WireOptions))).ToList();
        return Task.FromResult(new JoinResult("entries", null, entries, board.Seq, serverTime, ParticipantId, role));
    }

    public Task<Ack> SubmitAsync(SubmitRequest request, CancellationToken cancellationToken)
    {
        if (!Connected)
        {
            return Task.FromException<Ack>(new InvalidOperationException("not connected"));
        }

        Submits.Add(request);
        if (HoldSubmits)
        {
            var answer = new TaskCompletionSource<Ack>(TaskCreationOptions.RunContinuationsAsynchronously);
            _held.Add((request, answer));
            return answer.Task;
        }

        var ack = Decide(request);
        return AnswerLate
            ? Task.FromException<Ack>(new HubException("HubException: unavailable: the outcome is late"))
            : Task.FromResult(ack);
    }

    public Task<PingResult> PingAsync(double clientTime, CancellationToken cancellationToken)
    {
        server.Time.Advance(PingRoundTrip / 2);
        var serverTime = (server.Time.GetUtcNow() + ServerAhead).ToUnixTimeMilliseconds();
        server.Time.Advance(PingRoundTrip / 2);
        return Task.FromResult(new PingResult(clientTime, serverTime));
    }

    public Task<IReadOnlyList<CoachFlag>> CheckTextAsync(string text, CancellationToken cancellationToken) =>
        Connected ? Task.FromResult(server.Board.CheckText(text)) : Task.FromException<IReadOnlyList<CoachFlag>>(new InvalidOperationException("not connected"));

    public Task<WriteUpModel> WriteUpPreviewAsync(bool namesAsRoles, CancellationToken cancellationToken) =>
        Connected ? Task.FromResult(server.Board.WriteUp(namesAsRoles)) : Task.FromException<WriteUpModel>(new InvalidOperationException("not connected"));

    public Task SendPresenceAsync(PresenceRequest presence, CancellationToken cancellationToken)
    {
        PresenceSent.Add(presence);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // ---- What the server and the network do ----

    public void Deliver(EntryMessage entry) => EntryReceived?.Invoke(entry);

    public void DeliverPresence(PresenceBatch batch) => PresenceReceived?.Invoke(batch);

    public void SendFatal(string code, string message = "over") => FatalReceived?.Invoke(new FatalMessage(code, message));

    /// <summary>The connection dies under the engine (not asked for by it).</summary>
    public void Drop(Exception? error = null)
    {
        LoseConnection();
        Closed?.Invoke(error);
    }

    public void ReleaseSubmits()
    {
        var held = _held.ToList();
        _held.Clear();
        foreach (var (request, answer) in held)
        {
            answer.TrySetResult(Decide(request));
        }
    }

    private void LoseConnection()
    {
        Connected = false;
        Joined = false;
        // The held commands reached the server before the line went dead: decided, their answers lost.
        var held = _held.ToList();
        _held.Clear();
        foreach (var (request, answer) in held)
        {
            Decide(request);
            answer.TrySetException(new InvalidOperationException("Invocation canceled due to the underlying connection being closed."));
        }
    }

    private Ack Decide(SubmitRequest request)
    {
        if (RateLimitNext)
        {
            RateLimitNext = false;
            return new Ack(request.ClientOpId, AckStatus.Rejected, Code: RejectionCodes.RateLimited, Message: "slow down");
        }

        if (ShedNext is { } retryAfter)
        {
            ShedNext = null;
            return new Ack(request.ClientOpId, AckStatus.Rejected, Code: ServerCodes.Unavailable, Message: "busy",
                RetryAfterMs: (long)retryAfter.TotalMilliseconds);
        }

        var decision = server.Board.Decide(ParticipantId, request.ClientOpId, request.Command, server.Time.GetUtcNow());
        switch (decision.Kind)
        {
            case DecisionKind.Duplicate:
                return new Ack(request.ClientOpId, AckStatus.Duplicate, decision.DuplicateOfSeq, Message: "this clientOpId was already applied");
            case DecisionKind.Rejected:
                return new Ack(request.ClientOpId, AckStatus.Rejected, Code: decision.Code, Message: decision.Message);
            default:
                var result = server.Append(ParticipantId, request.Command, request.ClientOpId);
                var outcome = result.Outcome;
                return new Ack(request.ClientOpId, AckStatus.Of(outcome.Status), result.Entry.Seq, outcome.Code, outcome.Message, outcome.Warnings, outcome.ImportErrors);
        }
    }

    private static readonly JsonSerializerOptions WireOptions = ProtocolJson.CreateOptions();

    private static RawJson Raw(byte[] utf8) => new(utf8);
}
