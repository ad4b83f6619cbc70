using System.Diagnostics;
using PostMortem.Core.Protocol;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.BoardLog.Tests.Cluster;

/// <summary>
/// A participant that adds notes one after another on its own instance until told to stop, like the web client when
/// Redis goes away: an "unavailable" answer is resubmitted with the same clientOpId (R3 makes that safe), a closed
/// connection is replaced by a fresh one (joined without lastSeq, so it starts from a snapshot view). Every answer is
/// kept, to check afterwards that each ack named the writer's own entry.
/// </summary>
internal sealed class LoadWriter(ClusterBoard board, string name, string participantId, string token, ServerProcess home, Progress progress)
{
    private static readonly TimeSpan s_giveUpAfter = TimeSpan.FromSeconds(60);
    private readonly Lock _lock = new();
    private readonly List<(string Op, Ack Ack)> _acks = [];

    public string Name { get; } = name;

    public string ParticipantId { get; } = participantId;

    public Seat Seat { get; private set; } = null!;

    public int Reconnects { get; private set; }

    public IReadOnlyList<(string Op, Ack Ack)> Acks
    {
        get
        {
            lock (_lock)
            {
                return [.. _acks];
            }
        }
    }

    public async Task ConnectAsync()
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                Seat = await board.SeatAsync(Name, ParticipantId, token, home);
                return;
            }
            catch (HubCallException) when (waited.Elapsed < s_giveUpAfter)
            {
                await Task.Delay(50); // the instance is still reloading the board; try again
            }
        }
    }

    /// <summary>Adds notes until <paramref name="stop"/> is cancelled; the command in hand is always finished first.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var op = $"{Name}-op-{i}";
            var ack = await SubmitUntilDecidedAsync(ClusterBoard.Note($"{Name}-{i}", $"{Name} #{i}"), op);
            lock (_lock)
            {
                _acks.Add((op, ack));
            }

            progress.Report(ack);
        }
    }

    private async Task<Ack> SubmitUntilDecidedAsync(object command, string clientOpId)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await Seat.Client.SubmitAsync(command, clientOpId);
            }
            catch (HubCallException ex) when (ex.Code == "unavailable" && waited.Elapsed < s_giveUpAfter)
            {
                // Redis is restarting, or the log is being repaired; the same clientOpId is safe to send again.
                await Task.Delay(20);
            }
            catch (HubCallException ex) when (ex.Code is null && waited.Elapsed < s_giveUpAfter)
            {
                // The server closed the connection (a board rewound, a reload): start afresh.
                Reconnects++;
                await ConnectAsync();
            }
        }
    }
}

/// <summary>Acks across all writers, with waits for "at least n more accepted".</summary>
internal sealed class Progress
{
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waits = [];
    private int _accepted;
    private long _maxSeq;

    public int Accepted
    {
        get
        {
            lock (_lock)
            {
                return _accepted;
            }
        }
    }

    /// <summary>The highest seq any ack named so far.</summary>
    public long MaxSeq
    {
        get
        {
            lock (_lock)
            {
                return _maxSeq;
            }
        }
    }

    public void Report(Ack ack)
    {
        lock (_lock)
        {
            if (ack.Status == "accepted")
            {
                _accepted++;
            }

            _maxSeq = Math.Max(_maxSeq, ack.Seq ?? 0);
            foreach (var wait in _waits.Where(w => _accepted >= w.Count).ToList())
            {
                wait.Reached.TrySetResult();
                _waits.Remove(wait);
            }
        }
    }

    /// <summary>Completes once <paramref name="more"/> more commands than now were accepted.</summary>
    public Task MoreAcceptedAsync(int more, TimeSpan timeout)
    {
        lock (_lock)
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waits.Add((_accepted + more, reached));
            return reached.Task.WaitAsync(timeout);
        }
    }
}
