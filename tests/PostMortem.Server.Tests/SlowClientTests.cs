using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Data.Journal;
using PostMortem.Data.Snapshots;
using PostMortem.Server.Auth;
using PostMortem.Server.BoardLog;
using PostMortem.Server.Boards;
using PostMortem.Server.Hubs;
using PostMortem.Server.Options;
using PostMortem.Server.Presence;

namespace PostMortem.Server.Tests;

/// <summary>
/// A client that stops reading must not hold up the board or anyone else (ARCHITECTURE.md, fan-out). Driven at
/// the replica with a connection whose sends never complete — the state a client reaches once its socket
/// buffers are full — so the test is exact and fast.
/// </summary>
public sealed class SlowClientTests
{
    [Fact]
    public async Task StuckClientIsDisconnectedWhileTheBoardAndOtherClientsCarryOn()
    {
        var log = new LocalBoardLog(TimeProvider.System, new InMemoryEntryJournal());
        const string boardId = "0123456789abcdef0123456789abcdef";
        const string facilitator = "facilitator-1";
        await log.AppendAsync(boardId, new PendingEntry(facilitator, "create",
            new CreateBoard("Slow client", DateTimeOffset.UtcNow, IncidentType.Other, 3, "Sam")), CancellationToken.None);
        await log.AppendAsync(boardId, new PendingEntry("p-stuck", "join", new Join("Stuck")), CancellationToken.None);
        await log.AppendAsync(boardId, new PendingEntry("p-fine", "join", new Join("Fine")), CancellationToken.None);
        await log.AppendAsync(boardId, new PendingEntry(facilitator, "advance", new AdvancePhase()), CancellationToken.None);
        await using var host = (await BoardHost.LoadAsync(boardId, log, new InMemorySnapshotStore(), new BoardOptions(), TimeProvider.System,
            NullLogger.Instance, _ => { }, [], new NoPresence(), CancellationToken.None))!;

        // The stuck client's queue is small so it overflows quickly; the healthy one's is roomy so a busy test
        // machine cannot make it look slow.
        var limits = new LimitsOptions { OutboundQueue = 16 };
        var stuck = new FakeConnection("p-stuck", boardId, stuck: true, limits);
        var fine = new FakeConnection("p-fine", boardId, stuck: false, new LimitsOptions { OutboundQueue = 1000 });
        host.Attach(stuck.Session, lastSeq: null);
        host.Attach(fine.Session, lastSeq: null);

        var commands = new BoardCommands(log, Microsoft.Extensions.Options.Options.Create(limits), TimeProvider.System);
        for (var i = 0; i < 100; i++)
        {
            // Each append is applied and answered although one connection takes nothing.
            var applied = await commands.AppendAsync(host, new PendingEntry(facilitator, $"op{i}",
                new AddNote($"n{i}", NoteKind.Event, $"note {i}", DateTimeOffset.UtcNow)), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(applied.Outcome.IsAccepted, applied.Outcome.Message);
        }

        await stuck.Aborted.WaitAsync(TimeSpan.FromSeconds(10));
        var lastSeq = host.Seq;
        var received = await fine.WaitForSeqAsync(lastSeq);
        Assert.Equal(Enumerable.Range(5, 100).Select(s => (long)s), received);
        Assert.False(fine.Aborted.IsCompleted);
    }

    private sealed class FakeConnection
    {
        private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<long> _seqs = [];
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public FakeConnection(string participantId, string boardId, bool stuck, LimitsOptions limits)
        {
            var context = new FakeCallerContext(participantId, _aborted);
            Session = new ConnectionSession("token", new TokenClaims(boardId, participantId, DateTimeOffset.UtcNow, ParticipantTokens.ParticipantKind),
                context, new FakeProxy(this, stuck), limits, TimeProvider.System, NullLogger.Instance);
            Session.Start();
        }

        public ConnectionSession Session { get; }

        public Task Aborted => _aborted.Task;

        public async Task<List<long>> WaitForSeqAsync(long seq)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (true)
            {
                Task changed;
                lock (_seqs)
                {
                    if (_seqs.Count > 0 && _seqs[^1] >= seq)
                    {
                        return [.. _seqs];
                    }

                    changed = _changed.Task;
                }

                try
                {
                    await changed.WaitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"received {string.Join(",", _seqs)}; aborted {_aborted.Task.IsCompleted}; waiting for {seq}");
                }
            }
        }

        private void Received(object? payload)
        {
            var json = ((RawJson)payload!).ToString();
            var seq = JsonDocument.Parse(json).RootElement.GetProperty("seq").GetInt64();
            TaskCompletionSource changed;
            lock (_seqs)
            {
                _seqs.Add(seq);
                changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
        }

        private sealed class FakeProxy(FakeConnection owner, bool stuck) : IClientProxy
        {
            private readonly TaskCompletionSource _never = new();

            public Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
            {
                if (stuck)
                {
                    return _never.Task.WaitAsync(cancellationToken); // the socket is full: the send never completes
                }

                owner.Received(args[0]);
                return Task.CompletedTask;
            }
        }
    }

    private sealed class FakeCallerContext(string participantId, TaskCompletionSource aborted) : HubCallerContext
    {
        public override string ConnectionId { get; } = "conn-" + participantId;
        public override string? UserIdentifier => null;
        public override ClaimsPrincipal? User => null;
        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();
        public override IFeatureCollection Features { get; } = new FeatureCollection();
        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort() => aborted.TrySetResult();
    }

    /// <summary>This test sends no presence; the hub's group broadcast needs a running hub.</summary>
    private sealed class NoPresence : IPresenceBroadcast
    {
        public void Send(string boardId, RawJson batch, IReadOnlyList<string> exceptConnectionIds)
        {
        }

        public Task AddAsync(string connectionId, string boardId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
