using PostMortem.Client;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Model;
using PostMortem.Core.Protocol;
using PostMortem.Core.WriteUp;

namespace PostMortem.Web.Client.Board;

/// <summary>
/// What a board component sees and does: the view Core computed for this viewer (with its affordances: what this viewer
/// may do now) and a way to send commands. Components render <see cref="View"/> and never work out a permission; the
/// browser's implementation sits on <see cref="BoardSyncEngine"/>, the tests' on a Core board in memory.
/// Cascaded to every component under the board page.
/// </summary>
public interface IBoardSession
{
    string BoardId { get; }

    /// <summary>This browser's participant on the board.</summary>
    string ParticipantId { get; }

    /// <summary>The board as this viewer may see it, with <see cref="BoardView.Derived"/> and <see cref="BoardView.Affordances"/>; null until joined.</summary>
    BoardView? View { get; }

    ConnectionStatus Status { get; }

    /// <summary>Commands sent or queued and not yet decided by the server.</summary>
    int PendingCount { get; }

    /// <summary>Those commands, oldest first: shown as "sending…", never applied to the view before their entry.</summary>
    IReadOnlyList<PendingCommand> PendingCommands { get; }

    /// <summary>Why the session stopped (removed, board gone, token expired), in words; null while it runs.</summary>
    SyncFailure? Failure { get; }

    /// <summary>The latest cursor or focus of each other participant who moved (presence), by participant id.</summary>
    IReadOnlyDictionary<string, PresenceUpdate> Presence { get; }

    /// <summary>The server's clock (the shared timer counts down on it, not on this machine's clock).</summary>
    DateTimeOffset ServerNow();

    /// <summary>Anything above changed: re-render.</summary>
    event Action? Changed;

    /// <summary>A command of this session was decided; a rejection carries the code and the server's sentence.</summary>
    event Action<CommandResult>? CommandSettled;

    /// <summary>Queues the command (sent at once when connected, after a reconnect or reload otherwise).</summary>
    SubmittedCommand Submit(BoardCommand command);

    /// <summary>The language coach's hints for text being typed (nothing is stored).</summary>
    Task<IReadOnlyList<CoachFlag>> CheckTextAsync(string text, CancellationToken cancellationToken = default);

    /// <summary>The write-up as it would be if the meeting closed now; with names replaced by roles when <paramref name="namesAsRoles"/>.</summary>
    Task<WriteUpModel?> WriteUpPreviewAsync(bool namesAsRoles, CancellationToken cancellationToken = default);

    /// <summary>This viewer's cursor or focus, throttled by the engine.</summary>
    void SendPresence(PresenceRequest presence);
}
