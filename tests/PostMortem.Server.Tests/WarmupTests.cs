using Microsoft.Extensions.Logging.Abstractions;
using PostMortem.Core;
using PostMortem.Data.Snapshots;
using PostMortem.Server.Hosting;

namespace PostMortem.Server.Tests;

/// <summary>The start-up warm-up (Hosting/Warmup.cs): it reads, never writes, and never stops start-up.</summary>
public sealed class WarmupTests
{
    [Fact]
    public async Task ReadsTheSnapshotStoreTwiceAndWritesNothing()
    {
        var store = new RecordingStore();
        await new Warmup(store, NullLogger<Warmup>.Instance).StartAsync(CancellationToken.None);

        Assert.Equal(2, store.Loads);
        Assert.Equal(0, store.Saves);
    }

    [Fact]
    public async Task AFailingStoreDoesNotStopStartUp()
    {
        var store = new RecordingStore { Fail = true };
        await new Warmup(store, NullLogger<Warmup>.Instance).StartAsync(CancellationToken.None);

        Assert.Equal(1, store.Loads); // tried, failed, carried on
    }

    private sealed class RecordingStore : ISnapshotStore
    {
        public int Loads { get; private set; }

        public int Saves { get; private set; }

        public bool Fail { get; init; }

        public Task<BoardSnapshot?> LoadLatestAsync(string boardId, CancellationToken cancellationToken)
        {
            Loads++;
            return Fail ? throw new InvalidOperationException("database is away") : Task.FromResult<BoardSnapshot?>(null);
        }

        public Task<bool> SaveAsync(BoardSnapshot snapshot, CancellationToken cancellationToken)
        {
            Saves++;
            return Task.FromResult(true);
        }
    }
}
