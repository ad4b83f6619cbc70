using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.Server.Tests;

/// <summary>
/// Bad input gets a clear error, the board is unchanged (seq and hash), everyone else keeps working and the
/// server stays up (docs/PROTOCOL.md R9, R11).
/// </summary>
public sealed class HubAbuseTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task OversizedMessageClosesOnlyThatConnectionWithMessageTooLarge()
    {
        await using var board = await LiveBoard.StartAsync(server, "Mallory", "Blake");
        await using var mallory = await RawAsync(board, board.Participants[0]);
        var before = board.Replica();

        var huge = new string('x', 200 * 1024);
        await mallory.SendFrameAsync($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"Submit\",\"arguments\":[{{\"clientOpId\":\"big\",\"command\":{{\"type\":\"addNote\",\"noteId\":\"big\",\"kind\":\"event\",\"text\":\"{huge}\"}}}}]}}");

        Assert.Equal("message_too_large", await mallory.WaitForFatalCodeAsync());
        await mallory.Closed.WaitAsync(RawHubSocket.Timeout);
        await AssertBoardUnchangedAndOthersWorkAsync(board, before);
    }

    [Fact]
    public async Task FloodOfCommandsIsRateLimited()
    {
        // A bucket that does not refill within the test, so what gets through is a count, not a race with the
        // clock: the hub runs one call per connection at a time, and on a loaded machine each Submit can take
        // longer than the production refill interval (1/20 s), which kept the bucket from ever running dry.
        // TokenBucketTests pin the refill itself.
        const int burst = 10;
        await using var limited = new ServerFactory(new Dictionary<string, string?>
        {
            ["Limits:CommandBurst"] = burst.ToString(CultureInfo.InvariantCulture),
            ["Limits:CommandsPerSecond"] = "0.000001",
        });
        await using var board = await LiveBoard.StartAsync(limited, "Mallory", "Blake");
        await board.AdvanceAsync();
        var mallory = board.Participants[0].Client;
        var before = board.Replica();

        var acks = await Task.WhenAll(Enumerable.Range(0, 3 * burst).Select(i => mallory.SubmitAsync(new { type = "setReady", ready = i % 2 == 0 })));

        var limitedAcks = acks.Where(a => a.Code == "rate_limited").ToList();
        Assert.Equal(2 * burst, limitedAcks.Count);
        Assert.All(limitedAcks, a => Assert.Equal("rejected", a.Status));
        var through = acks.Where(a => a.Code != "rate_limited").ToList();
        Assert.Equal(burst, through.Count);
        Assert.All(through, a => a.Accepted());
        // Exactly the accepted ones reached the log; refused ones left no trace.
        Assert.Equal(before.Seq + burst, board.Replica().Seq);
        Assert.Equal("accepted", (await board.Participants[1].Client.SubmitAsync(LiveBoard.Note("ok", "event", "still fine"))).Status);
    }

    [Fact]
    public async Task ForeignOriginIsRefusedWith403()
    {
        await using var board = await LiveBoard.StartAsync(server, "Alex");

        // WebSocket upgrade from another site's page.
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", "https://evil.example");
        var uri = new UriBuilder(server.BaseAddress) { Scheme = "ws", Path = "hubs/board", Query = "access_token=" + Uri.EscapeDataString(board.Board.Token) }.Uri;
        using var timeout = new CancellationTokenSource(HubTestClient.Timeout);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, timeout.Token));
        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);

        // Negotiate from another site: a problem response with a code.
        using var api = server.Api();
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, "hubs/board/negotiate?negotiateVersion=1");
        negotiate.Headers.Add("Origin", "https://evil.example");
        using var response = await api.Http.SendAsync(negotiate).WaitAsync(HubTestClient.Timeout);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("origin_not_allowed", await ApiClient.ProblemCodeAsync(response));

        // The same site, and a local development server, are fine.
        await using var sameSite = await board.ConnectAsync(board.Board.Token, "same-site", server.BaseAddress.GetLeftPart(UriPartial.Authority));
        Assert.Equal("snapshot", (await sameSite.JoinAsync(board.BoardId)).GetProperty("mode").GetString());
        await using var dev = await board.ConnectAsync(board.Board.Token, "vite", "http://localhost:5173");
        Assert.Equal("snapshot", (await dev.JoinAsync(board.BoardId)).GetProperty("mode").GetString());
    }

    [Fact]
    public async Task MalformedJsonMessageClosesThatConnectionWithACode()
    {
        await using var board = await LiveBoard.StartAsync(server, "Mallory", "Blake");
        await using var mallory = await RawAsync(board, board.Participants[0]);
        var before = board.Replica();

        await mallory.SendFrameAsync("{\"type\":1,\"target\":\"Submit\",\"arguments\":[{\"clientOpId\":");

        Assert.Equal("malformed_command", await mallory.WaitForFatalCodeAsync());
        await mallory.Closed.WaitAsync(RawHubSocket.Timeout);
        await AssertBoardUnchangedAndOthersWorkAsync(board, before);
    }

    [Fact]
    public async Task OneParticipantWithTenConnectionsGetsOneParticipantsCommandRate()
    {
        // Limits are per participant, not per socket. A bucket that does not refill within the test, so what gets
        // through is a count (see FloodOfCommandsIsRateLimited).
        const int burst = 10;
        await using var limited = new ServerFactory(new Dictionary<string, string?>
        {
            ["Limits:CommandBurst"] = burst.ToString(CultureInfo.InvariantCulture),
            ["Limits:CommandsPerSecond"] = "0.000001",
            ["Limits:ConnectionsPerParticipant"] = "11",
        });
        await using var board = await LiveBoard.StartAsync(limited, "Mallory", "Blake");
        await board.AdvanceAsync();
        var mallory = board.Participants[0];
        var sockets = new List<HubTestClient> { mallory.Client };
        for (var i = 1; i < 10; i++)
        {
            var socket = await board.ConnectAsync(mallory.Token, $"mallory-{i}");
            await socket.JoinAsync(board.BoardId);
            sockets.Add(socket);
        }

        var before = board.Replica();
        var acks = await Task.WhenAll(sockets.SelectMany(socket => Enumerable.Range(0, burst).Select(i => socket.SubmitAsync(new { type = "setReady", ready = i % 2 == 0 }))));

        Assert.Equal(burst, acks.Count(a => a.Status == "accepted"));
        Assert.Equal(9 * burst, acks.Count(a => a.Code == "rate_limited"));
        Assert.Equal(before.Seq + burst, board.Replica().Seq);
        // Another participant has their own allowance.
        Assert.Equal("accepted", (await board.Participants[1].Client.SubmitAsync(LiveBoard.Note("ok", "event", "still fine"))).Status);
    }

    [Fact]
    public async Task AParticipantsConnectionBeyondTheLimitIsRefusedAndAClosedOneMakesRoom()
    {
        await using var limited = new ServerFactory(new Dictionary<string, string?> { ["Limits:ConnectionsPerParticipant"] = "3" });
        await using var board = await LiveBoard.StartAsync(limited, "Mallory");
        var mallory = board.Participants[0];
        await using var second = await board.ConnectAsync(mallory.Token, "mallory-2");
        await second.JoinAsync(board.BoardId);
        await using var third = await board.ConnectAsync(mallory.Token, "mallory-3");
        await third.JoinAsync(board.BoardId);

        await using var fourth = await board.ConnectAsync(mallory.Token, "mallory-4");
        Assert.Equal("too_many_connections", await fourth.WaitForFatalCodeAsync());
        await fourth.Closed.WaitAsync(HubTestClient.Timeout);

        await third.DisposeAsync();
        // The server counts the closed one out when it sees it go; a new connection then gets in.
        var joined = await WaitUntilAdmittedAsync(board, mallory.Token);
        Assert.Equal("snapshot", joined.GetProperty("mode").GetString());
    }

    private static async Task<System.Text.Json.JsonElement> WaitUntilAdmittedAsync(LiveBoard board, string token)
    {
        // The disconnect is processed asynchronously on the server; each refused attempt is a full round trip that
        // ends in a fatal message, so this waits on events, not on time.
        for (var attempt = 0; ; attempt++)
        {
            var client = await board.ConnectAsync(token, $"retry-{attempt}");
            try
            {
                return await client.JoinAsync(board.BoardId);
            }
            catch (HubCallException) when (attempt < 50 && client.Closed.IsCompleted)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Theory]
    [InlineData("{\"type\":99}")]
    [InlineData("{\"type\":99,\"target\":\"Submit\",\"arguments\":[]}")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    public async Task AFrameThatIsNoHubMessageClosesThatConnectionWithMalformedCommand(string frame)
    {
        await using var board = await LiveBoard.StartAsync(server, "Mallory", "Blake");
        await using var mallory = await RawAsync(board, board.Participants[0]);
        var before = board.Replica();

        await mallory.SendFrameAsync(frame);

        Assert.Equal("malformed_command", await mallory.WaitForFatalCodeAsync());
        await mallory.Closed.WaitAsync(RawHubSocket.Timeout);
        await AssertBoardUnchangedAndOthersWorkAsync(board, before);
    }

    [Theory]
    [InlineData("LaunchRocket", "[]", "unknown_method")]
    [InlineData("submit2", "[{}]", "unknown_method")]
    [InlineData("Join", "[]", "invalid_arguments")]
    [InlineData("Join", "[42]", "invalid_arguments")]
    [InlineData("Ping", "[\"noon\"]", "invalid_arguments")]
    [InlineData("CheckText", "[\"a\",\"b\"]", "invalid_arguments")]
    [InlineData("Submit", "[{\"clientOpId\":\"x\"},{\"extra\":true}]", "invalid_arguments")]
    public async Task ACallThatCannotBeBoundFailsWithACodeAndTheConnectionStaysUsable(string target, string arguments, string code)
    {
        await using var board = await LiveBoard.StartAsync(server, "Mallory", "Blake");
        await board.AdvanceAsync();
        var mallory = board.Participants[0].Client;
        var before = board.Replica();

        var args = System.Text.Json.JsonDocument.Parse(arguments).RootElement.EnumerateArray().Select(a => (object?)a).ToArray();
        var error = await Assert.ThrowsAsync<HubCallException>(() => mallory.InvokeAsync(target, args));

        Assert.Equal(code, error.Code);
        await AssertBoardUnchangedAndOthersWorkAsync(board, before);
        Assert.Equal("accepted", (await mallory.SubmitAsync(new { type = "setReady", ready = true })).Status);
    }

    [Theory]
    [InlineData("{\"clientOpId\":\"m1\",\"command\":\"addNote\"}", "malformed_command")]
    [InlineData("{\"clientOpId\":\"m2\",\"command\":{\"noteId\":\"n\",\"text\":\"no type\"}}", "malformed_command")]
    [InlineData("{\"clientOpId\":\"m3\",\"command\":{\"type\":\"addNote\",\"noteId\":5,\"kind\":\"event\",\"text\":\"x\"}}", "malformed_command")]
    [InlineData("{\"clientOpId\":\"m4\",\"command\":{\"type\":\"addNote\",\"noteId\":\"n\",\"kind\":\"sideways\",\"text\":\"x\"}}", "malformed_command")]
    [InlineData("{\"command\":{\"type\":\"leave\"}}", "malformed_command")]
    [InlineData("{\"clientOpId\":\"u1\",\"command\":{\"type\":\"launchRocket\"}}", "unknown_command")]
    [InlineData("{\"clientOpId\":\"w1\",\"boardId\":\"00000000000000000000000000000000\",\"command\":{\"type\":\"leave\"}}", "wrong_board")]
    [InlineData("{\"clientOpId\":\"t1\",\"command\":{\"type\":\"addNote\",\"noteId\":\"long\",\"kind\":\"event\",\"text\":\"LONG\"}}", "text_too_long")]
    public async Task BadCommandIsRejectedWithACodeAndTheConnectionStaysUsable(string request, string code)
    {
        // R9
        await using var board = await LiveBoard.StartAsync(server, "Mallory", "Blake");
        await board.AdvanceAsync();
        var mallory = board.Participants[0].Client;
        var before = board.Replica();

        var json = request.Replace("LONG", new string('y', 1001), StringComparison.Ordinal);
        var ack = HubTestClient.ReadAck(await mallory.InvokeAsync("Submit", System.Text.Json.JsonDocument.Parse(json).RootElement));

        Assert.Equal("rejected", ack.Status);
        Assert.Equal(code, ack.Code);
        Assert.False(string.IsNullOrWhiteSpace(ack.Message));
        await AssertBoardUnchangedAndOthersWorkAsync(board, before);
        Assert.Equal("accepted", (await mallory.SubmitAsync(new { type = "setReady", ready = true })).Status);
    }

    [Fact]
    public async Task JoiningAnotherBoardWithThisTokenIsWrongBoard()
    {
        await using var board = await LiveBoard.StartAsync(server, "Mallory");
        await using var other = await LiveBoard.StartAsync(server);
        var error = await Assert.ThrowsAsync<HubCallException>(() => board.Participants[0].Client.JoinAsync(other.BoardId));
        Assert.Equal("wrong_board", error.Code);
        Assert.Equal(1, other.Replica().Seq);
    }

    [Fact]
    public async Task BadJoinCodeIsRefusedAndAddsNobody()
    {
        await using var board = await LiveBoard.StartAsync(server);
        var before = board.Replica();
        using var api = server.Api();
        using var response = await api.PostAsync($"api/boards/{board.BoardId}/join", new { joinCode = "guessed-code", name = "Mallory" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("unauthorized", await ApiClient.ProblemCodeAsync(response));
        Assert.Equal(before, board.Replica());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    [InlineData("eyJ2IjoxfQ.AAAA")]
    public async Task ConnectionWithoutAValidTokenGetsFatalUnauthorized(string? token)
    {
        await using var client = await HubTestClient.ConnectAsync(server.BaseAddress, token, "stranger");
        Assert.Equal("unauthorized", await client.WaitForFatalCodeAsync());
        await client.Closed.WaitAsync(HubTestClient.Timeout);
    }

    [Fact]
    public async Task TamperedTokenForAnotherParticipantIsRefused()
    {
        await using var board = await LiveBoard.StartAsync(server, "Alex");
        var token = board.Participants[0].Token;
        var (payload, signature) = (token[..token.IndexOf('.')], token[(token.IndexOf('.') + 1)..]);
        var json = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(payload))
            .Replace(board.Participants[0].ParticipantId, board.Board.ParticipantId, StringComparison.Ordinal);
        var forged = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json)) + "." + signature;

        await using var client = await HubTestClient.ConnectAsync(server.BaseAddress, forged, "forger");
        Assert.Equal("unauthorized", await client.WaitForFatalCodeAsync());
    }

    private async Task AssertBoardUnchangedAndOthersWorkAsync(LiveBoard board, (long Seq, string Hash) before)
    {
        Assert.Equal(before, board.Replica());
        var blake = board.Participants[1].Client;
        Assert.Equal(1.5, (await blake.InvokeAsync("Ping", 1.5)).GetProperty("clientTime").GetDouble());
        Assert.Equal("accepted", (await blake.SubmitAsync(new { type = "setReady", ready = true })).Status);
        using var api = server.Api();
        using var health = await api.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    /// <summary>A second, raw connection of a seated participant, joined: for frames no SignalR client would send.</summary>
    private static async Task<RawHubSocket> RawAsync(LiveBoard board, LiveBoard.Member member)
    {
        var raw = await RawHubSocket.ConnectAsync(board.Server.BaseAddress, member.Token, member.Name + "-raw");
        await raw.JoinAsync(board.BoardId);
        return raw;
    }
}
