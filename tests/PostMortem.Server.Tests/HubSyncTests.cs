using System.Text.Json;
using PostMortem.Core;
using PostMortem.Core.Protocol;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.Server.Tests;

/// <summary>Ordering, convergence, reconnect and at-most-once (docs/PROTOCOL.md R1–R4).</summary>
public sealed class HubSyncTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task FacilitatorAndTwoParticipantsConvergeToTheSameState()
    {
        // R1, R2: one gapless order, delivered in order to everyone; every view rebuilt from entries equals the replica's.
        await using var board = await LiveBoard.StartAsync(server, "Alex", "Blake");
        await board.AdvanceAsync(); // timeline
        var alex = board.Participants[0].Client;
        var blake = board.Participants[1].Client;

        async Task WorkAsync(HubTestClient client, string prefix)
        {
            for (var i = 0; i < 6; i++)
            {
                var id = $"{prefix}-{i}";
                Assert.Equal("accepted", (await client.SubmitAsync(LiveBoard.Note(id, i % 2 == 0 ? "event" : "signal", $"{prefix} saw thing {i}"))).Status);
                Assert.Equal("accepted", (await client.SubmitAsync(new { type = "editNote", noteId = id, text = $"{prefix} saw thing {i} (edited)" })).Status);
            }
        }

        await Task.WhenAll(WorkAsync(board.Facilitator, "f"), WorkAsync(alex, "a"), WorkAsync(blake, "b"));
        var (seq, hash) = board.Replica();
        var clients = new[] { board.Facilitator, alex, blake };
        foreach (var client in clients)
        {
            await client.WaitForSeqAsync(seq);
        }

        // Everyone saw the same entries, once each, in order, with no gap (R1, R2).
        var orders = clients.Select(c => c.Entries.Select(e => e.GetProperty("seq").GetInt64()).ToList()).ToList();
        foreach (var order in orders)
        {
            Assert.Equal(order.OrderBy(s => s), order);
            Assert.Equal(Enumerable.Range((int)order[0], order.Count).Select(s => (long)s), order);
            Assert.Equal(seq, order[^1]);
        }

        // The replica equals a replay of the whole log from scratch.
        var replay = Board.Empty(board.BoardId);
        foreach (var entry in await server.Log.ReadAsync(board.BoardId, 0, 10_000, CancellationToken.None))
        {
            replay.Apply(entry);
        }

        Assert.Equal(hash, replay.StateHash());
        Assert.Equal(seq, replay.Seq);

        // Each client's view, rebuilt from its join snapshot plus the entries it received, equals a fresh join's.
        var members = new[] { (board.Facilitator, board.FacilitatorJoin, board.Board.Token) }
            .Concat(board.Participants.Select(p => (p.Client, p.Join, p.Token)));
        foreach (var (client, join, token) in members)
        {
            var model = ClientBoardModel.FromJoin(join);
            model.ApplyAll(client.Entries);
            var fresh = ClientBoardModel.FromJoin(await FreshJoinAsync(board, token, client.Name + "-fresh"));
            Assert.Equal(seq, model.Seq);
            Assert.Equal(fresh.Fingerprint(), model.Fingerprint());
        }

        Assert.Equal(18, board.Host.Read(b => b.State.Notes.Values.Count(n => n.Text.EndsWith("(edited)", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task EventsRebuildExactlyTheViewAFreshJoinGives()
    {
        // R2 + "Applying events": snapshot at join, then entries, gives what a later fresh join shows.
        await using var board = await LiveBoard.StartAsync(server, "Alex");
        var alexMember = board.Participants[0];
        var model = ClientBoardModel.FromJoin(alexMember.Join);
        await board.AdvanceAsync();
        await alexMember.Client.SubmitAsync(LiveBoard.Note("n1", "event", "API change deployed"));
        await board.Facilitator.SubmitAsync(LiveBoard.Note("n2", "signal", "no alert fired"));
        await alexMember.Client.SubmitAsync(new { type = "moveNote", noteId = "n1", position = 3.5 });
        await board.Facilitator.SubmitAsync(new { type = "markKeyMoment", noteId = "n1", moment = "trigger" });
        await board.Facilitator.SubmitAsync(new { type = "deleteNote", noteId = "n2" });
        await board.AdvanceAsync();
        await alexMember.Client.SubmitAsync(new { type = "startChain", chainId = "c1", symptom = "wrong produce delivered" });
        await alexMember.Client.SubmitAsync(new { type = "addWhyStep", chainId = "c1", stepId = "s1", question = "why?", answer = "reconciliation produced bad data" });
        var (seq, _) = board.Replica();
        await alexMember.Client.WaitForSeqAsync(seq);

        model.ApplyAll(alexMember.Client.Entries);
        var fresh = ClientBoardModel.FromJoin(await FreshJoinAsync(board, alexMember.Token, "fresh"));
        Assert.Equal(seq, model.Seq);
        Assert.Equal(fresh.Fingerprint(), model.Fingerprint());
    }

    [Fact]
    public async Task ReconnectingClientWithLastSeqReceivesExactlyTheMissedEntries()
    {
        // R4
        await using var board = await LiveBoard.StartAsync(server, "Alex", "Blake");
        await board.AdvanceAsync();
        var alex = board.Participants[0];
        await alex.Client.SubmitAsync(LiveBoard.Note("a-1", "event", "first"));
        var lastSeen = board.Replica().Seq;
        await alex.Client.WaitForSeqAsync(lastSeen);
        await alex.Client.DisposeAsync(); // drops

        var blake = board.Participants[1].Client;
        for (var i = 0; i < 5; i++)
        {
            await blake.SubmitAsync(LiveBoard.Note($"b-{i}", "signal", $"missed {i}"));
        }

        var now = board.Replica().Seq;
        await using var back = await board.ConnectAsync(alex.Token, "alex-back");
        var join = await back.JoinAsync(board.BoardId, lastSeen);
        Assert.Equal("entries", join.GetProperty("mode").GetString());
        var missed = join.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range((int)lastSeen + 1, (int)(now - lastSeen)).Select(s => (long)s), missed);
        Assert.Equal(now, join.GetProperty("seq").GetInt64());

        // And it is live again: the next entry arrives as a message.
        var next = await blake.SubmitAsync(LiveBoard.Note("b-live", "event", "after reconnect"));
        var entry = await back.WaitForEntryAsync(next.Seq!.Value);
        Assert.Equal("accepted", entry.Deserialize<EntryMessage>(ProtocolJson.CreateOptions())!.Status); // left out on the wire when accepted
    }

    [Fact]
    public async Task ReconnectWithLastSeqBeyondTheRecentEntriesGetsASnapshot()
    {
        // R4: when the missed entries are no longer held, the client gets a snapshot instead.
        using var small = new ServerFactory(new Dictionary<string, string?> { ["Boards:RecentEntries"] = "16" });
        await using var board = await LiveBoard.StartAsync(small, "Alex");
        await board.AdvanceAsync();
        var lastSeen = board.Replica().Seq;
        for (var i = 0; i < 20; i++)
        {
            await board.Facilitator.SubmitAsync(LiveBoard.Note($"n-{i}", "event", $"note {i}"));
        }

        await using var back = await board.ConnectAsync(board.Participants[0].Token, "alex-back");
        var join = await back.JoinAsync(board.BoardId, lastSeen);
        Assert.Equal("snapshot", join.GetProperty("mode").GetString());
        Assert.Equal(20, join.GetProperty("view").GetProperty("notes").GetArrayLength());
        Assert.Equal(board.Replica().Seq, join.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task ResubmittedClientOpIdAppliesOnce()
    {
        // R3
        await using var board = await LiveBoard.StartAsync(server, "Alex");
        await board.AdvanceAsync();
        var alex = board.Participants[0].Client;
        var first = await alex.SubmitAsync(LiveBoard.Note("once", "event", "deployed"), "op-retry-1");
        var seqAfterFirst = board.Replica().Seq;
        var retry = await alex.SubmitAsync(LiveBoard.Note("once", "event", "deployed"), "op-retry-1");

        Assert.Equal("accepted", first.Status);
        Assert.Equal("duplicate", retry.Status);
        Assert.Equal(first.Seq, retry.Seq);
        Assert.Equal(seqAfterFirst, board.Replica().Seq);
        Assert.Equal(1, board.Host.Read(b => b.State.Notes.Count));
    }

    [Fact]
    public async Task ConcurrentRetriesOfOneClientOpIdFromTwoConnectionsApplyOnce()
    {
        // R3 when the retry races the original (both reach the log; the reducer decides).
        await using var board = await LiveBoard.StartAsync(server, "Alex");
        await board.AdvanceAsync();
        var alex = board.Participants[0];
        await using var second = await board.ConnectAsync(alex.Token, "alex-tab-2");
        await second.JoinAsync(board.BoardId);
        var command = LiveBoard.Note("race", "event", "deployed");
        var acks = await Task.WhenAll(alex.Client.SubmitAsync(command, "op-race"), second.SubmitAsync(command, "op-race"));

        Assert.Single(acks, a => a.Status == "accepted");
        Assert.Single(acks, a => a.Status == "duplicate");
        Assert.Equal(acks[0].Seq, acks[1].Seq);
        Assert.Equal(1, board.Host.Read(b => b.State.Notes.Count));
    }

    private static async Task<JsonElement> FreshJoinAsync(LiveBoard board, string token, string name)
    {
        var client = await board.ConnectAsync(token, name);
        return await client.JoinAsync(board.BoardId);
    }
}
