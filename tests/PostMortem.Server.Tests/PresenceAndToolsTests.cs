using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.Server.Tests;

/// <summary>Ephemeral presence (R10), the clock (R12) and the language coach.</summary>
public sealed class PresenceAndToolsTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task PresenceReachesOthersButNeverTheLog()
    {
        // R10
        await using var board = await LiveBoard.StartAsync(server, "Alex", "Blake");
        var alex = board.Participants[0];
        var blake = board.Participants[1].Client;
        var before = board.Replica();

        await alex.Client.InvokeAsync("Presence", new { kind = "cursor", x = 10.5, y = 20.0 });
        var seen = await blake.WaitForAsync(() => blake.PresenceMessages.FirstOrDefault() is { ValueKind: not System.Text.Json.JsonValueKind.Undefined } p ? (object)p : null, "presence");
        var presence = (System.Text.Json.JsonElement)seen;

        Assert.Equal(alex.ParticipantId, presence.Str("participantId"));
        Assert.Equal("cursor", presence.Str("kind"));
        Assert.Equal(10.5, presence.GetProperty("x").GetDouble());
        Assert.Equal(before, board.Replica());
        Assert.Equal(before.Seq, (await server.Log.ReadAsync(board.BoardId, 0, 1000, CancellationToken.None)).Count);
        Assert.Empty(alex.Client.PresenceMessages); // not echoed to the sender
    }

    [Fact]
    public async Task PresenceFloodIsThrottledAndOrderedBeforeLaterEntries()
    {
        // R10: a burst of presence is cut down to the configured rate; the sender is not disconnected.
        await using var board = await LiveBoard.StartAsync(server, "Alex", "Blake");
        var alex = board.Participants[0].Client;
        var blake = board.Participants[1].Client;
        for (var i = 0; i < 100; i++)
        {
            await alex.SendAsync("Presence", new { kind = "drag", x = (double)i, y = 0.0, noteId = "n1" });
        }

        // Everything Alex sent before this entry reaches Blake before the entry (one ordered queue per connection).
        var marker = await alex.SubmitAsync(new { type = "setReady", ready = true });
        await blake.WaitForEntryAsync(marker.Seq!.Value);
        var received = blake.PresenceMessages.Count;
        Assert.InRange(received, 1, 99);
    }

    [Fact]
    public async Task SeveralMoversArriveInOneBatchWithEachLatestPosition()
    {
        // R10: presence is coalesced per board; a batch carries each mover's latest update, senders included.
        await using var board = await LiveBoard.StartAsync(server, "Alex", "Blake", "Casey");
        var alex = board.Participants[0];
        var blake = board.Participants[1];
        var casey = board.Participants[2].Client;

        await alex.Client.SendAsync("Presence", new { kind = "cursor", x = 1.0, y = 1.0 });
        await blake.Client.SendAsync("Presence", new { kind = "cursor", x = 2.0, y = 2.0 });
        await alex.Client.SendAsync("Presence", new { kind = "drag", x = 3.0, y = 3.0, noteId = "n1" });

        // Casey ends up with Alex's last update (his first may have left on its own) and Blake's.
        await casey.WaitForAsync(
            () => casey.PresenceMessages.Any(p => p.Str("participantId") == alex.ParticipantId && p.Str("kind") == "drag")
                && casey.PresenceMessages.Any(p => p.Str("participantId") == blake.ParticipantId) ? (object)true : null,
            "Alex's drag and Blake's cursor");
        var blakeSeen = casey.PresenceMessages.Where(p => p.Str("participantId") == blake.ParticipantId).ToList();
        Assert.Equal(2.0, Assert.Single(blakeSeen).GetProperty("x").GetDouble());
        var alexSeen = casey.PresenceMessages.Where(p => p.Str("participantId") == alex.ParticipantId).ToList();
        Assert.Equal("n1", alexSeen[^1].Str("noteId"));
        Assert.InRange(alexSeen.Count, 1, 2);
    }

    [Fact]
    public async Task ANewcomerIsToldWhoIsHereWithoutWaitingForTheirNextMove()
    {
        // R10: right after Join the server passes on the others' latest presence (seen in the last 20 s).
        await using var board = await LiveBoard.StartAsync(server, "Alex", "Blake");
        var alex = board.Participants[0];
        var blake = board.Participants[1].Client;
        await alex.Client.SendAsync("Presence", new { kind = "cursor", x = 42.0, y = 7.0 });
        await blake.WaitForAsync(() => blake.PresenceMessages.Count > 0 ? (object)true : null, "Alex's cursor at Blake");

        using var api = server.Api();
        var casey = await api.JoinAsync(board.Board, "Casey");
        var caseyClient = await board.ConnectAsync(casey.Token, "Casey");
        await caseyClient.JoinAsync(board.BoardId);

        var seen = (System.Text.Json.JsonElement)await caseyClient.WaitForAsync(
            () => caseyClient.PresenceMessages.FirstOrDefault(p => p.Str("participantId") == alex.ParticipantId) is { ValueKind: System.Text.Json.JsonValueKind.Object } p ? (object)p : null,
            "Alex's last cursor at the newcomer");
        Assert.Equal(42.0, seen.GetProperty("x").GetDouble());
        Assert.DoesNotContain(caseyClient.PresenceMessages, p => p.Str("participantId") == casey.ParticipantId);
    }

    [Fact]
    public async Task PingReturnsTheServerClockForTheOffset()
    {
        // R12
        await using var board = await LiveBoard.StartAsync(server, "Alex");
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var pong = await board.Participants[0].Client.InvokeAsync("Ping", 123456.75);
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.Equal(123456.75, pong.GetProperty("clientTime").GetDouble());
        Assert.InRange(pong.GetProperty("serverTime").GetInt64(), before, after);
        Assert.InRange(board.Participants[0].Join.GetProperty("serverTime").GetInt64(), before - 60_000, after);
        // The Join result also says how long the server spent on it (diagnostics; the bench's cold join reads it).
        Assert.InRange(board.Participants[0].Join.GetProperty("serverMs").GetDouble(), 0, 60_000);
    }

    [Fact]
    public async Task CheckTextFlagsBlameAndStoresNothing()
    {
        await using var board = await LiveBoard.StartAsync(server, "Alex");
        var before = board.Replica();
        var flags = await board.Participants[0].Client.InvokeAsync("CheckText", "You should have checked the deploy, Alex");

        var rules = flags.EnumerateArray().Select(f => f.Str("rule")).ToList();
        Assert.Contains("you", rules);
        Assert.Contains("should-have", rules);
        Assert.Contains("name", rules);
        Assert.Empty((await board.Participants[0].Client.InvokeAsync("CheckText", "The deploy went out without a contract test")).EnumerateArray());
        Assert.Equal(before, board.Replica());
    }
}
