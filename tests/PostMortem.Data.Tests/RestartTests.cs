using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Data.Journal;
using PostMortem.Data.Records;
using PostMortem.Data.Snapshots;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.Data.Tests;

/// <summary>
/// Invariant 2: no accepted command is lost when the server restarts — gracefully, or killed with SIGKILL —
/// and every board reloads (snapshot + journal after it) to the same state.
/// </summary>
public sealed class RestartTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RestartedHostReloadsEveryBoardToTheSameStateHash()
    {
        var clock = new TestClock(WorkedExample.Meeting);
        Dictionary<string, (long Seq, string Hash)> before = [];
        string closedBoard;
        await using (var app = AppServer.Start(_folder.Path, clock))
        {
            var meeting = await WorkedExample.RunAsync(app);
            closedBoard = meeting.BoardId;
            var open = await app.CreateBoardAsync("Still in the meeting", WorkedExample.ChangeDeployed);
            await app.OkAsync(open.BoardId, open.ParticipantId, new AdvancePhase());
            for (var i = 0; i < 30; i++)
            {
                await app.OkAsync(open.BoardId, open.ParticipantId, new AddNote($"n{i}", NoteKind.Event, $"event {i}", WorkedExample.ChangeDeployed.AddMinutes(i)));
            }

            foreach (var id in new[] { meeting.BoardId, open.BoardId })
            {
                before[id] = await app.StateAsync(id);
            }
        }

        await using var restarted = AppServer.Start(_folder.Path, clock);
        foreach (var (id, state) in before)
        {
            Assert.Equal(state, await restarted.StateAsync(id));
        }

        var (status, incident) = await restarted.GetJsonAsync($"/api/incidents/{closedBoard}");
        Assert.Equal(200, status);
        Assert.Equal(3, incident["actions"]!.AsArray().Count);
    }

    [Fact]
    public async Task ClosedBoardWhoseRecordWasLostIsRecordedAgainWhenItLoads()
    {
        var clock = new TestClock(WorkedExample.Meeting);
        string boardId;
        await using (var app = AppServer.Start(_folder.Path, clock))
        {
            boardId = (await WorkedExample.RunAsync(app)).BoardId;
        }

        // As if the process died after the closing snapshot but before the record was written.
        await using (var data = await DataServices.StartAsync(_folder.Path))
        {
            await using var db = await data.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<PostMortemDbContext>>().CreateDbContextAsync().Within();
            db.Incidents.Remove(await db.Incidents.FindAsync(boardId).AsTask().Within() ?? throw new InvalidOperationException("no record"));
            await db.SaveChangesAsync().Within();
        }

        await using var restarted = AppServer.Start(_folder.Path, clock);
        Assert.Equal(404, (await restarted.GetJsonAsync($"/api/incidents/{boardId}")).Status);
        var (seq, _) = await restarted.StateAsync(boardId);
        await restarted.Services.GetRequiredService<IncidentRecordWriter>().WaitForAsync(boardId, seq, Timeouts.Default, CancellationToken.None).Within();

        var (status, incident) = await restarted.GetJsonAsync($"/api/incidents/{boardId}");
        Assert.Equal(200, status);
        Assert.Equal(3, incident["actions"]!.AsArray().Count);
    }

    [Fact]
    public async Task ServerKilledWithSigkillLosesNoAcceptedEntry()
    {
        var acked = new ConcurrentDictionary<string, AckedBoard>(StringComparer.Ordinal);
        await using (var server = await ChildServer.StartAsync(_folder.Path))
        {
            using var killAfter = new CancellationTokenSource();
            var ackCount = 0;
            var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            // Writers on several boards at once, over the hub and HTTP; the kill lands while requests are in flight.
            var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
            {
                HubTestClient? hub = null;
                try
                {
                    var board = await CreateAsync(server.Http, $"Board {w}");
                    acked[board.BoardId] = board;
                    hub = await HubTestClient.ConnectAsync(server.Address, board.FacilitatorToken, $"facilitator {w}");
                    await hub.JoinAsync(board.BoardId);
                    Assert.Equal("accepted", (await hub.SubmitAsync(new { type = "advancePhase" })).Status);
                    for (var i = 0; !killed.Task.IsCompleted; i++)
                    {
                        switch (i % 3)
                        {
                            case 0:
                                board.Participants.Add(await JoinAsync(server.Http, board, $"P{w}-{i}"));
                                break;
                            case 1:
                                var (name, seq) = await SignOffAsync(server.Http, board, $"Reader {w}-{i}");
                                board.SignOffs.Add(name);
                                board.MaxSeq = Math.Max(board.MaxSeq, seq);
                                break;
                            default:
                                var noteId = $"n{w}-{i}";
                                var ack = await hub.SubmitAsync(new { type = "addNote", noteId, kind = "event", text = $"event {i}", occurredAt = "2026-03-03T16:47:00Z" });
                                Assert.Equal("accepted", ack.Status);
                                board.Notes.Add(noteId);
                                board.MaxSeq = Math.Max(board.MaxSeq, ack.Seq!.Value);
                                break;
                        }

                        if (Interlocked.Increment(ref ackCount) == 120)
                        {
                            killed.TrySetResult();
                        }
                    }
                }
                catch (Exception ex) when (killed.Task.IsCompleted && ex is HttpRequestException or TaskCanceledException or HubCallException
                    or System.Net.WebSockets.WebSocketException or InvalidOperationException or TimeoutException)
                {
                    // The server died under this request: it was never acknowledged.
                }
                finally
                {
                    if (hub is not null)
                    {
                        await hub.DisposeAsync();
                    }
                }
            })).ToList();

            await killed.Task.WaitAsync(TimeSpan.FromSeconds(90));
            await server.KillAsync();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.Equal(6, acked.Count);
        await using var restarted = await ChildServer.StartAsync(_folder.Path);
        var views = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var board in acked.Values)
        {
            using var response = await restarted.Http.GetAsync($"/api/boards/{board.BoardId}/read?key={Uri.EscapeDataString(board.ReadKey)}").Within();
            var view = await AppServer.ReadJsonAsync(response);
            Assert.True(response.IsSuccessStatusCode, view.ToJsonString());
            views[board.BoardId] = view;

            Assert.True((long)view["seq"]! >= board.MaxSeq, $"seq {(long)view["seq"]!} < acknowledged {board.MaxSeq}");
            var participants = view["participants"]!.AsArray().Select(p => (string)p!["id"]!).ToHashSet(StringComparer.Ordinal);
            Assert.Superset(board.Participants.ToHashSet(StringComparer.Ordinal), participants);
            var signOffs = view["signOffs"]!.AsArray().Select(s => (string)s!["name"]!).ToHashSet(StringComparer.Ordinal);
            Assert.Superset(board.SignOffs.ToHashSet(StringComparer.Ordinal), signOffs);
            var notes = view["notes"]!.AsArray().Select(n => (string)n!["id"]!).ToHashSet(StringComparer.Ordinal);
            Assert.Superset(board.Notes.ToHashSet(StringComparer.Ordinal), notes);
        }

        await restarted.KillAsync();

        // The reloaded boards equal a replay of everything journaled, and the stored snapshot plus the
        // journal after it reaches the same state hash as the full replay.
        await using var data = await DataServices.StartAsync(_folder.Path);
        var journal = data.Get<EntryJournal>();
        foreach (var (boardId, view) in views)
        {
            var replayed = Board.Empty(boardId);
            foreach (var entry in await journal.ReadAfterAsync(boardId, 0, CancellationToken.None).Within())
            {
                replayed.Apply(entry);
            }

            var expected = JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(replayed.ViewFor("reader"), CoreJsonContext.Default.BoardView))!;
            Assert.True(JsonNode.DeepEquals(expected, view), $"board {boardId}: the reloaded view differs from the journal replay");

            var snapshot = await data.Get<SnapshotStore>().LoadLatestAsync(boardId, CancellationToken.None).Within();
            var fromSnapshot = snapshot is null ? Board.Empty(boardId) : Board.FromSnapshot(snapshot);
            foreach (var entry in await journal.ReadAfterAsync(boardId, fromSnapshot.Seq, CancellationToken.None).Within())
            {
                fromSnapshot.Apply(entry);
            }

            Assert.Equal(replayed.StateHash(), fromSnapshot.StateHash());
        }
    }

    private sealed class AckedBoard(string boardId, string joinCode, string readKey, string facilitatorToken)
    {
        public string BoardId { get; } = boardId;
        public string JoinCode { get; } = joinCode;
        public string ReadKey { get; } = readKey;
        public string FacilitatorToken { get; } = facilitatorToken;
        public ConcurrentBag<string> Participants { get; } = [];
        public ConcurrentBag<string> SignOffs { get; } = [];
        public ConcurrentBag<string> Notes { get; } = [];
        public long MaxSeq { get; set; } = 1;
    }

    private static async Task<AckedBoard> CreateAsync(HttpClient http, string title)
    {
        using var response = await http.PostAsJsonAsync("/api/boards", new
        {
            title,
            incidentAt = WorkedExample.ChangeDeployed,
            incidentType = "Deployment",
            severity = 3,
            facilitatorName = "Fran",
        }).Within();
        response.EnsureSuccessStatusCode();
        var body = await AppServer.ReadJsonAsync(response);
        return new AckedBoard((string)body["boardId"]!, (string)body["joinCode"]!, (string)body["readKey"]!, (string)body["token"]!);
    }

    private static async Task<string> JoinAsync(HttpClient http, AckedBoard board, string name)
    {
        using var response = await http.PostAsJsonAsync($"/api/boards/{board.BoardId}/join", new { joinCode = board.JoinCode, name }).Within();
        response.EnsureSuccessStatusCode();
        return (string)(await AppServer.ReadJsonAsync(response))["participantId"]!;
    }

    private static async Task<(string Name, long Seq)> SignOffAsync(HttpClient http, AckedBoard board, string name)
    {
        using var response = await http.PostAsJsonAsync($"/api/boards/{board.BoardId}/signoff", new { key = board.ReadKey, name }).Within();
        response.EnsureSuccessStatusCode();
        return (name, (long)(await AppServer.ReadJsonAsync(response))["seq"]!);
    }
}
