using PostMortem.Client.Tests.Fakes;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using static PostMortem.Client.Tests.Fakes.EngineTestKit;

namespace PostMortem.Client.Tests;

/// <summary>Pending commands by clientOpId: settled by the Ack and the sender's own entry, never applied before the server ordered them (R3).</summary>
public sealed class CommandTests
{
    private static AddNote Note(string id, string text) => new(id, NoteKind.Event, text, new DateTimeOffset(2026, 3, 3, 16, 47, 0, TimeSpan.Zero));

    [Fact]
    public async Task ACommandStaysPendingUntilItsEntryIsAppliedThenItIsAccepted()
    {
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();
        transport.Mute = true;

        var submitted = engine.Submit(Note("mine", "API change deployed"));

        // Acked, but the entry has not arrived: still "sending…", and not in the view.
        Assert.Equal(1, engine.PendingCount);
        Assert.Equal(kit.Server.Board.Seq, engine.PendingCommands.Single().AckedSeq);
        Assert.False(submitted.Result.IsCompleted);
        Assert.Empty(engine.View!.Notes);

        transport.Deliver(kit.Server.EntryFor(FakeBoardServer.Alice, kit.Server.Board.Seq));
        var result = await submitted.Result.WaitAsync(WaitLimit);
        Assert.Equal((AckStatus.Accepted, (long?)kit.Server.Board.Seq), (result.Status, result.Seq));
        Assert.Equal(0, engine.PendingCount);
        Assert.Equal(["API change deployed"], engine.View!.Notes.Select(n => n.Text));
    }

    [Fact]
    public async Task TheSendersOwnEntrySettlesACommandWhoseAnswerCameLate()
    {
        // docs/PROTOCOL.md 3.2: the call fails with "unavailable" but the entry carrying the clientOpId arrives.
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();
        transport.AnswerLate = true;

        var submitted = engine.Submit(Note("late", "answered late"));
        var result = await submitted.Result.WaitAsync(WaitLimit);

        Assert.Equal(AckStatus.Accepted, result.Status);
        Assert.Equal(0, engine.PendingCount);
        kit.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Single(transport.Submits);
        Assert.Single(kit.Server.Board.State.Notes);
    }

    [Fact]
    public async Task ARejectedCommandIsSettledWithItsCodeAndNeverShown()
    {
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();
        var seq = kit.Server.Board.Seq;

        var result = await engine.Submit(new AdvancePhase()).Result.WaitAsync(WaitLimit);

        Assert.Equal((AckStatus.Rejected, RejectionCodes.NotFacilitator), (result.Status, result.Code));
        Assert.Equal(0, engine.PendingCount);
        Assert.Equal(seq, kit.Server.Board.Seq);
        Assert.Equal(kit.Server.ViewJson(FakeBoardServer.Alice), Json(engine));
        Assert.Equal(ConnectionStatus.Connected, engine.Status);
    }

    [Fact]
    public async Task AnAckThatCarriesImportErrorsIsWaitedForEvenWhenItsEntryCameFirst()
    {
        var kit = new EngineTestKit();
        var (engine, _) = await kit.JoinedAsync(FakeBoardServer.Facilitator);

        var result = await engine.Submit(new ImportTimeline("2026-03-03 16:47 deployed\nnonsense", "pre")).Result.WaitAsync(WaitLimit);

        Assert.Equal(AckStatus.Accepted, result.Status);
        Assert.Equal("nonsense", Assert.Single(result.ImportErrors!).Text);
    }

    [Fact]
    public async Task ARateLimitedCommandIsSentAgainWithTheSameClientOpIdAfterTheRetryDelay()
    {
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();
        transport.RateLimitNext = true;

        var submitted = engine.Submit(Note("n1", "later"));
        Assert.Single(transport.Submits);
        Assert.Equal(1, engine.PendingCount);
        kit.Time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Single(transport.Submits);

        kit.Time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await submitted.Result.WaitAsync(WaitLimit);

        Assert.Equal(AckStatus.Accepted, result.Status);
        Assert.Equal([submitted.ClientOpId, submitted.ClientOpId], transport.Submits.Select(s => s.ClientOpId));
        Assert.Single(kit.Server.Board.State.Notes);
    }

    [Fact]
    public async Task AShedCommandWaitsTheServersRetryAfterThenGoesAgainWithTheSameClientOpId()
    {
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();
        transport.ShedNext = TimeSpan.FromMilliseconds(3_500); // longer than the engine's own RetryDelay (1 s)

        var submitted = engine.Submit(Note("n1", "when the server has room"));
        Assert.Single(transport.Submits);
        kit.Time.Advance(TimeSpan.FromMilliseconds(3_499));
        Assert.Single(transport.Submits); // still waiting: not settled, not rejected, not resent
        Assert.Equal(1, engine.PendingCount);
        Assert.False(submitted.Result.IsCompleted);

        kit.Time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await submitted.Result.WaitAsync(WaitLimit);

        Assert.Equal(AckStatus.Accepted, result.Status);
        Assert.Equal([submitted.ClientOpId, submitted.ClientOpId], transport.Submits.Select(s => s.ClientOpId));
        Assert.Single(kit.Server.Board.State.Notes);
    }

    [Fact]
    public async Task TheCoachAndTheWriteUpPreviewAreCoresAnswersWhileJoinedAndNothingWhileAway()
    {
        var kit = new EngineTestKit();
        var (engine, transport) = await kit.JoinedAsync();

        var flags = await engine.CheckTextAsync("You should have checked the deploy, Bob").WaitAsync(WaitLimit);
        Assert.Equal(kit.Server.Board.CheckText("You should have checked the deploy, Bob").Select(f => f.Rule), flags.Select(f => f.Rule));
        Assert.Contains(flags, f => f.Rule == "name");
        Assert.Equal(kit.Server.Board.WriteUp().Title, (await engine.WriteUpPreviewAsync().WaitAsync(WaitLimit))!.Title);

        transport.RefuseStart = new HttpRequestException("offline");
        transport.Drop();
        Assert.Empty(await engine.CheckTextAsync("You should have checked the deploy, Bob").WaitAsync(WaitLimit));
        Assert.Null(await engine.WriteUpPreviewAsync().WaitAsync(WaitLimit));
    }

    [Fact]
    public async Task TheWriteUpPreviewWithRolesIsCoresWriteUpWithNamesReplaced()
    {
        var kit = new EngineTestKit();
        var (engine, _) = await kit.JoinedAsync();
        kit.Server.Append(FakeBoardServer.Alice, new SetJobRole("on-call engineer"));
        kit.Server.Append(FakeBoardServer.Facilitator, new SetClose("Alice rolled back.", "None.", null));

        var named = await engine.WriteUpPreviewAsync(namesAsRoles: false).WaitAsync(WaitLimit);
        var roles = await engine.WriteUpPreviewAsync(namesAsRoles: true).WaitAsync(WaitLimit);

        Assert.Equal("Alice rolled back.", named!.Summary);
        Assert.Equal("on-call engineer rolled back.", roles!.Summary);
    }
}
