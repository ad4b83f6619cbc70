using System.Text.Json;
using System.Text;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Server.Boards;

namespace PostMortem.Server.Tests;

/// <summary>
/// The wire contract, byte for byte: each message the hub sends, built from the C# records the server uses and
/// serialised with the hub's JSON options, equals its golden file under docs/protocol/. The browser client (Blazor, on
/// src/PostMortem.Client) uses these same records and options, so the files document what every client reads.
/// After a deliberate protocol change, regenerate with PM_UPDATE_PROTOCOL_FIXTURES=1 and review the diff.
/// </summary>
public sealed class ProtocolFixtureTests
{
    /// <summary>Exactly the hub's options: the files hold the bytes a client receives.</summary>
    private static readonly JsonSerializerOptions Hub = ProtocolJson.CreateOptions();

    private static readonly DateTimeOffset T0 = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Fixtures() => [.. Messages().Keys];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void HubMessageMatchesItsGoldenFixture(string name)
    {
        var json = Messages()[name]();
        var path = Path.Combine(DocsProtocol(), name + ".json");
        if (Environment.GetEnvironmentVariable("PM_UPDATE_PROTOCOL_FIXTURES") == "1")
        {
            File.WriteAllText(path, json + "\n");
        }

        Assert.True(File.Exists(path), $"missing fixture {path}");
        Assert.Equal(File.ReadAllText(path).TrimEnd('\n'), json);
    }

    private static Dictionary<string, Func<string>> Messages() => new(StringComparer.Ordinal)
    {
        ["join-result.snapshot"] = () =>
        {
            var board = WorkedBoard();
            var view = JsonSerializer.SerializeToUtf8Bytes(board.ViewFor("alice"), CoreJsonContext.Default.BoardView);
            return Write(new JoinResult("snapshot", new RawJson(view), null, board.Seq, T0.AddMinutes(5).ToUnixTimeMilliseconds(), "alice", Role.Participant));
        },
        ["join-result.entries"] = () =>
        {
            var (board, applied) = WorkedBoardWithLast();
            return Write(new JoinResult("entries", null, [applied.MessageFor("alice")], board.Seq, T0.AddMinutes(5).ToUnixTimeMilliseconds(), "alice", Role.Participant));
        },
        ["entry.accepted"] = () => Raw(WorkedBoardWithLast().Applied.MessageFor("alice")),
        // The same entry as everyone else receives it (no affordances of Alice's): the form most deliveries share.
        ["entry.accepted.others"] = () => Raw(WorkedBoardWithLast().Applied.MessageFor("bob")),
        ["entry.duplicate"] = () =>
        {
            var board = WorkedBoard();
            var result = board.Apply(new LogEntry(board.Seq + 1, T0.AddMinutes(4), "alice", "op-note", new AddNote("n1", NoteKind.Event, "again")));
            return Raw(AppliedEntry.Create(result).MessageFor("alice"));
        },
        ["entry.rejected"] = () =>
        {
            var board = WorkedBoard();
            var result = board.Apply(new LogEntry(board.Seq + 1, T0.AddMinutes(4), "alice", "op-adv", new AdvancePhase()));
            return Raw(AppliedEntry.Create(result).MessageFor("alice"));
        },
        ["ack.accepted"] = () => Write(new Ack("op-note", "accepted", 5)),
        ["ack.duplicate"] = () => Write(new Ack("op-note", "duplicate", 5, Message: "this clientOpId was already applied")),
        ["ack.rejected"] = () => Write(new Ack("op-adv", "rejected", null, RejectionCodes.NotFacilitator, "Only the facilitator can do this.")),
        ["ack.shed"] = () => Write(new Ack("op-note", "rejected", null, ServerCodes.Unavailable, "The server is busy and did not take this change; it is sent again shortly.", RetryAfterMs: 1312)),
        ["ping-result"] = () => Write(new PingResult(1772618400000.5, T0.ToUnixTimeMilliseconds())),
        ["fatal"] = () => Write(new FatalMessage(RejectionCodes.ParticipantRemoved, "The facilitator removed you from this board.")),
    };

    /// <summary>Facilitator, Alice and Bob on the timeline; Alice's note; Bob has left.</summary>
    private static Board WorkedBoard() => WorkedBoardWithLast().Board;

    private static (Board Board, AppliedEntry Applied) WorkedBoardWithLast()
    {
        var board = Board.Empty("0123456789abcdef0123456789abcdef");
        var seq = 0L;
        ApplyResult Do(string actor, string op, BoardCommand command) =>
            board.Apply(new LogEntry(++seq, T0.AddSeconds(seq), actor, op, command));
        Do("fac", "create", new CreateBoard("Pause subscription broke reconciliation", new DateTimeOffset(2026, 3, 3, 16, 47, 0, TimeSpan.Zero), IncidentType.Integration, 2, "Fran"));
        Do("alice", "join", new Join("Alice"));
        Do("bob", "join", new Join("Bob"));
        Do("fac", "op-adv", new AdvancePhase());
        var last = Do("alice", "op-note", new AddNote("n1", NoteKind.Event, "API change deployed", new DateTimeOffset(2026, 3, 3, 16, 47, 0, TimeSpan.Zero)));
        return (board, AppliedEntry.Create(last));
    }

    private static string Write<T>(T value) => JsonSerializer.Serialize(value, Hub);

    /// <summary>An entry message exactly as the server writes it (from pre-encoded events).</summary>
    private static string Raw(RawJson raw) => raw.ToString();

    private static string DocsProtocol()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PostMortem.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "docs", "protocol");
    }
}
