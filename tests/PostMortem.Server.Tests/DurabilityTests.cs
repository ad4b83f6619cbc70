using Microsoft.Extensions.DependencyInjection;
using PostMortem.Data.Journal;
using PostMortem.Data.Snapshots;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.Server.Tests;

/// <summary>The embedded log journals before anyone learns of an entry; boards reload from snapshot + log (R13, R14).</summary>
public sealed class DurabilityTests : IDisposable
{
    private readonly RecordingJournal _journal = new();
    private readonly RecordingSnapshotStore _snapshots = new();
    private readonly ServerFactory _server;

    public DurabilityTests()
    {
        _server = new ServerFactory(
            new Dictionary<string, string?> { ["Boards:SnapshotDebounce"] = "00:00:00.050" },
            services =>
            {
                services.AddSingleton<IEntryJournal>(_journal);
                services.AddSingleton<ISnapshotStore>(_snapshots);
            });
        // At the moment an entry is journaled, neither the log's readers nor the replica may have it yet.
        _journal.SeenDownstream = (boardId, seq) =>
            _server.Registry.TryGetLoaded(boardId)?.Seq >= seq
            || _server.Log.LastSeqAsync(boardId, CancellationToken.None).AsTask().Result >= seq;
    }

    [Fact]
    public async Task EmbeddedLogJournalsEachEntryBeforeItIsAcknowledged()
    {
        // R13
        await using var board = await LiveBoard.StartAsync(_server, "Alex");
        await board.AdvanceAsync();
        var alex = board.Participants[0].Client;
        for (var i = 0; i < 5; i++)
        {
            var ack = await alex.SubmitAsync(LiveBoard.Note($"n{i}", "event", $"note {i}"));
            Assert.Equal("accepted", ack.Status);
            Assert.True(_journal.Contains(board.BoardId, ack.Seq!.Value), $"seq {ack.Seq} acknowledged but not journaled");
        }

        Assert.Empty(_journal.Violations);
        Assert.Equal(board.Replica().Seq, _journal.CountFor(board.BoardId));
    }

    [Fact]
    public async Task JournalFailureRefusesTheCommandAndLeavesTheBoardUnchanged()
    {
        // R13 + R9
        await using var board = await LiveBoard.StartAsync(_server, "Alex");
        await board.AdvanceAsync();
        var before = board.Replica();
        _journal.Fail = true;
        try
        {
            var error = await Assert.ThrowsAsync<HubCallException>(() => board.Participants[0].Client.SubmitAsync(LiveBoard.Note("lost", "event", "x"), "op-journal"));
            Assert.Equal("unavailable", error.Code);
        }
        finally
        {
            _journal.Fail = false;
        }

        Assert.Equal(before, board.Replica());
        Assert.Equal(before.Seq, await _server.Log.LastSeqAsync(board.BoardId, CancellationToken.None));
        // The retry with the same clientOpId now applies, at the next sequence number (no gap).
        var retry = await board.Participants[0].Client.SubmitAsync(LiveBoard.Note("lost", "event", "x"), "op-journal");
        Assert.Equal("accepted", retry.Status);
        Assert.Equal(before.Seq + 1, retry.Seq);
    }

    [Fact]
    public async Task BoardReloadedFromSnapshotAndLogHasTheSameState()
    {
        // R14: a phase change saves a snapshot; an idle board is dropped and comes back identical.
        string boardId;
        (long Seq, string Hash) before;
        await using (var board = await LiveBoard.StartAsync(_server, "Alex"))
        {
            boardId = board.BoardId;
            await board.AdvanceAsync();
            var phaseChange = board.Replica().Seq;
            await _snapshots.WaitForSavedAsync(boardId, phaseChange);
            await board.Participants[0].Client.SubmitAsync(LiveBoard.Note("after-snapshot", "event", "entry after the snapshot"));
            before = board.Replica();
        }

        // Connections are gone; wait until the host has no session, then sweep with a zero idle timeout.
        var host = _server.Registry.TryGetLoaded(boardId)!;
        await host.WhenNoSessionsAsync().WaitAsync(HubTestClient.Timeout);
        await _server.Registry.SweepAsync(TimeSpan.Zero);
        Assert.Null(_server.Registry.TryGetLoaded(boardId));

        var reloaded = await _server.Registry.GetAsync(boardId, CancellationToken.None);
        Assert.NotNull(reloaded);
        Assert.Equal(before, reloaded.Read(b => (b.Seq, b.StateHash())));
    }

    public void Dispose() => _server.Dispose();
}
