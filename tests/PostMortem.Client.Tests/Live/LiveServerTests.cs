using PostMortem.Client.Storage;
using PostMortem.Client.Tests.Fakes;
using PostMortem.Client.Transport;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using static PostMortem.Client.Tests.Fakes.EngineTestKit;

namespace PostMortem.Client.Tests.Live;

/// <summary>The engine on the .NET SignalR client against the real server over a real socket (claim 1, R2, R3, R8).</summary>
public sealed class LiveServerTests(LiveServer server) : IClassFixture<LiveServer>
{
    [Fact]
    public async Task TwoEnginesOnOneBoardEachSubmitAndBothConvergeOnTheServersViewOfThem()
    {
        var board = await server.CreateBoardAsync().WaitAsync(WaitLimit);
        var alex = await server.JoinAsync(board, "Alex").WaitAsync(WaitLimit);
        await using var facilitatorTransport = new HubConnectionTransport(server.BaseAddress, () => Task.FromResult<string?>(board.Token));
        await using var alexTransport = new HubConnectionTransport(server.BaseAddress, () => Task.FromResult<string?>(alex.Token));
        await using var facilitator = new BoardSyncEngine(facilitatorTransport, Options(board.BoardId, board.ParticipantId));
        await using var participant = new BoardSyncEngine(alexTransport, Options(board.BoardId, alex.ParticipantId));
        await facilitator.StartAsync().WaitAsync(WaitLimit);
        await participant.StartAsync().WaitAsync(WaitLimit);
        Assert.Equal((ConnectionStatus.Connected, ConnectionStatus.Connected), (facilitator.Status, participant.Status));

        var occurred = new DateTimeOffset(2026, 3, 3, 16, 47, 0, TimeSpan.Zero);
        Assert.Equal(AckStatus.Accepted, (await facilitator.Submit(new AdvancePhase()).Result.WaitAsync(WaitLimit)).Status);
        var results = await Task.WhenAll(
            participant.Submit(new AddNote("n-alex", NoteKind.Event, "API change deployed", occurred)).Result,
            facilitator.Submit(new AddNote("n-sam", NoteKind.Signal, "no alert fired", occurred.AddHours(12))).Result,
            participant.Submit(new MarkKeyMoment("n-alex", KeyMoment.Trigger)).Result).WaitAsync(WaitLimit);
        Assert.All(results, r => Assert.Equal(AckStatus.Accepted, r.Status));
        // A participant's facilitator-only command is refused and changes nothing for anyone.
        Assert.Equal(Core.RejectionCodes.NotFacilitator, (await participant.Submit(new LockPhase(Phase.Timeline)).Result.WaitAsync(WaitLimit)).Code);

        var (_, seq) = server.ServerView(board.BoardId, alex.ParticipantId);
        await Until(facilitator, () => facilitator.LastSeq == seq, $"the facilitator at seq {seq}");
        await Until(participant, () => participant.LastSeq == seq, $"the participant at seq {seq}");
        Assert.Equal(FakeBoardServer.Json(server.ServerView(board.BoardId, board.ParticipantId).View), Json(facilitator));
        Assert.Equal(FakeBoardServer.Json(server.ServerView(board.BoardId, alex.ParticipantId).View), Json(participant));
        Assert.Equal(["API change deployed", "no alert fired"], participant.View!.Notes.Select(n => n.Text).Order(StringComparer.Ordinal));
        Assert.Equal(0, facilitator.PendingCount + participant.PendingCount);
    }

    private static BoardSyncOptions Options(string boardId, string participantId) => new()
    {
        BoardId = boardId,
        ParticipantId = participantId,
        Storage = new InMemoryKeyValueStorage(),
    };
}
