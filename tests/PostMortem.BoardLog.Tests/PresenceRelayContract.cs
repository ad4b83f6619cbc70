using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using PostMortem.Server.Presence;
using PostMortem.Server.Redis;

namespace PostMortem.BoardLog.Tests;

/// <summary>
/// What every <see cref="IPresenceRelay"/> promises (IPresenceRelay.cs): a batch published by one instance
/// reaches the board's subscribers on the other instances, whole, and never comes back to its publisher or
/// reaches another board. Each implementation runs this class through a subclass.
/// </summary>
public abstract class PresenceRelayContract : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync().AsTask().WithTimeout();
        }
    }

    /// <summary>Two server instances' relays, connected to each other.</summary>
    protected abstract Task<(IPresenceRelay A, IPresenceRelay B)> CreatePairAsync();

    protected void Own(IAsyncDisposable disposable) => _owned.Add(disposable);

    [Fact]
    public async Task ABatchReachesThePeerWholeAndNeverItsPublisher()
    {
        var (a, b) = await CreatePairAsync();
        var board = Entries.NewBoardId();
        var atA = await SubscribeAsync(a, board);
        var atB = await SubscribeAsync(b, board);

        a.Publish(board, [new("alex", "cursor", 10.5, 20, null), new("blake", "drag", 1, 2, "note-1")]);
        var batch = await atB.NextAsync();
        Assert.Equal(
            [new PresenceUpdate("alex", "cursor", 10.5, 20, null), new PresenceUpdate("blake", "drag", 1, 2, "note-1")],
            batch);

        // B answers; A receives that, and nothing before it: its own batch did not come back.
        b.Publish(board, [new("casey", "typing", null, null, "note-2")]);
        var atAFirst = await atA.NextAsync();
        Assert.Equal("casey", Assert.Single(atAFirst).ParticipantId);
        Assert.Equal(1, atA.Received);
    }

    [Fact]
    public async Task BoardsAreIsolated()
    {
        var (a, b) = await CreatePairAsync();
        var one = Entries.NewBoardId();
        var two = Entries.NewBoardId();
        var atBOnTwo = await SubscribeAsync(b, two);

        a.Publish(one, [new("alex", "cursor", 1, 1, null)]);
        a.Publish(two, [new("blake", "cursor", 2, 2, null)]);

        Assert.Equal("blake", Assert.Single(await atBOnTwo.NextAsync()).ParticipantId);
        Assert.Equal(1, atBOnTwo.Received);
    }

    [Fact]
    public async Task AfterDisposeASubscriptionHearsNothingMore()
    {
        var (a, b) = await CreatePairAsync();
        var board = Entries.NewBoardId();
        var leaving = await SubscribeAsync(b, board, own: false);
        var staying = await SubscribeAsync(b, board);

        await leaving.Subscription.DisposeAsync().AsTask().WithTimeout();
        a.Publish(board, [new("alex", "cursor", 1, 1, null)]);
        a.Publish(board, [new("alex", "cursor", 2, 2, null)]);

        Assert.Equal(1, Assert.Single(await staying.NextAsync()).X);
        Assert.Equal(2, Assert.Single(await staying.NextAsync()).X);
        Assert.Equal(0, leaving.Received);
    }

    [Fact]
    public async Task AnEmptyBatchIsNotSent()
    {
        var (a, b) = await CreatePairAsync();
        var board = Entries.NewBoardId();
        var atB = await SubscribeAsync(b, board);

        a.Publish(board, []);
        a.Publish(board, [new("alex", "idle", null, null, null)]);

        Assert.Equal("idle", Assert.Single(await atB.NextAsync()).Kind);
        Assert.Equal(1, atB.Received);
    }

    private async Task<Listener> SubscribeAsync(IPresenceRelay relay, string board, bool own = true)
    {
        var listener = new Listener();
        listener.Subscription = await relay.SubscribeAsync(board, listener.Add, CancellationToken.None).AsTask().WithTimeout();
        if (own)
        {
            Own(listener.Subscription);
        }

        return listener;
    }

    private sealed class Listener
    {
        private readonly BlockingCollection<IReadOnlyList<PresenceUpdate>> _batches = [];
        private int _received;

        public IAsyncDisposable Subscription { get; set; } = null!;

        public int Received => Volatile.Read(ref _received);

        public void Add(IReadOnlyList<PresenceUpdate> batch)
        {
            Interlocked.Increment(ref _received);
            _batches.Add(batch);
        }

        public Task<IReadOnlyList<PresenceUpdate>> NextAsync() =>
            Task.Run(() => _batches.TryTake(out var batch, TimeSpan.FromSeconds(10))
                ? batch
                : throw new TimeoutException("No presence batch within 10 s."));
    }
}

public sealed class InMemoryPresenceRelayContract : PresenceRelayContract
{
    protected override Task<(IPresenceRelay A, IPresenceRelay B)> CreatePairAsync()
    {
        var bus = new InMemoryPresenceBus();
        return Task.FromResult<(IPresenceRelay, IPresenceRelay)>((new InMemoryPresenceRelay(bus), new InMemoryPresenceRelay(bus)));
    }
}

public sealed class RedisPresenceRelayContract(RedisServerFixture redis) : PresenceRelayContract, IClassFixture<RedisServerFixture>
{
    protected override async Task<(IPresenceRelay A, IPresenceRelay B)> CreatePairAsync() => (await CreateAsync(), await CreateAsync());

    private async Task<IPresenceRelay> CreateAsync()
    {
        var options = new RedisOptions { ConnectionString = redis.ConnectionString };
        var connection = new RedisConnection(options, NullLogger<RedisConnection>.Instance);
        Own(connection);
        await connection.GetAsync().WithTimeout();
        return new RedisPresenceRelay(connection, options, NullLogger<RedisPresenceRelay>.Instance);
    }
}
