using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.Server.Tests;

/// <summary>
/// A hub connection verifies its token's signature once, when it is made; each later call checks only that the
/// token has not outlived its lifetime since (docs/PROTOCOL.md R7). The server's clock is moved by hand.
/// </summary>
public sealed class TokenExpiryTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new();
    private readonly ServerFactory _server;

    public TokenExpiryTests()
    {
        _server = new ServerFactory(
            new Dictionary<string, string?> { ["Auth:TokenLifetime"] = "00:05:00" },
            services =>
            {
                services.AddSingleton<TimeProvider>(_clock);
                // SignalR's own liveness check runs on this clock too: keep it from closing the connection first.
                services.Configure<HubOptions>(o => o.ClientTimeoutInterval = TimeSpan.FromDays(1));
            });
    }

    [Fact]
    public async Task ATokenThatExpiresWhileConnectedIsRefusedOnTheNextCallAndOthersCarryOn()
    {
        await using var board = await LiveBoard.StartAsync(_server, "Alex");
        var alex = board.Participants[0];
        Assert.Equal("accepted", (await alex.Client.SubmitAsync(new { type = "setReady", ready = true })).Status);

        // Alex's token (issued when Alex joined) outlives its five minutes; the facilitator renews theirs by joining again.
        _clock.Advance(TimeSpan.FromMinutes(6));
        var before = board.Replica();
        // The call fails (as a HubException or as the close, whichever reaches the client first); the fatal says why.
        await Assert.ThrowsAsync<HubCallException>(() => alex.Client.SubmitAsync(new { type = "setReady", ready = false }));
        Assert.Equal("unauthorized", await alex.Client.WaitForFatalCodeAsync());
        await alex.Client.Closed.WaitAsync(HubTestClient.Timeout);
        Assert.Equal(before, board.Replica());

        // A fresh join gives a fresh token that works.
        using var api = _server.Api();
        var joined = await api.JoinAsync(board.Board, "Alex again");
        var rejoined = await board.ConnectAsync(joined.Token, "alex-again");
        await rejoined.JoinAsync(board.BoardId);
        Assert.Equal("accepted", (await rejoined.SubmitAsync(new { type = "setReady", ready = true })).Status);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();
}
