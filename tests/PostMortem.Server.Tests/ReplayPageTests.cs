using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PostMortem.BoardLog.Tests;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Server.Boards;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.Server.Tests;

/// <summary>Session replay over HTTP (issue 14; ARCHITECTURE.md claim 46): the page, its frame fragment and their errors,
/// on the embedded log and on a real redis-server.</summary>
public sealed class ReplayPageTests(ServerFactory server, RedisServerFixture redis) : IClassFixture<ServerFactory>, IClassFixture<RedisServerFixture>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task TheReplayShowsTheBoardAsItWasAtTheChosenEntryToReadKeyHolders()
    {
        var (board, timelineSeq) = await RunMeetingAsync(server, lockIt: true);
        using var http = server.NewHttpClient();

        using var page = await http.GetAsync($"b/{board.BoardId}/replay?key={Uri.EscapeDataString(board.ReadKey)}&at={timelineSeq}").WaitAsync(s_timeout);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"replay-frame\" data-seq=\"" + timelineSeq + "\"", html, StringComparison.Ordinal);
        Assert.Contains("API change deployed", html, StringComparison.Ordinal);
        Assert.DoesNotContain("No contract test between the squads", html, StringComparison.Ordinal);
        Assert.Contains(">Timeline</a>", html, StringComparison.Ordinal);
        Assert.Contains(">Board locked</a>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"at\"", html, StringComparison.Ordinal);
        Assert.Contains("_content/PostMortem.Web/replay.js", html, StringComparison.Ordinal);
        Assert.Contains("Sam added a timeline event", html, StringComparison.Ordinal);

        // The fragment is the same frame, alone; names replaced by roles when asked.
        using var fragment = await http.GetAsync($"b/{board.BoardId}/replay/frame?key={Uri.EscapeDataString(board.ReadKey)}&roles=1").WaitAsync(s_timeout);
        var part = await fragment.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, fragment.StatusCode);
        Assert.Equal("text/html", fragment.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<html", part, StringComparison.Ordinal);
        Assert.Contains("No contract test between the squads", part, StringComparison.Ordinal);
        Assert.Contains("facilitator locked the board", part, StringComparison.Ordinal);
        Assert.DoesNotContain("Sam", part, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadOrMissingKeyAnUnknownBoardABadPositionOrABadRolesValueGetAClearError()
    {
        var (board, _) = await RunMeetingAsync(server, lockIt: true);
        using var http = server.NewHttpClient();
        var frame = $"b/{board.BoardId}/replay/frame";

        await AssertProblemAsync(http, frame, HttpStatusCode.BadRequest, ServerCodes.InvalidRequest, "key is required");
        await AssertProblemAsync(http, frame + "?key=not-the-key", HttpStatusCode.Forbidden, RejectionCodes.Unauthorized, "read key is not right");
        await AssertProblemAsync(http, $"b/{new string('0', 32)}/replay/frame?key=x", HttpStatusCode.NotFound, RejectionCodes.BoardNotFound, "no such board");
        await AssertProblemAsync(http, frame + "?key=" + Uri.EscapeDataString(board.ReadKey) + "&at=two", HttpStatusCode.BadRequest, ServerCodes.InvalidRequest, "at must be a sequence number");
        await AssertProblemAsync(http, frame + "?key=" + Uri.EscapeDataString(board.ReadKey) + "&roles=maybe", HttpStatusCode.BadRequest, ServerCodes.InvalidRequest, "roles is 1 to replace names by roles");

        using var wrong = await http.GetAsync($"b/{board.BoardId}/replay?key=not-the-key").WaitAsync(s_timeout);
        var refused = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("This replay link is not valid.", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"replay-frame\"", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeforeTheBoardIsLockedTheReplaySaysWhenItWillOpen()
    {
        var (board, _) = await RunMeetingAsync(server, lockIt: false);
        using var http = server.NewHttpClient();
        var sentence = RejectionCodes.Sentence(RejectionCodes.ReplayNotReady);

        using var page = await http.GetAsync($"b/{board.BoardId}/replay?key={Uri.EscapeDataString(board.ReadKey)}").WaitAsync(s_timeout);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(sentence), html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"replay-frame\"", html, StringComparison.Ordinal);

        await AssertProblemAsync(http, $"b/{board.BoardId}/replay/frame?key={Uri.EscapeDataString(board.ReadKey)}", HttpStatusCode.Conflict, RejectionCodes.ReplayNotReady, sentence);
    }

    [Fact]
    public async Task ABoardOnTheRedisLogReplaysTheSameWay()
    {
        await using var onRedis = new ServerFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Redis:KeyPrefix"] = "replay-" + Guid.NewGuid().ToString("N")[..8],
        });
        var (board, timelineSeq) = await RunMeetingAsync(onRedis, lockIt: true);
        Assert.Equal("RedisBoardLog", onRedis.Log.GetType().Name);
        using var http = onRedis.NewHttpClient();

        using var fragment = await http.GetAsync($"b/{board.BoardId}/replay/frame?key={Uri.EscapeDataString(board.ReadKey)}&at={timelineSeq}").WaitAsync(s_timeout);
        var part = await fragment.Content.ReadAsStringAsync();
        Assert.True(fragment.StatusCode == HttpStatusCode.OK, part);
        Assert.Contains("data-seq=\"" + timelineSeq + "\"", part, StringComparison.Ordinal);
        Assert.Contains("API change deployed", part, StringComparison.Ordinal);
        Assert.DoesNotContain("No contract test between the squads", part, StringComparison.Ordinal);

        // The whole session: the same board the live replica holds.
        var host = (await onRedis.Registry.GetAsync(board.BoardId, CancellationToken.None))!;
        var entries = await onRedis.Log.ReadAsync(board.BoardId, 0, 1000, CancellationToken.None);
        var replay = Core.Replay.BoardReplay.Build(board.BoardId, entries);
        Assert.Equal(host.Read(b => b.StateHash()), replay.BoardAt(replay.LastSeq).StateHash());
    }

    private static async Task AssertProblemAsync(HttpClient http, string path, HttpStatusCode status, string code, string words)
    {
        using var response = await http.GetAsync(path).WaitAsync(s_timeout);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal(code, await ApiClient.ProblemCodeAsync(response));
        Assert.Contains(words, body, StringComparison.Ordinal);
    }

    /// <summary>A short meeting through the server's own path for commands (BoardCommands, as the hub's Submit):
    /// a note in the timeline, a contributing factor later; locked when asked. Returns the seq after the timeline note.</summary>
    private static async Task<(CreateBoardResponse Board, long TimelineSeq)> RunMeetingAsync(ServerFactory factory, bool lockIt)
    {
        using var api = factory.Api();
        var board = await api.CreateBoardAsync().WaitAsync(s_timeout);
        var host = (await factory.Registry.GetAsync(board.BoardId, CancellationToken.None))!;
        var commands = factory.Services.GetRequiredService<BoardCommands>();
        var op = 0;
        async Task<long> Do(BoardCommand command)
        {
            var (outcome, seq) = await commands.RunAsync(host, new PendingEntry(board.ParticipantId, "replay-" + ++op, command), CancellationToken.None).WaitAsync(s_timeout);
            Assert.True(outcome.IsAccepted, $"{command.GetType().Name}: {outcome.Code} {outcome.Message}");
            return seq!.Value;
        }

        await Do(new AdvancePhase());
        var timelineSeq = await Do(new AddNote("e1", NoteKind.Event, "API change deployed", new DateTimeOffset(2026, 3, 3, 16, 47, 0, TimeSpan.Zero)));
        await Do(new AdvancePhase());
        await Do(new AdvancePhase());
        await Do(new AddNote("f1", NoteKind.ContributingFactor, "No contract test between the squads"));
        if (lockIt)
        {
            await Do(new LockBoard());
        }

        return (board, timelineSeq);
    }
}
