using Microsoft.Extensions.Logging.Abstractions;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Data.Journal;
using PostMortem.Data.Snapshots;
using PostMortem.Server.BoardLog;
using PostMortem.Server.Boards;
using PostMortem.Server.Options;
using PostMortem.Server.Hubs;
using PostMortem.Server.Presence;

namespace PostMortem.Server.Tests;

/// <summary>
/// An ack describes the sender's own entry, found by (actor, clientOpId), never whatever entry holds the seq the log
/// answered with (docs/SCALE-OUT.md, "When Redis loses acknowledged writes": a Redis that lost writes gives their
/// numbers again, and a replica that applied the lost entries holds other entries under them).
/// </summary>
public sealed class AckMatchingTests
{
    private const string BoardId = "0123456789abcdef0123456789abcdef";
    private const string Facilitator = "facilitator-1";

    [Fact]
    public async Task AnAckIsNeverTakenFromAnotherEntryThatHoldsTheSameSeq()
    {
        var local = new LocalBoardLog(TimeProvider.System, new InMemoryEntryJournal());
        await local.AppendAsync(BoardId, new PendingEntry(Facilitator, "create",
            new CreateBoard("Acks", DateTimeOffset.UtcNow, IncidentType.Other, 3, "Sam")), CancellationToken.None);
        await local.AppendAsync(BoardId, new PendingEntry(Facilitator, "advance", new AdvancePhase()), CancellationToken.None);
        var othersNote = await local.AppendAsync(BoardId, new PendingEntry(Facilitator, "op-lost", Note("lost")), CancellationToken.None);
        await using var host = (await BoardHost.LoadAsync(BoardId, local, new InMemorySnapshotStore(), new BoardOptions(), TimeProvider.System,
            NullLogger.Instance, _ => { }, [], new NoPresence(), CancellationToken.None))!;
        // The log answers the next append with a number this replica already applied to another entry.
        var reissuing = new ReissuingLog(local, othersNote.Seq);
        var commands = new BoardCommands(reissuing, Microsoft.Extensions.Options.Options.Create(new LimitsOptions()), TimeProvider.System);

        var mine = new PendingEntry(Facilitator, "op-mine", Note("mine"));
        await Assert.ThrowsAsync<BoardUnavailableException>(() => commands.AppendAsync(host, mine, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<BoardUnavailableException>(() => commands.RunAsync(host, mine, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));

        // Once the log gives the op its own entry, the ack is that entry's outcome.
        reissuing.Reissue = null;
        var (outcome, seq) = await commands.RunAsync(host, mine, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(outcome.IsAccepted, outcome.Message);
        Assert.Equal(othersNote.Seq + 1, seq);
        var applied = await host.WaitForAppliedAsync(seq!.Value, TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal(("op-mine", Facilitator), (applied!.Entry.ClientOpId, applied.Entry.ActorId));
    }

    [Fact]
    public void AnEntryIsTheSendersOwnOnlyWithTheSameActorAndClientOpId()
    {
        var entry = new LogEntry(7, DateTimeOffset.UnixEpoch, "ana", "op-1", new AdvancePhase());
        Assert.True(BoardCommands.IsOwnEntry(entry, new PendingEntry("ana", "op-1", new AdvancePhase())));
        Assert.False(BoardCommands.IsOwnEntry(entry, new PendingEntry("ben", "op-1", new AdvancePhase())));
        Assert.False(BoardCommands.IsOwnEntry(entry, new PendingEntry("ana", "op-2", new AdvancePhase())));
        Assert.False(BoardCommands.IsOwnEntry(entry, new PendingEntry("ana", "OP-1", new AdvancePhase())));
    }

    private static AddNote Note(string id) => new(id, NoteKind.Event, $"note {id}", DateTimeOffset.UtcNow);

    /// <summary>While <see cref="Reissue"/> is set, answers an append with that seq and the caller's op, writing nothing:
    /// what a Redis that lost entries (and gave their numbers again) looks like to the replica that applied them.</summary>
    private sealed class ReissuingLog(IBoardLog inner, long? reissue) : IBoardLog
    {
        public long? Reissue { get; set; } = reissue;

        public ValueTask<LogEntry> AppendAsync(string boardId, PendingEntry pending, CancellationToken cancellationToken) =>
            Reissue is { } seq
                ? ValueTask.FromResult(new LogEntry(seq, DateTimeOffset.UtcNow, pending.ActorId, pending.ClientOpId, pending.Command))
                : inner.AppendAsync(boardId, pending, cancellationToken);

        public ValueTask<IReadOnlyList<LogEntry>> ReadAsync(string boardId, long afterSeq, int max, CancellationToken cancellationToken) =>
            inner.ReadAsync(boardId, afterSeq, max, cancellationToken);

        public ValueTask<long> LastSeqAsync(string boardId, CancellationToken cancellationToken) => inner.LastSeqAsync(boardId, cancellationToken);

        public ValueTask<IAsyncDisposable> SubscribeAsync(string boardId, Func<LogEntry, ValueTask> onEntry, CancellationToken cancellationToken) =>
            inner.SubscribeAsync(boardId, onEntry, cancellationToken);

        public ValueTask TrimAsync(string boardId, long upToSeq, CancellationToken cancellationToken) => inner.TrimAsync(boardId, upToSeq, cancellationToken);
    }

    private sealed class NoPresence : IPresenceBroadcast
    {
        public void Send(string boardId, RawJson batch, IReadOnlyList<string> exceptConnectionIds)
        {
        }

        public Task AddAsync(string connectionId, string boardId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
