using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;

namespace PostMortem.Client.Tests.Fakes;

/// <summary>
/// A board server in memory with Core's real board behind it: Decide answers duplicates and certain rejections without
/// a log write (R3, R17), appends get the next seq, and every joined connection receives each entry with its own
/// viewer's events (R8). What the engine shows can therefore be compared with <see cref="Board.ViewFor"/>.
/// </summary>
internal sealed class FakeBoardServer
{
    public const string Facilitator = "fac";
    public const string Alice = "alice";
    public const string Bob = "bob";

    private readonly List<(LogEntry Entry, ApplyResult Result)> _log = [];
    private readonly List<FakeTransport> _connections = [];
    private int _op;

    public FakeBoardServer(FakeTimeProvider time)
    {
        Time = time;
        Board = Board.Empty("b1");
        Append(Facilitator, new CreateBoard("Pause subscription broke reconciliation", new DateTimeOffset(2026, 3, 3, 15, 47, 0, TimeSpan.Zero), IncidentType.Integration, 2, "Fran", AgendaPreset.Ninety));
        Append(Alice, new Join("Alice"));
        Append(Bob, new Join("Bob"));
        Append(Facilitator, new AdvancePhase());
    }

    public FakeTimeProvider Time { get; }

    public Board Board { get; }

    public string BoardId => Board.BoardId;

    public FakeTransport Connect(string participantId)
    {
        var transport = new FakeTransport(this, participantId);
        _connections.Add(transport);
        return transport;
    }

    /// <summary>Someone's command reaching the log (pushed to every joined, unmuted connection).</summary>
    public ApplyResult Append(string actor, BoardCommand command, string? clientOpId = null)
    {
        var entry = new LogEntry(Board.Seq + 1, Time.GetUtcNow(), actor, clientOpId ?? "server-op-" + ++_op, command);
        var result = Board.Apply(entry);
        _log.Add((entry, result));
        foreach (var connection in _connections.ToList())
        {
            if (connection.Joined && !connection.Mute)
            {
                connection.Deliver(EntryFor(connection.ParticipantId, entry.Seq));
            }
        }

        return result;
    }

    /// <summary>The entry with <paramref name="seq"/> as <paramref name="viewer"/> receives it.</summary>
    public EntryMessage EntryFor(string viewer, long seq)
    {
        var (entry, result) = _log.Single(x => x.Entry.Seq == seq);
        var outcome = result.Outcome;
        return new EntryMessage(entry.Seq, entry.At, entry.ActorId, entry.ClientOpId, Board.EventsFor(viewer, result.Events),
            AckStatus.Of(outcome.Status), outcome.Code, outcome.Message, outcome.DuplicateOfSeq);
    }

    public IEnumerable<long> SeqsAfter(long seq) => _log.Select(x => x.Entry.Seq).Where(s => s > seq);

    public string ViewJson(string viewer) => Json(Board.ViewFor(viewer));

    public static string Json(BoardView view) => JsonSerializer.Serialize(view, CoreJsonContext.Default.BoardView);
}
