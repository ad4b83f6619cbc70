using Microsoft.Extensions.DependencyInjection;
using PostMortem.Core;
using PostMortem.Data.Snapshots;
using PostMortem.Server.Tests.Infrastructure;

namespace PostMortem.Server.Tests;

/// <summary>A graceful stop leaves every loaded board with its final snapshot (R14), saved while the services
/// the snapshot store needs are still there.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task StoppingTheServerSavesEachBoardsFinalSnapshotBeforeItsServicesAreDisposed()
    {
        var snapshots = new ContainerBoundSnapshotStore();
        string boardId;
        long lastSeq;
        // No debounced snapshot during the test: the last entry reaches a snapshot only at shutdown.
        var server = new ServerFactory(
            new Dictionary<string, string?> { ["Boards:SnapshotDebounce"] = "01:00:00" },
            services => services.AddSingleton<ISnapshotStore>(sp => snapshots.Bind(sp)));
        await using (server)
        {
            await using var board = await LiveBoard.StartAsync(server, "Alex");
            await board.AdvanceAsync();
            var ack = (await board.Participants[0].Client.SubmitAsync(LiveBoard.Note("last", "event", "the last entry"))).Accepted();
            boardId = board.BoardId;
            lastSeq = ack.Seq!.Value;
        }

        Assert.Empty(snapshots.Failures);
        Assert.Equal(lastSeq, (await snapshots.LoadLatestAsync(boardId, CancellationToken.None).WaitAsync(HubTestClient.Timeout))?.Seq);
    }

    /// <summary>Like the EF store, each save reaches into the DI container, so a save after the container is
    /// disposed fails (ObjectDisposedException) instead of passing unnoticed.</summary>
    private sealed class ContainerBoundSnapshotStore : ISnapshotStore
    {
        private readonly InMemorySnapshotStore _inner = new();
        private readonly Lock _lock = new();
        private readonly List<Exception> _failures = [];
        private IServiceProvider? _services;

        public IReadOnlyList<Exception> Failures
        {
            get
            {
                lock (_lock)
                {
                    return [.. _failures];
                }
            }
        }

        public ContainerBoundSnapshotStore Bind(IServiceProvider services)
        {
            _services = services;
            return this;
        }

        public Task<BoardSnapshot?> LoadLatestAsync(string boardId, CancellationToken cancellationToken) => _inner.LoadLatestAsync(boardId, cancellationToken);

        public Task<bool> SaveAsync(BoardSnapshot snapshot, CancellationToken cancellationToken)
        {
            try
            {
                _ = _services!.GetRequiredService<TimeProvider>();
            }
            catch (ObjectDisposedException ex)
            {
                lock (_lock)
                {
                    _failures.Add(ex);
                }

                throw;
            }

            return _inner.SaveAsync(snapshot, cancellationToken);
        }
    }
}
