using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using PostMortem.Data.Journal;

namespace PostMortem.Data.Tests;

/// <summary>
/// The journal's contract (<see cref="IEntryJournal"/>), run against both implementations: the database's
/// (<see cref="EntryJournalTests"/>) and the in-memory one (<see cref="InMemoryEntryJournalTests"/>).
/// </summary>
public abstract class EntryJournalContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 3, 16, 47, 0, TimeSpan.Zero);

    protected IEntryJournal Journal { get; private set; } = null!;

    internal static LogEntry Entry(long seq, string actor = "p1") =>
        new(seq, T0.AddSeconds(seq), actor, $"op-{seq}", new AddNote($"note-{seq}", NoteKind.Event, $"event {seq}", T0.AddMinutes(seq)));

    protected abstract Task<IEntryJournal> CreateAsync();

    public async Task InitializeAsync() => Journal = await CreateAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AppendedEntriesReadBackInOrderWithEveryField()
    {
        var board = Guid.NewGuid().ToString();

        for (var seq = 1; seq <= 20; seq++)
        {
            await Journal.AppendAsync(board, Entry(seq), CancellationToken.None).Within();
        }

        var read = await Journal.ReadAfterAsync(board, 0, CancellationToken.None).Within();
        Assert.Equal(Enumerable.Range(1, 20).Select(s => Entry(s)), read);
    }

    [Fact]
    public async Task ReadAfterReturnsOnlyLaterEntriesOfThatBoard()
    {
        var board = Guid.NewGuid().ToString();
        var other = Guid.NewGuid().ToString();
        for (var seq = 1; seq <= 6; seq++)
        {
            await Journal.AppendAsync(board, Entry(seq), CancellationToken.None).Within();
            await Journal.AppendAsync(other, Entry(seq, "p2"), CancellationToken.None).Within();
        }

        var read = await Journal.ReadAfterAsync(board, 4, CancellationToken.None).Within();

        Assert.Equal([Entry(5), Entry(6)], read);
        Assert.Empty(await Journal.ReadAfterAsync(board, 6, CancellationToken.None).Within());
        Assert.Equal(Enumerable.Range(1, 6).Select(s => Entry(s, "p2")), await Journal.ReadAfterAsync(other, 0, CancellationToken.None).Within());
    }

    [Fact]
    public async Task ConcurrentAppendsToManyBoardsAreAllKept()
    {
        var boards = Enumerable.Range(0, 25).Select(_ => Guid.NewGuid().ToString()).ToList();

        // Each board appends in order (as the log does); boards run concurrently (in the database, sharing commits).
        await Task.WhenAll(boards.Select(b => Task.Run(async () =>
        {
            for (var seq = 1; seq <= 40; seq++)
            {
                await Journal.AppendAsync(b, Entry(seq), CancellationToken.None);
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        foreach (var b in boards)
        {
            var read = await Journal.ReadAfterAsync(b, 0, CancellationToken.None).Within();
            Assert.Equal(Enumerable.Range(1, 40).Select(s => (long)s), read.Select(e => e.Seq));
        }
    }

    [Fact]
    public async Task AppendingTheSameEntryTwiceKeepsOneCopy()
    {
        var board = Guid.NewGuid().ToString();
        await Journal.AppendAsync(board, Entry(1), CancellationToken.None).Within();

        await Journal.AppendAsync(board, Entry(1), CancellationToken.None).Within();

        Assert.Equal([Entry(1)], await Journal.ReadAfterAsync(board, 0, CancellationToken.None).Within());
    }

    [Fact]
    public async Task ADifferentEntryAtAJournaledSeqIsRefusedAndTheOthersInItsBatchAreKept()
    {
        var board = Guid.NewGuid().ToString();
        await Journal.AppendAsync(board, Entry(1), CancellationToken.None).Within();

        // Queued together, so in the database they share a batch: the conflicting one must fail alone.
        var conflicting = Journal.AppendAsync(board, Entry(1, actor: "someone-else"), CancellationToken.None);
        var fine = Journal.AppendAsync(board, Entry(2), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => conflicting.Within());
        await fine.Within();
        Assert.Equal([Entry(1), Entry(2)], await Journal.ReadAfterAsync(board, 0, CancellationToken.None).Within());
    }
}

public sealed class InMemoryEntryJournalTests : EntryJournalContract
{
    protected override Task<IEntryJournal> CreateAsync() => Task.FromResult<IEntryJournal>(new InMemoryEntryJournal());
}

/// <summary>The database journal (EF Core over a SQLite file): the contract, and what only it does.</summary>
public sealed class EntryJournalTests : EntryJournalContract
{
    private readonly TempFolder _folder = new();
    private DataServices? _data;

    protected override async Task<IEntryJournal> CreateAsync()
    {
        _data = await DataServices.StartAsync(_folder.Path);
        // The interface the server uses resolves to the database journal.
        Assert.IsType<EntryJournal>(_data.Get<IEntryJournal>());
        return _data.Get<EntryJournal>();
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
    public async Task AppendedEntriesSurviveANewContextAndConnection()
    {
        var board = Guid.NewGuid().ToString();
        await using (var data = await DataServices.StartAsync(_folder.Path))
        {
            var journal = data.Get<EntryJournal>();
            await Task.WhenAll(Enumerable.Range(1, 50).Select(s => journal.AppendAsync(board, Entry(s), CancellationToken.None))).Within();
        }

        // Nothing shared with the writer: a new service provider, new pool, new connection.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var reopened = await DataServices.StartAsync(_folder.Path);
        var read = await reopened.Get<EntryJournal>().ReadAfterAsync(board, 0, CancellationToken.None).Within();
        Assert.Equal(Enumerable.Range(1, 50).Select(s => Entry(s)), read);
    }

    [Fact]
    public async Task TrimDropsOnlyEntriesUpToTheGivenSeq()
    {
        var journal = (EntryJournal)Journal;
        var board = Guid.NewGuid().ToString();
        for (var seq = 1; seq <= 5; seq++)
        {
            await journal.AppendAsync(board, Entry(seq), CancellationToken.None).Within();
        }

        Assert.Equal(3, await journal.TrimAsync(board, 3, CancellationToken.None).Within());

        Assert.Equal([Entry(4), Entry(5)], await journal.ReadAfterAsync(board, 0, CancellationToken.None).Within());
    }

    [Fact]
    public async Task LastSeqIsTheHighestJournaledSeqOfTheBoard()
    {
        var journal = (EntryJournal)Journal;
        var board = Guid.NewGuid().ToString();
        Assert.Equal(0, await journal.LastSeqAsync(board, CancellationToken.None).Within());
        for (var seq = 1; seq <= 6; seq++)
        {
            await journal.AppendAsync(board, Entry(seq), CancellationToken.None).Within();
        }

        Assert.Equal(6, await journal.LastSeqAsync(board, CancellationToken.None).Within());
    }
}
