using PostMortem.Core;
using PostMortem.Data.Journal;
using PostMortem.Data.Records;
using PostMortem.Data.Snapshots;

namespace PostMortem.Data.Tests;

/// <summary>
/// The same guarantees on a real SQL Server, when POSTMORTEM_TEST_SQLSERVER names one (skipped otherwise).
/// Boards are fresh per test, so the database may be shared and reused.
/// </summary>
public sealed class SqlServerLiveTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private Task<DataServices> StartAsync() => DataServices.StartAsync(_folder.Path, new Dictionary<string, string?>
    {
        ["Database:Provider"] = "SqlServer",
        ["ConnectionStrings:PostMortem"] = SqlServerFactAttribute.ConnectionString,
    });

    [SqlServerFact]
    public async Task SqlServerKeepsTheNewestSnapshotUnderRacingWriters()
    {
        await using var first = await StartAsync();
        await using var second = await StartAsync();
        var stores = new[] { first.Get<SnapshotStore>(), second.Get<SnapshotStore>() };
        var board = Guid.NewGuid().ToString();

        await Task.WhenAll(Enumerable.Range(1, 60).Select(seq => Task.Run(() =>
            stores[seq % 2].SaveAsync(new BoardSnapshot(board, seq, $"{{\"seq\":{seq}}}", new string('a', 64)), CancellationToken.None))))
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(60, (await stores[0].LoadLatestAsync(board, CancellationToken.None).Within())!.Seq);
        Assert.False(await stores[1].SaveAsync(new BoardSnapshot(board, 59, "{}", new string('b', 64)), CancellationToken.None).Within());
    }

    [SqlServerFact]
    public async Task SqlServerJournalReadsBackWhatWasAppended()
    {
        var board = Guid.NewGuid().ToString();
        await using (var data = await StartAsync())
        {
            var journal = data.Get<EntryJournal>();
            await Task.WhenAll(Enumerable.Range(1, 30).Select(s => journal.AppendAsync(board, EntryJournalContract.Entry(s), CancellationToken.None))).Within();
        }

        await using var reopened = await StartAsync();
        var read = await reopened.Get<EntryJournal>().ReadAfterAsync(board, 10, CancellationToken.None).Within();
        Assert.Equal(Enumerable.Range(11, 20).Select(s => EntryJournalContract.Entry(s)), read);
    }

    [SqlServerFact]
    public async Task SqlServerIncidentLogFindsRecurringCauses()
    {
        await using var data = await StartAsync();
        var recorder = data.Get<IncidentRecorder>();
        var marker = Guid.NewGuid().ToString("N");
        var first = IncidentLogTests.Record($"First {marker}", new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.Zero),
            rootCause: "No mechanism for one squad to know what another is changing");
        var second = IncidentLogTests.Record($"Second {marker}", new DateTimeOffset(2026, 3, 25, 9, 0, 0, TimeSpan.Zero),
            rootCause: "No mechanism for one team to know what another team is changing");
        await recorder.WriteAsync(first, CancellationToken.None).Within();
        await recorder.WriteAsync(second, CancellationToken.None).Within();

        var rows = await data.Get<IncidentLog>().ListAsync(new IncidentFilter(Text: marker), new DateOnly(2026, 4, 1), CancellationToken.None).Within();

        Assert.Equal([second.BoardId, first.BoardId], rows.Select(r => r.BoardId));
        Assert.Contains(rows[0].RecurringCauses, c => c.BoardId == first.BoardId);
    }
}
