using System.Diagnostics;
using System.Text.Json;
using PostMortem.Core;
using PostMortem.Core.Commands;
using PostMortem.Core.Log;
using PostMortem.Core.Model;
using PostMortem.Data.Snapshots;
using PostMortem.Server.Diagnostics;

namespace PostMortem.Server.Hosting;

/// <summary>
/// Runs the path of a board load once before the server takes traffic: a small board built and round-tripped
/// through a snapshot and a view, and two reads of the snapshot store. In a fresh .NET process every code
/// path is compiled on first use, and the store's second read takes a path its first did not (a cached
/// query on a new context); without this, the first participants to join after a restart or deploy paid
/// for it — measured 60–80 ms on a 500-note board's join, over a second for the very first (docs/BENCHMARKS.md).
/// Best effort: a failure here is logged and start-up carries on (the migrator has already checked the store).
/// </summary>
internal sealed class Warmup(ISnapshotStore snapshots, ILogger<Warmup> logger) : IHostedService
{
    private const string BoardId = "warm-up-board";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var board = SampleBoard();
            var copy = Board.FromSnapshot(board.ToSnapshot());
            _ = JsonSerializer.SerializeToUtf8Bytes(copy.ViewFor("warm-up-facilitator"), CoreJsonContext.Default.BoardView);
            for (var i = 0; i < 2; i++)
            {
                _ = await snapshots.LoadLatestAsync(BoardId, cancellationToken);
            }

            ServerLog.WarmedUp(logger, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ServerLog.WarmupFailed(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static Board SampleBoard()
    {
        var at = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var board = Board.Empty(BoardId);
        var seq = 0L;
        void Apply(string actor, BoardCommand command) => board.Apply(new LogEntry(++seq, at.AddSeconds(seq), actor, $"warm-up-{seq}", command));

        Apply("warm-up-facilitator", new CreateBoard("Warm-up", at, IncidentType.Other, 3, "Facilitator"));
        Apply("warm-up-participant", new Join("Participant"));
        Apply("warm-up-facilitator", new AdvancePhase());
        for (var i = 0; i < 5; i++)
        {
            Apply("warm-up-participant", new AddNote($"n{i}", NoteKind.Event, $"Deploy step {i} finished", at.AddMinutes(i), i));
        }

        return board;
    }
}
