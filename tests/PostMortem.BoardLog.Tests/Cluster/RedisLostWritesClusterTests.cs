using PostMortem.Core;
using PostMortem.Core.Log;
using PostMortem.Core.Protocol;
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

    [Fact]
    public async Task WhenRedisGaveTheLostNumbersToOtherEntriesTheBoardIsRewoundItsClientsAreToldInWordsAndNothingAcknowledgedIsDropped()
    {
        // A reaches the board log through a proxy the test cuts, so A cannot write the lost entries back before B (which
        // never saw them) appends under their numbers; A's backplane keeps its own direct link.
        await using var proxy = new TcpProxy(redis.Port);
        var started = await Task.WhenAll(
            ServerProcess.StartAsync("A", proxy.ConnectionString, new Dictionary<string, string> { ["ConnectionStrings__RedisBackplane"] = redis.ConnectionString }),
            ServerProcess.StartAsync("B", redis.ConnectionString));
        await using var a = started[0];
        await using var b = started[1];
        await using var board = await ClusterBoard.CreateAsync(a);
        var facilitator = await board.SeatFacilitatorAsync(a);
        Assert.Equal("accepted", (await facilitator.Client.SubmitAsync(new { type = "advancePhase" })).Status);
        var ana = await board.SeatParticipantAsync("Ana", joinVia: a, on: a);
        var acks = new List<(string Op, Ack Ack)>();
        string? copy = null;
        for (var i = 0; i < 10; i++)
        {
            if (i == 5)
            {
                copy = await redis.CopyAppendOnlyFilesAsync(); // Redis will come back without Ana's notes 5–9
            }

            var op = $"ana-op-{i}";
            acks.Add((op, await ana.Client.SubmitAsync(ClusterBoard.Note($"ana-{i}", $"Ana #{i}"), op)));
        }

        Assert.All(acks, x => Assert.Equal("accepted", x.Ack.Status));
        var applied = acks[^1].Ack.Seq!.Value;
        await facilitator.Client.WaitForSeqAsync(applied);

        proxy.Cut();
        await redis.KillAndRestartFromAsync(copy!);
        // B loads the board from what Redis has now and appends Ben's join under the first lost number.
        var ben = await JoinWhenAvailableAsync(board, "Ben", b);
        proxy.Restore();

        // A finds the numbers taken, offers Ana's lost notes again at the end and rebuilds; its clients are told.
        await a.WaitForOutputAsync("rewinds to seq", s_long);
        var told = await ana.Client.Fatal.WaitAsync(s_long);
        Assert.Equal("board_rewound", told.GetProperty("code").GetString());
        Assert.Contains("rebuilt", told.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("board_rewound", (await facilitator.Client.Fatal.WaitAsync(s_long)).GetProperty("code").GetString());

        // A reconnect that names a seq from the void history gets a fresh view, not entries on top of it (R21).
        await using var back = await HubTestClient.ConnectAsync(a.BaseAddress, ana.Token, "Ana-back@A");
        Assert.Equal("snapshot", (await back.JoinAsync(board.BoardId, applied)).GetProperty("mode").GetString());

        var log = await ReadLogAsync(board.BoardId);
        var head = log[^1].Seq;
        Assert.Equal(Enumerable.Range(1, (int)head).Select(i => (long)i), log.Select(e => e.Seq));
        foreach (var (op, _) in acks)
        {
            Assert.Single(log, e => e.ActorId == ana.ParticipantId && e.ClientOpId == op);
        }

        var seats = new List<Seat>
        {
            await board.SeatAsync("Ana", ana.ParticipantId, ana.Token, a),
            await board.SeatAsync("facilitator", facilitator.ParticipantId, facilitator.Token, a),
            await board.SeatAsync("Ben", ben.ParticipantId, ben.Token, b),
        };
        // One more entry, so every seat (all joined from a view) receives the board's head as an entry too.
        var last = await seats[2].Client.SubmitAsync(ClusterBoard.Note("ben-0", "Ben after the rewind"), "ben-op-0");
        Assert.Equal("accepted", last.Status);
        head = last.Seq!.Value;
        await board.AssertConvergedAsync(seats, head, a, b);
        await using var c = await ServerProcess.StartAsync("C", redis.ConnectionString);
        await board.AssertConvergedAsync(seats, head, c);
        var view = seats[0].Join.GetProperty("view");
        var notes = view.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).Order(StringComparer.Ordinal);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"ana-{i}").Order(StringComparer.Ordinal), notes);
        Assert.Contains("told the board was rewound", a.Output, StringComparison.Ordinal);
    }

    private static async Task<ParticipantTokenResponse> JoinWhenAvailableAsync(ClusterBoard board, string name, ServerProcess via)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        using var api = new ApiClient(via.Http());
        while (true)
        {
            try
            {
                return await api.JoinAsync(board.Board, name);
            }
            catch (InvalidOperationException ex) when (ex.Message.Contains("503", StringComparison.Ordinal) && waited.Elapsed < s_long)
            {
                await Task.Delay(50); // Redis is still coming back
            }
        }
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
