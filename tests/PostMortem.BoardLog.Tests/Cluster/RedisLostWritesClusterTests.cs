using PostMortem.Core;
using PostMortem.Core.Log;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.BoardLog.Tests.Cluster;

/// <summary>
/// Redis loses acknowledged writes under two running instances (docs/SCALE-OUT.md, "When Redis loses acknowledged
/// writes"): redis-server is killed with SIGKILL and started again from a copy of its append-only files taken while
/// the board was busy — the <c>appendfsync everysec</c> crash window made certain. The class has its own
/// redis-server because the test restarts it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RedisLostWritesClusterTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    /// <summary>A bound on waiting for load on a busy two-core machine, never a performance assertion.</summary>
    private static readonly TimeSpan s_long = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task AfterRedisComesBackWithoutItsLastWritesEveryAcknowledgedCommandIsOnTheBoardOnceUnderItsAckAndEveryoneAgrees()
    {
        var started = await Task.WhenAll(ServerProcess.StartAsync("A", redis.ConnectionString), ServerProcess.StartAsync("B", redis.ConnectionString));
        await using var a = started[0];
        await using var b = started[1];
        await using var board = await ClusterBoard.CreateAsync(a);
        var facilitator = await board.SeatFacilitatorAsync(b);
        Assert.Equal("accepted", (await facilitator.Client.SubmitAsync(new { type = "advancePhase" })).Status);
        var progress = new Progress();
        var writers = new List<LoadWriter>();
        foreach (var (name, home) in new[] { ("Ana", a), ("Ben", b), ("Cy", a), ("Dee", b) })
        {
            using var api = new ApiClient(home.Http());
            var joined = await api.JoinAsync(board.Board, name);
            var writer = new LoadWriter(board, name, joined.ParticipantId, joined.Token, home, progress);
            await writer.ConnectAsync();
            writers.Add(writer);
        }

        using var stop = new CancellationTokenSource();
        var running = writers.Select(w => Task.Run(() => w.RunAsync(stop.Token))).ToList();
        await progress.MoreAcceptedAsync(40, s_long);

        // The point Redis will come back to; everything acknowledged after it is what a crash loses.
        var copy = await redis.CopyAppendOnlyFilesAsync();
        await progress.MoreAcceptedAsync(100, s_long);
        // Both instances delivered every entry acknowledged so far, so each holds what Redis is about to lose.
        var acknowledged = progress.MaxSeq;
        foreach (var seat in writers.Select(w => w.Seat).Append(facilitator))
        {
            await seat.Client.WaitForSeqAsync(acknowledged);
        }

        await redis.KillAndRestartFromAsync(copy);
        // An instance found the log behind what it applied and wrote the lost entries back (event 4117).
        await Task.WhenAny(a.WaitForOutputAsync("wrote back", s_long), b.WaitForOutputAsync("wrote back", s_long)).Unwrap();
        await progress.MoreAcceptedAsync(100, s_long);
        await stop.CancelAsync();
        await Task.WhenAll(running).WaitAsync(s_long);

        var log = await ReadLogAsync(board.BoardId);
        var head = log[^1].Seq;
        Assert.Equal(Enumerable.Range(1, (int)head).Select(i => (long)i), log.Select(e => e.Seq));

        // Every ack named the writer's own entry, and every acknowledged command is in the log exactly once, accepted.
        var replay = Board.Empty(board.BoardId);
        var outcomes = log.ToDictionary(e => e.Seq, e => replay.Apply(e).Outcome.Status);
        foreach (var writer in writers)
        {
            foreach (var (op, ack) in writer.Acks)
            {
                Assert.Contains(ack.Status, new[] { "accepted", "duplicate" });
                var named = log[(int)ack.Seq!.Value - 1];
                Assert.Equal((writer.ParticipantId, op), (named.ActorId, named.ClientOpId));
                var copies = log.Where(e => e.ActorId == writer.ParticipantId && e.ClientOpId == op).ToList();
                Assert.Single(copies);
                Assert.Equal(OutcomeStatus.Accepted, outcomes[copies[0].Seq]);
            }
        }

        Assert.True(acknowledged < head, $"the board went on after the loss (acknowledged {acknowledged} before it, head {head})");

        // Every client and both instances show one state; a third instance that loads the board from Redis agrees.
        var seats = writers.Select(w => w.Seat).Append(facilitator).ToList();
        await board.AssertConvergedAsync(seats, head, a, b);
        await using var c = await ServerProcess.StartAsync("C", redis.ConnectionString);
        await board.AssertConvergedAsync(seats, head, c);
        await using var check = await HubTestClient.ConnectAsync(c.BaseAddress, board.Board.Token, "check@C");
        var view = (await check.JoinAsync(board.BoardId)).GetProperty("view");
        var notes = view.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).Order(StringComparer.Ordinal);
        var expected = writers.SelectMany(w => w.Acks.Select(x => x.Op.Replace("-op-", "-", StringComparison.Ordinal))).Order(StringComparer.Ordinal);
        Assert.Equal(expected, notes);
        Assert.DoesNotContain("rewinds to seq", a.Output + b.Output, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<LogEntry>> ReadLogAsync(string boardId)
    {
        await using var log = await RedisTestLogs.CreateAsync(redis.ConnectionString);
        var all = new List<LogEntry>();
        IReadOnlyList<LogEntry> page;
        do
        {
            page = await log.ReadAsync(boardId, all.Count == 0 ? 0 : all[^1].Seq, 500, CancellationToken.None).WithTimeout();
            all.AddRange(page);
        }
        while (page.Count > 0);

        return all;
    }
}
