using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using PostMortem.Server.BoardLog;

namespace PostMortem.BoardLog.Tests;

/// <summary>
/// What every <see cref="IBoardLog"/> promises (IBoardLog.cs; ARCHITECTURE.md invariant 1). Each
/// implementation runs this class through a subclass; a test here never knows which one it has.
/// </summary>
public abstract class BoardLogContract : IAsyncLifetime
{
    private readonly List<IBoardLog> _created = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var log in _created)
        {
            if (log is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().WithTimeout();
            }
        }
    }

    /// <summary>A log as one server instance holds it.</summary>
    private protected abstract Task<IBoardLog> CreateLogAsync();

    /// <summary>
    /// Another instance's view of the same store (a second server on the same Redis). An in-process
    /// log has no second instance: it returns the same log.
    /// </summary>
    private protected abstract Task<IBoardLog> CreatePeerAsync(IBoardLog log);

    private protected T Track<T>(T log)
        where T : IBoardLog
    {
        _created.Add(log);
        return log;
    }

    [Fact]
    public async Task SequenceIsGaplessFromOneUnderConcurrentAppends()
    {
        var log = await CreateLogAsync();
        var board = Entries.NewBoardId();
        const int writers = 8;
        const int perWriter = 40;

        var appended = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = new List<LogEntry>();
            for (var i = 0; i < perWriter; i++)
            {
                mine.Add(await log.AppendAsync(board, Entries.Note((w * perWriter) + i, $"actor-{w}"), CancellationToken.None).WithTimeout());
            }

            return mine;
        }))).WithTimeout();

        var all = appended.SelectMany(e => e).OrderBy(e => e.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, writers * perWriter).Select(i => (long)i), all.Select(e => e.Seq));
        // Each writer's own appends got increasing seqs: the log never reorders one caller's commands.
        Assert.All(appended, mine => Assert.Equal(mine.Select(e => e.Seq).Order(), mine.Select(e => e.Seq)));
        var stored = await log.ReadAsync(board, 0, 1000, CancellationToken.None).WithTimeout();
        Assert.Equal(all.Select(Entries.Json), stored.Select(Entries.Json));
    }

    [Fact]
    public async Task ReadAfterAppendReturnsEveryEntryInOrder()
    {
        var log = await CreateLogAsync();
        var board = Entries.NewBoardId();
        var appended = new List<LogEntry>();
        for (var i = 1; i <= 5; i++)
        {
            appended.Add(await log.AppendAsync(board, Entries.Note(i), CancellationToken.None).WithTimeout());
        }

        var read = await log.ReadAsync(board, 0, 100, CancellationToken.None).WithTimeout();

        Assert.Equal(appended.Select(Entries.Json), read.Select(Entries.Json));
        Assert.Equal([1L, 2, 3, 4, 5], read.Select(e => e.Seq));
    }

    [Fact]
    public async Task ReadFromTheMiddleReturnsOnlyLaterEntriesUpToMax()
    {
        var log = await CreateLogAsync();
        var board = Entries.NewBoardId();
        for (var i = 1; i <= 10; i++)
        {
            await log.AppendAsync(board, Entries.Note(i), CancellationToken.None).WithTimeout();
        }

        var middle = await log.ReadAsync(board, 4, 3, CancellationToken.None).WithTimeout();
        var tail = await log.ReadAsync(board, 7, 100, CancellationToken.None).WithTimeout();
        var past = await log.ReadAsync(board, 10, 100, CancellationToken.None).WithTimeout();
        var none = await log.ReadAsync(board, 0, 0, CancellationToken.None).WithTimeout();

        Assert.Equal([5L, 6, 7], middle.Select(e => e.Seq));
        Assert.Equal(["op-5", "op-6", "op-7"], middle.Select(e => e.ClientOpId));
        Assert.Equal([8L, 9, 10], tail.Select(e => e.Seq));
        Assert.Empty(past);
        Assert.Empty(none);
    }

    [Fact]
    public async Task LastSeqIsZeroForANewBoardAndTheHighestSeqAfterAppends()
    {
        var log = await CreateLogAsync();
        var board = Entries.NewBoardId();

        Assert.Equal(0, await log.LastSeqAsync(board, CancellationToken.None).WithTimeout());
        Assert.Empty(await log.ReadAsync(board, 0, 10, CancellationToken.None).WithTimeout());
        for (var i = 1; i <= 3; i++)
        {
            await log.AppendAsync(board, Entries.Note(i), CancellationToken.None).WithTimeout();
        }

        Assert.Equal(3, await log.LastSeqAsync(board, CancellationToken.None).WithTimeout());
    }

    [Fact]
    public async Task SubscriberReceivesEntriesInOrder()
    {
        var log = await CreateLogAsync();
        var board = Entries.NewBoardId();
        await log.AppendAsync(board, Entries.Note(0), CancellationToken.None).WithTimeout();
        var collector = new EntryCollector();
        await using var subscription = await log.SubscribeAsync(board, collector.OnEntryAsync, CancellationToken.None).WithTimeout();

        var appended = await Task.WhenAll(Enumerable.Range(1, 4).Select(w => Task.Run(async () =>
        {
            var mine = new List<LogEntry>();
            for (var i = 0; i < 25; i++)
            {
                mine.Add(await log.AppendAsync(board, Entries.Note((w * 100) + i), CancellationToken.None).WithTimeout());
            }

            return mine;
        }))).WithTimeout();
        await collector.WaitForSeqAsync(101);

        // Entries appended before subscribing are not replayed; later ones arrive once each, in seq order.
        Assert.Equal(Enumerable.Range(2, 100).Select(i => (long)i), collector.Seqs);
        Assert.Equal(
            appended.SelectMany(e => e).OrderBy(e => e.Seq).Select(Entries.Json),
            collector.Entries.Select(Entries.Json));
    }

    [Fact]
    public async Task TwoSubscribersOnOneBoardBothReceiveEverything()
    {
        var log = await CreateLogAsync();
        var board = Entries.NewBoardId();
        var first = new EntryCollector();
        var second = new EntryCollector();
        await using var a = await log.SubscribeAsync(board, first.OnEntryAsync, CancellationToken.None).WithTimeout();
        await using var b = await log.SubscribeAsync(board, second.OnEntryAsync, CancellationToken.None).WithTimeout();

        for (var i = 1; i <= 10; i++)
        {
            await log.AppendAsync(board, Entries.Note(i), CancellationToken.None).WithTimeout();
        }

        await first.WaitForSeqAsync(10);
        await second.WaitForSeqAsync(10);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), first.Seqs);
        Assert.Equal(first.Entries.Select(Entries.Json), second.Entries.Select(Entries.Json));
    }

    [Fact]
    public async Task SubscriptionsArePerBoard()
    {
        var log = await CreateLogAsync();
        var red = Entries.NewBoardId();
        var blue = Entries.NewBoardId();
        var onRed = new EntryCollector();
        var onBlue = new EntryCollector();
        await using var r = await log.SubscribeAsync(red, onRed.OnEntryAsync, CancellationToken.None).WithTimeout();
        await using var b = await log.SubscribeAsync(blue, onBlue.OnEntryAsync, CancellationToken.None).WithTimeout();

        await log.AppendAsync(red, Entries.Note(1), CancellationToken.None).WithTimeout();
        await log.AppendAsync(red, Entries.Note(2), CancellationToken.None).WithTimeout();
        await log.AppendAsync(blue, Entries.Note(3), CancellationToken.None).WithTimeout();

        await onRed.WaitForSeqAsync(2);
        await onBlue.WaitForSeqAsync(1);
        Assert.Equal(["op-1", "op-2"], onRed.Entries.Select(e => e.ClientOpId));
        Assert.Equal(["op-3"], onBlue.Entries.Select(e => e.ClientOpId));
        // Each board counts its own sequence.
        Assert.Equal(2, await log.LastSeqAsync(red, CancellationToken.None).WithTimeout());
        Assert.Equal(1, await log.LastSeqAsync(blue, CancellationToken.None).WithTimeout());
    }

    [Fact]
    public async Task ABoardIdThatLooksLikeAPatternNeverReceivesOtherBoards()
    {
        var log = await CreateLogAsync();
        var board = Entries.NewBoardId();
        var onBoard = new EntryCollector();
        var onPatterns = new EntryCollector();
        await using var real = await log.SubscribeAsync(board, onBoard.OnEntryAsync, CancellationToken.None).WithTimeout();
        var held = new List<IAsyncDisposable>();
        foreach (var pattern in new[] { "*", board[..4] + "*", "?" + board[1..], "[a-z0-9]*" })
        {
            try
            {
                held.Add(await log.SubscribeAsync(pattern, onPatterns.OnEntryAsync, CancellationToken.None).WithTimeout());
            }
            catch (ArgumentException)
            {
                // Refusing a non-canonical id is as good as isolating it.
            }
        }

        await log.AppendAsync(board, Entries.Note(1), CancellationToken.None).WithTimeout();
        await log.AppendAsync(board, Entries.Note(2), CancellationToken.None).WithTimeout();
        await onBoard.WaitForSeqAsync(2);

        // Delivery on one instance is in append order per board, and entry 2 was delivered, so a
        // cross-talking subscription would have received entry 1 by now.
        Assert.Empty(onPatterns.Entries);
        foreach (var subscription in held)
        {
            await subscription.DisposeAsync().WithTimeout();
        }
    }

    [Fact]
    public async Task TrimDropsEntriesUpToSeqAndKeepsTheCounter()
    {
        var log = await CreateLogAsync();
        var board = Entries.NewBoardId();
        for (var i = 1; i <= 6; i++)
        {
            await log.AppendAsync(board, Entries.Note(i), CancellationToken.None).WithTimeout();
        }

        await log.TrimAsync(board, 4, CancellationToken.None).WithTimeout();

        var fromStart = await log.ReadAsync(board, 0, 100, CancellationToken.None).WithTimeout();
        Assert.Equal([5L, 6], fromStart.Select(e => e.Seq));
        // First returned seq above afterSeq + 1 tells the reader a snapshot is needed (IBoardLog.ReadAsync).
        Assert.Equal([5L, 6], (await log.ReadAsync(board, 2, 100, CancellationToken.None).WithTimeout()).Select(e => e.Seq));
        Assert.Equal(6, await log.LastSeqAsync(board, CancellationToken.None).WithTimeout());
        var next = await log.AppendAsync(board, Entries.Note(7), CancellationToken.None).WithTimeout();
        Assert.Equal(7, next.Seq);

        await log.TrimAsync(board, 7, CancellationToken.None).WithTimeout();
        Assert.Empty(await log.ReadAsync(board, 0, 100, CancellationToken.None).WithTimeout());
        Assert.Equal(7, await log.LastSeqAsync(board, CancellationToken.None).WithTimeout());
        Assert.Equal(8, (await log.AppendAsync(board, Entries.Note(8), CancellationToken.None).WithTimeout()).Seq);
    }

    [Fact]
    public async Task EntriesRoundTripCommandActorOpAndTime()
    {
        var log = await CreateLogAsync();
        var board = Entries.NewBoardId();
        var collector = new EntryCollector();
        await using var subscription = await log.SubscribeAsync(board, collector.OnEntryAsync, CancellationToken.None).WithTimeout();
        var awkward = "quote \" backslash \\ newline \n tab \t unicode é 漢字 🙂 </script> \"seq\":0,\"at\":\"x\" \u0001";
        var commands = new PendingEntry[]
        {
            new("facilitator-1", "op-create", new CreateBoard(
                "Checkout outage", new DateTimeOffset(2026, 3, 3, 16, 47, 0, TimeSpan.FromHours(1)), IncidentType.Deployment, 2, "Ana",
                AgendaPreset.Sixty, TimeZone: "Europe/Berlin",
                Secrets: new BoardSecrets { JoinCodeHash = new string('a', 64), FacilitatorSecretHash = new string('b', 64), ReadKeyHash = new string('c', 64) })),
            new("participant-2", "op-note", new AddNote("note-1", NoteKind.Signal, awkward, new DateTimeOffset(2026, 3, 3, 16, 50, 12, 345, TimeSpan.Zero), 0.25)),
            new("participant-2", "op-move", new MoveNote("note-1", Position: 3.5)),
            new("facilitator-1", "op-import", new ImportTimeline(string.Concat(Enumerable.Repeat("2026-03-03 16:47 API change deployed ✓\n", 2500)), "imp")),
            new("facilitator-1", "op-advance", new AdvancePhase()),
        };
        var before = DateTimeOffset.UtcNow;

        var appended = new List<LogEntry>();
        foreach (var pending in commands)
        {
            appended.Add(await log.AppendAsync(board, pending, CancellationToken.None).WithTimeout());
        }

        await collector.WaitForSeqAsync(commands.Length);
        var read = await log.ReadAsync(board, 0, 100, CancellationToken.None).WithTimeout();
        var peer = await CreatePeerAsync(log);
        var readByPeer = await peer.ReadAsync(board, 0, 100, CancellationToken.None).WithTimeout();

        for (var i = 0; i < commands.Length; i++)
        {
            Assert.Equal(i + 1, appended[i].Seq);
            Assert.Equal(commands[i].ActorId, appended[i].ActorId);
            Assert.Equal(commands[i].ClientOpId, appended[i].ClientOpId);
            Assert.Equal(CoreJson.SerializeCommand(commands[i].Command), CoreJson.SerializeCommand(appended[i].Command));
        }

        Assert.Equal(appended.Select(Entries.Json), read.Select(Entries.Json));
        Assert.Equal(appended.Select(Entries.Json), readByPeer.Select(Entries.Json));
        Assert.Equal(appended.Select(Entries.Json), collector.Entries.Select(Entries.Json));
        Assert.Equal(awkward, Assert.IsType<AddNote>(read[1].Command).Text);
        Assert.Equal(appended.Select(e => e.At), read.Select(e => e.At));
        // The log's clock is the server's (UTC), never behind the previous entry. The bound only checks
        // the clock source and date arithmetic (same machine), not how long anything took.
        Assert.All(appended, e => Assert.Equal(TimeSpan.Zero, e.At.Offset));
        Assert.Equal(appended.Select(e => e.At).Order(), appended.Select(e => e.At));
        Assert.InRange(appended[0].At, before.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1));
    }

    [Fact]
    public async Task DisposedSubscriptionReceivesNothingMore()
    {
        var log = await CreateLogAsync();
        var board = Entries.NewBoardId();
        var leaving = new EntryCollector();
        var staying = new EntryCollector();
        var leavingSubscription = await log.SubscribeAsync(board, leaving.OnEntryAsync, CancellationToken.None).WithTimeout();
        await using var stayingSubscription = await log.SubscribeAsync(board, staying.OnEntryAsync, CancellationToken.None).WithTimeout();

        await log.AppendAsync(board, Entries.Note(1), CancellationToken.None).WithTimeout();
        await leaving.WaitForSeqAsync(1);
        await leavingSubscription.DisposeAsync().WithTimeout();
        await log.AppendAsync(board, Entries.Note(2), CancellationToken.None).WithTimeout();
        await log.AppendAsync(board, Entries.Note(3), CancellationToken.None).WithTimeout();
        await staying.WaitForSeqAsync(3);

        Assert.Equal([1L], leaving.Seqs);
        Assert.Equal([1L, 2, 3], staying.Seqs);
    }

    [Fact]
    public async Task ResubscribingAfterTheLastSubscriberLeftReceivesNewEntries()
    {
        var log = await CreateLogAsync();
        var board = Entries.NewBoardId();
        var first = new EntryCollector();
        var subscription = await log.SubscribeAsync(board, first.OnEntryAsync, CancellationToken.None).WithTimeout();
        await log.AppendAsync(board, Entries.Note(1), CancellationToken.None).WithTimeout();
        await first.WaitForSeqAsync(1);
        await subscription.DisposeAsync().WithTimeout();

        await log.AppendAsync(board, Entries.Note(2), CancellationToken.None).WithTimeout();
        var second = new EntryCollector();
        await using var again = await log.SubscribeAsync(board, second.OnEntryAsync, CancellationToken.None).WithTimeout();
        await log.AppendAsync(board, Entries.Note(3), CancellationToken.None).WithTimeout();
        await second.WaitForSeqAsync(3);

        Assert.Equal([1L], first.Seqs);
        Assert.Equal([3L], second.Seqs);
    }

    [Fact]
    public async Task AppendsFromTwoInstancesReachBothInOneOrder()
    {
        var log = await CreateLogAsync();
        var peer = await CreatePeerAsync(log);
        var board = Entries.NewBoardId();
        var onLog = new EntryCollector();
        var onPeer = new EntryCollector();
        await using var a = await log.SubscribeAsync(board, onLog.OnEntryAsync, CancellationToken.None).WithTimeout();
        await using var b = await peer.SubscribeAsync(board, onPeer.OnEntryAsync, CancellationToken.None).WithTimeout();

        await Task.WhenAll(
            Task.Run(async () =>
            {
                for (var i = 0; i < 30; i++)
                {
                    await log.AppendAsync(board, Entries.Note(i, "on-log"), CancellationToken.None).WithTimeout();
                }
            }),
            Task.Run(async () =>
            {
                for (var i = 0; i < 30; i++)
                {
                    await peer.AppendAsync(board, Entries.Note(100 + i, "on-peer"), CancellationToken.None).WithTimeout();
                }
            })).WithTimeout();
        await onLog.WaitForSeqAsync(60);
        await onPeer.WaitForSeqAsync(60);

        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), onLog.Seqs);
        Assert.Equal(onLog.Entries.Select(Entries.Json), onPeer.Entries.Select(Entries.Json));
    }
}
