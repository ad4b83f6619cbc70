using Microsoft.AspNetCore.SignalR;
using PostMortem.Server.Hubs;

namespace PostMortem.Server.Presence;

/// <summary>
/// Sends a board's presence batch to every connection on the board, on every instance: one SignalR group per
/// board. In Redis mode the group send goes through SignalR's Redis backplane (AddStackExchangeRedis), which
/// reaches the group's connections on every instance; otherwise through the in-process lifetime manager.
/// </summary>
internal interface IPresenceBroadcast
{
    /// <summary>Best effort: never blocks and never throws; a batch that cannot be sent is dropped (the next one replaces it).</summary>
    void Send(string boardId, RawJson batch, IReadOnlyList<string> exceptConnectionIds);

    /// <summary>
    /// Puts a connection in its board's group. Never throws for an unreachable backplane: the Join goes on and
    /// only presence is missing until the client reconnects.
    /// </summary>
    Task AddAsync(string connectionId, string boardId, CancellationToken cancellationToken);
}

/// <summary>The SignalR group of each board's connections (presence only: entries never go to a group, see <see cref="HubPresenceBroadcast"/>).</summary>
internal static class BoardGroups
{
    public static string Of(string boardId) => "board:" + boardId;
}

/// <summary>
/// Presence through the hub's lifetime manager. Board log entries never take this path: every instance applies
/// every entry and sends it to its own connections only, so a group send of an entry would reach each
/// connection once per instance hosting the board.
/// </summary>
internal sealed partial class HubPresenceBroadcast(IHubContext<BoardHub> hub, ILogger<HubPresenceBroadcast> logger) : IPresenceBroadcast
{
    public void Send(string boardId, RawJson batch, IReadOnlyList<string> exceptConnectionIds) =>
        _ = SendAsync(boardId, batch, exceptConnectionIds);

    public async Task AddAsync(string connectionId, string boardId, CancellationToken cancellationToken)
    {
        try
        {
            await hub.Groups.AddToGroupAsync(connectionId, BoardGroups.Of(boardId), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            GroupJoinFailed(logger, boardId, ex);
        }
    }

    private async Task SendAsync(string boardId, RawJson batch, IReadOnlyList<string> exceptConnectionIds)
    {
        try
        {
            await hub.Clients.GroupExcept(BoardGroups.Of(boardId), exceptConnectionIds).SendAsync(ClientMethods.Presence, batch);
        }
        catch (Exception ex)
        {
            // Redis away or a connection gone mid-send: presence is ephemeral and the next batch replaces this one.
            PresenceDropped(logger, boardId, ex);
        }
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Debug, Message = "A presence batch for board {BoardId} was dropped")]
    private static partial void PresenceDropped(ILogger logger, string boardId, Exception exception);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "A connection could not join the presence group of board {BoardId}; it receives no presence until it reconnects")]
    private static partial void GroupJoinFailed(ILogger logger, string boardId, Exception exception);
}
