using PostMortem.Core;
using PostMortem.Core.Log;
using PostMortem.Core.Protocol;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.BoardLog.Tests.Cluster;

/// <summary>
/// Instances and Redis fail under a running session (ARCHITECTURE.md invariant 2 across instances).
/// Each test starts its own two server processes; the class has its own redis-server because one
/// test restarts it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterFailureTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task AfterSigkillOfOneInstanceItsParticipantsContinueOnTheOtherAndNothingIsLostOrDoubled()
    {
        var (a, b) = await StartPairAsync();
        await using var stopA = a;
        await using var stopB = b;
        await using var board = await ClusterBoard.CreateAsync(a);
        var facilitator = await board.SeatFacilitatorAsync(b);
        Assert.Equal("accepted", (await facilitator.Client.SubmitAsync(new { type = "advancePhase" })).Status);
        var roamers = new List<RoamingParticipant>();
        foreach (var (name, home) in new[] { ("Ana", a), ("Ben", a), ("Cy", b) })
        {
            using var api = new ApiClient(home.Http());
            var joined = await api.JoinAsync(board.Board, name);
            var roamer = new RoamingParticipant(board, name, joined.Token, home == a ? [a, b] : [b, a]);
            await roamer.ConnectAsync();
            roamers.Add(roamer);
        }

        const int perParticipant = 30;
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var submitting = roamers.Select(roamer => Task.Run(async () =>
        {
            var acks = new List<Ack>();
            for (var i = 0; i < perParticipant; i++)
            {
                acks.Add(await roamer.SubmitUntilDecidedAsync(ClusterBoard.Note($"{roamer.Name}-{i}", $"{roamer.Name} #{i}"), $"{roamer.Name}-op-{i}"));
                if (roamer.Name == "Ana" && i == perParticipant / 3)
                {
                    halfway.TrySetResult();
                }
            }

            return acks;
        })).ToList();
        await halfway.Task.WithTimeout();
        await a.KillAsync();
        var acks = await Task.WhenAll(submitting).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(acks.SelectMany(x => x), ack => Assert.Contains(ack.Status, new[] { "accepted", "duplicate" }));
        Assert.All(roamers.Where(r => r.Name != "Cy"), r => Assert.True(r.Reconnects >= 1, $"{r.Name} never left the killed instance"));
        Assert.All(roamers, r => Assert.Same(b, r.Instance));

        // The log, replayed through Core: every command was applied exactly once, whatever was resent.
        var replay = await ReplayAsync(board.BoardId);
        foreach (var roamer in roamers)
        {
            for (var i = 0; i < perParticipant; i++)
            {
                var outcomes = replay.Outcomes.Where(o => o.Op == $"{roamer.Name}-op-{i}").Select(o => o.Status).ToList();
                Assert.Equal(1, outcomes.Count(s => s == OutcomeStatus.Accepted));
                Assert.All(outcomes, s => Assert.NotEqual(OutcomeStatus.Rejected, s));
            }
        }

        // The surviving instance shows exactly that board.
        var check = await HubTestClient.ConnectAsync(b.BaseAddress, board.Board.Token, "check@B");
        await using (check)
        {
            var view = (await check.JoinAsync(board.BoardId)).GetProperty("view");
            var notes = view.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList();
            var expected = roamers.SelectMany(r => Enumerable.Range(0, perParticipant).Select(i => $"{r.Name}-{i}")).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, notes);
            Assert.Equal(replay.Board.Seq, view.GetProperty("seq").GetInt64());
        }

        foreach (var roamer in roamers)
        {
            await roamer.DisposeAsync();
        }
    }

    [Fact]
    public async Task BothInstancesRecoverFromARedisRestartAndConverge()
    {
        var (a, b) = await StartPairAsync();
        await using var stopA = a;
        await using var stopB = b;
        await using var board = await ClusterBoard.CreateAsync(a);
        var facilitator = await board.SeatFacilitatorAsync(a);
        Assert.Equal("accepted", (await facilitator.Client.SubmitAsync(new { type = "advancePhase" })).Status);
        var seats = new List<Seat>
        {
            facilitator,
            await board.SeatParticipantAsync("Dee", joinVia: b, on: b),
            await board.SeatParticipantAsync("Eli", joinVia: a, on: a),
            await board.SeatParticipantAsync("Flo", joinVia: a, on: b),
        };
        foreach (var seat in seats)
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal("accepted", (await seat.Client.SubmitAsync(ClusterBoard.Note($"{seat.Name}-{i}", "before"))).Status);
            }
        }

        await redis.StopAsync();
        // The hub answers with a retryable error; the command was not taken.
        var refused = await Assert.ThrowsAsync<HubCallException>(() => seats[1].Client.SubmitAsync(ClusterBoard.Note("during", "while Redis is down"), "op-during"));
        Assert.Equal("unavailable", refused.Code);
        await redis.StartAsync();

        var retried = await RetryWhileUnavailableAsync(() => seats[1].Client.SubmitAsync(ClusterBoard.Note("during", "while Redis is down"), "op-during"));
        Assert.Equal("accepted", retried.Status);
        var acks = new List<Ack>();
        foreach (var seat in seats)
        {
            for (var i = 5; i < 10; i++)
            {
                acks.Add(await RetryWhileUnavailableAsync(() => seat.Client.SubmitAsync(ClusterBoard.Note($"{seat.Name}-{i}", "after"))));
            }
        }

        Assert.All(acks, ack => Assert.Equal("accepted", ack.Status));
        var last = acks.Max(x => x.Seq!.Value);
        await board.AssertConvergedAsync(seats, last, a, b);
        var replay = await ReplayAsync(board.BoardId);
        Assert.Equal(last, replay.Board.Seq);
        Assert.Equal(1, replay.Outcomes.Count(o => o.Op == "op-during"));
    }

    [Fact]
    public async Task AParticipantWhoJoinedOnAConnectsToBWhileBsReplicaIsHeldBackAndWaitsInsteadOfBeingRefused()
    {
        // R20. B's board log reaches Redis through a proxy the test can stall, so B's replica is held back for certain;
        // B's SignalR backplane keeps its own direct link, so only the replica lags (connecting and joining the
        // board's presence group go on).
        await using var proxy = new TcpProxy(redis.Port);
        var started = await Task.WhenAll(
            ServerProcess.StartAsync("A", redis.ConnectionString),
            ServerProcess.StartAsync("B", proxy.ConnectionString, new Dictionary<string, string> { ["ConnectionStrings__RedisBackplane"] = redis.ConnectionString }));
        await using var a = started[0];
        await using var b = started[1];
        await using var board = await ClusterBoard.CreateAsync(a);
        var facilitator = await board.SeatFacilitatorAsync(b); // B hosts the board's replica from here on

        proxy.Stall();
        using var api = new ApiClient(a.Http());
        var joined = await api.JoinAsync(board.Board, "Ana");
        await using var ana = await HubTestClient.ConnectAsync(b.BaseAddress, joined.Token, "Ana@B");
        var joining = ana.JoinAsync(board.BoardId);
        // B has seen the token, found its replica behind the join, and is waiting (not refusing).
        await b.WaitForOutputAsync($"waits for board {board.BoardId}", TimeSpan.FromSeconds(30));
        Assert.False(ana.Closed.IsCompleted);
        proxy.Resume();

        var join = await joining;
        Assert.Equal("snapshot", join.GetProperty("mode").GetString());
        Assert.Equal("accepted", (await facilitator.Client.SubmitAsync(new { type = "advancePhase" })).Status);
        Assert.Equal("accepted", (await ana.SubmitAsync(ClusterBoard.Note("ana-1", "joined on A, working on B"))).Status);
    }

    private async Task<(ServerProcess A, ServerProcess B)> StartPairAsync()
    {
        var started = await Task.WhenAll(ServerProcess.StartAsync("A", redis.ConnectionString), ServerProcess.StartAsync("B", redis.ConnectionString));
        return (started[0], started[1]);
    }

    private static async Task<Ack> RetryWhileUnavailableAsync(Func<Task<Ack>> submit)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await submit();
            }
            catch (HubCallException ex) when (ex.Code == "unavailable" && waited.Elapsed < TimeSpan.FromSeconds(20))
            {
                // Redis is still coming back; the same clientOpId is safe to resend.
                await Task.Delay(50);
            }
        }
    }

    private sealed record Replayed(Board Board, List<(string Op, OutcomeStatus Status)> Outcomes);

    /// <summary>Reads the board's whole log from Redis and applies it with Core's reducer.</summary>
    private async Task<Replayed> ReplayAsync(string boardId)
    {
        await using var log = await RedisTestLogs.CreateAsync(redis.ConnectionString);
        var board = Board.Empty(boardId);
        var outcomes = new List<(string, OutcomeStatus)>();
        IReadOnlyList<LogEntry> page;
        do
        {
            page = await log.ReadAsync(boardId, board.Seq, 500, CancellationToken.None).WithTimeout();
            foreach (var entry in page)
            {
                outcomes.Add((entry.ClientOpId, board.Apply(entry).Outcome.Status));
            }
        }
        while (page.Count > 0);

        return new Replayed(board, outcomes);
    }
}
