using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.AspNetCore.SignalR;

namespace PostMortem.Floor;

/// <summary>One board: its id, the last sequence number given out, and the latest cursor of each participant.</summary>
internal sealed class Board(string id, string joinCode)
{
    public string Id { get; } = id;

    public string JoinCode { get; } = joinCode;

    /// <summary>Held while a seq is stamped and its entry handed to the group send.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public long Seq { get; set; }

    /// <summary>The latest update per participant since the last batch (PostMortem's PresenceMixer keeps the same).</summary>
    public ConcurrentDictionary<string, PresenceUpdate> Presence { get; } = new(StringComparer.Ordinal);
}

internal sealed class Boards
{
    private readonly ConcurrentDictionary<string, Board> _boards = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Board, byte> _presencePending = new();

    public Board Create()
    {
        var board = new Board(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(9)));
        _boards[board.Id] = board;
        return board;
    }

    public bool TryGet(string id, [NotNullWhen(true)] out Board? board) => _boards.TryGetValue(id, out board);

    public void PresencePending(Board board) => _presencePending.TryAdd(board, 0);

    /// <summary>Boards with cursor updates waiting, each taken once.</summary>
    public IEnumerable<Board> TakePresencePending()
    {
        foreach (var board in _presencePending.Keys)
        {
            if (_presencePending.TryRemove(board, out _))
            {
                yield return board;
            }
        }
    }
}

/// <summary>Sends each board's waiting cursor updates as one `presence` batch every 50 ms (PostMortem's interval).</summary>
internal sealed class PresenceFlusher(Boards boards, IHubContext<FloorHub> hub) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var board in boards.TakePresencePending())
            {
                var updates = new List<PresenceUpdate>();
                foreach (var key in board.Presence.Keys)
                {
                    if (board.Presence.TryRemove(key, out var update))
                    {
                        updates.Add(update);
                    }
                }

                if (updates.Count > 0)
                {
                    await hub.Clients.Group(board.Id).SendAsync("presence", new PresenceBatch(updates), stoppingToken);
                }
            }
        }
    }
}
