namespace PostMortem.BoardLog.Tests.Cluster;

/// <summary>
/// Server processes are heavy for a two-core machine: the cluster tests run after everything else,
/// one class at a time, so their timeouts measure the servers and not the neighbours.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "Cluster processes";
}

/// <summary>One real redis-server and two real server processes on it, shared by the tests of a class
/// that leave them running (each test makes its own board).</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private ServerProcess? _a;
    private ServerProcess? _b;

    public RedisServerFixture Redis { get; } = new();

    internal ServerProcess A => _a ?? throw new InvalidOperationException("not started");

    internal ServerProcess B => _b ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        var settings = new Dictionary<string, string>
        {
            // Smaller than the default (4096) so a client that stops reading is dropped sooner; still
            // far above the burst a healthy client receives when Redis pub/sub hands over held-back messages.
            ["Limits__OutboundQueue"] = "256",
            // Sizes SignalR's per-connection pipes (2 x this, at least 64 KiB): less buffered per connection.
            ["Limits__MaxMessageBytes"] = "16384",
        };
        var started = await Task.WhenAll(
            ServerProcess.StartAsync("A", Redis.ConnectionString, settings),
            ServerProcess.StartAsync("B", Redis.ConnectionString, settings));
        (_a, _b) = (started[0], started[1]);
    }

    public async Task DisposeAsync()
    {
        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        await Redis.DisposeAsync();
    }
}
