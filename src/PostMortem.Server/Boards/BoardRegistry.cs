using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PostMortem.Data.Records;
using PostMortem.Data.Snapshots;
using PostMortem.Server.Auth;
using PostMortem.Server.BoardLog;
using PostMortem.Server.Diagnostics;
using PostMortem.Server.Options;
using PostMortem.Server.Presence;

namespace PostMortem.Server.Boards;

/// <summary>One <see cref="BoardHost"/> per board on this instance, loaded on first use, dropped when idle.</summary>
internal sealed class BoardRegistry(
    IBoardLog log,
    ISnapshotStore snapshots,
    IOptions<BoardOptions> options,
    TimeProvider clock,
    ILogger<BoardRegistry> logger,
    IEnumerable<IAppliedEntryObserver> observers,
    IPresenceBroadcast presenceBroadcast,
    BoardMetrics? metrics = null) : IAsyncDisposable
{
    private readonly IAppliedEntryObserver[] _observers = [.. observers];
    private readonly BoardMetrics? _metrics = metrics;

    private readonly ConcurrentDictionary<string, Lazy<Task<BoardHost?>>> _hosts = new(StringComparer.Ordinal);
    private readonly Lock _flushLock = new();
    private Task? _flush;

    public int LoadedCount => _hosts.Count;

    public int ConnectionCount => Loaded().Sum(h => h.SessionCount);

    /// <summary>The most entries any loaded board has applied since its last durable snapshot.</summary>
    public long MostUnsavedEntries => Loaded().Select(h => h.UnsavedEntries).DefaultIfEmpty().Max();

    /// <summary>The board's replica, or null when no such board exists. Ids that are not canonical are not looked up.</summary>
    public async ValueTask<BoardHost?> GetAsync(string boardId, CancellationToken cancellationToken)
    {
        if (!SecretCodes.IsCanonicalId(boardId))
        {
            return null;
        }

        for (var attempt = 0; ; attempt++)
        {
            var lazy = _hosts.GetOrAdd(boardId, id => new Lazy<Task<BoardHost?>>(() => LoadAsync(id)));
            BoardHost? host;
            try
            {
                host = await lazy.Value.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _hosts.TryRemove(KeyValuePair.Create(boardId, lazy));
                throw;
            }

            if (host is null)
            {
                // Not cached: the board may be created a moment later.
                _hosts.TryRemove(KeyValuePair.Create(boardId, lazy));
                (log as LocalBoardLog)?.TryUnload(boardId);
                return null;
            }

            if (host.Touch())
            {
                return host;
            }

            // Retired or faulted between lookup and use: drop it and load afresh.
            _hosts.TryRemove(KeyValuePair.Create(boardId, lazy));
            if (attempt >= 3)
            {
                throw new BoardUnavailableException(boardId, null);
            }
        }
    }

    /// <summary>The replica if it is loaded here now (diagnostics and tests); never loads.</summary>
    public BoardHost? TryGetLoaded(string boardId) =>
        _hosts.TryGetValue(boardId, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully ? lazy.Value.Result : null;

    /// <summary>Drops hosts idle longer than the configured timeout (after a final snapshot).</summary>
    public async Task SweepAsync(TimeSpan idleTimeout)
    {
        foreach (var (boardId, lazy) in _hosts)
        {
            if (!lazy.IsValueCreated || !lazy.Value.IsCompletedSuccessfully || lazy.Value.Result is not { } host)
            {
                continue;
            }

            if (host.TryRetire(idleTimeout) && _hosts.TryRemove(KeyValuePair.Create(boardId, lazy)))
            {
                await host.DisposeAsync();
                (log as LocalBoardLog)?.TryUnload(boardId);
                ServerLog.BoardUnloaded(logger, boardId);
            }
        }
    }

    private async Task<BoardHost?> LoadAsync(string boardId)
    {
        var host = await BoardHost.LoadAsync(boardId, log, snapshots, options.Value, clock, logger, OnFault, _observers, presenceBroadcast, CancellationToken.None);
        if (host is not null)
        {
            host.Metrics = _metrics;
        }

        return host;
    }

    private void OnFault(BoardHost host)
    {
        foreach (var (boardId, lazy) in _hosts)
        {
            if (boardId == host.BoardId && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully && ReferenceEquals(lazy.Value.Result, host))
            {
                _hosts.TryRemove(KeyValuePair.Create(boardId, lazy));
            }
        }

        // Not awaited here: the host's own apply loop is the caller.
        _ = Task.Run(async () => await host.DisposeAsync());
    }

    private IEnumerable<BoardHost> Loaded() =>
        _hosts.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully && l.Value.Result is not null).Select(l => l.Value.Result!);

    /// <summary>
    /// Graceful stop, while every service is still there: each loaded board applies what its log delivered
    /// and saves its final snapshot, then is dropped. Every caller awaits the same flush: when two stops run
    /// at once (a test host stopped by its factory while Program's Run() stops it too), neither goes on to
    /// dispose the container before the snapshots are saved.
    /// </summary>
    public Task FlushAsync()
    {
        lock (_flushLock)
        {
            return _flush ??= FlushOnceAsync();
        }
    }

    private async Task FlushOnceAsync()
    {
        await Task.Yield(); // started under the lock; run outside it
        var count = 0;
        foreach (var (boardId, lazy) in _hosts)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully && lazy.Value.Result is { } host
                && _hosts.TryRemove(KeyValuePair.Create(boardId, lazy)))
            {
                await host.DisposeAsync();
                count++;
            }
        }

        ServerLog.BoardsFlushed(logger, count);
    }

    /// <summary>
    /// Runs when the DI container is disposed. A graceful stop has flushed every board already (see
    /// <see cref="BoardShutdown"/>); what is left (a host disposed without being stopped) is closed without
    /// a snapshot, because the snapshot store's services are being disposed too.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var host in Loaded().ToList())
        {
            await host.CloseAsync(saveSnapshot: false);
            ServerLog.BoardClosedWithoutSnapshot(logger, host.BoardId);
        }

        _hosts.Clear();
    }
}

/// <summary>
/// Saves every loaded board's final snapshot when the server stops, after the web server has stopped taking
/// requests (so no new entry arrives) and before the DI container — and with it the snapshot store — is disposed.
/// </summary>
internal sealed class BoardShutdown(BoardRegistry registry) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After every hosted service's StopAsync, Kestrel's included.</summary>
    public Task StoppedAsync(CancellationToken cancellationToken) => registry.FlushAsync();
}

/// <summary>Periodically drops idle board replicas.</summary>
internal sealed class BoardSweeper(BoardRegistry registry, IOptions<BoardOptions> options, TimeProvider clock, ILogger<BoardSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = options.Value.IdleTimeout;
        var period = TimeSpan.FromTicks(Math.Clamp(idle.Ticks / 2, TimeSpan.FromMilliseconds(200).Ticks, TimeSpan.FromSeconds(30).Ticks));
        using var timer = new PeriodicTimer(period, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await registry.SweepAsync(idle);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    ServerLog.SweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
