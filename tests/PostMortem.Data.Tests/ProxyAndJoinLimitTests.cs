using System.Net;
using System.Net.Http.Json;

namespace PostMortem.Data.Tests;

/// <summary>
/// Per-address HTTP limits behind a proxy and for a large office (real server, real sockets): X-Forwarded-For is
/// believed only from the proxies in Security:ForwardedHeadersFrom, and joins are limited per board and address,
/// so a whole office behind one address can join one meeting at once.
/// </summary>
public sealed class ProxyAndJoinLimitTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task BehindAConfiguredProxyEachRealClientHasItsOwnBudget()
    {
        await using var app = AppServer.Start(_folder.Path, settings: new Dictionary<string, string?>
        {
            ["Limits:HttpWritesPerMinute"] = "2",
            ["Security:ForwardedHeadersFrom:0"] = "127.0.0.1",
        });

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], await CreateThreeAsync(app, "203.0.113.7"));
        // Another user behind the same proxy is not held back by the first.
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], await CreateThreeAsync(app, "198.51.100.23"));
    }

    [Fact]
    public async Task WithoutAConfiguredProxyForwardedHeadersAreIgnored()
    {
        await using var app = AppServer.Start(_folder.Path, settings: new Dictionary<string, string?>
        {
            ["Limits:HttpWritesPerMinute"] = "2",
        });

        // Each request claims another address; all are counted under the socket's own.
        var statuses = new List<HttpStatusCode>();
        foreach (var address in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3" })
        {
            statuses.Add(await CreateAsync(app, address));
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task ABurstOf300JoinsFromOneAddressOnOneBoardSucceedsWithTheDefaultLimits()
    {
        await using var app = AppServer.Start(_folder.Path, settings: new Dictionary<string, string?>
        {
            // The shipped defaults (AppServer turns HTTP limits off for other tests).
            ["Limits:HttpWritesPerMinute"] = "300",
        });
        var board = await app.CreateBoardAsync("All-hands", WorkedExample.ChangeDeployed);

        var statuses = new List<HttpStatusCode>();
        for (var batch = 0; batch < 15; batch++)
        {
            var joins = Enumerable.Range(batch * 20, 20).Select(async i =>
            {
                using var response = await app.Http.PostAsJsonAsync($"/api/boards/{board.BoardId}/join", new { joinCode = board.JoinCode, name = $"Person {i}" });
                return response.StatusCode;
            });
            statuses.AddRange(await Task.WhenAll(joins).Within());
        }

        Assert.Equal(300, statuses.Count(s => s == HttpStatusCode.OK));
        // Every join is on the board: creation, then 300 joins.
        var (seq, _) = await app.StateAsync(board.BoardId);
        Assert.True(seq >= 301, $"seq {seq}");
    }

    private static async Task<HttpStatusCode[]> CreateThreeAsync(AppServer app, string clientAddress) =>
        [await CreateAsync(app, clientAddress), await CreateAsync(app, clientAddress), await CreateAsync(app, clientAddress)];

    private static async Task<HttpStatusCode> CreateAsync(AppServer app, string clientAddress)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/boards")
        {
            Content = JsonContent.Create(new { title = "Behind the proxy", incidentAt = WorkedExample.ChangeDeployed, incidentType = "Integration", severity = 2, facilitatorName = "Fran" }),
        };
        request.Headers.Add("X-Forwarded-For", clientAddress);
        using var response = await app.Http.SendAsync(request).Within();
        return response.StatusCode;
    }
}
