using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.Server.Tests;

/// <summary>Roles, locks, removal and hidden votes, enforced on the server (docs/PROTOCOL.md R5–R8).</summary>
public sealed class HubPermissionTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task ParticipantCannotRunAFacilitatorOnlyCommand()
    {
        // R5 (and R9: the board is unchanged)
        await using var board = await LiveBoard.StartAsync(server, "Alex");
        var before = board.Replica();
        var ack = await board.Participants[0].Client.SubmitAsync(new { type = "advancePhase" });

        Assert.Equal("rejected", ack.Status);
        Assert.Equal("not_facilitator", ack.Code);
        Assert.Equal(before, board.Replica());
        Assert.Equal("accepted", (await board.Facilitator.SubmitAsync(new { type = "advancePhase" })).Status);
    }

    [Fact]
    public async Task LockedPhaseRejectsAParticipantsEditAndAcceptsTheFacilitators()
    {
        // R6
        await using var board = await LiveBoard.StartAsync(server, "Alex");
        await board.AdvanceAsync(); // timeline
        var alex = board.Participants[0].Client;
        Assert.Equal("accepted", (await alex.SubmitAsync(LiveBoard.Note("n1", "event", "API change deployed"))).Status);
        Assert.Equal("accepted", (await board.Facilitator.SubmitAsync(new { type = "lockPhase", phase = "timeline" })).Status);
        var before = board.Replica();

        var participantEdit = await alex.SubmitAsync(new { type = "editNote", noteId = "n1", text = "API change deployed at 16:47" });
        Assert.Equal("rejected", participantEdit.Status);
        Assert.Equal("phase_locked", participantEdit.Code);
        Assert.Equal(before, board.Replica());

        var facilitatorEdit = await board.Facilitator.SubmitAsync(new { type = "editNote", noteId = "n1", text = "API change deployed at 16:47" });
        Assert.Equal("accepted", facilitatorEdit.Status);
        Assert.Equal("API change deployed at 16:47", board.Host.Read(b => b.State.Notes["n1"].Text));
    }

    [Fact]
    public async Task RemovedParticipantsTokenIsRefusedOnItsNextCall()
    {
        // R7
        await using var board = await LiveBoard.StartAsync(server, "Alex", "Blake");
        var alex = board.Participants[0];
        var ack = await board.Facilitator.SubmitAsync(new { type = "removeParticipant", participantId = alex.ParticipantId });
        Assert.Equal("accepted", ack.Status);

        // The open connection is told why and closed.
        Assert.Equal("participant_removed", await alex.Client.WaitForFatalCodeAsync());
        await alex.Client.Closed.WaitAsync(HubTestClient.Timeout);
        var failed = await Assert.ThrowsAsync<HubCallException>(() => alex.Client.SubmitAsync(LiveBoard.Note("x", "event", "still here?")));
        Assert.Contains("closed", failed.Message, StringComparison.Ordinal);

        // The same token on a new connection is refused before anything else.
        await using var again = await board.ConnectAsync(alex.Token, "alex-again");
        Assert.Equal("participant_removed", await again.WaitForFatalCodeAsync());
        await again.Closed.WaitAsync(HubTestClient.Timeout);

        // Everyone else carries on.
        Assert.Equal("accepted", (await board.Participants[1].Client.SubmitAsync(new { type = "setReady", ready = true })).Status);
    }

    [Fact]
    public async Task HiddenVotesNeverReachAnotherParticipantsSocketBeforeReveal()
    {
        // R8: inspect every raw frame A received.
        await using var board = await LiveBoard.StartAsync(server, "Alex", "Blake");
        await board.AdvanceAsync(4); // actions
        var alex = board.Participants[0];
        var blake = board.Participants[1];
        (await alex.Client.SubmitAsync(LiveBoard.Note("act-1", "action", "contract tests across the two services"))).Accepted();
        Assert.Equal("accepted", (await alex.Client.SubmitAsync(LiveBoard.Note("act-2", "action", "cross-squad notification for shared APIs"))).Status);
        var vote1 = await blake.Client.SubmitAsync(new { type = "castVote", noteId = "act-1" });
        var vote2 = await blake.Client.SubmitAsync(new { type = "castVote", noteId = "act-1" });
        Assert.Equal("accepted", vote1.Status);
        Assert.Equal("accepted", vote2.Status);
        await alex.Client.WaitForSeqAsync(vote2.Seq!.Value);
        await blake.Client.WaitForSeqAsync(vote2.Seq!.Value);

        // Blake's own socket does carry his votes (so the check below can fail)...
        Assert.Contains(blake.Client.Frames, f => f.Contains("\"myVotes\"", StringComparison.Ordinal));
        // ...Alex's never does: no myVotes event, no tallies, and a fresh view for Alex shows none of Blake's votes.
        Assert.DoesNotContain(alex.Client.Frames, f => f.Contains("\"myVotes\"", StringComparison.Ordinal) && !f.Contains("\"myVotes\":[]", StringComparison.Ordinal));
        Assert.DoesNotContain(alex.Client.Frames, f => f.Contains("\"tallies\"", StringComparison.Ordinal) && !f.Contains("\"tallies\":null", StringComparison.Ordinal));
        await using var fresh = await board.ConnectAsync(alex.Token, "alex-fresh");
        var view = (await fresh.JoinAsync(board.BoardId)).GetProperty("view");
        Assert.Equal(0, view.GetProperty("myVotes").GetArrayLength());
        Assert.False(view.TryGetProperty("tallies", out var tallies) && tallies.ValueKind != System.Text.Json.JsonValueKind.Null);
        Assert.DoesNotContain(fresh.Frames, f => f.Contains(blake.ParticipantId + "\":[", StringComparison.Ordinal));

        // After the reveal, everyone gets the totals.
        var reveal = await board.Facilitator.SubmitAsync(new { type = "revealVotes" });
        Assert.Equal("accepted", reveal.Status);
        var revealed = await alex.Client.WaitForEntryAsync(reveal.Seq!.Value);
        var talliesEvent = revealed.GetProperty("events").EnumerateArray().Single(e => e.Str("type") == "tallies");
        Assert.Equal(2, talliesEvent.GetProperty("tallies").GetProperty("act-1").GetInt32());
    }
}
