using PostMortem.Client;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Core.WriteUp;
using PostMortem.Web.Client.Board;

namespace PostMortem.Web.Tests.Fakes;

/// <summary>
/// A board session over Core's real board in memory: what a component sends goes through Decide and the reducer at
/// once, so a test sees the command it sent (<see cref="Sent"/>) and the view Core computes afterwards. The people and
/// phases of a test are made the same way, with <see cref="As"/>.
/// </summary>
internal sealed class FakeBoardSession : IBoardSession
{
    public const string Facilitator = "fac";
    public const string Alice = "alice";
    public const string Bob = "bob";

    private readonly Dictionary<string, PresenceUpdate> _presence = [];
    private int _op;

    /// <summary>A board created by <see cref="Facilitator"/> ("Fran") that Alice and Bob joined, viewed by <paramref name="viewer"/>.</summary>
    /// <param name="anonymous">Phases whose authors are hidden (anonymous boards).</param>
    public FakeBoardSession(string viewer = Facilitator, AgendaPreset agenda = AgendaPreset.Ninety, IReadOnlyList<Phase>? anonymous = null)
    {
        ParticipantId = viewer;
        Board = PostMortem.Core.Board.Empty("b1");
        As(Facilitator, new CreateBoard("Pause subscription broke reconciliation", new DateTimeOffset(2026, 3, 3, 15, 47, 0, TimeSpan.Zero), IncidentType.Integration, 2, "Fran", agenda, AnonymousPhases: anonymous));
        As(Alice, new Join("Alice"));
        As(Bob, new Join("Bob"));
    }

    public PostMortem.Core.Board Board { get; }

    public DateTimeOffset Now { get; set; } = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Every command this session's components submitted, in order, with the server's answer.</summary>
    public List<(BoardCommand Command, CommandResult Result)> Sent { get; } = [];

    public string BoardId => Board.BoardId;

    public string ParticipantId { get; }

    public BoardView? View => Board.ViewFor(ParticipantId);

    public ConnectionStatus Status { get; set; } = ConnectionStatus.Connected;

    public int PendingCount => PendingCommands.Count;

    /// <summary>Commands "on their way" (a test sets them to show what the UI draws while offline).</summary>
    public IReadOnlyList<PendingCommand> PendingCommands { get; set; } = [];

    public SyncFailure? Failure { get; set; }

    public IReadOnlyDictionary<string, PresenceUpdate> Presence => _presence;

    public Func<string, IReadOnlyList<CoachFlag>> Coach { get; set; } = _ => [];

    public event Action? Changed;

    public event Action<CommandResult>? CommandSettled;

    public DateTimeOffset ServerNow() => Now;

    /// <summary>Someone else's command (or this viewer's, made by the test rather than a component), applied now.</summary>
    public Outcome As(string actor, BoardCommand command)
    {
        var clientOpId = "op-" + ++_op;
        var decision = Board.Decide(actor, clientOpId, command, Now);
        if (decision.Kind != DecisionKind.Append)
        {
            return decision.ToOutcome();
        }

        var outcome = Board.Apply(new LogEntry(Board.Seq + 1, Now, actor, clientOpId, command)).Outcome;
        Changed?.Invoke();
        return outcome;
    }

    public SubmittedCommand Submit(BoardCommand command)
    {
        var clientOpId = "op-" + ++_op;
        var decision = Board.Decide(ParticipantId, clientOpId, command, Now);
        CommandResult result;
        if (decision.Kind == DecisionKind.Append)
        {
            var outcome = Board.Apply(new LogEntry(Board.Seq + 1, Now, ParticipantId, clientOpId, command)).Outcome;
            result = new CommandResult(clientOpId, AckStatus.Of(outcome.Status), Board.Seq, outcome.Code, outcome.Message, outcome.Warnings);
        }
        else
        {
            var outcome = decision.ToOutcome();
            result = new CommandResult(clientOpId, AckStatus.Of(outcome.Status), outcome.DuplicateOfSeq, outcome.Code, outcome.Message);
        }

        Sent.Add((command, result));
        Changed?.Invoke();
        CommandSettled?.Invoke(result);
        return new SubmittedCommand(clientOpId, Task.FromResult(result));
    }

    public Task<IReadOnlyList<CoachFlag>> CheckTextAsync(string text, CancellationToken cancellationToken = default) =>
        Task.FromResult(Coach(text));

    public Task<WriteUpModel?> WriteUpPreviewAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<WriteUpModel?>(Board.WriteUp());

    public List<PresenceRequest> PresenceSent { get; } = [];

    public void SendPresence(PresenceRequest presence) => PresenceSent.Add(presence);

    /// <summary>Another participant's cursor arriving.</summary>
    public void Receive(PresenceUpdate update)
    {
        _presence[update.ParticipantId] = update;
        Changed?.Invoke();
    }

    /// <summary>Raise <see cref="Changed"/> after a test changed <see cref="Status"/>, <see cref="PendingCount"/> or <see cref="Failure"/>.</summary>
    public void NotifyChanged() => Changed?.Invoke();
}
