using System.Text.Json;
using PostMortem.Core.Protocol;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.BoardLog.Tests.Cluster;

/// <summary>
/// Two real server processes on one real redis-server (ARCHITECTURE.md invariant 1 across instances):
/// participants connected to different instances see one board.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task ParticipantsOnDifferentInstancesConvergeOnOneBoard()
    {
        await using var board = await ClusterBoard.CreateAsync(cluster.A);
        var facilitator = await board.SeatFacilitatorAsync(cluster.A);
        Assert.Equal("accepted", (await facilitator.Client.SubmitAsync(new { type = "advancePhase" })).Status);
        var seats = new List<Seat>
        {
            facilitator,
            await board.SeatParticipantAsync("Bea", joinVia: cluster.B, on: cluster.B),
            await board.SeatParticipantAsync("Cal", joinVia: cluster.B, on: cluster.A),
            await board.SeatParticipantAsync("Dan", joinVia: cluster.A, on: cluster.B),
        };

        var acks = await Task.WhenAll(seats.Select(seat => Task.Run(async () =>
        {
            var mine = new List<Ack>();
            for (var i = 0; i < 15; i++)
            {
                mine.Add(await seat.Client.SubmitAsync(ClusterBoard.Note($"{seat.Name}-{i}", $"{seat.Name} saw thing {i} on {seat.Instance.Name}")));
            }

            return mine;
        }))).WithTimeout();

        Assert.All(acks.SelectMany(a => a), ack => Assert.Equal("accepted", ack.Status));
        var last = acks.SelectMany(a => a).Max(a => a.Seq!.Value);
        await board.AssertConvergedAsync(seats, last, cluster.A, cluster.B);
    }

    [Fact]
    public async Task CursorsReachParticipantsOnTheOtherInstanceAndNeverTheLog()
    {
        await using var board = await ClusterBoard.CreateAsync(cluster.A);
        var facilitator = await board.SeatFacilitatorAsync(cluster.A);
        var onB = await board.SeatParticipantAsync("Gus", joinVia: cluster.B, on: cluster.B);
        var alsoOnA = await board.SeatParticipantAsync("Hal", joinVia: cluster.A, on: cluster.A);
        var seqBefore = (await facilitator.Client.SubmitAsync(new { type = "setReady", ready = true })).Seq!.Value;

        await onB.Client.InvokeAsync("Presence", new { kind = "drag", x = 12.5, y = 40.0, noteId = "n-1" });
        await facilitator.Client.InvokeAsync("Presence", new { kind = "cursor", x = 300.0, y = 7.0 });

        // A's participants see B's drag (relayed through Redis), B's participant sees A's cursor.
        foreach (var seat in new[] { facilitator, alsoOnA })
        {
            var drag = await seat.Client.WaitForAsync(
                () => seat.Client.PresenceMessages.FirstOrDefault(p => Text(p, "participantId") == onB.ParticipantId) is { ValueKind: System.Text.Json.JsonValueKind.Object } p ? (object)p : null,
                $"Gus's drag at {seat.Name}");
            var update = (System.Text.Json.JsonElement)drag;
            Assert.Equal("drag", Text(update, "kind"));
            Assert.Equal(12.5, update.GetProperty("x").GetDouble());
            Assert.Equal("n-1", Text(update, "noteId"));
        }

        var cursor = (System.Text.Json.JsonElement)await onB.Client.WaitForAsync(
            () => onB.Client.PresenceMessages.FirstOrDefault(p => Text(p, "participantId") == facilitator.ParticipantId) is { ValueKind: System.Text.Json.JsonValueKind.Object } p ? (object)p : null,
            "the facilitator's cursor on B");
        Assert.Equal(300.0, cursor.GetProperty("x").GetDouble());

        // Presence is ephemeral: the log did not move.
        var marker = await alsoOnA.Client.SubmitAsync(new { type = "setReady", ready = true });
        Assert.Equal(seqBefore + 1, marker.Seq);
    }

    [Fact]
    public async Task ARemovalOrderedOnOneInstanceClosesTheRemovedParticipantsConnectionOnTheOther()
    {
        await using var board = await ClusterBoard.CreateAsync(cluster.A);
        var facilitator = await board.SeatFacilitatorAsync(cluster.A);
        var removed = await board.SeatParticipantAsync("Ivy", joinVia: cluster.B, on: cluster.B);
        var stays = await board.SeatParticipantAsync("Jo", joinVia: cluster.B, on: cluster.B);

        var ack = await facilitator.Client.SubmitAsync(new { type = "removeParticipant", participantId = removed.ParticipantId });

        Assert.Equal("accepted", ack.Status);
        Assert.Equal("participant_removed", await removed.Client.WaitForFatalCodeAsync());
        await removed.Client.Closed.WaitAsync(HubTestClient.Timeout);
        // The other participant on B carries on and saw the removal in order.
        await stays.Client.WaitForSeqAsync(ack.Seq!.Value);
        Assert.Equal("accepted", (await stays.Client.SubmitAsync(new { type = "setReady", ready = true })).Status);
    }

    [Fact]
    public async Task EachEntryReachesEachConnectionOnceWhenBothInstancesHostTheBoard()
    {
        // Entries go from each instance to its own connections only; through the backplane's board group they
        // would arrive once per instance hosting the board.
        await using var board = await ClusterBoard.CreateAsync(cluster.A);
        var facilitator = await board.SeatFacilitatorAsync(cluster.A);
        var onA = await board.SeatParticipantAsync("Kim", joinVia: cluster.A, on: cluster.A);
        var onB = await board.SeatParticipantAsync("Lou", joinVia: cluster.B, on: cluster.B);
        var first = (await facilitator.Client.SubmitAsync(new { type = "advancePhase" })).Seq!.Value;
        var last = first;
        for (var i = 0; i < 5; i++)
        {
            last = (await onB.Client.SubmitAsync(ClusterBoard.Note($"once-{i}", "once"))).Seq!.Value;
        }

        // A marker after the last counted entry: once it arrived, any second copy of an earlier one would have too.
        var marker = (await onA.Client.SubmitAsync(new { type = "setReady", ready = true })).Seq!.Value;
        foreach (var seat in new[] { facilitator, onA, onB })
        {
            await seat.Client.WaitForSeqAsync(marker);
            var seqs = seat.Client.Entries.Select(e => e.GetProperty("seq").GetInt64()).Where(s => s >= first && s <= last).ToList();
            Assert.Equal(Enumerable.Range((int)first, (int)(last - first + 1)).Select(s => (long)s), seqs);
        }
    }

    [Fact]
    public async Task EachInstanceReportsItsRedisAppendsAndAppliesAtMetrics()
    {
        // Each process has its own meters. Counters only grow and the fixture's instances are shared by this
        // class's tests, so the assertions are lower bounds from this test's own traffic, read once at the end.
        await using var board = await ClusterBoard.CreateAsync(cluster.A);
        var facilitator = await board.SeatFacilitatorAsync(cluster.A);
        var onB = await board.SeatParticipantAsync("Max", joinVia: cluster.B, on: cluster.B);
        var acks = new List<Ack> { await facilitator.Client.SubmitAsync(new { type = "advancePhase" }) };
        for (var i = 0; i < 3; i++)
        {
            acks.Add(await facilitator.Client.SubmitAsync(ClusterBoard.Note($"a-{i}", "seen on A")));
            acks.Add(await onB.Client.SubmitAsync(ClusterBoard.Note($"b-{i}", "seen on B")));
        }

        Assert.All(acks, ack => Assert.Equal("accepted", ack.Status));
        var last = acks.Max(a => a.Seq!.Value);
        // An instance records an entry's apply lag before sending it to its connections.
        await facilitator.Client.WaitForSeqAsync(last);
        await onB.Client.WaitForSeqAsync(last);

        using var httpA = cluster.A.Http();
        using var httpB = cluster.B.Http();
        var a = await PrometheusScrape.ReadAsync(httpA);
        var b = await PrometheusScrape.ReadAsync(httpB);
        // The append's round trip is recorded before the command is acknowledged: 4 appends on A, 3 on B.
        Assert.True(a.Value("postmortem_redis_append_duration_seconds_count") >= 4);
        Assert.True(b.Value("postmortem_redis_append_duration_seconds_count") >= 3);
        Assert.True(a.Value("postmortem_board_appends_total") >= 4);
        Assert.True(b.Value("postmortem_board_appends_total") >= 3);
        // Both instances apply every entry, whichever instance appended it.
        Assert.True(a.Value("postmortem_board_apply_lag_seconds_count") >= acks.Count);
        Assert.True(b.Value("postmortem_board_apply_lag_seconds_count") >= acks.Count);
    }

    [Fact]
    public async Task OutcomesDecidedOnOneInstanceReachTheOtherInOrder()
    {
        await using var board = await ClusterBoard.CreateAsync(cluster.A);
        var facilitator = await board.SeatFacilitatorAsync(cluster.A);
        var observer = await board.SeatParticipantAsync("Eve", joinVia: cluster.B, on: cluster.B);
        var commands = new object[]
        {
            new { type = "advancePhase" },
            ClusterBoard.Note("n1", "API change deployed"),
            new { type = "editNote", noteId = "n1", text = "API change deployed (v2.3)" },
            new { type = "moveNote", noteId = "n1", position = 4.5 },
            ClusterBoard.Note("n2", "Error rate alert fired"),
            new { type = "deleteNote", noteId = "n2" },
            new { type = "lockPhase", phase = "timeline" },
        };

        var acks = new List<Ack>();
        foreach (var command in commands)
        {
            acks.Add(await facilitator.Client.SubmitAsync(command));
        }

        Assert.All(acks, ack => Assert.Equal("accepted", ack.Status));
        await observer.Client.WaitForSeqAsync(acks[^1].Seq!.Value);
        var seen = observer.Client.Entries.Where(e => e.GetProperty("seq").GetInt64() >= acks[0].Seq!.Value).ToList();
        Assert.Equal(acks.Select(a => a.Seq!.Value), seen.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(acks.Select(a => a.ClientOpId), seen.Select(e => e.GetProperty("clientOpId").GetString()));
        Assert.All(seen, e => Assert.Equal("accepted", e.Deserialize<EntryMessage>(ProtocolJson.CreateOptions())!.Status)); // left out when accepted
        await board.AssertConvergedAsync([facilitator, observer], acks[^1].Seq!.Value, cluster.A, cluster.B);
    }

    [Fact]
    public async Task AParticipantThatStopsReadingDoesNotHoldUpOthersOnItsInstance()
    {
        await using var board = await ClusterBoard.CreateAsync(cluster.B);
        var facilitator = await board.SeatFacilitatorAsync(cluster.B);
        var reader = await board.SeatParticipantAsync("Fay", joinVia: cluster.A, on: cluster.A);
        using (var api = new ApiClient(cluster.A.Http()))
        {
            var frozen = await api.JoinAsync(board.Board, "Gus");
            await using var stalled = await StalledClient.JoinAsync(cluster.A, frozen.Token, board.BoardId);
            Assert.Equal("accepted", (await facilitator.Client.SubmitAsync(new { type = "advancePhase" })).Status);
            Assert.Equal("accepted", (await facilitator.Client.SubmitAsync(ClusterBoard.Note("long", "x"))).Status);

            // More entries than the instance queues for one connection (Limits:OutboundQueue), each
            // carrying a full-length note text.
            var text = new string('w', 1000);
            Ack ack = null!;
            for (var i = 0; i < 400; i++)
            {
                ack = await facilitator.Client.SubmitAsync(new { type = "editNote", noteId = "long", text = text[..^(i % 10)] });
                Assert.Equal("accepted", ack.Status);
            }

            // The reader on the stalled client's instance got everything while the stalled one read nothing.
            await reader.Client.WaitForSeqAsync(ack.Seq!.Value);
            var from = reader.Join.GetProperty("seq").GetInt64() + 1;
            Assert.Equal(
                Enumerable.Range((int)from, (int)(ack.Seq!.Value - from + 1)).Select(i => (long)i),
                reader.Client.Entries.Select(e => e.GetProperty("seq").GetInt64()));

            // When it reads again it finds an in-order prefix, and (if it was dropped) catches up by rejoining.
            await stalled.ReadUntilAsync(ack.Seq!.Value);
            Assert.Equal(stalled.Seqs.Order(), stalled.Seqs);
            Assert.Equal(stalled.Seqs.Distinct().Count(), stalled.Seqs.Count);
            if (stalled.Closed)
            {
                var back = await board.SeatAsync("Gus", frozen.ParticipantId, frozen.Token, cluster.A, lastSeq: stalled.Seqs.LastOrDefault());
                // Join answers with the missed entries (or a snapshot) up to the board's seq at that moment.
                Assert.Equal(ack.Seq!.Value, back.Join.GetProperty("seq").GetInt64());
            }
            else
            {
                Assert.Equal(ack.Seq!.Value, stalled.Seqs[^1]);
            }
        }
    }

    private static string? Text(System.Text.Json.JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;
}
