using PostMortem.Core;
using PostMortem.Data.Snapshots;

namespace PostMortem.Data.Tests;

/// <summary>
/// The snapshot store's contract (<see cref="ISnapshotStore"/>), run against both implementations: the database's
/// (<see cref="SnapshotStoreTests"/>) and the in-memory one (<see cref="InMemorySnapshotStoreTests"/>).
/// </summary>
public abstract class SnapshotStoreContract : IAsyncLifetime
{
    protected ISnapshotStore Store { get; private set; } = null!;

    internal static BoardSnapshot Snapshot(string boardId, long seq) =>
        new(boardId, seq, $"{{\"v\":1,\"seq\":{seq}}}", seq.ToString("x64", System.Globalization.CultureInfo.InvariantCulture)[^64..]);

    protected abstract Task<ISnapshotStore> CreateAsync();

    public async Task InitializeAsync() => Store = await CreateAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task LoadReturnsNothingForABoardWithoutSnapshot() =>
        Assert.Null(await Store.LoadLatestAsync(Guid.NewGuid().ToString(), CancellationToken.None).Within());

    [Fact]
    public async Task NewerSnapshotReplacesOlderAndLoadReturnsIt()
    {
        var board = Guid.NewGuid().ToString();

        Assert.True(await Store.SaveAsync(Snapshot(board, 5), CancellationToken.None).Within());
        Assert.True(await Store.SaveAsync(Snapshot(board, 9), CancellationToken.None).Within());

        Assert.Equal(Snapshot(board, 9), await Store.LoadLatestAsync(board, CancellationToken.None).Within());
    }

    [Fact]
    public async Task OlderOrEqualSnapshotNeverReplacesNewer()
    {
        var board = Guid.NewGuid().ToString();
        await Store.SaveAsync(Snapshot(board, 9), CancellationToken.None).Within();

        Assert.False(await Store.SaveAsync(Snapshot(board, 3), CancellationToken.None).Within());
        Assert.False(await Store.SaveAsync(Snapshot(board, 9) with { StateJson = "{\"other\":true}" }, CancellationToken.None).Within());

        Assert.Equal(Snapshot(board, 9), await Store.LoadLatestAsync(board, CancellationToken.None).Within());
    }

    [Fact]
    public async Task SnapshotsOfDifferentBoardsAreIndependent()
    {
        var a = Guid.NewGuid().ToString();
        var b = Guid.NewGuid().ToString();
        await Store.SaveAsync(Snapshot(a, 7), CancellationToken.None).Within();

        Assert.True(await Store.SaveAsync(Snapshot(b, 2), CancellationToken.None).Within());

        Assert.Equal(7, (await Store.LoadLatestAsync(a, CancellationToken.None).Within())!.Seq);
        Assert.Equal(2, (await Store.LoadLatestAsync(b, CancellationToken.None).Within())!.Seq);
    }

    [Fact]
    public async Task ConcurrentSaversLeaveTheNewestInPlace()
    {
        var board = Guid.NewGuid().ToString();
        var random = new Random(4321);
        var order = Enumerable.Range(1, 60).Select(i => (long)i).OrderBy(_ => random.Next()).ToArray();

        await Task.WhenAll(order.Chunk(15).Select(chunk => Task.Run(async () =>
        {
            foreach (var seq in chunk)
            {
                await Store.SaveAsync(Snapshot(board, seq), CancellationToken.None);
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Snapshot(board, 60), await Store.LoadLatestAsync(board, CancellationToken.None).Within());
    }
}

public sealed class InMemorySnapshotStoreTests : SnapshotStoreContract
{
    protected override Task<ISnapshotStore> CreateAsync() => Task.FromResult<ISnapshotStore>(new InMemorySnapshotStore());
}

/// <summary>The database store (EF Core over a SQLite file): the contract, and racing writers from two data layers.</summary>
public sealed class SnapshotStoreTests : SnapshotStoreContract
{
    private readonly TempFolder _folder = new();
    private DataServices? _data;

    protected override async Task<ISnapshotStore> CreateAsync()
    {
        _data = await DataServices.StartAsync(_folder.Path);
        // The interface the server uses resolves to the database store.
        Assert.IsType<SnapshotStore>(_data.Get<ISnapshotStore>());
        return _data.Get<SnapshotStore>();
    }

    public override async Task DisposeAsync()
    {
        if (_data is not null)
        {
            await _data.DisposeAsync();
        }

        _folder.Dispose();
    }

    [Fact]
    public async Task RacingWritersNeverLeaveAnOlderSnapshotInPlace()
    {
        // Two independently built data layers (two context factories, two sets of connections) on one
        // file, as two app instances would be; each saves every sequence number in its own shuffled order.
        await using var first = await DataServices.StartAsync(_folder.Path);
        await using var second = await DataServices.StartAsync(_folder.Path);
        var stores = new[] { first.Get<SnapshotStore>(), second.Get<SnapshotStore>() };
        var board = Guid.NewGuid().ToString();
        const int maxSeq = 120;
        var random = new Random(1234);

        var writers = Enumerable.Range(0, 8).Select(w =>
        {
            var order = Enumerable.Range(1, maxSeq).Select(i => (long)i).OrderBy(_ => random.Next()).ToArray();
            var store = stores[w % 2];
            return Task.Run(async () =>
            {
                foreach (var seq in order)
                {
                    await store.SaveAsync(Snapshot(board, seq), CancellationToken.None);
                    // Whatever the others did meanwhile, the stored snapshot is never older than one that was saved.
                    var stored = await store.LoadLatestAsync(board, CancellationToken.None);
                    Assert.True(stored!.Seq >= seq, $"stored {stored.Seq} after saving {seq}");
                }
            });
        });
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(Snapshot(board, maxSeq), await stores[0].LoadLatestAsync(board, CancellationToken.None).Within());
        Assert.Equal(Snapshot(board, maxSeq), await stores[1].LoadLatestAsync(board, CancellationToken.None).Within());
    }

    [Fact]
    public async Task FirstSnapshotsRacingToInsertKeepTheNewest()
    {
        await using var first = await DataServices.StartAsync(_folder.Path);
        await using var second = await DataServices.StartAsync(_folder.Path);
        var stores = new[] { first.Get<SnapshotStore>(), second.Get<SnapshotStore>() };

        // Many boards, each first saved by two writers at once: the insert race, not the update.
        var boards = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid().ToString()).ToList();
        var saves = boards.SelectMany(b => new[]
        {
            Task.Run(() => stores[0].SaveAsync(Snapshot(b, 4), CancellationToken.None)),
            Task.Run(() => stores[1].SaveAsync(Snapshot(b, 5), CancellationToken.None)),
        });
        await Task.WhenAll(saves).WaitAsync(TimeSpan.FromSeconds(60));

        foreach (var b in boards)
        {
            Assert.Equal(5, (await stores[0].LoadLatestAsync(b, CancellationToken.None).Within())!.Seq);
        }
    }
}
