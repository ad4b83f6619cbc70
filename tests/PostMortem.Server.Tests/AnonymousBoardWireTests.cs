using System.Text.Json;
using System.Text.Json.Nodes;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.Server.Tests;

/// <summary>
/// Anonymous boards on the wire (docs/PROTOCOL.md R24–R25, claims 48–49): like secret votes, a hidden author is
/// filtered on the server — another participant's raw frames never carry the author's participant id as an author or
/// an actor (only in the author's own participant entry), while the author's own frames do. Checked on live entries,
/// the join view, a rejoin catch-up, the HTTP read view and presence.
/// </summary>
public sealed class AnonymousBoardWireTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    private sealed record Person(string Id, string Token, RawHubSocket Socket);

    private sealed class AnonymousBoard : IAsyncDisposable
    {
        public required string BoardId { get; init; }
        public required string ReadKey { get; init; }
        public required Person Facilitator { get; init; }
        public required Person Alex { get; init; }
        public required Person Blake { get; init; }
        public List<RawHubSocket> Extra { get; } = [];

        public async ValueTask DisposeAsync()
        {
            foreach (var socket in (RawHubSocket[])[Facilitator.Socket, Alex.Socket, Blake.Socket, .. Extra])
            {
                await socket.DisposeAsync();
            }
        }
    }

    private async Task<AnonymousBoard> StartAsync(params string[] anonymousPhases)
    {
        using var api = server.Api();
        var created = await api.CreateBoardAsync(new
        {
            title = "Pause subscription API change",
            incidentAt = "2026-03-04T05:30:00Z",
            incidentType = "deployment",
            severity = 2,
            facilitatorName = "Sam",
            anonymousPhases,
        });
        async Task<Person> ConnectAsync(string id, string token, string name)
        {
            var socket = await RawHubSocket.ConnectAsync(server.BaseAddress, token, name);
            await socket.JoinAsync(created.BoardId);
            return new Person(id, token, socket);
        }

        var facilitator = await ConnectAsync(created.ParticipantId, created.Token, "Sam");
        var alex = await api.JoinAsync(created, "Alex");
        var blake = await api.JoinAsync(created, "Blake");
        return new AnonymousBoard
        {
            BoardId = created.BoardId,
            ReadKey = created.ReadKey,
            Facilitator = facilitator,
            Alex = await ConnectAsync(alex.ParticipantId, alex.Token, "Alex"),
            Blake = await ConnectAsync(blake.ParticipantId, blake.Token, "Blake"),
        };
    }

    private static async Task<long> SubmitAsync(Person who, object command)
    {
        var ack = await who.Socket.InvokeAsync("Submit", new { clientOpId = Guid.NewGuid().ToString("N"), command });
        Assert.True(ack.Str("status") == "accepted", $"{command}: {ack}");
        return ack.GetProperty("seq").GetInt64();
    }

    private static object Event(string id, string text) => new { type = "addNote", noteId = id, kind = "event", text, occurredAt = "2026-03-04T05:30:00Z" };

    /// <summary>The record with its participants taken out: what is left must not name <paramref name="id"/>.</summary>
    private static string WithoutParticipantEntities(string frame, string id)
    {
        var node = JsonNode.Parse(frame)!;
        Strip(node, id);
        return node.ToJsonString();
    }

    /// <summary>Removes what names <paramref name="id"/> as a participant rather than an author: their participant
    /// entity and event, the facilitator's people lists, the actor of their join (or ready, rename…).</summary>
    private static void Strip(JsonNode? node, string id)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["participants"] is JsonArray people)
                {
                    foreach (var p in people.Where(p => Text(p?["id"]) == id).ToList())
                    {
                        people.Remove(p);
                    }
                }

                if (Text(obj["type"]) == "participant" && Text(obj["participant"]?["id"]) == id)
                {
                    obj.Remove("participant");
                }

                // The facilitator's lists of people (remove, hand over) and the actor of a person's own presence on
                // the board (join, ready…) name participants, not authors.
                obj.Remove("removableParticipants");
                obj.Remove("handOverCandidates");
                if (IsPersonOwnEntry(obj))
                {
                    obj.Remove("actorId");
                }

                foreach (var (_, child) in obj.ToList())
                {
                    Strip(child, id);
                }

                break;
            case JsonArray array:
                foreach (var child in array.ToList())
                {
                    Strip(child, id);
                }

                break;
        }
    }

    /// <summary>An entry about a person's own presence on the board (join, ready, rename…): its events are only their
    /// participant event, the board's derived figures and affordances, so its actor names a participant, not an author.
    /// Any other content (a note, a step…) keeps the actor in the check.</summary>
    private static bool IsPersonOwnEntry(JsonObject entry) =>
        entry["events"] is JsonArray events
        && Text(entry["actorId"]) is { } actor
        && events.Any(e => Text(e?["type"]) == "participant" && Text(e?["participant"]?["id"]) == actor)
        && events.All(e => Text(e?["type"]) is "participant" or "derived" or "affordances");

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static void AssertNeverNamed(IEnumerable<string> frames, string id, string where)
    {
        foreach (var frame in frames)
        {
            Assert.False(WithoutParticipantEntities(frame, id).Contains(id, StringComparison.Ordinal), $"{where}: {frame}");
        }
    }

    [Fact]
    public async Task AnotherParticipantsSocketNeverReceivesTheAuthorsIdOnAnAnonymousBoard()
    {
        await using var board = await StartAsync("timeline", "rootCause");
        var (alex, blake) = (board.Alex, board.Blake);
        await SubmitAsync(board.Facilitator, new { type = "advancePhase" }); // timeline
        await SubmitAsync(alex, Event("n1", "API change deployed"));
        await SubmitAsync(alex, new { type = "editNote", noteId = "n1", text = "API change deployed at 05:30" });
        await SubmitAsync(alex, new { type = "moveNote", noteId = "n1", kind = "signal" });
        await SubmitAsync(board.Facilitator, new { type = "advancePhase" }); // root cause
        await SubmitAsync(alex, new { type = "startChain", chainId = "c1", symptom = "Reconciliation failed" });
        await SubmitAsync(blake, new { type = "addWhyStep", chainId = "c1", stepId = "s1", question = "Why?", answer = "The flag was not sent" });
        var last = await SubmitAsync(alex, new { type = "addWhyStep", chainId = "c1", stepId = "s2", question = "Why?", answer = "No contract test" });
        await blake.Socket.WaitForSeqAsync(last);
        await alex.Socket.WaitForSeqAsync(last);
        await board.Facilitator.Socket.WaitForSeqAsync(last);

        // Alex's own socket carries his id as author and actor (so the checks below can fail)...
        Assert.Contains(alex.Socket.Frames, f => f.Contains($"\"authorId\":\"{alex.Id}\"", StringComparison.Ordinal));
        Assert.Contains(alex.Socket.Frames, f => f.Contains($"\"actorId\":\"{alex.Id}\"", StringComparison.Ordinal) && f.Contains("{\"type\":\"note\"", StringComparison.Ordinal));
        // ...Blake's and the facilitator's never do, but for Alex's own participant entry.
        AssertNeverNamed(blake.Socket.Frames, alex.Id, "Blake's socket");
        AssertNeverNamed(board.Facilitator.Socket.Frames, alex.Id, "the facilitator's socket");
        AssertNeverNamed(alex.Socket.Frames, blake.Id, "Alex's socket");
        Assert.Contains(blake.Socket.Frames, f => f.Contains("\"actorId\":\"\"", StringComparison.Ordinal) && f.Contains("{\"type\":\"note\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheJoinViewTheReadViewAndARejoinCatchUpHideTheAuthorToo()
    {
        await using var board = await StartAsync("timeline");
        var (alex, blake) = (board.Alex, board.Blake);
        var seq = await SubmitAsync(board.Facilitator, new { type = "advancePhase" });
        await blake.Socket.WaitForSeqAsync(seq);
        await blake.Socket.DisposeAsync(); // Blake drops off at seq...

        await SubmitAsync(alex, Event("n1", "API change deployed"));
        var last = await SubmitAsync(alex, Event("n2", "Reconciliation started failing"));

        // ...and catches up with the entries he missed.
        var back = await RawHubSocket.ConnectAsync(server.BaseAddress, blake.Token, "Blake-back");
        board.Extra.Add(back);
        var catchUp = await back.JoinAsync(board.BoardId, lastSeq: seq);
        Assert.Equal("entries", catchUp.Str("mode"));
        Assert.Equal(last, catchUp.GetProperty("entries").EnumerateArray().Last().GetProperty("seq").GetInt64());
        AssertNeverNamed(back.Frames, alex.Id, "Blake's catch-up");

        // A fresh join gets the view: notes without Alex's id for Blake, with it for Alex.
        var fresh = await RawHubSocket.ConnectAsync(server.BaseAddress, blake.Token, "Blake-fresh");
        board.Extra.Add(fresh);
        var view = (await fresh.JoinAsync(board.BoardId)).GetProperty("view");
        Assert.Equal(new[] { "", "" }, view.GetProperty("notes").EnumerateArray().Select(n => n.Str("authorId")!).ToArray());
        AssertNeverNamed(fresh.Frames, alex.Id, "Blake's join view");
        var alexAgain = await RawHubSocket.ConnectAsync(server.BaseAddress, alex.Token, "Alex-fresh");
        board.Extra.Add(alexAgain);
        var alexView = (await alexAgain.JoinAsync(board.BoardId)).GetProperty("view");
        Assert.Equal(new[] { alex.Id, alex.Id }, alexView.GetProperty("notes").EnumerateArray().Select(n => n.Str("authorId")!).ToArray());

        // The read link's view (HTTP) names nobody either.
        using var api = server.Api();
        using var read = await api.GetAsync($"api/boards/{board.BoardId}/read?key={Uri.EscapeDataString(board.ReadKey)}");
        var readJson = await read.Content.ReadAsStringAsync();
        Assert.True(read.IsSuccessStatusCode, readJson);
        Assert.Contains("\"n2\"", readJson, StringComparison.Ordinal);
        AssertNeverNamed([readJson], alex.Id, "the read view");
    }

    [Fact]
    public async Task PresenceOnAnAnonymousNoteDoesNotNameTheNote()
    {
        await using var board = await StartAsync("timeline");
        var (alex, blake) = (board.Alex, board.Blake);
        await SubmitAsync(board.Facilitator, new { type = "advancePhase" });
        await SubmitAsync(alex, Event("n1", "API change deployed"));

        await alex.Socket.SendAsync("Presence", new { kind = "drag", x = 10.0, y = 20.0, noteId = "n1" });
        var seen = await blake.Socket.WaitForFrameAsync(f => f.Contains("\"target\":\"presence\"", StringComparison.Ordinal)
            && f.Contains(alex.Id, StringComparison.Ordinal) && f.Contains("\"drag\"", StringComparison.Ordinal));

        Assert.DoesNotContain("\"n1\"", seen, StringComparison.Ordinal);
        Assert.Contains("\"x\":10", seen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnABoardThatIsNotAnonymousAuthorsAndActorsAreSentAsBefore()
    {
        await using var board = await StartAsync();
        var (alex, blake) = (board.Alex, board.Blake);
        await SubmitAsync(board.Facilitator, new { type = "advancePhase" });
        var seq = await SubmitAsync(alex, Event("n1", "API change deployed"));
        await blake.Socket.WaitForSeqAsync(seq);

        Assert.Contains(blake.Socket.Frames, f => f.Contains($"\"authorId\":\"{alex.Id}\"", StringComparison.Ordinal)
            && f.Contains($"\"actorId\":\"{alex.Id}\"", StringComparison.Ordinal));
        await alex.Socket.SendAsync("Presence", new { kind = "drag", x = 1.0, y = 2.0, noteId = "n1" });
        await blake.Socket.WaitForFrameAsync(f => f.Contains("\"target\":\"presence\"", StringComparison.Ordinal) && f.Contains("\"n1\"", StringComparison.Ordinal));
    }
}
