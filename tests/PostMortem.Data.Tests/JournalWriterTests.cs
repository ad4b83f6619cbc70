using Microsoft.Data.Sqlite;
using PostMortem.Data.Journal;
using PostMortem.Data.Storage;
using static PostMortem.Data.Tests.EntryJournalContract;

namespace PostMortem.Data.Tests;

/// <summary>
/// The journal's one writer: batches across boards, and a bounded queue that sheds instead of growing. The writer is
/// held up by a real lock on the database file (another connection holding the write lock), so what is queued while
/// it waits is known without any timing.
/// </summary>
public sealed class JournalWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task EntriesOfManyBoardsQueuedDuringACommitAreCommittedTogetherInTheNextTransaction()
    {
        await using var data = await DataServices.StartAsync(_folder.Path);
        var journal = data.Get<EntryJournal>();
        var warm = Guid.NewGuid().ToString();
        await journal.AppendAsync(warm, Entry(1), CancellationToken.None).Within();
        var before = journal.Writer.Batches;
        var boards = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid().ToString()).ToList();

        Task[] appends;
        using (await WriteLockAsync())
        {
            // The writer takes what has arrived (at least the first) and waits for the lock; the rest queue behind it.
            appends = [.. boards.Select(b => journal.AppendAsync(b, Entry(1), CancellationToken.None))];
            Assert.All(appends, a => Assert.False(a.IsCompleted)); // nothing is acknowledged before it is durable
        }

        await Task.WhenAll(appends).Within();

        // 50 boards' entries in at most two transactions: the one the writer had started, and everything queued meanwhile.
        Assert.InRange(journal.Writer.Batches - before, 1, 2);
        foreach (var b in boards)
        {
            Assert.Equal([Entry(1)], await journal.ReadAfterAsync(b, 0, CancellationToken.None).Within());
        }
    }

    [Fact]
    public async Task AppendsBeyondTheLimitFailAtOnceStoreNothingAndTheJournalCarriesOn()
    {
        await using var data = await DataServices.StartAsync(_folder.Path, Limit(4));
        var journal = data.Get<EntryJournal>();
        var busy = Guid.NewGuid().ToString();
        var other = Guid.NewGuid().ToString();

        Task[] accepted;
        Task shed;
        using (await WriteLockAsync())
        {
            accepted = [.. Enumerable.Range(1, 4).Select(s => journal.AppendAsync(busy, Entry(s), CancellationToken.None))];
            shed = journal.AppendAsync(other, Entry(1), CancellationToken.None);

            // Answered without waiting for the writer: the caller can say "unavailable, retry" right away.
            Assert.True(shed.IsCompleted);
            Assert.Equal(4, journal.Writer.InFlight);
        }

        // What the server answers as unavailable (503, Retry-After); the cause says it was shed, not broken.
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => shed.Within());
        Assert.IsType<JournalOverloadedException>(error.InnerException);
        Assert.Null(data.Get<StorageHealth>().Failure); // busy is not broken: /healthz stays healthy
        await Task.WhenAll(accepted).Within();
        Assert.Empty(await journal.ReadAfterAsync(other, 0, CancellationToken.None).Within());

        // Room again: the shed entry's retry is written.
        await journal.AppendAsync(other, Entry(1), CancellationToken.None).Within();
        Assert.Equal([Entry(1)], await journal.ReadAfterAsync(other, 0, CancellationToken.None).Within());
        Assert.Equal(Enumerable.Range(1, 4).Select(s => Entry(s)), await journal.ReadAfterAsync(busy, 0, CancellationToken.None).Within());
        Assert.Equal(0, journal.Writer.InFlight);
    }

    [Fact]
    public async Task AfterAShedEntryLaterEntriesOfItsBoardAreRefusedUntilItsSeqIsRetriedSoTheJournalHasNoGap()
    {
        await using var data = await DataServices.StartAsync(_folder.Path, Limit(2));
        var journal = data.Get<EntryJournal>();
        var board = Guid.NewGuid().ToString();

        Task[] accepted;
        Task shed;
        using (await WriteLockAsync())
        {
            accepted = [journal.AppendAsync(board, Entry(1), CancellationToken.None), journal.AppendAsync(board, Entry(2), CancellationToken.None)];
            shed = journal.AppendAsync(board, Entry(3), CancellationToken.None);
        }

        await Task.WhenAll(accepted).Within();
        Assert.IsType<JournalOverloadedException>((await Assert.ThrowsAsync<StorageUnavailableException>(() => shed.Within())).InnerException);

        // There is room now, but seq 4 before seq 3 would leave a hole a restart could not load past.
        var refused = await Assert.ThrowsAsync<StorageUnavailableException>(() => journal.AppendAsync(board, Entry(4), CancellationToken.None).Within());
        Assert.IsType<JournalOverloadedException>(refused.InnerException);

        await journal.AppendAsync(board, Entry(3), CancellationToken.None).Within();
        await journal.AppendAsync(board, Entry(4), CancellationToken.None).Within();
        Assert.Equal(Enumerable.Range(1, 4).Select(s => Entry(s)), await journal.ReadAfterAsync(board, 0, CancellationToken.None).Within());
    }

    [Fact]
    public async Task AppendsAcceptedBeforeDisposeAreStillWritten()
    {
        var board = Guid.NewGuid().ToString();
        await using (var data = await DataServices.StartAsync(_folder.Path))
        {
            var journal = data.Get<EntryJournal>();
            var appends = Enumerable.Range(1, 30).Select(s => journal.AppendAsync(board, Entry(s), CancellationToken.None)).ToList();
            await journal.DisposeAsync().AsTask().Within();
            await Task.WhenAll(appends).Within();
            await Assert.ThrowsAsync<ObjectDisposedException>(() => journal.AppendAsync(board, Entry(31), CancellationToken.None));
        }

        SqliteConnection.ClearAllPools();
        await using var reopened = await DataServices.StartAsync(_folder.Path);
        Assert.Equal(30, await reopened.Get<EntryJournal>().LastSeqAsync(board, CancellationToken.None).Within());
    }

    private static Dictionary<string, string?> Limit(int maxQueued) => new() { ["Database:JournalMaxQueued"] = maxQueued.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>Another connection holding the database's write lock until disposed (rolled back).</summary>
    private async Task<IDisposable> WriteLockAsync() =>
        await SqliteWriteLock.HoldAsync(Path.Combine(_folder.Path, DatabaseOptions.DefaultSqliteFileName)).Within();
}
