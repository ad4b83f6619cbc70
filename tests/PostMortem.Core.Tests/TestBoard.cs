using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;

namespace PostMortem.Core.Tests;

/// <summary>A replica plus a tiny log: appends entries with the next seq and a clock the test moves.</summary>
internal sealed class TestBoard
{
    public const string Facilitator = "fac";
    public const string Alice = "alice";
    public const string Bob = "bob";
    public const string Reader = "reader-1";

    private int _op;

    public TestBoard(string? boardId = null) => Board = Board.Empty(boardId ?? "b-" + Guid.NewGuid().ToString("N"));

    public Board Board { get; }

    public BoardState State => Board.State;

    /// <summary>The log's clock: every entry is one second after the previous one unless moved.</summary>
    public DateTimeOffset Now { get; set; } = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);

    public List<LogEntry> Log { get; } = [];

    /// <summary>What applying each entry of <see cref="Log"/> gave, in order (outcome and events).</summary>
    public List<ApplyResult> Applied { get; } = [];

    public static DateTimeOffset Incident => new(2026, 3, 3, 16, 47, 0, TimeSpan.Zero);

    /// <summary>The clientOpId of the next entry only (to test bad ones).</summary>
    public string? NextClientOpId { get; set; }

    public ApplyResult Do(string actor, BoardCommand command, string? clientOpId = null)
    {
        Now = Now.AddSeconds(1);
        var opId = clientOpId ?? NextClientOpId ?? "op-" + ++_op;
        NextClientOpId = null;
        var entry = new LogEntry(Board.Seq + 1, Now, actor, opId, command);
        Log.Add(entry);
        var result = Board.Apply(entry);
        Applied.Add(result);
        return result;
    }

    public ApplyResult Ok(string actor, BoardCommand command)
    {
        var r = Do(actor, command);
        Assert.True(r.Outcome.IsAccepted, $"{command.GetType().Name} by {actor} was {r.Outcome.Status}: {r.Outcome.Code} {r.Outcome.Message}");
        return r;
    }

    public string Rejected(string actor, BoardCommand command)
    {
        var hashBefore = Board.StateHash();
        var seqBefore = Board.Seq;
        var r = Do(actor, command);
        Assert.Equal(OutcomeStatus.Rejected, r.Outcome.Status);
        Assert.Empty(r.Events);
        Assert.Equal(seqBefore + 1, Board.Seq);
        // Only the sequence number moved.
        State.Meta.Seq = seqBefore;
        Assert.Equal(hashBefore, Board.StateHash());
        State.Meta.Seq = seqBefore + 1;
        return r.Outcome.Code!;
    }

    public static CreateBoard Create(AgendaPreset preset = AgendaPreset.Ninety, string timeZone = "UTC") =>
        new("Pause subscription broke reconciliation", Incident, IncidentType.Integration, 2, "Fran", preset, TimeZone: timeZone);

    /// <summary>A created board with the facilitator, Alice and Bob.</summary>
    public static TestBoard Started(AgendaPreset preset = AgendaPreset.Ninety, string timeZone = "UTC")
    {
        var t = new TestBoard();
        t.Ok(Facilitator, Create(preset, timeZone));
        t.Ok(Alice, new Join("Alice"));
        t.Ok(Bob, new Join("Bob"));
        return t;
    }

    public void AdvanceTo(Phase phase)
    {
        while (State.Meta.Phase != phase)
        {
            Ok(Facilitator, State.Meta.Phase < phase ? new AdvancePhase() : new GoBackPhase());
        }
    }
}
