using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using PostMortem.Data.Journal;

namespace PostMortem.Data.Tests;

public sealed class EntryJournalTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 3, 16, 47, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    internal static LogEntry Entry(long seq, string actor = "p1") =>
        new(seq, T0.AddSeconds(seq), actor, $"op-{seq}", new AddNote($"note-{seq}", NoteKind.Event, $"event {seq}", T0.AddMinutes(seq)));

    [Fact]
    public async Task AppendedEntriesReadBackInOrderWithEveryField()
    {
        await using var data = await DataServices.StartAsync(_folder.Path);
        var journal = data.Get<EntryJournal>();
        var board = Guid.NewGuid().ToString();

        for (var seq = 1; seq <= 20; seq++)
        {
            await journal.AppendAsync(board, Entry(seq), CancellationToken.None).Within();
        }

        var read = await journal.ReadAfterAsync(board, 0, CancellationToken.None).Within();
        Assert.Equal(Enumerable.Range(1, 20).Select(s => Entry(s)), read);
    }

    [Fact]
    public async Task ReadAfterReturnsOnlyLaterEntriesOfThatBoard()
    {
        await using var data = await DataServices.StartAsync(_folder.Path);
        var journal = data.Get<EntryJournal>();
        var board = Guid.NewGuid().ToString();
        var other = Guid.NewGuid().ToString();
        for (var seq = 1; seq <= 6; seq++)
        {
            await journal.AppendAsync(board, Entry(seq), CancellationToken.None).Within();
            await journal.AppendAsync(other, Entry(seq, "p2"), CancellationToken.None).Within();
        }

        var read = await journal.ReadAfterAsync(board, 4, CancellationToken.None).Within();

        Assert.Equal([Entry(5), Entry(6)], read);
        Assert.Empty(await journal.ReadAfterAsync(board, 6, CancellationToken.None).Within());
        Assert.Equal(6, await journal.LastSeqAsync(other, CancellationToken.None).Within());
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
    public async Task ConcurrentAppendsToManyBoardsAreAllKept()
    {
        await using var data = await DataServices.StartAsync(_folder.Path);
        var journal = data.Get<EntryJournal>();
        var boards = Enumerable.Range(0, 25).Select(_ => Guid.NewGuid().ToString()).ToList();

        // Each board appends in order (as the log does); boards run concurrently, so their entries share commits.
        await Task.WhenAll(boards.Select(b => Task.Run(async () =>
        {
            for (var seq = 1; seq <= 40; seq++)
            {
                await journal.AppendAsync(b, Entry(seq), CancellationToken.None);
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        foreach (var b in boards)
        {
            var read = await journal.ReadAfterAsync(b, 0, CancellationToken.None).Within();
            Assert.Equal(Enumerable.Range(1, 40).Select(s => (long)s), read.Select(e => e.Seq));
        }
    }

    [Fact]
    public async Task AppendingTheSameEntryTwiceKeepsOneCopy()
    {
        await using var data = await DataServices.StartAsync(_folder.Path);
        var journal = data.Get<EntryJournal>();
        var board = Guid.NewGuid().ToString();
        await journal.AppendAsync(board, Entry(1), CancellationToken.None).Within();

        await journal.AppendAsync(board, Entry(1), CancellationToken.None).Within();

        Assert.Equal([Entry(1)], await journal.ReadAfterAsync(board, 0, CancellationToken.None).Within());
    }

    [Fact]
    public async Task ADifferentEntryAtAJournaledSeqIsRefusedAndTheOthersInItsBatchAreKept()
    {
        await using var data = await DataServices.StartAsync(_folder.Path);
        var journal = data.Get<EntryJournal>();
        var board = Guid.NewGuid().ToString();
        await journal.AppendAsync(board, Entry(1), CancellationToken.None).Within();

        // Queued together, so they share a batch: the conflicting one must fail alone.
        var conflicting = journal.AppendAsync(board, Entry(1, actor: "someone-else"), CancellationToken.None);
        var fine = journal.AppendAsync(board, Entry(2), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => conflicting.Within());
        await fine.Within();
        Assert.Equal([Entry(1), Entry(2)], await journal.ReadAfterAsync(board, 0, CancellationToken.None).Within());
    }

    [Fact]
    public async Task TrimDropsOnlyEntriesUpToTheGivenSeq()
    {
        await using var data = await DataServices.StartAsync(_folder.Path);
        var journal = data.Get<EntryJournal>();
        var board = Guid.NewGuid().ToString();
        for (var seq = 1; seq <= 5; seq++)
        {
            await journal.AppendAsync(board, Entry(seq), CancellationToken.None).Within();
        }

        Assert.Equal(3, await journal.TrimAsync(board, 3, CancellationToken.None).Within());

        Assert.Equal([Entry(4), Entry(5)], await journal.ReadAfterAsync(board, 0, CancellationToken.None).Within());
    }
}
