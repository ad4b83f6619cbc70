using PostMortem.Core.Protocol;
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
    public async Task PresenceFloodIsThrottledAndKeepsItsOrder()
    {
        // R10: a burst of presence is cut down to the configured rate (20/s, a burst of 20); what gets through keeps
        // the order it was sent in; the sender is not disconnected.
        await using var board = await LiveBoard.StartAsync(server, "Alex", "Blake");
        var alex = board.Participants[0].Client;
        var blake = board.Participants[1].Client;
        var sending = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 100; i++)
        {
            await alex.SendAsync("Presence", new { kind = "drag", x = (double)i, y = 0.0, noteId = "n1" });
        }

        // The hub handles one connection's calls in order: every presence above was judged before this command.
        var marker = await alex.SubmitAsync(new { type = "setReady", ready = true });
        sending.Stop();
        await blake.WaitForEntryAsync(marker.Seq!.Value);
        await blake.WaitForAsync(() => blake.PresenceMessages.Count > 0 ? (object)true : null, "Alex's first drag");

        // The bucket lets through its burst plus what it refilled while Alex was sending, never more; coalescing
        // can only make it fewer.
        var allowed = 20 + (int)Math.Ceiling(sending.Elapsed.TotalSeconds * 20);
        var xs = blake.PresenceMessages.Where(p => p.Str("participantId") == board.Participants[0].ParticipantId)
            .Select(p => p.GetProperty("x").GetDouble()).ToList();
        Assert.InRange(xs.Count, 1, Math.Min(allowed, 99));
        Assert.Equal(0.0, xs[0]); // the first of a quiet spell leaves at once
        Assert.Equal(xs.OrderBy(x => x), xs);
        Assert.Equal(xs.Count, xs.Distinct().Count());
        Assert.False(alex.Closed.IsCompleted);
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
    public async Task AParticipantWhoseConnectionClosesIsShownAsLeftToTheOthersAtOnce()
    {
        // A closed tab closes its WebSocket: the others hear of it now, not when a heartbeat goes stale.
        await using var board = await LiveBoard.StartAsync(server, "Alex", "Blake");
        var alex = board.Participants[0];
        var blake = board.Participants[1].Client;
        await alex.Client.SendAsync("Presence", new { kind = "idle" });
        await blake.WaitForAsync(() => blake.PresenceMessages.Count > 0 ? (object)true : null, "Alex here at Blake");

        await alex.Client.DisposeAsync();

        await blake.WaitForAsync(() => LeftUpdate(blake, alex.ParticipantId), "Alex shown as left at Blake");
    }

    [Fact]
    public async Task AParticipantWhoseConnectionGoesSilentIsShownAsLeftOnceTheServerGivesItUp()
    {
        // A lost network sends no close: the server gives the connection up after HubTimeouts.ClientTimeout without a
        // message (5 s), then the others see the departure. This raw socket joins, pings once, and then falls silent.
        await using var board = await LiveBoard.StartAsync(server, "Alex");
        var alex = board.Participants[0].Client;
        using var api = server.Api();
        var casey = await api.JoinAsync(board.Board, "Casey");
        await using var silent = await RawHubSocket.ConnectAsync(board.Server.BaseAddress, casey.Token, "Casey-silent");
        await silent.JoinAsync(board.BoardId);

        // SignalR holds a client to the timeout once it has pinged (every SignalR client does); then the line goes dead.
        await silent.SendFrameAsync("{\"type\":6}");

        await alex.WaitForAsync(() => LeftUpdate(alex, casey.ParticipantId), "Casey shown as left at Alex");
        await silent.Closed.WaitAsync(HubTestClient.Timeout); // the server gave the connection up
    }

    [Fact]
    public async Task ANewcomerIsNotToldOfSomeoneWhoLeftAsIfTheyWereHere()
    {
        await using var board = await LiveBoard.StartAsync(server, "Alex", "Blake");
        var alex = board.Participants[0];
        var blake = board.Participants[1].Client;
        await alex.Client.SendAsync("Presence", new { kind = "cursor", x = 1.0, y = 2.0 });
        await blake.WaitForAsync(() => blake.PresenceMessages.Count > 0 ? (object)true : null, "Alex's cursor at Blake");
        await alex.Client.DisposeAsync();
        await blake.WaitForAsync(() => LeftUpdate(blake, alex.ParticipantId), "Alex shown as left at Blake");
        await blake.SendAsync("Presence", new { kind = "idle" });

        using var api = server.Api();
        var casey = await api.JoinAsync(board.Board, "Casey");
        var caseyClient = await board.ConnectAsync(casey.Token, "Casey");
        await caseyClient.JoinAsync(board.BoardId);
        await caseyClient.WaitForAsync(() => caseyClient.PresenceMessages.Count > 0 ? (object)true : null, "who is here, at the newcomer");

        Assert.DoesNotContain(caseyClient.PresenceMessages, p => p.Str("participantId") == alex.ParticipantId);
    }

    private static object? LeftUpdate(HubTestClient client, string participantId) =>
        client.PresenceMessages.Any(p => p.Str("participantId") == participantId && p.Str("kind") == PresenceKinds.Left) ? true : null;

    [Fact]
    public async Task PingReturnsTheServerClockForTheOffset()
    {
        // R12
        // The server's clock is the test's (same process): each serverTime lies between readings taken around its call.
        var beforeJoin = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var joining = System.Diagnostics.Stopwatch.StartNew();
        await using var board = await LiveBoard.StartAsync(server, "Alex");
        joining.Stop();
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var pong = await board.Participants[0].Client.InvokeAsync("Ping", 123456.75);
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.Equal(123456.75, pong.GetProperty("clientTime").GetDouble());
        Assert.InRange(pong.GetProperty("serverTime").GetInt64(), before, after);
        Assert.InRange(board.Participants[0].Join.GetProperty("serverTime").GetInt64(), beforeJoin, before);
        // The Join result also says how long the server spent on it (diagnostics; the bench's cold join reads it):
        // a part of the time the whole start-up took here.
        Assert.InRange(board.Participants[0].Join.GetProperty("serverMs").GetDouble(), 0, joining.Elapsed.TotalMilliseconds);
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
